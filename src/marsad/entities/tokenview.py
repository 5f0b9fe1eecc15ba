"""`TokenView`: the tokens of one body with their folded forms, computed once per article.

The rules, the KB matcher and the CRF candidates all ask for the same forms of the same tokens;
the folds are memoised per word (`fold_word`), so a word met in an earlier article costs a lookup.
"""

from __future__ import annotations

import functools
import re

from marsad.arabic.normalize import fold_word

ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0671-\u06D3]+$")


@functools.lru_cache(maxsize=300_000)
def _is_arabic_word(word: str) -> bool:
    return bool(ARABIC_WORD.match(word))


class TokenView:
    """The tokens of one body with their folded forms computed once (the rules ask many times)."""

    def __init__(self, text: str, tokens):
        self.text, self.tokens = text, tokens
        self.pieces = pieces = [text[t.start:t.end] for t in tokens]
        self.whole = list(map(fold_word, pieces))
        # most tokens have no proclitic: their base is the whole token, already folded
        self.base = [w if t.base_start < 0 or (t.base_start == t.start and t.base_end == t.end)
                     else fold_word(text[t.base_start:t.base_end]) for t, w in zip(tokens, self.whole, strict=True)]
        self.word = list(map(_is_arabic_word, pieces))
        self.starts = [t.start for t in tokens]

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, i):
        return self.tokens[i]
