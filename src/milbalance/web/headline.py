"""The Overview's headline answer: the central question, answered on every basis.

"Is NATO outproducing Russia in artillery shells?" for the latest year with an output figure
for either side, answered by ``engine.bases`` (docs/methodology.md): one verdict, the sentence
a journalist can quote (the bases answer's headline) and P(NATO > Russia) on each basis. It
is a pure function of the data, so it is computed once per content hash and kept.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from milbalance.engine.bases import BasesAnswer, bases
from milbalance.errors import MilbalanceError
from milbalance.store import Store

A, B, ITEM = "NATO", "RUS", "artillery_shells"
"""The central question's sides and item (ids in data/)."""
OUTPUT_METRICS = (f"{ITEM}.output", f"{ITEM}.output_incl_refurbished", f"{ITEM}_155mm.output")
"""A year "has data" when either side has one of these figures in it."""


@dataclass(frozen=True)
class BasisLine:
    """One basis as the headline shows it: words, P(A > B) (with ≥/≤ for a bound), reading."""

    basis: str
    words: str
    p: str
    reading: str
    a_median: float | None
    b_median: float | None


@dataclass(frozen=True)
class Headline:
    question: str
    year: int
    verdict: str
    sentence: str
    bases: tuple[BasisLine, ...]
    a: str
    b: str
    b_name: str
    check_link: str
    """The same question as a claim on the check page (a GET address)."""
    answer: BasesAnswer


def latest_year(store: Store, today: int | None = None) -> int | None:
    """The latest year (not after this one) with an output figure for A, its members or B."""
    today = today or date.today().year
    members = {m.member for m in store.memberships(A)} | {A, B}
    years = [o.period.end.year for metric in OUTPUT_METRICS
             for o in store.observations(None, metric)
             if o.entity in members and o.period.end.year <= today]
    return max(years) if years else None


def _line(names: tuple[str, str], b: object) -> BasisLine:
    from milbalance.engine.bases import Basis
    from milbalance.engine.verdict import WORDS, reading

    assert isinstance(b, Basis)
    p = "–" if b.p_a_gt_b is None else (
        {"lower": "≥ ", "upper": "≤ "}.get(b.bound, "") + f"{b.p_a_gt_b:.2f}")
    words = WORDS.get(b.basis, b.basis).removeprefix("on ")
    return BasisLine(b.basis, words, p, reading(b).replace("A ahead", f"{names[0]} ahead")
                     .replace("B ahead", f"{names[1]} ahead"),
                     b.a.quantiles.p50 if b.a else None, b.b.quantiles.p50 if b.b else None)


@functools.lru_cache(maxsize=4)
def _cached(store: Store, content_hash: str, today: int) -> Headline | None:
    year = latest_year(store, today)
    if year is None:
        return None
    try:
        answer = bases(store, A, B, ITEM, year)
    except MilbalanceError:
        return None
    b_name = store.entity(B).name or B
    what = ITEM.replace("_", " ")
    claim = f"{A} produced more {what} than {b_name} in {year}."
    return Headline(f"Is {A} outproducing {b_name} in {what}?", year, answer.verdict,
                    answer.headline, tuple(_line((A, b_name), x) for x in answer.bases), answer.a,
                    answer.b, b_name, "/check?" + urlencode({"text": claim}), answer)


_lock = threading.Lock()


def headline(store: Store, today: int | None = None) -> Headline | None:
    """The headline answer for the store's data (None when no year has figures)."""
    with _lock:  # one computation per data version, not one per concurrent request
        return _cached(store, store.content_hash, today or date.today().year)
