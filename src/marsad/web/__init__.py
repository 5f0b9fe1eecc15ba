"""`marsad serve`: the REST API (under /api) and the analysts' web app, from one FastAPI application."""

from marsad.web.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
