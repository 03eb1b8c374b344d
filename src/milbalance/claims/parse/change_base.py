"""The parts of a change the sentence may leave out: its base year ('a 25% increase on 2024',
'year on year', or the year before, stated as an assumption), its basis (real or nominal) and,
for 'fell for the first time since 2015', the year of the last change the same way."""

from __future__ import annotations

import re

from milbalance.claims.context import Context
from milbalance.claims.parse.change_words import ChangeWords, base_year, basis_of, span_years
from milbalance.claims.when import since_event

ASSUMED_YEAR = ("year not written: a past change in an article is read as the last full year "
                "(the year before the article's)")
_PAST = re.compile(r"\b(?:rose|grew|increased|climbed|jumped|surged|soared|went up|expanded|"
                   r"fell|dropped|declined|decreased|shrank|slipped|was up|was down|were up|"
                   r"were down)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|shall|plans?|planned|intends?|expected|set to|is to|"
                     r"are to|next year|draft|projected|budgeted|aims?)\b", re.I)
_YEARS = re.compile(r"(?<![\w$€£.,-])((?:19|20)\d\d)(?![\w%-]|,\d|\.\d)")
ASSUMED_BASE = ("base year not written: read as the year before (a change reported for a year "
                "is against the previous year)")


def without_base(text: str, words: ChangeWords | None, since: int | None,
                 common: dict[str, object], ctx: Context
                 ) -> tuple[tuple[str, ...], dict[str, object]]:
    """(caveats, fields of the Change) for a change whose base figure is not written."""
    year = common.get("year")
    inferred: tuple[tuple[str, str], ...] = tuple(
        common.get("inferred", ()))  # type: ignore[arg-type]
    fields: dict[str, object] = {"since": since}
    caveats: list[str] = []
    basis = basis_of(text)
    if basis:
        fields["basis"] = basis
    if words is None:
        return (), fields
    fields.update(bound=words.bound, strict=words.strict, approximate=words.approximate,
                  percent=words.percent)
    caveats += words.caveats
    if not isinstance(year, int):
        return tuple(caveats), fields
    if words.first_since_text:
        first = since_event(words.first_since_text)
        if first is None:
            fields["since"] = None
            caveats.append(f"'since {words.first_since_text.strip()}' not read as a year")
        else:
            fields.update(since=year - 1, first_since=first)
        return tuple(caveats), fields
    if (span := span_years(text)) is not None:
        fields.update(since=span[0], year=span[1], year_from_text=True)
        return tuple(caveats), fields
    if since is not None:
        return tuple(caveats), fields
    if words.direction and not common.get("year_from_text"):
        fields["since"] = None  # 'spending rose': with no year or base, no period to check
        return tuple(caveats), fields
    written, previous = base_year(text)
    if (written is None and not common.get("year_from_text") and ctx.on is not None
            and year == ctx.on.year and _PAST.search(text) and not _FUTURE.search(text)):
        year = ctx.on.year - 1  # 'rose 28%' in an article of 2025: the last full year, 2024
        fields.update(year=year)
        inferred += (("year", "assumed: the year before the article's (the last full year)"),)
        caveats.append(ASSUMED_YEAR)
    if written is not None and written < year:
        fields["since"] = written
    elif written is not None and (others := [y for y in map(int, _YEARS.findall(text))
                                             if y > written]):
        fields.update(since=written, year=max(others), year_from_text=True)
    elif written is not None:  # the only year written is the base: 'a 25% increase on 2024'
        after = ctx.on.year if ctx.on is not None and ctx.on.year > written else written + 1
        fields.update(since=written, year=after, year_from_text=False)
        inferred += (("year", f"the year after the base year {written}"),)
    elif previous:
        fields["since"] = year - 1
        inferred += (("since", "the previous year ('year on year')"),)
    elif not words.multiple:
        fields["since"] = year - 1
        inferred += (("since", "assumed: the year before"),)
        caveats.append(ASSUMED_BASE)
    if inferred:
        fields["inferred"] = inferred
    return tuple(caveats), fields
