"""The CLI end to end: real data, JSON on every command, clean one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import append_row, as_csv, first_row, run_cli


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(list(args), capsys)


@pytest.fixture(autouse=True)
def private_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MILBALANCE_STORE", str(tmp_path / "cli-store.duckdb"))


def test_validate_clean_data(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    code, out, _ = run(capsys, "--data", str(data_copy), "validate")
    assert code == 0
    assert out.startswith("ok")


def test_validate_lists_every_error_with_file_and_line(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    sipri = data_copy / "observations" / "sipri-milex-2025.csv"
    row = first_row(sipri, entity="RUS", metric="military_expenditure.usd_current")
    bad_entity = append_row(sipri, as_csv({**row, "entity": "RUSS", "period": "1948"}))
    bad_source = append_row(sipri, as_csv({**row, "source": "", "period": "1947"}))
    code, _, err = run(capsys, "--data", str(data_copy), "validate")
    assert code == 2
    assert f"sipri-milex-2025.csv:{bad_entity}: field 'entity' = 'RUSS'" in err
    assert f"sipri-milex-2025.csv:{bad_source}: field 'source' = ''" in err
    assert "2 problem(s) found" in err
    assert "Traceback" not in err


def test_validate_json(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    sipri = data_copy / "observations" / "sipri-milex-2025.csv"
    row = first_row(sipri, entity="RUS", metric="military_expenditure.usd_current")
    line = append_row(sipri, as_csv({**row, "unit": "RUB", "period": "1948"}))
    code, out, _ = run(capsys, "--data", str(data_copy), "validate", "--json")
    assert code == 2
    issues = json.loads(out)["issues"]
    assert [(i["line"], i["field"]) for i in issues] == [(line, "unit")]


def test_series_shows_two_claimants_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "series", "RUS", "military_expenditure.usd_current",
                       "--from", "2024", "--to", "2024", "--json")
    assert code == 0
    rows = json.loads(out)["observations"]
    assert len({(r["source"], r["claimant"]) for r in rows}) >= 2
    code, table, _ = run(capsys, "series", "Russia", "military_expenditure.usd_current")
    assert code == 0
    assert "sipri-milex-2025" in table and "IISS" in table


def test_unknown_entity_is_one_line_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "series", "Rusia", "military_expenditure.usd_current")
    assert code == 2
    assert out == ""
    assert err.strip().splitlines() == [err.strip()]
    assert "unknown entity 'Rusia'" in err and "RUS" in err


def test_unknown_metric_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "series", "RUS", "military_expenditure.usd_currnt")
    assert code == 2
    assert "did you mean military_expenditure.usd_current" in err


@pytest.mark.parametrize(
    "args",
    [("entities",), ("metrics",), ("sources",), ("members", "NATO", "--on", "2024-03-07"),
     ("statements",), ("entities", "--kind", "bloc")],
)
def test_every_command_speaks_json(capsys: pytest.CaptureFixture[str], args: tuple[str]) -> None:
    code, out, _ = run(capsys, *args, "--json")
    assert code == 0
    assert isinstance(json.loads(out), list | dict)  # parses as JSON


def test_members_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "members", "NATO", "--on", "2023-04-04", "--json")
    assert code == 0
    assert "FIN" in {m["member"] for m in json.loads(out)["members"]}
    code, out, _ = run(capsys, "members", "NATO", "--on", "2023-04-03", "--json")
    assert "FIN" not in {m["member"] for m in json.loads(out)["members"]}


def test_series_shows_several_definitions_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "series", "USA", "military_expenditure.share_gdp",
                       "budget.national_defense_050.share_gdp", "--from", "1950",
                       "--to", "1953", "--json")
    assert code == 0
    rows = json.loads(out)["observations"]
    by_source = {(r["metric"], r["source"]) for r in rows}
    assert ("military_expenditure.share_gdp", "sipri-milex-2025") in by_source
    assert any(m == "budget.national_defense_050.share_gdp" and s.startswith("omb-")
               for m, s in by_source)
    code, table, _ = run(capsys, "series", "USA", "military_expenditure.share_gdp",
                         "budget.national_defense_050.share_gdp", "--from", "1952",
                         "--to", "1952")
    assert "[FY1952]" in table  # the fiscal year is named, not passed off as a calendar year


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from milbalance import __version__

    code, out, _ = run_cli(["--version"], capsys)
    assert (code, out.strip()) == (0, f"milbalance {__version__}")


@pytest.mark.parametrize("args", [("series", "RUS", "artillery_shells.output"), ("sources",)])
def test_ids_and_addresses_are_never_cut(capsys: pytest.CaptureFixture[str],
                                         args: tuple[str, ...]) -> None:
    from milbalance.store import Store

    with Store.open() as store:
        sources = store.sources()
    code, out, _ = run_cli(list(args), capsys)
    assert code == 0
    lines = out.splitlines()
    shown = [s for s in sources if s.id in out]
    assert shown
    for s in shown:  # the id and the whole address each sit on one line
        assert any(s.url in line for line in lines), s.url
        assert any(s.id in line for line in lines)
