"""One exception hierarchy for milbalance.

    MilbalanceError                 root: anything milbalance raises on purpose
    ├── UserError                   the user's mistake; the CLI prints one line and exits 2
    │   ├── UnknownNameError        an entity, metric, source or bloc id that does not exist
    │   └── DataError               data files that do not validate (carries every issue)
    └── StoreError                  the embedded store could not be built or opened

Lower-level errors (OSError, duckdb.Error) are converted with ``raise ... from exc`` so the
cause is kept.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class MilbalanceError(Exception):
    """Root of every error milbalance raises on purpose."""


class UserError(MilbalanceError):
    """A mistake in what the user typed or wrote; shown without a traceback."""


class StoreError(MilbalanceError):
    """The store could not be built, swapped in or opened."""


@dataclass(frozen=True)
class Issue:
    """One problem in a data file, located to the line and field."""

    path: str
    line: int
    field: str
    value: str
    problem: str
    fix: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: field {self.field!r} = {self.value!r}: "
            f"{self.problem} — {self.fix}"
        )


class DataError(UserError):
    """The data files have problems; ``issues`` lists all of them, in file order."""

    def __init__(self, issues: Sequence[Issue]):
        self.issues = list(issues)
        count = len(self.issues)
        head = str(self.issues[0]) if self.issues else "no issues"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{head}{more}")


def closest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The closest valid names to ``name``, case-insensitively, best first."""
    pool = {c.lower(): c for c in candidates}
    return [pool[m] for m in difflib.get_close_matches(name.lower(), list(pool), n=n, cutoff=0.5)]


class UnknownNameError(UserError):
    """A name that resolves to nothing; the message offers the closest valid names."""

    def __init__(self, what: str, name: str, candidates: Iterable[str], hint: str = "",
                 suggestions: list[str] | None = None):
        self.what = what
        self.name = name
        self.suggestions = closest(name, candidates) if suggestions is None else suggestions
        tip = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        more = f" {hint}" if hint else ""
        super().__init__(f"unknown {what} {name!r}{tip}{more}")
