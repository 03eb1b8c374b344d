"""corpus_bench.py --memory: the synthetic corpus recombines the repository's paragraphs
(examples/articles and the excerpts of benchmarks/corpus) and invents none."""

from __future__ import annotations

import json
from pathlib import Path

from tests.benchmarks_corpus.scripts import load_script

ROOT = Path(__file__).resolve().parents[2]


corpus_bench = load_script("corpus_bench")


def test_the_memory_corpus_recombines_the_repositorys_paragraphs(tmp_path: Path) -> None:
    source = corpus_bench.mixed_corpus(tmp_path / "m.jsonl", 40, 500, seed=3)
    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    assert len(rows) == 40 and len({r["id"] for r in rows}) == 40
    texts = [f.read_text(encoding="utf-8")
             for f in sorted((ROOT / "examples" / "articles").glob("*.md"))]
    texts += [json.loads(f.read_text(encoding="utf-8"))["excerpt"]
              for f in sorted((ROOT / "benchmarks" / "corpus" / "articles").glob("*.json"))]
    known = {p for t in texts for p in corpus_bench._paragraphs(t)}
    dates = {json.loads(f.read_text(encoding="utf-8"))["date"]
             for f in (ROOT / "benchmarks" / "corpus" / "articles").glob("*.json")}
    dates |= {a.get("date", "") for a in json.loads(
        (ROOT / "examples" / "articles" / "expected.json").read_text())["articles"].values()}
    for r in rows:
        paragraphs = r["text"].split("\n\n")
        assert all(p in known for p in paragraphs)
        assert sum(len(p.split()) for p in paragraphs) >= 500
        assert r["date"] in dates
    assert corpus_bench.mixed_corpus(tmp_path / "again.jsonl", 40, 500, seed=3
                                     ).read_bytes() == source.read_bytes()
