"""Where milbalance finds its data and keeps its store.

Options come from one place, each with a default and an environment override:

    MILBALANCE_DATA    the data/ folder (default: ./data if it holds sources.csv, else the
                       data/ folder of the repository the package runs from)
    MILBALANCE_STORE   the DuckDB store file (default: <data>/../.milbalance/store.duckdb)
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA = "MILBALANCE_DATA"
ENV_STORE = "MILBALANCE_STORE"

REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir(explicit: Path | None = None) -> Path:
    """The data folder: an explicit path, else $MILBALANCE_DATA, else ./data, else the repo's."""
    if explicit is not None:
        return explicit
    if env := os.environ.get(ENV_DATA):
        return Path(env)
    local = Path("data")
    if (local / "sources.csv").is_file():
        return local
    return REPO_DATA


def store_path(data: Path, explicit: Path | None = None) -> Path:
    """The store file for a data folder: explicit, else $MILBALANCE_STORE, else beside data/."""
    if explicit is not None:
        return explicit
    if env := os.environ.get(ENV_STORE):
        return Path(env)
    return data.resolve().parent / ".milbalance" / "store.duckdb"
