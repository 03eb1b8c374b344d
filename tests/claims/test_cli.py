"""`milbalance check` and `milbalance read` end to end, through milbalance.cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from milbalance.cli import main

ARTICLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = 0
    try:
        main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "Russia allocated 13.5 trillion rubles ($151 billion) to "
                        "defense in 2024, about 6.3% of GDP.", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"claims", "skipped"}
    for c in data["claims"]:
        assert set(c) >= {"text", "kind", "label", "probability", "summary", "evidence",
                          "by_claimant", "caveats"}
        assert all("source_id" in e for e in c["evidence"])
    assert [c["kind"] for c in data["claims"]] == ["level", "level", "share_of_gdp",
                                                   "consistency"]


def test_check_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "Aid cannot change the course of the war."], capsys)
    assert code == 0
    assert "skipped" in out and "forecast" in out


def test_read_json_has_spans(capsys: pytest.CaptureFixture[str]) -> None:
    path = ARTICLES / "historical-comparison.md"
    code, out, _ = run(["read", str(path), "--date", "2025-06-27", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    text = path.read_text(encoding="utf-8")
    for c in data["claims"]:
        start, end = c["span"]
        assert text[start:end] == c["text"]
    assert data["skipped"]


def test_read_html_escapes_user_text(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.md"
    article.write_text("<script>alert(1)</script> Russia outproduces NATO in shells.\n\n"
                       "Europe should <b>act</b>.\n", encoding="utf-8")
    code, out, _ = run(["read", str(article), "--date", "2025-06-27", "--html"], capsys)
    assert code == 0
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out


@pytest.mark.parametrize("argv", [
    ["read", "does-not-exist.md"],
    ["check", "   "],
    ["check", "Russia outproduces NATO.", "--date", "2025-13-40"],
    ["read", str(ARTICLES / "putin-defence-budget.md"), "--json", "--html"],
])
def test_bad_input_exits_2_with_one_line(argv: list[str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert err.startswith("error:") and err.strip().count("\n") == 0


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    code, _, err = run(["read", str(empty)], capsys)
    assert code == 2 and "empty" in err


@pytest.mark.parametrize("sentence", [
    "Russia produced 0 shells in 2023.",
    "Russia produces 0 times as many shells as NATO.",
    "Russia produces in 0 months what NATO produces in a year.",
])
def test_check_never_a_traceback(capsys: pytest.CaptureFixture[str], sentence: str) -> None:
    code, _, err = run(["check", sentence, "--date", "2025-06-05"], capsys)
    assert code == 0 and "Traceback" not in err


def test_check_at_year_one_is_not_checkable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "Russia outproduces NATO in artillery shells.", "--date",
                        "0001-01-01", "--json"], capsys)
    assert code == 0
    for c in json.loads(out)["claims"]:
        assert c["label"] == "not_checkable"


def test_check_shows_the_reading(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Russia spent more than 4% of its GDP on the military in 2024."
    code, out, _ = run(["check", text, "--json"], capsys)
    assert code == 0
    (c,) = json.loads(out)["claims"]
    assert c["reading"] == "RUS · military_expenditure.share_gdp · 2024 · > 4%"
    assert c["label"] == "supported"
    code, out, _ = run(["check", text], capsys)
    assert "read as: RUS" in out
