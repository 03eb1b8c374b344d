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
      .venv/bin/python benchmarks/corpus_bench.py --memory 100000   # memory over a corpus:
          articles assembled from examples/articles and the excerpts of benchmarks/corpus,
          read in this process by the functions `read --out` calls, peak RSS at 10^3, 10^4,
          3x10^4, 10^5 … articles (--workers, --batch as for `read`)
      .venv/bin/python benchmarks/corpus_bench.py --real     # the 73 real excerpts of
          benchmarks/corpus: --workers 2 and --dask local give the same rows; track-record
      .venv/bin/python benchmarks/corpus_bench.py --jsonl real.jsonl   # just write them
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple

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


def _paragraphs(text: str, least: int = 12) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text)
            if len(p.split()) > least and not p.lstrip().startswith("#")]


def mixed_corpus(path: Path, n: int, words: int, seed: int = 0) -> Path:
    """n articles of about ``words`` words as JSONL, written as a stream: paragraphs of
    examples/articles and of the real excerpts of benchmarks/corpus drawn with a fixed seed,
    each article at the date of one of its paragraphs' sources. Nothing is invented: every
    sentence is one of the repository's, recombined."""
    pool: list[tuple[str, str]] = []  # (paragraph, the date its source gives)
    expected = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))["articles"]
    for f in sorted(ARTICLES.glob("*.md")):
        said = (expected.get(f.name) or expected.get(f.stem) or {}).get("date", "")
        pool += [(p, said) for p in _paragraphs(f.read_text(encoding="utf-8"))]
    for f in sorted((REPO / "benchmarks" / "corpus" / "articles").glob("*.json")):
        a = json.loads(f.read_text(encoding="utf-8"))
        pool += [(p, a.get("date", "")) for p in _paragraphs(a["excerpt"])]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            body: list[tuple[str, str]] = []
            while sum(len(p.split()) for p, _ in body) < words:
                body.append(rng.choice(pool))
            said = next((d for _, d in body if d), "")
            row = {"id": f"m{i:07d}", "url": f"https://example.org/m/{i}", "date": said,
                   "outlet": OUTLETS[i % len(OUTLETS)],
                   "text": "\n\n".join(p for p, _ in body)}
            handle.write(json.dumps(row) + "\n")
    return path


class TreeMemory:
    """Peak RSS of this process and its children, sampled every ``every`` seconds in a
    thread (and on each ``sample()``)."""

    def __init__(self, every: float = 0.25):
        self.me = psutil.Process()
        self.peak = 0
        self.every = every
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def now(self) -> int:
        rss = 0
        for p in [self.me, *_children(self.me)]:
            with contextlib.suppress(psutil.Error):
                rss += p.memory_info().rss
        return rss

    def sample(self) -> int:
        rss = self.now()
        self.peak = max(self.peak, rss)
        return rss

    def _loop(self) -> None:
        while not self.stop.wait(self.every):
            self.sample()

    def __enter__(self) -> TreeMemory:
        self.sample()
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def _cache_sizes() -> str:
    """Entries in the memos that grow with what this process has read (with --workers N it
    reads batches too; the pool's workers hold as many)."""
    from milbalance.claims import split
    from milbalance.corpus import cache

    parts = [f"split {len(split._cuts)}"]
    for _store, checker in cache._CHECKERS.values():
        ev = checker.evaluator
        parser = checker.parser
        gaz = checker.gazetteer
        parts += [f"verdicts {len(getattr(ev, 'cache', ()))}",
                  f"parses {len(parser._seen_parses)}", f"pieces {len(parser._seen_pieces)}",
                  f"gazetteer {len(gaz._seen_mentions) + len(gaz._seen_items)}",
                  f"store memo {len(checker.store._memo)}"]
    return ", ".join(parts)


def memory(n: int, words: int, workers: int, batch: int, tmp: Path) -> None:
    """Peak RSS while a corpus of n articles is read the way `read PATH --out X.parquet`
    reads it (the same functions, in this process, so that the peak is sampled as the corpus
    goes): after 10^3, 10^4, 3x10^4, 10^5 … articles. Bounded memory means the peak stops
    growing once the per-worker memos are full, whatever n."""
    from milbalance.cli.data_cmd import open_store
    from milbalance.corpus import articles, data_ref, engine, run

    started = time.perf_counter()
    source = mixed_corpus(tmp / "memory.jsonl", n, words)
    size = source.stat().st_size
    print(f"memory corpus: {n} articles, {size / 2**20:.0f} MiB of JSONL written in "
          f"{time.perf_counter() - started:.1f} s; --workers {workers} --batch {batch}")
    with open_store() as store:
        ref = data_ref(store)
    marks = sorted({m for m in (100, 1_000, 3_000, 10_000, 30_000, 100_000, 300_000,
                                1_000_000) if m < n} | {n})
    out = tmp / "memory.parquet"
    print(f"{'articles':>9} {'seconds':>8} {'articles/s':>10} {'RSS now':>8} {'peak tree':>9} "
          f"{'peak self':>9}  memos of this process")
    with TreeMemory() as mem:
        start = time.perf_counter()
        last = [start, 0]

        def checkpoint(done: int, skipped: int) -> None:
            if not marks or done < marks[0]:
                return
            while marks and done >= marks[0]:
                marks.pop(0)
            rss = mem.sample()
            t = time.perf_counter()
            rate = (done - last[1]) / (t - last[0]) if t > last[0] else 0.0
            last[:] = [t, done]
            self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{done:>9} {t - start:>8.0f} {rate:>10.1f} {rss / 2**20:>7.0f}M "
                  f"{mem.peak / 2**20:>8.0f}M {self_peak:>8.0f}M  "
                  f"{_cache_sizes()}", flush=True)

        stats = run(articles([source], "", batch=batch), out, ref, engine(workers), batch,
                    checkpoint)
        rss = mem.sample()
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"done (merged into one Parquet): {stats.articles} articles, {stats.claims} claims, "
          f"{stats.errors} errors in {stats.seconds:.0f} s ({stats.articles / stats.seconds:.1f}"
          f"/s); RSS now {rss / 2**20:.0f}M, peak tree {mem.peak / 2**20:.0f}M, peak self "
          f"{self_peak:.0f}M; {out.stat().st_size / 2**20:.0f} MiB of Parquet")


