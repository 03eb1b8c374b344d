"""Golden parses of examples/articles (expected.json) and verdicts where the data decide.

Prints parse and verdict accuracy over the golden claims (see with ``pytest -s``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from milbalance.claims import Checker
from milbalance.claims.report import reading_json

ARTICLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
GOLDEN: dict[str, Any] = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))


def _read(checker: Checker, name: str) -> dict[str, Any]:
    spec = GOLDEN["articles"][name]
    text = (ARTICLES / name).read_text(encoding="utf-8")
    return reading_json(checker.read(text, date.fromisoformat(spec["date"])), spans=True)


@pytest.mark.parametrize("name", sorted(GOLDEN["articles"]))
def test_article(checker: Checker, name: str) -> None:
    spec = GOLDEN["articles"][name]
    out = _read(checker, name)
    parsed = labelled = right = 0
    for want in spec["claims"]:
        found = [c for c in out["claims"] if want["sentence"] in c["text"]
                 and c["kind"] == want["kind"]]
        assert found, f"{name}: no {want['kind']} claim in '{want['sentence']}'"
        parsed += 1
        if "label" in want:
            labelled += 1
            right += found[0]["label"] == want["label"]
            assert found[0]["label"] == want["label"], found[0]["summary"]
    for want in spec["skipped"]:
        assert any(want["sentence"] in s["text"] and s["kind"] == want["kind"]
                   for s in out["skipped"]), f"{name}: '{want['sentence']}' not skipped"
    print(f"{name}: parse {parsed}/{len(spec['claims'])}, verdicts {right}/{labelled}")


def test_spans_point_into_the_article(checker: Checker) -> None:
    name = "putin-defence-budget.md"
    text = (ARTICLES / name).read_text(encoding="utf-8")
    out = _read(checker, name)
    for c in out["claims"] + out["skipped"]:
        start, end = c["span"]
        assert text[start:end] == c["text"]


def test_every_claim_carries_evidence_with_source_ids(checker: Checker) -> None:
    out = _read(checker, "historical-comparison.md")
    for c in out["claims"]:
        if c["label"] != "not_checkable":
            assert c["evidence"] and all(e["source_id"] for e in c["evidence"])
