"""Sentence splitting for Arabic news by regex scanning: line breaks, . ! ? ؟ … ۔ with guards.

Guards: decimals (2.5), dot runs (..), single-letter abbreviations (د.), list numbers, quoted speech.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left

from marsad.arabic import chars
from marsad.model import Span

_TERMINALS = ".!?؟…۔"
# After terminal punctuation: closing quotes/brackets stay with the sentence. Arabic text uses both
# “…” and ”…“ (and «…» / »…«), so every quote may close; the space check below keeps openers out.
_CLOSERS = "".join(sorted(chars.QUOTES)) + ")]}"
_SPACE = rf"[\s{chars.CONTROL_CLASS}]"
# The run is taken whole (possessive) and only from its first character: a run of thousands of dots
# before a digit was otherwise retried from every dot and every shorter length (quadratic).
_END = re.compile(
    rf"(?<![{re.escape(_TERMINALS)}])([{re.escape(_TERMINALS)}]++)"
    rf"(?:[{re.escape(_CLOSERS)}]+(?={_SPACE}|$)|(?={_SPACE}|$)|(?=[{chars.LETTER_CLASS}]))"
)
_LINE = re.compile(f"[^{re.escape(chars.LINE_BREAKS)}]+")
_SPEECH = re.compile("[" + re.escape("".join(sorted(chars.SPEECH_QUOTES))) + "]")
# Quotes of one family pair with each other in either direction; which way one faces comes from
# its neighbours. A quote followed by closing punctuation faces backwards.
_NO_OPEN_AFTER = frozenset(".,،؛;:!?؟…)]}")
_FAMILY = {'"': 0, "“": 1, "”": 1, "„": 1, "‟": 1, "«": 2, "»": 2, "‹": 3, "›": 3}
_STRIP = chars.SPACES + "".join(sorted(chars.CONTROLS))
_MARKS = chars.DIACRITICS | {chars.TATWEEL}


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`: sorted, non-overlapping, non-empty, trimmed of spaces and controls.

    A line is never joined with the next. Inside a line a sentence ends after . ! ? ؟ … ۔ (a run of
    them counts as one, closing quotes/brackets after it stay with the sentence) when a space, the
    line end or an Arabic letter follows, except:
      - after a single-letter word: "د. أحمد" (Dr.), "أ.د." - but "بغداد." ends a sentence;
      - after a list number at the start of a line: "1. "; a decimal "2.5" never matches at all;
      - inside quoted speech that goes on: «انتهى الأمر. سنعود» stays whole, while
        `قال إن "انتهى الأمر." ثم` ends after the closing quote.
    Semicolons (; ؛) do not end sentences: Arabic news uses ؛ between clauses of one sentence.

    >>> t = 'قال د. أحمد إن النمو بلغ 2.5 بالمئة. وأضاف: "لن نتراجع."\\nبغداد هادئة.'
    >>> [s.slice(t) for s in split_sentences(t)]
    ['قال د. أحمد إن النمو بلغ 2.5 بالمئة.', 'وأضاف: "لن نتراجع."', 'بغداد هادئة.']
    """
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        ls, le = line.span()
        start = ls
        regions = None
        for m in _END.finditer(text, ls, le):
            p, e = m.start(), m.end()
            if m.end(1) - p == 1 and text[p] == "." and _dot_is_not_end(text, ls, p):
                continue
            if regions is None:
                regions = _Regions(_quote_regions(text, ls, le))
            if regions.cover(e):
                continue
            _add(spans, text, start, e)
            start = e
        _add(spans, text, start, le)
    return spans


def _dot_is_not_end(text: str, ls: int, p: int) -> bool:
    """A single dot after a one-letter word (abbreviation) or after a list number opening the line."""
    j = p - 1
    while j >= ls and text[j] in _MARKS:
        j -= 1
    if j < ls:
        return False
    if text[j].isalpha():
        k = j - 1
        while k >= ls and text[k] in _MARKS:
            k -= 1
        return k < ls or not text[k].isalnum()
    if text[j].isdigit() and j == p - 1:
        while j > ls and text[j - 1].isdigit():
            j -= 1
        return p - j <= 3 and not text[ls:j].strip(_STRIP)
    return False


class _Regions:
    """Whether a position e falls in one of the regions (open < e <= close), in O(log n) so that a line
    of thousands of quotes is not quadratic: regions sorted by close, and the smallest open among
    those closing at or after each index."""

    def __init__(self, regions: list[tuple[int, int]]):
        regions = sorted(regions, key=lambda r: r[1])
        self.closes = [c for _, c in regions]
        self.min_open = list(itertools.accumulate(reversed([o for o, _ in regions]), min))[::-1]

    def cover(self, e: int) -> bool:
        i = bisect_left(self.closes, e)
        return i < len(self.closes) and self.min_open[i] < e


def _quote_regions(text: str, ls: int, le: int) -> list[tuple[int, int]]:
    """(open, close) positions of paired speech quotes on one line.

    Which way a quote faces is read from its neighbours (`أن: "القرار` opens, `العراق"،` closes), so
    a closer of a quote opened on an earlier line is ignored instead of pairing with the next opener;
    a quote glued on both sides or on neither closes the pending one of its family, else opens.
    """
    regions = []
    pending: dict[int, int] = {}
    for q in _SPEECH.finditer(text, ls, le):
        i = q.start()
        fam = _FAMILY[q.group()]
        can_close = i > ls and text[i - 1] not in _STRIP
        can_open = i + 1 < le and text[i + 1] not in _STRIP and text[i + 1] not in _NO_OPEN_AFTER
        if can_open and not can_close:
            pending[fam] = i
        elif can_close and not can_open or fam in pending:
            if fam in pending:
                regions.append((pending.pop(fam), i))
        else:
            pending[fam] = i
    return regions


def _add(spans: list[Span], text: str, a: int, b: int) -> None:
    piece = text[a:b]
    left = piece.lstrip(_STRIP)
    if left:
        s = a + len(piece) - len(left)
        spans.append(Span(s, s + len(left.rstrip(_STRIP))))
