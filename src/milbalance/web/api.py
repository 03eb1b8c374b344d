"""The JSON API: every page's data, read-only. Errors are JSON ``{"error": ...}`` with 4xx."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from milbalance import __version__
from milbalance.claims.report import reading_json
from milbalance.formatting import to_jsonable
from milbalance.model import ClaimantType, EntityKind, MetricKind
from milbalance.production.projection import DEFAULT_SAMPLES, DEFAULT_SEED
from milbalance.web import charts, limits, production_view
from milbalance.web.claims_view import check_claim, read_article
from milbalance.web.deps import Day, Name, OptName, StoreDep, Year
from milbalance.web.headline import headline
from milbalance.web.overview import FIRST_YEAR, overview
from milbalance.web.result_schemas import BottleneckOut, CapacityOut, CrossoverOut, OverviewOut
from milbalance.web.schemas import (
    NOT_BLANK,
    ArticleIn,
    CheckIn,
    CoverageOut,
    EntityOut,
    ErrorOut,
    Health,
    MembersOut,
    MetricOut,
    SeriesOut,
    SourceOut,
    SourceUseOut,
    StatementOut,
    TrackRecordOut,
)
from milbalance.web.track_view import By, Format, TooLarge, as_json, claims_format, track_file
from milbalance.web.views import coverage, series_csv, series_view, source_uses

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The request cannot be served as asked."},
    404: {"model": ErrorOut, "description": "Unknown name; the closest valid names are given."},
    422: {"model": ErrorOut, "description": "A parameter is missing or out of its limits."},
}

router = APIRouter(prefix="/api", responses=ERRORS)


@router.get("/health", response_model=Health, tags=["meta"])
def health() -> dict[str, Any]:
    """Trivial endpoint (no store access): the baseline for load measurements."""
    return {"ok": True, "version": __version__}


@router.get("/limits", tags=["meta"])
def input_limits() -> dict[str, int]:
    """The limits every endpoint enforces (text sizes, years, samples)."""
    return {k.lower(): v for k, v in vars(limits).items() if k.isupper() and isinstance(v, int)}


@router.get("/entities", response_model=list[EntityOut], tags=["data"])
def entities(store: StoreDep, kind: EntityKind | None = None) -> Any:
    """Countries, companies, facilities and blocs with their aliases."""
    return to_jsonable(store.entities(kind))


@router.get("/entities/{name}", response_model=EntityOut, tags=["data"])
def entity(store: StoreDep,
           name: Annotated[str, Path(max_length=limits.NAME_MAX)]) -> Any:
    """One entity by id, name or alias (``Russia``, ``the alliance``)."""
    return to_jsonable(store.entity(name))


@router.get("/metrics", response_model=list[MetricOut], tags=["data"])
def metrics(store: StoreDep, kind: MetricKind | None = None) -> Any:
    """Metrics with their unit, kind and definition."""
    return to_jsonable(store.metrics(kind))


@router.get("/sources", response_model=list[SourceUseOut], tags=["data"])
def sources(store: StoreDep, claimant_type: ClaimantType | None = None) -> Any:
    """Every source with its address, claimant type, licence and what it supports."""
    return [{"source": to_jsonable(u.source), "observations": sum(u.observations.values()),
             "series": [f"{e} {m}" for e, m in sorted(u.observations)],
             "statements": u.statements, "memberships": u.memberships}
            for u in source_uses(store, claimant_type)]


@router.get("/sources/{source_id}", response_model=SourceOut, tags=["data"])
def source(store: StoreDep,
           source_id: Annotated[str, Path(max_length=limits.NAME_MAX)]) -> Any:
    """One source by id."""
    return to_jsonable(store.source(source_id))


@router.get("/statements", response_model=list[StatementOut], tags=["data"])
def statements(store: StoreDep, about: OptName = None,
               claimant_type: ClaimantType | None = None) -> Any:
    """The timeline of who claimed what, when (optionally about one entity)."""
    entity_id = store.entity(about).id if about else None
    return to_jsonable(store.statements(entity_id, claimant_type))


@router.get("/members", response_model=MembersOut, tags=["data"])
def members(store: StoreDep, bloc: Name, on: Day = None) -> Any:
    """Members of a bloc on a date, each with its source."""
    day = on or date.today()
    found = store.members(bloc, day)
    return {"bloc": store.entity(bloc).id, "on": day.isoformat(), "members": to_jsonable(found)}


@router.get("/coverage", response_model=list[CoverageOut], tags=["explore"])
def data_coverage(store: StoreDep) -> Any:
    """Every entity × metric with observations: what Explore can chart."""
    return to_jsonable(coverage(store))


@router.get("/series", response_model=SeriesOut, tags=["explore"])
def series(store: StoreDep, entity: Name, metric: Name, start: Year = None, end: Year = None,
           claimant_type: ClaimantType | None = None, source: OptName = None) -> Any:
    """Every observation of ENTITY × METRIC, by source and claimant, with the sources used.

    An empty ``observations`` list is a gap in the data, not a zero. Start and end in either
    order (``start`` and ``end`` answer the earlier first, and ``note`` says so)."""
    view = series_view(store, entity, metric, start=start, end=end,
                       claimant_type=claimant_type, source=source)
    return {"entity": to_jsonable(view.entity), "metric": to_jsonable(view.metric),
            "unit": view.unit, "start": view.start, "end": view.end,
            "observations": to_jsonable(view.observations),
            "sources": to_jsonable(list(view.sources.values())), "note": view.note}


_CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "One row per observation."}}
_SVG: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/svg+xml": {}}, "description": "The chart as SVG."}}


@router.get("/series.csv", response_class=Response, responses=_CSV, tags=["explore"])
def series_download(store: StoreDep, entity: Name, metric: Name, start: Year = None,
                    end: Year = None, claimant_type: ClaimantType | None = None,
                    source: OptName = None) -> Response:
    """The series as CSV, each row with its source, licence and data file line."""
    view = series_view(store, entity, metric, start=start, end=end,
                       claimant_type=claimant_type, source=source)
    name = f"{view.entity.id}_{view.metric.id}.csv"
    return Response(series_csv(view), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/series.svg", response_class=Response, responses=_SVG, tags=["explore"])
def series_chart(store: StoreDep, entity: Name, metric: Name, start: Year = None,
                 end: Year = None, claimant_type: ClaimantType | None = None,
                 source: OptName = None) -> Response:
    """The series as an SVG chart: one dot per figure, bars for ranges, colour by claimant."""
    view = series_view(store, entity, metric, start=start, end=end,
                       claimant_type=claimant_type, source=source)
    return Response(charts.series_svg(view), media_type="image/svg+xml")



Samples = Annotated[int, Query(ge=limits.SAMPLES_MIN, le=limits.SAMPLES_MAX,
                               description="Monte Carlo samples per estimate")]
Seed = Annotated[int | None, Query(ge=0, le=limits.SEED_MAX,
                                   description="Seed (default: the engine's)")]


@router.get("/overview", response_model=OverviewOut, tags=["overview"])
def overview_api(store: StoreDep, start: Year = None, end: Year = None,
                 samples: Samples = limits.SAMPLES_DEFAULT, seed: Seed = None) -> Any:
    """NATO against Russia and its suppliers by year: artillery-shell output and capacity and
    military spending, each a bloc estimate (5/50/95 %, members without figures as gaps) from
    the engine; the production model's capacity projections 2022–2030 (NATO vs RUS_SUPPLIERS
    and vs RUS, modelled from lines and reported, P(NATO > other) per year, with their
    assumptions; the production library's own samples and seed); and the timeline of
    officials' statements. Start (default 2014) and end (default next year) in either order;
    a range longer than 40 years is answered for its first 40, and ``note`` says so."""
    result = overview(store, FIRST_YEAR if start is None else start, end, samples, seed)
    return {"start": result.start, "end": result.end, "samples": result.samples,
            "seed": result.seed, "note": result.note,
            "panels": [{"metric": p.metric, "description": p.description, "kind": p.kind,
                        "unit": p.unit, "sources": p.sources,
                        "sides": [{"entity": s.entity, "missing_years": list(s.missing),
                                   "estimates": to_jsonable(list(s.estimates))}
                                  for s in p.sides]} for p in result.panels],
            "capacity": [{"crossover": to_jsonable(c.result), "sources": list(c.sources)}
                         for c in result.capacity],
            "statements": to_jsonable(list(result.statements))}


Item = Annotated[str, Query(min_length=1, max_length=limits.NAME_MAX,
                            description="Munition item; calibres count in their family")]
ProductionYear = Annotated[int, Query(
    ge=limits.PRODUCTION_YEAR_MIN, le=limits.PRODUCTION_YEAR_MAX,
    description=f"{limits.PRODUCTION_YEAR_MIN}–{limits.PRODUCTION_YEAR_MAX} (the production "
    "model's range); start and end may come in either order")]
ProductionSamples = Annotated[int, Query(
    ge=limits.PRODUCTION_SAMPLES_MIN, le=limits.PRODUCTION_SAMPLES_MAX,
    description="Monte Carlo samples")]
ProductionSeed = Annotated[int, Query(ge=0, le=limits.SEED_MAX, description="Seed")]
Share = Annotated[float, Query(ge=0, le=1)]


@router.get("/production/capacity", response_model=CapacityOut, tags=["production"])
def production_capacity(
        store: StoreDep, bloc: Name, item: Item = production_view.ITEM,
        start: ProductionYear = production_view.FIRST_YEAR,
        end: ProductionYear = production_view.LAST_YEAR,
        samples: ProductionSamples = DEFAULT_SAMPLES,
        seed: ProductionSeed = DEFAULT_SEED) -> Any:
    """Finished-round capacity of a bloc or country modelled from the production rows
    (P5–P50–P95 per year, the binding stage's share of samples), beside reported capacity
    and output (a different thing), with the share of reported capacity the lines cover,
    gaps, sources and assumptions. Start and end in either order; a range longer than 12
    years is answered for its first 12, and ``note`` says so."""
    result = production_view.capacity(store, bloc, item, start, end, samples, seed)
    return {**to_jsonable(result), "note": production_view.span(start, end)[1]}


@router.get("/production/bottleneck", response_model=BottleneckOut, tags=["production"])
def production_bottleneck(
        store: StoreDep, bloc: Name, item: Item = production_view.ITEM,
        year: ProductionYear = 2026, member_share: Share = 1.0,
        supplier_share: Annotated[float | None, Query(ge=0, le=1)] = None,
        lp_samples: Annotated[int, Query(
            ge=1, le=limits.LP_SAMPLES_MAX,
            description="Samples the LP is solved on; more than ``samples`` is read as "
            "``samples`` (the answer's ``lp_samples`` says how many)")]
        = limits.LP_SAMPLES_DEFAULT,
        samples: ProductionSamples = DEFAULT_SAMPLES,
        seed: ProductionSeed = DEFAULT_SEED) -> Any:
    """The binding stage of a bloc's output in a year with its shadow price, from a HiGHS LP
    per sample (on ``lp_samples`` samples); ``member_share``/``supplier_share`` are the shares
    of a country's stage capacity it may export within the bloc (1: free trade)."""
    return to_jsonable(production_view.bottleneck(
        store, bloc, item, year, samples, seed, member_share, lp_samples, supplier_share))


@router.get("/production/crossover", response_model=CrossoverOut, tags=["production"])
def production_crossover(
        store: StoreDep, a: Name, b: Name, item: Item = production_view.ITEM,
        start: ProductionYear = production_view.FIRST_YEAR,
        end: ProductionYear = production_view.LAST_YEAR,
        samples: ProductionSamples = DEFAULT_SAMPLES,
        seed: ProductionSeed = DEFAULT_SEED) -> Any:
    """P(A > B) per year on two stated bases — capacity modelled from lines on both sides,
    and reported capacity on both sides — with what each side's figure is made of, the
    first year each basis passes 0.5 and 0.9, gaps and assumptions. Start and end in either
    order; a range longer than 12 years is answered for its first 12, and ``note`` says so."""
    result = production_view.crossover(store, a, b, item, start, end, samples, seed)
    return {**to_jsonable(result), "note": production_view.span(start, end)[1]}


BUSY: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorOut, "description": "Too many checks in progress; retry after the "
          "seconds the Retry-After header gives."}}
TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": f"A body over {limits.BODY_BYTES_MAX:,} bytes (a "
          "text at its length limit fits however it is encoded)."}}


@router.post("/check", tags=["claims"], responses={**BUSY, **TOO_LARGE})
def check(store: StoreDep, body: CheckIn, request: Request) -> dict[str, Any]:
    """Check a sentence: each claim in it with its verdict (supported / contested / refuted /
    not checkable), probability, evidence with sources, per-claimant answers and caveats.
    Reads only; writes nothing."""
    with request.app.state.admission.slot():
        return reading_json(check_claim(store, body.text, body.date), spans=True)


ClaimText = Annotated[str, Query(min_length=1, max_length=limits.CLAIM_TEXT_MAX,
                                 pattern=NOT_BLANK,
                                 description="The sentence to check (not only spaces)")]


@router.get("/check", tags=["claims"], responses=BUSY)
def check_get(store: StoreDep, request: Request, text: ClaimText, date: Day = None
              ) -> dict[str, Any]:
    """The same check at a GET address (the JSON of the page ``/check?text=…&date=…``)."""
    with request.app.state.admission.slot():
        return reading_json(check_claim(store, text, date), spans=True)


@router.get("/headline", tags=["overview"])
def headline_api(store: StoreDep) -> Any:
    """The Overview's headline answer: is NATO outproducing Russia in artillery shells in the
    latest year with figures? The bases answer (``engine.bases``): the verdict, the quotable
    headline and, on each basis, P(NATO > RUS) with both sides' quantiles, the figures used
    and the gaps; ``null`` when no year has figures."""
    found = headline(store)
    return None if found is None else {"question": found.question,
                                       **to_jsonable(found.answer)}


