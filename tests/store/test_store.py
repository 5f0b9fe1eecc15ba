"""The Store protocol on both backends (`db_path` is a SQLite file, then a PostgreSQL URL): idempotent
ingest, versions, filters, delete, skips, mentions, stories, corrections, failed writes rolled back."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from marsad.errors import NotFound
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.pipeline import Pipeline
from marsad.service import analyse, ingest_items
from marsad.store import ArticleFilter, open_store
from marsad.stories.update import rebuild_stale

BODY = ("بغداد/الواحة: قال المتحدث باسم وزارة الزراعة إن موسم الحصاد بدأ مبكرا هذا العام بسبب ارتفاع درجات الحرارة، "
        "وأضاف أن الإنتاج المتوقع يفوق ما سجله الموسم الماضي.")


def _article(text=BODY, url="https://example.org/news/1"):
    return analyse(RawDocument(url, text, url, url=url), Pipeline())


@pytest.fixture
def store(db_path):
    s = open_store(db_path)
    yield s
    s.close()


def _integrity_errors() -> tuple[type[Exception], ...]:
    try:
        import psycopg
    except ImportError:
        return (sqlite3.IntegrityError,)
    return (sqlite3.IntegrityError, psycopg.IntegrityError)


def test_store_same_article_twice_is_stored_once(store):
    a = _article()
    assert store.put_article(a) == "new"
    assert store.put_article(a) == "unchanged"
    assert store.count_articles() == 1
    got = store.get_article(a.id)
    assert got.text == a.text and got.outlet == "الواحة" and got.raw == a.raw
    assert got == store.list_articles()[0]


def test_store_changed_text_under_same_url_is_a_new_version(store):
    first = _article()
    second = _article(BODY + " وتابع أن التصدير سيبدأ الشهر المقبل.")
    assert first.id == second.id and first.content_hash != second.content_hash
    store.put_article(first)
    assert store.put_article(second) == "updated"
    assert [(v, h) for v, h, _ in store.versions(first.id)] == [(1, first.content_hash), (2, second.content_hash)]
    assert store.get_article(first.id).text.endswith("الشهر المقبل.")
    assert store.count_articles() == 1
    assert store.put_article(first) == "updated"  # going back is one more version, never a rewrite of history
    assert [v for v, _, _ in store.versions(first.id)] == [1, 2, 3]


def test_store_new_analysis_of_same_text_is_reanalysed_not_a_version(store):
    a = _article()
    store.put_article(a)
    assert store.put_article(dataclasses.replace(a, title="عنوان مصحح")) == "reanalysed"
    assert [v for v, _, _ in store.versions(a.id)] == [1]
    assert store.get_article(a.id).title == "عنوان مصحح"


def test_store_filters_and_pagination(store):
    for i, date in enumerate(["2025-01-02", "2025-03-04", None]):
        a = _article(BODY + f" رقم {i}.", url=f"https://example.org/{i}")
        store.put_article(dataclasses.replace(a, published=date, outlet="أ" if i else "ب"))
    assert store.count_articles(ArticleFilter(outlet="أ")) == 2
    assert [a.published for a in store.list_articles()] == ["2025-01-02", "2025-03-04", None]
    assert [a.published for a in store.list_articles(ArticleFilter(since="2025-02"))] == ["2025-03-04"]
    assert [a.published for a in store.list_articles(ArticleFilter(until="2025-01"))] == ["2025-01-02"]
    assert store.count_articles(ArticleFilter(since="2025-01-02", until="2025-03")) == 2
    assert len(store.list_articles(ArticleFilter(limit=1, offset=1))) == 1
    assert [a.published for a in store.list_articles(ArticleFilter(limit=5, offset=2))] == [None]
    assert store.list_articles(ArticleFilter(limit=0)) == []


def test_store_get_by_unique_prefix_and_delete(store):
    a = _article()
    store.put_article(a)
    assert store.get_article(a.id[:8]).id == a.id
    store.delete_article(a.id)
    with pytest.raises(NotFound):
        store.get_article(a.id)
    with pytest.raises(NotFound):
        store.delete_article(a.id)
    assert store.versions(a.id) == [] and store.articles_mentioning("kb-city-iq-baghdad") == []


def test_store_an_ambiguous_prefix_is_not_found(store):
    ids = set()
    for i in range(40):  # 40 ids share a first hex digit after "a" with near certainty
        a = _article(BODY + f" رقم {i}.", url=f"https://example.org/p{i}")
        store.put_article(a)
        ids.add(a.id)
    shared = next(p for p in (i[:2] for i in sorted(ids)) if sum(i.startswith(p) for i in ids) > 1)
    with pytest.raises(NotFound):
        store.get_article(shared)


def test_store_mentions_follow_the_latest_version(store):
    a = _article()
    store.put_article(a)
    baghdad = {m.entity_id for m in a.mentions if a.text[m.start:m.end] == "بغداد"}
    assert baghdad and store.articles_mentioning(baghdad.pop()) == [a.id]
    assert store.articles_mentioning("no-such-entity") == []


def test_store_skips_are_recorded_once_per_source(store):
    store.record_skip(Skipped("feed.xml#3", SkipReason.NO_TEXT, "empty"))
    store.record_skip(Skipped("feed.xml#3", SkipReason.NO_TEXT, "still empty"))  # replaced, not an error
    assert store.count_articles() == 0


def test_store_failed_write_rolls_back(store):
    a = _article()
    store.put_article(a)
    broken = dataclasses.replace(_article(url="https://example.org/other"), id=None)  # NOT NULL violated
    with pytest.raises(_integrity_errors()):
        store.put_article(broken)
    assert store.count_articles() == 1
    assert store.put_article(_article(url="https://example.org/third")) == "new"


def _raw(n: int, text: str) -> RawDocument:
    url = f"https://example.org/story/{n}"
    return RawDocument(url, text, url, url=url, hints=(("published", f"2026-01-0{n}"), ("title", text[:40])))


STORY = ["أعلنت وزارة الدفاع العراقية انسحاب القوات الأمريكية من قاعدة عين الأسد في محافظة الأنبار.",
         "انسحبت القوات الأمريكية من قاعدة عين الأسد في الأنبار وتسلمتها وزارة الدفاع العراقية.",
         "ارتفعت أسعار التمور في أسواق البصرة مع بداية الموسم."]


def test_store_stories_are_placed_rebuilt_and_found_by_prefix(store):
    report = ingest_items([_raw(i + 1, t) for i, t in enumerate(STORY)], store)
    assert store.stale_stories() == [] and store.count_stories() == len(store.list_stories()) == len(report.stories)
    ids = [a.id for a in store.list_articles()]
    base = store.story_of(ids[0])
    assert store.story_of(ids[1]) == base != store.story_of(ids[2])
    assert store.story_members(base) == ids[:2]
    assert set(store.story_features_of(ids)) == set(ids) and store.story_features_of(["a-none"]) == {}
    story = store.get_story(base)
    assert story["articles"] == ids[:2] and store.get_story(base[:6])["id"] == base
    assert [s["id"] for s in store.list_stories(limit=1, offset=0)] + \
        [s["id"] for s in store.list_stories(offset=1)] == [s["id"] for s in store.list_stories()]
    with pytest.raises(NotFound):
        store.get_story("s-000000000000")
    store.delete_article(ids[1])
    assert store.stale_stories() == [base]
    assert rebuild_stale(store) == [base] and store.get_story(base)["articles"] == ids[:1]
    store.delete_article(ids[0])
    rebuild_stale(store)
    with pytest.raises(NotFound):
        store.get_story(base)
    assert store.story_of(ids[0]) is None and store.count_stories() == 1


def test_store_corrections_not_found(store):
    with pytest.raises(NotFound, match="no correction with id 'x-1'"):
        store.get_correction("x-1")
    with pytest.raises(NotFound):
        store.delete_correction("x-1")
    assert store.list_corrections() == []
