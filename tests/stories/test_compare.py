"""Agreements, contradictions and changes over time: unit rules on hand-made claims, the golden story of the
sample corpus, and the seeds (skipped when absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from marsad.stories.claims import Claim, find_claims
from marsad.stories.compare import compare, date_interval
from marsad.stories.duplicates import near_duplicates

CASES = Path(__file__).resolve().parents[1] / "cases" / "sample_claims.yaml"
SOLDIERS = "soldiers|-|e-saqr|left"
OUTLETS = {"a1": "الرافد", "a2": "المرصد", "a3": "الأفق", "a4": "الرافد", "a5": None, "a6": None}


def claim(article: str, value, as_of: str | None = "2025-11-03", kind: str = "quantity", subject: str = SOLDIERS,
          qualifier: str | None = "EXACT", text: str = "", modality: str = "reported", start: int = 0) -> Claim:
    return Claim(f"c-{article}-{start}", article, start, start + 5, text or str(value), kind, subject, value, as_of,
                 qualifier=qualifier, value_text=text or str(value), subject_text="عدد الجنود", modality=modality)


def run(*claims, independent=None):
    return compare(list(claims), OUTLETS, independent)


def ids(groups) -> list[list[str]]:
    return [g["claims"] for g in groups]


# --- agreement ---

def test_same_figure_from_two_outlets_agrees():
    agreements, contradictions, changes = run(claim("a1", 1200, qualifier="APPROX"), claim("a2", 1250))
    assert ids(agreements) == [["c-a1-0", "c-a2-0"]] and agreements[0]["outlets"] == ["الرافد", "المرصد"]
    assert contradictions == [] and changes == []


def test_one_outlet_twice_is_no_agreement():
    assert run(claim("a1", 1200), claim("a4", 1200)).agreements == []


@pytest.mark.parametrize("independent", [[("a1", "a2")], {"a2"}, lambda a, b: {a, b} != {"a1", "a2"}])
def test_a_near_duplicate_rerun_is_not_an_independent_source(independent):
    assert run(claim("a1", 1200), claim("a2", 1200), independent=independent).agreements == []
    # with a third, independent outlet the re-run is listed with the others
    three = run(claim("a1", 1200), claim("a2", 1200), claim("a3", 1200), independent=independent)
    assert ids(three.agreements) == [["c-a1-0", "c-a2-0", "c-a3-0"]]


def test_articles_without_outlet_are_sources_of_their_own():
    assert ids(run(claim("a5", 3), claim("a6", 3)).agreements) == [["c-a5-0", "c-a6-0"]]


def test_an_open_bound_and_a_figure_inside_it_neither_agree_nor_contradict():
    result = run(claim("a1", {"low": 1000, "high": None}, qualifier="MORE_THAN"), claim("a2", 1200, qualifier="APPROX"))
    assert result == ([], [], [])


# --- contradiction and change over time ---

def test_incompatible_figures_of_the_same_week_contradict():
    r = run(claim("a1", 1200, qualifier="APPROX", text="نحو 1200 جندي"), claim("a4", 1200, "2025-11-04"),
            claim("a2", {"low": 1500, "high": None}, "2025-11-06", qualifier="MORE_THAN", text="أكثر من 1500 جندي"))
    assert r.agreements == []
    [c] = r.contradictions
    assert (c["kind"], c["topic"], c["subject"]) == ("quantity", "عدد الجنود", SOLDIERS)
    assert set(c["claims"]) == {"c-a1-0", "c-a4-0", "c-a2-0"}
    assert c["note"] == "نحو 1200 جندي (الرافد) مقابل 1200 (الرافد) مقابل أكثر من 1500 جندي (المرصد)"


def test_figures_months_apart_are_a_change_over_time_not_a_contradiction():
    r = run(claim("a1", 2500, "2024-09-21", text="نحو 2500"), claim("a2", 500, "2026-01-10", text="500"))
    assert r.contradictions == []
    [ch] = r.changes
    assert ch["claims"] == ["c-a1-0", "c-a2-0"]
    assert ch["note"] == "نحو 2500 (الرافد، 2024-09-21) ثم 500 (المرصد، 2026-01-10)"


def test_a_claim_of_unknown_date_contradicts_nothing_but_may_agree():
    assert run(claim("a1", 2500, None), claim("a2", 500)).contradictions == []
    assert ids(run(claim("a1", 2500, None), claim("a2", 2500)).agreements) == [["c-a1-0", "c-a2-0"]]


def test_casualty_tolls_change_by_the_day():
    killed = "dead|-|Q796|killed"
    r = run(claim("a1", 12, "2025-11-03", subject=killed), claim("a2", 20, "2025-11-05", subject=killed))
    assert r.contradictions == [] and len(r.changes) == 1


def test_rankings_are_timeless():
    r = run(claim("a1", 1, "2024-01-01", kind="ranking", subject="e-base|size|bases|Q796", qualifier=None),
            claim("a2", 2, "2026-01-01", kind="ranking", subject="e-base|size|bases|Q796", qualifier=None))
    assert ids(r.contradictions) == [["c-a1-0", "c-a2-0"]] and r.changes == []


def test_nothing_is_compared_across_subjects_kinds_or_plans():
    other = "soldiers|US|Q796|-"
    assert run(claim("a1", 1200), claim("a2", 2500, subject=other)) == ([], [], [])
    assert run(claim("a1", 1200), claim("a2", 1500, modality="planned")) == ([], [], [])
    assert run(claim("a1", 1200), claim("a1", 1500, start=9)) == ([], [], [])  # one article


@pytest.mark.parametrize("a, b, relation", [
    (("2025-09", None), ("2025", "END"), "clash"),  # "أيلول 2025" is not "نهاية 2025"
    (("2025-09", "END"), ("2025-09", None), "agree"),
    (("2025-W45", None), ("2025-11-05", None), "neither"),  # a week holds the day: no precision to agree on
    (("2025-11-05", None), ("2025-11-06", None), "clash"),
])
def test_dates(a, b, relation):
    subject = "handover|-|occurrence|e-base"
    r = run(claim("a1", a[0], kind="date", subject=subject, qualifier=a[1]),
            claim("a2", b[0], kind="date", subject=subject, qualifier=b[1]))
    assert {"agree": (1, 0), "clash": (0, 1), "neither": (0, 0)}[relation] == (len(r.agreements), len(r.contradictions))


def test_date_intervals():
    d = dt.date
    assert date_interval("2025-09", "END") == (d(2025, 9, 21), d(2025, 9, 30))
    assert date_interval("2025", "END") == (d(2025, 10, 1), d(2025, 12, 31))
    assert date_interval("2025-W45") == (d(2025, 11, 3), d(2025, 11, 9))
    assert date_interval("2025-WI") == (d(2025, 12, 1), d(2026, 2, 28))
    assert date_interval("XXXX-09") is None and date_interval(None) is None


# --- the sample corpus (golden) and the seeds ---

def _by_file(articles: dict) -> dict[str, object]:
    return {name[:2]: a for name, a in articles.items()}


def test_sample_claims_golden(sample_articles):
    gold = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    arts = _by_file(sample_articles)
    for num, expected in gold["claims"].items():
        got = [[c.kind, c.text, c.value] for c in find_claims(arts[num])]
        assert got == expected, num


def test_sample_agreements_and_contradictions_golden(sample_articles):
    gold = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    arts = _by_file(sample_articles)
    num_of = {a.id: num for num, a in arts.items()}
    claims = [c for a in arts.values() for c in find_claims(a)]
    by_id = {c.id: c for c in claims}
    result = compare(claims, {a.id: a.outlet for a in arts.values()}, near_duplicates(list(arts.values())))

    def files(group) -> list[str]:
        return sorted({num_of[by_id[i].article] for i in group["claims"]})

    assert sorted((g["kind"], files(g)) for g in result.agreements) == \
        sorted((g["kind"], sorted(g["files"])) for g in gold["agreements"])
    assert sorted((g["kind"], files(g)) for g in result.contradictions) == \
        sorted((g["kind"], sorted(g["files"])) for g in gold["contradictions"])
    for g in gold["contradictions"]:
        [found] = [c for c in result.contradictions if c["kind"] == g["kind"]]
        assert all(part in found["note"] for part in g["note"]), found["note"]
    assert result.changes == gold["changes"]


def test_seeds(seed_articles):
    arts = seed_articles
    num_of = {a.id: num for num, a in arts.items()}
    claims = [c for a in arts.values() for c in find_claims(a)]
    by_id = {c.id: c for c in claims}
    result = compare(claims, {a.id: a.outlet for a in arts.values()}, near_duplicates(list(arts.values())))

    def found(groups, kind: str) -> list[list[str]]:
        return [sorted({num_of[by_id[i].article] for i in g["claims"]}) for g in groups if g["kind"] == kind]

    # Ain al-Asad: "the largest" (000) against "the second largest" air base (003)
    assert found(result.contradictions, "ranking") == [["000", "003"]]
    # the date of the Baghdad-Washington agreement: "September of last year" in a January 2026 article (000)
    # against late September 2024 (001) and 2024 (004)
    assert found(result.contradictions, "date") == [["000", "001", "004"]]
    # troop figures of different dates and places are never contradictions; no status contradicts another
    assert found(result.contradictions, "quantity") == [] and found(result.contradictions, "status") == []
    agreed = {(g["kind"], g["subject"]): sorted({num_of[by_id[i].article] for i in g["claims"]})
              for g in result.agreements}
    assert agreed[("date", "mission_end|-|deadline|kb-org-global-coalition")] == ["000", "001", "002", "004"]
    assert agreed[("date", "founding|-|occurrence|kb-org-global-coalition")] == ["000", "001"]
    assert agreed[("quantity", "soldiers|US|Q796|-")] == ["000", "002"]
    assert agreed[("status", "US|kb-fac-ain-al-asad")] == ["000", "004"]
    assert len(agreed) == 4
