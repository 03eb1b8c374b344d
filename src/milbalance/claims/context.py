"""What the article tells about a sentence: its date, who is speaking, the last entity named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from milbalance.claims.kinds import Attribution


@dataclass(frozen=True)
class Context:
    """What the article tells about a sentence: its date and who is speaking."""

    on: date | None = None
    speaker: Attribution | None = None
    last_entity: str = ""
