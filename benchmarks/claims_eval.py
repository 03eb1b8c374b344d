"""Score the claim checker on the corpus of real reporting (benchmarks/corpus/articles/).

    .venv/bin/python benchmarks/claims_eval.py [--split dev|heldout|both] [--json]
                                               [--show-misses]

Every article file is validated first (see ``validate_article``; the format and the split rule
are in benchmarks/corpus/README.md). Then the checker reads each excerpt at the article's date
(``milbalance.claims.Checker(store).read(excerpt, on=date)``, the store opened as the CLI opens
it) and its claims are matched against the gold claims of the same article.

Matching
--------
A checker claim *lies in* a gold sentence when the sentence span the checker reports is inside
the gold sentence, or contains the whole gold sentence (the checker's segmentation may join a
sentence to a heading or a neighbour), up to three characters at either end (quote marks,
bullets). It matches a gold claim in that sentence when, besides,
the subjects agree: the gold claim names no subject, or the checker claim has no ``subject``
attribute, or the gold subject is the checker claim's ``subject`` (or, for a comparison, its
``other``: "A makes more than B" and "B makes less than A" are one claim).

Scores, per split
-----------------
- recall of checkable claims: of gold claims with ``checkable: true``, the share matched by a
  checker *verdict* (supported, contested or refuted). One verdict covers at most one gold
  claim (a maximum one-to-one matching; a verdict of the same kind is tried first).
- verdict precision: of all checker verdicts, the share that match some gold claim (same kind
  preferred: when a gold claim of the verdict's kind matches, only those are considered) whose
  ``label`` or ``accept`` list contains the verdict's label. A verdict on a sentence with no
  gold claim, or matching only gold claims labelled not_checkable, is wrong.
- wrong verdicts: verdicts that are not correct in the sense above.
- not-checkable rate: share of gold checkable claims without a matching verdict, split into
  those the checker saw but left not checkable (a not-checkable claim or a skipped sentence
  with a not-checkable reason overlapping the gold sentence) and those it missed entirely.

``--show-misses`` lists wrong verdicts and unmatched checkable claims of the dev split only.
The held-out split is only scored: its misses are never printed (rules must not be fitted to
it), so ``--show-misses`` refuses ``--split heldout``; with ``--split both`` it lists dev only.

A checker exception on one article is caught: that article's checkable claims count as missed,
its verdicts as none, and the error is printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus" / "articles"

LABELS = ("supported", "contested", "refuted", "not_checkable")
VERDICT_LABELS = ("supported", "contested", "refuted")
ARTICLE_KINDS = ("news", "think-tank", "government", "fact-check")
CLAIM_KINDS = ("level", "comparison", "share_of_gdp", "change", "rank", "record",
               "share_of_total", "count", "target", "attribution", "consistency", "opinion",
               "forecast", "other")
SPLITS = ("dev", "heldout")
ARTICLE_FIELDS = {"id": str, "url": str, "outlet": str, "date": str, "kind": str, "split": str,
                  "labelled_by": str, "excerpt": str, "claims": list}
CLAIM_FIELDS = {"sentence": str, "claim": str, "kind": str, "subject": str, "checkable": bool,
                "label": str, "accept": list, "evidence": str, "note": str}
# gold kinds the checker has no kind of its own for, read as the checker kind closest to them
_KIND_ALIASES = {"target": "level", "opinion": "not_checkable", "forecast": "not_checkable"}


WRONG_CAUSES = ("gold not checkable", "other label", "other subject", "no gold claim")
"""Why a verdict counts as wrong: the analyst called the claim not checkable; gave another
label; the sentence's gold claims are about another subject; the sentence has no gold claim."""


class CorpusError(ValueError):
    """A corpus file that breaks the format: the message names the file and the field."""


def split_for(url: str) -> str:
    """The split the README's rule gives an article: sha1 of its url, odd → heldout."""
    return "heldout" if int(hashlib.sha1(url.encode()).hexdigest(), 16) % 2 == 1 else "dev"


