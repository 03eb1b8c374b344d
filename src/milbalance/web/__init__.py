"""The web app (FastAPI) and the self-contained HTML report: thin views over the library."""

from milbalance.web.app import create_app

__all__ = ["create_app"]
