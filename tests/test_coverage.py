"""Coverage: groups, counts and claimants agree with the observations they summarise."""

from __future__ import annotations

from milbalance.coverage import DOCS_END, DOCS_START, coverage, markdown, with_table
from milbalance.store import Store


def test_coverage_counts_match_the_observations(store: Store) -> None:
    rows = coverage(store, entity="RUS", metric="military_expenditure.usd_current")
    assert len(rows) == 1
    (c,) = rows
    observations = store.observations("RUS", "military_expenditure.usd_current")
    assert c.observations == len(observations)
    assert set(c.sources) == {o.source for o in observations}
    assert c.first_year == min(o.period.year for o in observations)
    assert c.years == len({o.period.year for o in observations})
    assert c.missing_years == c.last_year - c.first_year + 1 - c.years


def test_by_metric_sums_the_entity_groups(store: Store) -> None:
    per_entity = coverage(store, kind="output")
    per_metric = coverage(store, kind="output", by_metric=True)
    for m in per_metric:
        parts = [c for c in per_entity if c.metric == m.metric]
        assert m.observations == sum(c.observations for c in parts)
        assert m.entities == len(parts)


def test_docs_table_is_replaced_between_its_markers() -> None:
    text = f"intro\n{DOCS_START}\nold table\n{DOCS_END}\noutro\n"
    new = with_table(text, "new table\n")
    assert new == f"intro\n{DOCS_START}\nnew table\n{DOCS_END}\noutro\n"
    assert with_table(new, "new table\n") == new


def test_markdown_has_one_row_per_metric(store: Store) -> None:
    rows = coverage(store, by_metric=True)
    assert markdown(rows).count("\n| `") == len(rows)