class Timing(NamedTuple):
    wall: float  # seconds
    peak: float  # MiB, RSS of the process tree
    cpu: float  # seconds, user + system over the tree
    busiest: float  # seconds, the CPU of the process that used most: with a core each and
    # nothing else running, the wall time could not be less (the critical path)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> Timing:
    """Wall, peak RSS, CPU of a subprocess and the processes it starts (sampled every 0.1 s;
    CPU is what the work costs whatever else loads the machine)."""
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
    return Timing(wall, peak / 2**20, sum(cpu.values()), max(cpu.values(), default=0.0))


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
        total += timed([str(BIN), "read", str(f), "--date", row["date"], "--json"]).wall
    return total / len(rows)


def run_corpus(source: Path, out: Path, workers: int, cache: bool = True,
               batch: int = 8) -> Timing:
    out.unlink(missing_ok=True)
    env = None if cache else {"MILBALANCE_VERDICT_CACHE": "0"}
    return timed([str(BIN), "read", str(source), "--out", str(out), "--workers", str(workers),
                  "--batch", str(batch), "--no-progress"], env)


def _scaling(n: int, one: Timing, two: Timing) -> None:
    """1 -> 2 workers: by wall time (what this machine gave, other jobs included) and by CPU
    (one worker's CPU over the busiest process's of two: the speed-up on two idle cores)."""
    print(f"{n} articles, 1 -> 2 workers: wall {one.wall / two.wall:.2f}x "
          f"({n / one.wall:.2f} -> {n / two.wall:.2f} articles/s); CPU {one.cpu:.1f} s -> "
          f"{two.cpu:.1f} s over the tree, busiest process {two.busiest:.1f} s: "
          f"{one.cpu / two.busiest:.2f}x on two idle cores", flush=True)


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
    times: dict[str, Timing] = {}
    for label, extra in (("--workers 2", ["--workers", "2"]),
                         ("--dask local", ["--dask", "local", "--workers", "2"]),
                         ("--workers 1", ["--workers", "1"])):
        out = tmp / f"real-{len(tables)}.parquet"
        t = times[label] = timed([str(BIN), "read", str(source), "--out", str(out), "--batch",
                                  "4", "--no-progress", *extra])
        tables[label] = pq.read_table(out)
        print(f"real, {label:12}: {n} articles in {t.wall:5.1f} s ({n / t.wall:.2f}/s), "
              f"CPU {t.cpu:.1f} s, {tables[label].num_rows} rows, peak {t.peak:.0f} MiB",
              flush=True)
    a, b, c = tables.values()  # pyarrow Tables
    print(f"same rows: {a.equals(b) and a.equals(c)}")
    _scaling(n, times["--workers 1"], times["--workers 2"])
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
    ap.add_argument("--memory", type=int, metavar="N", help="only the memory run: N articles "
                    "assembled from examples/articles and benchmarks/corpus excerpts, peak RSS "
                    "sampled after 10^3, 10^4, 3x10^4, 10^5 … of them")
    ap.add_argument("--workers", type=int, default=1, help="--memory: workers")
    ap.add_argument("--batch", type=int, default=16, help="--memory: articles per batch")
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
        if args.memory:
            memory(args.memory, args.words, args.workers, args.batch, tmp)
            return
        source = corpus(tmp / "corpus.jsonl", args.articles, args.words)
        n = args.articles
        words = sum(len(json.loads(x)["text"].split()) for x in source.open()) / n
        print(f"corpus: {n} articles, {words:.0f} words each on average")
        one = baseline(source, args.baseline, tmp)
        print(f"one-file read      : {one:6.2f} s/article  {1 / one:6.2f} articles/s  (1.00x)")
        rows: dict[str, Timing] = {}
        for label, workers, cache in (("corpus, 1 worker ", 1, True),
                                      ("corpus, 2 workers", 2, True),
                                      ("corpus, no cache ", 1, False)):
            t = run_corpus(source, tmp / "out.parquet", workers, cache)
            rows[label] = t
            print(f"{label}  : {t.wall:6.1f} s  {n / t.wall:6.2f} articles/s  "
                  f"({one * n / t.wall:.2f}x one-file)  CPU {t.cpu / n:.2f} s/article  "
                  f"peak {t.peak:.0f} MiB")
        _scaling(n, rows["corpus, 1 worker "], rows["corpus, 2 workers"])
        big = 100_000 if args.big else n * args.grow
        grown = corpus(tmp / "grown.jsonl", big, args.words, seed=1)
        t1 = run_corpus(grown, tmp / "grown.parquet", 1)
        print(f"memory: {n} articles peak {rows['corpus, 1 worker '].peak:.0f} MiB; "
              f"{big} articles peak {t1.peak:.0f} MiB ({big / t1.wall:.2f} articles/s, "
              f"CPU {t1.cpu / big:.3f} s/article)")
        if not args.big:  # scaling where start-up and cache warming weigh less
            _scaling(big, t1, run_corpus(grown, tmp / "grown.parquet", 2))


if __name__ == "__main__":
    main()
