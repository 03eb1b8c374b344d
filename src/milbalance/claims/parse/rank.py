"""Ranks among spenders: "the world's third-largest military spender", "the fourth-biggest in
the world", "Europe's largest defence budget", "rose to fourth place", "among the top five
spenders", "the highest share of GDP in NATO".

The scope is the world (WLD) unless the phrase names one (Europe, NATO, the EU, a region);
a rank without a scope is read as a world rank and says so. Only spending ranks are read:
a rank of suppliers or manufacturers has no standings in the data.
"""

from __future__ import annotations

import re

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import Claim, Rank
from milbalance.claims.parse.common import neg_caveat, negation_cue
from milbalance.claims.subjects import subject_before

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
COUNTS = {"three": 3, "five": 5, "ten": 10, "four": 4, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "twenty": 20, "fifteen": 15, "two": 2}
_ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th)"
_SIZE = r"largest|biggest|highest|greatest|top|smallest|lowest"
_NOUN = (r"(?:(?:military|defen[cs]e|arms)\s+)?(?:spenders?|budgets?|spending|expenditure|"
         r"outlays?)|(?:share|proportion|percentage)\s+of\s+(?:its\s+)?(?:GDP|gross domestic "
         r"product|economic output)")
_SCOPE_BEFORE = (r"the\s+world's|the\s+globe's|Europe's|NATO's|the\s+alliance's|the\s+EU's|"
                 r"the\s+European\s+Union's")
_SCOPE_AFTER = (r"in\s+the\s+world|globally|worldwide|on\s+the\s+planet|in\s+(?:all\s+of\s+)?"
                r"Europe|on\s+the\s+continent|in\s+NATO|in\s+the\s+alliance|among\s+(?:NATO\s+)?"
                r"(?:allies|members)|in\s+the\s+(?:EU|European\s+Union)|in\s+(?:(?:central|western|"
                r"eastern|northern|southern)(?:\s+and\s+|\s*,\s*|\s+))+Europe")
_PHRASE = re.compile(
    rf"(?:(?P<sb>{_SCOPE_BEFORE})\s+)?(?:(?P<ord>{_ORD})[\s-]+)?(?P<size>{_SIZE})\s+"
    rf"(?P<noun>{_NOUN})(?!\s+(?:items?|lines?|categor\w*|increases?|cuts?|deficits?|hikes?|"
    rf"rises?|since|ever|on\s+record|in\s+(?:[\w'’]{{1,20}}\s+){{0,2}}(?:history|decades|"
    rf"years)))(?P<gdp>\s+(?:as\s+a\s+(?:share|proportion|percentage)\s+of|relative\s+"
    rf"to|in\s+relation\s+to)\s+(?:its\s+)?(?:GDP|gross\s+domestic\s+product|economic\s+"
    rf"output))?(?:\s+(?P<sa>{_SCOPE_AFTER}))?|"
    rf"\b(?P<ord2>{_ORD})[\s-]+(?P<size2>{_SIZE})\s+(?P<sa2>{_SCOPE_AFTER})", re.I)
_PLACE = re.compile(
    rf"\b(?:rose|climbed|moved|jumped|fell|dropped|slipped|ranks?|ranked|came|comes|is|was|"
    rf"remained|stayed)\s+(?:to\s+|in\s+|at\s+)?(?:the\s+)?(?P<ord>{_ORD})(?:\s+place|\s+spot|"
    rf"\s+position)?\b(?:[^.;]{{0,40}}?(?P<sa>{_SCOPE_AFTER}|among\s+the\s+world's))?", re.I)
_TOP = re.compile(
    rf"\b(?:among|in|one\s+of|within)\s+the\s+(?:(?P<sb>{_SCOPE_BEFORE})\s+)?top\s+"
    rf"(?P<n>\d{{1,2}}|{'|'.join(COUNTS)})\b(?:[^.;]{{0,40}}?(?P<sa>{_SCOPE_AFTER}))?", re.I)
_ANY_OTHER = re.compile(
    r"\b(?P<dir>more|higher|larger|bigger|greater|less|lower|fewer|smaller)\b(?P<mid>[^.;]{0,80}?)"
    r"\bthan\s+(?:any|every)\s+other\s+(?P<who>[^.;,]{1,40})", re.I)
"""'spends more on defence as a share of GDP than any other NATO member': first in NATO."""
_GDP = re.compile(r"\bshare\s+of\s+(?:its\s+)?(?:GDP|gross)|%\s+of\s+(?:its\s+)?GDP|"
                  r"relative\s+to\s+(?:its\s+)?GDP|proportion\s+of\s+(?:its\s+)?GDP", re.I)
_OVERTOOK = re.compile(r"\b(?:overt(?:ook|aken|akes|aking)|surpass\w*|replac\w*|displac\w*|"
                       r"ahead\s+of|beat\w*|outspen[dt]\w*)\s+(?:the\s+)?$", re.I)
_SPENDING = re.compile(r"\bspen[dt]|\bspending\b|\bbudget|\bexpenditure|\boutlays?\b", re.I)


