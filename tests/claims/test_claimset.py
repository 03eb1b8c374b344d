"""The claim test set: parse and verdict accuracy over claims drawn from real statements.

``claimset/tuned.json`` is the part the parser was developed against; ``claimset/heldout.json``
was written at the same time from the same figures, phrased differently, and not used while
changing the parser. Each file's accuracy is printed in the pytest summary ("claim test set
accuracy") and in the test log, and the test fails below the thresholds here.

A case parses right when one claim of the sentence has the expected kind and every expected
field (subject, other, item, measure, value, year, ratio, factor, since, negated); its
verdict is right when that claim's label equals the expected one (only where the data decide).
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from milbalance.claims import Checker, Claim, Context
from tests.claims.conftest import ACCURACY_LINES

SETS = Path(__file__).resolve().parent / "claimset"
THRESHOLDS = {  # (parse accuracy, verdict accuracy) below which the test fails
    "tuned": (0.90, 0.90),
    "heldout": (0.70, 0.70),
}
log = logging.getLogger(__name__)


def _cases(name: str) -> list[dict[str, Any]]:
    data = json.loads((SETS / f"{name}.json").read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = data["cases"]
    return cases


def _field(claim: Claim, key: str) -> Any:
    if key == "value":
        quantity: Any = getattr(claim, "quantity", None)
        return None if quantity is None else quantity.value
    value: Any = getattr(claim, key, None)
    return value.value if isinstance(value, Enum) else value


def _same(want: Any, got: Any) -> bool:
    if isinstance(want, float | int) and not isinstance(want, bool):
        return isinstance(got, float | int) and math.isclose(float(want), float(got),
                                                              rel_tol=1e-3)
    return bool(want == got)


def _matches(claim: Claim, expect: dict[str, Any]) -> bool:
    return all(_same(v, _field(claim, k)) for k, v in expect.items())


@dataclass
class Outcome:
    parsed: bool
    labelled: bool
    right: bool
    note: str


def _run_case(checker: Checker, case: dict[str, Any]) -> Outcome:
    ctx = Context(on=date.fromisoformat(case["date"]))
    parse = checker.parser.parse(case["text"], ctx)
    expect = dict(case["expect"])
    if expect["kind"] == "not_checkable":
        nc = parse.not_checkable
        ok = nc is not None and str(nc.reason) == expect["reason"]
        return Outcome(ok, False, False, "" if ok else f"got {nc!r}, skipped={parse.skipped!r}")
    found = [c for c in parse.claims if _matches(c, expect)]
    if not found:
        got = [{k: _field(c, k) for k in expect} for c in parse.claims]
        return Outcome(False, "label" in case, False, f"parsed {got or parse.skipped!r}")
    if "label" not in case:
        return Outcome(True, False, False, "")
    verdict = checker.evaluator.evaluate(found[0])
    right = str(verdict.label) == case["label"]
    return Outcome(True, True, right, "" if right else f"verdict {verdict.label}: "
                   f"{verdict.summary}")


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_claim_set_accuracy(checker: Checker, name: str) -> None:
    cases = _cases(name)
    outcomes = {c["id"]: _run_case(checker, c) for c in cases}
    parsed = sum(o.parsed for o in outcomes.values())
    labelled = [o for o in outcomes.values() if o.labelled]
    right = sum(o.right for o in labelled)
    parse_acc = parsed / len(cases)
    verdict_acc = right / len(labelled) if labelled else 1.0
    line = (f"{name}: parse accuracy {parsed}/{len(cases)} = {parse_acc:.0%}, verdict accuracy "
            f"{right}/{len(labelled)} = {verdict_acc:.0%} (thresholds "
            f"{THRESHOLDS[name][0]:.0%} / {THRESHOLDS[name][1]:.0%})")
    misses = [f"  {cid}: {o.note}" for cid, o in outcomes.items() if o.note]
    ACCURACY_LINES.append(line)
    ACCURACY_LINES.extend(misses)
    log.info("%s\n%s", line, "\n".join(misses))
    parse_min, verdict_min = THRESHOLDS[name]
    assert parse_acc >= parse_min and verdict_acc >= verdict_min, "\n".join([line, *misses])


def test_claim_set_is_big_enough_and_well_formed() -> None:
    cases = _cases("tuned") + _cases("heldout")
    assert len(cases) >= 80
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids)
    texts = [c["text"] for c in cases]
    assert len(set(texts)) == len(texts), "a sentence appears twice"
    for c in cases:
        assert c["from"] and c["expect"]["kind"]
        assert c.get("label") in (None, "supported", "contested", "refuted", "not_checkable")
