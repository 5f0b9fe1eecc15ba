"""Folding steps one by one, the default pipeline, step selection and the offset map of normalize()."""

from __future__ import annotations

import doctest

import pytest

from marsad.arabic import chars
from marsad.arabic import normalize as normalize_module
from marsad.arabic.normalize import DEFAULT_STEPS, STEP_NAMES, fold, normalize


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        ("presentation_forms", "ﻻ", "لا"),
        ("presentation_forms", "ﻷ", "لأ"),  # alef keeps its hamza unless the alef step runs too
        ("presentation_forms", "ﷺ", "صلى الله عليه وسلم"),
        ("presentation_forms", "ﷲ", "الله"),
        ("presentation_forms", "ﺑﻐﺪاﺩ", "بغداد"),
        ("presentation_forms", "\ufe70", "\u064b"),  # isolated fathatan: the mark, without NFKC's space
        ("controls", "\u200fبغداد\u200e", "بغداد"),
        ("controls", "ال\u200bعراق\ufeff", "العراق"),
        ("controls", "\u202bنص\u202c \u2067نص\u2069", "نص نص"),
        ("diacritics", "كَتَبَ", "كتب"),
        ("diacritics", "مُحَمَّدٌ", "محمد"),
        ("diacritics", "هٰذا", "هذا"),  # superscript alef
        ("diacritics", "ٱلرَّحْمَٰنِ", "ٱلرحمن"),  # wasla is a letter: the alef step folds it
        ("tatweel", "جـديـد", "جديد"),
        ("tatweel", "لـ\"العربي\"", "ل\"العربي\""),
        ("alef", "أحمد وإبراهيم وآمنة", "احمد وابراهيم وامنة"),
        ("alef", "ٱلله", "الله"),
        ("hamza_carriers", "مسؤول رئيس", "مسوول رييس"),
        ("persian_letters", "کرکوک", "كركوك"),
        ("persian_letters", "ایران", "ايران"),
        ("alef_maqsura", "مستشفى على", "مستشفي علي"),
        ("teh_marbuta", "وزارة الصحة", "وزاره الصحه"),
        ("digits", "٢٠٢٤ و۱۴۰۳", "2024 و1403"),
        ("punctuation", "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"),
        ("punctuation", "٣٫٥٪ و٢٬٥٠٠", "٣.٥% و٢,٥٠٠"),
        ("punctuation", "انتهى۔", "انتهى."),
    ],
)
def test_each_step(step: str, text: str, expected: str) -> None:
    assert fold(text, (step,)) == expected
    assert normalize(text, (step,)).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وَزارةُ الخارجيّة", "وزاره الخارجيه"),
        ("إلى مستشفى الـكرخ ٢٠٢٤؟", "الي مستشفي الكرخ 2024?"),
        ("ﻷسباب أمنية", "لاسباب امنيه"),
        ("\u200fقالَ الرئيسُ: «انتهى».", "قال الرئيس: «انتهي»."),
        ("بلغت النسبة ٣٫٥٪", "بلغت النسبه 3.5%"),
        ("٢٬٥٠٠ دولار", "2,500 دولار"),
        ("مسؤول رئيس", "مسؤول رئيس"),  # hamza carriers are off by default
        ("صلى النبي ﷺ", "صلي النبي صلي الله عليه وسلم"),
        ("Hello, world 123", "Hello, world 123"),  # nothing Arabic: unchanged
        ("", ""),
    ],
)
def test_default_fold(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert normalize(text).text == expected


def test_hamza_carriers_off_by_default_and_on_by_name() -> None:
    assert "hamza_carriers" not in DEFAULT_STEPS
    assert fold("مسؤول", (*DEFAULT_STEPS, "hamza_carriers")) == "مسوول"


def test_steps_run_in_the_fixed_order_whatever_order_they_are_named_in() -> None:
    # presentation_forms must run before alef for ﻷ to end as لا.
    assert fold("ﻷ", ("alef", "presentation_forms")) == "لا"
    assert fold("ﻷ", ("presentation_forms", "alef")) == "لا"


@pytest.mark.parametrize("steps", [("diacritics", "nope"), "accents", ("Alef",)])
def test_unknown_step_raises(steps) -> None:
    with pytest.raises(ValueError, match="unknown normalization step"):
        fold("نص", steps)
    with pytest.raises(ValueError):
        normalize("نص", steps)


def test_single_name_and_list_are_accepted() -> None:
    assert fold("كَتَبَ", "diacritics") == "كتب"
    assert fold("كَتَبَ", ["diacritics"]) == "كتب"
    assert fold("أَ", frozenset({"diacritics", "alef"})) == "ا"
    assert fold("أحمد", ()) == "أحمد"


def test_step_names_are_the_functions() -> None:
    assert STEP_NAMES[0] == "presentation_forms"
    assert set(DEFAULT_STEPS) <= set(STEP_NAMES)
    for name in STEP_NAMES:
        assert callable(getattr(normalize_module, name))


@pytest.mark.parametrize(
    ("text", "needle", "original"),
    [
        ("قالَ الـرئيسُ أمس", "الرئيس", "الـرئيسُ"),  # tatweel inside and the final damma belong to it
        ("أعلنت وزارةُ الصحةِ", "وزاره الصحه", "وزارةُ الصحةِ"),
        ("\u200fبغداد\u200f اليوم", "بغداد", "بغداد"),  # controls around the word stay outside
        ("صلى النبي ﷺ تسليما", "الله", "ﷺ"),  # part of an expansion maps to the whole character
        ("ﻻ تراجع", "لا", "ﻻ"),
        ("العدد ٢٬٥٠٠ شخص", "2,500", "٢٬٥٠٠"),
        ("مُحَمَّدٌ", "حم", "حَمَّ"),  # inner marks inside; the mark after م belongs to م
    ],
)
def test_match_in_normalized_text_maps_to_exact_original_span(text: str, needle: str, original: str) -> None:
    n = normalize(text)
    i = n.text.index(needle)
    start, end = n.original_span(i, i + len(needle))
    assert text[start:end] == original


def test_unchanged_length_text_uses_one_segment() -> None:
    n = normalize("أعلنت وزارة الصحة ٢٠٢٤")  # replacements only, no deletion: offsets unchanged
    assert n.map.segments == 1
    assert [n.map.to_original(i) for i in range(len(n.text) + 1)] == list(range(len(n.text) + 1))


def test_fold_of_many_short_keys_is_cached_per_steps_argument() -> None:
    keys = ["العِراق", "بَغداد", "الموصل"]
    assert [fold(k) for k in keys] == ["العراق", "بغداد", "الموصل"]


def test_docstring_examples() -> None:
    assert doctest.testmod(normalize_module).failed == 0


def test_character_classes() -> None:
    assert chars.PERSIAN_LETTERS <= chars.LETTERS
    assert set("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱؤئىة") <= chars.LETTERS
    assert chars.TATWEEL not in chars.LETTERS and not chars.DIACRITICS & chars.LETTERS
    assert {"\u064b", "\u065f", "\u0670", "\u06d6", "\u06ed"} <= chars.DIACRITICS
    assert {"\u200b", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff"} <= chars.CONTROLS
    assert set("،؛؟٪٫٬۔") == chars.ARABIC_PUNCTUATION
    assert set("\"“”«»„‹›'‘’") <= chars.QUOTES
    assert chars.DIACRITICS_RE.fullmatch("\u064e\u0651")
    assert chars.LETTER_RE.match("ک") and not chars.LETTER_RE.match("ـ")


def test_spaces_constant_lists_every_space_character() -> None:
    assert set(chars.SPACES) == {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(chars.LINE_BREAKS) <= set(chars.SPACES)
