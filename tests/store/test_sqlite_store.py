"""The SQLite store: idempotent ingest, versions, filters, delete, migrations recorded."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from marsad.errors import NotFound
from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.service import analyse
from marsad.store import ArticleFilter, open_store

BODY = ("بغداد/الواحة: قال المتحدث باسم وزارة الزراعة إن موسم الحصاد بدأ مبكرا هذا العام بسبب ارتفاع درجات الحرارة، "
        "وأضاف أن الإنتاج المتوقع يفوق ما سجله الموسم الماضي.")


def _article(text=BODY, url="https://example.org/news/1"):
    return analyse(RawDocument(url, text, url, url=url), Pipeline())


@pytest.fixture
def store(db_path):
    s = open_store(db_path)
    yield s
    s.close()


def test_store_same_article_twice_is_stored_once(store):
    a = _article()
    assert store.put_article(a) == "new"
    assert store.put_article(a) == "unchanged"
    assert store.count_articles() == 1
    got = store.get_article(a.id)
    assert got.text == a.text and got.outlet == "الواحة" and got.raw == a.raw


def test_store_changed_text_under_same_url_is_a_new_version(store):
    first = _article()
    second = _article(BODY + " وتابع أن التصدير سيبدأ الشهر المقبل.")
    assert first.id == second.id and first.content_hash != second.content_hash
    store.put_article(first)
    assert store.put_article(second) == "updated"
    assert [v for v, _, _ in store.versions(first.id)] == [1, 2]
    assert store.get_article(first.id).text.endswith("الشهر المقبل.")
    assert store.count_articles() == 1


def test_store_new_analysis_of_same_text_is_reanalysed_not_a_version(store):
    a = _article()
    store.put_article(a)
    assert store.put_article(dataclasses.replace(a, title="عنوان مصحح")) == "reanalysed"
    assert [v for v, _, _ in store.versions(a.id)] == [1]


def test_store_filters_and_pagination(store):
    for i, date in enumerate(["2025-01-02", "2025-03-04", None]):
        a = _article(BODY + f" رقم {i}.", url=f"https://example.org/{i}")
        store.put_article(dataclasses.replace(a, published=date, outlet="أ" if i else "ب"))
    assert store.count_articles(ArticleFilter(outlet="أ")) == 2
    assert [a.published for a in store.list_articles()] == ["2025-01-02", "2025-03-04", None]
    assert [a.published for a in store.list_articles(ArticleFilter(since="2025-02"))] == ["2025-03-04"]
    assert len(store.list_articles(ArticleFilter(limit=1, offset=1))) == 1


def test_store_get_by_unique_prefix_and_delete(store):
    a = _article()
    store.put_article(a)
    assert store.get_article(a.id[:8]).id == a.id
    store.delete_article(a.id)
    with pytest.raises(NotFound):
        store.get_article(a.id)
    with pytest.raises(NotFound):
        store.delete_article(a.id)


def test_store_migrations_are_recorded_and_wal_is_on(db_path):
    open_store(db_path).close()
    open_store(db_path).close()  # reopening applies nothing twice
    con = sqlite3.connect(db_path)
    from marsad.store.sqlite import migrations

    applied = [r[0] for r in con.execute("SELECT name FROM marsad_migrations ORDER BY name")]
    assert applied == [name for name, _ in migrations()] and applied[0] == "0001_articles.sql"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_failed_write_rolls_back(store):
    a = _article()
    store.put_article(a)
    broken = dataclasses.replace(_article(url="https://example.org/other"), id=None)  # NOT NULL violated
    with pytest.raises(sqlite3.IntegrityError):
        store.put_article(broken)
    assert store.count_articles() == 1
    assert store.put_article(_article(url="https://example.org/third")) == "new"
