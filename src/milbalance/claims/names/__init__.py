"""Word lists for reading names in prose, kept as data beside the code that reads them.

- ``demonyms.csv``: adjectives and nouns for a country's people ("German", "the Chinese");
- ``seats.csv``: capitals and seats of government ("Moscow", "the Pentagon"), which stand for
  their country only where they act as its government;
- ``organisations.csv``: think tanks, outlets, companies and agencies whose names contain a
  country, capital or demonym that must not be read as the country ("the Moscow Times").

Entity ids, names and aliases themselves live in data/ (countries.csv, blocs.csv, …).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@dataclass(frozen=True)
class Seat:
    name: str
    entity: str
    caveat: str = ""


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str


@cache
def demonyms() -> dict[str, tuple[str, ...]]:
    """Entity id → its demonyms as listed (the rules for -a/-ine names are the gazetteer's)."""
    return {r["entity"]: tuple(d.strip() for d in r["demonyms"].split(";") if d.strip())
            for r in _rows("demonyms.csv")}


@cache
def seats() -> tuple[Seat, ...]:
    """Capitals and seats of government, each with the entity it stands for when it acts."""
    return tuple(Seat(r["name"], r["entity"], r.get("caveat", "")) for r in _rows("seats.csv"))


@cache
def organisations() -> tuple[Organisation, ...]:
    """Organisations whose names must not be read as the country they contain."""
    return tuple(Organisation(r["name"], r["kind"]) for r in _rows("organisations.csv"))
