"""Two ingests of different folders and a server reading the same store, all at once, from a store that
does not exist yet (both ingests and the server create it): nothing lost, no "database is locked" (or any
other error) shown to the user, no 5xx from the server, stories consistent at the end. The two folders
cover the same topics, so the two processes place articles into the same stories at the same time.
On SQLite, then on PostgreSQL when a server is there.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter

import httpx
import pytest
from rel_articles import write_corpus
from rel_procs import finish, free_port, start_ingest, start_server, stop
from rel_storecheck import read_state

PER_FOLDER = 24
READS = ["/api/articles?limit=5", "/api/search?q=الانتخابات", "/api/stories?limit=5", "/api/search?q=سيول&limit=3"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("concurrent")
    a = write_corpus(root / "a", PER_FOLDER, seed=1, prefix="a")
    b = write_corpus(root / "b", PER_FOLDER, seed=2, prefix="b")
    return root / "a", root / "b", {str(p) for p in a + b}


def _reader(port: int, done: threading.Event, statuses: Counter, failures: list[str]) -> None:
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        i = 0
        while not done.is_set():
            path = READS[i % len(READS)]
            i += 1
            try:
                r = client.get(path)
            except httpx.HTTPError as exc:
                failures.append(f"{path}: {exc!r}")
                continue
            statuses[r.status_code] += 1
            if r.status_code != 200:
                failures.append(f"{path}: {r.status_code} {r.text[:200]}")


def _ingest_while_serving(url: str, folders) -> None:
    a, b, expected = folders
    port = free_port()
    ingests = [start_ingest(a, url), start_ingest(b, url)]
    server = start_server(url, port)
    statuses: Counter = Counter()
    failures: list[str] = []
    done = threading.Event()
    readers = [threading.Thread(target=_reader, args=(port, done, statuses, failures)) for _ in range(2)]
    for t in readers:
        t.start()
    try:
        results = [finish(p) for p in ingests]
        time.sleep(0.3)  # a few reads of the finished store too
    finally:
        done.set()
        for t in readers:
            t.join(timeout=60)
        _, server_err = stop(server)
    for rc, out, err in results:
        assert (rc, err) == (0, ""), err
        assert f"ingested {PER_FOLDER}, unchanged 0, skipped 0" in out
    assert failures == []
    assert set(statuses) == {200} and statuses[200] >= 20, statuses
    assert "locked" not in server_err and "Traceback" not in server_err, server_err[-2000:]
    state = read_state(url)
    print(f"{url.split('@')[-1]}: {statuses[200]} reads answered 200 during the ingests,"
          f" {len(state.articles)} articles, {len(state.stories)} stories")  # shown by pytest -rP
    assert state.finished_problems(expected) == []
    assert len(state.stories) == 6  # the six topics of both folders, merged across the two processes




def test_two_ingests_and_a_server_on_one_sqlite_file(folders, tmp_path):
    _ingest_while_serving(str(tmp_path / "shared.db"), folders)


def test_two_ingests_and_a_server_on_postgresql(folders, pg_url):
    _ingest_while_serving(pg_url, folders)


def test_a_write_waits_for_another_writer_instead_of_failing(tmp_path):
    """Another connection holds the write lock for 1 s: the store's write waits for it, then commits."""
    import sqlite3

    from marsad.model import Skipped, SkipReason
    from marsad.store.sqlite import SQLiteStore

    path = str(tmp_path / "held.db")
    store = SQLiteStore(path)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO skipped VALUES ('held.txt', 'empty', 'held', 'now')")
    release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    release.start()
    start = time.monotonic()
    store.record_skip(Skipped("mine.txt", SkipReason.EMPTY, "nothing to read"))
    waited = time.monotonic() - start
    release.join()
    rows = sorted(r[0] for r in store.db.execute("SELECT source FROM skipped"))
    store.close()
    holder.close()
    assert rows == ["held.txt", "mine.txt"]
    assert 0.8 < waited < 10


OPEN_AT = """
import sys, time
from marsad.store.sqlite import SQLiteStore
start, paths = float(sys.argv[1]), sys.argv[2:]
for i, path in enumerate(paths):
    time.sleep(max(0.0, start + 0.25 * i - time.time()))
    try:
        SQLiteStore(path).close()
        print("ok")
    except Exception as exc:
        print(repr(exc))
"""


def test_processes_creating_one_new_store_at_once_all_open_it(tmp_path):
    """Six processes open the same five new stores at the same instants: each applies every migration
    exactly once between them, and none sees "table articles already exists" or "database is locked"."""
    paths = [str(tmp_path / f"new{i}.db") for i in range(5)]
    start = time.time() + 1.5
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_AT, str(start), *paths], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(6)]
    outcomes = Counter()
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert err == ""
        outcomes.update(out.splitlines())
    assert outcomes == {"ok": 30}
    import sqlite3

    from marsad.store.sqlite import migrations

    n = len(migrations())
    for path in paths:
        db = sqlite3.connect(path)
        assert db.execute("SELECT count(*), count(DISTINCT name) FROM marsad_migrations").fetchone() == (n, n)
        db.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_story_changed_during_its_rebuild_stays_stale(backend, request, sample_articles, tmp_path):
    """Process A reads a story's members to rebuild it; process B then places a new article in that
    story; A writes the story it built. A must not clear the stale mark (its document misses B's
    article): the story stays stale and B's rebuild writes it with all three members."""
    from marsad.store import open_store
    from marsad.stories.build import build_story
    from marsad.stories.update import place, rebuild_stale, update_stories

    url = str(tmp_path / "race.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    first, second, late = (sample_articles[n] for n in ("06_saqr-base-handover-announced.txt",
                                                        "07_saqr-base-withdrawal.txt", "09_saqr-base-ceremony.txt"))
    a, b = open_store(url), open_store(url)
    for article in (first, second):
        a.put_article(article)
    update_stories(a, [first, second])
    story = a.story_of(first.id)
    assert a.story_of(second.id) == story and a.stale_stories() == []

    members = a.story_members(story)  # A starts a rebuild ...
    b.put_article(late)  # ... B places a new member meanwhile ...
    place(b, late)
    assert b.story_of(late.id) == story
    a.put_story(build_story(story, [a.get_article(m) for m in members], a.story_features_of(members)), story)
    assert a.stale_stories() == [story]  # ... so A's two-member document must not count as fresh

    assert rebuild_stale(b) == [story]
    assert sorted(b.get_story(story)["articles"]) == sorted([first.id, second.id, late.id])
    a.close()
    b.close()
