"""Read every file under data/, check it, and report all problems in one pass.

Each problem is an :class:`~milbalance.errors.Issue` located to file, line and field, worded
``path:line: field 'x' = 'value': what is wrong — how to fix``. Nothing is loaded unless the
whole dataset is clean: ``load`` raises :class:`~milbalance.errors.DataError` with every issue.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from milbalance import schema
from milbalance.errors import DataError, Issue, closest
from milbalance.model import (
    LOCAL_CURRENCY,
    ClaimantType,
    Entity,
    EntityKind,
    Flag,
    Membership,
    Metric,
    MetricKind,
    Observation,
    Shape,
    Source,
    Statement,
    Unit,
)
from milbalance.periods import FORMS, Period, PeriodError
from milbalance.production.records import (
    BOM_DIMENSION,
    MASS_STAGES,
    STAGE_DIMENSION,
    Basis,
    BomEntry,
    LineStatus,
    ProductionLine,
    Stage,
)

E = TypeVar("E", bound=StrEnum)

REQUIRED_FILES = ("sources.csv", "units.csv", "metrics.csv", "countries.csv", "blocs.csv")
MEMBERSHIP_ROLES = ("member", "supplier")


@dataclass
class Dataset:
    """Everything under data/, checked and cross-referenced."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    lines: list[ProductionLine] = field(default_factory=list)
    bom: list[BomEntry] = field(default_factory=list)

    def canonical_unit(self, metric: Metric, unit: Unit) -> Unit | None:
        """The unit a row in ``unit`` is stored in: the metric's, with LCU read as the
        currency of the row's own unit (so RUB_billion → RUB, RUB_per_USD stays)."""
        unit_id = metric.unit
        if LOCAL_CURRENCY in unit_id:
            unit_id = unit_id.replace(LOCAL_CURRENCY, unit.local_currency or "?")
        return self.units.get(unit_id)


def data_files(root: Path) -> list[Path]:
    """Every file the dataset is read from, in a stable order (also what the store hashes)."""
    found = [root / spec.pattern for spec in schema.FILES if "*" not in spec.pattern]
    found += sorted(root.glob(schema.OBSERVATIONS.pattern))
    return [p for p in found if p.is_file()]


def _display(path: Path) -> str:
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


class _Checker:
    """Collects issues for one file while its rows are parsed."""

    def __init__(self, path: Path, issues: list[Issue], root: Path | None = None):
        self.path = _display(path)
        self.record_path = _record_path(path, root)
        self.issues = issues
        self.line = 0
        self.row: dict[str, str] = {}

    def add(self, name: str, problem: str, fix: str, value: str | None = None) -> None:
        shown = self.row.get(name, "") if value is None else value
        self.issues.append(Issue(self.path, self.line, name, shown, problem, fix))

    def text(self, name: str) -> str:
        return self.row.get(name, "")

    def number(self, name: str) -> float | None:
        raw = self.text(name)
        if not raw:
            return None
        try:
            value = float(raw.replace("_", ""))
        except ValueError:
            fix = "write a plain number such as 1500000 or 1.5e6"
            if "," in raw:
                fix = "drop the thousands separators (write 1500000, not 1,500,000)"
            self.add(name, "is not a number", fix)
            return None
        if not math.isfinite(value):
            self.add(name, "is not a finite number", "write a finite number")
            return None
        return value

    def day(self, name: str) -> date | None:
        raw = self.text(name)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.add(name, "is not a valid date", "write YYYY-MM-DD, e.g. 2024-03-07")
            return None

    def choice(self, name: str, enum: type[E], raw: str | None = None) -> E | None:
        raw = self.text(name) if raw is None else raw
        if not raw:
            return None
        try:
            return enum(raw)
        except ValueError:
            valid = [e.value for e in enum]
            near = closest(raw, valid)
            fix = f"use one of: {', '.join(valid)}"
            if near:
                fix = f"did you mean {near[0]!r}? ({fix})"
            self.add(name, f"is not a known {name.replace('_', ' ')}", fix, raw)
            return None

    def ref(self, name: str, known: Collection[str], what: str, where: str) -> bool:
        """Check that a reference resolves; offer the nearest ids when it does not."""
        raw = self.text(name)
        return self.ref_value(name, raw, known, what, where)

    def ref_value(
        self, name: str, raw: str, known: Collection[str], what: str, where: str
    ) -> bool:
        if raw in known:
            return True
        near = closest(raw, list(known))
        fix = f"use an id from {where}" + (f" (closest: {', '.join(near)})" if near else "")
        fix += f" or add {raw!r} there first"
        self.add(name, f"unknown {what}", fix, raw)
        return False


