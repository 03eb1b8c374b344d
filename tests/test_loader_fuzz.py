"""Fuzzing the loader: whatever bytes a data file holds, ``check`` answers with issues (each
one line with file, line and field), never with another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.errors import Issue
from milbalance.loader import check
from tests.conftest import REPO_DATA

REFERENCE = ("sources.csv", "units.csv", "metrics.csv", "countries.csv", "blocs.csv",
             "memberships.csv", "companies.csv", "facilities.csv")
HEADER = (REPO_DATA / "observations" / "munitions.csv").read_text(encoding="utf-8"
                                                                   ).splitlines()[0]
REAL_ROWS = (REPO_DATA / "observations" / "munitions.csv").read_text(encoding="utf-8"
                                                                      ).splitlines()[1:40]

# pieces that stress the parser: periods, numbers, quotes, encodings, separators
PIECES = st.sampled_from(["0000", "FY0000", "2024-Q5", "2024-13", "1e308", "-1", "nan", "inf",
                          '"', '""', ",", "\n", "\r\n", "\ufeff", "\x00", "RUS", "NATO",
                          "rounds_per_month", "artillery_shells.output", "2024",
                          "2023-01-01/2022-01-01", "1,234", "١٢٣", "²"])
CELL = st.one_of(st.text(max_size=12), PIECES)
ROW = st.one_of(st.lists(CELL, min_size=1, max_size=16).map(",".join),
                st.sampled_from(REAL_ROWS),
                st.tuples(st.sampled_from(REAL_ROWS), st.integers(0, 200), PIECES).map(
                    lambda t: t[0][:t[1]] + t[2] + t[0][t[1]:]))


def small_data(root: Path) -> Path:
    for name in REFERENCE:
        if (REPO_DATA / name).exists():
            shutil.copy(REPO_DATA / name, root / name)
    (root / "observations").mkdir()
    return root


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(ROW, max_size=6), tail=st.binary(max_size=8), bom=st.booleans())
def test_any_observations_file_gives_issues_not_exceptions(rows: list[str], tail: bytes,
                                                           bom: bool) -> None:
    root = small_data(Path(tempfile.mkdtemp()))
    try:
        body = ("\ufeff" if bom else "") + "\n".join([HEADER, *rows]) + "\n"
        (root / "observations" / "fuzz.csv").write_bytes(body.encode("utf-8", "replace") + tail)
        issues = check(root)
        assert all(isinstance(i, Issue) for i in issues)
        assert all("\n" not in i.problem + i.fix and i.line >= 0 for i in issues)
    finally:
        shutil.rmtree(root)
