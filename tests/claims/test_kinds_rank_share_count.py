"""Ranks, shares of a total, counts of members and bloc totals through the engine: readings,
verdicts against the data, and properties (flipping the bound or the rank flips the answer;
what the data cannot decide is not checkable, naming what is missing)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from milbalance.claims import Checker, Parser
from milbalance.claims.evaluate.count import _holds
from milbalance.claims.evaluate.share_total import score_interval
from milbalance.claims.kinds import MemberCount, Quantity, QuantityUnit
from tests.claims.test_kinds_change import _label

ON = date(2025, 4, 28)


def _one(checker: Checker, text: str, kind: str, on: date = ON) -> tuple[str, str, str]:
    r = checker.read(text, on)
    found = [c.verdict for c in r.claims if str(c.verdict.claim.kind) == kind]
    assert found, (text, [c.verdict.reading for c in r.claims], r.skipped)
    v = found[0]
    return _label(v), v.reading, v.summary


def test_world_ranks(checker: Checker) -> None:
    label, reading, _ = _one(checker, "Germany was the world's fourth-largest military spender "
                             "in 2024.", "rank")
    assert label == "supported" and "4th-largest in WLD" in reading
    assert _one(checker, "Germany was the world's third-largest military spender in 2024.",
                "rank")[0] == "refuted"
    assert _one(checker, "Germany was among the top five military spenders in the world in "
                "2024.", "rank")[0] == "supported"
    assert _one(checker, "Germany was among the top three military spenders in the world in "
                "2024.", "rank")[0] == "refuted"


def test_rank_in_a_region_without_members_is_not_checkable(checker: Checker) -> None:
    label, _, summary = _one(checker, "Germany was the biggest military spender in central and "
                             "western Europe in 2024.", "rank")
    assert label == "not_checkable" and "member list" in summary


def test_rank_without_a_year_reads_the_latest_year_and_says_so(checker: Checker) -> None:
    r = checker.read("Russia is the world's third-largest military spender.", date(2026, 6, 1))
    (v,) = [c.verdict for c in r.claims if str(c.verdict.claim.kind) == "rank"]
    assert str(v.label) == "supported" and any("latest year" in c for c in v.caveats)
    label, _, _ = _one(checker, "Russia was the world's third-largest military spender "
                             "in 2026.", "rank", date(2026, 6, 1))
    assert label == "not_checkable"


def test_shares_of_world_and_nato(checker: Checker) -> None:
    label, reading, summary = _one(checker, "The United States accounted for 37% of global "
                                   "military spending in 2024.", "share_of_total")
    assert label == "supported" and "world spending" in reading and "2,718" in summary
    assert _one(checker, "The United States accounted for less than 30% of global military "
                "spending in 2024.", "share_of_total")[0] == "refuted"
    label, reading, summary = _one(checker, "The United States accounted for two-thirds of "
                                   "NATO's military spending in 2024.", "share_of_total")
    assert "NATO" in reading and label != "refuted" and "engine" in summary


def test_budget_share_needs_its_year_and_no_security(checker: Checker) -> None:
    label, _, summary = _one(checker, "Russia spends 40% of its federal budget on defence.",
                             "share_of_total")
    assert label == "not_checkable" and "budget year" in summary
    label, _, summary = _one(checker, "Defence and law enforcement account for 39% of Russia's "
                             "federal budget in 2024.", "share_of_total")
    assert label == "not_checkable" and "security" in summary


def test_counts_of_members(checker: Checker) -> None:
    label, reading, _ = _one(checker, "The 32-nation military alliance met in The Hague.",
                             "count", date(2025, 8, 28))
    assert label == "supported" and "members: = 32" in reading
    assert _one(checker, "The 30-nation alliance met in The Hague.", "count",
                date(2025, 8, 28))[0] == "refuted"
    label, reading, _ = _one(checker, "All allies met the 2% target in 2020.", "count")
    assert label == "refuted" and "all" in reading


def test_bloc_total_through_the_engine(checker: Checker) -> None:
    label, _, summary = _one(checker, "NATO spent $1.5 trillion on defence in 2024.", "level")
    assert label == "supported" and "engine" in summary
    assert _one(checker, "NATO spent $1 trillion on defence in 2024.", "level")[0] == "refuted"


@given(st.floats(1, 99), st.floats(1, 99))
def test_share_bound_flips(x: float, v: float) -> None:
    if abs(x - v) < 0.25 * max(x, v):
        return
    q = Quantity(x, QuantityUnit.PERCENT, f"{x}%", 0, 1)
    above = score_interval(Quantity(**{**q.__dict__, "bound": "at-least"}), v, v, 0.05)
    below = score_interval(Quantity(**{**q.__dict__, "bound": "at-most"}), v, v, 0.05)
    assert {above, below} == {0.0, 1.0}


@given(st.integers(0, 32), st.integers(0, 32), st.integers(0, 5))
def test_count_bound_flips_without_gaps_and_gaps_can_only_undecide(x: int, n: int,
                                                                   g: int) -> None:
    def claim(bound: str) -> MemberCount:
        q = Quantity(float(x), QuantityUnit.COUNT, str(x), 0, 1, bound=bound)
        return MemberCount(text="", subject="NATO", quantity=q, threshold=2.0)
    at_least, at_most = claim("at-least"), claim("at-most")
    if x == n:
        assert _holds(at_least, n, n, 32) == _holds(at_most, n, n, 32) == 1.0
    else:
        assert {_holds(at_least, n, n, 32), _holds(at_most, n, n, 32)} == {0.0, 1.0}
    # members without a figure widen the range: a decided answer never flips
    for c in (at_least, at_most):
        plain, wide = _holds(c, n, n, 32), _holds(c, n, min(32, n + g), 32)
        assert wide is None or wide == plain


def test_more_than_any_other_is_a_first_rank(checker: Checker) -> None:
    r = checker.read("The United States spends more on its military than any other country.",
                     date(2025, 6, 1))
    kinds = [str(c.verdict.claim.kind) for c in r.claims]
    assert "rank" in kinds and "comparison" not in kinds
    (v,) = [c.verdict for c in r.claims if str(c.verdict.claim.kind) == "rank"]
    assert str(v.label) == "supported" and "largest in WLD" in v.reading
    assert "checked against 2024" in v.reading
    label, reading, _ = _one(checker, "Poland spends more on defence as a share of GDP than "
                             "any other NATO member in 2024.", "rank")
    assert "in NATO" in reading and "share_gdp" in reading
    assert label in ("supported", "not_checkable")  # a member without a figure may decide it


def test_what_is_not_a_rank_share_or_count(parser: Parser) -> None:
    """A budget item, a record, a share of a deficit, a target for all allies and a rank of
    increases are not read as ranks, shares of a total, counts or changes."""
    for text in ("Russia's biggest budget item is defence.",
                 "Russia's largest military budget since the Soviet era was adopted in 2024.",
                 "Russia's defence accounts for 40% of the budget deficit in 2024.",
                 "All allies must spend 2% of GDP on defence.",
                 "Poland had the largest defence budget increase in NATO in 2024."):
        kinds = {str(c.kind) for c in parser.parse(text).claims}
        assert not kinds & {"rank", "share_of_total", "count", "change"}, (text, kinds)


def test_fractions_of_members(checker: Checker) -> None:
    label, reading, _ = _one(checker, "More than half of NATO members met the 2% target in "
                             "2024.", "count")
    assert "> 50% of members" in reading and label == "supported"
    label, reading, _ = _one(checker, "Most allies met the 2% target in 2020.", "count")
    assert label == "refuted"
