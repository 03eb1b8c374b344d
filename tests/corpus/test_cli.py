"""`milbalance read PATH… --out` and `milbalance track-record` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import run_cli
from tests.corpus.conftest import ARTICLES, write_jsonl


def test_read_a_corpus_then_its_track_record(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1])
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.md").write_text(ARTICLES[2]["text"], encoding="utf-8")
    out = tmp_path / "claims.parquet"
    code, _, err = run_cli(["read", str(source), str(tmp_path / "more"), "--out", str(out),
                            "--date", "2025-02-02", "--no-progress"], capsys)
    assert code == 0 and "2 articles read" in err
    rows = pq.read_table(out).to_pylist()
    assert {(r["article_id"], r["date"]) for r in rows} == {("a1", "2025-06-27"),
                                                            ("b.md", "2025-02-02")}
    code, text, _ = run_cli(["track-record", str(out), "--json", "--csv",
                             str(tmp_path / "t.csv")], capsys)
    records = json.loads(text)["records"]
    putin = next(r for r in records if r["claimant"] == "Vladimir Putin" and r["year"] == "all")
    assert putin["checkable"] >= 1 and putin["share_supported"] == 1.0
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("claimant,year,claims")
    code, text, _ = run_cli(["track-record", str(out), "--by", "outlet"], capsys)
    assert code == 0 and "Wire" in text


def test_several_articles_need_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", ARTICLES[:1])
    code, _, err = run_cli(["read", str(source)], capsys)
    assert code == 2 and "--out" in err
    code, _, err = run_cli(["read", str(source), "--out", str(tmp_path / "x.txt")], capsys)
    assert code == 2 and ".parquet or a .csv" in err
