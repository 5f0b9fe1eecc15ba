"""Tokenizer: words, numbers and punctuation as `Token` spans; Arabic words get a conservative base
(the span without proclitics such as و ف ب ك ل). Enclitic pronouns are not stripped.
"""

from __future__ import annotations

import dataclasses
import re

from marsad.arabic import chars
from marsad.arabic.normalize import fold
from marsad.model import Token

_L = chars.LETTER_CLASS + "\ufb50-\ufd3d\ufd40-\ufdff\ufe70-\ufefc"  # letters, presentation forms too
_M = chars.DIACRITIC_CLASS + chars.TATWEEL
_ARABIC_BLOCKS = "\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_SPACE = rf"[\s{chars.CONTROL_CLASS}]*"  # skipped inside the match: far fewer failed attempts
_TOKEN = re.compile(
    _SPACE + "(?:"
    rf"((?>[{_L}]+)(?![{_M}\u200c\u200d]))"  # 1 Arabic word, letters only (the common case)
    rf"|([{_L}][{_L}{_M}]*(?:[\u200c\u200d][{_L}][{_L}{_M}]*)*)"  # 2 with marks, tatweel or ZWNJ
    r"|(\d+(?:[.,٫٬]\d+)*)"  # 3 number: 2024, 2,500, 2.5, ٢٬٥٠٠, ٣٫٥
    rf"|([^\W\d_{_ARABIC_BLOCKS}][^\W_{_ARABIC_BLOCKS}]*)"  # 4 other word: Latin etc., F16, G20
    rf"|([^\s{chars.CONTROL_CLASS}])"  # 5 anything else, one character at a time
    ")"
)
_PLAIN, _MARKED, _NUMBER, _OTHER = 1, 2, 3, 4
# The same scan with the skipped spaces captured: findall() then gives every token's groups in one
# C call, and the offsets follow from the lengths (each match starts where the previous one ended).
_TOKEN_GROUPS = re.compile(f"({_SPACE})" + _TOKEN.pattern[len(_SPACE):])
_MARKS = frozenset(chars.DIACRITICS | {chars.TATWEEL, "\u200c", "\u200d"})
_MARKS_RE = re.compile(f"[{_M}\u200c\u200d]")
_PROCLITIC = frozenset("وفبكل")
_COMBOS = frozenset({"و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل", "لل", "ولل", "فلل"})
# Words that look like proclitic + ال but are not: والدة (mother), بالغة (extreme), foreign names.
_KEEP = frozenset(
    "والد والدة والده والدي والدا والدان والدته والدتي والدتها والدتهم والدها والدهم والديه "
    "والديها والدهما بالغ بالغة بالغا بالغه بالغين بالغون بالغت بالغوا".split()
)
_KEEP_PREFIXES = ("بالست", "باليست", "كاليفورن", "كالسيوم", "والتر", "والاس", "فالنسي", "بالتيمور",
                  "كالاشن", "ووهان")


def tokenize(text: str, known: frozenset[str] | None = None) -> list[Token]:
    """Tokens of `text` in order: numbers, words, and every other non-space character on its own.

    Words (Arabic and other scripts) carry `base_start/base_end`; numbers and punctuation keep -1.
    The base of an Arabic word drops proclitics only when it is safe (see `base_offset`), so
    "والقوات" -> base "القوات" while "وزارة" keeps its و. Controls and spaces make no tokens.

    >>> t = "وقال لـ«العربي الجديد» إن ٢٬٥٠٠ عنصر غادروا بالعراق."
    >>> [(x.slice(t), t[x.base_start:x.base_end]) for x in tokenize(t)][:3]
    [('وقال', 'وقال'), ('لـ', ''), ('«', '')]
    >>> [t[x.base_start:x.base_end] for x in tokenize(t)][-2:]
    ['العراق', '']
    """
    return _scan(text, known, words_only=False)


def words(text: str, known: frozenset[str] | None = None) -> list[Token]:
    """Only the word tokens (Arabic and other scripts) of `text`: no numbers, no punctuation."""
    return _scan(text, known, words_only=True)


def _scan(text: str, known: frozenset[str] | None, words_only: bool) -> list[Token]:
    if not _FAST:
        return [Token(*t) for t in _spans(text, known, words_only)]
    # Token(...) would cost most of the time here (a frozen dataclass __init__ goes through
    # object.__setattr__ per field): set the four slots directly, inline.
    out: list[Token] = []
    append = out.append
    new = object.__new__
    set_s, set_e, set_bs, set_be = _SLOT_SETTERS
    proclitic = _PROCLITIC
    e = 0
    for space, plain, marked, number, other, single in _TOKEN_GROUPS.findall(text):
        s = e + len(space)
        if plain:
            e = s + len(plain)
            bs, be = (s + _clitic_letters(plain, known) if plain[0] in proclitic else s), e
        elif marked:
            e = s + len(marked)
            bs, be = (s + base_offset(marked, known) if marked[0] in proclitic else s), e
        elif other:
            e = s + len(other)
            bs, be = s, e
        else:
            e = s + len(number or single)
            if words_only:
                continue
            bs = be = -1
        t = new(Token)
        set_s(t, s)
        set_e(t, e)
        set_bs(t, bs)
        set_be(t, be)
        append(t)
    return out


