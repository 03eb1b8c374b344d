"""``milbalance estimate`` and ``milbalance compare`` end to end on the fixture data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli as run


def test_compare_json_keys(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--data", str(data_dir), "compare", "NATO", "RUS", "--metric",
                        "military_expenditure.usd_current", "--year", "2024", "--samples",
                        "2000", "--seed", "5", "--json"], capsys)
    assert code == 0
    body = json.loads(out)
    for key in ("a", "b", "p_a_gt_b", "quantiles", "by_claimant", "contributions", "gaps",
                "drivers", "seed", "samples", "assumptions", "estimator"):
        assert key in body
    assert body["p_a_gt_b"] == 1.0 and body["seed"] == 5 and body["samples"] == 2000
    assert body["estimator"]["asked"] == "rqmc"
    code, out, _ = run(["--data", str(data_dir), "compare", "NATO", "RUS", "--metric",
                        "military_expenditure.usd_current", "--year", "2024", "--samples",
                        "2000", "--estimator", "mc", "--json"], capsys)
    assert code == 0 and json.loads(out)["estimator"]["used"] == "mc"
    assert {g["member"] for g in body["gaps"]} >= {"FRA", "GBR"}


def test_compare_table_and_estimate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--data", str(data_dir), "compare", "RUS", "RUS", "--metric",
                        "artillery_shells.output", "--year", "2024", "--samples", "1000"],
                       capsys)
    assert code == 0 and "P(RUS > RUS)" in out and "tie 1.000" in out
    code, out, _ = run(["--data", str(data_dir), "estimate", "UKR",
                        "artillery_shells.consumption", "--year", "2023", "--samples", "1000"],
                       capsys)
    assert code == 0 and "range-confidence" in out


def test_errors_are_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--data", str(data_dir), "estimate", "RUS",
                        "military_expenditure.usd_current", "--year", "1990"], capsys)
    assert code == 2 and err.startswith("error: no military_expenditure") and "Traceback" \
        not in err
    code, _, err = run(["--data", str(data_dir), "compare", "RUS", "RUS", "--metric",
                        "artillery_shells.output_incl_refurbished", "--metric-b",
                        "artillery_shells.output", "--year", "2024"], capsys)
    assert code == 2 and "--allow-mixed-kinds" in err
    code, _, err = run(["--data", str(data_dir), "estimate", "Rusia",
                        "military_expenditure.usd_current", "--year", "2024"], capsys)
    assert code == 2 and "did you mean" in err
