from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from milbalance.claims import split_sentences


def test_spans_point_into_the_text() -> None:
    text = ("# Title\n\nThe U.S. makes 40,000 rounds a month. Growth was 6.3% in 2024. "
            "Mr. Rutte said so.\n- a bullet\n")
    found = split_sentences(text)
    assert [s.text for s in found] == ["Title", "The U.S. makes 40,000 rounds a month.",
                                       "Growth was 6.3% in 2024.", "Mr. Rutte said so.",
                                       "a bullet"]
    for s in found:
        assert text[s.start:s.end] == s.text


@given(st.text(max_size=300))
def test_never_crashes_and_spans_are_exact(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
