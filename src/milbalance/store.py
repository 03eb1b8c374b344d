"""The embedded DuckDB store, rebuilt from data/ whenever the data changes, and its query API.

The store is derived state: never edited by hand. ``Store.open`` hashes every data file; when
the hash differs from the one recorded in the store, the dataset is loaded and checked, a new
store is written beside the old one and swapped in with ``os.replace`` (atomic on POSIX). A
build that fails or is interrupted leaves the previous store as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import numpy as np

from milbalance import config
from milbalance.errors import StoreError, UnknownNameError, closest
from milbalance.loader import Dataset, data_files, load
from milbalance.model import (
    ClaimantType,
    Entity,
    EntityKind,
    Flag,
    Membership,
    Metric,
    MetricKind,
    Shape,
    Source,
    Statement,
    Unit,
)
from milbalance.periods import Period, PeriodKind
from milbalance.production.records import Basis, BomEntry, LineStatus, ProductionLine, Stage

STORE_FORMAT = "4"  # bump when the tables change, so old stores are rebuilt


@dataclass(frozen=True)
class ObservationRow:
    """An observation as stored: values converted to the metric's unit (``unit``), with the
    figure as written (``raw_value`` in ``raw_unit``) and where it came from."""

    entity: str
    metric: str
    period: Period
    value: float | None
    low: float | None
    high: float | None
    unit: str
    confidence: float | None
    shape: Shape | None
    source: str
    claimant: str
    claimant_type: ClaimantType
    flags: tuple[Flag, ...]
    notes: str
    raw_value: float | None
    raw_unit: str
    path: str
    line: int

    @property
    def rescaled(self) -> bool:
        """True when the figure was converted, e.g. a monthly rate annualised."""
        return self.raw_unit != self.unit

    @property
    def bound(self) -> str:
        """"lower" for a low alone ("at least"), "upper" for a high alone ("up to"), else ""."""
        if self.value is not None or (self.low is None) == (self.high is None):
            return ""
        return "lower" if self.low is not None else "upper"

    @property
    def central(self) -> float:
        """The value, or the midpoint of low–high when only a range was given; for a
        one-sided figure, the bound as said (the engine reads it as a distribution,
        ``engine.quoted``)."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        if self.low is not None or self.high is not None:
            return self.low if self.low is not None else self.high  # type: ignore[return-value]
        raise StoreError(f"observation at {self.path}:{self.line} has neither value nor range")


def content_hash(data: Path) -> str:
    """SHA-256 over the store format and every data file's relative path and bytes."""
    digest = hashlib.sha256(STORE_FORMAT.encode())
    for path in data_files(data):
        digest.update(str(path.relative_to(data)).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _nan(values: Sequence[float | None]) -> np.ndarray[Any, Any]:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _text(values: Sequence[str]) -> np.ndarray[Any, Any]:
    return np.array(values, dtype=object)


def _days(values: Sequence[date | None]) -> np.ndarray[Any, Any]:
    return np.array([np.datetime64("NaT") if v is None else np.datetime64(v, "D")
                     for v in values], dtype="datetime64[us]")


def _write(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, Any]) -> None:
    """Create ``table`` from columns of NumPy arrays in one scan (NaN/NaT become NULL)."""
    frame = columns  # noqa: F841 - DuckDB's replacement scan reads this local by name
    def column(name: str, arr: np.ndarray[Any, Any]) -> str:
        if arr.dtype == float:
            return f"CASE WHEN isnan({name}) THEN NULL ELSE {name} END AS {name}"
        if arr.dtype.kind == "M":
            return f"CAST({name} AS DATE) AS {name}"
        return name

    select = ", ".join(column(name, arr) for name, arr in columns.items())
    if len(next(iter(columns.values()))) == 0:
        types = {"float64": "DOUBLE", "object": "VARCHAR", "datetime64[us]": "DATE",
                 "int64": "BIGINT"}
        cols = ", ".join(f"{n} {types.get(str(a.dtype), 'VARCHAR')}" for n, a in columns.items())
        con.execute(f"CREATE TABLE {table} ({cols})")
        return
    con.execute(f"CREATE TABLE {table} AS SELECT {select} FROM frame")


