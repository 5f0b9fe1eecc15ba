"""What only the PostgreSQL store has to show: the same named migrations, errors without secrets,
text PostgreSQL cannot hold, writers in several processes at once, rebuilt stories that give way to a
concurrent change, the same documents and API answers as SQLite, and every command on a URL."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.errors import NotFound, StoreError
from marsad.service import document_for, ingest
from marsad.store import open_store
from marsad.stories.update import rebuild_stale, update_stories

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "src" / "marsad" / "sample"


def _put_all(store, articles) -> None:
    for a in articles:
        store.put_article(a)
    update_stories(store, articles)


def test_migrations_are_the_sqlite_list_applied_once(pg_url):
    from marsad.store.postgres import migrations
    from marsad.store.sqlite import migrations as sqlite_migrations

    names = [name for name, _ in sqlite_migrations()]
    assert [name for name, _ in migrations()] == names and names[0] == "0001_articles.sql"
    open_store(pg_url).close()
    store = open_store(pg_url)  # reopening applies nothing twice
    assert [r[0] for r in store.db.execute("SELECT name FROM marsad_migrations ORDER BY name")] == names
    store.close()


def test_a_server_that_does_not_answer_is_a_store_error_without_the_password():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://marsad:s3cret@127.0.0.1:1/none?connect_timeout=3")
    assert "cannot open the store" in str(err.value) and "s3cret" not in str(err.value)
    assert str(err.value).startswith("postgresql://marsad:***@127.0.0.1:1/none")


def test_text_with_nul_characters_is_stored(pg_url, sample_articles):
    store = open_store(pg_url)
    a = sample_articles["05_basra-date-harvest.txt"]
    odd = dataclasses.replace(a, title="عنوان\x00مكسور", raw=a.raw + "\x00")
    assert store.put_article(odd) == "new"
    got = store.get_article(a.id)
    assert got.title == "عنوان\x00مكسور"  # from the JSON document, exactly
    assert got.raw == a.raw + "\ufffd"  # the plain column: same length, so offsets hold
    assert store.put_article(odd) == "unchanged"
    store.close()


@pytest.mark.parametrize("corpus", ["sample_articles", "seed_articles"])
def test_the_same_documents_and_stories_as_sqlite(corpus, request, pg_url, tmp_path):
    articles = list(request.getfixturevalue(corpus).values())  # the seeds skip without ../shared/seeds
    pg, lite = open_store(pg_url), open_store(str(tmp_path / "store.db"))
    _put_all(pg, articles)
    _put_all(lite, articles)
    assert pg.list_stories() == lite.list_stories() and lite.list_stories()
    ids = [a.id for a in lite.list_articles()]
    assert [a.id for a in pg.list_articles()] == ids
    assert document_for(pg, ids) == document_for(lite, ids)
    pg.close()
    lite.close()


WRITER = """
import json, sys
from pathlib import Path
from marsad.service import ingest
from marsad.store import open_store
url, order = sys.argv[1], sys.argv[2]
files = sorted(str(p) for p in Path(sys.argv[3]).iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
files = {"forward": files, "reverse": files[::-1], "odd-first": files[1::2] + files[::2]}[order]
store = open_store(url)
print(json.dumps(dict(ingest(files, store).counts)))
store.close()
"""


def test_writers_in_several_processes_lose_nothing(pg_url, sample_store):
    """Three processes ingest the whole sample at once, in different orders: each article is new once,
    every story is rebuilt from its current members, and the articles group as in one SQLite run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, pg_url, order, str(SAMPLE)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
             for order in ("forward", "reverse", "odd-first")]
    counts = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        counts.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(c.get("new", 0) for c in counts) == 12
    assert all(set(c) <= {"new", "unchanged"} for c in counts), counts
    store = open_store(pg_url)
    assert store.count_articles() == 12 and store.stale_stories() == []
    for story in store.list_stories():
        assert story["articles"] == store.story_members(story["id"])
    def partition(s) -> set[frozenset[str]]:  # story ids may depend on the order of placements, groups may not
        return {frozenset(story["articles"]) for story in s.list_stories()}

    assert partition(store) == partition(sample_store) and len(partition(store)) == 5
    assert [v for v, _, _ in store.versions(store.list_articles()[0].id)] == [1]
    store.close()


def test_a_rebuilt_story_gives_way_to_a_change_made_meanwhile(pg_url):
    first, second = open_store(pg_url), open_store(pg_url)
    ingest([str(SAMPLE / n) for n in ("07_saqr-base-withdrawal.txt", "08_saqr-base-withdrawal-rerun.txt")], first)
    [story] = first.list_stories()
    sid = story["id"]
    assert first.story_members(sid) == story["articles"]  # a rebuild reads the members ...
    second.delete_article(story["articles"][1])  # ... another process changes the story ...
    assert rebuild_stale(second) == [sid]  # ... and rebuilds it
    first.put_story(story, sid)  # the older picture is not written over the newer one
    assert first.get_story(sid)["articles"] == story["articles"][:1] and first.stale_stories() == []
    first.story_members(sid)
    second.delete_article(story["articles"][0])  # changed and not rebuilt yet: it stays stale
    first.put_story(story, sid)
    assert first.stale_stories() == [sid]
    rebuild_stale(first)
    assert first.list_stories() == [] and first.stale_stories() == []
    first.close()
    second.close()


