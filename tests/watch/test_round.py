"""Polling rounds against local HTTP servers: only what is new is analysed; conditional GET; state."""

from __future__ import annotations

import pytest

from marsad import service
from marsad.identity import article_id
from marsad.store import ArticleFilter


@pytest.fixture
def analyses(monkeypatch):
    """How many documents the pipeline analysed (service.ingest_items calls service.analyse)."""
    calls = []
    real = service.analyse

    def counting(doc, *args, **kwargs):
        calls.append(doc.url)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(service, "analyse", counting)
    return calls


def _feed(server, path="/a.xml", **options):
    return {"feeds": [{"url": server.url(path), "name": "a", **options}]}


def test_first_round_ingests_and_an_unchanged_feed_answers_304(server, harness, kit, analyses):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07"), kit.sample_item("09")]))
    w = harness.watcher(_feed(server))
    first = w.poll_round()
    assert (first.feeds["changed"], first.entries["new"], len(analyses)) == (1, 2, 2)
    ids = {a.id for a in harness.store.list_articles()}
    assert ids == {article_id("http://news.test/07", ""), article_id("http://news.test/09", "")}
    assert all(harness.store.story_of(i) for i in ids)  # stories were updated too

    second = w.poll_round()
    assert (second.feeds["not_modified"], second.entries["new"], len(analyses)) == (1, 0, 2)
    path, headers = server.requests[-1]
    assert path == "/a.xml" and headers["If-None-Match"].startswith('"')
    assert headers["If-Modified-Since"] == "Mon, 03 Nov 2025 08:00:00 GMT"


def test_a_changed_feed_brings_only_its_new_and_changed_entries(server, harness, kit, analyses):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07")]))
    w = harness.watcher(_feed(server))
    w.poll_round()
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07"), kit.sample_item("09")]))
    second = w.poll_round()
    assert (second.entries["new"], second.entries["known"]) == (1, 1)
    assert analyses == ["http://news.test/07", "http://news.test/09"]

    title, link, text = kit.sample_item("07")
    edited = text.replace("نحو 1200 جندي", "نحو 1300 جندي")
    assert edited != text
    server.routes["/a.xml"] = kit.Route(kit.rss([(title, link, edited), kit.sample_item("09")]))
    third = w.poll_round()
    assert (third.entries["updated"], third.entries["known"], third.entries["new"]) == (1, 1, 0)
    assert len(harness.store.versions(article_id(link, ""))) == 2
    assert harness.store.count_articles(ArticleFilter()) == 2


def test_without_validators_an_identical_body_is_not_read_again(server, harness, kit, analyses):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07")]), validators=False)
    w = harness.watcher(_feed(server))
    w.poll_round()
    again = w.poll_round()
    assert (again.feeds["unchanged"], again.feeds["not_modified"], len(analyses)) == (1, 0, 1)
    assert "If-None-Match" not in server.requests[-1][1]


def test_state_survives_a_restart_and_the_store_covers_a_lost_state(server, harness, kit, analyses):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07"), kit.sample_item("09")]))
    harness.watcher(_feed(server)).poll_round()
    assert harness.watcher(_feed(server)).poll_round().feeds["not_modified"] == 1  # a new process, same file

    harness.state_path.unlink()
    fresh = harness.watcher(_feed(server)).poll_round()
    assert (fresh.feeds["changed"], fresh.entries["known"], fresh.entries["new"]) == (1, 2, 0)
    assert len(analyses) == 2  # known content hashes: nothing analysed again


def test_a_page_feed_reads_linked_pages_and_falls_back_to_the_entry(server, harness, kit, analyses):
    html = (kit.SAMPLE / "10_saqr-base-ceremony-reactions.html").read_bytes()
    server.routes["/10.html"] = kit.Route(html, ctype="text/html; charset=utf-8")
    summary = "أعلنت وزارة الدفاع العراقية تسلم قاعدة الصقر الجوية بالكامل من قوات التحالف الدولي."
    entries = [("مراسم التسليم", server.url("/10.html"), ""),  # title only: the page is the article
               ("خبر محذوف", server.url("/gone"), summary)]  # the page is gone: the entry text
    server.routes["/p.xml"] = kit.Route(kit.rss(entries))
    w = harness.watcher(_feed(server, "/p.xml", kind="page"))
    report = w.poll_round()
    assert report.entries["new"] == 2
    page = harness.store.get_article(article_id(server.url("/10.html"), ""))
    assert page.title == "الجيش العراقي يتسلم قاعدة الصقر الجوية رسمياً وسط ترحيب وتحفظات"
    assert "1500" in page.text
    gone = harness.store.get_article(article_id(server.url("/gone"), ""))
    assert gone.text.strip() == summary
    assert harness.log_lines(f"page {server.url('/gone')}: HTTP 404; using the entry text")

    server.routes["/p.xml"] = kit.Route(kit.rss([*entries, ("جديد", "http://news.test/07", kit.sample("07"))]))
    again = w.poll_round()
    assert (again.entries["new"], again.entries["known"]) == (1, 2)
    assert server.hits["/10.html"] == 1  # an entry already handled is not fetched again
    assert server.hits["/gone"] == 2  # but a page that could not be read is tried again

    server.routes["/gone"] = kit.Route(html.replace(b"1500", b"1700"), ctype="text/html; charset=utf-8")
    server.routes["/p.xml"] = kit.Route(kit.rss(entries))
    back = w.poll_round()
    assert back.entries["updated"] == 1  # the page is back: its text replaces the entry's
    assert "1700" in harness.store.get_article(article_id(server.url("/gone"), "")).text


def test_a_watched_page_is_read_again_when_it_changes(server, harness, kit):
    html = (kit.SAMPLE / "10_saqr-base-ceremony-reactions.html").read_text(encoding="utf-8")
    server.routes["/10.html"] = kit.Route(html.encode(), ctype="text/html; charset=utf-8")
    w = harness.watcher(_feed(server, "/10.html", kind="page"))
    assert w.poll_round().entries["new"] == 1
    assert w.poll_round().feeds["not_modified"] == 1
    assert "1500 جندي" in html
    server.routes["/10.html"] = kit.Route(html.replace("1500 جندي", "1600 جندي").encode(), ctype="text/html")
    assert w.poll_round().entries["updated"] == 1
    assert "1600" in harness.store.get_article(article_id(server.url("/10.html"), "")).text


def test_an_entry_listed_twice_is_ingested_once(server, harness, kit, analyses):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07"), kit.sample_item("07")]))
    report = harness.watcher(_feed(server)).poll_round()
    assert (report.feeds["failed"], report.entries["new"], report.entries["known"]) == (0, 1, 1)
    assert harness.store.count_articles(ArticleFilter()) == 1
