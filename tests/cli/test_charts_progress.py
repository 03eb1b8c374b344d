"""--chart writes a valid PNG or SVG; progress bars go to stderr only, never into --json."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from milbalance.cli import output
from tests.cli.conftest import Cli

PNG = b"\x89PNG\r\n\x1a\n"
FAST = ("--samples", "2000")


def is_svg(path: Path) -> bool:
    return ET.parse(path).getroot().tag.endswith("svg")


@pytest.mark.parametrize(("args", "suffix"), [
    (("series", "RUS", "artillery_shells.output"), ".png"),
    (("compare", "NATO", "RUS", "--metric", "artillery_shells.output", "--year", "2024",
      *FAST), ".svg"),
    (("capacity", "NATO", "--years", "2024-2026", *FAST), ".png"),
    (("crossover", "NATO", "RUS", "--years", "2024-2026", *FAST), ".svg"),
])
def test_chart_is_a_valid_image(cli: Cli, tmp_path: Path, args: tuple[str, ...],
                                suffix: str) -> None:
    path = tmp_path / f"chart{suffix}"
    code, out, err = cli(*args, "--chart", str(path), "--json")
    assert code == 0, err
    json.loads(out)  # the chart leaves --json output alone
    assert f"chart written to {path}" in err
    if suffix == ".png":
        assert path.read_bytes().startswith(PNG)
    else:
        assert is_svg(path)
        assert "Sources:" in path.read_text(encoding="utf-8")  # caption kept as text


def test_a_chart_needs_png_or_svg(cli: Cli) -> None:
    code, _, err = cli("series", "RUS", "artillery_shells.output", "--chart", "c.jpg")
    assert code == 2
    assert "must end in .png or .svg" in err


def test_progress_goes_to_stderr_never_into_json(cli: Cli, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MILBALANCE_STORE", str(tmp_path / "fresh.duckdb"))  # a build to show
    monkeypatch.setattr(output.errors, "_force_terminal", True)  # as if at a terminal
    monkeypatch.setattr(output.errors, "is_interactive", True)
    code, out, err = cli("compare", "NATO", "RUS", "--metric", "artillery_shells.output",
                         "--year", "2024", *FAST, "--json")
    assert code == 0
    assert json.loads(out)["p_a_gt_b"] is not None  # stdout is JSON and nothing else
    assert "building the store" in err and "comparing NATO and RUS" in err
    assert "building" not in out and "comparing" not in out


def test_no_progress_text_when_stderr_is_not_a_terminal(cli: Cli) -> None:
    code, _, err = cli("compare", "NATO", "RUS", "--metric", "artillery_shells.output",
                       "--year", "2024", *FAST)
    assert code == 0
    assert "comparing" not in err  # pipes and logs get no progress bars
