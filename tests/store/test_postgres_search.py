"""Search on PostgreSQL, where it differs from SQLite underneath: a tsvector of the same index keys
with a GIN index, the index kept in step with deletes, rebuilt for an old store or a new key scheme,
and the same hits, snippets and highlights as SQLite for the same queries."""

from __future__ import annotations

import pytest

from marsad.search import article_index, search
from marsad.store import open_store
from marsad.stories.update import update_stories

pytest.importorskip("psycopg", reason="psycopg is not installed")

QUERIES = ["القاعدة", "امريكيه", "الأميركية", '"قاعدة الصقر"', '"الصقر قاعدة"', "بغداد", "القوات الجوية",
           "والقوات", "مسؤول", "الفرات", '"وزارة الدفاع"', "البصرة التمور", "2025", "الدولار", "نادي",
           "أنقرة", "انقرة", "دجلة والفرات", "قوات سوريا", "؟!،", '"; DROP TABLE articles; --', "كلمة_لا_توجد"]


@pytest.fixture
def pg_store(pg_url, sample_articles):
    store = open_store(pg_url)
    for a in sample_articles.values():
        store.put_article(a)
    update_stories(store, list(sample_articles.values()))
    yield store
    store.close()


def _hits(page) -> list[dict]:
    return sorted(({k: v for k, v in h.items() if k != "score"} for h in page.to_dict()["items"]),
                  key=lambda h: h["article_id"])


def test_the_same_hits_snippets_and_highlights_as_sqlite(pg_store, sample_articles, tmp_path):
    lite = open_store(str(tmp_path / "store.db"))
    for a in sample_articles.values():
        lite.put_article(a)
    found = 0
    for query in QUERIES:
        pg_page, lite_page = search(pg_store, query, limit=50), search(lite, query, limit=50)
        assert pg_page.total == lite_page.total, query
        assert _hits(pg_page) == _hits(lite_page), query
        assert all(h.score > 0 for h in pg_page.items)
        found += pg_page.total
    assert found > 30
    lite.close()


def test_the_index_is_a_gin_tsvector_of_the_same_keys(pg_store, sample_articles):
    article = sample_articles["07_saqr-base-withdrawal.txt"]
    title, sentences = article_index(article)
    lexemes = pg_store.db.execute("SELECT tsvector_to_array(tsv) FROM search_docs WHERE article_id = %s",
                                  (article.id,)).fetchone()[0]
    assert set(lexemes) == {*title, *(k for s in sentences for k in s[3]), "0s0"}
    titled = pg_store.db.execute("SELECT tsvector_to_array(ts_filter(tsv, '{a}')) FROM search_docs"
                                 " WHERE article_id = %s", (article.id,)).fetchone()[0]
    assert set(titled) == {*title, "0s0"}
    assert pg_store.search_sentences(article.id) == [" ".join(s[3]) for s in sentences]
    with pg_store.db.transaction():
        pg_store.db.execute("SET LOCAL enable_seqscan = off")
        plan = " ".join(r[0] for r in pg_store.db.execute(
            "EXPLAIN SELECT count(*) FROM search_docs WHERE tsv @@ phraseto_tsquery('pg_catalog.simple', 'قاعد صقر')"))
    assert "search_docs_tsv" in plan


def test_a_phrase_never_spans_the_title_and_the_body(pg_store, sample_articles):
    article = sample_articles["11_riyadh-stocks.txt"]
    title, sentences = article_index(article)
    joined = f'"{article.title.split()[-1]} {article.text.split()[0]}"'  # the title's last word, the body's first
    assert title and sentences and search(pg_store, joined).total == 0
    assert search(pg_store, f'"{" ".join(article.title.split()[-2:])}"').items[0].article_id == article.id


def test_deleting_drops_the_index_rows(pg_store, sample_articles):
    gone = sample_articles["11_riyadh-stocks.txt"].id
    assert [h.article_id for h in search(pg_store, "امريكيه").items] == [gone]
    pg_store.delete_article(gone)
    assert search(pg_store, "امريكيه").total == 0 and pg_store.search_sentences(gone) == []
    for table in ("search_docs", "search_sentences", "search_entities"):
        assert pg_store.db.execute(f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM articles a"
                                   " JOIN search_docs d ON d.article_id = a.id WHERE d.doc = t.doc)").fetchone()[0] == 0
    assert pg_store.db.execute("SELECT count(*) FROM search_docs").fetchone()[0] == len(sample_articles) - 1


def test_a_store_from_before_the_search_migration_is_indexed_when_opened(pg_store, pg_url, sample_articles):
    expected = search(pg_store, "القاعدة").to_dict()
    assert expected["total"] >= 3
    for table in ("search_sentences", "search_entities", "search_docs", "search_meta"):
        pg_store.db.execute(f"DROP TABLE {table}")
    pg_store.db.execute("DELETE FROM marsad_migrations WHERE name = '0004_search.sql'")
    reopened = open_store(pg_url)
    assert reopened.db.execute("SELECT count(*) FROM search_docs").fetchone()[0] == len(sample_articles)
    assert search(reopened, "القاعدة").to_dict() == expected
    reopened.close()


def test_a_changed_key_scheme_rebuilds_the_index(pg_store, pg_url):
    expected = search(pg_store, "امريكيه").to_dict()
    pg_store.db.execute("UPDATE search_docs SET tsv = ''")  # an index built under an older recipe
    pg_store.db.execute("UPDATE search_meta SET value = 'old' WHERE name = 'scheme'")
    assert search(pg_store, "امريكيه").total == 0
    reopened = open_store(pg_url)
    assert search(reopened, "امريكيه").to_dict() == expected
    reopened.close()