@router.post("/read", tags=["claims"], responses={**BUSY, **TOO_LARGE})
def read(store: StoreDep, body: ArticleIn, request: Request) -> dict[str, Any]:
    """Read an article: every checkable claim with its verdict and the character span of its
    sentence; other sentences are listed as skipped with the reason."""
    with request.app.state.admission.slot():
        return reading_json(read_article(store, body.text, body.date), spans=True)


CLAIMS_FILE: dict[str, Any] = {"requestBody": {
    "required": True,
    "description": "A claims file written by `milbalance read … --out FILE.parquet` (or "
                   f".csv), sent as the body itself; at most {limits.CLAIMS_FILE_BYTES_MAX:,} "
                   f"bytes and {limits.CLAIMS_ROWS_MAX:,} rows.",
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                "text/csv": {"schema": {"type": "string"}}}}}
UPLOADS_BUSY: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorOut, "description": f"{limits.UPLOADS_RUNNING} claims file(s) being "
          f"read and {limits.UPLOADS_WAITING} waiting; retry after the seconds the Retry-After "
          "header gives."}}
FILE_REFUSED: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Not a claims file: empty, neither Parquet nor a "
          "UTF-8 CSV, or without the columns `milbalance read --out` writes; the error says "
          "which."},
    413: {"model": ErrorOut, "description": f"A file over {limits.CLAIMS_FILE_BYTES_MAX:,} bytes "
          f"or {limits.CLAIMS_ROWS_MAX:,} rows (`milbalance track-record FILE` reads any size)."}}


