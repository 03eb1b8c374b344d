"""The track-record page and ``POST /api/track-record`` on a claims file written by the real
corpus run (``claims_files``): the library's records, whatever the grouping or the format,
with counts that add up to the file's rows; and every bad file refused with a 4xx and a
reason, on the page and in the API, never a traceback."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

from milbalance.corpus.track import BY, NOT_ATTRIBUTED, VERDICTS, track_record
from milbalance.web import limits, track_view
from milbalance.web.schemas import ErrorOut, TrackRecordOut
from milbalance.web.upload import fields

Client = Any  # fastapi.testclient.TestClient


def _claim_rows(path: Path) -> list[dict[str, Any]]:
    """The rows the track record counts: claims, attributions ('X said it') left out."""
    rows = pq.read_table(path).to_pylist()
    return [r for r in rows if r["status"] == "claim" and r["kind"] != "attribution"]


def _api(client: Client, path: Path, **params: str) -> Any:
    return client.post("/api/track-record", params={"name": path.name, **params},
                       content=path.read_bytes())


def _upload(client: Client, name: str, content: bytes, by: str = "speaker") -> Any:
    return client.post("/track-record", files={"file": (name, content)}, data={"by": by})


@pytest.mark.parametrize("by", list(BY))
def test_the_api_answers_the_librarys_records(client: Client, claims_files: dict[str, Path],
                                              by: str) -> None:
    path = claims_files["parquet"]
    r = _api(client, path, by=by)
    assert r.status_code == 200, r.text
    body = TrackRecordOut.model_validate(r.json()).model_dump()
    assert body == {"by": by, "file": path.name,
                    "records": [x.as_dict() for x in track_record(path, by)]}
    records = body["records"]
    totals = [x for x in records if x["year"] == "all"]
    claims = _claim_rows(path)
    assert records and len({x["claimant"] for x in totals}) == len(totals)
    # every counted claim once, under one claimant, in one year and in "all"
    assert sum(x["claims"] for x in totals) == len(claims)
    labels = Counter(r["label"] for r in claims)
    for v in VERDICTS:
        assert sum(x[v] for x in totals) == labels[v]
    for total in totals:
        years = [x for x in records if x["claimant"] == total["claimant"] and x["year"] != "all"]
        assert years and sum(x["claims"] for x in years) == total["claims"]
        assert sum(x["checkable"] for x in years) == total["checkable"]
    for x in records:
        assert x["checkable"] == sum(x[v] for v in VERDICTS) <= x["claims"]
        shares = [x[f"share_{v}"] for v in VERDICTS]
        if x["checkable"]:
            assert sum(shares) == pytest.approx(1, abs=2e-4)
            assert all(0 <= s <= 1 for s in shares)
        else:
            assert shares == [None, None, None]
        assert all(m["times"] > 1 for m in x["most_repeated"])
    # claimants with most checkable claims first, the claims no one is named for last
    order = [(x["claimant"] == NOT_ATTRIBUTED, -x["checkable"]) for x in totals]
    assert order == sorted(order)


def test_the_groupings_count_the_same_claims(client: Client,
                                             claims_files: dict[str, Path]) -> None:
    sums = set()
    for by in BY:
        totals = [x for x in _api(client, claims_files["parquet"], by=by).json()["records"]
                  if x["year"] == "all"]
        sums.add(tuple(sum(x[k] for x in totals) for k in ("claims", "checkable", *VERDICTS)))
    assert len(sums) == 1
    # the example articles are read again a year earlier: their claims repeat
    outlet = _api(client, claims_files["parquet"], by="outlet").json()["records"]
    assert len({x["year"] for x in outlet}) > 2
    speaker = _api(client, claims_files["parquet"]).json()["records"]
    assert any(x["most_repeated"] for x in speaker)


def test_csv_and_parquet_give_the_same_records(client: Client,
                                               claims_files: dict[str, Path]) -> None:
    for by in BY:
        a = _api(client, claims_files["parquet"], by=by).json()["records"]
        b = _api(client, claims_files["csv"], by=by).json()["records"]
        assert a == b
    # the format is read from the name, else from the bytes; both agree here
    unnamed = client.post("/api/track-record", params={"by": by},
                          content=claims_files["csv"].read_bytes())
    assert unnamed.status_code == 200 and unnamed.json()["file"] == "upload"
    assert unnamed.json()["records"] == a


def test_the_page_shows_every_grouping(client: Client, claims_files: dict[str, Path]) -> None:
    path = claims_files["parquet"]
    r = _upload(client, path.name, path.read_bytes(), "outlet")
    assert r.status_code == 200, r.text[:500]
    page = r.text
    assert 'data-chosen="outlet"' in page and "Traceback" not in page
    for by in BY:
        assert f'id="track-{by}"' in page and f'id="tab-{by}"' in page
        for record in _api(client, path, by=by).json()["records"]:
            if record["year"] == "all":
                assert _escaped(record["claimant"]) in page
    assert page.count("<svg") >= 2 * len(BY)  # the two charts a grouping
    claims = _claim_rows(path)
    checkable = sum(r["label"] in VERDICTS for r in claims)
    assert f"{len(claims):,} claims read, {checkable:,} checkable" in page
    # the form keeps the choice; the page lists the site's other pages
    assert '<option value="outlet" selected>' in page and 'href="/check"' in page


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&#34;").replace("'", "&#39;")


def test_the_form_alone(client: Client) -> None:
    r = client.get("/track-record", params={"by": "claimant-type"})
    assert r.status_code == 200
    assert 'enctype="multipart/form-data"' in r.text and 'accept=".parquet,.csv"' in r.text
    assert '<option value="claimant-type" selected>' in r.text
    assert client.get("/track-record", params={"by": "nonsense"}).status_code == 200


def _without(path: Path, column: str) -> bytes:
    table = pq.read_table(path)
    out = io.BytesIO()
    pq.write_table(table.drop_columns([column]), out)
    return out.getvalue()


def _bad_files(claims: Path) -> list[tuple[str, bytes, int, str]]:
    """(name, content, status, what the error says) for files the page and API refuse."""
    csv_text = claims.with_suffix(".csv").read_bytes()
    header_only = b"id,url,date,outlet,text\n1,,2025-01-01,Wire,Russia spent 6% of GDP.\n"
    return [
        ("claims.parquet", b"", 400, "empty (0 bytes)"),
        ("claims.parquet", b"PAR1 not really PAR1", 400, "not a readable Parquet file"),
        ("claims.parquet", csv_text, 400, "not a Parquet file"),
        ("claims.csv", claims.read_bytes(), 400, "is a Parquet file, not CSV"),
        ("claims.csv", b"\xff\xfe\x00binary", 400, "neither Parquet nor a UTF-8 CSV"),
        ("articles.csv", header_only, 400, "lacks the column(s) status, kind, label"),
        ("claims.parquet", _without(claims, "label"), 400, "lacks the column(s) label"),
        ("claims.csv", csv_text.replace(b"\n", b"\nx,", 1)[:2000], 400, "not a claims file"),
    ]


def test_bad_files_are_refused_by_the_api(client: Client, claims_files: dict[str, Path]) -> None:
    for name, content, status, says in _bad_files(claims_files["parquet"]):
        fmt = Path(name).suffix[1:]  # a client says what it sends (else the bytes decide)
        r = client.post("/api/track-record", params={"name": name, "format": fmt},
                        content=content)
        assert r.status_code == status, (name, says, r.text)
        error = ErrorOut.model_validate(r.json()).error
        assert says in error and name in error and "\n" not in error, (says, error)
        assert "milbalance-track-" not in error  # the temporary copy is never named


def test_bad_files_are_refused_on_the_page(client: Client,
                                           claims_files: dict[str, Path]) -> None:
    cases = [*_bad_files(claims_files["parquet"]),
             ("claims.xlsx", b"PK\x03\x04", 400, "choose a .parquet or .csv file"),
             ("articles.jsonl", b'{"id": "a", "text": "x"}\n', 400, "read them first"),
             ("", b"", 400, "choose a claims file to upload")]
    for name, content, status, says in cases:
        r = _upload(client, name, content)
        assert r.status_code == status, (name, says, r.text[:300])
        assert 'role="alert"' in r.text and _escaped(says) in r.text, (says, r.text[:600])
        assert "Traceback" not in r.text and 'id="track-form"' in r.text


def test_a_form_without_its_fields_or_not_multipart(client: Client) -> None:
    r = client.post("/track-record", data={"by": "speaker"})
    assert r.status_code == 400 and "multipart/form-data" in r.text
    r = _upload(client, "claims.parquet", b"PAR1", by="country")
    assert r.status_code == 400 and "choose one of speaker, claimant-type, outlet" in r.text
    r = client.post("/api/track-record", params={"by": "country"}, content=b"x")
    assert r.status_code == 422 and r.json()["error"].startswith("by: ")
    r = client.post("/api/track-record", params={"format": "xlsx"}, content=b"x")
    assert r.status_code == 422 and r.json()["error"].startswith("format: ")


def test_too_large_is_413_with_what_to_do(client: Client, claims_files: dict[str, Path],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    big = b"x" * (limits.CLAIMS_FILE_BYTES_MAX + 1)
    r = client.post("/api/track-record", content=big)
    assert r.status_code == 413 and "milbalance track-record FILE" in r.json()["error"]
    r = _upload(client, "claims.csv", big)
    assert r.status_code == 413 and 'role="alert"' in r.text and "any size" in r.text
    assert 'id="track-form"' in r.text  # the form again, to choose another file
    rows = len(pq.read_table(claims_files["parquet"]))
    monkeypatch.setattr(limits, "CLAIMS_ROWS_MAX", rows - 1)
    for path in claims_files.values():
        r = _api(client, path)
        assert r.status_code == 413 and f"over the web app's {rows - 1:,}" in r.json()["error"]
        r = _upload(client, path.name, path.read_bytes())
        assert r.status_code == 413 and f"over the web app&#39;s {rows - 1:,}" in r.text


def test_a_claims_file_without_claims_is_answered_empty(client: Client, tmp_path: Path,
                                                        claims_files: dict[str, Path]) -> None:
    table = pq.read_table(claims_files["parquet"])
    no_claims = table.filter(pc.not_equal(table["status"], "claim"))
    assert no_claims.num_rows  # the fixture has an unreadable article
    out = io.BytesIO()
    pcsv.write_csv(no_claims, out)
    r = client.post("/api/track-record", params={"name": "none.csv"}, content=out.getvalue())
    assert r.status_code == 200 and r.json()["records"] == []
    r = _upload(client, "none.csv", out.getvalue())
    assert r.status_code == 200 and "This file has no claims to count" in r.text


def test_the_by_values_are_the_librarys() -> None:
    assert [b.value for b in track_view.By] == list(BY)


def test_a_browser_form_body_splits_into_its_fields() -> None:
    """Bytes that look like a boundary or a blank line inside the file stay the file's."""
    import httpx

    content = b"PAR1\r\n--x\r\n\r\n\r\nPAR1\r\n"
    request = httpx.Request("POST", "http://localhost/", data={"by": "outlet"},
                            files={"file": ("naïve «x».parquet", content)})
    got = fields(request.read(), request.headers["content-type"])
    assert got["by"].content == b"outlet" and got["by"].filename is None
    assert got["file"].content == content and got["file"].filename == "naïve «x».parquet"


def test_the_readme_states_the_limits() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"up to {limits.CLAIMS_FILE_BYTES_MAX // 2**20} MiB and " \
        f"{limits.CLAIMS_ROWS_MAX:,} rows" in readme
    assert "/api/track-record?by=" in readme


def test_busy_is_503_with_retry_after(client: Client, app: Any,
                                      claims_files: dict[str, Path]) -> None:
    """Claims files are read one at a time, a few waiting; the rest are told to come back."""
    from milbalance.web.admission import Admission

    kept = app.state.uploads  # (pytest's monkeypatch loses a starlette State's attribute)
    app.state.uploads = Admission(1, 0, "busy reading claims files")
    path = claims_files["parquet"]
    try:
        with app.state.uploads.slot():  # a file being read
            r = _api(client, path)
            assert r.status_code == 503 and r.headers["retry-after"]
            assert r.json()["error"] == "busy reading claims files"
            r = _upload(client, path.name, path.read_bytes())
            assert r.status_code == 503 and "busy reading claims files" in r.text
        assert _api(client, path).status_code == 200
    finally:
        app.state.uploads = kept
