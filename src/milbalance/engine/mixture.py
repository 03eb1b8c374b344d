"""Several observations of one quantity → one mixture.

A member's figure for a period may come from several sources that disagree. The engine keeps
them all: the quantity is a mixture whose component k (one observation) is chosen with
probability w_k / Σw, where w_k is the weight of the observation's claimant type (1 unless
configured; 0 drops the type). A mixture of identical components is that component.
Filters (one claimant, claimant type or source) are applied before mixing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from milbalance.engine.distributions import Dist
from milbalance.engine.quoted import DEFAULT_BOUND_FACTOR, read
from milbalance.engine.results import Assumption
from milbalance.store import ObservationRow


@dataclass(frozen=True)
class Component:
    """One observation as a distribution, with its (unnormalised) mixture weight."""

    key: str  # identifies the input: the data row it came from
    dist: Dist
    weight: float
    observation: ObservationRow


@dataclass(frozen=True)
class Quantity:
    """One part of a side for the period: a mixture of components, times ``scale``
    (1, or the member's share of the period under the pro-rata membership rule).

    ``member`` is the entity whose figures these are (a country, a company, another bloc, or
    the bloc itself); ``level`` says how it enters the side (see ``Level``), ``covers`` which
    of the side's members it stands for, ``metric`` the metric its figures are on.
    """

    key: str
    member: str
    components: tuple[Component, ...]
    scale: float = 1.0
    flags: tuple[str, ...] = ()
    level: str = "member"
    covers: tuple[str, ...] = ()
    metric: str = ""

    @property
    def weights(self) -> tuple[float, ...]:
        total = sum(c.weight for c in self.components)
        return tuple(c.weight / total for c in self.components)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.observation.source for c in self.components))


def observation_key(obs: ObservationRow) -> str:
    """A data row's identity: its file and line (unique, and stable while the file is)."""
    return f"{obs.path}:{obs.line}" if obs.path else (
        f"{obs.entity}|{obs.metric}|{obs.period.label}|{obs.source}|{obs.claimant}")


def select(rows: Sequence[ObservationRow], claimant_type: str | None = None,
           claimant: str | None = None, source: str | None = None) -> list[ObservationRow]:
    """The rows from one claimant type, claimant (case-insensitive) and/or source."""
    return [o for o in rows
            if (claimant_type is None or o.claimant_type == claimant_type)
            and (claimant is None or o.claimant.lower() == claimant.lower())
            and (source is None or o.source == source)]


def mixture(key: str, member: str, rows: Sequence[ObservationRow],
            weights: Mapping[str, float], range_confidence: float, scale: float = 1.0,
            flags: tuple[str, ...] = (), level: str = "member", covers: tuple[str, ...] = (),
            quoted: bool = False, spread: Mapping[str, float] | None = None,
            bound_factor: float = DEFAULT_BOUND_FACTOR,
            ) -> tuple[Quantity | None, tuple[Assumption, ...]]:
    """The mixture of ``rows`` weighted by claimant type; None when every weight is 0.

    ``quoted``: read quoted points as uncertain (``engine.quoted``); one-sided figures are
    bounds either way."""
    components: list[Component] = []
    used: list[Assumption] = []
    for obs in rows:
        weight = float(weights.get(str(obs.claimant_type), 1.0))
        if weight == 0:
            continue
        dist, assumed = read(obs, range_confidence, quoted, spread, bound_factor)
        used.extend(assumed)
        components.append(Component(observation_key(obs), dist, weight, obs))
    if not components:
        return None, ()
    if len(components) > 1:
        text = ("several figures for one quantity are mixed with "
                + ("equal weights" if not weights else
                   "weights by claimant type " + ", ".join(f"{k}={v:g}"
                                                           for k, v in sorted(weights.items())))
                + " (each sample takes one source's figure)")
        used.append(Assumption("mixture-weights", text))
    metric = rows[0].metric if rows else ""
    return Quantity(key, member, tuple(components), scale, flags, level,
                    covers or (member,), metric), tuple(used)
