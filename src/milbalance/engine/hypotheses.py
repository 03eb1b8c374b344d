"""Sampling two sides, each either a plain sum or a mixture of whole-bloc hypotheses.

A plain side (one way of reaching the whole) is a sum of quantities, and both sides go to
``sampling.run`` in one call, chunked and seeded as that module describes, with the sampler
the options ask for (``rqmc`` by default). A side that has both S and W but uses only one
(members-only, bloc-only, or a member sum with gaps) is plain too: the unused level is drawn
beside it (``Plan.extra``) for its contribution, not summed.

A mixed side (``Side.mixed``: the member sum S and the bloc's own figures W are both used)
takes, in each sample i, S_i with probability p = ``Side.p_parts`` and W_i otherwise:

    A_i = S_i · 1[u_i < p] + W_i · 1[u_i ≥ p],   u_i ~ U(0, 1)

The choices u come from a stream seeded by (seed, block, hash of the side's key), so two
identical sides choose alike and A − A stays exactly 0. When either side is mixed, the run
goes in fixed blocks of ``BLOCK`` samples, each one ``sampling.run`` call seeded by
(seed, block index) that keeps all its samples; the streaming statistics are fed block by
block. Numbers depend on the seed and the data, not on ``chunk_size`` (memory is bounded by
the block: inputs × BLOCK floats). This path is plain Monte Carlo whatever the options ask
(``Sampled.note`` says so): its choices are per-block streams, not RQMC dimensions.

Each side's quantities are also returned as their effective contributions (the value where
the sample counts it, else 0) for the first ``keep`` samples, for sensitivity.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from milbalance.engine.blocs import Side
from milbalance.engine.distributions import Array
from milbalance.engine.mixture import Quantity
from milbalance.engine.options import EngineOptions, Sampler
from milbalance.engine.sampling import Plan, RunStats, StreamStat, run

BLOCK = 1 << 16
Correlation = dict[tuple[str, str], float]


@dataclass
class Sampled:
    """A run's statistics and, per side, the kept samples of each quantity as raw values and
    as effective contributions to the side's total."""

    stats: RunStats
    raw: dict[str, Array]
    effective_a: dict[str, Array]
    effective_b: dict[str, Array]
    plan: Plan
    note: str = ""  # why the sampler differs from the one asked for


def _digest(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")


def _sum(parts: list[Array], m: int) -> Array:
    out = np.zeros(m)
    for part in parts:
        out += part
    return out


def sample(a: Side, b: Side | None, options: EngineOptions, correlation: Correlation,
           keep: int) -> Sampled:
    """Draw ``options.samples`` samples of A (and B) under the sides' level rules."""
    b_used = b.used if b is not None else ()
    if not a.mixed and not (b is not None and b.mixed):
        used = {q.key for q in a.used + b_used}
        extra = tuple(q for s in (a, b) if s is not None for q in s.sampled
                      if q.key not in used)
        plan = Plan(a.used, b_used, correlation, extra)
        stats = run(plan, np.random.default_rng(options.seed), options.samples,
                    options.chunk_size, keep, options.seed, options.estimator,
                    options.replicates)
        kept = stats.kept_quantities
        return Sampled(stats, kept, {q.key: kept[q.key] for q in a.used},
                       {q.key: kept[q.key] for q in b_used}, plan)
    return _mixed(a, b, options, correlation, keep)


def _side(side: Side | None, values: dict[str, Array], seed: int, block: int, m: int
          ) -> tuple[Array, dict[str, Array]]:
    """One side's total in a block and each quantity's effective contribution."""
    if side is None:
        return np.zeros(m), {}
    parts = _sum([values[q.key] for q in side.quantities], m)
    if not side.mixed:
        used: tuple[Quantity, ...] = side.used
        total = parts if used == side.quantities else _sum([values[q.key] for q in used], m)
        return total, {q.key: values[q.key] for q in used}
    whole = side.whole
    if whole is None:  # mixed implies a whole; kept for the type checker
        return parts, {q.key: values[q.key] for q in side.quantities}
    u = np.random.default_rng([seed, block, _digest(side.key)]).random(m)
    pick = u < side.p_parts
    total = np.where(pick, parts, values[whole.key])
    effective = {q.key: np.where(pick, values[q.key], 0.0) for q in side.quantities}
    effective[whole.key] = np.where(pick, 0.0, values[whole.key])
    return total, effective


def _mixed(a: Side, b: Side | None, options: EngineOptions, correlation: Correlation,
           keep: int) -> Sampled:
    plan = Plan(a.sampled, b.sampled if b is not None else (), correlation)
    seed, samples = options.seed, options.samples
    stats = RunStats(StreamStat(), StreamStat(), StreamStat(), StreamStat(), 0, 0, 0,
                     {q.key: 0.0 for q in plan.quantities}, {}, np.empty(0), np.empty(0),
                     samples, seed)
    raw: dict[str, list[Array]] = {}
    eff_a: dict[str, list[Array]] = {}
    eff_b: dict[str, list[Array]] = {}
    kept_a: list[Array] = []
    kept_b: list[Array] = []
    done = block = 0
    while done < samples:
        m = min(BLOCK, samples - done)
        part = run(plan, np.random.default_rng([seed, block]), m, m, m, seed)
        values = part.kept_quantities
        ta, ca = _side(a, values, seed, block, m)
        tb, cb = _side(b, values, seed, block, m)
        stats.add_block(ta, tb, values)
        room = keep - done
        if room > 0:
            for store, src in ((raw, values), (eff_a, ca), (eff_b, cb)):
                for k, v in src.items():
                    store.setdefault(k, []).append(v[:room].copy())
            kept_a.append(ta[:room].copy())
            kept_b.append(tb[:room].copy())
        done += m
        block += 1
    stats.kept_a = np.concatenate(kept_a) if kept_a else np.empty(0)
    stats.kept_b = np.concatenate(kept_b) if kept_b else np.empty(0)
    joined = {k: np.concatenate(v) for k, v in raw.items()}
    stats.kept_quantities = joined
    mixing = " and ".join(s.entity.id for s in (a, b) if s is not None and s.mixed)
    note = (f"plain Monte Carlo: {mixing} mixes the member sum with bloc-level figures as "
            "hypotheses, drawn per block (not yet an RQMC dimension)"
            if options.estimator is not Sampler.MC else "")
    return Sampled(stats, joined, {k: np.concatenate(v) for k, v in eff_a.items()},
                   {k: np.concatenate(v) for k, v in eff_b.items()}, plan, note)
