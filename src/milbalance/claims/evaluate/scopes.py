"""'Europe' is three scopes: the EU, NATO's European members and SIPRI's region (which counts
Russia and Ukraine). The gazetteer reads a bare 'Europe' as the EU and says so; a verdict on
it stands only when the scopes agree, or, for a figure, when one of them fits it.

A level ('Europe spent $693 billion') is supported on the scope its figure fits, named in
the reading; one no scope fits is not refuted on the EU's reading alone. A comparison
('Russia outspends Europe') keeps its label when every scope gives it, and is not checkable
when they differ: the answer turns on what 'Europe' means."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from milbalance.claims.gazetteer import EUROPE_CAVEAT
from milbalance.claims.kinds import Claim, Comparison, Level
from milbalance.claims.verdict import Label, Verdict

OTHER_SCOPES = ("NATO_EUROPE", "EUROPE")
"""The readings of 'Europe' besides the EU's, tried in this order."""


def _rescoped(claim: Level | Comparison, scope: str) -> Claim:
    caveat = f"'Europe' read as {scope} (the EU's reading is the default)"
    cv = (*(c for c in claim.caveats if c != EUROPE_CAVEAT), caveat)
    if isinstance(claim, Comparison):
        if claim.subject == "EU":
            return replace(claim, caveats=cv, subject=scope)
        return replace(claim, caveats=cv, other=scope)
    return replace(claim, subject=scope, caveats=cv)


def europe_scopes(claim: Claim, verdict: Verdict, known: set[str],
                  evaluate: Callable[[Claim], Verdict]) -> Verdict:
    """``verdict`` on the EU's reading of 'Europe', checked against the other scopes."""
    if EUROPE_CAVEAT not in claim.caveats:
        return verdict
    scopes = [s for s in OTHER_SCOPES if s in known]
    if isinstance(claim, Level) and claim.subject == "EU":
        if verdict.label is Label.SUPPORTED:
            return verdict
        for scope in scopes:
            other = evaluate(_rescoped(claim, scope))
            if other.label is Label.SUPPORTED:
                return other
        if verdict.label is Label.REFUTED:
            return replace(verdict, label=Label.NOT_CHECKABLE, probability=None, summary=(
                f"Not checkable: 'Europe' may be the EU, NATO's European members or SIPRI's "
                f"region, and the figure fits none; one reading does not refute it. For the "
                f"EU: {verdict.summary}"), gaps=(*verdict.gaps, "which Europe is meant"))
        return verdict
    if isinstance(claim, Comparison) and "EU" in (claim.subject, claim.other) and \
            verdict.label is not Label.NOT_CHECKABLE:
        labels = {scope: evaluate(_rescoped(claim, scope)).label for scope in scopes}
        differ = {s: lab for s, lab in labels.items()
                  if lab is not Label.NOT_CHECKABLE and lab is not verdict.label}
        if differ:
            said = ", ".join(f"{s}: {lab.value}" for s, lab in differ.items())
            return replace(verdict, label=Label.NOT_CHECKABLE, probability=None, summary=(
                f"Not checkable: it turns on what 'Europe' means (the EU: "
                f"{verdict.label.value}; {said}). For the EU: {verdict.summary}"),
                gaps=(*verdict.gaps, "which Europe is meant"))
    return verdict
