"""A few short articles as JSONL, and the repository's store as workers see it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from milbalance.corpus import DataRef, data_ref
from milbalance.store import Store

REPO = Path(__file__).resolve().parents[2]

ARTICLES = [
    {"id": "a1", "url": "https://example.org/a1", "date": "2025-06-27", "outlet": "Wire",
     "text": "Vladimir Putin said on 27 June 2025 that 6.3% of Russia's GDP goes to defence."},
    {"id": "a2", "url": "https://example.org/a2", "date": "2025-11-14", "outlet": "Daily",
     "text": "NATO is currently producing more ammunition than Russia."},
    {"id": "a3", "url": "", "date": "", "outlet": "Wire",
     "text": "Russia spent more than 6% of GDP on defence in 2024."},
]


def write_jsonl(path: Path, rows: list[dict[str, str]], extra: bytes = b"") -> Path:
    with path.open("wb") as handle:
        for row in rows:
            handle.write(json.dumps(row).encode() + b"\n")
        handle.write(extra)
    return path


@pytest.fixture(scope="session")
def ref(tmp_path_factory: pytest.TempPathFactory) -> DataRef:
    with Store.open(REPO / "data", tmp_path_factory.mktemp("corpus") / "store.duckdb") as s:
        return data_ref(s)