def _populate(con: duckdb.DuckDBPyConnection, data: Dataset, digest: str) -> None:
    s = list(data.sources.values())
    _write(con, "sources", {
        "id": _text([x.id for x in s]), "title": _text([x.title for x in s]),
        "publisher": _text([x.publisher for x in s]), "url": _text([x.url for x in s]),
        "published": _text([x.published for x in s]),
        "claimant_type": _text([str(x.claimant_type) for x in s]),
        "edition": _text([x.edition for x in s]), "licence": _text([x.licence for x in s]),
        "notes": _text([x.notes for x in s]),
    })
    u = list(data.units.values())
    _write(con, "units", {
        "id": _text([x.id for x in u]), "dimension": _text([x.dimension for x in u]),
        "factor": _nan([x.factor for x in u]), "description": _text([x.description for x in u]),
    })
    m = list(data.metrics.values())
    _write(con, "metrics", {
        "id": _text([x.id for x in m]), "unit": _text([x.unit for x in m]),
        "kind": _text([str(x.kind) for x in m]), "minimum": _nan([x.minimum for x in m]),
        "maximum": _nan([x.maximum for x in m]), "item": _text([x.item for x in m]),
        "description": _text([x.description for x in m]),
    })
    e = list(data.entities.values())
    _write(con, "entities", {
        "id": _text([x.id for x in e]), "kind": _text([str(x.kind) for x in e]),
        "name": _text([x.name for x in e]), "country": _text([x.country for x in e]),
        "company": _text([x.company for x in e]),
        "currencies": _text([";".join(x.currencies) for x in e]),
        "fiscal_year_start": np.array([x.fiscal_year_start for x in e], dtype=np.int64),
        "aliases": _text([";".join(x.aliases) for x in e]), "notes": _text([x.notes for x in e]),
        "fiscal_year_changes": _text([";".join(f"FY{y}:{m}" for y, m in x.earlier_fiscal_starts)
                                      for x in e]),
    })
    names = [(a, x.id) for x in e for a in (x.id, x.name, *x.aliases)]
    _write(con, "aliases", {
        "alias": _text([a.lower() for a, _ in names]), "entity": _text([i for _, i in names]),
    })
    ms = data.memberships
    _write(con, "memberships", {
        "bloc": _text([x.bloc for x in ms]), "member": _text([x.member for x in ms]),
        "start_date": _days([x.start for x in ms]), "end_date": _days([x.end for x in ms]),
        "role": _text([x.role for x in ms]), "source": _text([x.source for x in ms]),
        "notes": _text([x.notes for x in ms]),
    })
    _populate_observations(con, data)
    st = data.statements
    _write(con, "statements", {
        "id": _text([x.id for x in st]), "date": _days([x.date for x in st]),
        "claimant": _text([x.claimant for x in st]),
        "claimant_type": _text([str(x.claimant_type) for x in st]),
        "about": _text([";".join(x.about) for x in st]), "metric": _text([x.metric for x in st]),
        "summary": _text([x.summary for x in st]), "quote": _text([x.quote for x in st]),
        "source": _text([x.source for x in st]), "notes": _text([x.notes for x in st]),
    })
    _populate_production(con, data)
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('content_hash', ?), ('format', ?)",
                [digest, STORE_FORMAT])


def _populate_observations(con: duckdb.DuckDBPyConnection, data: Dataset) -> None:
    obs = data.observations
    scales, units = [], []
    for o in obs:
        unit = data.units[o.unit]
        target = data.canonical_unit(data.metrics[o.metric], unit) or unit
        scales.append(unit.factor / target.factor)
        units.append(target.id)

    def scaled(values: list[float | None]) -> np.ndarray[Any, Any]:
        out: np.ndarray[Any, Any] = _nan(values) * np.array(scales, dtype=float)
        return out

    _write(con, "observations", {
        "entity": _text([o.entity for o in obs]), "metric": _text([o.metric for o in obs]),
        "period": _text([o.period.label for o in obs]),
        "period_kind": _text([str(o.period.kind) for o in obs]),
        "period_start": _days([o.period.start for o in obs]),
        "period_end": _days([o.period.end for o in obs]),
        "year": np.array([o.period.year for o in obs], dtype=np.int64),
        "value": scaled([o.value for o in obs]), "low": scaled([o.low for o in obs]),
        "high": scaled([o.high for o in obs]), "unit": _text(units),
        "raw_value": _nan([o.value for o in obs]), "raw_unit": _text([o.unit for o in obs]),
        "confidence": _nan([o.confidence for o in obs]),
        "shape": _text([str(o.shape) if o.shape else "" for o in obs]),
        "source": _text([o.source for o in obs]), "claimant": _text([o.claimant for o in obs]),
        "claimant_type": _text([
            str(o.claimant_type or data.sources[o.source].claimant_type) for o in obs]),
        "flags": _text([";".join(o.flags) for o in obs]), "notes": _text([o.notes for o in obs]),
        "path": _text([o.path for o in obs]),
        "line": np.array([o.line for o in obs], dtype=np.int64),
    })


