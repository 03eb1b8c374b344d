"""A production comparison is answered from the engine's bases (docs/methodology.md): the
verdict by the published rule, the headline, P on each basis, and no circular evidence."""

from __future__ import annotations

from datetime import date

from milbalance.claims import Checker
from milbalance.claims.evaluate.common import EvaluatorBase
from milbalance.claims.evaluate.comparison import bases_comparison
from milbalance.claims.kinds import Attribution, Comparison, Measure
from milbalance.engine.bases import BASES
from milbalance.store import Store


def test_central_claim_is_contested_with_every_basis(checker: Checker) -> None:
    reading = checker.check("NATO is currently producing more ammunition than Russia",
                            date(2025, 11, 14))
    v = reading.claims[0].verdict
    assert v.claim.year == 2025  # "currently" resolves to the date said
    assert v.label == "contested"
    assert v.summary.startswith("Contested:") and "turns on" in v.summary
    per_basis = [c for c in v.caveats if c.startswith("basis ")]
    assert [c.split(":")[0] for c in per_basis] == [f"basis {b.name}" for b in BASES]
    assert v.evidence and all(e.source_id for e in v.evidence)


def test_speakers_own_figures_are_context_not_evidence(real_store: Store) -> None:
    claim = Comparison(text="The western world now makes more shells than Russia.",
                       year=2025, subject="NATO", other="RUS", item="artillery_shells",
                       measure=Measure.CAPACITY,
                       attribution=Attribution("Armin Papperger"))
    v = bases_comparison(EvaluatorBase(real_store), claim, [])
    assert not [e for e in v.evidence if "Papperger" in e.claimant]
    assert any(c.startswith("said before by Armin Papperger") for c in v.caveats)