def _decoded_lines(raw: bytes, check: _Checker) -> str:
    """The file as text with a leading BOM dropped (spreadsheet programs write one); a line
    that is not UTF-8 is reported at its own line and blanked, so the rest is still read."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            check.line = number
            check.row = {}
            check.add("(file)", f"is not UTF-8 text (byte 0x{line[exc.start]:02x} at column "
                      f"{exc.start + 1})", "save the file as UTF-8; this line was not read", "")
            out.append("")
    return "\n".join(out)


def _record_path(path: Path, root: Path | None) -> str:
    """Where a row lives, as recorded with it: 'data/' and its path inside the data folder,
    whatever the current folder. The engine keys its random streams by file and line, so the
    same data give the same numbers wherever they are read from."""
    if root is not None:
        try:
            return "data/" + path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return _display(path)


def _rows(path: Path, spec: schema.FileSpec, issues: list[Issue],
          root: Path | None = None) -> Iterator[_Checker]:
    """Yield a checker positioned on each data row; header problems become issues."""
    check = _Checker(path, issues, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        check.add("(file)", f"cannot be read ({exc.strerror})", "check the path and permissions")
        return
    reader = csv.reader(io.StringIO(_decoded_lines(raw, check), newline=""), strict=True)
    header: list[str] | None = None
    previous_end = 0
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in record) or record[0].lstrip().startswith("#"):
                continue
            check.line = start
            if header is None:
                header = [h.strip() for h in record]
                if not _check_header(check, header, spec):
                    return
                continue
            if len(record) > len(header):
                check.row = {}
                check.add(
                    "(row)",
                    f"has {len(record)} fields but the header has {len(header)}",
                    "quote values that contain commas, or remove the extra fields",
                    ",".join(record[len(header) :]),
                )
                continue
            check.row = {h: (record[i].strip() if i < len(record) else "") for i, h in
                         enumerate(header)}
            missing = [n for n in spec.required if not check.row.get(n)]
            for name in missing:
                check.add(name, "is required", f"fill in {name} ({_describe(spec, name)})")
            yield check
    except csv.Error as exc:
        check.line = previous_end + 1
        check.row = {}
        check.add("(file)", f"is not valid CSV from this line on ({exc}); the rest of the file "
                  "was not read", "close the quote opened on this line (a value with a comma "
                  "or a line break is written \"like, this\")", "")
        return
    if header is None:
        check.line = 0
        check.row = {}
        check.add("(file)", "is empty", f"write the header line {','.join(spec.names)} "
                  "and then the rows", "")


def _describe(spec: schema.FileSpec, name: str) -> str:
    return next(c.description for c in spec.columns if c.name == name)


def _check_header(check: _Checker, header: list[str], spec: schema.FileSpec) -> bool:
    check.row = {}
    ok = True
    for name in header:
        if name not in spec.names:
            near = closest(name, spec.names)
            hint = f"did you mean {near[0]!r}? " if near else ""
            columns = ", ".join(spec.names)
            check.add(name, "is not a column of this file", f"{hint}columns: {columns}", name)
    for name in spec.required:
        if name not in header:
            check.add(name, "column is missing from the header", f"add a {name!r} column", "")
            ok = False
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        check.add(dup[0], "column appears twice", "keep one column of each name", dup[0])
        ok = False
    return ok


def _split(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(";") if part.strip())


def _published(check: _Checker) -> None:
    raw = check.text("published")
    for form in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            datetime.strptime(raw, form)
            return
        except ValueError:
            continue
    check.add("published", "is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD")


def _unique(check: _Checker, seen: dict[str, str], key: str, name: str = "id") -> bool:
    if key in seen:
        check.add(name, f"duplicate id (first defined at {seen[key]})", "give each row its own id")
        return False
    seen[key] = f"{check.path}:{check.line}"
    return True


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.issues: list[Issue] = []
        self.data = Dataset(root)
        self.entity_lines: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self.seen: dict[str, dict[str, str]] = defaultdict(dict)
        self.membership_lines: dict[int, tuple[str, int]] = {}
        self.obs_keys: dict[tuple[str, ...], str] = {}

    def file(self, spec: schema.FileSpec, parse: Callable[[_Checker], None]) -> None:
        path = self.root / spec.pattern
        if not path.is_file():
            if spec.pattern in REQUIRED_FILES:
                self.issues.append(
                    Issue(_display(path), 0, "(file)", "", "is missing",
                          f"create it with the header {','.join(spec.names)}")
                )
            return
        for check in _rows(path, spec, self.issues, self.root):
            if all(check.row.get(n) for n in spec.required):
                parse(check)

    def run(self) -> Dataset:
        if not self.root.is_dir():
            raise DataError([Issue(_display(self.root), 0, "(dir)", "", "is not a directory",
                                   "point --data (or MILBALANCE_DATA) at the data/ folder")])
        references = ((schema.SOURCES, self.source), (schema.UNITS, self.unit),
                      (schema.METRICS, self.metric), (schema.COUNTRIES, self.country),
                      (schema.COMPANIES, self.company), (schema.FACILITIES, self.facility),
                      (schema.BLOCS, self.bloc), (schema.MEMBERSHIPS, self.membership))
        for spec, parse in references:
            self.file(spec, parse)
            if any(i.field == "(file)" for i in self.issues):
                # every later row that names this file's ids would be an issue too:
                # report the unreadable file alone, to be fixed first
                raise DataError(self.issues)
        self.check_overlaps()
        for path in sorted(self.root.glob(schema.OBSERVATIONS.pattern)):
            for check in _rows(path, schema.OBSERVATIONS, self.issues, self.root):
                if all(check.row.get(n) for n in schema.OBSERVATIONS.required):
                    self.observation(check)
        self.file(schema.STATEMENTS, self.statement)
        self.file(schema.LINES, self.production_line)
        self.file(schema.BOM, self.bom_entry)
        if self.issues:
            raise DataError(self.issues)
        return self.data

    # --- reference files -------------------------------------------------------------

    def source(self, c: _Checker) -> None:
        if not _unique(c, self.seen["source"], c.text("id")):
            return
        url = c.text("url")
        if not url.startswith(("https://", "http://", "github:")):
            c.add("url", "is not an address",
                  "write an https:// URL or github:owner/repo@commit:path")
        _published(c)
        claimant = c.choice("claimant_type", ClaimantType)
        if claimant is None:
            return
        self.data.sources[c.text("id")] = Source(
            c.text("id"), c.text("title"), c.text("publisher"), url, c.text("published"),
            claimant, c.text("edition"), c.text("licence"), c.text("notes"),
        )

    def unit(self, c: _Checker) -> None:
        if not _unique(c, self.seen["unit"], c.text("id")):
            return
        factor = c.number("factor")
        if factor is not None and factor <= 0:
            c.add("factor", "must be positive", "give the unit's size in its dimension's base unit")
            return
        if factor is not None:
            self.data.units[c.text("id")] = Unit(
                c.text("id"), c.text("dimension"), factor, c.text("description")
            )

    def metric(self, c: _Checker) -> None:
        if not _unique(c, self.seen["metric"], c.text("id")):
            return
        kind = c.choice("kind", MetricKind)
        unit = c.text("unit")
        if LOCAL_CURRENCY not in unit:
            c.ref("unit", self.data.units, "unit", "units.csv")
        low, high = c.number("min"), c.number("max")
        if low is not None and high is not None and low > high:
            c.add("min", f"is above max ({high:g})", "swap min and max")
            return
        if kind is not None:
            self.data.metrics[c.text("id")] = Metric(
                c.text("id"), unit, kind, c.text("description"), low, high, c.text("item")
            )

    def _entity(self, c: _Checker, entity: Entity) -> None:
        if entity.id in self.entity_lines:
            c.add("id", f"duplicate entity id (first defined at {self.entity_lines[entity.id]})",
                  "give each entity its own id")
            return
        self.entity_lines[entity.id] = f"{c.path}:{c.line}"
        for alias in (entity.id, entity.name, *entity.aliases):
            owner = self.aliases.get(alias.lower())
            if owner is not None and owner != entity.id:
                c.add("aliases", f"name {alias!r} already belongs to {owner}",
                      "remove the alias from one of the two entities", alias)
            self.aliases[alias.lower()] = entity.id
        self.data.entities[entity.id] = entity

    def country(self, c: _Checker) -> None:
        code = c.text("id")
        if len(code) != 3 or not code.isalpha() or not code.isupper():
            c.add("id", "is not an ISO 3166 alpha-3 code",
                  "write three upper-case letters, e.g. RUS")
            return
        # a bad fiscal-year cell is reported, and the country still loads (with January
        # starts), so that the rows referring to it do not turn into a cascade of errors
        start = 1
        if c.text("fiscal_year_start"):
            month = c.number("fiscal_year_start")
            if month is not None and month == int(month) and 1 <= month <= 12:
                start = int(month)
            elif month is not None:
                c.add("fiscal_year_start", "is not a month", "write a month number from 1 to 12")
        changes = []
        for part in _split(c.text("fiscal_year_changes")):
            year, _, month_text = part.upper().removeprefix("FY").partition(":")
            if (year.isdecimal() and len(year) == 4 and month_text.isdecimal()
                    and 1 <= int(month_text) <= 12):
                changes.append((int(year), int(month_text)))
            else:
                c.add("fiscal_year_changes", "is not FY<year>:<month>",
                      "write e.g. FY1976:7 (fiscal years up to FY1976 began in July)", part)
        self._entity(c, Entity(code, EntityKind.COUNTRY, c.text("name"), _split(c.text("aliases")),
                               currencies=_split(c.text("currency")), fiscal_year_start=start,
                               earlier_fiscal_starts=tuple(changes),
                               notes=c.text("notes")))

    def company(self, c: _Checker) -> None:
        ok = self._country_ref(c)
        if c.text("source"):
            ok = c.ref("source", self.data.sources, "source", "sources.csv") and ok
        if ok:
            self._entity(c, Entity(c.text("id"), EntityKind.COMPANY, c.text("name"),
                                   _split(c.text("aliases")), country=c.text("country"),
                                   notes=c.text("notes")))

    def facility(self, c: _Checker) -> None:
        ok = self._country_ref(c)
        company = self.data.entities.get(c.text("company"))
        if company is None or company.kind is not EntityKind.COMPANY:
            companies = {k for k, e in self.data.entities.items() if e.kind is EntityKind.COMPANY}
            c.ref("company", companies, "company", "companies.csv")
            ok = False
        ok = c.ref("source", self.data.sources, "source", "sources.csv") and ok
        if ok:
            self._entity(c, Entity(c.text("id"), EntityKind.FACILITY, c.text("name"),
                                   _split(c.text("aliases")), country=c.text("country"),
                                   company=c.text("company"), notes=c.text("notes")))

    def bloc(self, c: _Checker) -> None:
        self._entity(c, Entity(c.text("id"), EntityKind.BLOC, c.text("name"),
                               _split(c.text("aliases")), notes=c.text("description")))

    def _country_ref(self, c: _Checker) -> bool:
        return c.ref("country", self._ids(EntityKind.COUNTRY), "country", "countries.csv")

    def _ids(self, kind: EntityKind) -> set[str]:
        return {k for k, e in self.data.entities.items() if e.kind is kind}

    # --- memberships -----------------------------------------------------------------

    def membership(self, c: _Checker) -> None:
        ok = c.ref("bloc", self._ids(EntityKind.BLOC), "bloc", "blocs.csv")
        ok = c.ref("member", self._ids(EntityKind.COUNTRY), "country", "countries.csv") and ok
        ok = c.ref("source", self.data.sources, "source", "sources.csv") and ok
        start, end = c.day("from"), c.day("to")
        role = c.text("role") or "member"
        if role not in MEMBERSHIP_ROLES:
            c.add("role", "is not a membership role", f"use one of: {', '.join(MEMBERSHIP_ROLES)}")
            ok = False
        if start is not None and end is not None and end < start:
            c.add("to", f"is before from ({start})", "check the two dates")
            ok = False
        if ok and start is not None and (end is not None or not c.text("to")):
            self.data.memberships.append(Membership(
                c.text("bloc"), c.text("member"), start, end, role, c.text("source"),
                c.text("notes")))
            self.membership_lines[id(self.data.memberships[-1])] = (c.path, c.line)

    def check_overlaps(self) -> None:
        spans: dict[tuple[str, str], list[Membership]] = defaultdict(list)
        for m in self.data.memberships:
            spans[(m.bloc, m.member)].append(m)
        for (bloc, member), items in spans.items():
            items.sort(key=lambda m: m.start)
            for before, after in itertools.pairwise(items):
                if before.end is None or after.start <= before.end:
                    path, line = self.membership_lines[id(after)]
                    first = self.membership_lines[id(before)]
                    self.issues.append(Issue(
                        path, line, "from", after.start.isoformat(),
                        f"overlaps {member}'s earlier {bloc} membership at {first[0]}:{first[1]}",
                        "end the earlier interval before this one starts, or merge the rows"))

    # --- observations ----------------------------------------------------------------

    def observation(self, c: _Checker) -> None:
        entity = self.data.entities.get(c.text("entity"))
        if entity is None:
            c.ref("entity", self.data.entities, "entity",
                  "countries.csv, companies.csv, facilities.csv or blocs.csv")
        metric = self.data.metrics.get(c.text("metric"))
        if metric is None:
            c.ref("metric", self.data.metrics, "metric", "metrics.csv")
        source_ok = c.ref("source", self.data.sources, "source", "sources.csv")
        unit = self.data.units.get(c.text("unit"))
        if unit is None:
            c.ref("unit", self.data.units, "unit", "units.csv")
        try:
            period = Period.parse(c.text("period"), entity.fiscal_start if entity else 1)
        except PeriodError as exc:
            c.add("period", str(exc), f"write {FORMS}")
            period = None
        value, low, high = c.number("value"), c.number("low"), c.number("high")
        confidence = c.number("confidence")
        shape = c.choice("shape", Shape)
        claimant_type = c.choice("claimant_type", ClaimantType)
        flags = tuple(f for f in (c.choice("flags", Flag, raw) for raw in _split(c.text("flags")))
                      if f is not None)
        values_ok = self._check_values(c, value, low, high, confidence, shape, bounds=True)
        scale = self._check_unit(c, metric, entity, unit)
        if scale is not None and metric is not None and values_ok:
            self._check_range(c, metric, scale, value, low, high)
        if entity is None or metric is None or unit is None or period is None:
            return
        if scale is None or not source_ok or not values_ok:
            return
        key = (c.text("entity"), c.text("metric"), period.label, c.text("source"),
               c.text("claimant"), unit.id)
        if key in self.obs_keys:
            c.add("period", f"repeats the row at {self.obs_keys[key]} (same entity, metric, "
                  "period, source and claimant)", "delete one row, or tell them apart by claimant")
            return
        self.obs_keys[key] = f"{c.path}:{c.line}"
        self.data.observations.append(Observation(
            c.text("entity"), c.text("metric"), period, value, low, high, confidence, shape,
            unit.id, c.text("source"), c.text("claimant"), claimant_type, flags, c.text("notes"),
            c.record_path, c.line))

    @staticmethod
    def _check_values(c: _Checker, value: float | None, low: float | None, high: float | None,
                      confidence: float | None, shape: Shape | None,
                      bounds: bool = False) -> bool:
        """Value and range rules; with ``bounds`` a low or a high alone (no value) is a
        one-sided figure, whose notes must say which side (``bound_side``)."""
        if any(c.text(n) and v is None for n, v in
               (("value", value), ("low", low), ("high", high), ("confidence", confidence))):
            return False
        if value is None and low is None and high is None:
            c.add("value", "is empty and no low–high range is given",
                  "give a value, or both low and high" + (", or low or high alone for a "
                                                          "bound ('at least', 'up to')") * bounds)
            return False
        if (low is None) != (high is None):
            name = "high" if high is None else "low"
            if not bounds or value is not None:
                c.add(name, "is empty while the other end of the range is given",
                      "give both low and high, or neither" + (
                          " (a bound is low or high alone, with no value)" * bounds))
                return False
            return _check_bound(c, "low" if high is None else "high", confidence, shape)
        if low is not None and high is not None:
            if low > high:
                c.add("low", f"is above high ({c.text('high')})", "swap low and high")
                return False
            if value is not None and not low <= value <= high:
                c.add("value", f"lies outside low–high ({c.text('low')}–{c.text('high')})",
                      "correct the value or the range")
                return False
            if shape is Shape.POINT:
                c.add("shape", "is point but a low–high range is given",
                      "choose a range shape (uniform, normal, lognormal, triangular)")
                return False
        if confidence is not None:
            if not 0 < confidence <= 1:
                hint = f" (write {confidence / 100:g} for {confidence:g}%)" * (confidence > 1)
                c.add("confidence", "is not a probability in (0, 1]", f"write e.g. 0.9{hint}")
                return False
            if low is None:
                c.add("confidence", "is given without a low–high range",
                      "add low and high, or clear confidence")
                return False
        return True

    def _check_unit(self, c: _Checker, metric: Metric | None, entity: Entity | None,
                    unit: Unit | None) -> float | None:
        """The factor from the row's unit to the metric's, or None (with an issue) if none."""
        if metric is None or unit is None or entity is None:
            return None
        target = self.data.canonical_unit(metric, unit)
        if LOCAL_CURRENCY in metric.unit:
            currency = target.local_currency if target is not None else None
            if target is None or (entity.currencies and currency not in entity.currencies):
                allowed = ", ".join(entity.currencies) or "any currency"
                example = metric.unit.replace(LOCAL_CURRENCY, (*entity.currencies, "EUR")[0])
                c.add("unit", f"is not in a currency of {entity.id} ({allowed}), but "
                      f"{metric.id} is in local currency ({metric.unit})",
                      f"use a unit such as {example} from units.csv, or add the currency to "
                      "the country's currency column")
                return None
        if target is None:
            return None  # the metric's unit is itself unknown; reported in metrics.csv
        if unit.dimension != target.dimension:
            same = sorted(u.id for u in self.data.units.values() if u.dimension == target.dimension)
            c.add("unit", f"measures {unit.dimension}, but {metric.id} for {entity.id} is in "
                  f"{target.id} ({target.dimension})", f"use one of: {', '.join(same[:8])}")
            return None
        return unit.factor / target.factor

    @staticmethod
    def _check_range(c: _Checker, metric: Metric, scale: float, value: float | None,
                     low: float | None, high: float | None) -> None:
        for name, raw in (("value", value), ("low", low), ("high", high)):
            if raw is None:
                continue
            v = raw * scale
            if not math.isfinite(v):
                c.add(name, f"overflows when converted to {metric.unit} (×{scale:g})",
                      "check the figure and its unit")
            elif metric.minimum is not None and v < metric.minimum:
                c.add(name, f"is below {metric.id}'s minimum {metric.minimum:g} {metric.unit}",
                      "check the figure and its unit")
            elif metric.maximum is not None and v > metric.maximum:
                c.add(name, f"is above {metric.id}'s maximum {metric.maximum:g} {metric.unit}",
                      "check the figure and its unit (a fraction written as percent?)")

    # --- statements ------------------------------------------------------------------

    def statement(self, c: _Checker) -> None:
        ok = _unique(c, self.seen["statement"], c.text("id"))
        day = c.day("date")
        claimant = c.choice("claimant_type", ClaimantType)
        about = _split(c.text("about"))
        for entity_id in about:
            ok = c.ref_value("about", entity_id, self.data.entities, "entity",
                             "countries.csv, companies.csv, facilities.csv or blocs.csv") and ok
        if c.text("metric"):
            ok = c.ref("metric", self.data.metrics, "metric", "metrics.csv") and ok
        ok = c.ref("source", self.data.sources, "source", "sources.csv") and ok
        if ok and day is not None and claimant is not None:
            self.data.statements.append(Statement(
                c.text("id"), day, c.text("claimant"), claimant, about, c.text("summary"),
                c.text("source"), c.text("metric"), c.text("quote"), c.text("notes")))


    # --- production network ----------------------------------------------------------

    def _amount(self, c: _Checker, dimension: str, what: str, optional: bool
                ) -> tuple[float | None, float | None, float | None, float] | None:
        """value, low, high and the unit's factor; None (with issues) when they do not check."""
        value, low, high = c.number("value"), c.number("low"), c.number("high")
        bad = any(c.text(n) and v is None for n, v in
                  (("value", value), ("low", low), ("high", high)))
        unit = self.data.units.get(c.text("unit"))
        if unit is None:
            c.ref("unit", self.data.units, "unit", "units.csv")
        elif unit.dimension != dimension:
            same = sorted(u.id for u in self.data.units.values() if u.dimension == dimension)
            c.add("unit", f"measures {unit.dimension}, but {what} is in {dimension}",
                  f"use one of: {', '.join(same) or 'none yet — add one to units.csv'}")
            unit = None
        if bad or unit is None:
            return None
        if value is None and low is None and high is None and optional:
            return None, None, None, unit.factor
        if not self._check_values(c, value, low, high, None, None):
            return None
        if any(v is not None and v <= 0 for v in (value, low, high)):
            c.add("value" if value is not None and value <= 0 else "low", "must be positive",
                  "give the quantity in the row's unit, or leave value, low and high blank")
            return None
        return value, low, high, unit.factor

    def production_line(self, c: _Checker) -> None:
        ok = _unique(c, self.seen["line"], c.text("id"))
        ok = self._country_ref(c) and ok
        if c.text("facility"):
            ok = c.ref("facility", self._ids(EntityKind.FACILITY), "facility",
                       "facilities.csv") and ok
        if c.text("company"):
            ok = c.ref("company", self._ids(EntityKind.COMPANY), "company",
                       "companies.csv") and ok
        ok = c.ref("source", self.data.sources, "source", "sources.csv") and ok
        stage, basis = c.choice("stage", Stage), c.choice("basis", Basis)
        status = c.choice("status", LineStatus)
        flags = tuple(f for f in (c.choice("flags", Flag, raw) for raw in _split(c.text("flags")))
                      if f is not None)
        start = _line_start(c)
        ramp = c.number("ramp_months")
        if ramp is not None and ramp < 0:
            c.add("ramp_months", "is negative", "give the months from start to full capacity")
            ok = False
        if basis is Basis.TOTAL and status not in (None, LineStatus.OPERATING):
            c.add("status", "must be operating for a total (capacity as stated at a date)",
                  "use basis line for capacity still announced or being built")
            ok = False
        if basis is Basis.TOTAL and start is None and not c.text("start"):
            c.add("start", "is required for a total", "give the date the total was stated")
            ok = False
        if stage is None:
            return
        amount = self._amount(c, STAGE_DIMENSION[stage], f"stage {stage}", optional=True)
        if not ok or amount is None or basis is None or status is None:
            return
        if c.text("start") and start is None:
            return
        value, low, high, factor = amount
        self.data.lines.append(ProductionLine(
            c.text("id"), c.text("country"), c.text("item"), stage, basis, status,
            c.text("unit"), factor, c.text("source"), value, low, high, start, ramp,
            c.text("facility"), c.text("company"), flags, c.text("notes"), c.record_path,
            c.line))

    def bom_entry(self, c: _Checker) -> None:
        ok = c.ref("source", self.data.sources, "source", "sources.csv")
        stage = c.choice("stage", Stage)
        if stage is not None and stage not in MASS_STAGES:
            c.add("stage", "is counted in pieces (one per round) and needs no bill of materials",
                  f"use one of: {', '.join(MASS_STAGES)}")
            return
        flags = tuple(f for f in (c.choice("flags", Flag, raw) for raw in _split(c.text("flags")))
                      if f is not None)
        amount = self._amount(c, BOM_DIMENSION, "a bill of materials", optional=False)
        if not ok or stage is None or amount is None:
            return
        value, low, high, factor = amount
        self.data.bom.append(BomEntry(c.text("munition"), stage, c.text("unit"), factor,
                                      c.text("source"), value, low, high, flags,
                                      c.text("notes"), c.record_path, c.line))