def _populate_production(con: duckdb.DuckDBPyConnection, data: Dataset) -> None:
    ln = data.lines
    _write(con, "production_lines", {
        "id": _text([x.id for x in ln]), "country": _text([x.country for x in ln]),
        "item": _text([x.item for x in ln]), "stage": _text([str(x.stage) for x in ln]),
        "basis": _text([str(x.basis) for x in ln]), "status": _text([str(x.status) for x in ln]),
        "unit": _text([x.unit for x in ln]), "per_year": _nan([x.per_year for x in ln]),
        "source": _text([x.source for x in ln]), "value": _nan([x.value for x in ln]),
        "low": _nan([x.low for x in ln]), "high": _nan([x.high for x in ln]),
        "start": _days([x.start for x in ln]), "ramp_months": _nan([x.ramp_months for x in ln]),
        "facility": _text([x.facility for x in ln]), "company": _text([x.company for x in ln]),
        "flags": _text([";".join(x.flags) for x in ln]), "notes": _text([x.notes for x in ln]),
        "path": _text([x.path for x in ln]),
        "line": np.array([x.line for x in ln], dtype=np.int64),
    })
    b = data.bom
    _write(con, "production_bom", {
        "munition": _text([x.munition for x in b]), "stage": _text([str(x.stage) for x in b]),
        "unit": _text([x.unit for x in b]), "kg_factor": _nan([x.kg_factor for x in b]),
        "source": _text([x.source for x in b]), "value": _nan([x.value for x in b]),
        "low": _nan([x.low for x in b]), "high": _nan([x.high for x in b]),
        "flags": _text([";".join(x.flags) for x in b]), "notes": _text([x.notes for x in b]),
        "path": _text([x.path for x in b]),
        "line": np.array([x.line for x in b], dtype=np.int64),
    })


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def remove_stale_builds(target: Path) -> list[Path]:
    """Delete half-built stores (and their WAL files) left by builds whose process is gone
    (killed mid-build); a build still running in a live process is left alone."""
    removed: list[Path] = []
    for leftover in target.parent.glob(f".{target.name}.building-*"):
        pid = re.match(r"(\d+)-", leftover.name[len(f".{target.name}.building-"):])
        if pid is not None and _alive(int(pid.group(1))):
            continue
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    return removed


