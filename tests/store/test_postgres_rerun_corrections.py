"""tests/corrections/test_store_corrections.py again, on PostgreSQL stores (see pg_suites.py): add, list,
undo, targets, orphans, and corrections kept across re-ingest and re-analysis. Skips without a server."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from marsad.service import ingest
from marsad.store import open_store

_spec = importlib.util.spec_from_file_location("pg_suites", Path(__file__).with_name("pg_suites.py"))
suites = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suites)

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"
suites.fixtures(globals(), "corrections/conftest.py", ["ids", "store", "sample_doc"])
corrections = suites.adopt(globals(), "corrections/test_store_corrections.py")


@pytest.fixture(scope="session")
def corrections_db(pg_schemas) -> str:
    url = pg_schemas()
    store = open_store(url)
    ingest([str(SAMPLE)], store)
    store.close()
    return url


@pytest.fixture(autouse=True)
def _stores_on_postgres(monkeypatch, pg_schemas):
    suites.redirect_open_store(monkeypatch, corrections, pg_schemas)


def test_the_suite_runs_on_postgresql(store, tmp_path):
    assert type(store).__name__ == "PostgresStore"
    redirected = corrections.open_store(str(tmp_path / "own.db"))
    assert type(redirected).__name__ == "PostgresStore"
    redirected.close()
