"""How reporting writes numbers: each phrasing → value, unit, currency, item, rate."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from milbalance.claims import Context, Gazetteer, Parser
from milbalance.claims.kinds import Level, Quantity, QuantityUnit
from milbalance.claims.numbers import (
    DURATION,
    MULTIPLIER,
    duration_years,
    find_quantities,
    multiplier_value,
)
from milbalance.claims.when import time_expressions


def _one(text: str, gaz: Gazetteer) -> Quantity:
    found = find_quantities(text, gaz.item_after)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "unit", "currency"), [
    ("Russia allocated 13.5 trillion rubles to defence", 13.5e12, QuantityUnit.MONEY, "RUB"),
    ("that is $151 billion", 151e9, QuantityUnit.MONEY, "USD"),
    ("some 10.775 trillion roubles", 10.775e12, QuantityUnit.MONEY, "RUB"),
    ("spending of RUB13.49 trillion", 13.49e12, QuantityUnit.MONEY, "RUB"),
    ("about 6.3% of GDP", 6.3, QuantityUnit.PERCENT_GDP, ""),
    ("6.3 per cent of gross domestic product", 6.3, QuantityUnit.PERCENT_GDP, ""),
    ("a third of its GDP", 100 / 3, QuantityUnit.PERCENT_GDP, ""),
    ("up 41.9%", 41.9, QuantityUnit.PERCENT, ""),
])
def test_money_and_shares(text: str, value: float, unit: QuantityUnit, currency: str,
                          gazetteer: Gazetteer) -> None:
    q = _one(text, gazetteer)
    assert q.value == pytest.approx(value)
    assert q.unit is unit
    assert q.currency == currency


@pytest.mark.parametrize(("text", "per_year", "item", "per"), [
    ("2 million shells a year", 2e6, "artillery_shells", "year"),
    ("40,000 rounds a month", 480_000, "artillery_shells", "month"),
    ("close to 250,000 artillery munitions monthly", 3e6, "artillery_shells", "month"),
    ("10,000 shells per day", 3_650_000, "artillery_shells", "day"),
    ("two million rounds annually", 2e6, "artillery_shells", "year"),
    ("620 PAC-3 interceptors a year", 620, "interceptors_pac3", "year"),
    ("24,000 155mm shells per month", 288_000, "artillery_shells_155mm", "month"),
])
def test_rates(text: str, per_year: float, item: str, per: str, gazetteer: Gazetteer) -> None:
    q = _one(text, gazetteer)
    assert q.unit is QuantityUnit.RATE
    assert q.value == pytest.approx(per_year)
    assert (q.item, q.per) == (item, per)


@pytest.mark.parametrize(("text", "value", "bound"), [
    ("more than a million artillery shells", 1e6, "at-least"),
    ("fewer than 24,000 shells", 24_000, "at-most"),
    ("3.5 million artillery shells", 3.5e6, ""),
])
def test_counts_and_bounds(text: str, value: float, bound: str, gazetteer: Gazetteer) -> None:
    q = _one(text, gazetteer)
    assert q.unit is QuantityUnit.COUNT
    assert q.value == pytest.approx(value)
    assert q.bound == bound


def test_ranges_take_the_scale_on_both_ends(gazetteer: Gazetteer) -> None:
    q = _one("four to five million artillery rounds a year", gazetteer)
    assert (q.low, q.high) == (4e6, 5e6)


@pytest.mark.parametrize("text", [
    "in 2024 the plant opened", "the 155mm calibre", "on 27 June", "one of the allies",
    "F-16 jets", "32 allies met",
])
def test_not_quantities(text: str, gazetteer: Gazetteer) -> None:
    assert find_quantities(text, gazetteer.item_after) == []


@pytest.mark.parametrize(("text", "factor"), [
    ("four times as much", 4), ("by a factor of 14", 14), ("sixfold", 6), ("doubled", 2),
    ("22 times", 22), ("10-fold", 10),
])
def test_multipliers(text: str, factor: float) -> None:
    m = MULTIPLIER.search(text)
    assert m is not None and multiplier_value(m) == factor


@pytest.mark.parametrize(("text", "years"), [
    ("in three months", 0.25), ("in a full year", 1.0), ("in one year", 1.0),
    ("in 10 days", 10 / 365),
])
def test_durations(text: str, years: float) -> None:
    m = DURATION.search(text)
    assert m is not None and duration_years(m) == pytest.approx(years)


@pytest.mark.parametrize(("written", "precision"), [
    ("13.5", 0.05 / 13.5), ("10", 0.05), ("40,000", 5000 / 40000),
])
def test_precision_reads_the_last_written_digit(written: str, precision: float) -> None:
    q = Quantity(1.0, QuantityUnit.PERCENT, written, 0, len(written))
    assert q.precision == pytest.approx(precision)


# --- spellings, bounds and ranges ------------------------------------------------------

_MONEY_SPELLINGS = [
    ("$151bn", 151e9, "USD"), ("$151 billion", 151e9, "USD"), ("US$151 billion", 151e9, "USD"),
    ("$151b", 151e9, "USD"), ("151 billion dollars", 151e9, "USD"),
    ("RUB 13.5 trillion", 13.5e12, "RUB"), ("RUB13.5tn", 13.5e12, "RUB"),
    ("13.5 trillion rubles", 13.5e12, "RUB"), ("13.5 trillion roubles", 13.5e12, "RUB"),
    ("13.5tn roubles", 13.5e12, "RUB"), ("€2.5 mln", 2.5e6, "EUR"), ("€2.5m", 2.5e6, "EUR"),
]


@given(st.sampled_from(_MONEY_SPELLINGS), st.sampled_from(["", "Russia spent ", "In 2024, "]))
def test_every_spelling_of_a_sum_gives_the_same_value(case: tuple[str, float, str],
                                                      lead: str) -> None:
    written, value, currency = case
    (q,) = find_quantities(lead + written + " on defence", lambda s, p: None)
    assert q.unit is QuantityUnit.MONEY
    assert (q.value, q.currency) == (pytest.approx(value), currency)


@given(st.sampled_from(["%", " per cent", " percent", " pc"]),
       st.integers(1, 400).map(lambda n: f"{n / 10:.1f}"))
def test_per_cent_spellings_are_one(sign: str, figure: str) -> None:
    (q,) = find_quantities(f"Russia spends {figure}{sign} of GDP on defence", lambda s, p: None)
    assert q.unit is QuantityUnit.PERCENT_GDP and q.value == pytest.approx(float(figure))


@pytest.mark.parametrize("calibre", ["155mm", "155-mm", "155 mm"])
def test_calibre_is_no_quantity_however_written(calibre: str, gazetteer: Gazetteer) -> None:
    found = find_quantities(f"24,000 {calibre} shells a month", gazetteer.item_after)
    assert [(q.value, q.per) for q in found] == [(288_000, "month")]


@pytest.mark.parametrize(("lead", "bound", "strict"), [
    ("more than", "at-least", True), ("over", "at-least", True), ("at least", "at-least", False),
    ("no fewer than", "at-least", False), ("up to", "at-most", False),
    ("no more than", "at-most", False), ("fewer than", "at-most", True),
    ("under", "at-most", True),
])
def test_one_sided_figures_are_bounds(lead: str, bound: str, strict: bool,
                                      gazetteer: Gazetteer) -> None:
    q = _one(f"{lead} 3 million artillery shells", gazetteer)
    assert (q.value, q.bound, q.strict) == (3e6, bound, strict)


@pytest.mark.parametrize("lead", ["nearly", "almost"])
def test_nearly_is_approximately_below(lead: str, gazetteer: Gazetteer) -> None:
    q = _one(f"{lead} 2 million artillery shells", gazetteer)
    assert q.approximate and (q.low, q.high) == (pytest.approx(1.8e6), 2e6)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("between 4 million and 5 million artillery shells", 4e6, 5e6),
    ("4-5 million artillery shells", 4e6, 5e6), ("four to five million shells", 4e6, 5e6),
    ("2-3.5 million artillery shells", 2e6, 3.5e6), ("2 to 3.5 million shells", 2e6, 3.5e6),
])
def test_ranges(text: str, low: float, high: float, gazetteer: Gazetteer) -> None:
    q = _one(text, gazetteer)
    assert (q.low, q.high) == (low, high)


@given(st.integers(1, 999).map(lambda n: n * 1000), st.sampled_from(["a month", "per month",
                                                                     "monthly", "each month"]))
def test_a_monthly_rate_is_twelve_times_a_yearly_one(n: int, per: str) -> None:
    from milbalance.claims.numbers import ItemMatch, rate_note

    def shells(s: str, p: int) -> ItemMatch | None:
        return ItemMatch("artillery_shells", p + 7) if s[p:p + 7] == " shells" else None
    (month,) = find_quantities(f"Russia makes {n:,} shells {per}", shells)
    (year,) = find_quantities(f"Russia makes {12 * n:,} shells a year", shells)
    assert month.value == year.value and (month.per, year.per) == ("month", "year")
    assert "×12" in rate_note(month) and rate_note(year) == ""


def test_a_year_opens_no_range(gazetteer: Gazetteer) -> None:
    found = find_quantities("12.8 trillion rubles in 2026 and 13.1 trillion rubles in 2027",
                            gazetteer.item_after)
    assert [q.value for q in found] == [12.8e12, 13.1e12]


_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@given(st.integers(1, 99), st.sampled_from(["-", " "]))
def test_spelled_out_numbers(n: int, sep: str) -> None:
    words = _ONES[n] if n < 20 else sep.join(filter(None, [_TENS[n // 10], _ONES[n % 10]]))
    (q,) = find_quantities(f"Russia spent {words} million rubles", lambda s, p: None)
    assert q.value == n * 1e6


# --- linear cost -----------------------------------------------------------------------

def test_no_pattern_repeats_an_unbounded_digit_word_or_any_run() -> None:
    """Structural: every repeat of \\d, \\w, \\S, '.' or a class is bounded ({1,30}), so no
    pattern can try a long digit run from each of its characters."""
    from milbalance.claims import numbers, when
    for module in (numbers, when):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                unbounded = re.findall(r"(?:\\[dSwW]|(?<!\\)\.|\])[+*]", value.pattern)
                assert not unbounded, (module.__name__, name, unbounded)


_RUNS = {"digits": "7", "spaced": "7 ", "commas": "7,", "dotted": "7.", "mixed": "12, 3 4,5 "}


def _best(f: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t0)
    return best


def _text(run: str, n: int) -> str:
    return "Russia made " + (_RUNS[run] * n)[:n] + " shells in 2024."


@pytest.mark.parametrize("run", sorted(_RUNS))
def test_numbers_and_times_cost_grows_linearly(run: str, gazetteer: Gazetteer) -> None:
    """64k characters cost < 20x what 8k cost (linear: 8x, quadratic: 64x), best of two.
    (Below ~6k characters the regex engine runs several times faster per character, a
    constant step that would read as growth between 1k and 8k.)"""
    def cost(n: int) -> float:
        text = _text(run, n)
        return _best(lambda: (find_quantities(text, gazetteer.item_after),
                              time_expressions(text, date(2025, 11, 14))))

    small, large = cost(8000), cost(64000)
    assert large < 20 * max(small, 1e-3), (small, large)


@pytest.mark.parametrize("run", ["digits", "commas", "mixed"])
def test_parse_cost_grows_linearly(run: str, parser: Parser) -> None:
    """The whole sentence parse, every kind's reader included: 8k characters < 20x 1k."""
    small, large = (_best(lambda n=n: parser.parse(_text(run, n))) for n in (1000, 8000))
    assert large < 20 * max(small, 1e-3), (small, large)


@pytest.mark.parametrize("written", ["500 000", "500\u00a0000", "500\u202f000", "500,000"])
def test_thousands_grouped_by_spaces_read_as_one_number(written: str, parser: Parser) -> None:
    from milbalance.claims.numbers import number_value

    assert number_value(written) == 500_000
    parse = parser.parse(f"Russia fired {written} shells in 2023.", Context(on=date(2025, 1, 1)))
    assert [c.quantity.value for c in parse.claims if isinstance(c, Level)] == [500_000]


def test_a_year_before_a_figure_is_not_its_thousands(parser: Parser) -> None:
    parse = parser.parse("In 2023 500 shells were made in Estonia.", Context(on=date(2025, 1, 1)))
    assert [c.quantity.value for c in parse.claims if isinstance(c, Level)] in ([500], [])


def test_gdp_written_with_dots_or_projected() -> None:
    from milbalance.claims.kinds import QuantityUnit
    from milbalance.claims.numbers import find_quantities

    for text in ("Spain spends about 1.28 percent of G.D.P. on defense.",
                 "That is 3.2 percent of projected GDP."):
        units = [q.unit for q in find_quantities(text, lambda s, p: None)]
        assert QuantityUnit.PERCENT_GDP in units, text
