"""Seeded, chunked, vectorised Monte Carlo with streaming statistics.

Semantics. Each uncertain input (one data row) has its own random stream, seeded from the
caller's ``numpy.random.Generator`` and the input's key, and is drawn once per sample; every
use of the input in that sample sees the same draw, so A − A is exactly 0 and an input shared
by both sides cancels. A mixture's choice of component is likewise one shared stream per
quantity. Because streams are per input and drawn in order, sample i is the same whatever
the chunk size: chunking changes memory, not numbers.

Correlation. Inputs are driven by standard normals e; with a correlation matrix C = L Lᵀ the
drivers are z = L e (a Gaussian copula), then x = F⁻¹(Φ(z)) per input.

Memory. A chunk of m samples holds (inputs + quantities + 6) × m float64, never more; the
default m = 2^18 keeps 30 inputs under about 80 MB whatever the sample count.

Samplers (``Sampler``). ``mc`` (default for ``run``): the per-input streams above.
``rqmc``: randomized quasi-Monte Carlo — the samples are split into ``replicates`` equal
parts (16 by default), each the first points of a Sobol' sequence in as many dimensions as
there are inputs plus mixture choices, randomized in two steps: one Owen-type LMS scramble
plus digital shift per run (scipy.stats.qmc, 30 bits), then an independent uniform random
digital shift per replicate (the point's 30-bit integer coordinates XOR a random 30-bit
integer per dimension). Each shifted point is uniform on the 2^-30 grid, so every replicate
is unbiased, and given the run's scramble the replicates are independent and identically
distributed: the spread of their estimates is an honest error estimate. (Scrambling is the
costly step, about 1 ms per 60 dimensions; one per run instead of one per replicate lets
all replicates share the base points of a range.) A coordinate u (a multiple of 2^-30,
nudged by 2^-31 to the centre of its cell so that it is never 0 or 1) becomes the input's
normal driver z = Φ⁻¹(u), or directly the mixture's choice. Sample i is then a fixed point
of a fixed scramble: chunking changes memory, not numbers, as for ``mc``. Dimensions follow
the sorted input keys, so adding an input reshuffles them (``mc`` keeps each input's
stream).
See ``milbalance.engine.estimators`` for P(A > B) with error estimates.

Statistics per chunk are merged exactly for counts (P(A > B), P(A = B)), sums (means; equal
across chunkings to float rounding), min and max. Quantiles are exact (``numpy.quantile``,
linear) when the run fits in one chunk (``chunk_size`` samples, however many RQMC replicates
it spans); otherwise they come from a histogram of 2^16 equal
bins spanning the first chunk's range widened by half of it on each side, merged across
chunks, interpolated linearly within a bin: the error is at most one bin width,
(range × 2) / 2^16, reported as ``Quantiles.error`` (infinite if a quantile falls outside).
"""

from __future__ import annotations

import copy
import hashlib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.special import ndtri

if TYPE_CHECKING:
    from scipy.stats import qmc

from milbalance.engine.distributions import Array, Dist
from milbalance.engine.mixture import Quantity
from milbalance.engine.options import DEFAULT_REPLICATES, Sampler
from milbalance.engine.results import Quantiles
from milbalance.errors import UserError
from milbalance.model import Shape

BINS = 1 << 16
IntArray = np.ndarray[Any, np.dtype[np.int64]]
UIntArray = np.ndarray[Any, np.dtype[np.uint64]]
SOBOL_BITS = 30


def sobol_engine(dims: int, root: int) -> qmc.Sobol:
    """The run's scrambled Sobol' sequence in ``dims`` dimensions (root entropy ``root``)."""
    from scipy.stats import qmc  # scipy.stats costs ~0.4 s to import: only for RQMC runs

    return qmc.Sobol(max(dims, 1), scramble=True, bits=SOBOL_BITS,
                     rng=np.random.default_rng([root, 0x5_0B01]))


def sobol_shifts(dims: int, root: int, replicates: int) -> UIntArray:
    """One uniform random 30-bit digital shift per replicate and dimension, (replicates, dims)."""
    out: UIntArray = np.random.default_rng([root, 0x5_0B02]).integers(
        0, 1 << SOBOL_BITS, size=(replicates, max(dims, 1)), dtype=np.uint64)
    return out


