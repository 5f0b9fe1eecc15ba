"""Arabic character classes: frozensets for membership tests, regex class bodies and compiled regexes.

Built from a few explicit code point ranges at import (never a walk over all of Unicode).
"""

from __future__ import annotations

import re

Ranges = tuple[tuple[int, int], ...]


def _set(ranges: Ranges) -> frozenset[str]:
    return frozenset(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))


def _cls(ranges: Ranges) -> str:
    """Regex character-class body (without brackets) for `ranges`."""
    parts = []
    for lo, hi in ranges:
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "".join(parts)


# Letters of the Arabic script, including the Persian/Urdu/Kurdish ones (ک گ ی پ چ ژ ۀ live in
# U+0671-U+06D3). Tatweel U+0640 and the marks are deliberately not letters.
LETTER_RANGES: Ranges = (
    (0x0620, 0x063F), (0x0641, 0x064A), (0x066E, 0x066F), (0x0671, 0x06D3), (0x06D5, 0x06D5),
    (0x06EE, 0x06EF), (0x06FA, 0x06FC), (0x06FF, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08C9),
)
# Harakat, superscript alef, Quranic annotation marks, and the honorific signs U+0610-U+061A
# (combining marks too, so they fold away with the harakat).
DIACRITIC_RANGES: Ranges = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
# Zero-width and bidi controls; U+061C (Arabic letter mark) and U+2060 (word joiner) belong here too.
CONTROL_RANGES: Ranges = (
    (0x061C, 0x061C), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2060), (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)
PRESENTATION_RANGES: Ranges = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

LETTERS: frozenset[str] = _set(LETTER_RANGES)
PERSIAN_LETTERS: frozenset[str] = frozenset("کگیپچژۀ")
DIACRITICS: frozenset[str] = _set(DIACRITIC_RANGES)
TATWEEL = "\u0640"
CONTROLS: frozenset[str] = _set(CONTROL_RANGES)
EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
DIGITS: frozenset[str] = frozenset("0123456789" + EASTERN_DIGITS + PERSIAN_DIGITS)
# ، ؛ ؟ ٪ ٫ (decimal separator) ٬ (thousands separator) ۔ (Urdu full stop)
ARABIC_PUNCTUATION: frozenset[str] = frozenset("،؛؟٪٫٬۔")
QUOTES: frozenset[str] = frozenset("\"“”«»„‹›'‘’‚‛‟")
# Quotes that delimit quoted speech in news; single quotes double as apostrophes, so they are left out.
SPEECH_QUOTES: frozenset[str] = frozenset("\"“”„‟«»‹›")
# Every character for which str.isspace() is true (a fixed list in Unicode).
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
LINE_BREAKS = "\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"

# Regex class bodies, for composing patterns elsewhere.
LETTER_CLASS = _cls(LETTER_RANGES)
DIACRITIC_CLASS = _cls(DIACRITIC_RANGES)
CONTROL_CLASS = _cls(CONTROL_RANGES)
PRESENTATION_CLASS = _cls(PRESENTATION_RANGES)
QUOTE_CLASS = "".join(re.escape(q) for q in sorted(QUOTES))

LETTER_RE = re.compile(f"[{LETTER_CLASS}]")
DIACRITICS_RE = re.compile(f"[{DIACRITIC_CLASS}]+")
TATWEEL_RE = re.compile(f"{TATWEEL}+")
CONTROLS_RE = re.compile(f"[{CONTROL_CLASS}]+")
DIGITS_RE = re.compile(f"[{EASTERN_DIGITS}{PERSIAN_DIGITS}]")
QUOTES_RE = re.compile(f"[{QUOTE_CLASS}]")