def _marsad(*args: str, db: str, env: dict | None = None) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "marsad", *args, *(["--db", db] if db else [])], capture_output=True,
                         text=True, timeout=300, env={**os.environ, **(env or {})})
    assert out.returncode == 0 and "Traceback" not in out.stderr, (args, out.stderr)
    return out


def test_every_command_takes_a_postgresql_url(pg_url, tmp_path):
    assert _marsad("ingest", str(SAMPLE), db=pg_url).stdout.strip().endswith("ingested 12, unchanged 0, skipped 0")
    articles = json.loads(_marsad("articles", "--format", "json", db=pg_url).stdout)
    assert len(articles) == 12
    shown = json.loads(_marsad("show", articles[0]["id"][:9], "--format", "json", db=pg_url).stdout)
    assert shown["id"] == articles[0]["id"]
    stories = json.loads(_marsad("stories", "--format", "json", db=pg_url).stdout)
    assert len(stories) == 5
    saqr = next(s for s in stories if len(s["articles"]) == 5)
    assert json.loads(_marsad("timeline", saqr["id"], "--format", "json", db=pg_url).stdout)
    assert json.loads(_marsad("entities", "--format", "json", db=pg_url).stdout)
    assert json.loads(_marsad("quotes", "--format", "json", db="", env={"MARSAD_DB": pg_url}).stdout)
    page = json.loads(_marsad("search", '"قاعدة الصقر"', "--format", "json", db=pg_url).stdout)
    assert page["total"] == 5 and {h["article_id"] for h in page["items"]} == set(saqr["articles"])
    added = _marsad("corrections", "add", "reject_fact", f"{saqr['id']}:timeline:{saqr['timeline'][0]['id']}",
                    db=pg_url)
    listed = json.loads(_marsad("corrections", "list", "--format", "json", db=pg_url).stdout)
    assert len(listed) == 1 and listed[0]["id"] in added.stdout
    _marsad("corrections", "undo", listed[0]["id"], db=pg_url)
    _marsad("export", "--format", "csv", "-o", str(tmp_path / "out.zip"), db=pg_url)
    assert (tmp_path / "out.zip").stat().st_size > 0
    doc = json.loads(_marsad("analyze", str(SAMPLE / "11_riyadh-stocks.txt"), "--format", "json", db=pg_url).stdout)
    assert [a["id"] for a in doc["articles"]] == [a["id"] for a in articles if a["source"].endswith("stocks.txt")]


def test_the_api_answers_alike_on_both_backends(pg_url, tmp_path, sample_articles):
    from fastapi.testclient import TestClient

    from marsad.web import ServeSettings, create_app

    for db in (pg_url, str(tmp_path / "store.db")):
        store = open_store(db)
        _put_all(store, list(sample_articles.values()))
        store.close()
    apps = [TestClient(create_app(ServeSettings(db=db))) for db in (pg_url, str(tmp_path / "store.db"))]
    for path in ("/api/articles?limit=50", "/api/stories", "/api/entities", "/api/quotes", "/api/search?q=القاعدة",
                 "/api/corrections"):
        pg, lite = (app.get(path) for app in apps)
        assert pg.status_code == lite.status_code == 200, path
        body_pg, body_lite = pg.json(), lite.json()
        if "search" in path:  # ts_rank is not bm25: the same hits, snippets and total, maybe another order
            for body in (body_pg, body_lite):
                body["items"] = sorted(({k: v for k, v in h.items() if k != "score"} for h in body["items"]),
                                       key=lambda h: h["article_id"])
        assert body_pg == body_lite, path
    assert apps[0].get("/api/stories/s-000000000000").status_code == 404


def test_an_id_prefix_is_a_prefix_never_a_pattern(pg_url, sample_articles):
    store = open_store(pg_url)
    _put_all(store, list(sample_articles.values()))
    ids = [s["id"] for s in store.list_stories()]
    prefix = next(i[:7] for i in ids if sum(j.startswith(i[:7]) for j in ids) == 1)
    assert store.get_story(prefix)["id"].startswith(prefix)
    for pattern in ("a%", "a_", "%", "_", "s-%", "s\\"):
        with pytest.raises(NotFound):
            store.get_article(pattern)
        with pytest.raises(NotFound):
            store.get_story(pattern)
    store.close()
