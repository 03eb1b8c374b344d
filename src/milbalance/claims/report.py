"""A reading as plain data (the JSON the CLI prints) and as a standalone HTML page.

JSON shape: ``{"claims": [{"text", "kind", "reading", "label", "probability", "summary", "evidence":
[{"source_id", ...}], "by_claimant", "caveats", ...}], "skipped": [...]}``; ``spans=True``
adds each sentence's character span. In HTML every piece of user text is escaped.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from milbalance.claims.article import Reading
from milbalance.claims.verdict import Verdict


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return value.value
    return value


def claim_fields(verdict: Verdict) -> dict[str, Any]:
    """What the claim says, parsed (kind-specific fields, without the sentence)."""
    out = _plain(verdict.claim)
    out.pop("text", None)
    out.pop("caveats", None)
    return dict(out)


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    return {
        "text": verdict.claim.text,
        "kind": str(verdict.claim.kind),
        "reading": verdict.reading,
        "label": str(verdict.label),
        "probability": None if verdict.probability is None else round(verdict.probability, 4),
        "summary": verdict.summary,
        "evidence": [_plain(e) for e in verdict.evidence],
        "by_claimant": dict(verdict.by_claimant),
        "caveats": list(verdict.caveats),
        "assumptions": list(verdict.assumptions),
        "gaps": list(verdict.gaps),
        "better_fit": verdict.better_fit,
        "claim": claim_fields(verdict),
    }


def reading_json(reading: Reading, spans: bool = False) -> dict[str, Any]:
    claims = []
    for c in reading.claims:
        item = verdict_json(c.verdict)
        if spans:
            item["span"] = [c.start, c.end]
        claims.append(item)
    skipped = []
    for s in reading.skipped:
        entry: dict[str, Any] = {"text": s.text, "reason": s.reason, "kind": s.kind}
        if spans:
            entry["span"] = [s.start, s.end]
        skipped.append(entry)
    return {"date": reading.on.isoformat() if reading.on else None, "claims": claims,
            "skipped": skipped}


_STYLE = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}"
          ".supported{color:#1a7f37}.refuted{color:#cf222e}.contested{color:#9a6700}"
          ".not_checkable{color:#57606a}td,th{padding:.2em .5em;text-align:left}")


def reading_html(reading: Reading, title: str) -> str:
    """A self-contained page; every string from the text or the data goes through escape."""
    e = html.escape
    rows = []
    for c in reading.claims:
        v = c.verdict
        sources = ", ".join(sorted({ev.source_id for ev in v.evidence}))
        p = "–" if v.probability is None else f"{v.probability:.2f}"
        caveats = "".join(f"<li>{e(x)}</li>" for x in v.caveats)
        rows.append(
            f"<tr><td>{e(v.claim.text)}</td><td>{e(str(v.claim.kind))}</td>"
            f"<td class=\"{e(str(v.label))}\">{e(str(v.label))}</td><td>{p}</td>"
            f"<td><p>read as: {e(v.reading)}</p>{e(v.summary)}<ul>{caveats}</ul></td>"
            f"<td>{e(sources)}</td></tr>")
    skipped = "".join(f"<li>{e(s.text)} — <em>{e(s.reason)}</em></li>" for s in reading.skipped)
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{e(title)}</title>"
            f"<style>{_STYLE}</style></head><body><h1>{e(title)}</h1>"
            "<table><tr><th>claim</th><th>kind</th><th>verdict</th><th>P</th><th>why</th>"
            f"<th>sources</th></tr>{''.join(rows)}</table>"
            f"<h2>Skipped sentences</h2><ul>{skipped}</ul></body></html>\n")