_GROUP_BEFORE = re.compile(r"\b(?:countries|nations|states|members|allies|those|ones|economies)"
                           r"\s+(?:with|having)\s+(?:the\s+)?$", re.I)
"""'the top five countries with the highest spending': a group described, no one's rank."""


def _ordinal(word: str) -> int:
    w = word.lower()
    return ORDINALS.get(w) or int(re.sub(r"\D", "", w))


def scope_of(words: str) -> str:
    """The bloc id a scope phrase names ('' when none; the phrase itself for a region the
    data has no member list for: 'central and western Europe')."""
    w = " ".join(words.lower().split())
    if not w:
        return ""
    if re.search(r"world|glob|planet", w):
        return "WLD"
    if re.search(r"nato|alliance|all(?:y|ies)|members?\b", w) and not re.search(r"\beu\b", w):
        return "NATO"
    if re.search(r"\beu\b|european union", w):
        return "EU"
    if re.search(r"(?:central|western|eastern|northern|southern)", w):
        return re.sub(r"^(?:in|the)\s+", "", w)
    if re.search(r"europe|continent", w):
        return "EUROPE"
    return ""


def ranks(gaz: Gazetteer, text: str, mentions: list[Mention], common: dict[str, object],
          caveats: tuple[str, ...], ctx: Context) -> list[Claim]:
    """Every spending rank the sentence states."""
    if not _SPENDING.search(text) and not re.search(r"\bspender", text, re.I):
        if ctx.topic != "military_expenditure":
            return []
        caveats = (*caveats, "read as a rank of defence spending, the topic of the sentence "
                   "before: taken from context")
    found: list[tuple[int, int, int, bool, bool, str, bool]] = []
    for m in _PHRASE.finditer(text):
        size = (m["size"] or m["size2"]).lower()
        noun = (m["noun"] or "").lower()
        if size == "top" and not m["ord"]:
            continue
        if not (m["ord"] or m["ord2"]) and (re.search(r"(?:spenders|budgets|outlays)$", noun)
                                            or _GROUP_BEFORE.search(text, 0, m.start())):
            continue  # 'the countries with the highest budgets': a group, no one's rank
        position = _ordinal(m["ord"] or m["ord2"]) if (m["ord"] or m["ord2"]) else 1
        scope_words = m["sb"] or m["sa"] or m["sa2"] or ""
        found.append((m.start(), m.end(), position, False, size in ("smallest", "lowest"),
                      scope_words, bool(m["gdp"]) or "gdp" in noun or "product" in noun
                      or "output" in noun))
    for m in _PLACE.finditer(text):
        if not re.search(r"place|spot|position|rank", m.group(0), re.I) and not m["sa"]:
            continue
        found.append((m.start(), m.end(), _ordinal(m["ord"]), False, False, m["sa"] or "",
                      False))
    for m in _TOP.finditer(text):
        n = m["n"].lower()
        found.append((m.start(), m.end(), COUNTS.get(n) or int(n), True, False,
                      m["sb"] or m["sa"] or "", False))
    for m in _ANY_OTHER.finditer(text):
        scope_words = m["who"]
        if re.search(r"\bcountry\b|\bnation\b", scope_words, re.I) and not re.search(
                r"NATO|alli|EU\b|Europe|member", scope_words, re.I):
            scope_words = "in the world"
        found.append((m.start(), m.end(), 1, False, m["dir"].lower() in (
            "less", "lower", "fewer", "smaller"), scope_words, bool(_GDP.search(m["mid"]))))
    out: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    for start, end, position, top, smallest, scope_words, share in sorted(found):
        if any(s <= start < e for s, e in seen):
            continue
        seen.add((start, end))
        scope = scope_of(scope_words)
        inferred = list(common.get("inferred", ()))  # type: ignore[call-overload]
        if not scope:
            scope = "WLD"
            inferred.append(("scope", "assumed: the world (no scope written)"))
        own = [x for x in mentions if not (start <= x.start < end)
               and x.kind.value == "country"]
        subject, scav = subject_before(gaz, text, own, start, ctx)
        passed = [x for x in own if x.end <= start and x.entity == subject]
        if passed and _OVERTOOK.search(text[:passed[-1].start]):
            earlier = [x for x in own if x.end <= passed[-1].start]
            if earlier:  # 'Germany overtook Britain as Europe's largest': the first name
                subject, scav = earlier[-1].entity, earlier[-1].caveat
        if not subject or subject == scope:
            continue
        cue = negation_cue(text, 0, start)
        cv = tuple(dict.fromkeys([*caveats, *([scav] if scav else []),
                                  *([neg_caveat(cue)] if cue else [])]))
        out.append(Rank(subject=subject, scope=scope, position=position, top=top,
                        smallest=smallest, share_of_gdp=share,
                        **{**common, "inferred": tuple(inferred), "caveats": cv,
                           "negated": bool(cue)}))  # type: ignore[arg-type]
    return out
