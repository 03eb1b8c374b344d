"""Series, provenance and bloc sums, checked against the dataset read through the store."""

from __future__ import annotations

import math
from datetime import date

from tests.spending.conftest import SIPRI, one

from milbalance.spending.basis import Basis, parse_years
from milbalance.spending.compare import compare_spending
from milbalance.spending.definitions import Definition, cross_definition_note
from milbalance.spending.derive import Lookup
from milbalance.spending.series import spending_series
from milbalance.store import Store


def test_published_figure_is_preferred_and_sourced(store: Store, lookup: Lookup) -> None:
    row = one(store, "RUS", "military_expenditure.usd_current", 2024)
    s = spending_series(store, "Russia", Basis.USD, parse_years("2024"), lookup=lookup)
    fig = s.figures[0]
    assert fig.published is not None
    assert fig.published.source == SIPRI  # the source covering most of the series
    assert fig.value == row.value
    assert all(o.source != SIPRI for o in fig.alternatives)


def test_derived_share_records_inputs_and_difference(store: Store, lookup: Lookup) -> None:
    s = spending_series(store, "RUS", Basis.GDP_SHARE, parse_years("2024"), lookup=lookup)
    fig = s.figures[0]
    if fig.derived is None or fig.published is None:
        return  # no GDP reference yet: nothing to compare (reported as a gap)
    lcu, gdp = fig.derived.inputs
    assert lcu.metric == "military_expenditure.lcu" and gdp.metric == "gdp.lcu"
    assert math.isclose(fig.derived.value, 100 * lcu.value / gdp.value)
    assert fig.difference is not None
    assert math.isclose(fig.difference, fig.derived.value / fig.published.value - 1)


def test_bloc_total_is_the_sum_over_active_members(store: Store, lookup: Lookup) -> None:
    year = 2024
    s = spending_series(store, "NATO", Basis.USD, parse_years(str(year)), lookup=lookup)
    members = {m.member for m in store.memberships("NATO")
               if m.start <= date(year, 12, 31) and (m.end is None or m.end >= date(year, 1, 1))}
    bloc = s.blocs[0]
    assert set(bloc.members) == members
    expected = 0.0
    missing = set()
    for m in members:
        rows = [r for r in store.observations(m, "military_expenditure.usd_current",
                                              start_year=year, end_year=year, source=SIPRI)]
        if rows:
            expected += rows[0].central
        else:
            missing.add(m)
    assert set(bloc.gaps) == missing
    if len(missing) < len(members):
        assert s.figures[0].value is not None
        assert math.isclose(s.figures[0].value, expected, rel_tol=1e-9)


def test_gaps_are_never_zero_filled(store: Store, lookup: Lookup) -> None:
    s = spending_series(store, "NATO", Basis.PPP, parse_years("2024"), lookup=lookup)
    bloc = s.blocs[0]
    if not bloc.counted:
        assert s.figures[0].value is None
        assert s.gaps and "no member has a figure" in s.gaps[0]


def test_comparison_ratio_and_definition_note(store: Store, lookup: Lookup) -> None:
    cmp = compare_spending(store, "NATO", "RUS", Basis.USD, parse_years("2024"), lookup=lookup)
    row = cmp.rows[0]
    if row.a is not None and row.b is not None:  # the engine's median of A / B
        q = row.ratio_quantiles
        assert q is not None and row.ratio == q.p50 and q.p5 <= q.p50 <= q.p95
    assert cross_definition_note(Definition.SIPRI, Definition.SIPRI) == ""
    note = cross_definition_note(Definition.RU_NATIONAL_DEFENCE, Definition.US_050)
    assert "different definitions" in note and "fiscal years" in note
