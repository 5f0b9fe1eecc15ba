"""Search over a store of articles written for these tests: spelling and clitic variants, phrases,
filters, ranking, snippets and their offsets, hostile queries, delete and re-ingest."""

from __future__ import annotations

import pytest

from marsad.errors import UsageError
from marsad.pipeline import Pipeline
from marsad.search import search
from marsad.service import analyse, ingest_items


def found(store, ids, query, **filters) -> set[str]:
    names = {v: k for k, v in ids.items()}
    page = search(store, query, **filters)
    if "limit" not in filters:
        assert page.total == len(page.items)  # one page holds them all here
    return {names[h.article_id] for h in page.items}


@pytest.mark.parametrize("query", ["امريكيه", "أميركية", "الأمريكية", "الأميركيّة", "الأمـريـكـيـة", "والأميركية",
                                   "أمريكية"])
def test_american_in_either_spelling_finds_both_articles(store, ids, query):
    # us_cut writes الأميركية, embassy writes الأمريكية
    assert found(store, ids, query) == {"us_cut", "embassy"}


@pytest.mark.parametrize("query", ["سوريا", "سورية", "سوريه", "بسوريا", "وسورية"])
def test_syria_in_either_spelling(store, ids, query):
    assert found(store, ids, query) == {"talks", "refugees"}  # سورية, سوريا


@pytest.mark.parametrize("query", ["مسؤول", "مسئول", "المسؤول", "مسؤولٌ"])
def test_hamza_on_waw_or_yeh(store, ids, query):
    assert found(store, ids, query) == {"us_cut", "talks"}  # مسؤول, مسئول


@pytest.mark.parametrize("query", ["أنقرة", "انقرة", "انقره", "إنقرة"])
def test_alef_with_or_without_hamza_and_final_heh(store, ids, query):
    assert found(store, ids, query) == {"talks", "refugees"}  # أنقرة, انقرة


@pytest.mark.parametrize("query", ["قوات", "القوات", "والقوات", "للقوات", "بالقوات", "وللقوات", "لقوات"])
def test_every_clitic_form_finds_the_same_articles(store, ids, query):
    # والقوات (us_cut), القوات (embassy), للقوات (refugees), قوات (drill)
    assert found(store, ids, query) == {"us_cut", "embassy", "refugees", "drill"}


def test_diacritics_and_tatweel_in_the_text_or_the_query(store, ids):
    assert found(store, ids, "الجيش") == {"drill"}  # الجيش and الجيـش
    assert found(store, ids, "الجَيْش") == {"drill"}
    page = search(store, "قمح")  # the text has للقَمْح
    [hit] = page.items
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["للقَمْح"]


def test_words_match_anywhere_in_the_article_phrases_only_adjacent(store, ids):
    # embassy has وزارة (first sentence) and الدفاع (second), never side by side
    assert found(store, ids, "وزارة الدفاع") == {"us_cut", "embassy"}
    assert found(store, ids, '"وزارة الدفاع"') == {"us_cut"}
    assert found(store, ids, '"الدفاع وزارة"') == set()
    assert found(store, ids, '"الإدارة الأمريكية"') == {"us_cut"}  # written الأميركية
    assert found(store, ids, '"الإدارة الأمريكية" سورية') == set()


def test_a_phrase_never_spans_two_sentences(store, ids):
    # us_cut: "... خلال الأشهر المقبلة." then "وقال مسؤول ..."
    assert found(store, ids, "المقبلة مسؤول") == {"us_cut"}
    assert found(store, ids, '"المقبلة وقال"') == set()


def test_filters_outlet_dates_entity_story(store, ids):
    forces = {"us_cut", "embassy", "refugees", "drill"}
    assert found(store, ids, "القوات", outlet="الرافد") == {"us_cut", "drill"}
    assert found(store, ids, "القوات", outlet="الواحة") == {"embassy", "refugees"}
    assert found(store, ids, "القوات", outlet="لا أحد") == set()
    assert found(store, ids, "القوات", since="2026-02-01") == {"embassy", "refugees", "drill"}
    assert found(store, ids, "القوات", until="2026-02") == {"us_cut", "embassy"}
    assert found(store, ids, "القوات", since="2026-03-01", until="2026-03-31") == {"refugees", "drill"}
    assert found(store, ids, "القوات", until="2026-03-05") == forces - {"drill"}
    assert found(store, ids, "الأمريكية", entity="kb-fac-us-embassy-baghdad") == {"embassy"}
    assert found(store, ids, "سوريا", entity="kb-city-tr-ankara") == {"talks", "refugees"}
    assert found(store, ids, "القوات", entity="kb-city-tr-ankara") == {"refugees"}
    assert found(store, ids, "القوات", entity="no-such-entity") == set()
    story = store.story_of(ids["drill"])
    members = {n for n, i in ids.items() if store.story_of(i) == story}
    assert "drill" in members
    assert found(store, ids, "القوات", story=story) == members & forces
    assert found(store, ids, "القوات", story="no-such-story") == set()


def test_title_hits_rank_first(store, ids):
    # both have الزيتون once in the body; only olives has it in the title
    page = search(store, "الزيتون")
    assert [h.article_id for h in page.items] == [ids["olives"], ids["market"]]
    assert page.items[0].score > page.items[1].score > 0


def test_pagination_keeps_the_total(store, ids):
    first = search(store, "القوات", limit=3)
    rest = search(store, "القوات", limit=3, offset=3)
    assert first.total == rest.total == 4
    assert len(first.items) == 3 and len(rest.items) == 1
    assert {h.article_id for h in first.items + rest.items} == {ids[n] for n in ("us_cut", "embassy", "refugees", "drill")}


