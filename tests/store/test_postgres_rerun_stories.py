"""tests/stories again, on PostgreSQL stores (see pg_suites.py): the sample's and the seeds' stories
against the golden file, near-duplicates, one-by-one ingest in reverse, delete and rebuild. Skips
without a server (and the seed tests without ../shared/seeds)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from marsad.service import ingest
from marsad.store import open_store

_spec = importlib.util.spec_from_file_location("pg_suites", Path(__file__).with_name("pg_suites.py"))
suites = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suites)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE, SEEDS = ROOT / "src" / "marsad" / "sample", ROOT.parent / "shared" / "seeds"
clustering = suites.adopt(globals(), "stories/test_clustering.py")
suites.adopt(globals(), "stories/test_story_gold.py")


def _ingested(pg_schemas, folder: Path):
    store = open_store(pg_schemas())
    ingest([str(folder)], store)
    return store


@pytest.fixture(scope="module")
def sample_store(pg_schemas):
    store = _ingested(pg_schemas, SAMPLE)
    yield store
    store.close()


@pytest.fixture(scope="module")
def seed_store(pg_schemas):
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS}")
    store = _ingested(pg_schemas, SEEDS)
    yield store
    store.close()


@pytest.fixture(autouse=True)
def _stores_on_postgres(monkeypatch, pg_schemas):
    suites.redirect_open_store(monkeypatch, clustering, pg_schemas)


def test_the_suite_runs_on_postgresql(sample_store, tmp_path):
    assert type(sample_store).__name__ == "PostgresStore"
    redirected = clustering.open_store(str(tmp_path / "s.db"))
    assert type(redirected).__name__ == "PostgresStore"
    redirected.close()
