"""What clustering compares: a weighted bag of stems and the entities an article names.

An article's vector is sublinear term frequency times a background inverse document frequency
(`models/stories/idf.tsv`, counted once over a news archive by `scripts/build_story_idf.py`), over
folded, stemmed Arabic words. Two vectors: the title (x3) and lead (the first 100 words), which tell
one news cycle's stories apart (on the tuning set, B-cubed F1 0.89 against 0.86 for the whole body,
whose later paragraphs are background shared by neighbouring stories); and the whole article, whose
background is what ties the reports of a developing story together weeks apart (cluster.py). Only the strongest
terms are kept: enough to tell stories apart, small enough to store and index for every article.
A third vector, character 4- and 5-grams of the title (x3) and the first 60 words, matches what the
stemmer splits ("فلسطين"/"الفلسطينيين", "الحوثي"/"الحوثيون", "انفجار"/"الانفجارات"); each gram
weighs as its word's stem.
The background table makes a vector depend on its article alone, so it never has to be recomputed
when the store grows: that is what lets stories be updated incrementally.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.arabic.normalize import fold
from marsad.arabic.stem import stem_all
from marsad.model import Article

TOP_TERMS = 300  # terms kept in the lead vector (stored and indexed)
BODY_TERMS = 80  # terms kept in the whole-article vector
TITLE_WEIGHT = 3
LEAD_WORDS = 100  # a news story is told in its title and lead; later paragraphs add background
MIN_STEM = 2
GRAM_SIZES = (4, 5)  # character n-grams of a padded word (" قوات " -> " قوا", "قوات", "وات ", ...)
GRAM_WORDS = 60
GRAM_TERMS = 300
# Entity types that say what a story is about; NORP is left out (it repeats its country).
STORY_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_WORD = re.compile(r"[\u0621-\u064a]{2,}")


@dataclass(frozen=True, slots=True)
class Background:
    documents: int
    df: dict[str, int]

    def idf(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(term, 0) + 1)) + 1.0


@lru_cache(maxsize=1)
def background() -> Background:
    text = resources.files("marsad").joinpath("models", "stories", "idf.tsv").read_text(encoding="utf-8")
    documents, df = 1, {}
    for line in text.splitlines():
        if line.startswith("# documents="):
            documents = int(line.split("=", 1)[1])
        elif line and not line.startswith("#"):
            term, count = line.split("\t")
            df[term] = int(count)
    return Background(documents, df)


_ARTICLE_CLITICS = ("وال", "فال", "بال", "كال")


def bare(word: str) -> str:
    """A folded word without its proclitics and article, so that the stemmer sees one form:
    "والقوات", "بالقوات", "للقوات", "القوات" -> "قوات". (Snowball alone stems them four ways.)"""
    if word.startswith(_ARTICLE_CLITICS) and len(word) >= 6:
        return word[3:]
    if word.startswith("لل") and len(word) >= 5:
        return word[2:]
    if word.startswith("ال") and len(word) >= 5:
        return word[2:]
    if word[0] in "وف" and len(word) >= 6 and word[1:3] == "ال":
        return word[3:]
    return word


def stems(text: str) -> list[str]:
    """Folded, stemmed Arabic words of `text`, in order (digits and Latin are left out)."""
    return [s for s in stem_all([bare(w) for w in _WORD.findall(fold(text))]) if len(s) >= MIN_STEM]


@lru_cache(maxsize=1)
def protocol_stems() -> frozenset[str]:
    from marsad.lexicon import load

    return frozenset(stems(" ".join(load("stories")["protocol_words"])))


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    article: str
    published: str | None
    terms: dict[str, float]  # the lead vector: stem -> weight, L2-normalized, the TOP_TERMS strongest
    body: dict[str, float]  # the whole-article vector (title x2), the BODY_TERMS strongest
    entities: frozenset[str]  # entity ids of the story-bearing mentions
    title: str | None
    outlet: str | None
    grams: dict[str, float] = field(default_factory=dict)  # the character n-gram vector, GRAM_TERMS strongest


def term_weights(title: str | None, text: str, top: int = TOP_TERMS, lead: int | None = LEAD_WORDS,
                 title_weight: int = TITLE_WEIGHT) -> dict[str, float]:
    counts: dict[str, float] = {}
    for s in stems(" ".join(text.split()[:lead]) if lead else text):
        counts[s] = counts.get(s, 0) + 1
    for s in stems(title or ""):
        counts[s] = counts.get(s, 0) + title_weight
    bg, stop = background(), protocol_stems()
    weights = {t: (1 + math.log(c)) * bg.idf(t) for t, c in counts.items() if t not in stop}
    kept = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
    return {t: round(w / norm, 5) for t, w in kept}


def gram_weights(title: str | None, text: str) -> dict[str, float]:
    """Character n-grams of the title (x TITLE_WEIGHT) and the first GRAM_WORDS words, L2-normalized.
    A gram counts its word's background IDF, so rare words weigh as they do in the stem vectors, and
    protocol words are left out here too."""
    bg, stop = background(), protocol_stems()
    counts: dict[str, float] = {}
    for words, weight in ((_WORD.findall(fold(title or "")), TITLE_WEIGHT),
                          (_WORD.findall(fold(" ".join(text.split()[:GRAM_WORDS]))), 1)):
        for word in (bare(w) for w in words):
            s = stems(word)
            if not s or s[0] in stop:
                continue
            padded, w = f" {word} ", weight * bg.idf(s[0])
            for n in GRAM_SIZES:
                for i in range(len(padded) - n + 1):
                    counts[padded[i:i + n]] = counts.get(padded[i:i + n], 0.0) + w
    kept = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:GRAM_TERMS]
    norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
    return {g: round(w / norm, 5) for g, w in kept}


def features(article: Article) -> ArticleFeatures:
    ents = frozenset(m.entity_id for m in article.mentions if m.type in STORY_ENTITY_TYPES and m.entity_id)
    return ArticleFeatures(article.id, article.published, term_weights(article.title, article.text),
                           term_weights(article.title, article.text, BODY_TERMS, None, 2), ents,
                           article.title, article.outlet, gram_weights(article.title, article.text))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
