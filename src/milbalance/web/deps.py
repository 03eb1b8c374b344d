"""Request dependencies and the query parameters shared by pages and API, with their limits."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from milbalance.store import Store
from milbalance.web import limits
from milbalance.web.schemas import said_on


def get_store(request: Request) -> Store:
    """The app's store, opened on first use."""
    store: Store = request.app.state.stores.get()
    return store


StoreDep = Annotated[Store, Depends(get_store)]

Name = Annotated[str, Query(min_length=1, max_length=limits.NAME_MAX)]
OptName = Annotated[str | None, Query(max_length=limits.NAME_MAX)]
Year = Annotated[int | None, Query(
    ge=limits.YEAR_MIN, le=limits.YEAR_MAX,
    description=f"{limits.YEAR_MIN}–{limits.YEAR_MAX}; start and end may come in either order")]
Day = Annotated[date | None, BeforeValidator(said_on), Query(
    description="YYYY-MM-DD (default: today); a number is refused, not read as a Unix time")]
"""A date written as a date, as in the request bodies (``schemas.said_on``)."""
