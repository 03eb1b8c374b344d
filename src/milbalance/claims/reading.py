"""How a claim was read, in one line ("RUS · military_expenditure.share_gdp · 2024 · > 4%"),
with every part the sentence did not write marked by where it came from ("2024 (from the
article date)"), and which parts could not be resolved at all.

A verdict is given only when subject, metric, period, comparator and figure are all
resolved (``unresolved`` is empty); otherwise the claim is not checkable, naming the parts.
"""

from __future__ import annotations

import re

from milbalance.claims.kinds import (
    AttributionClaim,
    Change,
    Claim,
    Comparison,
    Consistency,
    Level,
    Measure,
    MemberCount,
    NotCheckable,
    Quantity,
    QuantityUnit,
    Rank,
    Record,
    ShareOfGdp,
    ShareOfTotal,
)
from milbalance.claims.when import part_of_year, unread_span

SYMBOL = {("at-least", True): ">", ("at-least", False): "≥", ("at-most", True): "<",
          ("at-most", False): "≤"}
NO_ITEM = "no item named"
"""The start of the parser's caveat when it had to assume the item (artillery shells)."""
SUBJECT_FROM_PREVIOUS = "subject taken from the previous sentence"
FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Years a claim can be about: an article dated 0001-01-01 resolves no period."""


def _num(value: float) -> str:
    for size, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if abs(value) >= size:
            return f"{value / size:.4g}{word}"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def figure_text(q: Quantity) -> str:
    """The figure normalised: '4%', '13.5 trillion RUB', '2.4 million a year'."""
    def one(v: float) -> str:
        if q.unit in (QuantityUnit.PERCENT_GDP, QuantityUnit.PERCENT):
            return f"{v:g}%"
        if q.unit is QuantityUnit.MONEY:
            return f"{_num(v)} {q.currency}".strip()
        return _num(v)
    if q.low is not None and q.high is not None and q.low != q.high:
        text = f"{one(q.low)}–{one(q.high)}"
    else:
        text = one(q.value)
    if q.unit is QuantityUnit.RATE:
        text += " a year" + (f" (from a {q.per}ly figure)" if q.per in ("month", "day",
                                                                        "week") else "")
    return text


def comparator(q: Quantity) -> str:
    """=, ≈, >, ≥, <, ≤ or 'range' for the figure as the claim states it."""
    if q.bound:
        return SYMBOL[(q.bound, q.strict)]
    if q.low is not None and q.high is not None and q.low != q.high:
        return "in"
    return "≈" if q.approximate else "="


def _how(claim: Claim, part: str) -> str:
    for p, how in claim.inferred:
        if p == part:
            return how
    return ""


def _subject(claim: Claim, subject: str) -> str:
    how = _how(claim, "subject")
    if not how and any(c.startswith(SUBJECT_FROM_PREVIOUS) for c in claim.caveats):
        how = "from the previous sentence"
    return f"{subject} ({how})" if how and subject else subject or "?"


def _period(claim: Claim, years: tuple[int, int] | None = None, peak: bool = False) -> str:
    if years is not None and years[0] != years[1]:
        return f"{years[0]}–{years[1]}" + (" (peak year)" if peak else "")
    if claim.year is None:
        return "?"
    how = _how(claim, "year") or ("" if claim.year_from_text else "from the article date")
    return f"{claim.year} ({how})" if how else str(claim.year)


def _metric(item: str, measure: str) -> str:
    if not item:
        return "?"
    if item in ("military_expenditure", "gdp") and measure in ("expenditure", "gdp"):
        return item
    return f"{item}.{measure}"


def reading_of(claim: Claim) -> str:
    """The claim as it was read, one line; parts not written in the sentence are marked."""
    text = _reading(claim)
    if claim.negated and not isinstance(claim, NotCheckable):
        text = f"not ({text})"
    return text


def _reading(claim: Claim) -> str:
    if isinstance(claim, Level):
        q = claim.quantity
        cur = f" ({q.currency})" if q.unit is QuantityUnit.MONEY and q.currency else ""
        return (f"{_subject(claim, claim.subject)} · {_metric(claim.item, claim.measure)}{cur} · "
                f"{_period(claim, claim.years, peak=True)} · {comparator(q)} {figure_text(q)}")
    if isinstance(claim, ShareOfGdp):
        q = claim.quantity
        return (f"{_subject(claim, claim.subject)} · military_expenditure.share_gdp · "
                f"{_period(claim, claim.years, peak=True)} · {comparator(q)} {figure_text(q)}")
    if isinstance(claim, Comparison):
        metric = ("military_expenditure.share_gdp" if claim.share_of_gdp
                  else _metric(claim.item, claim.measure))
        if claim.ratio is None:
            side = f"{_subject(claim, claim.subject)} {'>' if claim.more else '<'} {claim.other}"
        else:
            cmp = SYMBOL.get((claim.ratio_bound, False), "≈")
            side = f"{_subject(claim, claim.subject)} {cmp} {claim.ratio:.3g} × {claim.other}"
        if claim.subject_years is not None:
            y0, y1 = claim.subject_years
            when = f"{claim.subject} in {y0}–{y1} (peak year) against {claim.other} in " \
                   f"{_period(claim)}"
        else:
            when = _period(claim)
        return f"{side} · {metric} · {when}"
    if isinstance(claim, Change):
        from milbalance.claims.reading_kinds import change_reading

        return change_reading(claim, _subject(claim, claim.subject),
                              _metric(claim.item, claim.measure), _period(claim))
    if not isinstance(claim, NotCheckable | AttributionClaim | Consistency | Record):
        from milbalance.claims.reading_kinds import kind_reading

        return kind_reading(claim, _subject(claim, claim.subject), _period(claim))
    if isinstance(claim, Record):
        since = (str(claim.since) if claim.since is not None else
                 f"at least {claim.span_years} years" if claim.span_years else
                 "the series began (a record)")
        return (f"{_subject(claim, claim.subject)} · {_metric(claim.item, claim.measure)} · "
                f"{_period(claim)} · highest since {since}")
    if isinstance(claim, Consistency):
        figures = " = ".join(figure_text(q) + (" of GDP" if q.unit is QuantityUnit.PERCENT_GDP
                                               else "") for q in claim.quantities)
        return f"{_subject(claim, claim.subject)} · {_period(claim)} · {figures}"
    if isinstance(claim, AttributionClaim):
        day = claim.attribution.date if claim.attribution and claim.attribution.date else "?"
        about = f" · about {', '.join(claim.about)}" if claim.about else ""
        return f"{claim.speaker} said it · {day}{about}"
    return f"not checkable: {claim.reason}"


NOW_CAVEAT = re.compile(r"^year read as \d{4} \((?:now|currently|at present|presently|today|"
                         r"nowadays|at the moment),", re.I)


def said_now(claim: Claim) -> bool:
    """The claim's year is only the date it was said: no year written nor set by the
    article's context, or a 'now'-word ('currently', 'today')."""
    if claim.year is None or claim.year_context:
        return False
    return not claim.year_from_text or any(NOW_CAVEAT.match(c) for c in claim.caveats)