def build(data: Path, target: Path) -> Path:
    """Load and check ``data``, write a store beside ``target`` and swap it in atomically.

    Raises DataError (nothing written) when the data has problems; any failure or interrupt
    removes the half-written file and leaves an existing ``target`` untouched.
    """
    dataset = load(data)
    digest = content_hash(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.building-{os.getpid()}-",
                                    dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            _populate(con, dataset, digest)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    return target


def _recorded_hash(path: Path) -> str | None:
    """The content hash a store was built from, or None if it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


PAIRS_BEFORE_METRIC = 8
"""Entities of one metric read one by one before the whole metric is read at once."""
MEMO_ROWS_MAX = 5_000
"""Largest query answer a store remembers (reference tables; the observation indexes keep
their own copies)."""


class Store:
    """Typed, read-only queries over the store built from a data folder."""

    def __init__(self, path: Path, data: Path | None = None):
        self.path = path
        self.data = data
        try:
            self._con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        self._metrics: dict[str, Metric] | None = None
        self._observations: dict[tuple[str, str], list[ObservationRow]] | None = None
        self._by_metric: dict[str, dict[str, list[ObservationRow]]] = {}
        self._memo: dict[tuple[str, tuple[object, ...]], list[tuple[Any, ...]]] = {}
        self._pairs_asked: dict[str, dict[str, list[ObservationRow]]] = {}

    @classmethod
    def open(cls, data: Path | None = None, path: Path | None = None) -> Store:
        """Open the store for ``data``, rebuilding it first if the data changed."""
        data = config.data_dir(data)
        path = config.store_path(data, path)
        if _recorded_hash(path) != content_hash(data):
            build(data, path)
        return cls(path, data)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of a query; small answers are remembered, since the store never changes
        once open (a DuckDB round trip costs milliseconds, and the engine asks for the same
        memberships and entities hundreds of times per comparison)."""
        key = (sql, tuple(params))
        found = self._memo.get(key)
        if found is None:
            with self._cursor() as cur:
                found = cur.execute(sql, list(params)).fetchall()
            if len(found) <= MEMO_ROWS_MAX:
                self._memo[key] = found
        return list(found)

    @property
    def content_hash(self) -> str:
        return str(self._rows("SELECT value FROM meta WHERE key = 'content_hash'")[0][0])

    # --- reference data --------------------------------------------------------------

    def sources(self, claimant_type: str | None = None) -> list[Source]:
        sql = "SELECT * FROM sources"
        params: list[object] = []
        if claimant_type:
            _check_claimant_type(claimant_type)
            sql += " WHERE claimant_type = ?"
            params.append(claimant_type)
        rows = self._rows(sql + " ORDER BY id", params)
        return [Source(r[0], r[1], r[2], r[3], r[4], ClaimantType(r[5]), r[6], r[7], r[8])
                for r in rows]

    def source(self, source_id: str) -> Source:
        found = [s for s in self.sources() if s.id == source_id]
        if not found:
            raise UnknownNameError("source", source_id, [s.id for s in self.sources()],
                                   "(list them with `milbalance sources`)")
        return found[0]

    def units(self) -> dict[str, Unit]:
        return {r[0]: Unit(r[0], r[1], r[2], r[3]) for r in self._rows("SELECT * FROM units")}

    def metrics(self, kind: str | None = None) -> list[Metric]:
        if self._metrics is None:
            rows = self._rows("SELECT * FROM metrics ORDER BY id")
            self._metrics = {r[0]: Metric(r[0], r[1], MetricKind(r[2]), r[6], r[3], r[4], r[5])
                             for r in rows}
        return [m for m in self._metrics.values() if kind is None or m.kind == kind]

    def metric(self, name: str) -> Metric:
        """A metric by id (case-insensitive), or UnknownNameError with the closest ids."""
        by_id = {m.id.lower(): m for m in self.metrics()}
        if name.lower() in by_id:
            return by_id[name.lower()]
        raise UnknownNameError("metric", name, [m.id for m in self.metrics()],
                               "(list them with `milbalance metrics`)")

    def entities(self, kind: str | None = None) -> list[Entity]:
        sql = "SELECT * FROM entities"
        params: list[object] = []
        if kind:
            sql += " WHERE kind = ?"
            params.append(kind)
        return [_entity(r) for r in self._rows(sql + " ORDER BY kind, id", params)]

    def entity(self, name: str) -> Entity:
        """An entity by id, name or alias (case-insensitive), or UnknownNameError."""
        rows = self._rows(
            "SELECT e.* FROM aliases a JOIN entities e ON e.id = a.entity WHERE a.alias = ?",
            [name.strip().lower()])
        if rows:
            return _entity(rows[0])
        aliases = {str(r[0]): str(r[1]) for r in self._rows("SELECT alias, entity FROM aliases")}
        ids = list(dict.fromkeys(aliases[a] for a in closest(name, aliases)))
        raise UnknownNameError("entity", name, aliases.values(),
                               "(list them with `milbalance entities`)", suggestions=ids)

    # --- blocs -----------------------------------------------------------------------

    def memberships(self, bloc: str | None = None) -> list[Membership]:
        sql = "SELECT * FROM memberships"
        params: list[object] = []
        if bloc:
            sql += " WHERE bloc = ?"
            params.append(bloc)
        rows = self._rows(sql + " ORDER BY bloc, start_date, member", params)
        return [Membership(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

    def members(self, bloc: str, on: date) -> list[Membership]:
        """Memberships of ``bloc`` active on a day (Finland counts in NATO from 2023-04-04)."""
        entity = self.entity(bloc)
        if entity.kind is not EntityKind.BLOC:
            raise UnknownNameError("bloc", bloc, [e.id for e in self.entities("bloc")])
        return [m for m in self.memberships(entity.id) if m.active_on(on)]

    # --- observations and statements -------------------------------------------------

    def observations(
        self,
        entity: str | None = None,
        metric: str | None = None,
        *,
        start_year: int | None = None,
        end_year: int | None = None,
        claimant_type: str | None = None,
        claimant: str | None = None,
        source: str | None = None,
    ) -> list[ObservationRow]:
        """Observations matching every filter given, by entity, metric, period and source.

        Years filter on the year a period ends in; ``claimant_type`` on the effective
        claimant type (the row's own, else its source's).
        """
        if claimant_type is not None:
            _check_claimant_type(claimant_type)
        if metric is not None and entity is not None:
            rows = self._pair_rows(entity, metric)
        elif metric is not None:  # one metric: read that metric's rows only (_metric_index)
            rows = [o for group in self._metric_index(metric).values() for o in group]
        elif entity is not None:
            rows = self._entity_rows(entity)
        else:
            rows = [o for group in self._observation_index().values() for o in group]
        wanted = claimant.lower() if claimant is not None else None
        return [
            o for o in rows
            if (source is None or o.source == source)
            and (claimant_type is None or o.claimant_type == claimant_type)
            and (wanted is None or o.claimant.lower() == wanted)
            and (start_year is None or o.period.year >= start_year)
            and (end_year is None or o.period.year <= end_year)
        ]

    _OBSERVATION_COLUMNS = (
        "entity, metric, period, period_kind, period_start, period_end, value, low, high, unit,"
        " confidence, shape, source, claimant, claimant_type, flags, notes, raw_value,"
        " raw_unit, path, line")

    def _metric_index(self, metric: str) -> dict[str, list[ObservationRow]]:
        """One metric's observations by entity, read on first use of that metric.

        The engine asks for a handful of metrics (a bases answer: about ten); reading only
        those keeps a cold command from materialising every row of the store (60,000 with
        the SIPRI and World Bank imports, about a second). With the whole index already
        read, it is used instead."""
        found = self._by_metric.get(metric)
        if found is not None:
            return found
        out: dict[str, list[ObservationRow]] = {}
        if self._observations is not None:
            for (e, m), group in self._observations.items():
                if m == metric:
                    out[e] = group
        else:
            sql = (f"SELECT {self._OBSERVATION_COLUMNS} FROM observations WHERE metric = ?"
                   " ORDER BY entity, metric, period_start, period_end, source, claimant")
            for r in self._rows(sql, (metric,)):
                row = _observation(r)
                out.setdefault(row.entity, []).append(row)
        self._by_metric[metric] = out
        return out

    def _pair_rows(self, entity: str, metric: str) -> list[ObservationRow]:
        """One entity × metric: read alone while few entities of that metric are asked for (a
        claim check asks for one or two), the whole metric once more are (a bloc's members)."""
        index = self._by_metric.get(metric)
        if index is None and self._observations is None:
            asked = self._pairs_asked.setdefault(metric, {})
            if entity in asked:
                return asked[entity]
            if len(asked) < PAIRS_BEFORE_METRIC:
                sql = (f"SELECT {self._OBSERVATION_COLUMNS} FROM observations WHERE metric = ?"
                       " AND entity = ? ORDER BY entity, metric, period_start, period_end,"
                       " source, claimant")
                asked[entity] = [_observation(r) for r in self._rows(sql, (metric, entity))]
                return asked[entity]
        return self._metric_index(metric).get(entity, [])

    def _entity_rows(self, entity: str) -> list[ObservationRow]:
        """One entity's observations (every metric), without reading the whole store unless
        it is already read: the claim checker asks each bloc for its notes at start-up."""
        if self._observations is not None:
            return [o for (e, _), group in self._observations.items() if e == entity
                    for o in group]
        sql = (f"SELECT {self._OBSERVATION_COLUMNS} FROM observations WHERE entity = ?"
               " ORDER BY entity, metric, period_start, period_end, source, claimant")
        return [_observation(r) for r in self._rows(sql, (entity,))]

    def _observation_index(self) -> dict[tuple[str, str], list[ObservationRow]]:
        """Every observation, read once and grouped by entity × metric.

        The store is read-only, so one read serves every later query: the engine asks for
        one member × metric × year thousands of times, and a DuckDB round trip each time
        (about 2 ms) would dominate its run time.
        """
        if self._observations is None:
            sql = (f"SELECT {self._OBSERVATION_COLUMNS} FROM observations"
                   " ORDER BY entity, metric, period_start, period_end, source, claimant")
            index: dict[tuple[str, str], list[ObservationRow]] = {}
            for r in self._rows(sql):
                row = _observation(r)
                index.setdefault((row.entity, row.metric), []).append(row)
            self._observations = index
        return self._observations

    def statements(self, about: str | None = None,
                   claimant_type: str | None = None) -> list[Statement]:
        rows = self._rows("SELECT * FROM statements ORDER BY date, id")
        found = [Statement(r[0], r[1], r[2], ClaimantType(r[3]), tuple(filter(None,
                           r[4].split(";"))), r[6], r[8], r[5], r[7], r[9]) for r in rows]
        return [s for s in found if (about is None or about in s.about)
                and (claimant_type is None or s.claimant_type == claimant_type)]

    # --- production network ----------------------------------------------------------

    def production_lines(self) -> list[ProductionLine]:
        """Every row of data/production/lines.csv, in file order."""
        rows = self._rows("SELECT * FROM production_lines ORDER BY path, line")
        return [ProductionLine(
            id=r[0], country=r[1], item=r[2], stage=Stage(r[3]), basis=Basis(r[4]),
            status=LineStatus(r[5]), unit=r[6], per_year=r[7], source=r[8], value=r[9],
            low=r[10], high=r[11], start=r[12], ramp_months=r[13], facility=r[14],
            company=r[15], flags=tuple(filter(None, r[16].split(";"))), notes=r[17],
            path=r[18], line=int(r[19])) for r in rows]

    def bom(self) -> list[BomEntry]:
        """Every row of data/production/bom.csv, in file order."""
        rows = self._rows("SELECT * FROM production_bom ORDER BY path, line")
        return [BomEntry(
            munition=r[0], stage=Stage(r[1]), unit=r[2], kg_factor=r[3], source=r[4],
            value=r[5], low=r[6], high=r[7], flags=tuple(filter(None, r[8].split(";"))),
            notes=r[9], path=r[10], line=int(r[11])) for r in rows]


def _check_claimant_type(name: str) -> None:
    valid = [c.value for c in ClaimantType]
    if name not in valid:
        raise UnknownNameError("claimant type", name, valid, f"(one of: {', '.join(valid)})")


def _entity(r: tuple[Any, ...]) -> Entity:
    changes = tuple((int(y), int(m)) for y, _, m in
                    (part.removeprefix("FY").partition(":") for part in r[9].split(";") if part))
    return Entity(r[0], EntityKind(r[1]), r[2], tuple(filter(None, r[7].split(";"))), r[3], r[4],
                  tuple(filter(None, r[5].split(";"))), int(r[6]), r[8], changes)


def _observation(r: tuple[Any, ...]) -> ObservationRow:
    return ObservationRow(
        entity=r[0], metric=r[1], period=Period(r[4], r[5], PeriodKind(r[3]), r[2]),
        value=r[6], low=r[7], high=r[8], unit=r[9], confidence=r[10],
        shape=Shape(r[11]) if r[11] else None, source=r[12], claimant=r[13],
        claimant_type=ClaimantType(r[14]), flags=tuple(Flag(f) for f in r[15].split(";") if f),
        notes=r[16], raw_value=r[17], raw_unit=r[18], path=r[19], line=int(r[20]),
    )
