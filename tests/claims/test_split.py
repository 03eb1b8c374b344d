"""Segmentation: spans exact, structure respected (headings, items, rows, datelines)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.claims import split_sentences


def _texts(text: str) -> list[str]:
    found = split_sentences(text)
    for s in found:
        assert text[s.start:s.end] == s.text
    return [s.text for s in found]


def test_spans_point_into_the_text() -> None:
    text = ("# Title\n\nThe U.S. makes 40,000 rounds a month. Growth was 6.3% in 2024. "
            "Mr. Rutte said so.\n- a bullet\n")
    assert _texts(text) == ["Title", "The U.S. makes 40,000 rounds a month.",
                            "Growth was 6.3% in 2024.", "Mr. Rutte said so.", "a bullet"]


def test_abbreviations_decimals_and_unit_abbreviations() -> None:
    text = ("Gen. Valery Gerasimov met Mr. Shoigu on Jan. 5 in St. Petersburg. Russia will "
            "spend 13.5 trn. rubles in 2025, per No. 10 sources. NATO spent $1.5 trn. in "
            "2024, i.e. more than ever. The deal is worth $2.5bn. Rheinmetall will build it. "
            "Russia spent 7.1% of GDP.[3] That was a record.")
    assert _texts(text) == [
        "Gen. Valery Gerasimov met Mr. Shoigu on Jan. 5 in St. Petersburg.",
        "Russia will spend 13.5 trn. rubles in 2025, per No. 10 sources.",
        "NATO spent $1.5 trn. in 2024, i.e. more than ever.",
        "The deal is worth $2.5bn.", "Rheinmetall will build it.",
        "Russia spent 7.1% of GDP.[3]", "That was a record."]


def test_headings_items_rows_and_lead_ins_are_units() -> None:
    text = ("Russia's war budget\nThe budget grew in 2024. It was a record.\n\n"
            "The biggest spenders in 2024 were:\n* Germany: 2.1% of GDP\n1. Poland spends "
            "4.1% of GDP. It tops NATO.\n\nShares of GDP:\n\n| Country | Share |\n|---|---|\n"
            "| Poland | 4.1% |\n\nSetext title\n============\nBody text.\n")
    found = split_sentences(text)
    got = [(s.kind, s.text) for s in found]
    assert got == [
        ("sentence", "Russia's war budget"), ("sentence", "The budget grew in 2024."),
        ("sentence", "It was a record."),
        ("sentence", "The biggest spenders in 2024 were:"), ("item", "Germany: 2.1% of GDP"),
        ("item", "Poland spends 4.1% of GDP."), ("item", "It tops NATO."),
        ("sentence", "Shares of GDP:"), ("row", "Country | Share"), ("row", "Poland | 4.1%"),
        ("heading", "Setext title"), ("sentence", "Body text.")]
    para = {s.text: s.paragraph for s in found}
    assert para["Germany: 2.1% of GDP"] == para["The biggest spenders in 2024 were:"]
    assert para["Poland | 4.1%"] == para["Shares of GDP:"]
    assert para["It was a record."] != para["The biggest spenders in 2024 were:"]


def test_wrapped_lines_run_on_and_short_lines_end_a_unit() -> None:
    text = ("NATO Secretary General Mark Rutte said on Thursday that the alliance now makes\n"
            "more ammunition than Russia, and that the gap is closing fast across Europe.\n"
            "Short title line\n"
            "Russia made 4.5 million shells in 2024, by the estimate most often cited here.")
    assert _texts(text) == [
        "NATO Secretary General Mark Rutte said on Thursday that the alliance now makes\n"
        "more ammunition than Russia, and that the gap is closing fast across Europe.",
        "Short title line",
        "Russia made 4.5 million shells in 2024, by the estimate most often cited here."]


def test_dateline_is_its_own_unit() -> None:
    text = "# Budget\n\nMOSCOW, Nov 14 (Reuters) – Russia will spend 13 trillion rubles in 2025."
    found = split_sentences(text)
    assert [(s.kind, s.text) for s in found] == [
        ("heading", "Budget"), ("dateline", "MOSCOW, Nov 14 (Reuters)"),
        ("sentence", "Russia will spend 13 trillion rubles in 2025.")]
    found = split_sentences("LONDON, August 12. /TASS/. The EU will make two million shells.")
    assert [(s.kind, s.text) for s in found] == [
        ("dateline", "LONDON, August 12. /TASS/."),
        ("sentence", "The EU will make two million shells.")]
    assert [s.text for s in split_sentences("NATO – the alliance – spends more. It does.")] \
        == ["NATO – the alliance – spends more.", "It does."]


def test_quotes_are_marked_while_open() -> None:
    text = ('"We make in a year what Russia makes in three months," Rutte said. "That is not '
            'sustainable. We must act." Analysts disagree.')
    found = split_sentences(text)
    assert [s.quoted for s in found] == [True, True, True, False]


# --- generated documents: every line of structure comes back as its own unit -------------

_WORD = st.sampled_from(["Russia", "NATO", "spent", "the", "the U.S. Army", "Mr. Rutte", "made",
                         "1.5", "$1.5 trn. rubles", "No. 10", "shells", "in", "2024", "4.1%",
                         "Gen. Smith", "e.g. shells", "of", "GDP", "output", "rose",
                         "(SIPRI) said", "“quoted”", "Kyiv's", "155 mm", "St. Petersburg"])
_SENTENCE = st.builds(
    lambda first, rest, last, end: " ".join([first, *rest, last]) + end,
    st.sampled_from(["Russia", "NATO", "The alliance", "Output", "Germany", "It"]),
    st.lists(_WORD, max_size=8), st.sampled_from(["today", "shells", "2024", "GDP", "1.5"]),
    st.sampled_from([".", "!", "?"]))
_TITLE = st.builds(lambda w: " ".join(["Defence", *w]), st.lists(_WORD, max_size=5))
_BLOCK = st.one_of(
    st.builds(lambda t: ("heading", f"## {t}", [t]), _TITLE),
    st.builds(lambda s: ("item", f"- {s}", [s]), _SENTENCE),
    st.builds(lambda s: ("item", f"3. {s}", [s]), _SENTENCE),
    st.builds(lambda a, b: ("row", f"| {a} | {b} |", [f"{a} | {b}"]), _TITLE, _TITLE),
    st.builds(lambda ss, sep: ("sentence", sep.join(ss), ss),
              st.lists(_SENTENCE, min_size=1, max_size=4), st.sampled_from([" ", "\n"])),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_BLOCK, min_size=1, max_size=8), st.lists(st.sampled_from(["\n", "\n\n"]),
                                                          min_size=8, max_size=8))
def test_generated_structure_comes_back_unit_by_unit(blocks: list[tuple[str, str, list[str]]],
                                                     seps: list[str]) -> None:
    text, expected = "", []
    for (kind, source, units), sep in zip(blocks, seps, strict=False):
        if kind == "row" and expected and not text.endswith("\n\n"):
            text += "\n"  # a row right after other text: a table needs its own lines
        text += source + sep
        expected += units
    assert _texts(text) == expected


@given(st.text(max_size=300))
def test_never_crashes_and_spans_are_exact(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


@given(st.text(alphabet=st.sampled_from(list("ab .\n#-*|>:\"“”1$")), max_size=200))
def test_markup_soup_spans_are_exact(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.text.strip() == s.text and s.text
