"""Stores: `open_store(url)` returns the backend for a SQLite path (PostgreSQL comes later)."""

from __future__ import annotations

from marsad.errors import StoreError
from marsad.store.base import ArticleFilter, Store

__all__ = ["ArticleFilter", "Store", "open_store"]


def open_store(url: str) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        raise StoreError("PostgreSQL stores are not available yet in this version; use a SQLite path")
    from marsad.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    return SQLiteStore(path)
