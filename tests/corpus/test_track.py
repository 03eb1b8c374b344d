"""Track record from a claims file: shares per claimant and year, repeats, CSV and chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from milbalance.corpus.rows import COLUMNS, schema
from milbalance.corpus.track import NOT_ATTRIBUTED, chart, track_record
from milbalance.errors import UserError


def _row(article: str, start: int, speaker: str, day: str, label: str, reading: str,
         kind: str = "level", status: str = "claim") -> dict[str, Any]:
    row: dict[str, Any] = {n: "" if t == "string" else None for n, t in COLUMNS}
    row.update(article_id=article, start=start, speaker=speaker, date=day, label=label,
               reading=reading, kind=kind, status=status, outlet="Wire",
               claimant_type="official-russia" if speaker else "")
    return row


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    rows = [
        _row("a", 0, "Putin", "2024-03-01", "supported", "RUS · gdp share · 2024 · = 6%"),
        _row("a", 0, "Putin", "2024-03-01", "supported", "RUS · gdp share · 2024 · = 6%",
             kind="attribution"),  # 'Putin said it': not counted
        _row("b", 10, "Putin", "2024-05-01", "supported", "RUS · gdp share · 2024 · = 6%"),
        _row("b", 50, "Putin", "2024-05-01", "refuted", "RUS > NATO · shells · 2024"),
        _row("c", 0, "Putin", "2025-01-01", "contested", "RUS > NATO · shells · 2025"),
        _row("c", 0, "Putin", "2025-01-01", "not_checkable", "?"),
        _row("d", 0, "", "2025-01-01", "supported", "NATO · shells · 2025 · = 2m"),
        _row("e", 0, "", "", "", "", status="error"),
    ]
    path = tmp_path / "claims.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema()), path)
    return path


def test_shares_per_claimant_and_year(claims: Path) -> None:
    got = {(r.claimant, r.year): r.as_dict() for r in track_record(claims, "speaker")}
    assert next(iter(got)) == ("Putin", "2024")
    y24, y25, total = got[("Putin", "2024")], got[("Putin", "2025")], got[("Putin", "all")]
    assert (y24["checkable"], y24["share_supported"], y24["share_refuted"]) == (3, 0.6667, 0.3333)
    assert y24["most_repeated"] == [{"reading": "RUS · gdp share · 2024 · = 6%", "times": 2}]
    assert (y25["claims"], y25["checkable"], y25["share_contested"]) == (2, 1, 1.0)
    assert total["checkable"] == 4 and total["supported"] == 2
    assert got[(NOT_ATTRIBUTED, "all")]["checkable"] == 1
    by_type = {(r.claimant, r.year) for r in track_record(claims, "claimant-type")}
    assert ("official-russia", "all") in by_type


def test_chart_and_bad_input(claims: Path, tmp_path: Path) -> None:
    chart(track_record(claims, "outlet"), tmp_path / "t.png")
    assert (tmp_path / "t.png").stat().st_size > 1000
    with pytest.raises(UserError, match="--by"):
        track_record(claims, "country")
    (tmp_path / "x.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(UserError, match="not a claims file"):
        track_record(tmp_path / "x.parquet")


def test_a_surname_counts_under_the_one_full_name(tmp_path: Path) -> None:
    rows = [_row("a", 0, "Mark Rutte", "2025-06-05", "refuted", "RUS > NATO · x"),
            _row("b", 0, "Rutte", "2025-06-06", "supported", "NATO · y"),
            _row("c", 0, "Smith", "2025-06-06", "supported", "NATO · y"),
            _row("d", 0, "Anna Smith", "2025-06-06", "supported", "NATO · y"),
            _row("e", 0, "John Smith", "2025-06-06", "supported", "NATO · y")]
    path = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema()), path)
    got = {(r.claimant, r.year): r.checkable for r in track_record(path)}
    assert got[("Mark Rutte", "all")] == 2 and ("Rutte", "all") not in got
    assert got[("Smith", "all")] == 1  # two Smiths: which one is not known
