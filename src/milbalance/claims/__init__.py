"""Claim checking: parse what officials and articles say, evaluate it against the data.

    kinds      claim records (Comparison, Level, ShareOfGdp, Change, Record, Consistency,
               AttributionClaim, NotCheckable) and the quantities they carry
    numbers    how reporting writes figures ("13.5 trillion rubles", "40,000 rounds a month")
    gazetteer  names → entity ids and metric items, built from the data
    split      articles → sentences with character spans
    parser     sentences → claims (rules, no model, no network); the rules per kind of
               claim live in the ``parse`` package
    when       years, periods, events and dates in a sentence
    subjects   who a claim is about (names before a figure, 'we', names joined by 'and')
    context    what the article tells about a sentence (date, speaker, last entity)
    verdict    Label, thresholds, Verdict, Evidence
    evaluate   claims → verdicts against the store, one module per kind of claim
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
