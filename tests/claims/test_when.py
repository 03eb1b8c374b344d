"""Times in a sentence (claims.when): the date said for 'now', named periods, early/mid/late
YEAR, deadlines ('by 2030'), running totals ('since February 2022'), and which year each
figure takes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milbalance.claims import Context, Parser
from milbalance.claims.kinds import Level, Measure, NotCheckable, ShareOfGdp
from milbalance.claims.when import (
    DEADLINE,
    NOW,
    POINT,
    RANGE,
    SINCE,
    TimeExpr,
    reading,
    time_expressions,
    time_for,
)

ON = date(2025, 11, 14)


def _one(text: str) -> TimeExpr:
    found = time_expressions(text, ON)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("word", ["now", "currently", "this year", "today", "at present"])
def test_now_is_the_date_said_and_the_reading_says_so(word: str) -> None:
    t = _one(f"Russia {word} spends 7% of GDP on defence")
    assert (t.kind, t.year) == (NOW, 2025)
    assert reading(t) == f"2025 ({word}, from the article date 2025-11-14)"


def test_now_needs_a_date() -> None:
    assert time_expressions("Russia now spends 7% of GDP", None) == []


@pytest.mark.parametrize(("text", "years", "peak"), [
    ("at the height of the Second World War", (1939, 1945), 1944),
    ("during World War II", (1939, 1945), 1944),
    ("during the Korean War", (1950, 1953), 1953),
    ("14% of GDP on the war in Korea", (1950, 1953), 1953),
    ("in the Vietnam War", (1965, 1973), 1968),
    ("under Ronald Reagan", (1981, 1989), 1986),
    ("during the Reagan build-up", (1981, 1989), 1986),
])
def test_named_periods(text: str, years: tuple[int, int], peak: int) -> None:
    t = _one(text)
    assert (t.kind, t.years, t.year) == (RANGE, years, peak)
    assert str(peak) in reading(t) and t.note


def test_the_second_world_war_says_where_its_years_come_from() -> None:
    note = _one("the Second World War").note
    assert "conventional" in note and "research notes" in note


@pytest.mark.parametrize(("text", "year"), [
    ("at the end of the Cold War", 1991),
    ("when Russia launched its full-scale invasion", 2022),
    ("at the start of the full-scale invasion", 2022),
])
def test_events(text: str, year: int) -> None:
    t = _one(text)
    assert (t.kind, t.year) == (POINT, year)


@pytest.mark.parametrize(("text", "start"), [
    ("since February 2022", 2022), ("since the full-scale invasion", 2022),
    ("since 2014", 2014), ("since the end of the Cold War", 1991), ("since mid-2023", 2023),
])
def test_since_is_a_running_span_to_the_date_said(text: str, start: int) -> None:
    t = _one(f"Russia has fired 10 million shells {text}")
    assert (t.kind, t.years) == (SINCE, (start, 2025))
    assert reading(t).startswith(f"{start}–2025")


@pytest.mark.parametrize(("text", "year", "part"), [
    ("by mid-2025", 2025, "mid"), ("by the end of 2025", 2025, "end"), ("by 2030", 2030, ""),
    ("by early 2026", 2026, "early"), ("by end-2025", 2025, "end"),
    ("by the end of this year", 2025, "end"), ("by year-end 2026", 2026, "end"),
    ("by the end of next year", 2026, "end"), ("by October 2025", 2025, ""),
])
def test_by_is_a_deadline(text: str, year: int, part: str) -> None:
    t = _one(f"NATO aims to make 2 million shells {text}")
    assert (t.kind, t.year, t.part) == (DEADLINE, year, part)
    assert "deadline" in t.note


@pytest.mark.parametrize(("text", "part"), [
    ("in early 2024", "early"), ("in mid-2024", "mid"), ("in late 2024", "late"),
    ("at the end of 2024", "end"), ("in the first half of 2024", "first half"),
])
def test_parts_of_a_year(text: str, part: str) -> None:
    t = _one(text)
    assert (t.kind, t.year, t.part) == (POINT, 2024, part)


def test_last_and_next_year_from_the_date_said() -> None:
    assert _one("last year").year == 2024
    assert _one("next year").year == 2026


def _figures(text: str, figures: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for f in figures:
        at = text.index(f, at)
        spans.append((at, at + len(f)))
        at += len(f)
    return spans


def test_each_figure_takes_the_year_written_next_to_it() -> None:
    text = "Russia plans to spend 12.8 trillion in 2026 and 13.1 trillion in 2027"
    spans = _figures(text, ["12.8 trillion", "13.1 trillion"])
    exprs = time_expressions(text, ON)
    assert [time_for(text, a, b, exprs, spans).year for a, b in spans] == [2026, 2027]


@given(st.lists(st.integers(1950, 2049), min_size=2, max_size=4, unique=True),
       st.sampled_from(["and", ",", "then", "while"]))
def test_years_written_after_figures_go_to_their_own_figure(years: list[int],
                                                             joiner: str) -> None:
    parts = [f"{i + 1}.5 trillion in {y}" for i, y in enumerate(years)]
    text = "Russia spends " + f" {joiner} ".join(parts)
    spans = _figures(text, [p.split(" in ")[0] for p in parts])
    exprs = time_expressions(text, ON)
    got = [time_for(text, a, b, exprs, spans) for a, b in spans]
    assert [t.year if t else None for t in got] == years


@given(st.integers(1950, 2049))
def test_a_year_before_the_figure_serves_when_none_follows(year: int) -> None:
    text = f"In {year} Russia spent 3.5 trillion"
    (span,) = _figures(text, ["3.5 trillion"])
    t = time_for(text, *span, time_expressions(text, ON), [span])
    assert t is not None and t.year == year


@given(st.sampled_from(["now", "currently", "this year", "today"]),
       st.dates(date(1990, 1, 1), date(2049, 12, 31)))
def test_now_follows_the_date_said(word: str, on: date) -> None:
    (t,) = time_expressions(f"It {word} spends 5% of GDP", on)
    assert t.year == on.year and on.isoformat() in reading(t)


@pytest.mark.parametrize(("text", "year", "written"), [
    ("In mid-2024 Russia made 2 million shells", 2024, True),
    ("Russia made 2 million shells in late-2023", 2023, True),
    ("NATO aims to make 2 million shells by mid-2030", 2025, False),
    ("NATO aims to make 2 million shells by the end of 2030", 2025, False),
    ("NATO aims to make 2 million shells by end-2030", 2025, False),
    ("Stocks stood at 2 million shells at end-2024", 2024, True),
    ("The Army bought 1 million shells in FY2024", 2024, True),
    ("The Army plans to buy 1 million shells by FY2027", 2025, False),
    ("The Army plans to buy 1 million shells by fiscal 2027", 2025, False),
])
def test_the_sentence_year(text: str, year: int, written: bool) -> None:
    from milbalance.claims.when import sentence_year, years_in
    assert sentence_year(text, years_in(text, []), ON) == (year, written)


def test_a_year_after_a_month_range_is_the_sentence_year() -> None:
    from milbalance.claims.when import sentence_year, years_in
    text = "Russia made 2 million shells from January to March 2024"
    assert sentence_year(text, years_in(text, []), ON) == (2024, True)


# --- the readings reach the claims ------------------------------------------------------

CTX = Context(on=ON)


def test_now_reaches_the_claim(parser: Parser) -> None:
    (claim,) = parser.parse("Russia currently spends 7% of its GDP on defence.", CTX).claims
    assert claim.year == 2025
    assert "year read as 2025 (currently, from the article date 2025-11-14)" in claim.caveats


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(2015, 2030), min_size=2, max_size=2, unique=True),
       st.lists(st.integers(10, 99), min_size=2, max_size=2, unique=True))
def test_each_spending_figure_takes_its_own_year(parser: Parser, years: list[int],
                                                 tenths: list[int]) -> None:
    a, b = (t / 10 for t in tenths)
    text = (f"Russia plans to spend {a} trillion rubles on defence in {years[0]} and {b} "
            f"trillion rubles in {years[1]}.")
    levels = [c for c in parser.parse(text, CTX).claims if isinstance(c, Level)]
    assert [(c.quantity.value, c.year) for c in levels] == [(a * 1e12, years[0]),
                                                           (b * 1e12, years[1])]


@pytest.mark.parametrize("since", ["since February 2022", "since the full-scale invasion"])
def test_a_count_since_a_date_is_a_running_total(parser: Parser, since: str) -> None:
    claims = parser.parse(f"Russia has fired 10 million artillery shells {since}.", CTX).claims
    assert not [c for c in claims if isinstance(c, Level)]
    (nc,) = [c for c in claims if isinstance(c, NotCheckable)]
    assert "running total over 2022–2025" in nc.explanation


def test_a_deadline_is_a_target(parser: Parser) -> None:
    claims = parser.parse("The US Army aims to make 100,000 shells a month by mid-2026.",
                          CTX).claims
    (level,) = [c for c in claims if isinstance(c, Level)]
    assert (level.measure, level.year, level.quantity.value) == (Measure.TARGET, 2026, 1.2e6)
    assert any("deadline" in c for c in level.caveats)
    assert any("annualised ×12" in c for c in level.caveats)


@pytest.mark.parametrize(("text", "years", "peak"), [
    ("At the height of the Second World War, the US spent 37% of GDP on defence.",
     (1939, 1945), 1944),
    ("Under Ronald Reagan, the United States spent 6% of GDP on defence.", (1981, 1989), 1986),
])
def test_named_periods_reach_shares(parser: Parser, text: str, years: tuple[int, int],
                                    peak: int) -> None:
    (share,) = [c for c in parser.parse(text, CTX).claims if isinstance(c, ShareOfGdp)]
    assert (share.years, share.year) == (years, peak)


@pytest.mark.parametrize("text", ["Russia has produced 250,000 shells a month since 2023.",
                                  "Russia has spent more than 6% of GDP on defence since 2023."])
def test_a_rate_or_share_since_a_date_is_read_at_the_date_said(parser: Parser,
                                                                text: str) -> None:
    (claim,) = [c for c in parser.parse(text, CTX).claims if isinstance(c, Level | ShareOfGdp)]
    assert claim.year == 2025
    assert any("held from 2023 to 2025" in c for c in claim.caveats)


@pytest.mark.parametrize("since", ["since February 2022", "since the start of the full-scale "
                                   "invasion", "since the start of Russia's special military "
                                   "operation"])
def test_a_level_from_which_something_grew_since_a_date_is_that_dates(parser: Parser,
                                                                       since: str) -> None:
    text = f"Europe's production capacity has grown from 300,000 shells per year {since}."
    (level,) = [c for c in parser.parse(text, CTX).claims if isinstance(c, Level)]
    assert (level.year, level.quantity.value) == (2022, 300_000)


@pytest.mark.parametrize(("text", "base"), [
    ("doubled since 2022", 2022), ("doubled since mid-2023", 2023),
    ("up fivefold since the start of the full-scale invasion", 2022),
    ("the highest since the end of the Cold War", 1991),
    ("higher than at any time since the Reagan build-up", 1981),
    ("doubled compared with 2021", 2021), ("tripled from three years ago", 2022),
])
def test_the_base_year_of_a_change(text: str, base: int) -> None:
    from milbalance.claims.when import since
    assert since(text, ON) == base


@pytest.mark.parametrize("text", [
    "When Russia launched its full-scale invasion, it spent 3.7% of GDP on defence.",
    "Russia spent 3.7% of GDP on defence when it launched its full-scale invasion.",
])
def test_a_figure_dated_by_an_event_takes_its_year(parser: Parser, text: str) -> None:
    ctx = Context(on=ON, last_entity="RUS", last_country="RUS")
    (share,) = [c for c in parser.parse(text, ctx).claims if isinstance(c, ShareOfGdp)]
    assert share.year == 2022 and any("full-scale invasion" in c for c in share.caveats)


def test_an_opening_time_dates_the_main_clause_but_not_past_another_figure() -> None:
    text = "In 2021, Russia spent 3.7% of GDP, and 7.1% in 2024"
    spans = _figures(text, ["3.7%", "7.1%"])
    exprs = time_expressions(text, ON)
    assert [time_for(text, a, b, exprs, spans).year for a, b in spans] == [2021, 2024]


@pytest.mark.parametrize(("text", "base"), [
    ("Output has nearly tripled since Russia invaded Ukraine.", 2022),
    ("Spending has doubled since Russia's full-scale invasion of Ukraine.", 2022),
    ("Sweden has doubled defence spending over the past four years.", 2021),
    ("Spending has risen by half in the last three years.", 2022),
])
def test_the_base_of_a_change_from_events_and_spans(text: str, base: int) -> None:
    from milbalance.claims.when import since as base_of

    assert base_of(text, date(2025, 3, 26)) == base


def test_the_base_nearest_the_change_wins() -> None:
    from milbalance.claims.when import since_near

    text = ("Sweden has doubled defence spending over the past four years after decades of "
            "cuts since the 1991 collapse of the Soviet Union.")
    assert since_near(text, date(2025, 3, 26), text.index("doubled")) == 2021
