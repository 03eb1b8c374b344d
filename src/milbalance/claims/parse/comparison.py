"""Comparisons between subjects: "outproduces", "N times as much … as", "more … than",
"ahead of", "as many … as", "in three months what … in a year", shares of GDP in a named war
against now."""

from __future__ import annotations

import re

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import AMMUNITION_CAVEAT, Gazetteer, Mention
from milbalance.claims.kinds import Comparison, Measure, Quantity
from milbalance.claims.numbers import find_durations, number_value
from milbalance.claims.parse.bounds import flip, ratio_bound
from milbalance.claims.parse.common import (
    ECONOMY_ASIDE,
    MODAL_BEFORE,
    PAST_ONLY,
    item_for,
    measure_of,
    neg_caveat,
    negation_cue,
    not_currency,
)
from milbalance.claims.when import named_periods, period_notes

_OUT_VERB = re.compile(r"\bout(?P<verb>produc|spend|spent|gun|manufactur|build|built|pac|"
                       r"perform|strip)\w*", re.I)
_MORE_THAN = re.compile(
    r"\b(?P<dir>more|fewer|less|higher|lower|greater|larger|bigger|smaller)\b(?P<mid>[^.;]{0,80}?)"
    r"\bthan\b", re.I)
_AHEAD = re.compile(r"\b(?P<dir>ahead of|behind|lags? behind|lagging behind|outstrip\w*|"
                    r"exceed\w*|surpass\w*|overtak\w*|overtook)\b", re.I)
TIMES_AS = re.compile(
    r"(?P<n>\S{1,30})[\s-]{1,3}times\s{1,3}(?P<how>as\s+(?:much|many)|more|"
    r"the\s+(?:amount|number|output)"
    r"(?:\s+of)?)\b", re.I)
_WHAT = re.compile(r"\b(?:what|as much as|as many as|the same|that)\b", re.I)
_AS_MUCH = re.compile(
    r"\b(?:(?P<frac>half|a third|a quarter|twice|\S{1,30}\s{1,3}times)\s{1,3})?"
    r"as\s+(?:much|many)\b"
    r"(?P<mid>[^.;]{0,60}?)\bas\b(?!\s+(?:\$|€|£|\d|about|some|around|nearly|many|much|"
    r"a\s+(?:million|billion)))", re.I)
"""'as many shells as', 'half as much as': the subject has at least (a fraction of) the other's."""
_KEEP_PACE = re.compile(r"\bkeep(?:s|ing)?\s+(?:pace|up)\s+with\b|\bkept\s+(?:pace|up)\s+"
                        r"with\b|\bmatch(?:es|ed|ing)?\b", re.I)
_N_TO_ONE = re.compile(
    r"\b(?:by\s+(?:a\s+)?(?:ratio|margin|factor)\s+of\s+)?(?P<a>\d+(?:\.\d+)?|two|three|four|"
    r"five|six|seven|eight|nine|ten)(?:\s*(?:to|-to-)\s*|\s*:\s*)(?P<b>one|1)\b(?!\s*(?:million|"
    r"billion|thousand|%|per))", re.I)
"""'four to one', '3:1', 'by a ratio of five to one': a ratio of the first side to the second."""
_FRACTION_RATIO = {"half": 0.5, "a third": 1 / 3, "a quarter": 0.25, "twice": 2.0}
_OBJECT_GAP = re.compile(
    r"[\s,]*(?:(?:the|all|that|those|of|its|their|other|rest|entire|whole|combined|"
    r"countries|nations|defen[cs]e|military|budgets?|spending|expenditures?|output|"
    r"[A-Z][\w.’'-]*)[\s,]+){0,7}")
"""What may stand between 'than' / 'ahead of' / 'exceeds' and the other side it names: 'than
the whole of NATO', 'exceeds that of all European countries', 'surpassed the combined defence
budgets of all European nations'. Anything else ('more than
tripled since … Ukraine', 'exceeded its target in … Europe') is no comparison between two
subjects."""


_SCOPE_BEFORE = re.compile(r"\b(?:in|among|within|across)\s+(?:the\s+)?$", re.I)
"""A bloc after these words is where a subject stands ('fifth in NATO'), not a side."""