def _line_start(c: _Checker) -> date | None:
    """A line's start: YYYY-MM-DD, or YYYY-MM / YYYY read as their first day."""
    raw = c.text("start")
    if not raw:
        return None
    for form in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(raw, form).date()
        except ValueError:
            continue
    c.add("start", "is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD")
    return None


def load(root: Path) -> Dataset:
    """Load and check the dataset under ``root``; raise DataError listing every problem."""
    return _Loader(root).run()


def check(root: Path) -> list[Issue]:
    """Every problem in the dataset under ``root`` (empty when it is clean)."""
    try:
        load(root)
    except DataError as exc:
        return exc.issues
    return []


LOWER_WORDS = ("lower bound", "more than", "at least", "over", "above", "in excess of",
               "upwards of", "no fewer than", "no less than", "exceed", "exceeds", "exceeding",
               "exceeded", "plus de", "au moins", "mehr als", "mindestens", "über", "ponad",
               "co najmniej", "более", "свыше", "не менее", "больше")
UPPER_WORDS = ("upper bound", "up to", "at most", "no more than", "less than", "fewer than",
               "under", "below", "as many as", "jusqu'à", "bis zu", "höchstens", "до",
               "не более", "меньше")
"""What a one-sided row's notes must say: a low alone is a lower bound and its notes carry
one of LOWER_WORDS (the source's "more than", "at least", "over"…, or plainly "lower bound");
a high alone is an upper bound with one of UPPER_WORDS ("up to", "at most"…, "upper bound").
Matched as whole words, case-insensitive."""

