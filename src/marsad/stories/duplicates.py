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


def _order(a: Article) -> tuple:
    return (a.published is None, a.published or "", a.id)


def near_duplicates(articles: list[Article], threshold: float = CONTAINMENT) -> list[tuple[str, str]]:
    """[(original id, re-run id)], each pair once, originals first in time."""
    ordered = sorted(articles, key=_order)
    sh = [shingles(a.text) for a in ordered]
    holders: dict[int, list[int]] = {}  # shingle -> the earlier articles that have it
    pairs = []
    for j, mine in enumerate(sh):
        # Only earlier articles sharing a shingle can reach the threshold: count the shared ones through
        # the index instead of intersecting with every earlier article (quadratic in a large story).
        shared: dict[int, int] = {}
        for s in mine:
            for i in holders.get(s, ()):
                shared[i] = shared.get(i, 0) + 1
        for i in sorted(shared):
            if shared[i] / min(len(sh[i]), len(mine)) >= threshold:
                pairs.append((ordered[i].id, ordered[j].id))
                break  # a re-run points at the earliest copy it repeats
        for s in mine:
            holders.setdefault(s, []).append(j)
    return pairs