def _named_right_after(text: str, at: int, mentions: list[Mention]) -> bool:
    """The first subject named after ``at`` follows it with only articles, determiners and
    names in between: the object of 'than' or of 'ahead of' is that subject."""
    later = [m for m in mentions if m.start >= at]
    return bool(later) and _OBJECT_GAP.fullmatch(text[at:later[0].start]) is not None


def comparison(gaz: Gazetteer, text: str, mentions: list[Mention],
               quantities: list[Quantity], common: dict[str, object], caveats: tuple[str, ...],
               ctx: Context) -> list[Comparison]:
    mentions = not_currency(text, mentions)
    ratio: float | None = None
    more = True
    trigger: int | None = None
    extra: list[str] = []
    measure_default = Measure.OUTPUT
    share = bool(re.search(r"\bshare of (?:its |their |the )?(?:GDP|gross domestic|"
                           r"economic output)", text, re.I))
    durations = find_durations(text)
    paired: tuple[str, str] | None = None  # (subject, other) read from who makes what when
    if (m := _OUT_VERB.search(text)) is not None:
        trigger = m.start()
        if m["verb"].lower().startswith("spen"):
            measure_default = Measure.EXPENDITURE
    elif (t := TIMES_AS.search(text)) is not None and not ECONOMY_ASIDE.search(
            text[max(0, t.start() - 3):t.end() + 30]):
        try:
            ratio = number_value(t["n"].strip("(~").lower())
        except ValueError:
            ratio = None
        trigger = t.start()
        if "more" in t["how"].lower():
            extra.append(f"'{t.group(0)}' read as {ratio:g} times as much (not {ratio:g} "
                         "times more on top)" if ratio else "")
        if len(durations) == 2 and ratio is not None and durations[0][0] > 0:
            literal = ratio * durations[1][0] / durations[0][0]
            extra.append(f"literal reading: {ratio:g} times as much in "
                         f"{durations[0][0]:g} year(s) as in {durations[1][0]:g} → ratio "
                         f"{literal:g}; the speaker may have meant {ratio:g}")
            ratio = literal
    elif len(durations) == 2 and _WHAT.search(text) and durations[0][0] != durations[1][0] \
            and min(durations[0][0], durations[1][0]) > 0:
        # "A makes in three months what B makes in a year" and "what B makes in twelve
        # months, A makes in three": each period goes with the name before it; the side
        # that needs the shorter period makes more
        named = [[m for m in mentions if m.end <= pos] for _, pos in durations]
        owners = [n[-1].entity if n else "" for n in named]
        short, long_ = sorted(range(2), key=lambda i: durations[i][0])
        if owners[0] and owners[1] and owners[0] != owners[1]:
            paired = (owners[short], owners[long_])
        ratio = durations[long_][0] / durations[short][0]
        trigger = durations[0][1]
        extra.append(f"'in {durations[short][0] * 12:g} months what … in "
                     f"{durations[long_][0] * 12:g} months' read as a ratio of {ratio:g}")
    elif (m2 := _MORE_THAN.search(text)) is not None and not any(
            q.start < m2.end() and q.end > m2.start() for q in quantities) and \
            not re.search(r"\b(?:more|less|fewer) than\s+(?:\$|\d|two|three|four|five|six|a |"
                          r"half|twice|"
                          r"\S+\s+times)",
                          text[m2.start():m2.end() + 12], re.I):
        if not _named_right_after(text, m2.end(), mentions):
            return []
        trigger = m2.start()
        more = m2["dir"].lower() in ("more", "higher", "greater", "larger", "bigger")
    elif (m3 := _AHEAD.search(text)) is not None:
        if not _named_right_after(text, m3.end(), mentions):
            return []
        trigger = m3.start()
        more = not m3["dir"].lower().startswith(("behind", "lag"))
    elif ((m4 := _AS_MUCH.search(text)) is not None and m4["mid"].strip() != "") or (
            m4 := _KEEP_PACE.search(text)) is not None:
        trigger = m4.start()
        frac = (m4.groupdict().get("frac") or "").lower()
        if frac in _FRACTION_RATIO:
            ratio = _FRACTION_RATIO[frac]
        elif frac:
            try:
                ratio = number_value(frac.split()[0])
            except ValueError:
                ratio = None
        else:
            extra.append(f"'{m4.group(0).strip()}' read as: at least as much")
    periods = named_periods(text)
    if trigger is None and share and periods and (
            h := re.search(r"\b(?:higher|larger|greater|bigger|more)\b", text, re.I)):
        trigger = h.start()
    if trigger is None:
        return []
    before = [m for m in mentions if m.start < trigger]
    if len(before) > 1:  # 'Poland … is fifth in NATO, behind the US': NATO is the scope
        before = [m for m in before if m.kind.value != "bloc" or not _SCOPE_BEFORE.search(
            text, max(0, m.start - 12), m.start)] or before
    after = [m for m in mentions if m.start >= trigger]
    subject = before[-1].entity if before else (ctx.last_entity or "")
    others = [m.entity for m in after if m.entity != subject]
    if share and periods and not others and subject:
        others = [ctx.last_entity if ctx.last_entity and ctx.last_entity != subject
                  else subject]
        extra.append("no counterpart named: compared with " + (
            f"{others[0]} now" if others[0] != subject else "the same country now"))
    if paired is not None:
        subject, others = paired[0], [paired[1]]
    if ratio is None and (n_to := _N_TO_ONE.search(text, trigger)) is not None:
        try:
            ratio = number_value(n_to["a"]) / number_value(n_to["b"])
        except (ValueError, ZeroDivisionError):
            ratio = None
        if ratio is not None:
            extra.append(f"'{n_to.group(0)}' read as a ratio of {ratio:g}")
    if not subject or not others or (ratio is not None and not 0 < ratio < float("inf")):
        return []  # a ratio of zero (or none) compares nothing
    bound = ratio_bound(text[:trigger])[0] if ratio is not None else ""
    if MODAL_BEFORE.search(text[:trigger]):
        return []  # "allies must keep pace with Russia": a recommendation, not a claim
    subject_end = before[-1].end if before else 0
    cue = negation_cue(text, subject_end, trigger + 12) or (
        "until recently" if PAST_ONLY.search(text[:trigger + 1]) else "")
    negated = False
    if cue and ratio is None:
        more = not more
        extra.append(f"'{cue}' read as a denial: the comparison is turned round "
                     "(ties are negligible in the estimates)")
    elif cue and bound:
        bound = flip(bound)
        extra.append(f"'{cue}' denies the bound on the ratio: read as the opposite bound")
    elif cue:
        negated = True
        extra.append(neg_caveat(cue))
    item, caveat = item_for(gaz, text)
    if share:
        item = "military_expenditure"
        measure = Measure.EXPENDITURE
    elif measure_default is Measure.EXPENDITURE or item == "military_expenditure" or (
            not item and re.search(r"\bspen[dt]|budget|allocat", text, re.I)):
        item, measure = "military_expenditure", Measure.EXPENDITURE
    else:
        if not item:
            item, caveat = "artillery_shells", "no item named; " + AMMUNITION_CAVEAT
        measure = measure_of(text[:trigger] + " " + text[trigger:], measure_default)
        if measure is Measure.DELIVERIES:
            measure = Measure.SUPPLY
            extra.append("'supply' compared as output plus imports from suppliers; "
                         "imports do not count as production")
    if ratio is not None and ratio < 1:
        subject, others, ratio, bound = others[0], [subject], 1 / ratio, flip(bound)
    elif not more:
        subject, others, more = others[0], [subject], True
    if periods:
        extra += period_notes(text)
    all_caveats = tuple(dict.fromkeys([*caveats, *([caveat] if caveat else []),
                                       *filter(None, extra)]))
    common2 = {**common, "caveats": all_caveats, "negated": negated}
    return [Comparison(subject=subject, other=others[0], item=item, measure=measure,
                       ratio=ratio, ratio_bound=bound, more=more, share_of_gdp=share,
                       subject_years=span,
                       other_years=None, **common2)  # type: ignore[arg-type]
            for span in ([p for p, _ in periods] or [None])]  # type: ignore[list-item]
