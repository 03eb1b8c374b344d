"""Articles read as a whole: context carried across sentences (subjects, dates, topics),
speakers attributed only to what they said, attribution checked against statements, and
spans exact for every sentence of a generated article."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.claims import Checker
from milbalance.claims.article import CheckedClaim, Reading
from milbalance.claims.kinds import AttributionClaim
from milbalance.claims.reading import reading_of

ON = date(2025, 11, 14)


def _claims(reading: Reading, fragment: str, kind: str = "") -> list[CheckedClaim]:
    return [c for c in reading.claims if fragment in c.verdict.claim.text
            and (not kind or str(c.verdict.claim.kind) == kind)]


def _subject(c: CheckedClaim) -> str:
    return str(getattr(c.verdict.claim, "subject", ""))


# --- subjects from context --------------------------------------------------------------

def test_the_country_is_the_last_country_named(checker: Checker) -> None:
    r = checker.read("Germany spent 2.1% of GDP on defence in 2024. Poland has grown fast. "
                     "The country spent 4.1% of GDP in 2024.", ON)
    [c] = _claims(r, "The country spent")
    assert _subject(c) == "POL"
    assert "'The country'" in reading_of(c.verdict.claim)
    assert any("taken from context" in x for x in c.verdict.claim.caveats)


def test_the_alliance_and_the_bloc_are_the_last_bloc_named(checker: Checker) -> None:
    r = checker.read("The EU has raised its defence budgets sharply. Russia is another matter. "
                     "The bloc spent $381 billion on defence in 2024.", ON)
    [c] = [c for c in _claims(r, "The bloc spent") if str(c.verdict.claim.kind) == "level"]
    assert _subject(c) == "EU"  # not NATO, which 'the bloc' means with no context


def test_it_is_the_previous_subject_and_the_main_subject_opens(checker: Checker) -> None:
    r = checker.read("# Poland's defence budget\n\nPoland is arming fast, and Poland's army is "
                     "growing. Its spending reached 4.1% of GDP in 2024.", ON)
    [c] = _claims(r, "Its spending")
    assert _subject(c) == "POL"
    r = checker.read("# Defence budgets\n\nThe country spent 4.1% of GDP in 2024. Poland has "
                     "the largest army in the EU after France, and Poland's plans go further.", ON)
    [c] = _claims(r, "The country spent", "share_of_gdp")
    assert _subject(c) == "POL"
    assert "main subject" in reading_of(c.verdict.claim)


def test_a_named_subject_wins_over_context(checker: Checker) -> None:
    r = checker.read("Russia spent $149 billion on defence in 2024. It is clear that Germany "
                     "spent 2.1% of GDP in 2024.", ON)
    [c] = _claims(r, "Germany spent")
    assert _subject(c) == "DEU"


def test_topic_and_subject_carry_to_a_figure_that_names_neither(checker: Checker) -> None:
    r = checker.read("Russia will spend 13 trillion rubles on defence in 2025. This marks a 25% "
                     "increase on 2024's 10.4 trillion rubles.", date(2025, 6, 1))
    [c] = _claims(r, "10.4 trillion", "level")
    claim = c.verdict.claim
    assert _subject(c) == "RUS" and claim.year == 2024
    assert getattr(claim, "item", "") == "military_expenditure"
    assert "from the previous sentence" in reading_of(claim)


# --- dates written once -----------------------------------------------------------------

def test_dateline_sets_the_date(checker: Checker) -> None:
    r = checker.read("MOSCOW, Nov 14 (Reuters) – Russia spent 7.1% of GDP on defence.",
                     date(2026, 2, 1))
    [c] = _claims(r, "Russia spent")
    assert c.verdict.claim.year == 2025
    assert "dateline" in reading_of(c.verdict.claim)
    assert any(s.text == "MOSCOW, Nov 14 (Reuters)" for s in r.skipped)


def test_a_paragraph_date_applies_to_its_paragraph_only(checker: Checker) -> None:
    text = ("In 2023, Europe's output grew. Poland spent 3.8% of GDP on defence.\n\n"
            "Germany spent 2.1% of GDP on defence.")
    r = checker.read(text, ON)
    [pol] = _claims(r, "Poland spent")
    [deu] = _claims(r, "Germany spent")
    assert pol.verdict.claim.year == 2023 and "earlier in the paragraph" in reading_of(
        pol.verdict.claim)
    # not 2023 (the date belongs to the paragraph before): a simple past with no year is
    # the last full year before the article
    assert deu.verdict.claim.year == ON.year - 1 and "past tense" in reading_of(
        deu.verdict.claim)
    r = checker.read("Europe's output grew. As of June 2024, budgets were rising. Poland "
                     "spent 4.1% of GDP on defence.", ON)
    assert _claims(r, "Poland spent")[0].verdict.claim.year == 2024


# --- speakers ---------------------------------------------------------------------------

def test_speaker_covers_following_quotes_not_later_narrative(checker: Checker) -> None:
    text = ('Vladimir Putin said on 27 June 2025 that Russia spends 6.3% of GDP on defence. '
            '"Russia spent 13.5 trillion rubles on defence this year." '
            "Germany spent 2.1% of GDP on defence in 2024. He added that Russia spent 6.3% of "
            "GDP on defence in 2025.")
    r = checker.read(text, date(2025, 6, 28))

    def speaker(fragment: str) -> str:
        a = _claims(r, fragment)[0].verdict.claim.attribution
        return a.speaker if a else ""

    assert speaker("Russia spends 6.3%") == "Vladimir Putin"
    assert speaker("13.5 trillion") == "Vladimir Putin"
    assert speaker("Germany spent") == ""
    assert speaker("He added") == "Vladimir Putin"


def test_a_new_paragraph_ends_a_quotation_chain(checker: Checker) -> None:
    r = checker.read('"Russia spent 7.1% of GDP on defence in 2024," Putin said.\n\n'
                     '"Germany spent 2.1% of GDP on defence in 2024."', ON)
    [c] = _claims(r, "Germany spent")
    assert c.verdict.claim.attribution is None


# --- attribution against statements ------------------------------------------------------

def _attribution(r: Reading, fragment: str) -> CheckedClaim:
    [c] = [c for c in _claims(r, fragment) if isinstance(c.verdict.claim, AttributionClaim)]
    return c


def test_has_stated_matches_the_statement_and_names_it(checker: Checker) -> None:
    r = checker.read("NATO Secretary General Mark Rutte has stated that Russia produces in "
                     "three months the ammunition that NATO produces in a year.", date(2025, 7, 1))
    c = _attribution(r, "has stated")
    assert c.verdict.claim.undated  # type: ignore[union-attr]
    assert str(c.verdict.label) == "supported"
    assert "rutte-2025-0" in c.verdict.summary  # the statement that matched, by id
    assert all(e.note for e in c.verdict.evidence)


def test_apposition_and_according_to_are_attributions(checker: Checker) -> None:
    r = checker.read("Mark Rutte, the NATO Secretary General, said in June 2025 that Russia "
                     "makes in three months the ammunition NATO makes in a year.", ON)
    c = _attribution(r, "Mark Rutte, the NATO")
    assert c.verdict.claim.speaker == "Mark Rutte"  # type: ignore[union-attr]
    assert str(c.verdict.label) == "supported"
    r = checker.read("According to Vladimir Putin, Russia spent 6.3% of GDP on defence in "
                     "2025.", date(2025, 6, 30))
    c = _attribution(r, "According to")
    assert str(c.verdict.label) == "supported" and "putin-2025-06-27" in c.verdict.summary


def test_attribution_off_date_or_off_topic_is_not_supported(checker: Checker) -> None:
    r = checker.read("Mark Rutte said that Russia spent 6.3% of GDP on defence in 2025.", ON)
    assert str(_attribution(r, "Rutte said").verdict.label) != "supported"  # not his topic
    r = checker.read("In March 2021 Vladimir Putin said that Russia spends 6.3% of GDP on "
                     "defence.", date(2021, 3, 20))
    assert str(_attribution(r, "Putin said").verdict.label) != "supported"  # not then


# --- spans ------------------------------------------------------------------------------

_UNIT = st.sampled_from([
    "# Russia's war budget", "## How NATO compares", "- Poland: 4.1% of GDP",
    "1. Germany spent 2.1% of GDP in 2024.", "| Poland | 4.1% |",
    "Russia spent 7.1% of GDP on defence in 2024.", "The country spent $149bn in 2024.",
    "It was a record.", '"We spend 6.3% of GDP," Putin said.', "MOSCOW, Nov 14 (Reuters) –",
    "Mr. Rutte said the U.S. spent $997bn. The alliance spent more.", "As of June 2025,",
    "Analysts disagree."])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(_UNIT, st.sampled_from([" ", "\n", "\n\n"])), min_size=1,
                max_size=8))
def test_every_span_points_into_the_article(checker: Checker,
                                            parts: list[tuple[str, str]]) -> None:
    text = "".join(u + sep for u, sep in parts)
    if not text.strip():
        return
    r = checker.read(text, ON)
    for c in r.claims:
        assert text[c.start:c.end] == c.verdict.claim.text
    for s in r.skipped:
        assert text[s.start:s.end] == s.text


def test_who_said_it_is_checked_where_what_was_said_is_not(checker: Checker) -> None:
    r = checker.read("In a speech in Berlin Rutte warned that NATO is Russia's next target and "
                     "that allies must spend more.", date(2025, 12, 12))
    c = _attribution(r, "Rutte warned")
    assert str(c.verdict.label) == "supported" and "rutte-2025-12-11" in c.verdict.summary
    assert any("must" in s.reason for s in r.skipped)  # the opinion itself stays unchecked


def test_pronoun_speech_and_citing_name_the_speaker(checker: Checker) -> None:
    r = checker.read("Vladimir Putin said on 27 June 2025 that Russia spends 13.5 trillion "
                     "rubles on defence. He recalled that the US spent 14% of GDP on the Korean "
                     "war and 10% on Vietnam.", date(2025, 6, 28))
    c = _attribution(r, "He recalled")
    assert c.verdict.claim.speaker == "Vladimir Putin"  # type: ignore[union-attr]
    assert "putin-2025-06-27-korea-vietnam" in c.verdict.summary
    r = checker.read("Earlier, RBC-Ukraine reported, citing NATO Secretary-General Mark Rutte, "
                     "that European ammunition output rose sixfold.", date(2025, 8, 29))
    assert _attribution(r, "citing").verdict.claim.speaker == "Mark Rutte"  # type: ignore[union-attr]


def test_a_cited_body_keeps_its_own_figures(checker: Checker) -> None:
    r = checker.read("According to OMB's historical tables, US national defense outlays reached "
                     "13.8% of GDP in 1953.", date(2025, 6, 27))
    share = next(c for c in r.claims if str(c.verdict.claim.kind) == "share_of_gdp")
    assert str(share.verdict.label) == "supported"
    assert _attribution(r, "According to").verdict.claim.speaker == "OMB"  # type: ignore[union-attr]


def test_a_lead_in_dates_its_list_and_lends_it_no_subject(checker: Checker) -> None:
    r = checker.read("The US spent 3.4% of GDP on defence in 2024.\n\nThe biggest spenders in 2023 "
                     "were:\n- Poland: 3.8% of GDP\n- Estonia: 3.4% of GDP\n", ON)
    [pol] = _claims(r, "Poland")
    assert pol.verdict.claim.year == 2023 and "lead-in" in reading_of(pol.verdict.claim)
    assert not _claims(r, "The biggest spenders")  # no subject carried into the lead-in


def test_a_speaker_named_at_the_end_of_a_quotation_covers_all_of_it(checker: Checker) -> None:
    r = checker.read('Allies are catching up.\n\n"Russia spent 7.1% of GDP on defence in 2024. '
                     'Germany spent 2.1% of GDP in 2024," Rutte said. Poland spent 4.1% of GDP '
                     "in 2024.", ON)
    [c] = _claims(r, "Russia spent 7.1%", "share_of_gdp")
    assert c.verdict.claim.attribution is not None
    assert c.verdict.claim.attribution.speaker == "Rutte"
    [p] = _claims(r, "Poland spent", "share_of_gdp")
    assert p.verdict.claim.attribution is None


def test_points_listed_after_a_speakers_lead_in_are_the_speakers(checker: Checker) -> None:
    r = checker.read("Vladimir Putin said on 27 June 2025:\n\n- Russia spends 6.3% of GDP on "
                     "defence.\n- The US spent 14% of GDP on the Korean war.\n\nGermany spent "
                     "2.1% of GDP on defence in 2024.", date(2025, 6, 28))
    [c] = _claims(r, "6.3%", "share_of_gdp")
    assert c.verdict.claim.attribution is not None
    assert c.verdict.claim.attribution.speaker == "Vladimir Putin"
    assert str(_attribution(r, "6.3%").verdict.label) == "supported"
    [g] = _claims(r, "Germany", "share_of_gdp")
    assert g.verdict.claim.attribution is None


def test_also_said_is_on_the_occasion_just_reported(checker: Checker) -> None:
    text = ("In June 2024 Vladimir Putin called claims that Russia is preparing to attack NATO "
            "nonsense. At the St Petersburg forum in June 2025 he went further, saying that "
            "talk of Russia attacking Europe or NATO is a myth. Putin also said that Moscow "
            "does not see NATO's rearmament as a threat to Russia.")
    r = checker.read(text, date(2025, 12, 31))
    called = _attribution(r, "called claims")
    assert "putin-2024-06-05" in called.verdict.summary
    also = _attribution(r, "also said")
    assert also.verdict.claim.attribution is not None
    assert also.verdict.claim.attribution.date.startswith("2025-06")
    assert "putin-2025-06-19" in also.verdict.summary
