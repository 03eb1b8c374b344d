"""Attribution: somebody said something at a date, against the statements timeline."""

from __future__ import annotations

from datetime import date, timedelta

from milbalance.claims.evaluate.common import ATTRIBUTION_DAYS, EvaluatorBase, own_figure_claimant
from milbalance.claims.kinds import AttributionClaim
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for


def attribution(data: EvaluatorBase, c: AttributionClaim) -> Verdict:
    # the surname as a whole word: 'La' must not match 'Vladimir'
    said = [s for s in data.store.statements() if own_figure_claimant(s.claimant, c.speaker)]
    if not said:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No statement by {c.speaker} is recorded in the data.",
                       gaps=(f"no statements by {c.speaker}",))
    day = c.attribution.date if c.attribution else ""
    if not day:
        return Verdict(c, Label.SUPPORTED, 1.0,
                       f"{c.speaker} is on record with {len(said)} statement(s) on this "
                       "topic; the text gives no date to match.",
                       tuple(Evidence(s.source, ";".join(s.about), s.metric, str(s.date),
                                      None, "", str(s.claimant_type), s.claimant)
                             for s in said[:5]))
    when = date.fromisoformat(day)
    near = [s for s in said if abs(s.date - when) <= timedelta(days=ATTRIBUTION_DAYS)]
    about = set(c.about)
    near = [s for s in near if not about or about & set(s.about)] or near
    p = 1.0 if near else 0.5
    ev = tuple(Evidence(s.source, ";".join(s.about), s.metric, str(s.date), None, "",
                        str(s.claimant_type), s.claimant, holds=bool(near))
               for s in (near or said)[:5])
    summary = (f"{c.speaker} made a matching statement on "
               f"{', '.join(str(s.date) for s in near[:3])}." if near else
               f"{c.speaker} is on record on this topic, but not within {ATTRIBUTION_DAYS} "
               f"days of {day} (nearest: {min(said, key=lambda s: abs(s.date - when)).date}).")
    return Verdict(c, label_for(p), p, summary, ev)
