"""Readings of changes, ranks, shares of a total and counts of members, in the one-line form
of ``reading`` ("DEU · military_expenditure · 2023 → 2024 (base year assumed) · > × 1.5 ·
real terms")."""

from __future__ import annotations

from milbalance.claims.kinds import Change, Claim, MemberCount, QuantityUnit, Rank, ShareOfTotal

SYMBOL = {("at-least", True): ">", ("at-least", False): "≥", ("at-most", True): "<",
          ("at-most", False): "≤"}
ORDINAL = {1: "largest", 2: "2nd-largest", 3: "3rd-largest"}


def _cmp(bound: str, strict: bool, approximate: bool) -> str:
    if bound:
        return SYMBOL[(bound, strict)]
    return "≈" if approximate else "="


def _how(claim: Claim, part: str) -> str:
    return next((how for p, how in claim.inferred if p == part), "")


def change_reading(c: Change, subject: str, metric: str, period: str) -> str:
    """'RUS · military_expenditure · 2023 → 2024 · > × 1.5 · real terms (constant prices)'."""
    if c.since is None:
        since = "?"
    else:
        how = _how(c, "since")
        since = f"{c.since} ({how})" if how else str(c.since)
    if c.first_since is not None:
        way = "fall" if c.factor < 1 else "rise"
        what = f"first {way} since {c.first_since}"
    elif c.percent and c.factor == 1.0 and c.bound:
        what = "a rise (> 0%)" if c.bound == "at-least" else "a fall (< 0%)"
    elif c.percent:
        what = f"{_cmp(c.bound, c.strict, c.approximate)} {(c.factor - 1) * 100:+.3g}%"
    else:
        what = f"{_cmp(c.bound, c.strict, c.approximate)} × {c.factor:.3g}"
    basis = {"real": " · real terms (constant prices)",
             "nominal": " · nominal (current prices)"}.get(c.basis, "")
    return f"{subject} · {metric} · {since} → {period} · {what}{basis}"


def _position(c: Rank) -> str:
    big = "smallest" if c.smallest else "largest"
    if c.other:
        return f"overtook {c.other} (above it in the year, not the year before)"
    if c.top:
        return f"among the top {c.position} ({big} first)"
    if c.position == 1:
        return big
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(c.position % 10 if c.position % 100 not in
                                             (11, 12, 13) else 0, "th")
    return f"{c.position}{suffix}-{big}"


def kind_reading(c: Claim, subject: str, period: str) -> str:
    """Ranks, shares of a total and counts of members; anything else by its kind."""
    if isinstance(c, Rank):
        basis = "military_expenditure.share_gdp" if c.share_of_gdp else \
            "military_expenditure.usd_current"
        return f"{subject} · {_position(c)} in {c.scope or '?'} · {basis} · {period}"
    if isinstance(c, ShareOfTotal):
        q = c.quantity
        total = {"budget": "its government spending", "WLD": "world spending"}.get(
            c.total, f"{c.total or '?'} total spending")
        return (f"{subject} · {c.item} as a share of {total} · {period} · "
                f"{_cmp(q.bound, q.strict, q.approximate)} {q.value:.3g}%")
    if isinstance(c, MemberCount):
        if c.threshold is None:
            test = "members"
        else:
            test = (f"members {'below' if c.below else 'at or above'} {c.threshold:g}% of "
                    "GDP (NATO's estimate, else SIPRI's)")
        if c.every:
            count = "all"
        elif c.quantity is not None:
            q = c.quantity
            share = "% of members" if q.unit is QuantityUnit.PERCENT else ""
            count = f"{_cmp(q.bound, q.strict, q.approximate)} {q.value:.3g}{share}"
        else:
            count = "?"
        of = f" of {c.of}" if c.of is not None else ""
        return f"{subject} · {test}: {count}{of} · {period}"
    return f"{getattr(c, 'kind', '?')}"
