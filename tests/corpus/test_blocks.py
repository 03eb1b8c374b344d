"""Long texts read in blocks of whole paragraphs (``milbalance.corpus.blocks``) and by
``milbalance read``: the same claims as reading each block alone, spans into the whole text,
cuts only between sentences, a progress bar on a terminal only."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from milbalance.claims import Checker, Reading, split_sentences
from milbalance.claims.report import reading_json
from milbalance.cli import output
from milbalance.cli.corpus_cmd import write_json
from milbalance.corpus import DataRef, blocks
from milbalance.corpus.cache import CachingEvaluator
from milbalance.formatting import to_jsonable
from milbalance.store import Store
from tests.conftest import run_cli

REPO = Path(__file__).resolve().parents[2]
ARTICLES = sorted((REPO / "examples" / "articles").glob("*.md"))


def long_text(size: int) -> str:
    """The example articles repeated to about ``size`` characters, ending with a paragraph."""
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in ARTICLES) + "\n\n"
    text = unit * (size // len(unit) + 1)
    return text[:text.rfind("\n\n", 0, size) + 2]


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checker]:
    with Store.open(REPO / "data", tmp_path_factory.mktemp("blocks") / "store.duckdb") as s:
        yield Checker(s)


def test_cuts_partition_the_text_between_sentences() -> None:
    text = long_text(200_000)
    starts = blocks.cuts(text, 20_000)
    assert starts[0] == 0 and starts == sorted(set(starts)) and 8 <= len(starts) <= 11
    assert "".join(part for _, part in blocks.blocks(text, 20_000)) == text
    for a, b in itertools.pairwise(starts):
        assert 20_000 <= b - a <= 40_000
        assert text[:b].endswith("\n\n")  # on a blank line
    spans = [(s.start, s.end) for s in split_sentences(text)]
    assert not [(s, cut) for s in spans for cut in starts[1:] if s[0] < cut < s[1]]
    crlf = text.replace("\n", "\r\n")  # Windows line ends: the same paragraphs
    assert len(blocks.cuts(crlf, 20_000)) == len(starts)
    assert all(crlf[:cut].endswith("\r\n\r\n") for cut in blocks.cuts(crlf, 20_000)[1:])


def test_a_paragraph_longer_than_two_blocks_is_cut_after_a_sentence() -> None:
    text = " ".join(f"Russia produced {n},000 shells in 2023." for n in range(1, 400))
    starts = blocks.cuts(text, 1_000)
    assert len(starts) > 5
    for cut in starts[1:]:
        assert text[:cut].rstrip().endswith("2023.")
    sentence = "Russia produced " + "7" * 5_000 + " shells in 2023."
    assert blocks.cuts(sentence, 1_000) == [0]  # one sentence is never cut
    with pytest.raises(ValueError):
        blocks.cuts(text, 0)


def test_blocked_reading_equals_each_block_read_alone(checker: Checker) -> None:
    text = long_text(36_000)
    starts = blocks.cuts(text, 9_000)
    assert len(starts) >= 3
    ticks: list[float] = []
    on = date(2025, 11, 14)
    whole = blocks.read_blocks(checker, text, on, 9_000, advance=ticks.append)
    assert len(ticks) == len(starts)
    assert not isinstance(checker.evaluator, CachingEvaluator)  # put back as it was
    expected_claims, expected_skipped = [], []
    for offset, part in blocks.blocks(text, 9_000):
        alone = reading_json(checker.read(part, on), spans=True)
        for item in alone["claims"] + alone["skipped"]:
            item["span"] = [item["span"][0] + offset, item["span"][1] + offset]
        expected_claims += alone["claims"]
        expected_skipped += alone["skipped"]
    got = reading_json(whole, spans=True)
    assert len(got["claims"]) > 100
    assert got["claims"] == expected_claims
    assert got["skipped"] == expected_skipped
    for item in got["claims"] + got["skipped"]:
        start, end = item["span"]
        assert text[start:end] == item["text"]  # spans index the whole text


def test_blocks_read_in_a_pool_come_back_in_order(checker: Checker, ref: DataRef) -> None:
    text = long_text(9_000)
    on = date(2025, 11, 14)
    ticks: list[float] = []
    pooled = blocks.read_blocks_in_pool(ref, 2, text, on, 3_000, advance=ticks.append)
    assert len(ticks) == len(blocks.cuts(text, 3_000)) >= 3
    alone = blocks.read_blocks(checker, text, on, 3_000)
    assert reading_json(pooled, spans=True) == reading_json(alone, spans=True)


def test_long_json_is_written_as_print_json_would(checker: Checker) -> None:
    reading = checker.read(long_text(4_000), date(2025, 11, 14))
    assert reading.claims and reading.skipped
    for r in (reading, Reading((), (), None), Reading(reading.claims, (), reading.on)):
        out = io.StringIO()
        write_json(out, {"file": "a.md"}, r)
        whole = to_jsonable({"file": "a.md", **reading_json(r, spans=True)})
        assert out.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


def _small_long(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, str]:
    """A text of about 14,000 characters, long for a limit lowered to 5,000."""
    monkeypatch.setattr(blocks, "LONG_TEXT", 5_000)
    monkeypatch.setattr(blocks, "BLOCK_CHARS", 3_000)
    text = long_text(14_000)
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_read_of_a_long_text_gives_spans_into_the_file_and_a_bar_on_a_terminal(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, text = _small_long(monkeypatch, tmp_path)
    monkeypatch.setattr(output.errors, "_force_terminal", True)  # as if at a terminal
    monkeypatch.setattr(output.errors, "is_interactive", True)
    code, out, err = run_cli(["read", str(path), "--json", "--date", "2025-11-14"], capsys)
    assert code == 0, err
    assert "reading long.md" in err and "blocks of whole paragraphs" in err
    reading = json.loads(out)  # the bar never reaches stdout
    assert reading["file"] == str(path) and reading["date"] == "2025-11-14"
    assert len(reading["claims"]) > 20
    for item in reading["claims"] + reading["skipped"]:
        start, end = item["span"]
        assert text[start:end] == item["text"]


def test_long_read_groups_claims_in_its_table_and_a_pipe_gets_no_bar(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = _small_long(monkeypatch, tmp_path)
    code, table, err = run_cli(["read", str(path), "--date", "2025-11-14"], capsys)
    assert code == 0, err
    assert "reading long.md" not in err and "blocks of whole paragraphs" in err
    assert "distinct" in table and "times" in table and "skipped" in table