def sobol_base(engine: qmc.Sobol, start: int, m: int) -> UIntArray:
    """Points ``start`` … ``start + m − 1`` of the run's scrambled sequence as 30-bit integers,
    a (dims, m) array; ``engine`` is copied, not advanced (safe across threads)."""
    eng = copy.deepcopy(engine)
    eng.reset()
    if start:
        eng.fast_forward(start)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # balance needs 2^k points per scramble
        u = eng.random(m)
    out: UIntArray = np.ascontiguousarray((u * (1 << SOBOL_BITS)).astype(np.uint64).T)
    return out


def shifted_uniforms(base: UIntArray, shift: UIntArray) -> Array:
    """One replicate's points: base XOR its digital shift, as cell centres in (0, 1)."""
    x = (base ^ shift[:, None]).astype(np.float64)
    x += 0.5
    x *= 2.0 ** -SOBOL_BITS
    return x


def sobol_normals(base: UIntArray, shift: UIntArray, inputs: int) -> tuple[Array, Array]:
    """(normal drivers for ``inputs`` inputs, uniforms for the remaining dimensions)."""
    u = shifted_uniforms(base, shift)
    z: Array = ndtri(u[:inputs])
    return z, u[inputs:]


def _stream(root: int, key: str) -> np.random.Generator:
    """The input's own generator: seeded by the run's root entropy and a hash of its key, so
    an input keeps its stream when other inputs are added to the data."""
    digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")
    return np.random.default_rng([root, digest])


class StreamStat:
    """Count, sum, min, max and a merged histogram of one quantity over all chunks.

    Chunks are kept whole while they total at most ``exact`` values (and the first chunk in
    any case), so quantiles stay exact for a run that fits in one chunk even when RQMC
    replicates cut it into several."""

    def __init__(self, exact: int = 0) -> None:
        self.exact = exact
        self.n = 0
        self.nonfinite = 0
        self.total = 0.0
        self.lo = np.inf
        self.hi = -np.inf
        self.chunks = 0
        self._first: list[Array] = []
        self._edges: Array | None = None
        self._hist: IntArray | None = None
        self._under = 0
        self._over = 0

    def update(self, x: Array) -> None:
        finite = x[np.isfinite(x)]
        self.nonfinite += x.size - finite.size
        self.n += x.size
        self.total += float(np.sum(x))
        if finite.size:
            self.lo = min(self.lo, float(finite.min()))
            self.hi = max(self.hi, float(finite.max()))
        self.chunks += 1
        if self._edges is None and (self.chunks == 1 or self.n - self.nonfinite <= self.exact):
            self._first.append(finite.copy())
            return
        if self._edges is None:
            self._start_histogram()
        self._add(finite)

    def _start_histogram(self) -> None:
        first = np.concatenate(self._first) if self._first else np.empty(0)
        lo, hi = (float(first.min()), float(first.max())) if first.size else (0.0, 1.0)
        pad = (hi - lo) / 2 if hi > lo else max(abs(lo), 1.0)
        self._edges = np.linspace(lo - pad, hi + pad, BINS + 1)
        self._hist = np.zeros(BINS, dtype=np.int64)
        self._add(first)
        self._first = []

    def _add(self, x: Array) -> None:
        if self._edges is None or self._hist is None:
            return
        lo, hi = self._edges[0], self._edges[-1]
        self._under += int(np.count_nonzero(x < lo))
        self._over += int(np.count_nonzero(x > hi))
        inside = x[(x >= lo) & (x <= hi)]
        idx = np.minimum(((inside - lo) / (hi - lo) * BINS).astype(np.int64), BINS - 1)
        self._hist += np.bincount(idx, minlength=BINS)

    @property
    def mean(self) -> float:
        return self.total / self.n if self.n else float("nan")

    def quantiles(self, qs: Sequence[float] = (0.05, 0.5, 0.95)) -> tuple[list[float], float]:
        """The quantiles and their error bound (0 when exact)."""
        if self.n == 0 or self.n == self.nonfinite:
            return [float("nan")] * len(qs), 0.0
        if self.lo == self.hi:
            return [self.lo] * len(qs), 0.0
        if self._edges is None:
            first = np.concatenate(self._first) if self._first else np.empty(0)
            return [float(v) for v in np.quantile(first, qs)], 0.0
        hist = self._hist if self._hist is not None else np.zeros(BINS, dtype=np.int64)
        width = float(self._edges[1] - self._edges[0])
        cum = np.cumsum(hist) + self._under
        count = self._under + int(hist.sum()) + self._over
        out: list[float] = []
        error = width
        for q in qs:
            target = q * count
            if target < self._under or target > count - self._over:
                out.append(self.lo if target < self._under else self.hi)
                error = float("inf")
                continue
            i = int(np.searchsorted(cum, target))
            i = min(i, BINS - 1)
            before = cum[i - 1] if i else self._under
            inbin = hist[i]
            frac = (target - before) / inbin if inbin else 0.5
            out.append(float(self._edges[i] + frac * width))
        return out, error

    def summary(self) -> Quantiles:
        (p5, p50, p95), error = self.quantiles()
        return Quantiles(p5, p50, p95, self.mean, error)