def validate_article(data: Any, name: str) -> dict[str, Any]:
    """Check one article's parsed JSON against the corpus format; return it unchanged.

    Raises CorpusError naming ``name`` (the file) and the field at fault."""

    def fail(where: str, problem: str) -> CorpusError:
        return CorpusError(f"{name}: {where}: {problem}")

    if not isinstance(data, dict):
        raise fail("(top level)", "must be a JSON object")
    for key, typ in ARTICLE_FIELDS.items():
        if key not in data:
            raise fail(key, "missing")
        if not isinstance(data[key], typ):
            raise fail(key, f"must be a {typ.__name__}, got {type(data[key]).__name__}")
        if typ is str and not data[key].strip():
            raise fail(key, "is empty")
    extra = set(data) - set(ARTICLE_FIELDS)
    if extra:
        raise fail(", ".join(sorted(extra)), "unknown field(s)")
    stem = name[:-5] if name.endswith(".json") else name
    if data["id"] != stem:
        raise fail("id", f"{data['id']!r} differs from the file name {stem!r}")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", data["id"]):
        raise fail("id", "use lower-case letters, digits and hyphens: outlet-yyyy-mm-slug")
    if not re.fullmatch(r"https?://\S+", data["url"]):
        raise fail("url", f"{data['url']!r} is not an http(s) address")
    try:
        day = date.fromisoformat(data["date"])
    except ValueError:
        raise fail("date", f"{data['date']!r} is not YYYY-MM-DD") from None
    if not 2023 <= day.year <= 2026:
        raise fail("date", f"{day} is outside 2023-2026")
    if data["kind"] not in ARTICLE_KINDS:
        raise fail("kind", f"{data['kind']!r} is not one of {', '.join(ARTICLE_KINDS)}")
    if data["split"] not in SPLITS:
        raise fail("split", f"{data['split']!r} is not dev or heldout")
    rule = split_for(data["url"])
    if data["split"] != rule:
        raise fail("split", f"is {data['split']!r} but the sha1 rule on the url gives {rule!r}")
    if not data["claims"]:
        raise fail("claims", "is empty: an article needs at least one labelled claim")
    excerpt = data["excerpt"]
    for i, claim in enumerate(data["claims"]):
        where = f"claims[{i}]"
        if not isinstance(claim, dict):
            raise fail(where, "must be a JSON object")
        for key, typ in CLAIM_FIELDS.items():
            if key not in claim:
                raise fail(f"{where}.{key}", "missing")
            if not isinstance(claim[key], typ):
                raise fail(f"{where}.{key}",
                           f"must be a {typ.__name__}, got {type(claim[key]).__name__}")
        extra = set(claim) - set(CLAIM_FIELDS)
        if extra:
            raise fail(f"{where}.{', '.join(sorted(extra))}", "unknown field(s)")
        for key in ("sentence", "claim"):
            if not claim[key].strip():
                raise fail(f"{where}.{key}", "is empty")
        if claim["label"] != "not_checkable" and not claim["evidence"].strip():
            raise fail(f"{where}.evidence", "is empty: a verdict label needs its sourced figure")
        if claim["sentence"] not in excerpt:
            raise fail(f"{where}.sentence", f"is not a substring of the excerpt: "
                       f"{claim['sentence'][:70]!r}")
        if claim["kind"] not in CLAIM_KINDS:
            raise fail(f"{where}.kind", f"{claim['kind']!r} is not one of "
                       f"{', '.join(CLAIM_KINDS)}")
        if claim["label"] not in LABELS:
            raise fail(f"{where}.label", f"{claim['label']!r} is not one of {', '.join(LABELS)}")
        for extra_label in claim["accept"]:
            if extra_label not in LABELS:
                raise fail(f"{where}.accept", f"{extra_label!r} is not one of "
                           f"{', '.join(LABELS)}")
        if claim["checkable"] and claim["label"] == "not_checkable":
            raise fail(f"{where}.label", "a checkable claim needs a verdict label, "
                       "not not_checkable")
        if claim["kind"] in ("opinion", "forecast") and claim["checkable"]:
            raise fail(f"{where}.checkable", f"a {claim['kind']} is never checkable")
    return data


