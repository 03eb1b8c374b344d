"""Projections left out by default; a figure's definition; what PPP and constant US$ can show."""

from __future__ import annotations

from pathlib import Path

import pytest

from milbalance.errors import UserError
from milbalance.model import Flag
from milbalance.spending.basis import Basis, parse_years
from milbalance.spending.charts import BAND_NOTE, chart_comparison
from milbalance.spending.compare import compare_spending
from milbalance.spending.consistency import check_quote
from milbalance.spending.definitions import DEFINITIONS, Definition, figure_definition
from milbalance.spending.derive import PPP_FACTOR, Lookup, derive_ppp
from milbalance.spending.records import record
from milbalance.spending.rows import view
from milbalance.spending.series import spending_series
from milbalance.store import ObservationRow, Store

US050 = "budget.national_defense_050"
SIPRI_LABEL = DEFINITIONS[Definition.SIPRI].label


def _projected(store: Store, entity: str, metric: str) -> list[ObservationRow]:
    rows = [r for r in store.observations(entity, metric) if Flag.PROJECTION in r.flags]
    if not rows:
        pytest.skip(f"data: no projection rows for {entity} {metric}")
    return rows


def test_view_leaves_projections_out_unless_asked(store: Store) -> None:
    projected = _projected(store, "USA", US050)
    every = store.observations("USA", US050)
    assert len(view(store).observations("USA", US050)) == len(every) - len(projected)
    assert len(view(store, include_projections=True).observations("USA", US050)) == len(every)


def test_records_rank_outturns_only_by_default(store: Store) -> None:
    projected = _projected(store, "USA", US050)
    last_plan = max(r.period.year for r in projected)
    outturns = [r for r in store.observations("USA", US050) if Flag.PROJECTION not in r.flags]
    last_actual = max(r.period.year for r in outturns)
    rec = record(store, "USA", US050, last_actual)
    assert rec.last == last_actual and rec.count == len({r.period.year for r in outturns})
    with pytest.raises(UserError, match="is a projection"):
        record(store, "USA", US050, last_plan)
    rec = record(store, "USA", US050, last_plan, include_projections=True)
    assert rec.last == last_plan


def test_series_states_the_projection_rule(store: Store) -> None:
    s = spending_series(store, "RUS", Basis.LCU, parse_years("2024"))
    assert any("projections" in n and "left out" in n for n in s.notes)
    s = spending_series(store, "RUS", Basis.LCU, parse_years("2024"),
                        lookup=Lookup(store, include_projections=True))
    assert any("projections" in n and "included" in n for n in s.notes)


def _row(store: Store, entity: str, metric: str, claimant: str) -> ObservationRow:
    rows = [r for r in store.observations(entity, metric) if claimant in r.claimant]
    if not rows:
        pytest.skip(f"data: no {entity} {metric} figure from {claimant}")
    return rows[0]


def test_a_claimants_figure_on_a_general_metric_is_the_claimants_definition(
        store: Store, lookup: Lookup) -> None:
    putin = _row(store, "RUS", "military_expenditure.lcu", "Putin")
    label = figure_definition(putin.metric, putin.claimant, lookup.publisher(putin.source))
    assert label.startswith(f"{putin.claimant}'s own definition") and "SIPRI" not in label
    sipri = next(r for r in store.observations("RUS", "military_expenditure.lcu")
                 if r.source == "sipri-milex-2025")
    assert figure_definition(sipri.metric, sipri.claimant,
                             lookup.publisher(sipri.source)) == SIPRI_LABEL
    relayed = _row(store, "RUS", "military_expenditure.lcu", "SIPRI")  # via BOFIT
    assert figure_definition(relayed.metric, relayed.claimant,
                             lookup.publisher(relayed.source)) == SIPRI_LABEL
    chapter = store.observations("RUS", "budget.national_defence")[0]
    assert figure_definition(chapter.metric, "Vladimir Putin") == \
        DEFINITIONS[Definition.RU_NATIONAL_DEFENCE].label


def test_consistency_match_names_the_claimants_definition(store: Store) -> None:
    putin = _row(store, "RUS", "military_expenditure.lcu", "Putin")
    r = check_quote(store, putin.period.year, amount=putin.central, currency="RUB")
    own = [m for m in r.matches if m.source == putin.source and m.metric == putin.metric]
    assert own and all(m.definition.startswith(putin.claimant) for m in own)


def test_ppp_is_derived_only_from_a_factor_in_the_data(store: Store, lookup: Lookup) -> None:
    factors = store.observations(metric=PPP_FACTOR)
    years = parse_years("2014-2024")
    if not any(r.entity == "RUS" for r in factors):
        assert all(derive_ppp(lookup, "RUS", y, "military_expenditure.lcu") is None
                   for y in years.years)
        s = spending_series(store, "RUS", Basis.PPP, years, lookup=lookup)
        assert any(f"no {PPP_FACTOR}" in n and "RUS" in n for n in s.notes)
    for f in factors:
        d = derive_ppp(lookup, f.entity, f.period.year, "military_expenditure.lcu")
        amount = lookup.best(f.entity, "military_expenditure.lcu", f.period.year)
        if d is not None and amount is not None:
            assert d.value == pytest.approx(amount.value / lookup.best(
                f.entity, PPP_FACTOR, f.period.year).value)  # type: ignore[union-attr]


def test_constant_usd_is_published_only(store: Store, lookup: Lookup) -> None:
    s = spending_series(store, "RUS", Basis.CONSTANT_USD, parse_years("2024"), lookup=lookup)
    assert any("published figures only" in n and "deflator" in n for n in s.notes)
    assert s.figures[0].derived is None


def test_comparison_chart_has_the_band_and_sources(store: Store, tmp_path: Path) -> None:
    cmp = compare_spending(store, "NATO", "RUS", Basis.USD, parse_years("2022-2024"))
    if not any(r.answer is not None and r.answer.uncertain for r in cmp.rows):
        pytest.skip("data: no uncertain year 2022-2024")
    for suffix in (".png", ".svg"):
        path = chart_comparison(cmp, tmp_path / f"cmp{suffix}")
        assert path.stat().st_size > 0
    text = (tmp_path / "cmp.svg").read_text()
    assert BAND_NOTE.split(":")[0] in text
    for source in cmp.sources:
        assert source in text
