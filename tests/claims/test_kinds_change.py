"""Changes without a base figure and ratio words: readings, bound semantics and properties
(flipping the bound flips the verdict; a bound on a fall turns over; spellings agree)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.claims import Checker, Parser, Verdict
from milbalance.claims.evaluate.change_base import score
from milbalance.claims.kinds import Change, Measure
from milbalance.claims.parse.change_words import change_words
from milbalance.claims.parse.ratio_words import SEVERAL, ratio_word, word_ratio

ON = date(2025, 4, 28)


def _label(v: Verdict) -> str:
    """The label, with a refutation that one source alone cannot make (the two-source rule
    of ``claims.evaluate``: not checkable, its plain check refuted) read as 'refuted'."""
    if str(v.label) == "not_checkable" and "Plain check:" in v.summary and \
            "refuted" in v.summary.split("Plain check:")[1]:
        return "refuted"
    return str(v.label)


def _change(checker: Checker, text: str, on: date = ON) -> tuple[str, str]:
    r = checker.read(text, on)
    found = [c.verdict for c in r.claims if str(c.verdict.claim.kind) == "change"]
    assert found, (text, [c.verdict.reading for c in r.claims], r.skipped)
    return _label(found[0]), found[0].reading


def test_change_words_bounds_and_falls() -> None:
    w = change_words("spending rose by more than half")
    assert w is not None and w.factor == 1.5 and w.bound == "at-least" and w.strict
    w = change_words("spending fell by more than 10%")
    assert w is not None and abs(w.factor - 0.9) < 1e-9 and w.bound == "at-most"
    w = change_words("spending more than halved")
    assert w is not None and w.factor == 0.5 and w.bound == "at-most"
    w = change_words("spending surged almost 40 per cent in real terms")
    assert w is not None and abs(w.factor - 1.4) < 1e-9 and w.approximate and w.percent
    w = change_words("a tenfold increase in output")
    assert w is not None and w.factor == 10
    w = change_words("output rose 14-fold")
    assert w is not None and w.factor == 14
    assert change_words("four times as many shells as Europe") is None


def test_ratio_words() -> None:
    assert word_ratio("twice") == (2.0, ())
    assert word_ratio("a third")[0] == 1 / 3
    value, caveats = word_ratio("several")
    assert value == SEVERAL and caveats
    w = ratio_word("production increased several times")
    assert w is not None and w.factor == SEVERAL and w.bound == "at-least" and w.caveats
    w = ratio_word("production nearly tripled")
    assert w is not None and w.factor == 3 and w.approximate


@given(st.integers(1, 90))
def test_per_cent_spellings_read_alike(n: int) -> None:
    a = change_words(f"spending rose {n}%")
    b = change_words(f"spending rose {n} per cent")
    c = change_words(f"spending rose by {n} percent")
    assert a is not None and b is not None and c is not None
    assert a.factor == b.factor == c.factor


@given(st.floats(0.5, 3.0), st.floats(0.5, 3.0), st.booleans())
def test_flipping_the_bound_flips_the_score(f: float, d: float, percent: bool) -> None:
    """Away from the edge (d and f far apart) '> f' and '< f' get opposite scores."""
    if abs(d - f) < 0.4 * max(abs(f - 1), 0.05) + 0.35 * f:
        return
    base = dict(text="", subject="X", item="military_expenditure",
                measure=Measure.EXPENDITURE, factor=f, since=2023, year=2024, percent=percent)
    above = score(Change(**base, bound="at-least"), d)  # type: ignore[arg-type]
    below = score(Change(**base, bound="at-most"), d)  # type: ignore[arg-type]
    assert {above, below} == {0.0, 1.0}


def test_checked_against_the_series(checker: Checker) -> None:
    label, reading = _change(checker, "Germany's military spending rose by more than 20% in "
                             "2024.")
    assert label == "supported" and "2023" in reading and "> +20%" in reading
    assert _change(checker, "Germany's military spending rose by less than 20% in 2024.")[0] \
        == "refuted"
    assert _change(checker, "Germany's military spending fell by more than 10% in 2024.")[0] \
        == "refuted"
    label, reading = _change(checker, "Russia's military spending surged almost 40 per cent "
                             "in real terms in 2024.")
    assert label == "supported" and "real terms" in reading
    assert _change(checker, "Russia's military spending rose by more than half in real terms "
                   "in 2024.")[0] == "refuted"


def test_base_year_written_or_assumed(checker: Checker) -> None:
    label, reading = _change(checker, "Poland's defence spending was up 31% year on year in "
                             "2024.")
    assert "2023 (the previous year" in reading and label == "supported"
    label, reading = _change(checker, "Russia's military spending more than doubled between "
                             "2021 and 2024.")
    assert reading.startswith("RUS") and "2021 → 2024" in reading and label == "supported"
    # no year written, past tense: the last full year before the article, said so
    _, reading = _change(checker, "Germany's military spending increased by 28%.")
    assert "2023" in reading and "2024 (assumed" in reading


def test_first_fall_since(checker: Checker) -> None:
    label, reading = _change(checker, "Germany's military spending fell in 2024 for the first "
                             "time since 2014.")
    assert label == "refuted" and "first fall since 2014" in reading


def test_no_base_year_is_not_checkable(parser: Parser) -> None:
    p = parser.parse("Ukraine's output of drones has tripled.")
    changes = [c for c in p.claims if isinstance(c, Change)]
    assert changes and changes[0].since is None


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["The weather was mild. ", "Talks resumed in Geneva. ", ""]))
def test_unrelated_sentence_before_changes_nothing(checker: Checker, before: str) -> None:
    text = "Germany's military spending rose by more than 20% in 2024."
    assert _change(checker, before + text) == _change(checker, text)


def _comparison(checker: Checker, text: str) -> tuple[str, str]:
    r = checker.read(text, ON)
    found = [c.verdict for c in r.claims if str(c.verdict.claim.kind) == "comparison"]
    assert found, (text, [c.verdict.reading for c in r.claims], r.skipped)
    return _label(found[0]), found[0].reading


def test_ratio_words_between_subjects(checker: Checker) -> None:
    label, reading = _comparison(checker, "Russia spent several times more than Ukraine on "
                                 "defence in 2024.")
    assert "≥ 3 × UKR" in reading and label == "refuted"  # RUS/UKR is about 2.3
    label, reading = _comparison(checker, "The United States spent roughly three times as "
                                 "much as China on its military in 2024.")
    assert "USA ≈ 3 × CHN" in reading and label == "supported"
    label, reading = _comparison(checker, "China spent about a third of what the United "
                                 "States spent on its military in 2024.")
    assert "USA ≈ 3 × CHN" in reading and label == "supported"  # turned round
    assert _comparison(checker, "The United States spent twice as much as China on defence "
                       "in 2024.")[0] == "refuted"


def test_ratio_of_its_own_past_is_a_change(checker: Checker) -> None:
    label, reading = _change(checker, "Russia's military spending in 2024 was double its "
                             "2021 level.")
    assert "2021 → 2024" in reading and "× 2" in reading and label == "supported"
    label, reading = _change(checker, "Russia's military spending in 2024 was several times "
                             "that of 2014.")
    assert "2014 → 2024" in reading and "≥ × 3" in reading


def test_direction_only_needs_a_year(checker: Checker, parser: Parser) -> None:
    assert _change(checker, "Germany's military spending fell in 2024.")[0] == "refuted"
    label, reading = _change(checker, "Russia's military spending increased significantly in "
                             "2024.")
    assert label == "supported" and "≥ +10%" in reading
    label, reading = _change(checker, "Russia plans to cut defence spending in 2026.",
                             date(2025, 9, 30))
    assert "a fall" in reading and "2025" in reading
    p = parser.parse("Russia's military spending rose sharply.")
    changes = [c for c in p.claims if isinstance(c, Change)]
    assert not changes or changes[0].since is None  # no year, no period: not checkable
    assert change_words("the country's lower house of parliament") is None
