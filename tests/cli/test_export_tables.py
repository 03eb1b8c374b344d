"""--csv and --xlsx write the figures the table shows (unrounded, with source ids), and the
workbook holds a header row and a sheet of the sources."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from milbalance.formatting import number
from tests.cli.conftest import Cli

FAST = ("--samples", "2000")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_xlsx(path: Path) -> tuple[list[list[object]], list[list[object]]]:
    book = load_workbook(path)
    table = [list(r) for r in book["table"].iter_rows(values_only=True)]
    sources = [list(r) for r in book["sources"].iter_rows(values_only=True)]
    return table, sources


def test_series_rows_are_the_tables_figures(cli: Cli, tmp_path: Path) -> None:
    out_csv, out_xlsx = tmp_path / "s.csv", tmp_path / "s.xlsx"
    code, table, err = cli("series", "RUS", "artillery_shells.output", "--csv", str(out_csv),
                           "--xlsx", str(out_xlsx))
    assert code == 0, err
    code, raw, _ = cli("series", "RUS", "artillery_shells.output", "--json")
    observations = json.loads(raw)["observations"]
    rows = read_csv(out_csv)
    assert len(rows) == len(observations) >= 4
    for row, o in zip(rows, observations, strict=True):
        assert (row["claimant"], row["sources"]) == (o["claimant"], o["source"])
        assert float(row["value"]) == o["value"]
        assert number(float(row["value"]), row["unit"]) in table  # the cell on screen
    sheet, sources = read_xlsx(out_xlsx)
    assert sheet[0] == list(rows[0].keys())  # header row
    assert [r[sheet[0].index("value")] for r in sheet[1:]] == [o["value"] for o in observations]
    assert sources[0][:2] == ["id", "title"]
    assert {r[0] for r in sources[1:]} == {o["source"] for o in observations}
    assert all(str(r[-1]).startswith(("http", "github:")) for r in sources[1:])


def test_compare_rows_match_the_quantile_table(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    args = ("compare", "NATO", "RUS", "--metric", "artillery_shells.output", "--year", "2024",
            *FAST)
    code, table, err = cli(*args, "--csv", str(out))
    assert code == 0, err
    rows = {r["row"]: r for r in read_csv(out)}
    lines: dict[str, str] = {}
    for line in table.splitlines():  # the first table: the quantiles
        if "│" in line:
            lines.setdefault(line.split("│")[1].strip(), line)
    for side in ("NATO", "RUS"):
        cells = [c.strip() for c in lines[side].split("│")[2:6]]
        assert cells == [number(float(rows[side][k]), "rounds_per_year")
                         for k in ("p5", "p50", "p95", "mean")]
        assert rows[side]["sources"]
    p = float(rows["NATO"]["P(NATO > RUS)"])
    assert f"P(NATO > RUS) = {p:.3f}" in table
    code, raw, _ = cli(*args, "--json")
    assert json.loads(raw)["p_a_gt_b"] == p


def test_spending_comparison_rows(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "sp.xlsx"
    code, table, err = cli("spending", "NATO", "--vs", "RUS", "--years", "2022-2023",
                           "--xlsx", str(out))
    assert code == 0, err
    sheet, sources = read_xlsx(out)
    head = sheet[0]
    usd = [r for r in sheet[1:] if r[head.index("basis")] == "usd"]
    assert [r[head.index("year")] for r in usd] == [2022, 2023]
    for r in usd:
        median = r[head.index("NATO median")]
        assert isinstance(median, float)  # a number, not text
        assert number(median, "USD") in table
    assert "sipri-milex-2025" in {r[0] for r in sources}


@pytest.mark.parametrize("command", [("capacity", "NATO"), ("crossover", "NATO", "RUS")])
def test_production_rows_one_per_year(cli: Cli, tmp_path: Path,
                                      command: tuple[str, ...]) -> None:
    out = tmp_path / "p.csv"
    args = (*command, "--years", "2024-2026", *FAST)
    code, _, err = cli(*args, "--csv", str(out))
    assert code == 0, err
    code, raw, _ = cli(*args, "--json")
    result = json.loads(raw)
    rows = read_csv(out)
    assert [int(r["year"]) for r in rows] == [y["year"] for y in result["years"]]
    if command[0] == "capacity":
        for r, y in zip(rows, result["years"], strict=True):
            assert (float(r["modelled median"]) if r["modelled median"] else None) == y["median"]
    else:
        first = result["years"][-1]["lines"]["p_a_greater"]
        assert float(rows[-1]["lines: P(NATO > RUS)"]) == first


def test_a_wrong_suffix_is_refused_before_any_work(cli: Cli) -> None:
    code, out, err = cli("capacity", "NATO", "--csv", "s.txt")
    assert (code, out) == (2, "")
    assert "'s.txt' must end in .csv" in err and "Traceback" not in err
    code, _, err = cli("series", "RUS", "artillery_shells.output", "--xlsx", "no/such/t.xlsx")
    assert code == 2
    assert "folder 'no/such' does not exist" in err
