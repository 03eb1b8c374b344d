"""One-sided figures: a low alone is a lower bound, a high alone an upper bound; the notes say
which side; the store keeps it as given and the engine reads it as a bound."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from milbalance.engine.distributions import Z90, from_observation
from milbalance.loader import bound_side, check
from milbalance.model import Shape
from milbalance.production.sampling import figure
from milbalance.store import Store
from tests.conftest import append_row, as_csv, first_row
from tests.test_loader import ISSUE_FORMAT

FILE = "observations/munitions.csv"


def bound_row(data: Path, **changes: str) -> int:
    """Append a one-sided row (RUS artillery output, a year no other row holds)."""
    row = first_row(data / FILE)
    row = {**row, "entity": "RUS", "metric": "artillery_shells.output", "period": "1999",
           "unit": "rounds_per_year", "value": "", "low": "", "high": "", "confidence": "",
           "shape": "", "flags": "", "claimant": "test", **changes}
    return append_row(data / FILE, as_csv(row))


@pytest.mark.parametrize(("notes", "side"), [
    ("'more than 3 million' a year", ("low",)),
    ("Over 3 million, he said", ("low",)),
    ("«plus de 3 millions»", ("low",)),
    ("более 3 млн", ("low",)),
    ("up to 5 million", ("high",)),
    ("lower bound: the report's floor", ("low",)),
    ("upper bound", ("high",)),
    ("overall output; the government said", ()),
    ("Moreover, sources differ", ()),
])
def test_notes_name_the_side_by_whole_words(notes: str, side: tuple[str, ...]) -> None:
    assert bound_side(notes) == side


def test_a_lower_and_an_upper_bound_load_and_are_stored_as_bounds(
        data_copy: Path, tmp_path: Path) -> None:
    bound_row(data_copy, low="3000000", notes="'more than 3 million' (test)")
    bound_row(data_copy, high="5000000", notes="'up to 5 million' (test)", claimant="test2")
    assert check(data_copy) == []
    with Store.open(data_copy, tmp_path / "s.duckdb") as store:
        rows = [r for r in store.observations("RUS", "artillery_shells.output")
                if r.period.label == "1999"]
    by = {r.bound: r for r in rows}
    assert set(by) == {"lower", "upper"}
    low, high = by["lower"], by["upper"]
    assert (low.value, low.low, low.high, low.central) == (None, 3e6, None, 3e6)
    assert (high.value, high.low, high.high, high.central) == (None, None, 5e6, 5e6)
    dist, used = from_observation(low, 0.9)
    assert dist.shape is Shape.LOGNORMAL and [u.key for u in used] == ["one-sided-bound"]
    assert math.exp(dist.a - Z90 * dist.b) == pytest.approx(3e6)  # the bound is the 5th pct
    dist, _ = from_observation(high, 0.9)
    assert math.exp(dist.a + Z90 * dist.b) == pytest.approx(5e6)  # the bound is the 95th


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"low": "3000000", "notes": "annual output"}, "low", "do not say which side"),
    ({"low": "3000000", "notes": "'up to 3 million'"}, "low", "move the figure to high"),
    ({"high": "3000000", "notes": "'at least 3 million'"}, "high", "move the figure to low"),
    ({"high": "3000000", "value": "2000000", "notes": "up to"}, "low", "is empty while"),
    ({"low": "3000000", "notes": "more than", "confidence": "0.9"}, "confidence",
     "lower bound"),
    ({"high": "3000000", "notes": "up to", "shape": "uniform"}, "shape", "upper bound"),
])
def test_a_wrong_bound_is_refused_where_it_is(data_copy: Path, changes: dict[str, str],
                                              field: str, words: str) -> None:
    line = bound_row(data_copy, **changes)
    issues = check(data_copy)
    assert len(issues) == 1, "\n".join(map(str, issues))
    issue = issues[0]
    assert (issue.line, issue.field) == (line, field) and issue.path.endswith(FILE)
    assert words in issue.problem + issue.fix
    assert ISSUE_FORMAT.match(str(issue)), str(issue)


def test_the_repository_bounds_say_their_side(data_copy: Path, tmp_path: Path) -> None:
    with Store.open(data_copy, tmp_path / "s.duckdb") as store:
        bounds = [r for r in store.observations() if r.bound]
    assert bounds, "the data hold one-sided rows (issue 13)"
    for r in bounds:
        assert ("low" if r.bound == "lower" else "high") in bound_side(r.notes), r


def test_production_figure_reads_a_bound_as_the_engine_does() -> None:
    dist, used = figure("toy", None, 100.0, None)
    assert dist is not None and dist.shape is Shape.LOGNORMAL
    assert math.exp(dist.a - Z90 * dist.b) == pytest.approx(100.0)
    assert [u.key for u in used] == ["one-sided-bound"]
    dist, _ = figure("toy", 7.0, 5.0, None)  # a value beside one end stays the value
    assert dist is not None and dist.shape is Shape.POINT and dist.a == 7.0


def test_a_bound_is_shown_as_a_bound() -> None:
    from milbalance.formatting import span

    assert span(None, 1.69e12, None, "UAH") == "≥ 1.69 tn"
    assert span(None, None, 600_000.0, "rounds_per_year").startswith("≤ ")
    assert span(2.0, 1.0, 3.0, "") == "2 (1–3)"  # ranges unchanged
