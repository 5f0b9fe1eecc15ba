"""Light stemming for search and clustering: `fold()` then the Snowball Arabic stemmer (PyStemmer).

Not for display or spans: stems are lossy keys ("وزارة" -> "زار").
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import Stemmer

from marsad.arabic.normalize import DEFAULT_STEPS, fold

# fold() first, but leave ة and ى alone: Snowball reads them as suffix cues, and folding them to ه/ي
# splits groups it otherwise joins (المكتبة -> "مكتبه" but مكتبة -> "مكتب"; العراقية -> "عراقيه").
STEM_STEPS: tuple[str, ...] = tuple(s for s in DEFAULT_STEPS if s not in ("teh_marbuta", "alef_maqsura"))
# One stemmer per thread, made on first use: PyStemmer objects are not thread-safe.
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    s = getattr(_local, "stemmer", None)
    if s is None:
        s = _local.stemmer = Stemmer.Stemmer("arabic")
    return s


def stem(word: str) -> str:
    """Stem of `word` after folding with STEM_STEPS: "المكتبة" -> "مكتب", "كَتَبَ" -> "كتب", "أحمد" -> "احمد"."""
    return _stemmer().stemWord(fold(word, STEM_STEPS))


def stem_all(words: Iterable[str]) -> list[str]:
    """`stem` of each word, in one call to the stemmer: ["يكتبون", "المكتبة"] -> ["يكتب", "مكتب"]."""
    return _stemmer().stemWords([fold(w, STEM_STEPS) for w in words])
