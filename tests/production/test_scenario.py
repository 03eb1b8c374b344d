"""Stockpile scenarios: examples run, bad files fail with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from milbalance.errors import DataError
from milbalance.production.scenario import run_scenario
from milbalance.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_examples_run(store: Store, name: str) -> None:
    r = run_scenario(EXAMPLES / name, store)
    assert r.months == len(r.stock_median)
    assert all(i.origin.startswith(("observation", "user-set assumption")) for i in r.inputs)
    assert min(r.stock_p5) >= 0  # a stock never goes below zero
    assert bool(r.out_of_range) == (r.p_depleted > 0)  # and leaving the range is said


def _errors(store: Store, tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        run_scenario(path, store)
    return [str(i) for i in info.value.issues]


def test_bad_scenario_reports_each_problem_at_its_line(store: Store, tmp_path: Path) -> None:
    text = (
        "entity: RUS\n"
        "item: artillery_shells\n"
        "start: 2023-10\n"
        "months: many\n"
        "stock:\n"
        "  observation: {entity: RUS, metric: artillery_shells.stockpile, period: 1999}\n"
        "consumption:\n"
        "  assume: 300000\n"
        "colour: red\n"
    )
    errs = _errors(store, tmp_path, text)
    joined = "\n".join(errs)
    assert "bad.yaml:4: field 'months' = 'many': is not a number" in joined
    assert "bad.yaml:6: field 'stock.observation'" in joined and "matches no observation" in joined
    assert "bad.yaml:8: field 'consumption'" in joined and "needs 'why:'" in joined
    assert "bad.yaml:9: field 'colour'" in joined


def test_invalid_yaml_has_a_line(store: Store, tmp_path: Path) -> None:
    errs = _errors(store, tmp_path, "entity: RUS\nstock: [1, 2\n")
    assert errs[0].startswith(str(tmp_path / "bad.yaml") + ":")


def test_constant_flows_deplete_on_schedule(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text("entity: RUS\nitem: artillery_shells\nstart: 2024-01\nmonths: 12\n"
                    "stock: {assume: 1000, why: toy}\n"
                    "consumption: {assume: 300, why: toy}\n", encoding="utf-8")
    r = run_scenario(path, store)
    assert r.stock_median[:5] == (700.0, 400.0, 100.0, 0.0, 0.0)  # stops at zero
    assert r.depletion_month_median == 4
    assert "month 4" in r.out_of_range
