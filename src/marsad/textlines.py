"""Small shared helpers for line-level text features (Arabic share, word counts, folding)."""

from __future__ import annotations

import itertools
import re

from marsad.arabic.normalize import fold as _fold

# Runs of letters, not single letters: the same count from far fewer matches.
ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]+")
LATIN_LETTER = re.compile(r"[A-Za-z]+")
WORD = re.compile(r"[\w\u0600-\u06FF]+")
SENTENCE_END = re.compile(r"[.!?؟…:\"”»]\s*$")
# Private-use icons and invisible controls that sites paste before bylines and dates.
INVISIBLE = re.compile(r"[\uE000-\uF8FF\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]")


def fold(text: str) -> str:
    """Matching key (see arabic/normalize.py): spelling variants folded, Latin lower-cased."""
    return _fold(text).lower()


def arabic_share(text: str) -> float:
    """Share of Arabic letters among all letters (0 when there are no letters)."""
    ar = sum(map(len, ARABIC_LETTER.findall(text)))
    la = sum(map(len, LATIN_LETTER.findall(text)))
    return ar / (ar + la) if ar + la else 0.0


def word_count(text: str, cap: int | None = None) -> int:
    """Number of words; with `cap`, counting stops there (a long paragraph is not read to its end)."""
    if cap is None:
        return len(WORD.findall(text))
    return sum(1 for _ in itertools.islice(WORD.finditer(text), cap))
