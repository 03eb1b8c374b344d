"""Shares of GDP in a named war against a country now (parse/historical.py,
evaluate/historical.py): readings and verdicts on sentences written for these tests, and the
direction property (flipping higher/lower flips the verdict)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.claims import Checker, Parser
from milbalance.claims.kinds import Comparison

ON = date(2025, 11, 14)
FLIP = {"supported": "refuted", "refuted": "supported"}


def _comparisons(checker: Checker, text: str) -> list[tuple[str, str, str, str]]:
    return [(c.verdict.claim.subject, c.verdict.claim.other,
             str(c.verdict.label), c.verdict.summary)
            for c in checker.check(text, ON).claims
            if isinstance(c.verdict.claim, Comparison)]


def test_percentages_of_gdp_and_the_speakers_country(parser: Parser) -> None:
    from milbalance.claims.context import Context
    from milbalance.claims.kinds import Attribution

    ctx = Context(on=ON, speaker=Attribution("Russia's president"))
    p = parser.parse("He added that the United States allocated even higher percentages of "
                     "GDP to defense during past conflicts such as the Korean and Vietnam "
                     "Wars.", ctx)
    found = [c for c in p.claims if isinstance(c, Comparison)]
    assert [(c.subject, c.other, c.more, c.subject_years) for c in found] == [
        ("USA", "RUS", True, (1950, 1953)), ("USA", "RUS", True, (1965, 1973))]
    assert all(c.share_of_gdp for c in found)
    assert any("speaker's country" in k for k in found[0].caveats)


def test_a_named_speaker_without_a_country_is_not_guessed(parser: Parser) -> None:
    p = parser.parse("Putin said the United States allocated even higher percentages of GDP "
                     "to defense during the Korean War.")
    assert not [c for c in p.claims if isinstance(c, Comparison)]


@pytest.mark.parametrize(("text", "subject", "other", "label"), [
    ("The US spent a higher share of GDP on defence during the Korean war than Russia does "
     "today.", "USA", "RUS", "supported"),
    ("America devoted a larger proportion of its GDP to the military during the Vietnam War "
     "than China does now.", "USA", "CHN", "supported"),
    ("The US spent a lower share of GDP on defence during the Vietnam war than Russia does "
     "now.", "USA", "RUS", "refuted"),
    ("Russia spends a higher share of its GDP on defence today than the US did during the "
     "Vietnam war.", "USA", "RUS", "refuted"),
    ("Germany spends a bigger share of its GDP on defence now than the United States did in "
     "the Korean War.", "USA", "DEU", "refuted"),
    ("The Kremlin says America spent far more of its GDP on defence during the wars in Korea "
     "and Vietnam than Russia does now.", "USA", "RUS", "supported"),
    ("Russian President Vladimir Putin said the United States allocated even higher "
     "percentages of GDP to defense during past conflicts such as the Korean War.", "USA",
     "RUS", "supported"),
    ("France spends less of its GDP on defence today than the US did during the Vietnam War.",
     "USA", "FRA", "supported"),
])
def test_verdicts(checker: Checker, text: str, subject: str, other: str, label: str) -> None:
    found = _comparisons(checker, text)
    assert found, text
    s, o, got, summary = found[0]
    assert (s, o, got) == (subject, other, label), summary
    assert all(v[:2] == (subject, other) for v in found), found  # no other reading left


def test_evidence_includes_omb_peaks(checker: Checker) -> None:
    (_, _, label, summary), = _comparisons(
        checker, "The US spent a higher share of GDP on defence during the Korean war than "
        "Russia does today.")
    assert label == "supported"
    assert "13.8% (FY1953, budget.national_defense_050.share_gdp)" in summary


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["the Korean War", "the Vietnam War", "the Korean and Vietnam wars"]),
       st.sampled_from(["Russia", "China", "France", "the United Kingdom"]),
       st.sampled_from([("higher", "lower"), ("larger", "smaller"), ("greater", "lower")]))
def test_flipping_the_direction_flips_the_verdict(checker: Checker, war: str, now: str,
                                                  words: tuple[str, str]) -> None:
    template = ("The United States spent a {} share of GDP on defence during " + war
                + " than " + now + " does today.")
    up = [v[2] for v in _comparisons(checker, template.format(words[0]))]
    down = [v[2] for v in _comparisons(checker, template.format(words[1]))]
    assert up and len(up) == len(down)
    for a, b in zip(up, down, strict=True):
        if a in FLIP:
            assert b == FLIP[a]


@pytest.mark.parametrize("text", [
    "The US spent more than 37% of GDP on defence during the Second World War.",
    "During the Korean War the US spent 13.8% of GDP on defence, a higher share than in any "
    "year since.",
])
def test_figures_and_bounds_are_not_this_kind(parser: Parser, text: str) -> None:
    """A share written as a figure, or 'more than N%', is a level with a bound, read
    elsewhere; no historical comparison is made of it."""
    assert not [c for c in parser.parse(text).claims if isinstance(c, Comparison)]
