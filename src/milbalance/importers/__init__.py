"""Importers: turn the files publishers distribute into rows under data/.

One module per publisher; each ``import_<publisher>(path, data_dir)`` rewrites
``data/observations/<source-id>.csv`` and upserts the source row, and returns an
:class:`ImportResult`. Re-importing the same file gives the same bytes.
"""

from milbalance.importers.cbo import import_cbo
from milbalance.importers.common import Gap, ImportResult, Skipped
from milbalance.importers.nato import import_nato
from milbalance.importers.omb import import_omb
from milbalance.importers.sipri import import_sipri
from milbalance.importers.worldbank import import_worldbank

__all__ = [
    "Gap",
    "ImportResult",
    "Skipped",
    "import_cbo",
    "import_nato",
    "import_omb",
    "import_sipri",
    "import_worldbank",
]
