"""Story clustering: the sample corpus's stories, the seeds as one story, incremental updates."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.service import ingest
from marsad.store import open_store
from marsad.stories.cluster import Candidate, Params, decide, link_score, story_id_for
from marsad.stories.evaluate import bcubed
from marsad.stories.features import ArticleFeatures, stems

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"
SAQR = {"06", "07", "08", "09", "10"}
WATER = {"01", "02", "03", "04"}


def _partition(store) -> set[frozenset[str]]:
    """Stories as sets of sample file numbers ("06"), read from each article's source path."""
    groups: dict[str, set[str]] = {}
    for a in store.list_articles():
        name = Path(a.source.split("#")[0]).name if not a.url else "03"
        groups.setdefault(store.story_of(a.id), set()).add(name[:2])
    return {frozenset(g) for g in groups.values()}


def test_sample_stories_group_the_same_story_and_keep_unrelated_news_apart(sample_store):
    parts = _partition(sample_store)
    assert frozenset(SAQR) in parts
    assert frozenset(WATER) in parts
    for alone in ("05", "11", "12"):
        assert frozenset({alone}) in parts
    assert len(parts) == 5


def test_sample_rerun_is_a_near_duplicate_of_the_original(sample_store):
    [saqr] = [s for s in sample_store.list_stories() if len(s["articles"]) == 5]
    by_name = {a.id: Path(a.source).name[:2] for a in sample_store.list_articles()}
    assert [[by_name[a], by_name[b]] for a, b in saqr["near_duplicates"]] == [["07", "08"]]
    assert saqr["first_date"] == "2025-10-19" and saqr["last_date"] == "2025-11-06"


def test_seeds_make_one_story_of_five_articles(seed_store):
    stories = seed_store.list_stories()
    assert len(stories) == 1 and len(stories[0]["articles"]) == 5
    assert len(stories[0]["outlets"]) == 5


def test_ingesting_one_by_one_in_reverse_gives_the_same_stories(sample_store, tmp_path):
    store = open_store(str(tmp_path / "one-by-one.db"))
    for path in sorted(SAMPLE.iterdir(), reverse=True):
        if path.suffix in (".txt", ".html", ".jsonl"):
            ingest([str(path)], store)
    assert _partition(store) == _partition(sample_store)
    # re-running an ingest changes nothing and rebuilds nothing
    report = ingest([str(SAMPLE)], store)
    assert report.ingested == 0 and report.stories == []
    store.close()


def test_deleting_an_article_rebuilds_its_story(tmp_path):
    from marsad.stories.update import rebuild_stale

    store = open_store(str(tmp_path / "s.db"))
    ingest([str(SAMPLE / n) for n in ("07_saqr-base-withdrawal.txt", "08_saqr-base-withdrawal-rerun.txt")], store)
    [story] = store.list_stories()
    assert len(story["articles"]) == 2 and len(story["near_duplicates"]) == 1
    store.delete_article(story["articles"][1])
    assert rebuild_stale(store) == [story["id"]]
    [after] = store.list_stories()
    assert after["articles"] == story["articles"][:1] and after["near_duplicates"] == []
    store.delete_article(story["articles"][0])
    rebuild_stale(store)
    assert store.list_stories() == []
    store.close()


def _f(article: str, published: str | None, entities=()) -> ArticleFeatures:
    return ArticleFeatures(article, published, {"x": 1.0}, {"x": 1.0}, frozenset(entities), None, None)


PARAMS = Params(threshold=0.35, cycle_days=3, body_threshold=0.30, entity_weight=0.2)


def test_decide_joins_the_strongest_link_and_merges_the_others():
    new = _f("n", "2025-11-03", {"e1"})
    cands = [Candidate("a", "s-a", 0.50, 0.1, frozenset({"e1"}), "2025-11-02"),
             Candidate("b", "s-b", 0.40, 0.1, frozenset(), "2025-11-01"),
             Candidate("c", "s-c", 0.05, 0.1, frozenset({"e1"}), "2025-11-03")]
    assert decide(new, cands, PARAMS) == ("s-a", ["s-b"])
    # nothing links: a new story named after the article
    assert decide(new, cands[2:], PARAMS) == (story_id_for("n"), [])


def test_alike_leads_weeks_apart_link_but_do_not_merge_their_stories():
    # a yearly ceremony told in the same words: the report joins the closest story, the others stay apart
    new = _f("n", "2025-11-03")
    cands = [Candidate("a", "s-a", 0.50, 0.1, frozenset(), "2025-11-02"),
             Candidate("b", "s-b", 0.45, 0.1, frozenset(), "2025-09-20"),
             Candidate("c", "s-c", 0.60, 0.1, frozenset(), "2024-11-03")]
    assert decide(new, cands, PARAMS) == ("s-c", ["s-a"])
    assert decide(new, cands[1:], PARAMS) == ("s-c", [])
    # an undated report still merges the stories its lead links (no date says they are apart)
    assert decide(_f("n", None), cands[1:], PARAMS) == ("s-c", ["s-b"])