def test_snippet_is_the_best_sentence_with_exact_offsets(store, ids, corpus):
    page = search(store, "مسؤول الدفاع")
    [hit] = page.items
    text = store.get_article(ids["us_cut"]).text
    assert hit.snippet == text[hit.sentence_start:hit.sentence_end]
    assert hit.snippet.startswith("وقال مسؤول في وزارة الدفاع")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["مسؤول", "الدفاع"]
    assert (hit.title, hit.outlet, hit.published) == (corpus["us_cut"][2], "الرافد", "2026-01-10")


def test_snippet_highlights_clitic_forms_and_whole_phrases(store, ids):
    page = search(store, "وزارة الدفاع")
    hits = {h.article_id: h for h in page.items}
    embassy = hits[ids["embassy"]]  # the sentence with both words: الوزارة ... الدفاع
    assert [embassy.snippet[s:e] for s, e in embassy.highlights] == ["الوزارة", "الدفاع"]
    [phrase] = search(store, '"وزارة الدفاع"').items
    assert [phrase.snippet[s:e] for s, e in phrase.highlights] == ["وزارة الدفاع"]
    [refugees] = search(store, "قوات", entity="kb-city-tr-ankara").items
    assert [refugees.snippet[s:e] for s, e in refugees.highlights] == ["للقوات"]


def test_a_title_only_match_gives_the_lead_sentence_without_highlights(store, ids):
    [hit] = search(store, "الخضار ترتفع").items  # ترتفع is only in the title
    assert hit.article_id == ids["market"]
    assert hit.snippet.startswith("ارتفعت أسعار الخضار") and hit.sentence_start == 0
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["الخضار"]
    [only_title] = search(store, "ترتفع").items
    assert only_title.highlights == () and only_title.snippet.startswith("ارتفعت أسعار الخضار")


@pytest.mark.parametrize("query", ['"; DROP TABLE articles; --', "NEAR(", "*", "OR", "AND", "NOT", '"', '""', "(", ")",
                                   "title:قوات", "^", "-", "+", "{body}", "قوات NEAR/2 سوريا", "'", "\\", "\x00",
                                   "؟!،.", "", "   ", "a" * 5000, "قوات " * 100])
def test_hostile_or_empty_queries_never_raise(store, query, corpus):
    page = search(store, query)
    assert page.total >= 0 and len(page.items) <= 20
    assert store.count_articles() == len(corpus)


@pytest.mark.parametrize("query", ["قوات*", "(قوات", 'قوات"', '"قوات', "قوات)", "^قوات", "قوات:"])
def test_syntax_characters_around_a_word_are_ignored(store, ids, query):
    assert found(store, ids, query) == {"us_cut", "embassy", "refugees", "drill"}


def test_only_punctuation_finds_nothing(store):
    assert search(store, "؟!،. ... «»").total == 0
    assert search(store, "OR").total == 0  # a plain word here, which no article holds


def test_bad_limits_and_dates_are_usage_errors(store):
    for kwargs in ({"limit": -1}, {"limit": 1000}, {"offset": -1}, {"offset": 2**70}, {"since": "yesterday"},
                   {"until": "2026/01/01"}):
        with pytest.raises(UsageError):
            search(store, "قوات", **kwargs)


def test_deleting_an_article_removes_it_from_the_index(store, ids, corpus):
    store.delete_article(ids["us_cut"])
    assert found(store, ids, "امريكيه") == {"embassy"}
    assert store.search_sentences(ids["us_cut"]) == []
    for table in ("search_docs", "search_fts"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(corpus) - 1
    assert store.db.execute("SELECT count(*) FROM search_sentences").fetchone()[0] == 2 * (len(corpus) - 1)


def test_reingesting_never_duplicates_hits_and_a_new_version_replaces_the_old(store, ids, corpus, make_raw):
    ingest_items([make_raw(n) for n in corpus], store)
    assert search(store, "امريكيه").total == 2
    changed = analyse(make_raw("embassy", "استدعت وزارة الخارجية القائم بأعمال السفارة البريطانية في بغداد."), Pipeline())
    assert store.put_article(changed) == "updated"
    assert found(store, ids, "امريكيه") == {"us_cut"}
    [hit] = search(store, "البريطانية").items
    assert hit.article_id == ids["embassy"] and hit.snippet == changed.text
    assert store.db.execute("SELECT count(*) FROM search_docs").fetchone()[0] == len(corpus)


def test_a_huge_match_set_is_ranked_in_windows_newest_first_and_pages_stay_consistent(store, ids, monkeypatch):
    import marsad.store.sqlite_search as tables

    monkeypatch.setattr(tables, "RANK_WINDOW", 2)
    # indexed in order: us_cut, embassy, (talks), refugees, drill: the newest two matches come first
    assert found(store, ids, "القوات", limit=2) == {"refugees", "drill"}
    pages = [search(store, "القوات", limit=1, offset=i) for i in range(5)]
    assert [p.total for p in pages] == [4] * 5 and pages[4].items == []
    ordered = [p.items[0].article_id for p in pages[:4]]
    assert set(ordered[:2]) == {ids["refugees"], ids["drill"]}
    assert set(ordered[2:]) == {ids["us_cut"], ids["embassy"]}
    assert [h.article_id for h in search(store, "القوات", limit=3, offset=1).items] == ordered[1:]
    monkeypatch.setattr(tables, "RANK_WINDOW", 5000)
    assert search(store, "القوات").total == 4


def test_highlight_marks_a_title_or_any_text(store):
    from marsad.search import highlight, parse_query

    title = "واشنطن تسحب قواتها الأميركية من سورية"
    spans = highlight(parse_query('امريكيه "سوريا"'), title)
    assert [title[s:e] for s, e in spans] == ["الأميركية", "سورية"]
    assert highlight(parse_query("بغداد"), title) == ()
