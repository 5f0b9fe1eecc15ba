"""Index keys, the store's index over time (stores from before the search migration, a changed key
scheme), the bundled sample corpus, and `marsad search`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from marsad.search import parse_query, query_keys, search, word_key
from marsad.store import open_store
from marsad.store.sqlite_search import fts_match


@pytest.mark.parametrize("forms", [
    ("أميركية", "أمريكية", "الأميركية", "الأمريكية", "امريكيه", "والأميركية", "الأمْرِيكِيَّة", "الأمـيركية"),
    ("أميركا", "أمريكا", "امريكا"),
    ("سوريا", "سورية", "سوريه", "بسورية"),
    ("مسؤول", "مسئول", "المسؤول"),
    ("شؤون", "شئون", "الشؤون"),
    ("ترامب", "ترمب", "وترمب"),
    ("الكونغرس", "الكونجرس", "كونغرس"),
    ("قوات", "القوات", "والقوات", "بالقوات", "وللقوات", "فالقوات"),
    ("المستشفى", "مستشفى", "مستشفي"),
    ("2500", "2,500", "٢٥٠٠", "٢٬٥٠٠"),
])
def test_each_variant_class_has_one_key(forms):
    keys = {word_key(f) for f in forms}
    assert len(keys) == 1, {f: word_key(f) for f in forms}


def test_different_words_keep_different_keys():
    keys = [word_key(w) for w in ("سوريا", "سوري", "قوات", "قوة", "أمريكا", "أوروبا", "2.5", "25")]
    assert len(set(keys)) == len(keys)


def test_a_query_word_also_matches_its_proclitic_forms():
    # the stemmer keeps a lone ل: للقوات loses ال, لقوات keeps its ل
    assert word_key("لقوات") in query_keys("قوات") and word_key("قوات") in query_keys("لقوات")
    assert word_key("بوزارة") in query_keys("وزارة")  # the stemmer cuts وزارة's و, not بوزارة's
    assert query_keys("NATO") == ("nato",) and query_keys("،") == ()


def test_query_syntax_reaches_the_store_only_as_quoted_keys():
    terms = parse_query('"القوات الأميركية" OR NEAR(سوريا) * "')
    assert [t.text for t in terms] == ["القوات الأميركية", "OR", "NEAR", "سوريا"]
    match = fts_match([t.alternatives for t in terms])
    assert match.startswith('("قوا امريك" OR "لقوا امريك"')
    assert '("or")' in match and '("near")' in match and "*" not in match and "(سوري" not in match
    assert fts_match([((),), (('a"b',),)]) == ""


def _sample_store(path, sample_articles):
    store = open_store(path)
    for article in sample_articles.values():
        store.put_article(article)
    return store


def test_sample_american_found_under_any_spelling(db_path, sample_articles):
    """The issue's browser check: "امريكيه" finds the sample article written with الأميركية."""
    store = _sample_store(db_path, sample_articles)
    stocks = sample_articles["11_riyadh-stocks.txt"]
    for query in ("امريكيه", "الأمريكية", "أميركية"):
        [hit] = search(store, query).items
        assert hit.article_id == stocks.id
        assert [hit.snippet[s:e] for s, e in hit.highlights] == ["الأميركية"]
        assert stocks.text[hit.sentence_start:hit.sentence_end] == hit.snippet
    store.close()


def test_a_store_from_before_the_search_migration_is_indexed_when_opened(db_path, sample_articles):
    store = _sample_store(db_path, sample_articles)
    expected = search(store, "القاعدة").to_dict()
    assert expected["total"] >= 3
    for table in ("search_fts", "search_sentences", "search_entities", "search_docs", "search_meta"):
        store.db.execute(f"DROP TABLE {table}")
    store.db.execute("DELETE FROM marsad_migrations WHERE name = '0004_search.sql'")
    store.close()
    reopened = open_store(db_path)
    assert reopened.db.execute("SELECT count(*) FROM search_docs").fetchone()[0] == len(sample_articles)
    assert search(reopened, "القاعدة").to_dict() == expected
    reopened.close()


def test_a_changed_key_scheme_rebuilds_the_index(db_path, sample_articles):
    store = _sample_store(db_path, sample_articles)
    expected = search(store, "امريكيه").to_dict()
    store.db.execute("DELETE FROM search_fts")  # an index built under an older recipe
    store.db.execute("UPDATE search_meta SET value = 'old' WHERE name = 'scheme'")
    store.close()
    reopened = open_store(db_path)
    assert search(reopened, "امريكيه").to_dict() == expected
    reopened.close()


def marsad(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args, "--db", db], capture_output=True, text=True,
                          timeout=300)


def test_cli_search_json_table_and_errors(tmp_path, corpus):
    db = str(tmp_path / "cli.db")
    records = tmp_path / "news.jsonl"
    records.write_text("\n".join(json.dumps({"url": f"https://example.org/search-tests/{n}", "outlet": o, "date": d,
                                             "title": t, "text": x}, ensure_ascii=False)
                                 for n, (o, d, t, x) in corpus.items()), encoding="utf-8")
    assert marsad("ingest", str(records), db=db).returncode == 0
    out = marsad("search", "امريكيه", "--format", "json", db=db)
    assert out.returncode == 0, out.stderr
    page = json.loads(out.stdout)
    assert page["total"] == 2
    assert {h["outlet"] for h in page["items"]} == {"الرافد", "الواحة"}
    hit = page["items"][0]
    assert hit["snippet"][hit["highlights"][0][0]:hit["highlights"][0][1]] in ("الأميركية", "الأمريكية")
    filtered = json.loads(marsad("search", "القوات", "--outlet", "الرافد", "--since", "2026-03", "--format", "json",
                                 db=db).stdout)
    assert [h["title"] for h in filtered["items"]] == ["تدريبات عسكرية مشتركة"]
    table = marsad("search", '"وزارة الدفاع"', "--format", "table", db=db)
    assert "[وزارة الدفاع]" in table.stdout and table.stdout.strip().endswith("1 of 1")
    bad = marsad("search", "قوات", "--until", "March", db=db)
    assert bad.returncode == 2 and bad.stderr.startswith("error: until must be a date")
    assert "Traceback" not in bad.stderr
    hostile = marsad("search", '"; DROP TABLE articles; --', "--format", "json", db=db)
    assert hostile.returncode == 0 and json.loads(hostile.stdout) == {"items": [], "total": 0}
