"""The words of one sentence (folded forms and offsets) and the time words a speaker phrase stops at."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.normalize import fold_word

# Letters, diacritics and digits; not the Arabic comma (U+060C), which \u0600-\u06FF would include.
_WORD = re.compile(r"[0-9A-Za-z\u0621-\u065F\u0660-\u0669\u0670-\u06D3\u06F0-\u06F9]+")


@dataclass(slots=True)
class Words:
    """The words of one sentence with their folded forms and character offsets."""

    spans: list[tuple[int, int]]
    forms: list[str]

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Words:
        found = list(_WORD.finditer(text, start, end))
        return cls([m.span() for m in found], [fold_word(m.group()) for m in found])

    def match(self, i: int, phrase: tuple[str, ...]) -> bool:
        return tuple(self.forms[i:i + len(phrase)]) == phrase


def gap_before(text: str, w: Words, i: int) -> str:
    """The characters between word i-1 and word i."""
    return text[w.spans[i - 1][1]:w.spans[i][0]] if i > 0 else ""


_DAY_PARTS = {"يوم", "مساء", "صباح", "ظهر", "فجر", "ليل", "ليله", "عصر", "ظهيره"}
_DAY_WORDS = {"اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "غد", "الغد"}


def is_time(w: Words, i: int) -> int:
    """Number of words of a time phrase starting at word i ("يوم السبت", "مساء أمس", "أمس"), else 0."""
    form = w.forms[i]
    if form in _DAY_WORDS:
        return 1
    if form in _DAY_PARTS and i + 1 < len(w.forms) and (w.forms[i + 1] in _DAY_WORDS or w.forms[i + 1].isdigit()):
        return 2
    return 0
