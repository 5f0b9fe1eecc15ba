"""Arabic folding for matching: named steps in one ordered list, with an offset map back to the original.

`fold()` gives dictionary keys; `normalize()` gives the same text plus an `OffsetMap` for exact spans.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from marsad.arabic import chars
from marsad.arabic.offsets import OffsetMap

Table = dict[str, str]  # one character -> its replacement ("" deletes it)


def presentation_forms() -> Table:
    """NFKC, character by character, for Arabic presentation forms only: ﻻ -> لا, ﷺ -> صلى الله عليه وسلم.

    Isolated harakat forms (U+FE70...) lose the space NFKC puts before the mark.
    """
    table = {}
    for lo, hi in chars.PRESENTATION_RANGES:
        for c in range(lo, hi + 1):
            ch = chr(c)
            out = unicodedata.normalize("NFKC", ch)
            if out.startswith(" ") and len(out) > 1 and all(x in chars.DIACRITICS for x in out[1:]):
                out = out[1:]
            if out != ch:
                table[ch] = out
    return table


def controls() -> Table:
    """Drop zero-width and bidi controls: "\u200fبغداد" -> "بغداد"."""
    return dict.fromkeys(chars.CONTROLS, "")


def diacritics() -> Table:
    """Drop harakat, shadda, sukun, superscript alef and Quranic marks: "كَتَبَ" -> "كتب"."""
    return dict.fromkeys(chars.DIACRITICS, "")


def tatweel() -> Table:
    """Drop the tatweel (kashida): "جـديـد" -> "جديد"."""
    return {chars.TATWEEL: ""}


def alef() -> Table:
    """Alef with hamza/madda and wasla -> bare alef: "أحمد" -> "احمد", "إلى" -> "الى", "آخر" -> "اخر"."""
    return dict.fromkeys("أإآٱ", "ا")


def hamza_carriers() -> Table:
    """Hamza on waw/yeh -> the bare carrier: "مسؤول" -> "مسوول", "رئيس" -> "رييس". Off by default."""
    return {"ؤ": "و", "ئ": "ي"}


def persian_letters() -> Table:
    """Persian keyboard letters that stand for Arabic ones: ک -> ك, ی -> ي, ۀ -> ه ("کرکوک" -> "كركوك")."""
    return {"ک": "ك", "ی": "ي", "ۀ": "ه"}


def alef_maqsura() -> Table:
    """Alef maqsura -> yeh: "مستشفى" -> "مستشفي", "على" -> "علي"."""
    return {"ى": "ي"}


def teh_marbuta() -> Table:
    """Teh marbuta -> heh: "وزارة" -> "وزاره"."""
    return {"ة": "ه"}


def digits() -> Table:
    """Eastern Arabic and Persian digits -> ASCII: "٢٠٢٤" -> "2024", "۱۴۰۳" -> "1403"."""
    return {**dict(zip(chars.EASTERN_DIGITS, "0123456789", strict=True)),
            **dict(zip(chars.PERSIAN_DIGITS, "0123456789", strict=True))}


def punctuation() -> Table:
    """Arabic punctuation -> ASCII, one for one so offsets stay put: ، -> ,  ؛ -> ;  ؟ -> ?  ٪ -> %
    ۔ -> .  ٫ (decimal) -> .  ٬ (thousands) -> , so "٢٬٥٠٠" folds to "2,500" like a Western number."""
    return {"،": ",", "؛": ";", "؟": "?", "٪": "%", "۔": ".", "٫": ".", "٬": ","}


# THE order. Steps run in this order whatever order they are named in: presentation forms first (they
# produce hamza-alef, marks and tatweel that later steps fold), controls before anything else.
STEPS: tuple[Callable[[], Table], ...] = (
    presentation_forms, controls, diacritics, tatweel, alef, hamza_carriers, persian_letters,
    alef_maqsura, teh_marbuta, digits, punctuation,
)
STEP_NAMES: tuple[str, ...] = tuple(s.__name__ for s in STEPS)
DEFAULT_STEPS: tuple[str, ...] = tuple(n for n in STEP_NAMES if n != "hamza_carriers")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Folded text and the map from its positions back to the original."""

    text: str
    map: OffsetMap

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.map.original_span(start, end)


@dataclass(frozen=True, slots=True)
class _Pipeline:
    table: dict[int, str | int]  # for str.translate
    odd: re.Pattern[str] | None  # characters whose replacement is not exactly one character
    lengths: dict[str, int]  # replacement length of each odd character