def load_corpus(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """Every article file in ``folder``, validated, sorted by id."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorpusError(f"{path.name}: (file): cannot read JSON: {exc}") from exc
        articles.append(validate_article(data, path.name))
    ids = [a["id"] for a in articles]
    urls = [a["url"] for a in articles]
    for seen, what in ((ids, "id"), (urls, "url")):
        dup = {x for x in seen if seen.count(x) > 1}
        if dup:
            raise CorpusError(f"(corpus): {what}: used by more than one file: {sorted(dup)}")
    return articles


# --- scoring -------------------------------------------------------------------------------


@dataclass
class Gold:
    article: str
    index: int
    start: int
    end: int
    claim: dict[str, Any]


@dataclass
class Found:
    """One claim the checker gave on an excerpt."""

    article: str
    start: int
    end: int
    label: str
    kind: str
    subjects: tuple[str, ...] | None  # None: the claim has no subject attribute
    text: str
    summary: str


@dataclass
class SplitScore:
    split: str
    articles: int = 0
    gold_claims: int = 0
    checkable: int = 0
    verdicts: int = 0
    correct_verdicts: int = 0
    matched_checkable: int = 0
    left_not_checkable: int = 0
    missed: int = 0
    errors: list[str] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    confusion: dict[str, int] = field(default_factory=dict)
    """'checker label / gold label' → verdicts, for verdicts matched to a gold claim."""
    causes: dict[str, int] = field(default_factory=dict)
    """Wrong verdicts counted by cause (a count per split: no sentence is named)."""

    def summary(self) -> dict[str, Any]:
        def share(n: int, d: int) -> float | None:
            return round(n / d, 3) if d else None
        return {
            "split": self.split,
            "articles": self.articles,
            "gold_claims": self.gold_claims,
            "checkable_gold_claims": self.checkable,
            "verdicts": self.verdicts,
            "recall_checkable": share(self.matched_checkable, self.checkable),
            "verdict_precision": share(self.correct_verdicts, self.verdicts),
            "wrong_verdicts": self.verdicts - self.correct_verdicts,
            "not_checkable_rate": share(self.left_not_checkable + self.missed, self.checkable),
            "left_not_checkable": self.left_not_checkable,
            "missed": self.missed,
            "checker_errors": len(self.errors),
            **{f"wrong: {c}": self.causes.get(c, 0) for c in WRONG_CAUSES},
        }


_EDGE_SLACK = 3
"""Characters a checker's sentence may stick out of (or fall short of) a gold sentence at
either end and still lie in it: an opening quote, a closing quote and a space, a bullet mark."""


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _lies_in(found: Found, gold: Gold, excerpt: str) -> bool:
    """The checker's sentence is inside the gold sentence, or holds all of it."""
    s0, s1 = found.start, found.end
    # trim whitespace either side of the checker's span before comparing
    while s0 < s1 and excerpt[s0].isspace():
        s0 += 1
    while s1 > s0 and excerpt[s1 - 1].isspace():
        s1 -= 1
    if s0 >= s1:
        return False
    slack = _EDGE_SLACK  # quotes, dashes or bullet marks one side counts and the other not
    inside = gold.start - slack <= s0 and s1 <= gold.end + slack
    holds = s0 <= gold.start + slack and gold.end - slack <= s1
    return inside or holds


def _subject_ok(found: Found, gold: Gold) -> bool:
    subject = gold.claim["subject"].strip()
    if not subject or found.subjects is None:
        return True
    return subject in found.subjects


def _gold_kind(gold: Gold) -> str:
    kind = gold.claim["kind"]
    return _KIND_ALIASES.get(kind, kind)


def _matches(found: Found, gold: Gold, excerpt: str) -> bool:
    return _lies_in(found, gold, excerpt) and _subject_ok(found, gold)


def _max_matching(golds: list[Gold], verdicts: list[Found], excerpt: str) -> set[int]:
    """Indices of ``golds`` covered by a one-to-one matching of verdicts to gold claims.

    Kuhn's augmenting paths; each gold claim tries verdicts of its own kind first."""
    edges: list[list[int]] = []
    for g in golds:
        ok = [j for j, v in enumerate(verdicts) if _matches(v, g, excerpt)]
        ok.sort(key=lambda j: verdicts[j].kind != _gold_kind(g))
        edges.append(ok)
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(golds)):
        augment(i, set())
    return set(owner.values())


def _subjects_of(claim: Any) -> tuple[str, ...] | None:
    """The entity ids a checker claim is about; None when it has no subject attribute."""
    subject = getattr(claim, "subject", None)
    if subject is None:
        return None
    subjects = [str(subject)]
    other = getattr(claim, "other", None)
    if other:
        subjects.append(str(other))
    return tuple(subjects)


def _span(excerpt: str, start: Any, end: Any, text: str) -> tuple[int, int]:
    """The claim's sentence span; when the checker gives none, where its text occurs."""
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return start, end
    at = excerpt.find(text) if text else -1
    return (at, at + len(text)) if at >= 0 else (0, 0)


