"""Readings that must not turn into verdicts: each test writes a sentence of its own in the
shape a misreading came from on unseen reporting, and asserts what is (or is not) read."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.claims import Checker
from milbalance.claims.kinds import Claim, Comparison, Level, MemberCount, Rank, Record, ShareOfGdp
from milbalance.claims.parse.common import money_purpose
from milbalance.claims.when import part_of_year, unread_span

ON = date(2024, 10, 1)


def _verdicts(checker: Checker, text: str, on: date = ON) -> list[tuple[Claim, str, str]]:
    out = []
    for c in checker.check(text, on=on).claims:
        v = getattr(c, "verdict", c)
        out.append((v.claim, v.label.value, v.summary))
    return out


def test_more_than_a_verb_compares_no_one(checker: Checker) -> None:
    found = _verdicts(checker, "Russia's military spending has more than tripled since it "
                               "decided to invade Ukraine in 2022.")
    assert not [c for c, _, _ in found if isinstance(c, Comparison)]


def test_more_than_a_named_subject_is_a_comparison(checker: Checker) -> None:
    found = _verdicts(checker, "Russia spent more on its military than Ukraine in 2023.")
    (c,) = [c for c, _, _ in found if isinstance(c, Comparison)]
    assert (c.subject, c.other) == ("RUS", "UKR")


@pytest.mark.parametrize("purpose", ["internal security forces", "social benefits",
                                     "a military aid package", "export orders"])
def test_money_for_another_purpose_is_not_defence_spending(checker: Checker,
                                                          purpose: str) -> None:
    found = _verdicts(checker, f"In 2025 Russia will allocate 3.9 trillion rubles to {purpose}.")
    assert not [c for c, _, _ in found if isinstance(c, Level)
                and c.item == "military_expenditure"]


def test_money_for_defence_is_defence_spending(checker: Checker) -> None:
    found = _verdicts(checker, "In 2025 Russia will allocate 13.5 trillion rubles to defence.")
    assert [c for c, _, _ in found if isinstance(c, Level) and c.item == "military_expenditure"]


@given(st.sampled_from(["pensions", "healthcare", "police", "education", "the deficit"]),
       st.integers(min_value=2, max_value=900))
@settings(max_examples=20, deadline=None)
def test_purpose_words_decide_the_nearest_sum(other: str, n: int) -> None:
    text = f"Spending on {other} will reach {n} billion rubles, while defence gets {n + 1} " \
           "billion rubles."
    first = text.index(f"{n} billion")
    second = text.index(f"{n + 1} billion")
    figures = [(first, first + len(f"{n} billion rubles")),
               (second, second + len(f"{n + 1} billion rubles"))]
    assert money_purpose(text, *figures[0], figures) == "other"
    assert money_purpose(text, *figures[1], figures) == "defence"


def test_a_year_after_an_aside_in_brackets_is_the_figures(checker: Checker) -> None:
    found = _verdicts(checker, "Russia has allocated 12.9 trillion rubles ($155 billion) for "
                               "national defence in 2026, compared to 13.5 trillion rubles in "
                               "2025.")
    years = {c.quantity.value: c.year for c, _, _ in found if isinstance(c, Level)}
    assert years.get(12.9e12) == 2026
    assert years.get(13.5e12) == 2025


@pytest.mark.parametrize("text", [
    "The UK has spent 2.3% of GDP on defence in each of the last three years.",
    "Germany has spent about 1.5% of GDP on defence in recent years.",
])
def test_a_stretch_of_years_leaves_the_period_open(checker: Checker, text: str) -> None:
    assert unread_span(text)
    labels = [lab for c, lab, _ in _verdicts(checker, text) if isinstance(c, ShareOfGdp)]
    assert labels and set(labels) == {"not_checkable"}


@pytest.mark.parametrize("part", ["in the first six months", "in January-August",
                                  "so far this year", "in the first quarter"])
def test_part_of_a_year_is_not_the_year(checker: Checker, part: str) -> None:
    text = f"Russia spent 5.5 trillion rubles on defence {part} of 2023."
    assert part_of_year(text)
    labels = [lab for c, lab, _ in _verdicts(checker, text) if isinstance(c, Level)]
    assert labels and set(labels) == {"not_checkable"}


def test_a_bare_share_after_a_deficit_is_the_deficits(checker: Checker) -> None:
    found = _verdicts(checker, "Russia expects its budget deficit to shrink next year, to 0.9% "
                               "of GDP compared to 1.8% in 2023.")
    assert not [c for c, _, _ in found if isinstance(c, ShareOfGdp)]


def test_a_threshold_is_no_level_but_meeting_it_is_a_bound(checker: Checker) -> None:
    guideline = _verdicts(checker, "Poland spends more than double the alliance's guideline "
                                   "of 2% in 2024.")
    assert not [c for c, _, _ in guideline if isinstance(c, ShareOfGdp) and
                c.quantity.value == 2]
    met = [c for c, _, _ in _verdicts(checker, "Germany met the 2% of GDP target in 2024.")
           if isinstance(c, ShareOfGdp)]
    assert met and met[0].quantity.bound == "at-least"


def test_the_source_of_a_figure_is_not_its_subject(checker: Checker) -> None:
    found = _verdicts(checker, "According to estimates published by NATO this week, Estonia "
                               "spent 3.4% of GDP on defence in 2024.")
    shares = [c for c, _, _ in found if isinstance(c, ShareOfGdp)]
    assert shares and {c.subject for c in shares} == {"EST"}


def test_a_possessive_is_nobody_speaking(checker: Checker) -> None:
    found = _verdicts(checker, "Poland's estimated defence spend of $35 billion in 2024 is "
                               "the fifth highest in NATO.")
    assert {c.subject for c, _, _ in found if isinstance(c, Level | Rank)} == {"POL"}


def test_a_record_of_a_change_is_not_a_record_of_the_level(checker: Checker) -> None:
    found = _verdicts(checker, "Poland's military spending rose 20% in 2023, the largest "
                               "increase since 2009.")
    assert not [c for c, _, _ in found if isinstance(c, Record)]


def test_highest_in_a_countrys_history_is_no_world_rank(checker: Checker) -> None:
    found = _verdicts(checker, "It is the highest military budget in Polish history.",
                      on=date(2025, 5, 26))
    assert not [c for c, _, _ in found if isinstance(c, Rank)]


def test_now_must_agree_for_the_current_and_the_latest_complete_year(checker: Checker
                                                                      ) -> None:
    """Said mid-2023, 'currently seven allies meet 2%' is true of 2022 and not of NATO's
    2023 estimates: which year was meant decides it, so no verdict."""
    found = _verdicts(checker, "Only seven NATO allies currently meet the 2% of GDP target "
                               "for defence spending.", on=date(2023, 7, 12))
    counts = [(lab, s) for c, lab, s in found if isinstance(c, MemberCount)]
    assert counts and counts[0][0] == "not_checkable"
    assert "2022" in counts[0][1]  # the year it holds for is named
    written = _verdicts(checker, "Seven NATO allies met the 2% of GDP target in 2022.",
                        on=date(2023, 7, 12))
    assert [lab for c, lab, _ in written if isinstance(c, MemberCount)] == ["supported"]


def test_a_refutation_must_hold_in_the_neighbouring_years(checker: Checker) -> None:
    """Refuted for the year read but true the year before: a year read off by one, or a
    budget year, is likelier than a wrong figure."""
    found = _verdicts(checker, "Seven NATO allies met the 2% of GDP target in 2023.",
                      on=date(2024, 7, 12))
    (label, summary) = next((lab, s) for c, lab, s in found if isinstance(c, MemberCount))
    assert label == "not_checkable" and "holds for 2022" in summary
    far = _verdicts(checker, "Two NATO allies met the 2% of GDP target in 2023.",
                    on=date(2024, 7, 12))
    assert [lab for c, lab, _ in far if isinstance(c, MemberCount)] == ["refuted"]


def test_a_sum_in_a_currency_the_data_do_not_hold_is_not_compared(checker: Checker) -> None:
    """'€130 billion' for Russia: the data hold roubles and dollars; euros are never read
    as dollars."""
    found = _verdicts(checker, "Russia's military spending reached €130 billion in 2024.")
    levels = [lab for c, lab, _ in found if isinstance(c, Level)]
    assert levels == ["not_checkable"]


def test_countries_with_the_highest_spending_is_no_rank(checker: Checker) -> None:
    found = _verdicts(checker, "The top five countries with the highest defence spending "
                               "remained unchanged in 2024.")
    assert not [c for c, _, _ in found if isinstance(c, Rank)]


def test_no_refutation_on_a_year_the_sentence_does_not_write(checker: Checker) -> None:
    """A year set by an earlier sentence ('As of June 2024, …') may not be the one meant:
    the data's disagreement is then no refutation. A present tense is read by the 'now'
    rule and may be refuted."""
    read = checker.read("As of June 2024, NATO published its new estimates. Germany spends 1% "
                        "of its GDP on defence.", date(2025, 7, 1))
    shares = [c.verdict for c in read.claims if isinstance(c.verdict.claim, ShareOfGdp)]
    assert shares and str(shares[0].label) == "not_checkable" and "year" in shares[0].summary
    written = _verdicts(checker, "Germany spent 1% of its GDP on defence in 2024.",
                        on=date(2025, 7, 1))
    assert [lab for c, lab, _ in written if isinstance(c, ShareOfGdp)] == ["refuted"]
    present = _verdicts(checker, "Germany spends 1% of its GDP on defence.",
                        on=date(2024, 7, 1))
    assert [lab for c, lab, _ in present if isinstance(c, ShareOfGdp)] == ["refuted"]


def test_split_sources_on_a_spending_figure_decide_nothing(checker: Checker) -> None:
    """A spending figure between the sources' figures is not checkable, never a verdict of
    'contested' on a definition; the tally stays in the summary."""
    for c, lab, summary in _verdicts(checker, "Russia spent 6.4% of its GDP on defence in "
                                              "2024.", on=date(2025, 7, 1)):
        if isinstance(c, ShareOfGdp):
            assert lab != "contested"
            if lab == "not_checkable":
                assert "figure" in summary


def test_to_reach_after_a_past_rise_is_no_plan(checker: Checker) -> None:
    found = _verdicts(checker, "Israel's military spending surged 65 percent to reach $46.5 "
                               "billion in 2024.", on=date(2025, 4, 28))
    assert [lab for c, lab, _ in found if isinstance(c, Level)] == ["supported"]


def test_a_sum_said_without_a_year_reads_the_latest_complete_year(checker: Checker) -> None:
    """Said in April 2025, before any 2025 figure exists: the 2024 figure is what is meant,
    and the reading says so."""
    checked = checker.check("Israel spends $46 billion on its military.", on=date(2025, 4, 28))
    (v,) = [c.verdict for c in checked.claims if isinstance(c.verdict.claim, Level)]
    assert str(v.label) == "supported" and "latest complete year" in v.reading


def test_raising_spending_by_a_share_is_no_level(checker: Checker) -> None:
    found = _verdicts(checker, "Italy plans to raise defence spending by 1.5% of GDP in "
                               "2025.")
    assert not [c for c, _, _ in found if isinstance(c, ShareOfGdp)]


def test_an_attribution_needs_more_than_words_every_statement_uses(checker: Checker) -> None:
    """'increase production' is said in most statements on output: sharing it matches none;
    a figure or a specific word in common does."""
    vague = checker.read("Rutte said allies must increase production.", date(2025, 9, 4))
    assert [str(c.verdict.label) for c in vague.claims
            if str(c.verdict.claim.kind) == "attribution"] != ["supported"]


def test_a_rank_after_a_sentence_on_spending_is_a_spending_rank(checker: Checker) -> None:
    text = ("World military spending reached $2,718 billion in 2024.\n\nGermany rose to fourth "
            "place in 2024.")
    ranks = [c.verdict for c in checker.read(text, date(2025, 4, 28)).claims
             if isinstance(c.verdict.claim, Rank)]
    assert ranks and ranks[0].claim.subject == "DEU" and str(ranks[0].label) == "supported"
    alone = _verdicts(checker, "Germany rose to fourth place in 2024.", on=date(2025, 4, 28))
    assert not [c for c, _, _ in alone if isinstance(c, Rank)]


def test_the_figure_of_the_sentence_before(checker: Checker) -> None:
    """'the figure shows an increase of 9%': the entity and item of the sentence before; said
    without a year when the data hold none yet for it, read for the latest complete year."""
    text = ("Global military spending reached $2.7 trillion in 2024.\n\nA report says that the "
            "figure shows an increase of just over 9 percent from 2023.")
    changes = [c.verdict for c in checker.read(text, date(2025, 4, 28)).claims
               if str(c.verdict.claim.kind) == "change"]
    assert changes and changes[0].claim.subject == "WLD"
    assert changes[0].claim.item == "military_expenditure"
    assert str(changes[0].label) == "supported" and "latest complete year" in changes[0].reading


def test_a_spending_comparison_is_read_at_ppp_too(checker: Checker) -> None:
    """Market rates decide the verdict; PPP amounts are read as well and named, and would
    make it contested if they gave the opposite answer."""
    found = [c.verdict for c in checker.check("Russia spent more on defence than Ukraine in "
                                               "2024.", date(2025, 6, 1)).claims
             if isinstance(c.verdict.claim, Comparison)]
    assert found and str(found[0].label) == "supported"
    assert any("at PPP" in x for x in found[0].caveats)


def test_changes_listed_country_by_country(checker: Checker) -> None:
    found = _verdicts(checker, "The countries with the largest increases in spending in 2024 "
                               "were Israel (65%) and Russia (38%).", on=date(2025, 4, 28))
    changes = {c.subject: (round(c.factor, 2), lab) for c, lab, _ in found
               if str(c.kind) == "change"}
    assert changes == {"ISR": (1.65, "supported"), "RUS": (1.38, "supported")}
    # a bracketed per cent in a sentence on no change of spending is not read so
    other = _verdicts(checker, "The lowest shares of GDP in 2024 were Spain (1.28%) and "
                               "Belgium (1.30%).", on=date(2025, 4, 28))
    assert not [c for c, _, _ in other if str(c.kind) == "change"]


def test_a_record_with_no_since_is_the_highest_in_the_whole_series(checker: Checker) -> None:
    """'A record high in 2015' for Germany is not true (2012 was higher on SIPRI's series): a
    record with no 'since' is read against the whole series, never against the year itself."""
    found = _verdicts(checker, "Germany's military spending reached a record high in 2015.",
                      on=date(2025, 4, 28))
    records = [lab for c, lab, _ in found if isinstance(c, Record)]
    assert records and "supported" not in records
    world = _verdicts(checker, "Global military spending reached a record $2.7 trillion in 2024.",
                      on=date(2025, 4, 28))
    assert [lab for c, lab, _ in world if isinstance(c, Record)] == ["supported"]


def test_the_future_tense_is_a_forecast(checker: Checker) -> None:
    """'Serbia will probably fall to third place, spending 1.8% of GDP': a forecast, never
    refuted against what was spent."""
    found = _verdicts(checker, "This year Serbia will probably fall to third place in the "
                               "region by spending 1.8 percent of its GDP on defence.",
                      on=date(2024, 3, 10))
    assert [lab for c, lab, _ in found if isinstance(c, ShareOfGdp)] == ["not_checkable"]


def test_a_first_of_a_share_is_no_record_of_gdp(checker: Checker) -> None:
    """'topped 2% of GDP for the first time since 1991' is about the share: no record or
    change of GDP or of spending is read from it."""
    found = _verdicts(checker, "Germany's defence spending topped 2% of GDP in 2024 for the "
                               "first time since 1991.", on=date(2025, 11, 14))
    assert not [c for c, _, _ in found if isinstance(c, Record) or str(c.kind) == "change"]
    assert [lab for c, lab, _ in found if isinstance(c, ShareOfGdp)] == ["supported"]
