"""tokenize / words: token surfaces, numbers, punctuation, and the conservative proclitic base."""

from __future__ import annotations

import dataclasses
import doctest

import pytest

from marsad.arabic import tokens as tokens_module
from marsad.arabic.normalize import fold
from marsad.arabic.tokens import base_offset, tokenize, words
from marsad.model import Token


def surfaces(text: str) -> list[str]:
    return [t.slice(text) for t in tokenize(text)]


def base(word: str, known: frozenset[str] | None = None) -> str:
    (tok,) = tokenize(word, known)
    return word[tok.base_start:tok.base_end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الوزير إن 2,500 جندي غادروا.", ["قال", "الوزير", "إن", "2,500", "جندي", "غادروا", "."]),
        ("بلغ النمو 2.5 بالمئة", ["بلغ", "النمو", "2.5", "بالمئة"]),
        ("نحو ٢٬٥٠٠ نازح و٣٫٥ مليون", ["نحو", "٢٬٥٠٠", "نازح", "و", "٣٫٥", "مليون"]),
        ("عام ۱۴۰۳ الإيراني", ["عام", "۱۴۰۳", "الإيراني"]),
        ("في 2024م.", ["في", "2024", "م", "."]),
        ("ارتفع 10% أمس", ["ارتفع", "10", "%", "أمس"]),
        ("انتهى 2.5.", ["انتهى", "2.5", "."]),
        ("نعم، لا؛ لماذا؟", ["نعم", "،", "لا", "؛", "لماذا", "؟"]),
        ("«حماس»...", ["«", "حماس", "»", ".", ".", "."]),
        ('قال لـ"العربي الجديد"', ["قال", "لـ", '"', "العربي", "الجديد", '"']),
        ("كَتَبَ الطالبُ", ["كَتَبَ", "الطالبُ"]),
        ("جـديـد", ["جـديـد"]),
        ("بغداد ـ العربي", ["بغداد", "ـ", "العربي"]),  # a lone tatweel used as a dash
        ("طائرة F-16 وG20", ["طائرة", "F", "-", "16", "و", "G20"]),
        ("\u200fبغداد\u200f  ", ["بغداد"]),  # controls make no tokens
        ("ﻻ ﷺ", ["ﻻ", "ﷺ"]),
        ("", []),
    ],
)
def test_surfaces(text: str, expected: list[str]) -> None:
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("والقوات", "القوات"),
        ("بالعراق", "العراق"),
        ("كالعادة", "العادة"),
        ("فالأمر", "الأمر"),
        ("وبالتالي", "التالي"),
        ("فبالنسبة", "النسبة"),
        ("للعراق", "لعراق"),  # ل + (ا)ل: base starts after the first ل
        ("وللقوات", "لقوات"),
        ("فللجيش", "لجيش"),
        ("لليبيا", "ليبيا"),
        ("ووزارة", "وزارة"),
        ("وواشنطن", "واشنطن"),
        ("لـحماس", "حماس"),
        ("بـ", ""),  # a bare proclitic written apart: empty base
        ("والـ", "الـ"),
        ("وَالقُوّاتُ", "القُوّاتُ"),
        ("وَلِلْقُوّاتِ", "لْقُوّاتِ"),
    ],
)
def test_proclitics_stripped(word: str, expected: str) -> None:
    assert base(word) == expected


@pytest.mark.parametrize(
    "word",
    [
        "وزارة", "بغداد", "فرنسا", "كركوك", "لبنان", "بيروت", "لندن", "ليبيا", "بلد", "كتب", "فاز",
        "وقال", "وصل", "ولد", "والي", "فالح", "بالي", "والدة", "والده", "بالغة", "وبالغة", "كاليفورنيا",
        "بالستية", "لله", "ولله", "ووتش", "الله", "العراق", "واشنطن", "وكالة", "فلسطين", "لكن",
        "فـي", "بـين", "ولـكن", "كـان",  # kashida filler, not a proclitic written apart
    ],
)
def test_not_stripped(word: str) -> None:
    assert base(word) == word


@pytest.mark.parametrize(
    ("word", "known", "expected"),
    [
        ("وبغداد", {"بغداد"}, "بغداد"),
        ("ولبنان", {"لبنان"}, "لبنان"),
        ("فبيروت", {"بيروت"}, "بيروت"),
        ("وسورية", {"سوريه"}, "سورية"),  # known holds folded keys; the remainder is folded to compare
        ("بغداد", {"بغداد", "غداد"}, "بغداد"),  # a word that is itself known is never cut
        ("وزارة", {"زارة"}, "زارة"),  # known says so: the caller's lexicon decides
        ("وزارة", {"وزارة", "زارة"}, "وزارة"),
        ("وبغداد", {"غداد"}, "غداد"),  # longest proclitic first: وب + غداد
        ("وقال", {"قال"}, "قال"),
        ("ولد", {"لد"}, "ولد"),  # remainder under 3 letters: never
    ],
)
def test_known_words(word: str, known: set[str], expected: str) -> None:
    assert base(word, frozenset(known)) == expected


def test_base_of_other_kinds() -> None:
    text = "قال CNN إن 5 جنود، أي ٥."
    toks = {t.slice(text): t for t in tokenize(text)}
    assert (toks["CNN"].base_start, toks["CNN"].base_end) == (toks["CNN"].start, toks["CNN"].end)
    assert (toks["5"].base_start, toks["5"].base_end) == (-1, -1)
    assert (toks["،"].base_start, toks["،"].base_end) == (-1, -1)


def test_offsets_are_exact() -> None:
    text = "  وأعلنت\u200f الحكومةُ،٢٠٢٤"
    assert tokenize(text) == [
        Token(2, 8, 2, 8),  # no rule strips a single و here: base is the whole word
        Token(10, 18, 10, 18),
        Token(18, 19),
        Token(19, 23),
    ]


def test_tokens_are_real_frozen_tokens() -> None:
    (tok,) = tokenize("والقوات")
    assert type(tok) is Token
    assert tok == Token(0, 7, 1, 7)
    assert hash(tok) == hash(Token(0, 7, 1, 7))
    with pytest.raises(dataclasses.FrozenInstanceError):
        tok.start = 3  # type: ignore[misc]


def test_words_keeps_only_words() -> None:
    text = "قال 5 رجال، وF16."
    assert [t.slice(text) for t in words(text)] == ["قال", "رجال", "و", "F16"]
    assert words(text) == [t for t in tokenize(text) if t.base_start >= 0]


def test_base_offset_directly() -> None:
    assert base_offset("والقوات") == 1
    assert base_offset("وبالتالي") == 2
    assert base_offset("وزارة") == 0
    assert base_offset("وسورية", frozenset({fold("سورية")})) == 1


def test_fallback_without_the_fast_constructor_gives_the_same_tokens(monkeypatch) -> None:
    text = "وقال لـ«العربي الجديد» إن ٢٬٥٠٠ عنصر غادروا بالعراق وَالقُوّاتُ F16."
    fast = tokenize(text)
    monkeypatch.setattr(tokens_module, "_FAST", False)
    assert tokenize(text) == fast
    assert words(text) == [t for t in fast if t.base_start >= 0]


def test_docstring_examples() -> None:
    assert doctest.testmod(tokens_module).failed == 0
