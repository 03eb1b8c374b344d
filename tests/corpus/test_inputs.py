"""Articles from files, folders and tables; bad ones become errors, never stop the stream."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from milbalance.corpus.inputs import articles, count
from milbalance.errors import UserError
from tests.corpus.conftest import ARTICLES, write_jsonl


def test_jsonl_rows_with_their_dates_and_errors(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [*ARTICLES, {"id": "e", "text": " "}],
                       b'{"id": "cut"\n{"id": "latin", "text": "caf\xe9"}\n[1, 2]\n')
    got = list(articles([path], default_date="2025-01-01", max_chars=1000))
    assert [a.id for a in got] == ["a1", "a2", "a3", "e", "a.jsonl:5", "a.jsonl:6",
                                   "a.jsonl:7"]
    assert [a.date for a in got[:3]] == ["2025-06-27", "2025-11-14", "2025-01-01"]
    assert not any(a.error for a in got[:3])
    assert got[3].error.startswith("empty")
    assert got[4].error.startswith("not a JSON line")
    assert got[5].error.startswith("wrong encoding")
    assert got[6].error.startswith("not a JSON object")
    assert count([path]) == 7


def test_too_large_and_bad_date(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "big", "text": "x " * 600},
                                              {"id": "d", "date": "June", "text": "Hi."}])
    big, bad = articles([path], max_chars=1000)
    assert big.error.startswith("too large") and big.text == ""
    assert bad.error.startswith("bad date")


def test_csv_parquet_and_folders(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    pq.write_table(pa.Table.from_pylist(ARTICLES), tmp_path / "in" / "b.parquet")
    with (tmp_path / "in" / "c.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write('id,date,text\nc1,2024-01-02,"One, with a comma\nand a new line."\n')
    (tmp_path / "in" / "d.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    (tmp_path / "in" / "e.txt").write_bytes(b"\xff\xfe bad")
    got = list(articles([tmp_path / "in"], default_date="2025-05-05"))
    assert [a.id for a in got] == ["a1", "a2", "a3", "c1", "d.md", "e.txt"]
    assert got[3].text == "One, with a comma\nand a new line." and got[3].date == "2024-01-02"
    assert got[4].date == "2025-05-05"
    assert got[5].error.startswith("wrong encoding")
    assert count([tmp_path / "in"]) is None  # a CSV is not counted ahead


def test_missing_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        list(articles([tmp_path / "nope.jsonl"]))
