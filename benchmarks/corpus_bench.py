"""Benchmark: a corpus run (`milbalance read corpus.jsonl --out …`) against today's one-file
`milbalance read FILE`, 1 against 2 workers, and peak memory as the corpus grows.

The corpus is synthetic and assembled from the repository's examples/articles: each article
is the paragraphs of the examples drawn with a fixed seed until it has about --words words,
with its own id, outlet and one of the examples' dates. Sentences therefore repeat across the
corpus, as claims do in real coverage, and the verdict cache hits; the run with
MILBALANCE_VERDICT_CACHE=0 shows the speed without it.

Every contender is a fresh subprocess (cold start included). Measured in the same run:

    one-file read    `milbalance read A.md --date D --json` for each of the first --baseline
                     articles: how a corpus is read today, one process per article
    corpus, 1 worker `read corpus.jsonl --out x.parquet --workers 1`
    corpus, 2 workers `--workers 2` (a process pool; `--dask local` runs the same function)
    corpus, no cache `--workers 1` with the verdict cache off
    memory           peak RSS of the process tree (the CLI and its workers, sampled every
                     0.1 s) for the corpus and for a corpus --grow times larger

Run:  .venv/bin/python benchmarks/corpus_bench.py [--articles 96] [--words 500] [--grow 4]
      .venv/bin/python benchmarks/corpus_bench.py --big      # 10^5 articles for the memory row
      .venv/bin/python benchmarks/corpus_bench.py --real     # the 73 real excerpts of
          benchmarks/corpus: --workers 2 and --dask local give the same rows; track-record
      .venv/bin/python benchmarks/corpus_bench.py --jsonl real.jsonl   # just write them
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "examples" / "articles"
BIN = Path(sys.executable).parent / "milbalance"
OUTLETS = ("Wire", "Daily", "Gazette", "Review", "Post")


def corpus(path: Path, n: int, words: int, seed: int = 0) -> Path:
    """n synthetic articles of about ``words`` words as JSONL, written as a stream."""
    expected = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))["articles"]
    dates = sorted({a["date"] for a in expected.values() if a.get("date")})
    paragraphs = [p.strip() for f in sorted(ARTICLES.glob("*.md"))
                  for p in re.split(r"\n\s*\n", f.read_text(encoding="utf-8"))
                  if len(p.split()) > 12 and not p.lstrip().startswith("#")]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            body: list[str] = []
            while sum(len(p.split()) for p in body) < words:
                body.append(rng.choice(paragraphs))
            row = {"id": f"s{i:06d}", "url": f"https://example.org/{i}",
                   "date": rng.choice(dates), "outlet": OUTLETS[i % len(OUTLETS)],
                   "text": f"# Synthetic article {i}\n\n" + "\n\n".join(body)}
            handle.write(json.dumps(row) + "\n")
    return path


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MiB, CPU seconds) of a subprocess and the processes it starts
    (sampled every 0.1 s; CPU is what the work costs whatever else loads the machine)."""
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                        env={**os.environ, **(env or {})})
    peak, cpu = 0, {}
    while proc.poll() is None:
        rss = 0
        for p in [proc, *_children(proc)]:
            try:
                with p.oneshot():
                    rss += p.memory_info().rss
                    t = p.cpu_times()
                    cpu[p.pid] = t.user + t.system
            except psutil.Error:
                pass
        peak = max(peak, rss)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
    return wall, peak / 2**20, sum(cpu.values())