@dataclass(frozen=True)
class Plan:
    """The quantities of each side and the distinct inputs they draw on (shared by key)."""

    a: tuple[Quantity, ...]
    b: tuple[Quantity, ...]
    correlation: Mapping[tuple[str, str], float]
    extra: tuple[Quantity, ...] = ()
    """Quantities drawn (and kept, and summed into ``quantity_sums``) but in neither A nor B:
    the level of a bloc side that the answer does not use, shown beside it."""

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        seen: dict[str, Quantity] = {}
        for q in self.a + self.b + self.extra:
            seen.setdefault(q.key, q)
        return tuple(seen.values())

    @property
    def inputs(self) -> dict[str, Dist]:
        """Every uncertain input by key, sorted by key (points need no draw)."""
        found = {c.key: c.dist for q in self.quantities for c in q.components if c.dist.uncertain}
        return dict(sorted(found.items()))


@dataclass
class RunStats:
    """What a run keeps: streaming summaries, tie counts, member means, and the first
    ``kept`` samples of every quantity (for sensitivity)."""

    a: StreamStat
    b: StreamStat
    diff: StreamStat
    ratio: StreamStat
    gt: int
    lt: int
    eq: int
    quantity_sums: dict[str, float]
    kept_quantities: dict[str, Array]
    kept_a: Array
    kept_b: Array
    samples: int
    seed: int
    sampler: Sampler = Sampler.MC
    replicate_gt: tuple[int, ...] = ()

    def add_block(self, a: Array, b: Array, values: Mapping[str, Array]) -> int:
        """Fold one block of paired side totals and quantity values into the summaries;
        return how many samples had A > B (callers keeping per-replicate counts need it)."""
        diff = a - b
        self.a.update(a)
        self.b.update(b)
        self.diff.update(diff)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.ratio.update(a / b)
        gt = int(np.count_nonzero(diff > 0))
        self.gt += gt
        self.lt += int(np.count_nonzero(diff < 0))
        self.eq += int(np.count_nonzero(diff == 0))
        for k, v in values.items():
            self.quantity_sums[k] += float(np.sum(v))
        return gt


def _cholesky(keys: Sequence[str], corr: Mapping[tuple[str, str], float]) -> Array | None:
    if not corr:
        return None
    index = {k: i for i, k in enumerate(keys)}
    mat = np.eye(len(keys))
    for (x, y), rho in corr.items():
        if x not in index or y not in index:
            missing = x if x not in index else y
            raise UserError(f"correlation names input {missing!r}, which this run does not "
                            f"draw; inputs are {', '.join(keys) or 'none'}")
        if not -1 <= rho <= 1:
            raise UserError(f"a correlation must be in [-1, 1], got {rho!r} for {x}–{y}")
        mat[index[x], index[y]] = mat[index[y], index[x]] = rho
    try:
        out: Array = np.asarray(np.linalg.cholesky(mat), dtype=np.float64)
    except np.linalg.LinAlgError as exc:
        raise UserError("the correlations given are inconsistent (the matrix is not "
                        "positive definite); lower some of them") from exc
    return out


def _values(q: Quantity, draws: Mapping[str, Array], choice: Array | None, m: int) -> Array:
    """One quantity's values in a chunk: the chosen component's draw, times the scale."""
    cols = [draws[c.key] if c.dist.uncertain else np.full(m, c.dist.a) for c in q.components]
    if len(cols) == 1 or choice is None:
        out = cols[0]
    else:
        cum = np.cumsum(q.weights)
        pick = np.minimum(np.searchsorted(cum, choice, side="right"), len(cols) - 1)
        out = np.choose(pick, cols)
    return out * q.scale if q.scale != 1.0 else out


