"""Near-duplicates: one outlet re-running another's copy, with light edits.

Two articles are near-duplicates when most word 5-grams of the shorter one also occur in the other
(containment, which survives an added paragraph or a trimmed ending). The earlier one (by publication
date, then id) is the original; the later one is a re-run and is not an independent source.
"""

from __future__ import annotations

import re

from marsad.arabic.normalize import fold
from marsad.model import Article

SHINGLE = 5
CONTAINMENT = 0.5
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> frozenset[int]:
    words = _WORD.findall(fold(text))
    return frozenset(hash(" ".join(words[i:i + n])) for i in range(max(0, len(words) - n + 1)))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _order(a: Article) -> tuple:
    return (a.published is None, a.published or "", a.id)


def near_duplicates(articles: list[Article], threshold: float = CONTAINMENT) -> list[tuple[str, str]]:
    """[(original id, re-run id)], each pair once, originals first in time."""
    ordered = sorted(articles, key=_order)
    sh = [shingles(a.text) for a in ordered]
    pairs = []
    for j in range(len(ordered)):
        for i in range(j):
            if containment(sh[i], sh[j]) >= threshold:
                pairs.append((ordered[i].id, ordered[j].id))
                break  # a re-run points at the earliest copy it repeats
    return pairs