def _children(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return list(proc.children(recursive=True))
    except psutil.Error:
        return []


def baseline(source: Path, k: int, tmp: Path) -> float:
    """Seconds per article for today's one-file read, over the first k articles."""
    rows = [json.loads(line) for line, _ in zip(source.open(encoding="utf-8"), range(k),
                                                strict=False)]
    total = 0.0
    for row in rows:
        f = tmp / f"{row['id']}.md"
        f.write_text(row["text"], encoding="utf-8")
        total += timed([str(BIN), "read", str(f), "--date", row["date"], "--json"])[0]
    return total / len(rows)


def run_corpus(source: Path, out: Path, workers: int, cache: bool = True,
               batch: int = 8) -> tuple[float, float, float]:
    out.unlink(missing_ok=True)
    env = None if cache else {"MILBALANCE_VERDICT_CACHE": "0"}
    return timed([str(BIN), "read", str(source), "--out", str(out), "--workers", str(workers),
                  "--batch", str(batch), "--no-progress"], env)


def real_corpus(path: Path) -> Path:
    """The claims corpus (benchmarks/corpus/articles: excerpts of real reporting) as JSONL."""
    with path.open("w", encoding="utf-8") as handle:
        for f in sorted((REPO / "benchmarks" / "corpus" / "articles").glob("*.json")):
            a = json.loads(f.read_text(encoding="utf-8"))
            handle.write(json.dumps({"id": a["id"], "url": a["url"], "date": a["date"],
                                     "outlet": a["outlet"], "text": a["excerpt"]}) + "\n")
    return path


def real(tmp: Path) -> None:
    """The issue's 'done when': real articles read with --workers 2 and with --dask local
    give the same rows, and track-record answers on the file."""
    import pyarrow.parquet as pq

    source = real_corpus(tmp / "real.jsonl")
    n = sum(1 for _ in source.open())
    tables: dict[str, Any] = {}
    for label, extra in (("--workers 2", ["--workers", "2"]),
                         ("--dask local", ["--dask", "local", "--workers", "2"])):
        out = tmp / f"real-{len(tables)}.parquet"
        wall, peak, _ = timed([str(BIN), "read", str(source), "--out", str(out), "--batch", "4",
                            "--no-progress", *extra])
        tables[label] = pq.read_table(out)
        print(f"real, {label:12}: {n} articles in {wall:5.1f} s ({n / wall:.2f}/s), "
              f"{tables[label].num_rows} rows, peak {peak:.0f} MiB")
    a, b = tables.values()  # pyarrow Tables
    print(f"same rows: {a.equals(b)}")
    done = subprocess.run([str(BIN), "track-record", str(tmp / "real-0.parquet"), "--by",
                           "claimant-type"], capture_output=True, text=True, check=True)
    print(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=96)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--baseline", type=int, default=4, help="articles read one file each")
    ap.add_argument("--grow", type=int, default=4, help="memory: a corpus this many times larger")
    ap.add_argument("--big", action="store_true", help="memory row at 10^5 articles")
    ap.add_argument("--real", action="store_true", help="only the real-articles check: "
                    "--workers 2 and --dask local give the same rows; then track-record")
    ap.add_argument("--jsonl", type=Path, help="only write the real excerpts as JSONL here")
    args = ap.parse_args()
    if args.jsonl:
        real_corpus(args.jsonl)
        return
    print(f"# corpus_bench  python {platform.python_version()}  cpus {os.cpu_count()}  "
          f"load {os.getloadavg()[0]:.1f}")
    subprocess.run([str(BIN), "validate"], check=True, stdout=subprocess.DEVNULL)  # build once
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if args.real:
            real(tmp)
            return
        source = corpus(tmp / "corpus.jsonl", args.articles, args.words)
        n = args.articles
        words = sum(len(json.loads(x)["text"].split()) for x in source.open()) / n
        print(f"corpus: {n} articles, {words:.0f} words each on average")
        one = baseline(source, args.baseline, tmp)
        print(f"one-file read      : {one:6.2f} s/article  {1 / one:6.2f} articles/s  (1.00x)")
        rows = {}
        for label, workers, cache in (("corpus, 1 worker ", 1, True),
                                      ("corpus, 2 workers", 2, True),
                                      ("corpus, no cache ", 1, False)):
            wall, peak, cpu = run_corpus(source, tmp / "out.parquet", workers, cache)
            rows[label] = (wall, peak)
            print(f"{label}  : {wall:6.1f} s  {n / wall:6.2f} articles/s  "
                  f"({one * n / wall:.2f}x one-file)  CPU {cpu / n:.2f} s/article  "
                  f"peak {peak:.0f} MiB")
        w1, w2 = rows["corpus, 1 worker "][0], rows["corpus, 2 workers"][0]
        print(f"speed-up 1 -> 2 workers: {w1 / w2:.2f}x")
        big = 100_000 if args.big else n * args.grow
        grown = corpus(tmp / "grown.jsonl", big, args.words, seed=1)
        wall, peak, _ = run_corpus(grown, tmp / "grown.parquet", 1)
        print(f"memory: {n} articles peak {rows['corpus, 1 worker '][1]:.0f} MiB; "
              f"{big} articles peak {peak:.0f} MiB ({big / wall:.2f} articles/s)")
        if not args.big:  # scaling where start-up and cache warming weigh less
            wall2, _, _ = run_corpus(grown, tmp / "grown.parquet", 2)
            print(f"{big} articles, 2 workers: {big / wall2:.2f} articles/s; speed-up 1 -> 2 "
                  f"workers {wall / wall2:.2f}x")


if __name__ == "__main__":
    main()
