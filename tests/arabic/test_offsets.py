"""OffsetMap: boundaries, tight spans, absorption of marks, expansions, bounds and compactness."""

from __future__ import annotations

import pytest

from marsad.arabic.normalize import normalize
from marsad.arabic.offsets import OffsetMap


def test_identity() -> None:
    m = OffsetMap.identity(5)
    assert [m.to_original(i) for i in range(6)] == [0, 1, 2, 3, 4, 5]
    assert m.original_span(1, 4) == (1, 4)
    assert m.segments == 1
    assert len(m) == 5


def test_empty() -> None:
    m = OffsetMap.identity(0)
    assert m.to_original(0) == 0
    assert m.original_span(0, 0) == (0, 0)
    assert m.segments == 0


def test_everything_deleted() -> None:
    n = normalize("\u064e\u0640\u200f")  # a fatha, a tatweel, a control
    assert n.text == ""
    assert n.map.to_original(0) == 3
    assert n.map.original_span(0, 0) == (3, 3)


@pytest.mark.parametrize(
    ("edits", "length", "starts", "ends"),
    [
        # "بَت": fatha at 1 deleted and absorbed by ب
        ([(1, 0, True)], 2, [0, 2, 3], [2, 3]),
        # "ب\u200fت": control at 1 deleted, not absorbed
        ([(1, 0, False)], 2, [0, 2, 3], [1, 3]),
        # "ﷲب": one character expanded to four
        ([(0, 4, False)], 5, [0, 0, 0, 0, 1, 2], [1, 1, 1, 1, 2]),
        # leading deleted mark: nobody absorbs it, the first letter starts after it
        ([(0, 0, True)], 1, [1, 2], [2]),
    ],
)
def test_from_edits(edits, length: int, starts: list[int], ends: list[int]) -> None:
    original_length = {2: 3, 5: 2, 1: 2}[length]
    m = OffsetMap.from_edits(original_length, edits)
    assert m.length == length
    assert [m.to_original(i) for i in range(length + 1)] == starts
    assert [m.char_end(i) for i in range(length)] == ends


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        ("كَتَبَ الطالبُ", "كتب", "كَتَبَ"),  # trailing fatha belongs to the last letter
        ("كَتَبَ الطالبُ", "تب", "تَبَ"),  # the fatha on ك before the match stays out
        ("الطالبُ\u200f.", "الطالب", "الطالبُ"),  # mark in, the trailing control out
        ("\u200e\u064eبيت", "بيت", "بيت"),  # dangling control and mark before the word stay out
        ("مـــصـــر", "مصر", "مـــصـــر"),  # tatweel inside and after letters
        ("صلى الله عليه ﷺ", "عليه", "عليه"),
    ],
)
def test_original_span_is_tight(text: str, needle: str, expected: str) -> None:
    n = normalize(text)
    i = n.text.index(needle)
    s, e = n.map.original_span(i, i + len(needle))
    assert text[s:e] == expected


def test_partial_expansion_covers_the_whole_source_character() -> None:
    text = "قال ﷺ"
    n = normalize(text)
    assert n.text == "قال صلي الله عليه وسلم"
    i = n.text.index("الله")
    assert n.map.original_span(i, i + 4) == (4, 5)
    assert n.map.to_original(i) == 4
    assert n.map.to_original(len(n.text)) == 5


def test_to_original_is_monotonic_and_bounded() -> None:
    text = "\u200fوَقالَ ﷺ الـرئيسُ ﻻ\u200f"
    m = normalize(text).map
    values = [m.to_original(i) for i in range(m.length + 1)]
    assert values == sorted(values)
    assert values[0] >= 0 and values[-1] == len(text)


@pytest.mark.parametrize(("a", "b"), [(-1, 0), (0, 99), (3, 2)])
def test_bad_spans_raise(a: int, b: int) -> None:
    m = normalize("كتاب").map
    with pytest.raises(IndexError):
        m.original_span(a, b)


@pytest.mark.parametrize("i", [-1, 5])
def test_bad_positions_raise(i: int) -> None:
    m = normalize("كتاب").map
    with pytest.raises(IndexError):
        m.to_original(i)
    with pytest.raises(IndexError):
        m.char_end(4)


def test_storage_grows_with_edits_not_with_text() -> None:
    plain = normalize("أعلنت الحكومة العراقية " * 1000)
    assert plain.map.segments == 1
    marked = normalize("قالَ " * 100)  # 100 deleted fathas cut the text into 101 runs
    assert marked.map.segments == 101
    assert "segments=101" in repr(marked.map)