_SIDE_WORDS = {"low": LOWER_WORDS, "high": UPPER_WORDS}


def bound_side(notes: str) -> tuple[str, ...]:
    """The sides ('low', 'high') a row's notes name, by LOWER_WORDS and UPPER_WORDS."""
    text = notes.lower()
    return tuple(side for side, words in _SIDE_WORDS.items()
                 if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in words))


def _check_bound(c: _Checker, side: str, confidence: float | None, shape: Shape | None) -> bool:
    """A one-sided row: its notes name its side; it states no confidence or shape."""
    kind = "a lower bound" if side == "low" else "an upper bound"
    other = "high" if side == "low" else "low"
    said = bound_side(c.text("notes"))
    words = _SIDE_WORDS[side]
    if side not in said:
        if other in said:
            c.add(side, f"alone makes {kind}, but notes say {_SIDE_WORDS[other][0]!r}-type "
                  f"wording ({', '.join(repr(w) for w in _SIDE_WORDS[other][1:4])}…)",
                  f"move the figure to {other}, or correct the notes")
        else:
            c.add(side, f"alone makes {kind}, but notes do not say which side",
                  f"quote the source's wording in notes ({', '.join(repr(w) for w in words[1:4])}"
                  f"…) or write {words[0]!r}")
        return False
    if confidence is not None:
        c.add("confidence", f"is given for {kind}", "clear confidence (the engine reads a "
              "bound by its own stated rule), or give both low and high")
        return False
    if shape is not None:
        c.add("shape", f"is given for {kind}", "clear shape (the engine reads a bound by its "
              "own stated rule), or give both low and high")
        return False
    return True