def test_within_a_news_cycle_only_the_lead_links():
    new = _f("n", "2025-12-31", {"e1"})
    same_day_background = Candidate("a", "s", 0.20, 0.60, frozenset({"e1"}), "2025-12-30")
    assert link_score(new, same_day_background, PARAMS) == pytest.approx(-0.15)
    same_day_lead = Candidate("a", "s", 0.40, 0.10, frozenset(), "2025-12-31")
    assert link_score(new, same_day_lead, PARAMS) == pytest.approx(0.05)


def test_across_news_cycles_the_whole_article_and_entities_link():
    new = _f("n", "2025-12-31", {"e1", "e2"})
    weeks_later = Candidate("a", "s", 0.20, 0.25, frozenset({"e1", "e2"}), "2025-12-01")
    assert link_score(new, weeks_later, PARAMS) == pytest.approx(0.25 + 0.2 - 0.30)
    unrelated = Candidate("a", "s", 0.05, 0.10, frozenset({"e3"}), "2025-12-01")
    assert link_score(new, unrelated, PARAMS) < 0
    undated = Candidate("a", "s", 0.20, 0.25, frozenset({"e1", "e2"}), None)
    assert link_score(new, undated, PARAMS) == pytest.approx(0.15)


def test_stems_fold_spelling_and_clitics():
    assert stems("والقوات الأمريكية")[0] == stems("القوات")[0]
    assert stems("English 2025 text") == []


def test_bcubed_scores():
    gold = {"a": "1", "b": "1", "c": "2", "d": "3"}
    assert bcubed(gold, {"a": "x", "b": "x", "c": "y", "d": "z"})["f1"] == 1.0
    singles = bcubed(gold, {})
    assert singles["p"] == 1.0 and singles["r"] == 0.75
    lumped = bcubed(gold, {i: "all" for i in gold})
    assert lumped["r"] == 1.0 and lumped["p"] == pytest.approx((2 / 4 * 2 + 1 / 4 * 2) / 4)


def test_character_grams_match_what_the_stemmer_splits():
    from marsad.stories.features import cosine, gram_weights, term_weights

    for a, b in (("الفلسطينيين", "فلسطين"), ("الحوثيون", "الحوثي"), ("انفجار", "الانفجارات")):
        assert cosine(term_weights(a, ""), term_weights(b, "")) == 0.0
        assert cosine(gram_weights(a, ""), gram_weights(b, "")) > 0.4
    assert cosine(gram_weights("انفجار", ""), gram_weights("مستوطنة", "")) == 0.0
    # protocol and audience formulas carry no weight in either vector
    assert gram_weights("خادم الحرمين يستقبل الوفد المرافق", "") == {}
    assert term_weights("ولي العهد يبحثان العلاقات الثنائية", "") == {}


def test_within_a_news_cycle_the_ngram_cosine_is_blended_with_the_lead():
    new = _f("n", "2025-12-31")
    # (0.30 + 0.5 * 0.60) / 1.5 = 0.40: the n-grams lift a lead below the threshold
    assert link_score(new, Candidate("a", "s", 0.30, 0.0, frozenset(), "2025-12-31", 0.60), PARAMS) \
        == pytest.approx(0.05)
    # (0.40 + 0.5 * 0.10) / 1.5 = 0.30: and pull down a lead above it that shares no spelling
    assert link_score(new, Candidate("a", "s", 0.40, 0.0, frozenset(), "2025-12-31", 0.10), PARAMS) \
        == pytest.approx(-0.05)


def test_only_links_within_a_news_cycle_merge_stories():
    new = _f("n", "2025-12-31", {"e1"})
    weeks_ago = [Candidate("a", "s-a", 0.05, 0.45, frozenset({"e1"}), "2025-12-01"),
                 Candidate("b", "s-b", 0.05, 0.40, frozenset({"e1"}), "2025-12-05")]
    # both earlier stories share its background: it joins the closer one, they stay apart
    assert decide(new, weeks_ago, PARAMS) == ("s-a", [])
    same_day = Candidate("c", "s-c", 0.50, 0.10, frozenset(), "2025-12-31")
    assert decide(new, [*weeks_ago, same_day], PARAMS) == ("s-a", ["s-c"])
