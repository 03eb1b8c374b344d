"""Production network: lines and their ramps → stage capacity per bloc and year → finished
output bounded by the scarcest stage (closed form, or a HiGHS LP where trade is constrained),
crossover years between blocs, and stockpile scenarios.

Modules, one concept each:

    records      ProductionLine, BomEntry, Stage, LineStatus, Basis (what data/production holds)
    assumptions  named modelling assumptions (delay risk, ramp when unpublished, …)
    sampling     the one place ranges are sampled (to be pointed at milbalance.engine)
    ramp         linear ramp curves averaged over calendar years
    capacity     stage capacity per country, year and sample, with gaps
    network      the bottleneck LP (HiGHS) and its closed form
    projection   capacity, bottleneck and crossover answers for the CLI
    scenario     stockpile scenarios read from YAML
"""