def _spans(text: str, known: frozenset[str] | None, words_only: bool) -> list[tuple[int, int, int, int]]:
    """The same scan as _scan, as plain tuples: the fallback if Token ever changes shape."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastindex
        s, e = m.start(kind), m.end()
        if kind == _PLAIN:
            out.append((s, e, s + base_offset(m.group(1), known), e))
        elif kind == _MARKED:
            out.append((s, e, s + base_offset(m.group(2), known), e))
        elif kind == _OTHER:
            out.append((s, e, s, e))
        elif not words_only:
            out.append((s, e, -1, -1))
    return out


_FAST = [f.name for f in dataclasses.fields(Token)] == ["start", "end", "base_start", "base_end"]
_SLOT_SETTERS = (Token.start.__set__, Token.end.__set__, Token.base_start.__set__, Token.base_end.__set__)


def base_offset(word: str, known: frozenset[str] | None = None) -> int:
    """Where the base of an Arabic `word` starts: the number of leading characters that are proclitics.

    Stripped only when (counting letters, not marks):
      - a proclitic and tatweel are written apart: "لـحماس" -> "حماس", and a bare "لـ" (before a quote
        or a number: لـ«حماس» بـ15) gets an empty base; "والـ" keeps "الـ"; "فـي" "بـين" stay whole
        (fewer than 3 letters after the tatweel: kashida filler);
      - the rest starts with ال and has >= 4 letters: "والقوات" "بالعراق" "كالعادة" "وبالتالي";
        (والي, فالح stay whole; so do a few listed look-alikes: والدة, بالغة, كاليفورنيا...)
      - لل is ل + ال with the alef dropped: "للعراق" -> "لعراق", "وللقوات" -> "لقوات" (base starts after
        the first ل: offsets cannot restore the alef; this is also right for "لليبيا" -> "ليبيا");
      - the rest is in `known` (compared as is and folded) and has >= 3 letters;
      - a doubled و before >= 4 letters: "ووزارة" -> "وزارة", "وواشنطن" -> "واشنطن".
    "وزارة", "بغداد", "فرنسا", "كركوك", "لبنان", "بيروت" are never cut without `known`.
    A word that is itself in `known` is never cut.
    """
    if _MARKS_RE.search(word):
        idx = [i for i, ch in enumerate(word) if ch not in _MARKS]
        sk = "".join(word[i] for i in idx)
        t = word.find(chars.TATWEEL)
        if t > 0:
            head = "".join(ch for ch in word[:t] if ch not in _MARKS)
            rest = len(sk) - len(head)
            if head in _COMBOS and (rest == 0 or rest >= 3):  # not kashida filler as in "فـي", "بـين"
                b = t
                while b < len(word) and word[b] in _MARKS:
                    b += 1
                return b
            if head[-2:] == "ال" and head[:-2] in _COMBOS:
                return idx[len(head) - 2]
        k = _clitic_letters(sk, known)
        return idx[k] if k else 0
    return _clitic_letters(word, known)


def _clitic_letters(sk: str, known: frozenset[str] | None) -> int:
    """How many leading letters of the mark-free word `sk` are proclitics (0, 1 or 2)."""
    n = len(sk)
    if n < 4 or sk[0] not in _PROCLITIC:
        return 0
    if known is not None and _known(sk, known):
        return 0
    a, b = sk[0], sk[1]
    two = a in "وف" and b in "بكل"
    k = 0
    if two and (sk[2] == "ل" and n >= 5 if b == "ل" else sk.startswith("ال", 2) and n >= 6):
        k = 2  # وللقوات (ول + ل...), وبالتالي
    elif a == "ل":
        k = 1 if b == "ل" else 0  # للعراق
    elif sk.startswith("ال", 1) and n >= 5:
        k = 1  # والقوات, بالعراق
    elif a == "و" and b == "و" and n >= 5:
        k = 1  # ووزارة
    if k:
        return 0 if _looks_alike(sk) else k
    if known is not None:
        for k in (2, 1) if two else (1,):
            if n - k >= 3 and _known(sk[k:], known):
                return k
    return 0


def _looks_alike(sk: str) -> bool:
    # The word, or the word after one و/ف, is a listed look-alike: والدة, فبالغة.
    rest = sk[1:]
    return (sk in _KEEP or sk.startswith(_KEEP_PREFIXES)
            or (sk[0] in "وف" and (rest in _KEEP or rest.startswith(_KEEP_PREFIXES))))


def _known(word: str, known: frozenset[str]) -> bool:
    return word in known or fold(word) in known
