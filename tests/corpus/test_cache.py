"""The data travel by content hash: a worker without the folder unpacks what was sent once;
a worker keeps one Checker per hash; the verdict cache answers a repeated claim."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest

from milbalance.corpus import cache
from milbalance.corpus.cache import CachingEvaluator, DataRef, checker_for, pack
from milbalance.errors import UserError
from tests.corpus.conftest import ARTICLES, REPO


def test_a_worker_without_the_data_unpacks_it_once(tmp_path: Path, ref: DataRef,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(cache, "_CHECKERS", {})  # a fresh worker
    with pytest.raises(UserError, match="not on this worker"):
        checker_for(DataRef(ref.data_hash, str(tmp_path / "elsewhere")))
    remote = DataRef(ref.data_hash, str(tmp_path / "elsewhere"), "", pack(REPO / "data"))
    checker = checker_for(remote)
    assert (tmp_path / "milbalance-corpus" / ref.data_hash / "store.duckdb").is_file()
    assert checker_for(remote) is checker and checker_for(ref) is checker  # one per hash
    # the unpacked store gives this machine's verdicts (the engine keys its random streams
    # by the file paths the store records)
    monkeypatch.setattr(cache, "_CHECKERS", {})
    here = checker_for(ref).read(ARTICLES[1]["text"], date(2025, 11, 14))
    assert checker.read(ARTICLES[1]["text"], date(2025, 11, 14)) == here


def test_a_repeated_claim_is_evaluated_once(ref: DataRef) -> None:
    checker = checker_for(ref)
    verdicts = checker.evaluator
    assert isinstance(verdicts, CachingEvaluator)
    text, on = ARTICLES[2]["text"], date(2025, 3, 1)
    first = checker.read(text, on)
    hits = verdicts.hits
    again = checker.read(text, on)
    assert verdicts.hits - hits == len(first.claims) > 0
    assert again == first
