"""kill -9 during a large ingest, at three moments, then a re-run: nothing duplicated, nothing
half-written, every article stored, every article in exactly one up-to-date story.

One store goes through the whole sequence (each run resumes what the killed one left):
1. SIGKILL inside the transaction of the 30th new article (its row and mentions written, its search
   rows not yet): the store must hold the 29 before it, each complete, and nothing of the 30th.
2. SIGKILL from outside, polled, while the stored articles are being placed in their stories.
3. SIGKILL during story rebuilding, after two stories were rebuilt and the others still stale.
4. A run to the end: it must report every article unchanged and leave the finished store.
After each kill the invariants of rel_storecheck hold (and SQLite's integrity_check is ok).
The same sequence, less moment 2, runs on PostgreSQL when a server is there (tests/store/conftest.py).
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from rel_articles import write_corpus
from rel_procs import finish, kill9, start_ingest, wait_for
from rel_storecheck import read_state

COUNT = 48


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash-corpus")
    return folder, write_corpus(folder, COUNT)


def _placed(url: str) -> int:
    sql = "SELECT count(*) FROM story_features"
    try:
        if url.startswith("postgresql://"):
            import psycopg

            with psycopg.connect(url, autocommit=True) as db:
                return db.execute(sql).fetchone()[0]
        db = sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute(sql).fetchone()[0]
        finally:
            db.close()
    except Exception:  # the store is not created yet
        return 0


def _kill_at_marker(proc, marker) -> None:
    wait_for(f"the pause at {marker.name}", marker.exists, proc)
    kill9(proc)


def _crash_and_resume(url: str, folder, paths, tmp_path, polled_kill: bool = True) -> None:
    expected = {str(p) for p in paths}
    topic_of = {str(p): p.stem.split("_", 1)[1] for p in paths}

    # 1. inside the 30th article's transaction
    marker = tmp_path / "put.marker"
    _kill_at_marker(start_ingest(folder, url, ("put", 30, marker)), marker)
    state = read_state(url)
    assert state.problems == []
    assert (len(state.articles), state.placed, len(state.stories)) == (29, 0, 0)

    # 2. from outside, while placing articles in stories
    if polled_kill:
        proc = start_ingest(folder, url)
        wait_for("20 placed articles", lambda: _placed(url) >= 20, proc, every=0.01)
        kill9(proc)
        state = read_state(url)
        assert state.problems == []
        assert len(state.articles) == COUNT
        assert 20 <= state.placed < COUNT

    # 3. during story rebuilding, two stories written, the others still stale
    marker = tmp_path / "story.marker"
    _kill_at_marker(start_ingest(folder, url, ("story", 2, marker)), marker)
    state = read_state(url)
    assert state.problems == []
    assert state.placed == COUNT
    assert len(state.stories) == 2 and state.stale

    # 4. the re-run finishes the work and stores nothing twice
    rc, out, err = finish(start_ingest(folder, url))
    assert (rc, err) == (0, "")
    assert re.search(rf"ingested 0, unchanged {COUNT}, skipped 0", out), out
    state = read_state(url)
    assert state.finished_problems(expected) == []
    by_topic: dict[str, set[str]] = {}
    for aid, source in state.articles.items():
        by_topic.setdefault(topic_of[source], set()).add(aid)
    # the six topics are six stories, whatever the interruptions did to the order of placement
    assert sorted(map(sorted, state.stories.values())) == sorted(map(sorted, by_topic.values()))


def test_sqlite_survives_kill_9_at_three_moments(corpus, tmp_path):
    folder, paths = corpus
    _crash_and_resume(str(tmp_path / "crash.db"), folder, paths, tmp_path)


def test_postgresql_survives_kill_9_in_a_transaction_and_during_rebuilding(corpus, tmp_path, pg_url):
    """Moments 1 and 3 (CI time: a killed client is a dropped connection to PostgreSQL, whatever it was
    doing, and moment 1 already drops it inside a transaction)."""
    folder, paths = corpus
    _crash_and_resume(pg_url, folder, paths, tmp_path, polled_kill=False)
