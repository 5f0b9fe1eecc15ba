"""`OffsetMap`: a monotonic, run-length map from positions in a normalized string back to the original.

Lets a match found in folded text be reported as an exact span of the article text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable


class OffsetMap:
    """Maps normalized positions to original positions.

    The normalized text is cut into segments. A *linear* segment copies original characters one for
    one (possibly replaced, e.g. أ -> ا); an *expansion* segment is several normalized characters made
    from one original character (ﷺ -> "صلى الله عليه وسلم"). Deleted original characters sit between
    segments: a deleted mark or tatweel is *absorbed* by the character before it (its `end` grows),
    a deleted control is not (it belongs to no normalized character).

    Storage is four 32-bit int arrays with one entry per segment (16 bytes): an unchanged text costs
    one entry, each deletion or expansion one more (fully vocalized text: about one per mark).
    """

    __slots__ = ("_n", "_o", "_olen", "_end", "length", "original_length")

    def __init__(self, length: int, original_length: int) -> None:
        self.length = length  # len(normalized)
        self.original_length = original_length  # len(original)
        self._n = array("i")  # normalized start of each segment (strictly increasing)
        self._o = array("i")  # original start of each segment
        self._olen = array("i")  # original characters consumed (== normalized length when linear)
        self._end = array("i")  # original end of the segment's last character, absorbed marks included

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        m = cls(length, length)
        if length:
            m._add(0, 0, length, length)
        return m

    @classmethod
    def from_edits(cls, original_length: int, edits: Iterable[tuple[int, int, bool]]) -> OffsetMap:
        """Build from the original characters whose replacement is not exactly one character.

        `edits` yields (position, replacement length, absorbed) in increasing position order; every
        other character maps one for one. `absorbed` says whether a deleted character (length 0)
        joins the character before it (marks, tatweel) or belongs to none (controls).
        """
        m = cls(0, original_length)
        n = 0  # normalized length so far
        pos = 0  # next original position to copy from
        open_linear = False  # may the last segment grow by plain copies?
        for p, out, absorbed in edits:
            n, open_linear = m._copy(n, pos, p, open_linear)
            if out == 0:
                if absorbed and m._end:
                    m._end[-1] = p + 1
                open_linear = False
            elif out == 1:
                n, open_linear = m._copy(n, p, p + 1, open_linear)
            else:
                m._add(n, p, 1, p + 1)
                n += out
                open_linear = False
            pos = p + 1
        n, _ = m._copy(n, pos, original_length, open_linear)
        m.length = n
        return m

    def _copy(self, n: int, a: int, b: int, open_linear: bool) -> tuple[int, bool]:
        """Append original [a, b) copied one for one at normalized position n."""
        if b <= a:
            return n, open_linear
        if open_linear and self._end[-1] == a:
            self._olen[-1] += b - a
            self._end[-1] = b
        else:
            self._add(n, a, b - a, b)
        return n + b - a, True

    def _add(self, n: int, o: int, olen: int, end: int) -> None:
        # Segments are only appended in increasing order: monotonic by construction.
        self._n.append(n)
        self._o.append(o)
        self._olen.append(olen)
        self._end.append(end)

    def _seg(self, i: int) -> int:
        return bisect_right(self._n, i) - 1

    def _nlen(self, k: int) -> int:
        nxt = self._n[k + 1] if k + 1 < len(self._n) else self.length
        return nxt - self._n[k]

    def to_original(self, i: int) -> int:
        """Original position of normalized boundary `i` (0 <= i <= length): where the source of
        normalized character `i` starts; `length` maps to the end of the original text."""
        if not 0 <= i <= self.length:
            raise IndexError(f"position {i} outside 0..{self.length}")
        if i == self.length:
            return self.original_length
        k = self._seg(i)
        if self._olen[k] == self._nlen(k):  # linear
            return self._o[k] + i - self._n[k]
        return self._o[k]  # inside an expansion: the whole source character

    def char_end(self, i: int) -> int:
        """Original end of the source of normalized character `i` (0 <= i < length), including
        marks/tatweel deleted right after it."""
        if not 0 <= i < self.length:
            raise IndexError(f"character {i} outside 0..{self.length - 1}")
        k = self._seg(i)
        nlen = self._nlen(k)
        off = i - self._n[k]
        if self._olen[k] == nlen and off < nlen - 1:
            return self._o[k] + off + 1
        return self._end[k]

    def original_span(self, nstart: int, nend: int) -> tuple[int, int]:
        """Exact original span of the normalized match [nstart, nend).

        Covers every original character that produced the match, plus marks/tatweel deleted inside it
        or right after its last character (they belong to that letter); deleted characters before the
        match and deleted controls after it stay outside. An empty match maps to an empty span.
        """
        if not 0 <= nstart <= nend <= self.length:
            raise IndexError(f"span {nstart}..{nend} outside 0..{self.length}")
        start = self.to_original(nstart)
        if nstart == nend:
            return start, start
        return start, self.char_end(nend - 1)

    @property
    def segments(self) -> int:
        """How many runs the map stores (1 for an unchanged text): its size."""
        return len(self._n)

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"OffsetMap(length={self.length}, original_length={self.original_length}, segments={self.segments})"