@functools.cache
def _pipeline(names: frozenset[str]) -> _Pipeline:
    # Every step maps single characters, so the chosen steps compose into one table.
    composed: Table = {}
    for step in STEPS:
        if step.__name__ not in names:
            continue
        t = step()
        for c, out in composed.items():
            composed[c] = "".join(t.get(x, x) for x in out)
        for c, out in t.items():
            composed.setdefault(c, out)
    composed = {c: out for c, out in composed.items() if out != c}
    lengths = {c: len(out) for c, out in composed.items() if len(out) != 1}
    odd = re.compile("[" + "".join(re.escape(c) for c in sorted(lengths)) + "]") if lengths else None
    # Characters that stay as they are get an entry too (Latin, Arabic, general punctuation):
    # str.translate is a third faster when its lookups find every character of the text.
    table: dict[int, str | int] = {c: c for r in _KEPT_RANGES for c in r}
    table.update({ord(c): out for c, out in composed.items()})
    return _Pipeline(table, odd, lengths)


_KEPT_RANGES = (range(0x800), range(0x2000, 0x2070))


def _resolve(steps: Iterable[str] | str) -> frozenset[str]:
    names = frozenset((steps,) if isinstance(steps, str) else steps)
    unknown = names - set(STEP_NAMES)
    if unknown:
        raise ValueError(f"unknown normalization step(s) {sorted(unknown)}; known: {', '.join(STEP_NAMES)}")
    return names


@functools.cache
def _lookup(steps: tuple[str, ...] | frozenset[str] | str) -> _Pipeline:
    return _pipeline(_resolve(steps))


def _get(steps: Iterable[str] | str) -> _Pipeline:
    # Cached on the argument itself so fold() on many short keys costs one dict lookup here.
    return _lookup(steps if isinstance(steps, tuple | frozenset | str) else tuple(steps))


def fold(text: str, steps: Iterable[str] | str = DEFAULT_STEPS) -> str:
    """Folded text for dictionary keys and matching; equals `normalize(text, steps).text`.

    >>> fold("وَزارةُ الخارجيّة")
    'وزاره الخارجيه'
    >>> fold("إلى مستشفى الـكرخ ٢٠٢٤؟")
    'الي مستشفي الكرخ 2024?'
    >>> fold("أحمد", steps=("diacritics", "tatweel"))
    'أحمد'
    """
    if steps is DEFAULT_STEPS:  # the usual call: no tuple to hash for the cache lookup
        return text.translate(_DEFAULT_TABLE or _default_table())
    return text.translate(_get(steps).table)


_DEFAULT_TABLE: dict[int, str | int] = {}

# fold() of single words, memoised and shared: the stages fold the same words again and again.
fold_word = functools.lru_cache(maxsize=300_000)(fold)


def _default_table() -> dict[int, str | int]:
    global _DEFAULT_TABLE
    _DEFAULT_TABLE = _lookup(DEFAULT_STEPS).table
    return _DEFAULT_TABLE


def normalize(text: str, steps: Iterable[str] | str = DEFAULT_STEPS) -> Normalized:
    """Fold `text` and keep a map back to it.

    >>> n = normalize("قالَ الـرئيسُ")
    >>> n.text
    'قال الرئيس'
    >>> n.map.original_span(4, 10)  # "الرئيس" -> "الـرئيسُ" (tatweel inside and final damma included)
    (5, 13)
    """
    global _RECENT
    memo = steps is DEFAULT_STEPS and len(text) >= _MEMO_MIN
    if memo:
        for seen, done in _RECENT:
            if seen == text:
                return done
    p = _get(steps)
    out = text.translate(p.table)
    if p.odd is None or len(out) == len(text) and p.odd.search(text) is None:
        done = Normalized(out, OffsetMap.identity(len(text)))
    else:
        lengths = p.lengths
        # A deleted mark or tatweel belongs to the letter before it; a deleted control to nothing.
        edits = ((m.start(), lengths[c := m.group()], c not in chars.CONTROLS) for m in p.odd.finditer(text))
        omap = OffsetMap.from_edits(len(text), edits)
        assert omap.length == len(out)  # the table and the map must agree
        done = Normalized(out, omap)
    if memo:
        _RECENT = ((text, done), *_RECENT[:3])
    return done


# The stages normalize the same body one after another (outlets, time expressions, quantities):
# the last few long texts are kept (a Normalized is immutable, so sharing it is safe).
_MEMO_MIN = 256
_RECENT: tuple[tuple[str, Normalized], ...] = ()
