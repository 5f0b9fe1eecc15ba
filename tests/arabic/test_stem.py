"""stem / stem_all: Snowball Arabic after folding; insensitive to marks, hamza forms and digit scripts."""

from __future__ import annotations

import threading

import pytest

from marsad.arabic.normalize import fold
from marsad.arabic.stem import STEM_STEPS, stem, stem_all


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("المكتبة", "مكتب"),
        ("مكتبة", "مكتب"),
        ("يكتبون", "يكتب"),
        ("كَتَبَ", "كتب"),
        ("الانتخابات", "انتخاب"),
        ("بالانتخابات", "انتخاب"),
        ("للانتخابات", "انتخاب"),
        ("العراقية", "عراق"),
        ("عراقي", "عراق"),
        ("أحمد", "احمد"),
        ("٢٠٢٤", "2024"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("كَتَبَ", "كتب"),
        ("أحمد", "احمد"),
        ("إعلان", "اعلان"),
        ("الـمدينة", "المدينة"),
        ("\u200fالمدينة", "المدينة"),
        ("ﻻجئين", "لاجئين"),
        ("۲۰۲۴", "2024"),
    ],
)
def test_spelling_variants_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_stem_is_applied_after_fold() -> None:
    for w in ["وَالمُسْتَشْفَيَاتُ", "إلى", "ﷺ", "الـقوات"]:
        assert stem(w) == stem(fold(w, STEM_STEPS))


def test_teh_marbuta_and_alef_maqsura_are_left_to_snowball() -> None:
    assert "teh_marbuta" not in STEM_STEPS and "alef_maqsura" not in STEM_STEPS
    assert "diacritics" in STEM_STEPS and "alef" in STEM_STEPS


def test_stem_all_matches_stem() -> None:
    ws = ["المكتبة", "يكتبون", "كَتَبَ", "", "بغداد", "Baghdad"]
    assert stem_all(ws) == [stem(w) for w in ws]
    assert stem_all(iter(ws)) == [stem(w) for w in ws]
    assert stem_all([]) == []


def test_threads_get_their_own_stemmer() -> None:
    ws = ["المكتبة", "يكتبون", "الانتخابات", "العراقية"] * 200
    expected = stem_all(ws)
    results: list[list[str]] = []

    def work() -> None:
        results.append(stem_all(ws))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
