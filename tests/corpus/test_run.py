"""A corpus run: one row per claim, error rows, resume, and the same rows on Dask."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

from milbalance.corpus import DataRef, articles, engine, run
from milbalance.corpus.run import parts_dir
from tests.corpus.conftest import ARTICLES, write_jsonl


def _rows(path: Path) -> list[dict[str, Any]]:
    return list(pq.read_table(path).to_pylist())


def test_jsonl_to_parquet_with_error_rows_then_resume(tmp_path: Path, ref: DataRef) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*ARTICLES[:2], {"id": "e", "text": ""}],
                         b'{"id": "latin", "text": "caf\xe9"}\n')
    out = tmp_path / "claims.parquet"
    stats = run(articles([source], "2025-06-01"), out, ref, engine(1), batch_size=2)
    rows = _rows(out)
    assert stats.articles == 4 and stats.errors == 2 and stats.claims >= 3
    assert not parts_dir(out).exists()
    errors = {r["article_id"]: r["error"] for r in rows if r["status"] == "error"}
    assert errors["e"].startswith("empty") and errors["in.jsonl:4"].startswith("wrong encoding")
    a1 = [r for r in rows if r["article_id"] == "a1"]
    share = next(r for r in a1 if r["kind"] == "share_of_gdp")
    assert share["subject"] == "RUS" and share["period"] == "2025" and share["figure"] == "6.3%"
    assert share["speaker"] == "Vladimir Putin" and share["claimant_type"] == "official-russia"
    assert share["label"] == "supported" and share["sources"]
    assert a1[0]["sentence"] == ARTICLES[0]["text"] and a1[0]["start"] == 0
    assert {r["data_hash"] for r in rows} == {ref.data_hash}
    assert {r["date"] for r in rows if r["article_id"] == "a2"} == {"2025-11-14"}

    # a rerun does nothing; a longer input reads only the new article, rows kept in order
    again = run(articles([source], "2025-06-01"), out, ref, engine(1), batch_size=2)
    assert again.articles == 0 and again.skipped == 4 and _rows(out) == rows
    write_jsonl(source, ARTICLES)
    more = run(articles([source], "2025-06-01"), out, ref, engine(1), batch_size=2)
    assert more.articles == 1 and more.skipped == 2
    grown = _rows(out)
    assert grown[:len(rows)] == rows and {r["article_id"] for r in grown[len(rows):]} == {"a3"}


def test_an_interrupted_run_resumes_from_its_parts(tmp_path: Path, ref: DataRef) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "claims.csv"

    def stop(done: int, skipped: int) -> None:
        if done >= 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(articles([source]), out, ref, engine(1), batch_size=1, on_batch=stop)
    assert not out.exists() and len(list(parts_dir(out).glob("*.parquet"))) == 1
    stats = run(articles([source]), out, ref, engine(1), batch_size=1)
    assert stats.skipped == 1 and stats.articles == 2
    ids = pcsv.read_csv(out).column("article_id").to_pylist()
    assert list(dict.fromkeys(ids)) == ["a1", "a2", "a3"]
    before = out.read_bytes()
    again = run(articles([source]), out, ref, engine(1), batch_size=1)  # keys from the CSV
    assert (again.articles, again.skipped) == (0, 3) and out.read_bytes() == before


def test_dask_local_cluster_gives_the_rows_of_one_worker(tmp_path: Path, ref: DataRef) -> None:
    pytest.importorskip("distributed")
    source = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    one = tmp_path / "one.parquet"
    run(articles([source]), one, ref, engine(1), batch_size=1)
    try:
        cluster = engine(2, "local")
    except Exception as exc:  # a sandbox without local sockets or process spawning
        pytest.skip(f"dask cannot start a LocalCluster here: {exc}")
    many = tmp_path / "dask.parquet"
    run(articles([source]), many, ref, cluster, batch_size=1)
    assert _rows(many) == _rows(one)


def test_two_workers_give_the_rows_of_one(tmp_path: Path, ref: DataRef) -> None:
    """--workers 2: this process reads batches too while the pool's worker is busy (or still
    starting); rows come back in input order, the same as one worker's."""
    rows = [{**a, "id": f"{a['id']}-{n}"} for n in range(2) for a in ARTICLES]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    one = tmp_path / "one.parquet"
    run(articles([source]), one, ref, engine(1), batch_size=1)
    two = engine(2)
    many = tmp_path / "two.parquet"
    stats = run(articles([source]), many, ref, two, batch_size=1)
    assert stats.articles == len(rows) and _rows(many) == _rows(one)
    assert 1 <= getattr(two, "inline", 0) < len(rows)  # both this process and the pool read
