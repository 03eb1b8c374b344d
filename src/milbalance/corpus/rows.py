"""One output row per claim: the article, the sentence and its span, the reading in parts, the
verdict, who said it, the evidence's sources, and the data and program it was read with.

An article with no claim gets one ``status = "no_claims"`` row and an unreadable one one
``status = "error"`` row, so every input row leaves a trace and a rerun knows it is done.
"""

from __future__ import annotations

from typing import Any

from milbalance.claims import CheckedClaim, Reading
from milbalance.claims.reading import comparator, figure_text
from milbalance.corpus.inputs import Article

COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "string"), ("url", "string"), ("date", "string"), ("outlet", "string"),
    ("status", "string"), ("error", "string"),
    ("sentence", "string"), ("start", "int64"), ("end", "int64"),
    ("reading", "string"), ("subject", "string"), ("metric", "string"),
    ("period", "string"), ("comparator", "string"), ("figure", "string"),
    ("kind", "string"), ("label", "string"), ("probability", "float64"),
    ("speaker", "string"), ("claimant_type", "string"), ("sources", "string"),
    ("summary", "string"), ("text_hash", "string"), ("data_hash", "string"),
    ("version", "string"),
)
"""Column names and Arrow types, in order. ``sources`` is the evidence's source ids joined
by ';' (the same in Parquet and CSV)."""

NAMES = tuple(name for name, _ in COLUMNS)

_BLOC_TYPES = {"NATO": "official-nato", "RUS": "official-russia"}


def schema() -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    kinds = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([(name, kinds[kind]) for name, kind in COLUMNS])


def _base(article: Article, data_hash: str, version: str) -> dict[str, Any]:
    row: dict[str, Any] = {name: "" if kind == "string" else None for name, kind in COLUMNS}
    row.update(article_id=article.id, url=article.url, date=article.date,
               outlet=article.outlet, text_hash=article.key, data_hash=data_hash,
               version=version, error="")
    return row


def error_row(article: Article, data_hash: str, version: str, error: str = "") -> dict[str, Any]:
    row = _base(article, data_hash, version)
    row.update(status="error", error=error or article.error)
    return row


def _parts(claim: Any) -> dict[str, str]:
    """subject, metric, period, comparator and figure from the claim's own fields."""
    item = str(getattr(claim, "item", "") or "")
    measure = getattr(claim, "measure", "")
    measure = str(getattr(measure, "value", measure) or "")
    metric = f"{item}.{measure}" if item and measure and measure not in (
        "expenditure", "gdp") else item
    if getattr(claim, "share_of_gdp", False) or type(claim).__name__ == "ShareOfGdp":
        metric = "military_expenditure.share_gdp"
    years = getattr(claim, "years", None)
    period = (f"{years[0]}–{years[1]}" if years and years[0] != years[1]
              else "" if claim.year is None else str(claim.year))
    subject = str(getattr(claim, "subject", "") or getattr(claim, "speaker", "") or "")
    other = str(getattr(claim, "other", "") or "")
    quantity = getattr(claim, "quantity", None)
    cmp = fig = ""
    if quantity is not None:
        cmp, fig = comparator(quantity), figure_text(quantity)
    elif other:
        ratio = getattr(claim, "ratio", None)
        cmp = ("> " if getattr(claim, "more", True) else "< ") + other if ratio is None \
            else f"≈ {ratio:.3g} × {other}"
    elif getattr(claim, "factor", None) is not None:
        cmp, fig = "×", f"{claim.factor:g}"
    return {"subject": subject, "metric": metric, "period": period, "comparator": cmp,
            "figure": fig}


def claimant_type(c: CheckedClaim) -> str:
    """The type of who said it, for an attributed claim: the type the statement evidence
    gives the speaker, else from the body the speaker speaks for."""
    attribution = c.verdict.claim.attribution
    if attribution is None:
        return ""
    for e in c.verdict.evidence:
        if e.claimant and e.claimant_type and attribution.speaker.split()[-1] in e.claimant:
            return e.claimant_type
    entity = attribution.entity
    if entity in _BLOC_TYPES:
        return _BLOC_TYPES[entity]
    if len(entity) == 3 and entity.isupper():
        return "official-government"
    return "cited" if attribution.cited else ""


def claim_row(article: Article, c: CheckedClaim, text: str, data_hash: str,
              version: str) -> dict[str, Any]:
    v = c.verdict
    row = _base(article, data_hash, version)
    row.update(status="claim", sentence=text[c.start:c.end] or v.claim.text, start=c.start,
               end=c.end, reading=v.reading, kind=str(v.claim.kind), label=str(v.label),
               probability=None if v.probability is None else round(v.probability, 4),
               speaker=v.claim.attribution.speaker if v.claim.attribution else "",
               claimant_type=claimant_type(c),
               sources=";".join(sorted({e.source_id for e in v.evidence})),
               summary=v.summary, **_parts(v.claim))
    return row


def reading_rows(article: Article, reading: Reading, data_hash: str,
                 version: str) -> list[dict[str, Any]]:
    rows = [claim_row(article, c, article.text, data_hash, version) for c in reading.claims]
    known = {r["speaker"].split()[-1]: r["claimant_type"] for r in rows
             if r["speaker"] and r["claimant_type"]}
    for r in rows:  # one type per speaker in an article, wherever the evidence gave it
        if r["speaker"] and not r["claimant_type"]:
            r["claimant_type"] = known.get(r["speaker"].split()[-1], "")
    if not rows:
        row = _base(article, data_hash, version)
        row.update(status="no_claims")
        rows.append(row)
    return rows
