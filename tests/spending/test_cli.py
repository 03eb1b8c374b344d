"""The spending and consistency commands end to end, through milbalance.cli.main."""

from __future__ import annotations

import json

import pytest
from tests.conftest import run_cli as run


def test_spending_gdp_share_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["spending", "RUS", "--basis", "gdp-share", "--years", "2014-2024"],
                       capsys)
    assert code == 0
    assert "Russia" in out and "2014" in out and "2024" in out
    assert "sipri-milex-2025" in out


def test_spending_nato_vs_rus_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["spending", "NATO", "--vs", "RUS", "--basis", "usd", "--years",
                        "2014-2024", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data["comparisons"]) == {"usd", "ppp"}
    usd = data["comparisons"]["usd"]
    assert len(usd["rows"]) == 11
    assert usd["a"]["entity"] == "NATO" and usd["b"]["entity"] == "RUS"


def test_consistency_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["consistency", "--amount", "13.5e12", "--currency", "RUB", "--usd",
                        "151e9", "--gdp-share", "6.3", "--year", "2024"], capsys)
    assert code == 0
    assert "implied exchange rate" in out and "implied GDP" in out
    assert "Verdict per figure" in out


def test_consistency_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["consistency", "--amount", "13.5e12", "--currency", "RUB", "--usd",
                        "151e9", "--year", "2024", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["result"]["implied_rate"] == pytest.approx(13.5e12 / 151e9)


@pytest.mark.parametrize(("argv", "message"), [
    (["spending", "RUS", "--years", "2025-2014"], "ends before it starts"),
    (["spending", "RUS", "--basis", "euro"], "use one of: lcu, usd"),
    (["spending", "NATO", "--basis", "lcu"], "not defined for a bloc"),
    (["spending", "Atlantis"], "unknown entity"),
    (["consistency", "--year", "2024", "--currency", "RUB"], "at least one figure"),
])
def test_bad_input_is_one_line_exit_2(argv: list[str], message: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_nato_vs_rus_table_has_probability_and_assumptions(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["spending", "NATO", "--vs", "RUS", "--basis", "usd", "--years",
                        "2022-2024", "--samples", "4000"], capsys)
    assert code == 0
    assert "P(NATO > RUS)" in out and "assumptions" in out and "seed 20240101" in out
    assert "projections" in out and "left out" in out


def test_nato_vs_rus_json_carries_p_and_quantiles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["spending", "NATO", "--vs", "RUS", "--basis", "usd", "--years",
                        "2024", "--samples", "4000", "--json"], capsys)
    assert code == 0
    row = json.loads(out)["comparisons"]["usd"]["rows"][0]
    ans = row["answer"]
    total = ans["p_a_gt_b"] + ans["p_b_gt_a"] + ans["p_tie"]
    assert total == pytest.approx(1.0)
    assert ans["ratio"]["p5"] <= ans["ratio"]["p50"] <= ans["ratio"]["p95"]


def test_ppp_comparison_says_what_it_cannot_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["spending", "NATO", "--vs", "RUS", "--basis", "ppp", "--years",
                        "2014-2024"], capsys)
    assert code == 0
    flat = " ".join(out.split())
    assert "no year has published figures on both sides" in flat  # derived, not sampled
    assert "the figures shown are derived" in flat
    assert "ppp_factor.lcu_per_intl_usd" in out


def test_include_projections_is_stated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["spending", "USA", "--basis", "usd", "--definition", "us-050",
                        "--years", "2020-2028", "--include-projections", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert "included" in data["projections"]
    assert data["series"]["figures"][-1]["published"] is not None
