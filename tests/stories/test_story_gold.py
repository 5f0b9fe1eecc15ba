"""Golden stories: the sample corpus (tests/cases/sample_stories.yaml) and the seeds.

Timelines are checked both ways: the entries a careful reader expects are there, and no entry shows a
date outside those the articles support (a wrongly dated event fails the test)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marsad.arabic.normalize import fold
from marsad.lexicon import load

GOLD = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "sample_stories.yaml").read_text("utf-8"))


def _names(store) -> dict[str, str]:
    return {a.id: ("03" if a.url else Path(a.source).name[:2]) for a in store.list_articles()}


def _story(store, members: list[str]) -> dict:
    names = _names(store)
    for s in store.list_stories():
        if sorted(names[a] for a in s["articles"]) == sorted(members):
            return s
    raise AssertionError(f"no story with members {members}")


@pytest.mark.parametrize("key", sorted(GOLD))
def test_sample_story_matches_gold(sample_store, key):
    gold = GOLD[key]
    story = _story(sample_store, gold["members"])
    names = _names(sample_store)
    assert [[names[a], names[b]] for a, b in story["near_duplicates"]] == gold["near_duplicates"]
    got = {(t["date"], t["type"], t["modality"]) for t in story["timeline"]}
    for date, typ, modality in gold["timeline"]:
        assert (str(date), typ, modality) in got, (date, typ, modality, sorted(got))
    allowed = {str(d) for d in gold["dates"]}
    assert {t["date"] for t in story["timeline"]} <= allowed
    kinds = {c["kind"]: c["note"] for c in story["contradictions"]}
    assert set(kinds) == set(gold["contradictions"])
    for kind, words in gold["contradictions"].items():
        assert all(w in kinds[kind] for w in words), kinds[kind]
    assert story["summary"]["date"] == str(gold["summary_date"])
    assert story["outlets"] == gold["outlets"]


def test_sample_timeline_entries_point_at_their_evidence(sample_store):
    articles = {a.id: a for a in sample_store.list_articles()}
    for story in sample_store.list_stories():
        for entry in story["timeline"]:
            assert entry["date_precision"] in ("day", "month", "year")
            for ev in entry["sources"]:
                text = articles[ev["article"]].text
                assert 0 <= ev["start"] < ev["end"] <= len(text)


def test_summary_bullets_are_clean_and_sourced(sample_store):
    connectors = [fold(c) for c in load("summary")["connectors"]]
    saqr = _story(sample_store, GOLD["saqr"]["members"])
    bullets = saqr["summary"]["bullets"]
    assert 3 <= len(bullets) <= 5
    assert bullets[0]["role"] == "latest" and bullets[0]["text"].startswith("تسلّم الجيش العراقي")  # no dateline
    for b in bullets:
        assert b["sources"] and not any(fold(b["text"]).startswith(c + " ") or fold(b["text"]).startswith(c + "،")
                                        for c in connectors)


def test_rerun_counts_for_coverage_but_not_as_an_independent_source(sample_store):
    saqr = _story(sample_store, GOLD["saqr"]["members"])
    names = _names(sample_store)
    cov = {c["outlet"]: c for c in saqr["coverage"]}
    assert [names[a] for a in cov["الضفة نيوز"]["reruns"]] == ["08"]
    assert cov["الضفة نيوز"]["unique_facts"] == []  # a re-run adds nothing of its own
    withdrawal = next(t for t in saqr["timeline"] if t["type"] == "WITHDRAWAL")
    assert withdrawal["outlets"] == ["الرافد"]  # 08 re-runs 07: one independent source


# -- the seeds: one developing story from September 2024 to January 2026 -----------------------

SEED_TIMELINE = [
    ("2014-09", "FOUNDING", "happened"),      # the coalition founded
    ("2024-09", "AGREEMENT", "happened"),     # the Baghdad-Washington agreement
    ("2025-09", "WITHDRAWAL", "planned"),     # end of the mission in federal Iraq
    ("2026-09", "WITHDRAWAL", "planned"),     # the second phase (Kurdistan)
]
SEED_DATES = {"2014-09", "2024-09", "2025-09", "2026", "2026-01-14", "2026-01-16", "2026-09"}


def test_seed_timeline_has_the_story_and_no_wrong_date(seed_store):
    [story] = seed_store.list_stories()
    got = {(t["date"], t["type"], t["modality"]) for t in story["timeline"]}
    for entry in SEED_TIMELINE:
        assert entry in got, (entry, sorted(got))
    assert any(t["type"] == "WITHDRAWAL" and (t["date"] or "").startswith("2026-01") for t in story["timeline"])
    assert {t["date"] for t in story["timeline"]} <= SEED_DATES
    assert story["summary"]["date"].startswith("2026-01")


def test_seed_contradictions_find_the_ranking_and_not_changes_over_time(seed_store):
    [story] = seed_store.list_stories()
    kinds = [c["kind"] for c in story["contradictions"]]
    assert "ranking" in kinds and "quantity" not in kinds
    ranking = next(c for c in story["contradictions"] if c["kind"] == "ranking")
    assert "ثاني أكبر" in ranking["note"] and "عين الأسد" in ranking["topic"]
