"""Phrasings read generically (calibre lists, ranges with scales, capacity verbs, periods in
either order, 'N to one', names joined by 'and', names taken as a whole, surnames with a
capital inside, 'used to', dismissals as opinions, 'compared with' base years), the
speaker's-own-figure rule and records without projections. Sentences here are not in the
claim test set."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from milbalance.claims import Checker, Context, Parser
from milbalance.claims.evaluate import own_figure
from milbalance.claims.kinds import (
    Attribution,
    AttributionClaim,
    Change,
    Comparison,
    Level,
    Measure,
    Quantity,
    QuantityUnit,
    Record,
)
from milbalance.claims.numbers import find_durations, find_quantities
from milbalance.spending.rows import is_projection
from milbalance.store import Store

ON = Context(on=date(2025, 6, 27))


def _no_items(sentence: str, position: int) -> None:
    return None


@pytest.mark.parametrize(("text", "low", "high"), [
    ("between 2 billion and 3 billion euros", 2e9, 3e9),
    ("from 1 million to 1.5 million a year", 1e6, 1.5e6),
    ("7 to 8 million", 7e6, 8e6),
])
def test_ranges_with_a_scale_on_each_end(text: str, low: float, high: float) -> None:
    q = find_quantities(text, _no_items)[0]
    assert (q.low, q.high) == (low, high)


def test_and_without_between_keeps_two_figures() -> None:
    assert len(find_quantities("2 million euros and 3 million euros", _no_items)) == 2


def test_a_bare_period_takes_the_unit_of_the_full_one() -> None:
    assert find_durations("what B builds in six weeks, A builds in two") == [(6 / 52, 14),
                                                                            (2 / 52, 37)]
    assert find_durations("in 2024, in two months") == [(2 / 12, 9)]


def test_calibre_list_reads_all_calibres_with_a_caveat(parser: Parser) -> None:
    claims = parser.parse("Ukraine made 1.5 million 152 mm and 155 mm rounds in 2024.",
                          ON).claims
    level = next(c for c in claims if isinstance(c, Level))
    assert level.item == "artillery_shells"
    assert any("calibres" in c for c in level.caveats)


@pytest.mark.parametrize("verb", ["can make", "is able to produce", "has the capacity to turn out",
                                  "can now build"])
def test_capacity_verbs(parser: Parser, verb: str) -> None:
    claims = parser.parse(f"Germany {verb} 700,000 shells a year.", ON).claims
    assert [c.measure for c in claims if isinstance(c, Level)] == [Measure.CAPACITY]


def test_can_fire_stays_consumption(parser: Parser) -> None:
    claims = parser.parse("Ukraine can fire 3,000 shells a day.", ON).claims
    assert [c.measure for c in claims if isinstance(c, Level)] == [Measure.CONSUMPTION]


@pytest.mark.parametrize("text", [
    "Russia builds in two weeks what the EU builds in eight weeks.",
    "What the EU builds in eight weeks, Russia builds in two.",
])
def test_period_ratio_in_either_order(parser: Parser, text: str) -> None:
    c = next(c for c in parser.parse(text, ON).claims if isinstance(c, Comparison))
    assert (c.subject, c.other) == ("RUS", "EU") and c.ratio == pytest.approx(4.0)


@pytest.mark.parametrize(("text", "ratio"), [
    ("The EU outproduces Russia three to one in shells.", 3.0),
    ("Russia outspends Ukraine by a ratio of 5:1.", 5.0),
])
def test_n_to_one(parser: Parser, text: str, ratio: float) -> None:
    c = next(c for c in parser.parse(text, ON).claims if isinstance(c, Comparison))
    assert c.ratio == pytest.approx(ratio)


def test_not_any_more_turns_the_comparison(parser: Parser) -> None:
    c = next(c for c in parser.parse("The EU is not outproducing Russia in shells any more.",
                                     ON).claims if isinstance(c, Comparison))
    assert (c.subject, c.other) == ("RUS", "EU")


def test_names_joined_read_as_the_bloc_the_data_file_them_under(checker: Checker) -> None:
    if not checker.gazetteer.groups:
        pytest.skip("data/ notes no bloc figure under a joined phrase")
    ids, (bloc, _) = next(iter(checker.gazetteer.groups.items()))
    names = [checker.gazetteer.entities[i].name for i in sorted(ids)]
    text = f"{' and '.join(names)} make more shells than Iran."
    c = next(c for c in checker.parser.parse(text, ON).claims if isinstance(c, Comparison))
    assert c.subject == bloc and any("read as" in x and bloc in x for x in c.caveats)


def test_names_joined_without_a_bloc_say_so(parser: Parser) -> None:
    c = next(c for c in parser.parse("Russia and Iran make more shells than Germany.",
                                     ON).claims if isinstance(c, Comparison))
    assert any("no bloc they make up" in x for x in c.caveats)


def test_own_figure_matches_the_claimant_not_the_source_id(real_store: Store) -> None:
    row = real_store.observations()[0]
    by_reuters = replace(row, source="x-2025-reuters-times", claimant="Western official")
    assert not own_figure(by_reuters, "Reuters")
    assert not own_figure(by_reuters, "The Times")
    assert own_figure(replace(row, claimant="Mark Rutte (NATO)"), "Mark Rutte")
    assert not own_figure(replace(row, claimant="Rutter Ltd"), "Rutte")


def test_a_publisher_named_in_a_source_id_keeps_the_evidence(checker: Checker,
                                                             real_store: Store) -> None:
    levels = {str(m) for m in Measure}
    rows = [(r, word) for r in real_store.observations() if r.value and r.period.days <= 366
            and r.metric.rsplit(".", 1)[-1] in levels
            for word in r.source.split("-")[-1:] if word.isalpha() and len(word) >= 4
            and word not in r.claimant.lower()]
    if not rows:
        pytest.skip("data/ has no level figure whose source id names another publisher")
    r, publisher = rows[0]
    item, measure = r.metric.rsplit(".", 1)
    q = Quantity(r.value or 0.0, QuantityUnit.COUNT, "x", 0, 1)
    claim = Level(text="x", subject=r.entity, item=item, measure=Measure(measure), quantity=q,
                  year=r.period.year, attribution=Attribution(publisher.title()))
    verdict = checker.evaluator.evaluate(claim)
    assert r.source in {e.source_id for e in verdict.evidence}


@pytest.mark.parametrize("entity", ["USA", "RUS", "UKR"])
def test_records_leave_projections_out(checker: Checker, real_store: Store, entity: str) -> None:
    planned = {(r.source, r.metric, r.period.label) for r in real_store.observations(entity)
               if is_projection(r) and r.metric.startswith("budget.")}
    if not planned:
        pytest.skip(f"data/ holds no projected budget for {entity}")
    claim = Record(text="x", subject=entity, item="budget", since=1990,
                   measure=Measure.EXPENDITURE, year=2028)
    verdict = checker.evaluator.evaluate(claim)
    assert verdict.evidence
    assert not {(e.source_id, e.metric, e.period) for e in verdict.evidence} & planned


@pytest.mark.parametrize(("text", "subject", "other"), [
    ("Russia makes more shells than the entire alliance.", "RUS", "NATO"),
    ("The alliance as a whole now produces more ammunition than Russia.", "NATO", "RUS"),
    ("All of Europe makes fewer shells than Russia.", "RUS", "EU"),  # fewer: turned round
])
def test_a_name_taken_as_a_whole_in_a_comparison(parser: Parser, text: str, subject: str,
                                                 other: str) -> None:
    c = next(c for c in parser.parse(text, ON).claims if isinstance(c, Comparison))
    assert (c.subject, c.other) == (subject, other)


@pytest.mark.parametrize("name", ["Bill LaPlante", "Kevin McCarthy", "Ron DeSantis"])
def test_surnames_with_a_capital_inside_are_kept_whole(parser: Parser, name: str) -> None:
    p = parser.parse(f"{name} said in September 2023 that the US made 28,000 155 mm shells "
                     "a month.", ON)
    speakers = {c.attribution.speaker for c in p.claims if c.attribution is not None}
    assert speakers == {name}


def test_a_surname_matches_statements_as_a_whole_word(checker: Checker) -> None:
    # 'La' (a cut-off name) must not match the 'la' inside 'Vladimir'
    p = checker.parser.parse("Bill La said in June 2024 that Russia made 2 million shells.", ON)
    claim = next(c for c in p.claims if isinstance(c, AttributionClaim))
    assert str(checker.evaluator.evaluate(claim).label) == "not_checkable"


def test_used_to_is_habit_not_consumption(parser: Parser) -> None:
    c = next(c for c in parser.parse("Russia used to outproduce NATO in shells.", ON).claims
             if isinstance(c, Comparison))
    assert c.measure is not Measure.CONSUMPTION


@pytest.mark.parametrize("word", ["a myth", "a lie", "rubbish", "a fairy tale",
                                  "scaremongering"])
def test_dismissals_are_opinions(parser: Parser, word: str) -> None:
    p = parser.parse(f"He said the talk of a Russian attack on NATO is {word}.", ON)
    assert p.not_checkable is not None and str(p.not_checkable.reason) == "opinion"


@pytest.mark.parametrize("base", ["compared with", "compared to"])
def test_the_base_year_of_a_change_is_not_its_year(parser: Parser, base: str) -> None:
    p = parser.parse(f"Russia's shell output grew threefold in 2024 {base} 2022.", ON)
    c = next(c for c in p.claims if isinstance(c, Change))
    assert (c.since, c.year) == (2022, 2024)