def yearly_statistic(claim: Claim) -> bool:
    """A claim about a spending statistic published for whole years."""
    if isinstance(claim, ShareOfGdp | MemberCount | Rank | ShareOfTotal | Consistency):
        return True
    if isinstance(claim, Level):
        return claim.quantity.unit is QuantityUnit.MONEY
    if isinstance(claim, Comparison):
        return claim.share_of_gdp or claim.measure is Measure.EXPENDITURE
    return False


def unresolved(claim: Claim) -> list[str]:
    """The parts of the claim that could not be resolved (empty: a verdict may be given)."""
    missing: list[str] = []
    if isinstance(claim, NotCheckable | AttributionClaim):
        return missing
    subject = getattr(claim, "subject", "")
    if not subject:
        missing.append("subject")
    item = getattr(claim, "item", "military_expenditure")
    if not item or any(c.startswith(NO_ITEM) for c in claim.caveats):
        missing.append("metric (no item named)")
    if claim.year is None:
        missing.append("period (no year written and no article date)")
    elif not FIRST_YEAR <= claim.year <= LAST_YEAR:
        missing.append(f"period (the year {claim.year} is outside {FIRST_YEAR}–{LAST_YEAR})")
    if claim.year is not None and said_now(claim) and not isinstance(claim, Change) \
            and (span := unread_span(claim.text)):
        missing.append(f"period ('{span}' is a stretch of years, not the year it was said)")
    if (isinstance(claim, ShareOfGdp) or (isinstance(claim, Level) and claim.quantity.unit in (
            QuantityUnit.MONEY, QuantityUnit.COUNT))) and (part := part_of_year(claim.text)):
        missing.append(f"period ('{part}' is part of a year, not the whole year)")
    if isinstance(claim, Comparison) and not claim.other:
        missing.append("counterpart")
    if isinstance(claim, Change) and claim.since is None:
        missing.append("base year of the change")
    return missing
