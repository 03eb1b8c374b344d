"""The report's worked example: the bases as table rows and the section's HTML."""

from __future__ import annotations

from milbalance.engine.bases import BasesAnswer, Basis, SideUse
from milbalance.engine.results import Quantiles
from milbalance.web.pages import environment
from milbalance.web.report import bases_rows, bases_summary


def _answer() -> BasesAnswer:
    q = Quantiles(1e6, 2e6, 3e6, 2e6)
    a = SideUse("NATO", "artillery_shells.output", 2025, "measured", "", q)
    b = SideUse("RUS", "artillery_shells.capacity", 2025, "capacity-upper-bound", "", q)
    bases = (Basis("new-output", "", 0.42, "lower", a, b, (), ("gap: ALB",),
                   ("note <b>",)),
             Basis("output-plus-supplies", "", 0.01, "", a, a, (), (), ()),
             Basis("155mm-only", "", None, "", None, None, (), ("no data",), ()))
    return BasesAnswer("NATO", "RUS", "artillery_shells", 2025, bases, "contested",
                       "Contested: it turns on <supplies>.", (), 1, 100)


def test_rows_mark_bounds_name_the_side_and_keep_gaps() -> None:
    rows = bases_rows(_answer())
    assert rows[0].p == "≥ 0.420" and rows[0].reading == "undetermined"
    assert "capacity-upper-bound" in rows[0].how and rows[0].gaps == 1
    assert rows[1].reading == "RUS ahead"
    assert rows[2].p == "–" and rows[2].how == "no data"
    assert bases_summary(_answer()).startswith("bases NATO vs RUS artillery_shells 2025: "
                                               "contested")


def test_section_is_escaped_and_names_the_rule() -> None:
    html = environment().get_template("_bases.html").render(
        bases=_answer(), rows=bases_rows(_answer()), sources=("src-1",))
    assert "Verdict: contested" in html and "docs/methodology.md" in html
    assert "&lt;supplies&gt;" in html and "note &lt;b&gt;" in html
    assert 'href="#src-src-1"' in html
