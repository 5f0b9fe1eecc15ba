"""Re-running other folders' store-level tests against PostgreSQL (loaded by the test_postgres_rerun_*
modules with importlib, as tests/report loads its helpers).

`adopt` copies a test module's tests that use a store into the calling module, where `db_path` and the
stores the suite's fixtures open are PostgreSQL schemas; a test bound to SQLite's own tables is kept
as skipped, with the reason and the PostgreSQL test that covers it instead.
"""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path
from types import ModuleType

import pytest

TESTS = Path(__file__).resolve().parents[1]
STORE_FIXTURES = {"store", "db_path", "tmp_path", "sample_store", "seed_store", "corrections_db"}


def load(relpath: str) -> ModuleType:
    """A fresh copy of tests/<relpath>, apart from the one pytest collects there."""
    path = TESTS / relpath
    spec = importlib.util.spec_from_file_location(f"pg_rerun_{relpath.replace('/', '_')[:-3]}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def adopt(namespace: dict, relpath: str, skip: dict[str, str] | None = None) -> ModuleType:
    """Copy the store-level tests of tests/<relpath> into `namespace`; those in `skip` are marked skipped."""
    module = load(relpath)
    skip = skip or {}
    for name, obj in vars(module).items():
        if not (name.startswith("test_") and inspect.isfunction(obj)):
            continue
        if STORE_FIXTURES.isdisjoint(inspect.signature(obj).parameters):
            continue  # no store in it: running it again proves nothing about PostgreSQL
        namespace[name] = pytest.mark.skip(reason=skip[name])(obj) if name in skip else obj
    return module


def fixtures(namespace: dict, relpath: str, names: list[str]) -> None:
    """Copy the named fixtures of tests/<relpath> (a conftest) into `namespace`."""
    module = load(relpath)
    for name in names:
        namespace[name] = getattr(module, name)


def redirect_open_store(monkeypatch, module: ModuleType, pg_schemas) -> list[str]:
    """Make the suite's own `open_store(path)` calls open PostgreSQL schemas: one per SQLite path (so a
    reopened file reaches the same store), a new one for each ":memory:". Returns the URLs made."""
    from marsad.store import open_store

    urls: dict[str, str] = {}
    made: list[str] = []

    def to_postgres(path: str):
        if path.startswith(("postgresql://", "postgres://")):
            return open_store(path)
        if path == ":memory:" or path not in urls:
            made.append(pg_schemas())
            urls[path] = made[-1]
        return open_store(urls[path])

    monkeypatch.setattr(module, "open_store", to_postgres)
    return made