def run_checker(checker: Any, article: dict[str, Any]) -> tuple[list[Found], list[tuple[int, int]]]:
    """The checker's claims on the excerpt, and the spans it left not checkable.

    Reads the Reading defensively (``claims`` with ``verdict``, ``start``, ``end``; ``skipped``
    with ``kind``, ``start``, ``end``) so that a field the checker drops costs a match, not
    the run."""
    excerpt = article["excerpt"]
    reading = checker.read(excerpt, on=date.fromisoformat(article["date"]))
    found = []
    for c in getattr(reading, "claims", ()):
        v = getattr(c, "verdict", c)
        claim = getattr(v, "claim", None)
        text = str(getattr(claim, "text", "") or "")
        start, end = _span(excerpt, getattr(c, "start", None), getattr(c, "end", None), text)
        kind = getattr(claim, "kind", "")
        found.append(Found(article["id"], start, end, str(getattr(v, "label", "")),
                           str(getattr(kind, "value", kind)), _subjects_of(claim), text,
                           str(getattr(v, "summary", ""))))
    not_checkable = []
    for s in getattr(reading, "skipped", ()):
        if getattr(s, "kind", "") == "not_checkable":
            not_checkable.append(_span(excerpt, getattr(s, "start", None), getattr(s, "end", None),
                                       str(getattr(s, "text", ""))))
    return found, not_checkable


def score_article(article: dict[str, Any], found: list[Found] | None,
                  not_checkable: list[tuple[int, int]], score: SplitScore) -> None:
    """Add one article to ``score``; ``found`` None means the checker failed on it."""
    excerpt = article["excerpt"]
    golds = []
    for i, claim in enumerate(article["claims"]):
        start = excerpt.find(claim["sentence"])
        golds.append(Gold(article["id"], i, start, start + len(claim["sentence"]), claim))
    checkable = [g for g in golds if g.claim["checkable"]]
    score.articles += 1
    score.gold_claims += len(golds)
    score.checkable += len(checkable)
    if found is None:
        score.missed += len(checkable)
        for g in checkable:
            score.unmatched.append(_gold_row(g, "checker error"))
        return
    verdicts = [f for f in found if f.label in VERDICT_LABELS]
    nc_found = [f for f in found if f.label not in VERDICT_LABELS]
    score.verdicts += len(verdicts)
    # recall
    covered = _max_matching(checkable, verdicts, excerpt)
    score.matched_checkable += len(covered)
    for i, g in enumerate(checkable):
        if i in covered:
            continue
        seen = any(_matches(f, g, excerpt) for f in nc_found) or any(
            _overlaps(s0, s1, g.start, g.end) for s0, s1 in not_checkable)
        if seen:
            score.left_not_checkable += 1
        else:
            score.missed += 1
        score.unmatched.append(_gold_row(g, "left not checkable" if seen else "missed"))
    # precision
    for v in verdicts:
        candidates = [g for g in golds if _matches(v, g, excerpt)]
        same_kind = [g for g in candidates if _gold_kind(g) == v.kind]
        pool = same_kind or candidates
        right = any(v.label == g.claim["label"] or v.label in g.claim["accept"] for g in pool
                    if g.claim["label"] != "not_checkable")
        if pool:
            gold = next((g.claim["label"] for g in pool if g.claim["label"] == v.label),
                        pool[0].claim["label"])
            key = f"{v.label} / {gold}"
            score.confusion[key] = score.confusion.get(key, 0) + 1
        if right:
            score.correct_verdicts += 1
            continue
        if not candidates:
            in_sentence = any(_lies_in(v, g, excerpt) for g in golds)
            cause = "other subject" if in_sentence else "no gold claim"
            why = ("the sentence's gold claims are about another subject" if in_sentence
                   else "no gold claim in that sentence")
        elif all(g.claim["label"] == "not_checkable" for g in pool):
            cause, why = "gold not checkable", "gold: not checkable"
        else:
            cause = "other label"
            why = "gold label(s): " + "; ".join(
                f"{g.claim['label']} (+{','.join(g.claim['accept'])})" if g.claim["accept"]
                else g.claim["label"] for g in pool)
        score.causes[cause] = score.causes.get(cause, 0) + 1
        score.wrong.append({"article": v.article, "sentence": excerpt[v.start:v.end].strip(),
                            "checker": f"{v.kind} · {v.label}: {v.summary}",
                            "subjects": list(v.subjects or ()), "why_wrong": why})


def _gold_row(g: Gold, what: str) -> dict[str, Any]:
    return {"article": g.article, "claim": g.index, "sentence": g.claim["sentence"],
            "gold": f"{g.claim['kind']} · {g.claim['subject'] or '-'} · {g.claim['label']}: "
                    f"{g.claim['claim']}", "outcome": what}


