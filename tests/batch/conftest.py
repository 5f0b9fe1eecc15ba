"""Batch fixtures: Dask clients (skipped cleanly without Dask) and a store snapshot to compare runs."""

from __future__ import annotations

import logging

import pytest

from marsad.document import article_to_dict
from marsad.store import open_store


@pytest.fixture(scope="session")
def store_snapshot():
    return snapshot


def _dask():
    return pytest.importorskip("distributed", reason="Dask is not installed (pip install 'marsad[scale]')")


def _in_process_client(threads: int):
    distributed = _dask()
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=threads, processes=False,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster, set_as_default=False)
    yield client
    client.close()
    cluster.close()


@pytest.fixture
def client():
    """An in-process cluster with one worker thread: cheap, and test-module functions and patches reach it."""
    yield from _in_process_client(1)


@pytest.fixture
def two_thread_client():
    """Two worker threads, for work that finishes out of order (synthetic work only: no shared pipeline)."""
    yield from _in_process_client(2)


def snapshot(db_path: str) -> dict:
    """Everything a store holds about its articles and stories, minus the times of writing."""
    store = open_store(db_path)
    try:
        articles = store.list_articles()
        return {
            "articles": {a.id: article_to_dict(a) for a in articles},
            "raw": {a.id: a.raw for a in articles},
            "versions": {a.id: [v[:2] for v in store.versions(a.id)] for a in articles},
            "story_of": {a.id: store.story_of(a.id) for a in articles},
            "stories": store.list_stories(),
        }
    finally:
        store.close()
