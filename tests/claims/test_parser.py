"""Parser: each claim kind from the ways reporting phrases it; opinions are not checkable."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.claims import Context, Parser
from milbalance.claims.kinds import (
    ClaimKind,
    Comparison,
    Consistency,
    Level,
    NotCheckableReason,
    ShareOfGdp,
)

ON = Context(on=date(2025, 6, 27))


def kinds(parser: Parser, text: str, ctx: Context = ON) -> list[ClaimKind]:
    return [c.kind for c in parser.parse(text, ctx).claims]


@pytest.mark.parametrize(("text", "subject", "other", "ratio"), [
    ("Russia now produces in three months the ammunition that the whole of NATO produces in "
     "one year.", "RUS", "NATO", 4.0),
    ("Russia outproduces NATO in artillery shells.", "RUS", "NATO", None),
    ("Moscow makes four times as many shells as the alliance.", "RUS", "NATO", 4.0),
    ("NATO allies now produce more ammunition than Russia.", "NATO", "RUS", None),
    ("The alliance produces fewer shells than the Kremlin.", "RUS", "NATO", None),
])
def test_comparisons(parser: Parser, text: str, subject: str, other: str,
                     ratio: float | None) -> None:
    (c,) = [c for c in parser.parse(text, ON).claims if isinstance(c, Comparison)]
    assert (c.subject, c.other, c.ratio) == (subject, other, ratio)


def test_we_is_the_speakers_bloc(parser: Parser) -> None:
    text = ("We are producing in a full year in ammunition what Russia is producing in three "
            "months, said NATO Secretary General Mark Rutte.")
    (c,) = [c for c in parser.parse(text, ON).claims if isinstance(c, Comparison)]
    assert (c.subject, c.other, c.ratio) == ("RUS", "NATO", 4.0)
    assert c.attribution is not None and c.attribution.speaker == "Mark Rutte"


def test_literal_reading_of_three_times_in_three_months(parser: Parser) -> None:
    text = ("Russia is producing three times as much ammunition in three months as the whole "
            "of NATO in a year.")
    (c,) = [c for c in parser.parse(text, ON).claims if isinstance(c, Comparison)]
    assert c.ratio == 12.0
    assert any("literal reading" in x for x in c.caveats)


def test_ammunition_is_read_as_artillery_with_a_caveat(parser: Parser) -> None:
    (c,) = parser.parse("Russia outproduces NATO in ammunition.", ON).claims
    assert isinstance(c, Comparison) and c.item == "artillery_shells"
    assert any("ammunition" in x for x in c.caveats)


def test_supply_counts_imports(parser: Parser) -> None:
    (c,) = parser.parse("Russia supplies more shells to its army than NATO does.", ON).claims
    assert isinstance(c, Comparison)
    assert any("imports" in x for x in c.caveats)


def test_spending_quote_gives_three_figures_and_their_consistency(parser: Parser) -> None:
    # the example quote of shared/DESIGN.md
    text = ("Russia allocated 13.5 trillion rubles ($151 billion) to defense in 2024, about "
            "6.3% of GDP.")
    claims = parser.parse(text, ON).claims
    assert [c.kind for c in claims] == [ClaimKind.LEVEL, ClaimKind.LEVEL,
                                        ClaimKind.SHARE_OF_GDP, ClaimKind.CONSISTENCY]
    assert all(c.year == 2024 and c.year_from_text for c in claims)
    cons = claims[-1]
    assert isinstance(cons, Consistency) and cons.subject == "RUS"


@pytest.mark.parametrize(("text", "years"), [
    ("The US had spent 14% of GDP on the war in Korea.", (1950, 1953)),
    ("Washington spent 10% of GDP on defence during the Vietnam War.", (1965, 1973)),
])
def test_wars_name_their_years(parser: Parser, text: str, years: tuple[int, int]) -> None:
    (c,) = parser.parse(text, ON).claims
    assert isinstance(c, ShareOfGdp) and c.subject == "USA" and c.years == years


def test_historical_comparison_one_claim_per_war(parser: Parser) -> None:
    text = ("The US spent a higher share of GDP on defense during the Korean and Vietnam wars "
            "than Russia does today.")
    claims = parser.parse(text, ON).claims
    assert [(c.subject_years, c.other) for c in claims if isinstance(c, Comparison)] == [
        ((1950, 1953), "RUS"), ((1965, 1973), "RUS")]


@pytest.mark.parametrize(("text", "year", "from_text"), [
    ("Russia produced 2 million shells in 2023.", 2023, True),
    ("Russia produces 2 million shells this year.", 2025, True),
    ("Russia produced 2 million shells last year.", 2024, True),
    ("Russia produces 2 million shells a year.", 2025, False),  # a rate names no year
    ("Russia produces 2 million shells.", 2025, False),
])
def test_year_from_text_else_the_article_date(parser: Parser, text: str, year: int,
                                              from_text: bool) -> None:
    (c,) = parser.parse(text, ON).claims
    assert isinstance(c, Level)
    assert (c.year, c.year_from_text) == (year, from_text)


def test_stated_date_sets_this_year(parser: Parser) -> None:
    text = "Kubilius said in March 2024 that the EU plans to produce 2 million shells this year."
    levels = [c for c in parser.parse(text, ON).claims if isinstance(c, Level)]
    assert levels[0].year == 2024


@pytest.mark.parametrize(("text", "kind"), [
    ("Production of ammunition has increased by a factor of 14 since 2022 in Russia.",
     ClaimKind.CHANGE),
    ("Russia doubled its shell output since 2022.", ClaimKind.CHANGE),
    ("Russia's military spending is the highest since 1990.", ClaimKind.RECORD),
    ("NATO output is at levels not seen in decades.", ClaimKind.RECORD),
    ("North Korea sent 3.5 million artillery shells to Russia in 2024.", ClaimKind.LEVEL),
    ("The alliance spends a third of its GDP on defense.", ClaimKind.SHARE_OF_GDP),
])
def test_other_kinds(parser: Parser, text: str, kind: ClaimKind) -> None:
    assert kind in kinds(parser, text)


@pytest.mark.parametrize(("text", "reason"), [
    ("Europe should produce more shells.", NotCheckableReason.OPINION),
    ("The Kremlin's spending is an attempt to justify the war.", NotCheckableReason.MOTIVE),
    ("Aid cannot change the course of the war.", NotCheckableReason.FORECAST),
    ("Western aid will never change the outcome.", NotCheckableReason.FORECAST),
    ("Claims that Russia will attack NATO are nonsense.", NotCheckableReason.OPINION),
])
def test_not_checkable(parser: Parser, text: str, reason: NotCheckableReason) -> None:
    parse = parser.parse(text, ON)
    assert parse.not_checkable is not None and parse.not_checkable.reason is reason
    assert parse.claims == ()


def test_questions_and_narrative_are_skipped(parser: Parser) -> None:
    assert parser.parse("Is Russia outproducing NATO?", ON).skipped
    assert parser.parse("Independent estimates are spread widely.", ON).skipped


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_always_a_parse_or_a_reason(parser: Parser, text: str) -> None:
    parse = parser.parse(text, ON)
    assert parse.claims or parse.not_checkable is not None or parse.skipped


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "Russia", "NATO", "produces", "2 million", "shells", "a year", "more", "than", "in 2024",
    "6.3%", "of GDP", "13.5 trillion rubles", "$151 billion", "four times as much", "should",
    "in three months", "what", "the alliance", "Moscow", ",", "."]), max_size=14))
def test_fuzz_domain_words(parser: Parser, words: list[str]) -> None:
    parse = parser.parse(" ".join(words), ON)
    assert parse.claims or parse.not_checkable is not None or parse.skipped
