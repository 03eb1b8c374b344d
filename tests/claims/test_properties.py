"""Metamorphic and property tests of the claim checker: they assert behaviour, not accuracy.

- flipping a bound ("more than" ↔ "less than") flips the verdict, for figures drawn clearly
  below or above every figure the data hold;
- moving the figure past all the evidence flips the verdict of a bounded claim and refutes
  a plain one;
- a denial ("did not exceed", "did not spend more than") inverts the verdict;
- "per cent"/"%", "bn"/"billion", "$151bn"/"$151 billion", defence/defense give the same
  reading and verdict;
- an unrelated sentence before the claim changes nothing;
- Parser.parse and Checker.check never raise, whatever the text and the date.

The evidence ranges are read from the store (data/), so the tests hold as the data change.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from milbalance.claims import Checker, Context, Parser
from milbalance.claims.kinds import Comparison, Level, Measure, QuantityUnit, ShareOfGdp
from milbalance.claims.reading import reading_of
from milbalance.claims.verdict import Label, Verdict, figure_label, label_for
from milbalance.store import Store

ON = date(2025, 6, 5)
SUBJECT, YEAR = "Russia", 2024
ABOVE_WORDS = ["more than", "over", "above", "at least", "in excess of"]
BELOW_WORDS = ["less than", "under", "below", "no more than", "up to", "at most"]
FLIP = {Label.SUPPORTED: Label.REFUTED, Label.REFUTED: Label.SUPPORTED}
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _range(store: Store, metric_suffix: str) -> tuple[float, float]:
    """(lowest, highest) figure the data give for RUS in YEAR on metrics ending so."""
    values: list[float] = []
    for m in store.metrics():
        if not m.id.endswith(metric_suffix):
            continue
        for r in store.observations("RUS", m.id, start_year=YEAR, end_year=YEAR):
            if r.value is not None or r.low is not None:
                values += [r.low if r.low is not None else r.central,
                           r.high if r.high is not None else r.central]
    if not values:
        pytest.skip(f"data/ holds no {metric_suffix} for RUS in {YEAR}")
    return min(values), max(values)


@pytest.fixture(scope="module")
def share_range(real_store: Store) -> tuple[float, float]:
    return _range(real_store, "share_gdp")


def _one(checker: Checker, text: str, kind: type) -> Verdict:
    verdicts = [c.verdict for c in checker.check(text, ON).claims
                if isinstance(c.verdict.claim, kind)]
    assert len(verdicts) == 1, (text, [v.reading for v in verdicts])
    return verdicts[0]


def _share(word: str, x: float, negate: bool = False) -> str:
    verb = "did not spend" if negate else "spent"
    return f"{SUBJECT} {verb} {word} {x:.1f}% of its GDP on defence in {YEAR}."


def _figures(low: float, high: float) -> st.SearchStrategy[tuple[float, str]]:
    """A figure clearly below every figure (≤ 60% of the lowest) or clearly above every one
    (≥ 1.5 × the highest), with where it lies."""
    below = st.floats(min_value=max(0.1, low * 0.2), max_value=low * 0.6).map(
        lambda x: (x, "below"))
    above = st.floats(min_value=high * 1.5, max_value=high * 4).map(lambda x: (x, "above"))
    return below | above


@SETTINGS
@given(data=st.data())
def test_a_bound_decides_by_which_side_the_evidence_lies(
        checker: Checker, share_range: tuple[float, float], data: st.DataObject) -> None:
    x, side = data.draw(_figures(*share_range))
    word = data.draw(st.sampled_from(ABOVE_WORDS + BELOW_WORDS))
    v = _one(checker, _share(word, x), ShareOfGdp)
    claims_above = word in ABOVE_WORDS
    expected = Label.SUPPORTED if claims_above == (side == "below") else Label.REFUTED
    assert v.label is expected, (word, x, v.reading, v.summary)


@SETTINGS
@given(data=st.data())
def test_flipping_the_bound_flips_the_verdict(
        checker: Checker, share_range: tuple[float, float], data: st.DataObject) -> None:
    x, _ = data.draw(_figures(*share_range))
    up = _one(checker, _share(data.draw(st.sampled_from(ABOVE_WORDS)), x), ShareOfGdp)
    down = _one(checker, _share(data.draw(st.sampled_from(BELOW_WORDS)), x), ShareOfGdp)
    assert up.label in FLIP and down.label is FLIP[up.label], (up.reading, down.reading)


@SETTINGS
@given(data=st.data())
def test_moving_the_figure_past_all_the_evidence_flips_the_verdict(
        checker: Checker, share_range: tuple[float, float], data: st.DataObject) -> None:
    low, high = share_range
    word = data.draw(st.sampled_from(ABOVE_WORDS + BELOW_WORDS))
    below = data.draw(st.floats(min_value=max(0.1, low * 0.2), max_value=low * 0.6))
    above = data.draw(st.floats(min_value=high * 1.5, max_value=high * 4))
    a = _one(checker, _share(word, below), ShareOfGdp)
    b = _one(checker, _share(word, above), ShareOfGdp)
    assert a.label in FLIP and b.label is FLIP[a.label], (a.reading, b.reading)
    for x in (below, above):  # a plain figure far from every figure is refuted
        plain = _one(checker, _share("", x).replace("  ", " "), ShareOfGdp)
        assert plain.label is Label.REFUTED, plain.summary


@SETTINGS
@given(data=st.data())
def test_a_denial_inverts_the_verdict(checker: Checker, share_range: tuple[float, float],
                                      data: st.DataObject) -> None:
    x, _ = data.draw(_figures(*share_range))
    word = data.draw(st.sampled_from(["more than", "over", "less than", "under"]))
    plain = _one(checker, _share(word, x), ShareOfGdp)
    denied = _one(checker, _share(word, x, negate=True), ShareOfGdp)
    assert plain.label in FLIP and denied.label is FLIP[plain.label], denied.reading


@pytest.mark.parametrize(("denied", "bound"), [
    ("Russia's military spending did not exceed {x}% of GDP in 2024.", "no more than"),
    ("Russia's military spending never exceeded {x}% of GDP in 2024.", "no more than"),
    ("Russia's military spending did not fall below {x}% of GDP in 2024.", "at least"),
])
@pytest.mark.parametrize("x", [2.0, 12.0])
def test_a_denied_verb_bound_reads_as_the_opposite_bound(
        checker: Checker, denied: str, bound: str, x: float) -> None:
    a = _one(checker, denied.format(x=x), ShareOfGdp)
    b = _one(checker, f"Russia's military spending was {bound} {x}% of GDP in 2024.",
             ShareOfGdp)
    assert a.reading == b.reading and a.label is b.label


@pytest.mark.parametrize(("words", "symbol"), [
    ("no higher than", "≤"), ("not more than", "≤"), ("no more than", "≤"), ("up to", "≤"),
    ("not above", "≤"), ("not below", "≥"), ("not lower than", "≥"), ("no less than", "≥"),
    ("at least", "≥"), ("more than", ">"), ("over", ">"), ("below", "<"), ("under", "<"),
])
def test_bound_words_read_as_their_bound(parser: Parser, words: str, symbol: str) -> None:
    (c,) = [c for c in parser.parse(f"Russia's military spending was {words} 5% of GDP in "
                                    "2024.", Context(on=ON)).claims
            if isinstance(c, ShareOfGdp)]
    assert not c.negated and reading_of(c).endswith(f"· {symbol} 5%"), reading_of(c)


SAME = [
    ["Russia spent 7.1% of GDP on defence in 2024.",
     "Russia spent 7.1 per cent of GDP on defense in 2024.",
     "Russia spent 7.1 percent of GDP on defence in 2024."],
    ["Russia spent $149bn on defence in 2024.",
     "Russia spent $149 billion on defense in 2024.",
     "Russia spent $149 bn on defence in 2024.",
     "Russia spent US$149 billion on defence in 2024."],
    ["Russia spent more than 4% of its GDP on the military in 2024.",
     "Russia spent more than 4 per cent of its GDP on the military in 2024."],
    ["Russia spent 13.1 trillion rubles on defence in 2024.",
     "Russia spent 13.1 trillion roubles on defense in 2024."],
]


@pytest.mark.parametrize("texts", SAME)
def test_spellings_give_the_same_reading(checker: Checker, texts: list[str]) -> None:
    seen = set()
    for text in texts:
        verdicts = [c.verdict for c in checker.check(text, ON).claims]
        seen.add(tuple((v.reading, v.label) for v in verdicts))
        assert verdicts, text
    assert len(seen) == 1, seen


UNRELATED = ["The summit opened on a grey morning.", "Germany's chancellor arrived late.",
             "Officials declined to comment.", "NATO leaders met behind closed doors.",
             "The report runs to many pages."]
CLAIMS = ["Russia spent more than 4% of its GDP on the military in 2024.",
          "Russia produced 2 million artillery shells in 2023.",
          "Russia spent 13.1 trillion rubles on defence in 2024.",
          "Russia outspends Ukraine on defence."]


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(UNRELATED), st.sampled_from(CLAIMS))
def test_an_unrelated_sentence_before_changes_nothing(checker: Checker, before: str,
                                                      claim: str) -> None:
    alone = [(c.verdict.reading, c.verdict.label) for c in checker.read(claim, ON).claims]
    after = [(c.verdict.reading, c.verdict.label) for c in checker.read(f"{before} {claim}",
                                                                        ON).claims
             if c.start >= len(before)]
    assert alone == after


TEXT = st.text(max_size=160) | st.lists(st.sampled_from([
    "Russia", "NATO", "0", "0 shells", "0 times as many", "in 0 months", "what", "in a year",
    "more than", "less than", "did not exceed", "4%", "of GDP", "$151bn", "2024", "since",
    "doubled", "highest since", "said", "Rutte", "as", ",", ".", "twice", "half", "per cent",
    "no more than", "-1", "1e400", "9" * 30, "\n", "#", "*", "|"]), max_size=14).map(" ".join)
DAYS = st.sampled_from([None, date(1, 1, 1), date(9999, 12, 31), ON, date(1950, 6, 1)])


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT, DAYS)
@example("Russia produced 0 shells in 2023.", ON)
@example("Russia produces 0 times as many shells as NATO.", ON)
@example("Russia produces in 0 months what NATO produces in a year.", ON)
@example("Russia outproduces NATO in artillery shells.", date(1, 1, 1))
@example("Russia spends more on defence than Ukraine.", date(1, 1, 1))
def test_parse_and_check_never_raise(parser: Parser, checker: Checker, text: str,
                                     on: date | None) -> None:
    parser.parse(text, Context(on=on))
    if not text.strip():
        return  # the checker refuses empty text with a UserError, by design
    reading = checker.check(text, on)
    for c in reading.claims:
        v = c.verdict
        assert v.reading
        assert (v.probability is None) == (v.label is Label.NOT_CHECKABLE)
        assert v.probability is None or 0.0 <= v.probability <= 1.0
        _consistent(v)


def _consistent(v: Verdict) -> None:
    """The summary never contradicts the label or P: the label is the one P earns (a spending
    figure by ``figure_label``, docs/claims.md; production
    comparisons answered from the engine's bases follow docs/methodology.md's rule instead),
    and a P above 0 with no agreeing figure is explained by borderline figures."""
    p = v.probability
    bases = (isinstance(v.claim, Comparison) and v.claim.measure is Measure.OUTPUT
             and v.claim.ratio is None)
    if p is not None and not bases:
        agreeing = sum(e.holds is True for e in v.evidence)
        spending_figure = not v.claim.negated and (isinstance(v.claim, ShareOfGdp) or (
            isinstance(v.claim, Level) and (v.claim.quantity.unit is QuantityUnit.MONEY
                                            or v.claim.measure is Measure.TARGET))) \
            and not v.claim.quantity.bound
        rule = figure_label(p, agreeing) if spending_figure else label_for(p)
        assert v.label is rule, (v.label, p, v.summary)
        assert f"P = {p:.2f}" in v.summary or str(v.label) in v.summary, v.summary
    if p and isinstance(v.claim, Level | ShareOfGdp) and not v.claim.negated and \
            " 0 of " in v.summary:
        assert "borderline" in v.summary, v.summary


@SETTINGS
@given(data=st.data())
def test_summaries_agree_with_label_and_p(checker: Checker, share_range: tuple[float, float],
                                          data: st.DataObject) -> None:
    low, high = share_range
    x = data.draw(st.floats(min_value=max(0.1, low * 0.5), max_value=high * 1.6))
    word = data.draw(st.sampled_from(["", "about", *ABOVE_WORDS, *BELOW_WORDS]))
    for c in checker.check(_share(word, x).replace("  ", " "), ON).claims:
        _consistent(c.verdict)


def test_every_level_reading_names_its_parts(checker: Checker) -> None:
    (c,) = checker.check("Russia spent more than 4% of its GDP on the military in 2024.",
                         ON).claims
    assert c.verdict.reading == "RUS · military_expenditure.share_gdp · 2024 · > 4%"
    (d,) = [x for x in checker.check("Russia produced 2 million shells.", ON).claims
            if isinstance(x.verdict.claim, Level)]
    assert reading_of(d.verdict.claim).endswith("· 2025 (from the article date) · = 2 million")