def _transform_into(dist: Dist, z: Array) -> Array:
    """dist.transform(z), computed in z's own memory for normal and lognormal (z is not
    used again), so a chunk holds one array per input, not two."""
    if dist.shape is Shape.LOGNORMAL:
        z *= dist.b
        z += dist.a
        return np.exp(z, out=z)
    if dist.shape is Shape.NORMAL:
        z *= dist.b
        z += dist.a
        return z
    return dist.transform(z)


def _total(parts: list[Array], m: int) -> Array:
    """Σ parts, added left to right into one buffer (same order, so same bits, each chunk)."""
    out = np.zeros(m)
    for part in parts:
        out += part
    return out


def run(plan: Plan, rng: np.random.Generator, samples: int, chunk_size: int, keep: int,
        seed: int, sampler: Sampler = Sampler.MC,
        replicates: int = DEFAULT_REPLICATES) -> RunStats:
    """Draw ``samples`` samples of A = Σ a and B = Σ b in chunks, keeping streaming stats.

    With ``sampler=Sampler.RQMC`` the samples are ``replicates`` scrambles of
    ⌈samples / replicates⌉ Sobol' points each (the last one shorter when it does not
    divide); ``RunStats.replicate_gt`` then holds each scramble's count of A > B.
    """
    if replicates < 1:
        raise UserError(f"replicates must be at least 1, got {replicates!r}")
    root = int(rng.integers(0, 2**63))
    inputs = plan.inputs
    keys = list(inputs)
    streams = [_stream(root, k) for k in keys]
    quantities = plan.quantities
    choices = {q.key: _stream(root, "choice:" + q.key) for q in quantities
               if len(q.components) > 1}
    chol = _cholesky(keys, plan.correlation)
    a_keys = [q.key for q in plan.a]
    b_keys = [q.key for q in plan.b]
    stats = RunStats(StreamStat(chunk_size), StreamStat(chunk_size), StreamStat(chunk_size),
                     StreamStat(chunk_size), 0, 0, 0,
                     {q.key: 0.0 for q in quantities}, {}, np.empty(0), np.empty(0),
                     samples, seed)
    kept_q: dict[str, list[Array]] = {q.key: [] for q in quantities}
    kept_a: list[Array] = []
    kept_b: list[Array] = []
    choice_keys = list(choices)
    per = -(-samples // replicates)
    dims = len(keys) + len(choice_keys)
    engine = sobol_engine(dims, root) if sampler is Sampler.RQMC else None
    shifts = sobol_shifts(dims, root, replicates) if engine is not None else None
    base: UIntArray = np.empty((0, 0), dtype=np.uint64)
    base_range = (-1, -1)
    rep_gt = [0] * (replicates if sampler is Sampler.RQMC else 0)
    r = 0
    done = 0
    while done < samples:
        m = min(chunk_size, samples - done)
        if engine is not None and shifts is not None:
            r, start = divmod(done, per)
            m = min(m, per - start)
            if base_range != (start, m):  # replicates share base points: draw them once
                base, base_range = sobol_base(engine, start, m), (start, m)
            e, u = sobol_normals(base, shifts[r], len(keys))
            picks = {k: u[i] for i, k in enumerate(choice_keys)}
        else:
            e = np.empty((len(keys), m))
            for row, gen in zip(e, streams, strict=True):
                row[:] = gen.standard_normal(m)
            picks = {k: choices[k].random(m) for k in choice_keys}
        z: Array = chol @ e if chol is not None else e
        draws = {k: _transform_into(inputs[k], z[i]) for i, k in enumerate(keys)}
        values = {q.key: _values(q, draws, picks.get(q.key), m) for q in quantities}
        a = _total([values[k] for k in a_keys], m)
        b = _total([values[k] for k in b_keys], m)
        gt = stats.add_block(a, b, values)
        if rep_gt:
            rep_gt[r] += gt
        room = keep - done
        if room > 0:
            for k, v in values.items():
                kept_q[k].append(v[:room].copy())
            kept_a.append(a[:room].copy())
            kept_b.append(b[:room].copy())
        done += m
    stats.kept_quantities = {k: np.concatenate(v) if v else np.empty(0)
                             for k, v in kept_q.items()}
    stats.kept_a = np.concatenate(kept_a) if kept_a else np.empty(0)
    stats.kept_b = np.concatenate(kept_b) if kept_b else np.empty(0)
    stats.sampler = sampler
    stats.replicate_gt = tuple(rep_gt)
    return stats