@router.post("/track-record", response_model=TrackRecordOut, tags=["claims"],
             responses={**UPLOADS_BUSY, **FILE_REFUSED}, openapi_extra=CLAIMS_FILE)
async def track_record_api(
        request: Request, by: By = By.speaker,
        fmt: Annotated[Format | None, Query(
            alias="format", description="The file's format (default: Parquet if the bytes are "
            "Parquet, else CSV)")] = None,
        name: Annotated[str, Query(max_length=limits.NAME_MAX,
                                   description="The file's name, for the answer and errors")]
        = "upload") -> Any:
    """A claims file's track record: per claimant (speaker, claimant type or outlet) and year,
    the claims read, the checkable ones, the shares supported, contested and refuted and the
    claims repeated most; claimants with most checkable claims first, each one's years, then
    "all". As `milbalance track-record FILE --by BY --json` prints it. Reads only; the file is
    not kept."""
    body = await request.body()
    return await run_in_threadpool(_track_record, request, body, by, fmt, name or "upload")


def _track_record(request: Request, body: bytes, by: By, fmt: Format | None,
                  name: str) -> dict[str, Any]:
    with request.app.state.uploads.slot():
        try:
            found = claims_format(body, name, fmt)
            return as_json(by, name, track_file(body, name, [by], found)[by])
        except TooLarge as exc:
            raise HTTPException(413, str(exc)) from exc
