"""Track record: from a claims file, per claimant (speaker, claimant type or outlet) and year,
how many checkable claims, the shares supported, contested and refuted, and the claims they
repeat most.

A claim is checkable when it got a verdict (supported, contested or refuted). Attribution
rows ('X said it') check that a statement was made, not what it says, and are left out; claims
no one is named for count under "(not attributed)". The file is streamed in batches.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from milbalance.corpus.run import read_table
from milbalance.errors import UserError

BY = {"speaker": "speaker", "claimant-type": "claimant_type", "outlet": "outlet"}
VERDICTS = ("supported", "contested", "refuted")
NOT_ATTRIBUTED = "(not attributed)"
TOP = 3
COLUMNS = ("status", "kind", "label", "date", "reading", "article_id", "start")
"""The columns read from a claims file, with the column of the grouping (``BY``)."""


@dataclass
class Record:
    """One claimant in one year (``year`` "all" for the whole file)."""

    claimant: str
    year: str
    claims: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    repeated: Counter[str] = field(default_factory=Counter)  # reading → times

    @property
    def checkable(self) -> int:
        return sum(self.labels[v] for v in VERDICTS)

    def share(self, label: str) -> float | None:
        return self.labels[label] / self.checkable if self.checkable else None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"claimant": self.claimant, "year": self.year,
                               "claims": self.claims, "checkable": self.checkable}
        for v in VERDICTS:
            out[v] = self.labels[v]
            share = self.share(v)
            out[f"share_{v}"] = None if share is None else round(share, 4)
        out["most_repeated"] = [{"reading": r, "times": n}
                                for r, n in self.repeated.most_common(TOP) if n > 1]
        return out


def track_record(path: Path, by: str = "speaker") -> list[Record]:
    """Records per (claimant, year), then per claimant over all years (year "all"); claimants
    with most checkable claims first, years in order."""
    if by not in BY:
        raise UserError(f"--by {by!r}: choose one of {', '.join(BY)}")
    if not path.is_file():
        raise UserError(f"no such claims file: {path}")
    column = BY[by]
    records: dict[tuple[str, str], Record] = {}
    seen: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    try:
        for cols in _batches(path, column):
            _add(records, seen, cols, column)
    except UserError:
        raise
    except Exception as exc:
        raise UserError(f"{path} is not a claims file written by `milbalance read --out`: "
                        f"{exc}") from exc
    if by == "speaker":
        records = _merge_surnames(records)
    totals = {c: r.checkable for (c, y), r in records.items() if y == "all"}
    return sorted(records.values(), key=lambda r: (
        r.claimant == NOT_ATTRIBUTED, -totals[r.claimant], r.claimant, r.year == "all", r.year))


def _add(records: dict[tuple[str, str], Record], seen: defaultdict[tuple[str, str], set[str]],
         cols: dict[str, list[Any]], column: str) -> None:
    for status, kind, label, who, day, reading, article, start in zip(
            cols["status"], cols["kind"], cols["label"], cols[column], cols["date"],
            cols["reading"], cols["article_id"], cols["start"], strict=True):
        if status != "claim" or kind == "attribution":
            continue
        claimant = who or NOT_ATTRIBUTED
        for year in ((day or "")[:4] or "?", "all"):
            r = records.setdefault((claimant, year), Record(claimant, year))
            r.claims += 1
            r.labels[label or ""] += 1
            said = f"{article}\0{start}\0{reading}"  # a claim said again in another
            if label in VERDICTS and reading and said not in seen[(claimant, year)]:
                seen[(claimant, year)].add(said)  # sentence, not two read from one
                r.repeated[reading] += 1


def _merge_surnames(records: dict[tuple[str, str], Record]) -> dict[tuple[str, str], Record]:
    """'Rutte' counted as 'Mark Rutte' where the file names one speaker with that surname."""
    names = {c for c, _ in records}
    full: dict[str, set[str]] = defaultdict(set)
    for name in names:
        if " " in name:
            full[name.split()[-1]].add(name)
    out: dict[tuple[str, str], Record] = {}
    for (name, year), r in records.items():
        whole = full.get(name, set())
        target = next(iter(whole)) if " " not in name and len(whole) == 1 else name
        into = out.setdefault((target, year), Record(target, year))
        into.claims += r.claims
        into.labels.update(r.labels)
        into.repeated.update(r.repeated)
    return out


def _batches(path: Path, column: str) -> Any:
    names = list(COLUMNS)
    if column not in names:
        names.append(column)
    for batch in read_table(path, names):
        yield batch.to_pydict()


def chart(records: list[Record], out: Path, top: int = 8) -> None:
    """Share of checkable claims supported and refuted per year, for the claimants with most."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(dict.fromkeys(r.claimant for r in records if r.year == "all"
                               and r.checkable))[:top]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharey=True)
    for ax, label in zip(axes, ("supported", "refuted"), strict=True):
        for name in names:
            points = [(r.year, r.share(label)) for r in records if r.claimant == name
                      and r.year not in ("all", "?") and r.checkable]
            if points:
                ax.plot([int(y) for y, _ in points], [s for _, s in points], marker="o",
                        label=f"{name}")
        ax.set_title(f"share of checkable claims {label}")
        ax.set_xlabel("year")
        ax.set_ylim(-0.05, 1.05)
    axes[0].legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
