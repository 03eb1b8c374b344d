"""The README's tour runs: every `$ milbalance …` command in it exits as shown."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import run_cli

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def tour() -> list[tuple[list[str], list[str]]]:
    """(argv, output lines) for each command in the README's console blocks."""
    found = []
    for block in BLOCK.findall(README.read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            words = [w for w in shlex.split(command) if not w.startswith("COLUMNS=")]
            if words[0] == "milbalance":
                found.append((words[1:], output.splitlines()))
    return found


@pytest.mark.parametrize(("argv", "output"), tour(), ids=lambda x: " ".join(x)[:60])
def test_readme_command_runs_as_shown(argv: list[str], output: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(argv, capsys)
    errors = [line for line in output if line.startswith("error:")]
    if errors:
        assert code == 2
        assert err.strip() == errors[0]
    else:
        assert code == 0, err
        assert out.strip()


def test_the_tour_covers_the_main_commands() -> None:
    commands = {argv[0] for argv, _ in tour()}
    assert {"validate", "series", "compare", "spending", "consistency", "check",
            "crossover"} <= commands
