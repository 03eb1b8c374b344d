"""Claim checking: parse what officials and articles say, evaluate it against the data.

    kinds      claim records (Comparison, Level, ShareOfGdp, Change, Record, Consistency,
               AttributionClaim, NotCheckable) and the quantities they carry
    numbers    how reporting writes figures ("13.5 trillion rubles", "40,000 rounds a month")
    gazetteer  names → entity ids and metric items, built from the data
    split      articles → sentences with character spans
    parser     sentences → claims (rules, no model, no network)
    verdict    Label, thresholds, Verdict, Evidence
    evaluate   claims → verdicts against the store, via the engine and spending modules
    article    whole texts: context across sentences, skipped sentences with reasons
    report     readings as JSON-ready data and escaped HTML
"""

from __future__ import annotations

from milbalance.claims.article import CheckedClaim, Checker, Reading, Skipped
from milbalance.claims.gazetteer import Gazetteer
from milbalance.claims.kinds import Claim, ClaimKind, Measure, NotCheckableReason, Quantity
from milbalance.claims.parser import Context, Parse, Parser
from milbalance.claims.split import Sentence, split_sentences
from milbalance.claims.verdict import REFUTED_AT, SUPPORTED_AT, Evidence, Label, Verdict

__all__ = [
    "REFUTED_AT",
    "SUPPORTED_AT",
    "CheckedClaim",
    "Checker",
    "Claim",
    "ClaimKind",
    "Context",
    "Evidence",
    "Gazetteer",
    "Label",
    "Measure",
    "NotCheckableReason",
    "Parse",
    "Parser",
    "Quantity",
    "Reading",
    "Sentence",
    "Skipped",
    "Verdict",
    "split_sentences",
]
