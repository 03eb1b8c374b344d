"""corpus_bench.py --memory: the synthetic corpus recombines the repository's paragraphs
(examples/articles and the excerpts of benchmarks/corpus) and invents none."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "corpus_bench.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("corpus_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus_bench = _load_bench()


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
