"""The data format page documents exactly the columns the schema declares."""

from __future__ import annotations

import re
from pathlib import Path

from milbalance import schema
from milbalance.coverage import DOCS_END, DOCS_START, coverage
from milbalance.store import Store

DOCS = Path(__file__).resolve().parents[1] / "docs" / "data.md"


def test_every_declared_column_is_documented_under_its_file() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for spec in schema.FILES:
        heading = f"### `data/{spec.pattern}`"
        assert heading in text, f"docs/data.md lacks a section for {spec.pattern}"
        section = text.split(heading, 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)
        assert documented == list(spec.names), spec.pattern


def test_coverage_table_lists_every_metric_with_data(store: Store) -> None:
    text = DOCS.read_text(encoding="utf-8")
    table = text.split(DOCS_START, 1)[1].split(DOCS_END, 1)[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE))
    covered = {c.metric for c in coverage(store, by_metric=True)}
    assert documented == covered, "run `make docs` to refresh docs/data.md"
