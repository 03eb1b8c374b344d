"""Records: rank in the series, 'highest since', on the dataset and as properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from tests.spending.conftest import SIPRI

from milbalance.spending.records import rank_in_history, record
from milbalance.store import Store


def test_record_matches_the_series_read_from_the_store(store: Store) -> None:
    rows = [r for r in store.observations("RUS", "military_expenditure.share_gdp", source=SIPRI)]
    points = {r.period.year: r.central for r in rows}
    assert points, "the SIPRI import gives Russia's share of GDP 1992-2024"
    peak = max(points, key=lambda y: points[y])
    rec = record(store, "RUS", "military_expenditure.share_gdp", peak)
    assert rec.highest_in_series and rec.rank == 1
    assert rec.count == len(points)
    assert "highest in the series" in rec.summary


points_st = st.dictionaries(st.integers(1940, 2030), st.floats(0, 1e12, allow_nan=False),
                            min_size=1, max_size=40)


@given(points_st, st.data())
def test_rank_and_highest_since_are_consistent(points: dict[int, float],
                                               data: st.DataObject) -> None:
    year = data.draw(st.sampled_from(sorted(points)))
    rec = rank_in_history(list(points.items()), year)
    value = points[year]
    assert rec.rank == 1 + sum(1 for v in points.values() if v > value)
    if rec.higher_before is not None:
        assert points[rec.higher_before] >= value
        assert all(points[y] < value for y in points if rec.higher_before < y < year)
    else:
        assert all(points[y] < value for y in points if y < year)


def test_standings_rank_each_year_in_its_own_sources_series(store: Store) -> None:
    from milbalance.spending import Lookup, parse_basis, parse_years, spending_series, standings

    lookup = Lookup(store, False)
    series = spending_series(store, "RUS", parse_basis("gdp-share"), parse_years("2014-2024"),
                             lookup=lookup)
    marks = standings(lookup, series)
    peak = max((f for f in series.figures if f.published is not None),
               key=lambda f: f.published.value if f.published else 0.0)
    assert set(marks) == {f.year for f in series.figures if f.published is not None}
    source = peak.published.source if peak.published else None
    assert marks[peak.year] == record(store, "RUS", "military_expenditure.share_gdp",
                                      peak.year, source=source).summary
