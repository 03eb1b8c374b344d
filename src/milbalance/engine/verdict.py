"""From bases to one verdict and a headline (the published rule: docs/methodology.md).

Each basis is read as one of:

    A ahead       P(A > B) ≥ CLEAR (0.9)
    B ahead       P(A > B) ≤ 1 − CLEAR (0.1)
    uncertain     in between
    undetermined  P is only a bound (a capacity stands in for one side's output) and the
                  bound leaves the answer open: a lower bound below CLEAR, an upper bound
                  above 1 − CLEAR; or a bloc side's member sum leaves more than half of
                  its members without a figure (COVERAGE)
    no data       a side has no figure on that basis in the year (nor a stand-in)

The verdict on "A produces more than B" (the main basis is ``new-output``; a claim that
names another definition — capacity, or output with suppliers' deliveries — takes that one):

    supported      the main basis reads A ahead and no basis reads B ahead
    refuted        the main basis reads B ahead and no basis reads A ahead
    contested      otherwise with data: the main basis is uncertain, undetermined or missing,
                   or the bases disagree (one reads A ahead, another B ahead)
    not checkable  no basis has data
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from milbalance.formatting import number

if TYPE_CHECKING:
    from milbalance.engine.bases import Basis

CLEAR = 0.9
COVERAGE = 0.5
A_AHEAD, B_AHEAD, UNCERTAIN, UNDETERMINED, NO_DATA = (
    "A ahead", "B ahead", "uncertain", "undetermined", "no data")
MAIN = "new-output"
WORDS = {
    "new-output": "on new output",
    "capacity": "on capacity",
    "output-incl-refurbished": "counting refurbished shells",
    "output-plus-supplies": "counting suppliers' deliveries",
    "155mm-only": "on 155 mm alone",
}


def reading(b: Basis) -> str:
    """A basis's reading (see the module docstring)."""
    p = b.p_a_gt_b
    if p is None:
        return NO_DATA
    if max(b.uncovered) > COVERAGE:
        return UNDETERMINED
    if b.bound == "lower":
        return A_AHEAD if p >= CLEAR else UNDETERMINED
    if b.bound == "upper":
        return B_AHEAD if p <= 1 - CLEAR else UNDETERMINED
    return A_AHEAD if p >= CLEAR else B_AHEAD if p <= 1 - CLEAR else UNCERTAIN


def decide(found: Sequence[Basis], main_basis: str = MAIN) -> tuple[str, list[str]]:
    """(verdict, reasons) by the rule in the module docstring."""
    reads = {b.basis: reading(b) for b in found}
    if all(r == NO_DATA for r in reads.values()):
        return "not checkable", ["no basis has figures for both sides"]
    main = reads.get(main_basis, NO_DATA)
    others = {k: v for k, v in reads.items() if k != main_basis}
    reasons = [f"{main_basis} (main basis): {main}"]
    reasons += [f"{k}: {v}" for k, v in others.items()]
    a_any = A_AHEAD in others.values()
    b_any = B_AHEAD in others.values()
    if main == A_AHEAD and not b_any:
        return "supported", reasons
    if main == B_AHEAD and not a_any:
        return "refuted", reasons
    why = ("the main basis is " + main if main in (UNCERTAIN, UNDETERMINED, NO_DATA)
           else "the bases disagree")
    return "contested", [*reasons, f"contested: {why}"]


def _label(b: Basis) -> str:
    return WORDS.get(b.basis, f"on {b.basis}")


def short(x: float) -> str:
    """2,489,938 → '2.5 M'; 480,374 → '480 k'."""
    if abs(x) >= 1e6:
        return f"{x / 1e6:.1f} M"
    if abs(x) >= 1e3:
        return f"{x / 1e3:.0f} k"
    return number(x)


def _sides(b: Basis, names: tuple[str, str]) -> str:
    assert b.a is not None and b.b is not None
    parts = []
    for use, name in ((b.a, names[0]), (b.b, names[1])):
        what = short(use.quantiles.p50)
        if use.resolution == "carried-forward":
            what += f" ({use.year} carried forward)"
        elif use.resolution == "capacity-upper-bound":
            what += " (capacity, an upper bound)"
        elif use.resolution == "run-rate":
            what += " (annualised run-rate)"
        parts.append(f"{name} {what}")
    return " against ".join(parts)


def _p(b: Basis, names: tuple[str, str], full: bool = True) -> str:
    assert b.p_a_gt_b is not None
    sign = {"lower": " ≥ ", "upper": " ≤ "}.get(b.bound, " = ")
    return (f"P({names[0]} > {names[1]})" if full else "P") + f"{sign}{b.p_a_gt_b:.2f}"


def headline(found: Sequence[Basis], verdict: str, names: tuple[str, str], item: str,
             year: int, main_basis: str = MAIN) -> str:
    """One quotable sentence: the verdict, the figures, and which definition decides."""
    what = item.replace("_", " ")
    with_data = [b for b in found if b.p_a_gt_b is not None]
    if not with_data:
        return (f"Whether {names[0]} produces more {what} than {names[1]} in {year} cannot be "
                "checked: no definition has figures for both sides.")
    reads = {b.basis: reading(b) for b in found}
    main = next((b for b in with_data if b.basis == main_basis), with_data[0])
    carried = ("" if main.p_carried is None else
               f"; {main.p_carried:.2f} with the latest output carried forward instead")
    lead = f"{_label(main)}, {_sides(main, names)} ({_p(main, names)}{carried})"
    others = [b for b in with_data if b is not main and reads[b.basis] != reads[main.basis]]
    tail = "; ".join(f"{_label(b)} {_sides(b, names)} ({_p(b, names, full=False)})"
                     for b in others[:3])
    if verdict in ("supported", "refuted"):
        head = (f"Supported: {names[0]} out-produces {names[1]} in {what} in {year}: {lead}"
                if verdict == "supported" else
                f"Refuted: {names[1]}, not {names[0]}, produces more {what} in {year}: {lead}")
        if not others:
            return f"{head}, and on every other definition with figures."
        return f"{head}; no definition says otherwise, though {tail} leaves it open."
    deciders = [_label(b).removeprefix("counting ") for b in others[:3]
                if reads[b.basis] in (A_AHEAD, B_AHEAD)]
    decide_text = (f" — it turns on whether {' and '.join(deciders)} count" if deciders else
                   " — no definition settles it")
    return (f"Contested: whether {names[0]} out-produces {names[1]} in {what} in {year} "
            f"depends on the definition: {lead}" + (f"; {tail}" if tail else "")
            + f"{decide_text}.")
