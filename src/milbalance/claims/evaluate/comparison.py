"""Comparisons of produced, delivered, fired or stocked items between two subjects.

"A produces (or can produce) more X than B" (no ratio, the same years on both sides) is
answered from the engine's bases (``milbalance.engine.bases``): new output, capacity, output
incl. refurbished, output plus suppliers' deliveries and 155 mm only, side by side, turned
into one verdict by the published rule (docs/methodology.md, ``engine.verdict``), with the
headline and P on each basis. The verdict leads with the basis the claim names (new output;
capacity; output plus suppliers' deliveries). The speaker's own figures are left out of the
evidence (no circular evidence) and listed as said before. Other comparisons (ratios,
deliveries, consumption, historical periods) go through one engine comparison
(``milbalance.engine.compare``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from milbalance.claims.evaluate.common import EvaluatorBase
from milbalance.claims.evaluate.engine import engine_comparison
from milbalance.claims.kinds import Comparison, Measure
from milbalance.claims.verdict import Evidence, Label, Verdict
from milbalance.errors import UserError

if TYPE_CHECKING:
    from milbalance.engine.bases import BasesAnswer

MAIN_BASIS = {Measure.OUTPUT: "new-output", Measure.CAPACITY: "capacity"}
"""The measures answered from the bases, and the basis each leads with (a claim counting
suppliers' deliveries, ``Measure.SUPPLY``, leads with output-plus-supplies)."""

LABELS = {"supported": Label.SUPPORTED, "refuted": Label.REFUTED,
          "contested": Label.CONTESTED, "not checkable": Label.NOT_CHECKABLE}


def comparison(data: EvaluatorBase, c: Comparison) -> Verdict:
    """'A outproduces B', 'A makes four times as many shells as B' (items, not spending)."""
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    measure = Measure.OUTPUT if c.measure is Measure.SUPPLY else c.measure
    metric = f"{c.item}.{measure}"
    if metric not in data._metric_ids:
        raise UserError(f"no metric {metric} in the data")
    if (measure in MAIN_BASIS and c.ratio is None and c.subject_years is None
            and c.other_years is None):
        return bases_comparison(data, c, list(c.caveats))
    return engine_comparison(data, c, metric, list(c.caveats))


def bases_comparison(data: EvaluatorBase, c: Comparison, caveats: list[str]) -> Verdict:
    """The verdict on a production comparison from the bases (c.year must be set)."""
    assert c.year is not None
    from milbalance.engine.bases import bases, default_options

    speaker = c.attribution.speaker if c.attribution is not None else ""
    # the speaker's name, and the surname as a whole word ('Putin' filed for 'Vladimir Putin'),
    # as the claims' own-figure rule reads it (common.own_figure_claimant)
    names = {speaker, speaker.split()[-1]} if speaker.strip() else set()
    opts = default_options(seed=data.options.seed, exclude_claimants=frozenset(names))
    main = ("output-plus-supplies" if c.measure is Measure.SUPPLY else
            MAIN_BASIS.get(c.measure, "new-output"))
    ans = bases(data.store, c.subject, c.other, c.item, c.year, opts, main=main)
    return _verdict(c, ans, caveats)


def _verdict(c: Comparison, ans: BasesAnswer, caveats: list[str]) -> Verdict:
    from milbalance.engine.verdict import reading

    label = LABELS[ans.verdict]
    if not c.more:  # "A produces less than B": the claim holds when B is ahead
        label = {Label.SUPPORTED: Label.REFUTED, Label.REFUTED: Label.SUPPORTED}.get(label,
                                                                                   label)
    main = next((b for b in ans.bases if b.basis == ans.main), None)
    p = None if main is None or main.p_a_gt_b is None else (
        main.p_a_gt_b if c.more else 1 - main.p_a_gt_b)
    per_basis = []
    for b in ans.bases:
        if b.p_a_gt_b is None:
            per_basis.append(f"basis {b.basis}: no data ({'; '.join(b.gaps)[:200]})")
            continue
        sign = {"lower": "≥", "upper": "≤"}.get(b.bound, "=")
        per_basis.append(f"basis {b.basis}: P({ans.a} > {ans.b}) {sign} {b.p_a_gt_b:.2f} "
                         f"({reading(b)})")
    notes = [n for b in ans.bases for n in b.notes]
    said = tuple(dict.fromkeys(n.partition("] ")[2] for n in notes
                               if n.startswith("[said-before")))
    evidence = tuple(dict.fromkeys(
        Evidence(f.source, f.entity, f.metric, f.period, f.value, f.unit, f.claimant_type,
                 f.claimant, f.low, f.high, None,
                 f"{b.basis}: counted for {ans.a if f.side == 'a' else ans.b}")
        for b in ans.bases for f in b.figures))
    gaps = tuple(dict.fromkeys(g for b in ans.bases for g in b.gaps))
    caveats += [*per_basis, *said, "verdict from the bases by the rule in "
                f"docs/methodology.md (P above is on the main basis, {ans.main})"]
    assumptions = tuple(dict.fromkeys(n for n in notes if not n.startswith("[said-before")))
    return Verdict(c, label, p, ans.headline, evidence, {}, assumptions, gaps,
                   tuple(caveats))
