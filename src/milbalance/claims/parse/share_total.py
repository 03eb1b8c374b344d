"""Shares of a total: "accounted for 37% of global spending", "two-thirds of NATO's defence
spending", "40% of its federal budget", "more than a third of the state budget".

The total is the world (WLD), a bloc (NATO, the EU) or "budget": the subject's own government
spending. A share of a defence budget ("10% of defence spending goes to pay") is a share of a
part, which the data does not break down: no claim is read from it.
"""

from __future__ import annotations

import re

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import Claim, Quantity, QuantityUnit, ShareOfTotal
from milbalance.claims.parse.common import DEFENCE, neg_caveat, negation_cue
from milbalance.claims.parse.ratio_words import RATIO_BOUND, bound_before
from milbalance.claims.subjects import subject_before

_FRACTIONS = {"half": 50.0, "a half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
              "one-third": 100 / 3, "two-thirds": 200 / 3, "two thirds": 200 / 3,
              "a quarter": 25.0, "one quarter": 25.0, "three-quarters": 75.0,
              "a fifth": 20.0, "a tenth": 10.0}
_SPEND = r"(?:(?:military|defen[cs]e|arms)\s+)?(?:spending|expenditures?|outlays?|budgets?|total)"
_TOTAL = (
    rf"(?P<world>(?:the\s+)?(?:total\s+)?(?:global|world(?:'s)?|worldwide|the\s+world's)\s+"
    rf"(?:total\s+)?{_SPEND}|(?:the\s+)?global\s+total|(?:all\s+)?(?:military\s+)?spending\s+"
    rf"worldwide)|"
    rf"(?P<nato>(?:NATO's|the\s+alliance's|allied|all\s+NATO|NATO|the\s+NATO)\s+(?:members'\s+)?"
    rf"(?:total\s+|combined\s+|overall\s+)?{_SPEND})|"
    rf"(?P<eu>(?:the\s+)?(?:EU's|European\s+Union's|EU)\s+(?:total\s+|combined\s+)?{_SPEND})|"
    r"(?P<budget>(?:(?:its|the|their|the\s+country's|[A-Z][\w'’]*'s?)\s+)?(?:total\s+|entire\s+|"
    r"overall\s+|annual\s+)?(?:(?:federal|state|national|government|public|central)\s+)?"
    r"(?:budget(?:\s+(?:expenditure|spending|outlays))?|government\s+(?:spending|expenditure)|"
    r"public\s+(?:spending|expenditure)|federal\s+(?:spending|expenditure)|state\s+spending)"
    r"(?!\s+(?:deficit|surplus|revenue|income|gap|shortfall)))"
)
_SHARE = re.compile(
    rf"(?:(?<![\w.,])(?P<pct>\d{{1,3}}(?:\.\d{{1,3}})?)\s*(?:%|per\s?cent\b|percent\b)|"
    rf"(?P<frac>{'|'.join(sorted(map(re.escape, _FRACTIONS), key=len, reverse=True))}))"
    rf"\s+of\s+(?:all\s+)?(?:{_TOTAL})", re.I)
_BOUND = re.compile(rf"(?:{RATIO_BOUND})\s*$", re.I)


def shares_of_total(gaz: Gazetteer, text: str, mentions: list[Mention],
                    common: dict[str, object], caveats: tuple[str, ...],
                    ctx: Context) -> list[Claim]:
    out: list[Claim] = []
    for m in _SHARE.finditer(text):
        total = ("WLD" if m["world"] else "NATO" if m["nato"] else "EU" if m["eu"]
                 else "budget")
        phrase = m["world"] or m["nato"] or m["eu"] or m["budget"] or ""
        if total == "budget" and (re.search(r"defen|military|security|war", phrase, re.I)
                                  or not DEFENCE.search(text)):
            continue  # a share of a defence budget is a part of it; no defence word at all
        if total != "budget" and not re.search(r"spen[dt]|expenditure|budget|account",
                                               text, re.I):
            continue
        value = float(m["pct"]) if m["pct"] else _FRACTIONS[m["frac"].lower()]
        before = _BOUND.search(text[max(0, m.start() - 20):m.start()])
        bound, strict, approx = bound_before(before.group(0).strip() if before else "")
        q = Quantity(value, QuantityUnit.PERCENT, m.group(0), m.start(), m.end(),
                     approximate=approx or bool(m["frac"]), bound=bound, strict=strict)
        inside = [x for x in mentions if m.start() <= x.start < m.end()]
        own = [x for x in mentions if x not in inside]
        if total == "budget" and inside:  # "39% of Russia's federal budget": its owner
            subject, scav = inside[0].entity, inside[0].caveat
        else:
            subject, scav = subject_before(gaz, text, own, m.start(), ctx)
        if not subject or subject == total:
            continue
        cue = negation_cue(text, 0, m.start())
        cv = tuple(dict.fromkeys([*caveats, *([scav] if scav else []),
                                  *([neg_caveat(cue)] if cue else [])]))
        if total == "budget":
            cv += ("'budget' read as the government's total spending",)
        out.append(ShareOfTotal(subject=subject, total=total, quantity=q,
                                **{**common, "caveats": cv,
                                   "negated": bool(cue)}))  # type: ignore[arg-type]
    return out
