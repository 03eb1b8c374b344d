"""One test per kind of bad row: each is reported with file, line and field, all in one pass.

Broken rows are real rows from data/ with one field spoiled, so no figure here is invented.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from milbalance.errors import DataError, Issue
from milbalance.loader import check, load
from tests.conftest import append_row, as_csv, first_row

SIPRI = "observations/sipri-milex-2025.csv"
ISSUE_FORMAT = re.compile(r"^\S+:\d+: field '[^']+' = '.*': .+ — .+$")


def real_observation(data: Path) -> dict[str, str]:
    return first_row(data / SIPRI, entity="RUS", metric="military_expenditure.usd_current")


def spoil(data: Path, file: str, row: dict[str, str], **changes: str) -> int:
    """Append ``row`` with ``changes`` applied to ``file``; return its line number."""
    return append_row(data / file, as_csv({**row, **changes}))


def only_issue(data: Path) -> Issue:
    issues = check(data)
    assert len(issues) == 1, "\n".join(map(str, issues))
    return issues[0]


def test_the_repository_data_is_clean(data_copy: Path) -> None:
    assert check(data_copy) == []


@pytest.mark.parametrize(
    ("field", "bad", "words"),
    [
        ("entity", "RUSS", "unknown entity"),
        ("metric", "military_expenditure.usd", "unknown metric"),
        ("source", "sipri-milex-1999", "unknown source"),
        ("unit", "USD_millions", "unknown unit"),
        ("unit", "percent", "measures share"),
        ("period", "2024-13", "not"),
        ("value", "1,234", "not a number"),
        ("shape", "gaussian", "not a known shape"),
        ("flags", "estimated", "not a known flags"),
        ("claimant_type", "nato", "not a known claimant type"),
    ],
)
def test_bad_observation_field(data_copy: Path, field: str, bad: str, words: str) -> None:
    # a year before SIPRI's series begins (1949), so the spoiled row repeats nothing
    line = spoil(data_copy, SIPRI, real_observation(data_copy), **{"period": "1948", field: bad})
    issue = only_issue(data_copy)
    assert (issue.line, issue.field, issue.value) == (line, field, bad)
    assert words in issue.problem
    assert issue.path.endswith(SIPRI)
    assert ISSUE_FORMAT.match(str(issue)), str(issue)


def test_observation_without_a_source_does_not_load(data_copy: Path) -> None:
    line = spoil(data_copy, SIPRI, real_observation(data_copy), source="", period="1948")
    issue = only_issue(data_copy)
    assert (issue.line, issue.field) == (line, "source")
    assert "required" in issue.problem


def test_low_above_high(data_copy: Path) -> None:
    row = real_observation(data_copy)
    line = spoil(data_copy, SIPRI, row, period="1948", value="", low=row["value"],
                 high=str(float(row["value"]) / 1000))
    issue = only_issue(data_copy)
    assert (issue.line, issue.field) == (line, "low")
    assert "above high" in issue.problem


def test_value_outside_the_metrics_allowed_range(data_copy: Path) -> None:
    # a share of GDP written in percent while the row's unit says fraction: 7.05 → 705 %
    row = first_row(data_copy / SIPRI, entity="RUS", metric="military_expenditure.share_gdp")
    percent = str(float(row["value"]) * 100)
    line = spoil(data_copy, SIPRI, row, period="1948", value=percent)
    issue = only_issue(data_copy)
    assert (issue.line, issue.field) == (line, "value")
    assert "maximum" in issue.problem


def test_repeated_observation(data_copy: Path) -> None:
    row = real_observation(data_copy)
    line = spoil(data_copy, SIPRI, row)
    issue = only_issue(data_copy)
    assert (issue.line, issue.field) == (line, "period")
    assert "repeats the row" in issue.problem


def test_duplicate_source_id(data_copy: Path) -> None:
    row = first_row(data_copy / "sources.csv", id="sipri-milex-2025")
    line = spoil(data_copy, "sources.csv", row)
    issue = only_issue(data_copy)
    assert (issue.line, issue.field, issue.value) == (line, "id", "sipri-milex-2025")
    assert "duplicate" in issue.problem


def test_bad_date_in_a_membership(data_copy: Path) -> None:
    row = first_row(data_copy / "memberships.csv", bloc="NATO", member="FIN")
    lines = (data_copy / "memberships.csv").read_text().splitlines()
    (data_copy / "memberships.csv").write_text(
        "\n".join(x for x in lines if not x.startswith("NATO,FIN,")) + "\n")
    line = spoil(data_copy, "memberships.csv", row, **{"from": "2023-04-31"})
    issue = only_issue(data_copy)
    assert (issue.line, issue.field, issue.value) == (line, "from", "2023-04-31")


def test_overlapping_memberships(data_copy: Path) -> None:
    row = first_row(data_copy / "memberships.csv", bloc="NATO", member="FIN")
    line = spoil(data_copy, "memberships.csv", row, **{"from": "2024-01-01"})
    issue = only_issue(data_copy)
    assert (issue.line, issue.field) == (line, "from")
    assert "overlaps" in issue.problem


def test_unknown_column_in_a_header(data_copy: Path) -> None:
    path = data_copy / "units.csv"
    text = path.read_text()
    path.write_text(text.replace("description", "descripton", 1))
    issue = only_issue(data_copy)
    assert (issue.line, issue.field) == (1, "descripton")
    assert "did you mean 'description'" in issue.fix


def test_every_problem_is_reported_in_one_pass(data_copy: Path) -> None:
    row = real_observation(data_copy)
    spoil(data_copy, SIPRI, row, entity="RUSS", period="1948")
    spoil(data_copy, SIPRI, row, metric="nope", period="1947")
    spoil(data_copy, "sources.csv", first_row(data_copy / "sources.csv", id="sipri-milex-2025"))
    with pytest.raises(DataError) as caught:
        load(data_copy)
    fields = sorted(i.field for i in caught.value.issues)
    assert fields == ["entity", "id", "metric"]


def test_missing_required_file(data_copy: Path) -> None:
    (data_copy / "metrics.csv").unlink()
    issues = check(data_copy)
    assert issues[0].path.endswith("metrics.csv")
    assert "missing" in issues[0].problem


def test_exchange_rate_must_be_in_the_countrys_currency(data_copy: Path) -> None:
    row = first_row(data_copy / "observations" / "spending.csv", entity="RUS",
                    metric="fx_rate.lcu_per_usd")
    line = spoil(data_copy, "observations/spending.csv", row, entity="UKR")
    issue = only_issue(data_copy)
    assert (issue.line, issue.field, issue.value) == (line, "unit", "RUB_per_USD")
    assert "not in a currency of UKR" in issue.problem


def test_bad_fiscal_year_change(data_copy: Path) -> None:
    path = data_copy / "countries.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",FY1976:7", ",FY76:7"), encoding="utf-8")
    issue = only_issue(data_copy)
    assert (issue.field, issue.value) == ("fiscal_year_changes", "FY76:7")
