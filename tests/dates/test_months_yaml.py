"""months.yaml: canonical entries (NFC, no tatweel, no diacritics) and no month collisions after folding."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest

from marsad.arabic import chars
from marsad.arabic.normalize import fold
from marsad.dates.absolute import _SHIFTS
from marsad.lexicon import load

DATA = load("months")


def _strings(node, path="months"):
    """Every string in the file with where it sits, keys included."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(k, str):
                yield f"{path}.{k}", k
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def _key(s: str) -> str:
    return " ".join(fold(s).lower().split())


STRINGS = list(_strings(DATA))


@pytest.mark.parametrize("where, s", STRINGS, ids=[w for w, _ in STRINGS])
def test_entry_is_canonical(where, s):
    assert s == unicodedata.normalize("NFC", s), "not NFC"
    assert chars.TATWEEL not in s, "tatweel"
    assert not set(s) & chars.DIACRITICS, "diacritics"
    assert not set(s) & chars.CONTROLS, "zero-width or bidi control"
    assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in s), "presentation form"
    assert s == " ".join(s.split()), "stray or doubled spaces"


@pytest.mark.parametrize("family", sorted(DATA["families"]))
def test_family_has_twelve_months_and_no_collisions(family):
    fam = DATA["families"][family]
    assert fam["calendar"] in {"gregorian", "hijri"}
    assert sorted(fam["months"]) == list(range(1, 13))
    seen: dict[str, int] = {}
    for num, names in fam["months"].items():
        assert names, f"{family} month {num} has no spelling"
        for name in names:
            k = _key(name)
            assert seen.setdefault(k, num) == num, f"{family}: '{name}' folds onto month {seen[k]} too"


def test_families_agree_on_shared_spellings():
    # A spelling shared by families (مارس, سبتمبر) must mean one month in one calendar.
    meaning: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for fam in DATA["families"].values():
        for num, names in fam["months"].items():
            for name in names:
                meaning[_key(name)].add((fam["calendar"], num))
    clashes = {k: v for k, v in meaning.items() if len(v) > 1}
    assert not clashes


def test_no_listed_variant_is_redundant_after_folding():
    # Variants that fold together are matched anyway; listing both in one month is noise.
    for fam_name, fam in DATA["families"].items():
        for num, names in fam["months"].items():
            keys = [_key(n) for n in names]
            assert len(keys) == len(set(keys)), f"{fam_name} month {num}: {names}"


def test_ambiguous_words_are_month_spellings():
    months = {_key(n) for f in DATA["families"].values() for ns in f["months"].values() for n in ns}
    assert {_key(w) for w in DATA["ambiguous"]} <= months


def test_weekdays_markers_eras_and_labels():
    assert sorted(DATA["weekdays"]) == list(range(1, 8))
    assert set(DATA["time_markers"]) == set(_SHIFTS)
    assert set(DATA["eras"]) == {"gregorian", "hijri"}
    era_keys = [_key(w) for ws in DATA["eras"].values() for w in ws]
    assert len(era_keys) == len(set(era_keys)), "an era word names both calendars"
    assert DATA["publication_labels"] and all(isinstance(w, str) for w in DATA["publication_labels"])
    assert {"عام", "العام", "سنة"} <= set(DATA["year_words"])
