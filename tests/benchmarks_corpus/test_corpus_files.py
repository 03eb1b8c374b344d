"""Every file of the claims corpus (benchmarks/corpus/articles/) follows the format in
benchmarks/corpus/README.md, checked with the evaluator's own validation (the checker is not
run here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.benchmarks_corpus.scripts import load_script

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "benchmarks" / "corpus" / "articles"


claims_eval = load_script("claims_eval")
FILES = sorted(ARTICLES.glob("*.json"))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_article_file_is_valid(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    claims_eval.validate_article(data, path.name)


def test_corpus_loads_and_both_splits_are_non_empty() -> None:
    articles = claims_eval.load_corpus(ARTICLES)
    splits = {a["split"] for a in articles}
    assert splits == {"dev", "heldout"}, f"splits present: {sorted(splits)}"


def test_split_rule_matches_the_readme() -> None:
    # sha1 of the url, odd -> heldout: fixed examples so the rule itself cannot drift
    import hashlib
    for url in ("https://example.org/a", "https://example.org/b", "https://example.org/c"):
        odd = int(hashlib.sha1(url.encode()).hexdigest(), 16) % 2 == 1
        assert claims_eval.split_for(url) == ("heldout" if odd else "dev")


def test_validation_names_file_and_field() -> None:
    good = {
        "id": "x-2024-01-a", "url": "https://example.org/a", "outlet": "X", "date": "2024-01-02",
        "kind": "news", "split": claims_eval.split_for("https://example.org/a"),
        "labelled_by": "test", "excerpt": "Russia made 2 million shells in 2023.",
        "claims": [{"sentence": "Russia made 2 million shells in 2023.", "claim": "c",
                    "kind": "level", "subject": "RUS", "checkable": True, "label": "supported",
                    "accept": [], "evidence": "e", "note": "n"}],
    }
    claims_eval.validate_article(good, "x-2024-01-a.json")
    bad = json.loads(json.dumps(good))
    bad["claims"][0]["sentence"] = "Not in the excerpt."
    with pytest.raises(claims_eval.CorpusError, match=r"x-2024-01-a\.json: claims\[0\]\.sentence"):
        claims_eval.validate_article(bad, "x-2024-01-a.json")
    bad = json.loads(json.dumps(good))
    bad["split"] = "heldout" if good["split"] == "dev" else "dev"
    with pytest.raises(claims_eval.CorpusError, match=r"x-2024-01-a\.json: split"):
        claims_eval.validate_article(bad, "x-2024-01-a.json")
    bad = json.loads(json.dumps(good))
    bad["claims"][0]["label"] = "true"
    with pytest.raises(claims_eval.CorpusError, match=r"claims\[0\]\.label"):
        claims_eval.validate_article(bad, "x-2024-01-a.json")


def test_scoring_rules_without_the_checker() -> None:
    # one article, three gold claims; the "checker" output is made up here, nothing is run
    excerpt = ("Russia made 3 million shells in 2024. Europe made 1 million. "
               "This is a disgrace.")
    url = "https://example.org/scoring"
    article = {
        "id": "x", "url": url, "outlet": "X", "date": "2025-01-01", "kind": "news",
        "split": claims_eval.split_for(url), "labelled_by": "t", "excerpt": excerpt,
        "claims": [
            {"sentence": "Russia made 3 million shells in 2024.", "claim": "c", "kind": "level",
             "subject": "RUS", "checkable": True, "label": "contested", "accept": ["supported"],
             "evidence": "e", "note": "n"},
            {"sentence": "Europe made 1 million.", "claim": "c", "kind": "level",
             "subject": "EU", "checkable": True, "label": "refuted", "accept": [],
             "evidence": "e", "note": "n"},
            {"sentence": "This is a disgrace.", "claim": "c", "kind": "opinion", "subject": "",
             "checkable": False, "label": "not_checkable", "accept": [], "evidence": "",
             "note": ""},
        ],
    }
    s1, s2, s3 = (excerpt.find(c["sentence"]) for c in article["claims"])
    found = [
        # right: supported is accepted, span has a trailing space
        claims_eval.Found("x", s1, s1 + 38, "supported", "level", ("RUS",), "", ""),
        # wrong subject: no match for recall, wrong for precision
        claims_eval.Found("x", s2, s2 + 22, "refuted", "level", ("USA",), "", ""),
        # a verdict on an opinion is wrong
        claims_eval.Found("x", s3, s3 + 19, "supported", "level", None, "", ""),
    ]
    score = claims_eval.SplitScore("dev")
    claims_eval.score_article(article, found, [], score)
    out = score.summary()
    assert (out["gold_claims"], out["checkable_gold_claims"], out["verdicts"]) == (3, 2, 3)
    assert out["recall_checkable"] == 0.5
    assert out["wrong_verdicts"] == 2
    assert out["missed"] == 1
    # a checker failure on an article counts its checkable claims as missed
    failed = claims_eval.SplitScore("dev")
    claims_eval.score_article(article, None, [], failed)
    assert failed.summary()["missed"] == 2 and failed.summary()["verdicts"] == 0