def evaluate(articles: list[dict[str, Any]], splits: tuple[str, ...],
             out: Any = sys.stderr, trace: bool = False) -> dict[str, SplitScore]:
    """Run the checker on every article of ``splits`` and score it."""
    from milbalance.claims import Checker
    from milbalance.store import Store

    scores = {s: SplitScore(s) for s in splits}
    with Store.open() as store:
        checker = Checker(store)
        for article in articles:
            if article["split"] not in scores:
                continue
            score = scores[article["split"]]
            try:
                found, not_checkable = run_checker(checker, article)
            except Exception as exc:
                message = f"{article['id']}: checker error: {type(exc).__name__}: {exc}"
                score.errors.append(message)
                print(message, file=out)
                if trace:
                    traceback.print_exc(file=out)
                found, not_checkable = None, []
            score_article(article, found, not_checkable, score)
    return scores


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def print_table(scores: dict[str, SplitScore]) -> None:
    rows = [("articles", "articles", str), ("gold claims", "gold_claims", str),
            ("checkable gold claims", "checkable_gold_claims", str),
            ("checker verdicts", "verdicts", str),
            ("recall of checkable claims", "recall_checkable", _pct),
            ("verdict precision", "verdict_precision", _pct),
            ("wrong verdicts", "wrong_verdicts", str),
            ("not-checkable rate", "not_checkable_rate", _pct),
            ("  left not checkable", "left_not_checkable", str),
            ("  missed", "missed", str),
            ("checker errors", "checker_errors", str),
            *((f"  wrong: {c}", f"wrong: {c}", str) for c in WRONG_CAUSES)]
    summaries = {s: sc.summary() for s, sc in scores.items()}
    width = max(len(r[0]) for r in rows) + 2
    print("".ljust(width) + "".join(s.rjust(10) for s in summaries))
    for title, key, fmt in rows:
        print(title.ljust(width) + "".join(fmt(summ[key]).rjust(10)
                                           for summ in summaries.values()))


def print_confusion(scores: dict[str, SplitScore]) -> None:
    """Verdict labels against the gold label of the claim they matched, per split."""
    keys = sorted({k for sc in scores.values() for k in sc.confusion})
    if not keys:
        return
    print()
    print("checker / gold label".ljust(30) + "".join(s.rjust(10) for s in scores))
    for k in keys:
        print(f"  {k}".ljust(30) + "".join(str(sc.confusion.get(k, 0)).rjust(10)
                                         for sc in scores.values()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "both"), default="dev")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--show-misses", action="store_true",
                        help="list wrong verdicts and unmatched claims (dev split only)")
    parser.add_argument("--trace", action="store_true", help="print tracebacks of checker errors")
    args = parser.parse_args(argv)
    if args.show_misses and args.split == "heldout":
        print("--show-misses refuses the held-out split: it is only scored, its misses are "
              "never read (use --split dev)", file=sys.stderr)
        return 2
    try:
        articles = load_corpus()
    except CorpusError as exc:
        print(f"corpus error: {exc}", file=sys.stderr)
        return 2
    splits = SPLITS if args.split == "both" else (args.split,)
    try:
        import milbalance.claims  # noqa: F401 - fail here, clearly, if the checker cannot load
    except Exception as exc:
        print(f"cannot import the checker (milbalance.claims): {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return 1
    scores = evaluate(articles, splits, trace=args.trace)
    dev = scores.get("dev")
    if args.json:
        result: dict[str, Any] = {"splits": {s: sc.summary() for s, sc in scores.items()}}
        if args.show_misses and dev is not None:
            result["dev_misses"] = {"wrong_verdicts": dev.wrong, "unmatched": dev.unmatched}
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print_table(scores)
    print_confusion(scores)
    if args.show_misses and dev is not None:
        if args.split == "both":
            print("\n(misses listed for dev only; the held-out split is only scored)")
        print(f"\nwrong verdicts (dev, {len(dev.wrong)}):")
        for w in dev.wrong:
            print(f"- [{w['article']}] {w['sentence']}\n    checker: {w['checker']}\n"
                  f"    {w['why_wrong']}")
        print(f"\ncheckable claims without a verdict (dev, {len(dev.unmatched)}):")
        for u in dev.unmatched:
            print(f"- [{u['article']} #{u['claim']}] {u['outcome']}: {u['gold']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
