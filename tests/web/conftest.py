"""A store with the sample corpus, the app on it (TestClient), and a live server for the browser tests."""

from __future__ import annotations

import pytest

from live_app import served
from marsad.service import ingest
from marsad.store import open_store
from marsad.web import ServeSettings, create_app


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    from pathlib import Path

    path = str(tmp_path_factory.mktemp("web") / "web.db")
    store = open_store(path)
    ingest([str(Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample")], store)
    store.close()
    return path


@pytest.fixture()
def fresh_db(tmp_path, sample_db) -> str:
    """A copy of the sample store that a test may write to."""
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(sample_db, path)
    return str(path)


@pytest.fixture(scope="session")
def client(sample_db):
    from fastapi.testclient import TestClient

    return TestClient(create_app(ServeSettings(db=sample_db)))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, sample_db):
    """uvicorn serving a copy of the sample store on a free loopback port, in a thread."""
    import shutil

    path = str(tmp_path_factory.mktemp("live") / "live.db")
    shutil.copy(sample_db, path)
    with served(path) as port:
        yield f"http://127.0.0.1:{port}"
