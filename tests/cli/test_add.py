"""`milbalance add`: a sourced row is appended and checked with the whole data folder; a bad
row leaves every data file byte for byte as it was, with validate's own messages."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.conftest import append_row

MUNITIONS = Path("observations") / "munitions.csv"
GOOD = ("--entity", "RUS", "--metric", "artillery_shells.output", "--period", "2026",
        "--value", "4200000", "--source", "liga-2024-02-26-skibitskyi",
        "--claimant", "A test claimant", "--flags", "estimate;projection",
        "--notes", "a note, with a comma")


@pytest.fixture(autouse=True)
def own_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MILBALANCE_STORE", str(tmp_path / "add-store.duckdb"))


def snapshot(root: Path) -> dict[str, str]:
    """Every file under the data folder (hidden ones too) with its hash."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_add_observation_appends_a_checked_row(cli: Cli, data_copy: Path) -> None:
    before = (data_copy / MUNITIONS).read_bytes()
    lines = before.decode().count("\n")
    code, out, err = cli("--data", str(data_copy), "add", "observation", *GOOD)
    assert code == 0, err
    after = (data_copy / MUNITIONS).read_bytes()
    assert after.startswith(before)  # appended, nothing else touched
    written = after[len(before):].decode()
    assert written == ("RUS,artillery_shells.output,2026,4200000,,,,,rounds_per_year,"
                       "liga-2024-02-26-skibitskyi,A test claimant,,estimate;projection,"
                       '"a note, with a comma"\n')  # the unit defaults to the metric's
    assert f"munitions.csv:{lines + 1}: RUS,artillery_shells.output,2026" in out
    code, raw, _ = cli("--data", str(data_copy), "series", "RUS", "artillery_shells.output",
                       "--from", "2026", "--json")
    assert [o["value"] for o in json.loads(raw)["observations"]] == [4200000]
    assert not list(data_copy.rglob(".*adding*"))  # nothing left aside


def test_a_bad_row_writes_nothing_and_says_what_validate_says(cli: Cli, data_copy: Path,
                                                              tmp_path: Path) -> None:
    before = snapshot(data_copy)
    bad = [*GOOD]
    bad[bad.index("RUS")] = "RUSS"
    bad[bad.index("liga-2024-02-26-skibitskyi")] = "no-such-source"
    code, out, err = cli("--data", str(data_copy), "add", "observation", *bad)
    assert code == 2
    assert out == ""
    assert snapshot(data_copy) == before  # byte-identical, no stray file
    # validate, given the same row by hand, prints the same lines
    line = append_row(data_copy / MUNITIONS,
                      "RUSS,artillery_shells.output,2026,4200000,,,,,rounds_per_year,"
                      "no-such-source,A test claimant,,estimate;projection,x")
    code, _, expected = cli("--data", str(data_copy), "validate")
    assert code == 2
    problems = [x for x in err.splitlines() if "munitions.csv" in x]
    assert problems == [x for x in expected.splitlines() if "munitions.csv" in x]
    assert len(problems) == 2 and f"munitions.csv:{line}: field 'entity' = 'RUSS'" in err
    assert "nothing written" in err and "2 problem(s) found" in err


def test_a_problem_elsewhere_in_the_folder_blocks_the_write(cli: Cli, data_copy: Path) -> None:
    append_row(data_copy / "observations" / "spending.csv",
               "RUS,no_such_metric,2024,1,,,,,USD,sipri-milex-2025,,,,")
    before = snapshot(data_copy)
    code, out, _ = cli("--data", str(data_copy), "add", "observation", *GOOD, "--json")
    assert code == 2
    assert snapshot(data_copy) == before
    assert [Path(i["path"]).name for i in json.loads(out)["issues"]] == ["spending.csv"]


def test_json_failure_lists_the_issues(cli: Cli, data_copy: Path) -> None:
    bad = [*GOOD]
    bad[bad.index("2026")] = "20x6"
    code, out, _ = cli("--data", str(data_copy), "add", "observation", *bad, "--json")
    assert code == 2
    body = json.loads(out)
    assert body["written"] is False
    assert [i["field"] for i in body["issues"]] == ["period"]


def test_missing_flags_without_a_terminal(cli: Cli, data_copy: Path) -> None:
    before = snapshot(data_copy)
    code, _, err = cli("--data", str(data_copy), "add", "observation", "--entity", "RUS")
    assert code == 2
    assert "missing --metric, --period" in err and "--source" in err
    assert snapshot(data_copy) == before


def test_add_statement_with_a_derived_id(cli: Cli, data_copy: Path) -> None:
    code, out, err = cli("--data", str(data_copy), "add", "statement", "--claimant",
                         "Mark Rutte", "--claimant-type", "official-nato", "--date",
                         "2025-12-01", "--about", "NATO;RUS", "--summary",
                         "NATO now out-produces Russia.", "--source",
                         "rbc-2025-06-05-rutte", "--json")
    assert code == 0, err
    body = json.loads(out)
    assert body["rows"][0]["id"] == "mark-rutte-2025-12-01"
    assert body["path"].endswith("statements.csv")
    code, raw, _ = cli("--data", str(data_copy), "statements", "--json")
    assert "mark-rutte-2025-12-01" in {s["id"] for s in json.loads(raw)}


def test_importer_files_are_refused(cli: Cli, data_copy: Path) -> None:
    code, _, err = cli("--data", str(data_copy), "add", "observation", *GOOD, "--file",
                       "sipri-milex-2025.csv")
    assert code == 2
    assert "written by `milbalance import`" in err


def test_prompts_for_what_is_missing_in_a_terminal(data_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from milbalance.cli import add_cmd, app

    monkeypatch.setattr(add_cmd, "interactive", lambda: True)
    answers = "2026\n4200000\nliga-2024-02-26-skibitskyi\n"  # period, value, source
    result = CliRunner().invoke(app, ["--data", str(data_copy), "add", "observation",
                                      "--entity", "RUS", "--metric",
                                      "artillery_shells.output"], input=answers)
    assert result.exit_code == 0, result.output
    assert "period (2024, FY2024" in result.output  # each prompt says what the field is
    tail = (data_copy / MUNITIONS).read_text(encoding="utf-8").splitlines()[-1]
    assert tail.startswith("RUS,artillery_shells.output,2026,4200000,,,,,rounds_per_year,"
                           "liga-2024-02-26-skibitskyi,")


def test_a_new_file_gets_the_header(cli: Cli, data_copy: Path) -> None:
    code, _, err = cli("--data", str(data_copy), "add", "observation", *GOOD, "--file",
                       "handmade-2026.csv")
    assert code == 0, err
    lines = (data_copy / "observations" / "handmade-2026.csv").read_text().splitlines()
    assert lines[0].startswith("entity,metric,period,value")
    assert lines[1].startswith("RUS,artillery_shells.output,2026,4200000")


def test_a_bound_alone_needs_no_value(cli: Cli, data_copy: Path) -> None:
    bound = [*GOOD]
    bound[bound.index("--value")] = "--high"
    code, _, err = cli("--data", str(data_copy), "add", "observation", *bound,
                       "--notes", "up to 4.2 million")
    assert code == 0, err  # a high alone is a figure (an upper bound, said in the notes)
    tail = (data_copy / MUNITIONS).read_text(encoding="utf-8").splitlines()[-1]
    assert tail.startswith("RUS,artillery_shells.output,2026,,,4200000,")
