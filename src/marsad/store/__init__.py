"""Stores: `open_store(url)` returns the backend: PostgreSQL for a postgresql:// URL, else SQLite."""

from __future__ import annotations

from marsad.errors import StoreError
from marsad.store.base import ArticleFilter, Store

__all__ = ["ArticleFilter", "Store", "open_store"]


def open_store(url: str) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from marsad.store.postgres import PostgresStore
        except ImportError as exc:  # psycopg (LGPL) is the optional extra `postgres`
            raise StoreError(f"PostgreSQL stores need psycopg 3: pip install 'marsad[postgres]' ({exc})") from exc
        return PostgresStore(url)
    from marsad.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    return SQLiteStore(path)
