"""Shared fixtures: a private copy of the real data/ folder and a store built from it."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from milbalance.cli import main
from milbalance.store import Store

REPO_DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the repository's data/ that a test may break without harm."""
    target = tmp_path / "data"
    shutil.copytree(REPO_DATA, target)
    return target


@pytest.fixture
def store(data_copy: Path, tmp_path: Path) -> Iterator[Store]:
    """A store built from the copy of data/, in the test's own folder."""
    with Store.open(data_copy, tmp_path / "store.duckdb") as opened:
        yield opened


def append_row(path: Path, row: str) -> int:
    """Append one CSV row to a data file and return the line number it landed on."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + row + "\n", encoding="utf-8")
    return text.count("\n") + 1


def first_row(path: Path, **match: str) -> dict[str, str]:
    """The first row of a CSV data file whose fields equal ``match``."""
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if all(row.get(k) == v for k, v in match.items()):
                return row
    raise LookupError(f"no row {match} in {path}")


def as_csv(row: dict[str, str]) -> str:
    """One CSV line from a dict, in the dict's order, quoting as csv does."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row.values())
    return out.getvalue()


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``milbalance ARGV`` in-process; return the exit code, stdout and stderr."""
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
