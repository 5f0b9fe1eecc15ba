"""Arabic full-text search: index keys, query parsing, ranking and snippets.

Every word becomes one *key*, the same way in the index and in a query:
  1. fold: diacritics, tatweel, hamza on alef (أ إ آ -> ا), ى -> ي, ة -> ه, Eastern digits
     (`marsad.arabic.normalize.fold`); hamza on waw or yeh becomes a bare hamza (مسؤول, مسئول -> مسءول);
  2. the article and its proclitics come off (`marsad.stories.features.bare`, plus ولل/فلل):
     والقوات, بالقوات, للقوات, وللقوات, القوات -> قوات;
  3. spelling variants that differ in letters are rewritten (`lang/ar/spelling_variants.yaml`):
     أميركية -> أمريكية, سورية -> سوريا;
  4. the Snowball stemmer (`marsad.arabic.stem`) takes the suffixes off: أمريكية -> امريك.
Numbers keep their digits (2,500 and ٢٬٥٠٠ -> 2500); other scripts are lower-cased.

The stemmer strips و ف ب ك before a word but never a lone ل, and sometimes strips a root و (وزارة ->
زار, but بوزارة -> وزار). So a query word also matches the keys of the same word with one of those
proclitics (قوات also finds لقوات), and of itself without a leading proclitic letter when four
letters remain (لقوات also finds قوات). In a phrase only the first word gets these alternatives.

Matching and ranking happen in the store (FTS5 in SQLite, `store/sqlite_search.py`). The index has one
row per article, not per sentence, because a reader expects an article to match when it holds every
word of the query, even in different sentences; phrases still never span two sentences. bm25 ranks the
articles, a title hit counting three times a body hit. The snippet is then the article's sentence that
holds the most of the query (rare words weigh more), with the matched words' offsets, read from spans
stored at indexing time.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from marsad.arabic.normalize import fold_word
from marsad.arabic.stem import stem
from marsad.arabic.tokens import tokenize
from marsad.errors import UsageError
from marsad.model import Article
from marsad.stories.features import background, bare

KEY_VERSION = 1  # bump when the key recipe changes: stores rebuild their index when next opened
MAX_QUERY_CHARS = 1000
MAX_TERMS = 16
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
_PROCLITICS = "وفبكل"
_HAMZA = str.maketrans({"ؤ": "ء", "ئ": "ء"})
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»″", '"'))
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ][\d:]+)?)?)?")

Alternatives = tuple[tuple[str, ...], ...]  # each: the keys of one word, or of a phrase in order
Sentence = tuple[int, int, str, list[str], Sequence[int]]  # start, end, text, keys, flat key spans


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase of a query: the article must hold one of its alternatives."""

    text: str
    alternatives: Alternatives  # all of one length: only a phrase's first word has alternatives
    weight: float  # how much finding it in a sentence counts for the snippet (rare words more)
    firsts: frozenset[str] = frozenset()  # the alternatives' first keys, for a quick test

    def __post_init__(self):
        object.__setattr__(self, "firsts", frozenset(alt[0] for alt in self.alternatives))


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    score: float  # higher is better (bm25, title hits weighted up)
    snippet: str  # the matching sentence, plain text (never HTML)
    highlights: tuple[tuple[int, int], ...]  # [start, end) of the matched words within `snippet`
    sentence_start: int  # the snippet's span in the article's `text`
    sentence_end: int

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "title": self.title, "outlet": self.outlet,
                "published": self.published, "score": self.score, "snippet": self.snippet,
                "highlights": [list(h) for h in self.highlights], "sentence_start": self.sentence_start,
                "sentence_end": self.sentence_end}


@dataclass(frozen=True, slots=True)
class SearchPage:
    items: list[SearchHit] = field(default_factory=list)
    total: int = 0  # every matching article, not only this page

    def to_dict(self) -> dict:
        return {"items": [h.to_dict() for h in self.items], "total": self.total}


# -- keys ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Variants:
    words: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]  # longest first


def _normal(word: str) -> str:
    return fold_word(word).translate(_HAMZA)


def _variants_text() -> str:
    return (resources.files("marsad") / "lang" / "ar" / "spelling_variants.yaml").read_text(encoding="utf-8")


@functools.cache
def _variants() -> _Variants:
    from marsad.lexicon import load

    data = load("spelling_variants")
    words = {_normal(k): _normal(v) for k, v in data["words"].items()}
    prefixes = sorted(((_normal(k), _normal(v)) for k, v in data["prefixes"].items()), key=lambda kv: -len(kv[0]))
    return _Variants(words, tuple(prefixes))


@functools.cache
def index_scheme() -> str:
    """Names the key recipe: a store whose index was built under another one rebuilds it."""
    import Stemmer

    digest = hashlib.sha256(_variants_text().encode()).hexdigest()[:12]
    return f"{KEY_VERSION}:{Stemmer.version()}:{digest}"


def _strip_article(word: str) -> str:
    if word.startswith(("ولل", "فلل")) and len(word) >= 6:
        return word[3:]
    return bare(word)


def _respell(word: str) -> str:
    """The indexed spelling of a folded word, looked up as is and after one or two proclitic letters."""
    v = _variants()
    for k in range(3):
        if k and (k >= len(word) or word[k - 1] not in _PROCLITICS):
            break
        rest = word[k:]
        if rest in v.words:
            return word[:k] + v.words[rest]
        for old, new in v.prefixes:
            if rest.startswith(old):
                return word[:k] + new + rest[len(old):]
    return word


@functools.lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The index key of one word as written: "والأميركية", "الأمريكية", "امريكيه" -> "امريك"."""
    f = _normal(word)
    if not f:
        return ""
    if f[0].isdigit():
        return "".join(c for c in f.replace(",", "").replace(".", "d") if c.isalnum())
    if not ("\u0621" <= f[0] <= "\u064a"):
        return "".join(c for c in f.lower() if c.isalnum())
    return "".join(c for c in stem(_respell(_strip_article(f))) if c.isalnum())


def keyed_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every word and number of `text`; punctuation makes no key."""
    out = []
    for t in tokenize(text):
        if t.base_start < 0 and not text[t.start].isdigit():
            continue
        key = word_key(text[t.start:t.end])
        if key:
            out.append((t.start, t.end, key))
    return out


def article_index(article: Article) -> tuple[list[str], list[Sentence]]:
    """What the store indexes for an article: the title's keys, and each sentence that has a key,
    in order, as (start, end, text, keys, spans); `spans` holds the start and end of each key's word,
    flat, relative to the sentence text, so that highlighting needs no tokenizing at query time."""
    title = [k for _, _, k in keyed_tokens(article.title or "")]
    sentences = []
    for s in article.sentences:
        text = article.text[s.start:s.end]
        tokens = keyed_tokens(text)
        if tokens:
            sentences.append((s.start, s.end, text, [k for _, _, k in tokens],
                              [x for start, end, _ in tokens for x in (start, end)]))
    return title, sentences


def query_keys(word: str) -> tuple[str, ...]:
    """The keys a query word matches: its own first, then those of its proclitic forms."""
    primary = word_key(word)
    f = _normal(word)
    if not primary or not ("\u0621" <= f[0] <= "\u064a"):
        return (primary,) if primary else ()
    base = _strip_article(f)
    keys = [primary, *(word_key(p + base) for p in "وبلك")]
    if base == f and f[0] in _PROCLITICS and len(f) >= 5:
        keys.append(word_key(f[1:]))
    return tuple(dict.fromkeys(k for k in keys if k))


# -- queries ---------------------------------------------------------------------------------------

def parse_query(query: str) -> list[Term]:
    """Words and "quoted phrases" of a query as terms; anything else (operators, punctuation, an
    unclosed quote) is plain text, and the query's own characters never reach the store's syntax.

    >>> [t.alternatives[0] for t in parse_query('"القوات الأميركية" سوريا')]
    [('قوا', 'امريك'), ('سوري',)]
    """
    parts = (query or "")[:MAX_QUERY_CHARS].translate(_QUOTES).split('"')
    closed = len(parts) if len(parts) % 2 else len(parts) - 1  # an unclosed last quote: its text is words
    terms: list[Term] = []
    for i, part in enumerate(parts):
        words = [part[s:e] for s, e, _ in keyed_tokens(part)]
        if i % 2 == 1 and i < closed and len(words) > 1:
            terms.append(_phrase(part, words))
        else:
            terms.extend(t for w in words if (t := _word(w)))
    unique = list({t.alternatives: t for t in terms}.values())
    return unique[:MAX_TERMS]


def _weight(keys: tuple[str, ...]) -> float:
    bg = background()
    return sum(bg.idf(k) for k in keys)


def _word(word: str) -> Term | None:
    keys = query_keys(word)
    return Term(word, tuple((k,) for k in keys), _weight(keys[:1])) if keys else None


def _phrase(text: str, words: list[str]) -> Term:
    rest = tuple(word_key(w) for w in words[1:])
    alternatives = tuple((k, *rest) for k in query_keys(words[0]))
    return Term(text.strip(), alternatives, _weight(alternatives[0]))


def _check(limit: int, offset: int, since: str | None, until: str | None) -> None:
    if not 0 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 0 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise UsageError(f"offset must be between 0 and {MAX_OFFSET}")
    for name, value in (("since", since), ("until", until)):
        if value is not None and not _DATE.fullmatch(value):
            raise UsageError(f"{name} must be a date such as 2026-01-05 (or 2026-01, 2026), not '{value}'")


def search(store, query: str, outlet: str | None = None, since: str | None = None, until: str | None = None,
           entity: str | None = None, story: str | None = None, limit: int = 20, offset: int = 0) -> SearchPage:
    """Articles matching every word and phrase of `query`, best first, each with its best sentence.

    Filters: `outlet` (exact name), `since`/`until` (inclusive, on the publication date's prefix:
    until="2026-01" takes all of January; undated articles drop out), `entity` (an entity id it
    mentions), `story` (a story id). Raises UsageError for a bad limit, offset or date; any query
    text is valid (one with no word in it finds nothing).
    """
    _check(limit, offset, since, until)
    terms = parse_query(query)
    if not terms:
        return SearchPage([], 0)
    hits = []
    with store.search_snapshot():
        rows, total = store.search_index([t.alternatives for t in terms], outlet=outlet, since=since, until=until,
                                         entity=entity, story=story, limit=limit, offset=offset)
        for article_id, title, outlet_, published, score in rows:
            start, end, text, highlights = _snippet(store, article_id, terms)
            hits.append(SearchHit(article_id, title, outlet_, published, round(score, 4), text, highlights,
                                  start, end))
    return SearchPage(hits, total)


# -- snippets --------------------------------------------------------------------------------------

def _matches(term: Term, keys: list[str]) -> list[tuple[int, int]]:
    """[i, j) token ranges of `keys` where `term` occurs."""
    n, firsts = len(term.alternatives[0]), term.firsts
    if n == 1:
        return [(i, i + 1) for i, k in enumerate(keys) if k in firsts]
    return [(i, i + n) for i, k in enumerate(keys) if k in firsts and tuple(keys[i:i + n]) in term.alternatives]


def _snippet(store, article_id: str, terms: list[Term]) -> tuple[int, int, str, tuple[tuple[int, int], ...]]:
    sentences = store.search_sentences(article_id)
    n = best_sentence(terms, sentences)
    if n is None:  # a title-only match: the lead sentence, nothing to highlight
        if not sentences:
            return 0, 0, "", ()
        start, end, text, _ = store.search_sentence(article_id, 0)
        return start, end, text, ()
    start, end, text, spans = store.search_sentence(article_id, n)
    return start, end, text, _highlights(terms, sentences[n].split(), spans)


def best_sentence(terms: list[Term], sentences: list[str]) -> int | None:
    """The index of the sentence (its keys, space-separated) that holds the most of the query, rare
    words weighing more; the earliest on a tie; None when no sentence holds any term."""
    best, best_score = None, 0.0
    probes = [k for t in terms for k in t.firsts]
    for n, chunk in enumerate(sentences):
        if not any(k in chunk for k in probes):  # a substring test first: most sentences fail it
            continue
        keys = chunk.split()
        present = set(keys)
        score = 0.0
        for t in terms:
            if not t.firsts.isdisjoint(present) and (found := len(_matches(t, keys))):
                score += t.weight + 0.01 * min(found, 5)
        if score > best_score:
            best, best_score = n, score
    return best


def highlight(terms: list[Term], text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of `text` where the terms occur (a phrase as one span), merged and sorted."""
    tokens = keyed_tokens(text)
    return _highlights(terms, [k for _, _, k in tokens], [x for s, e, _ in tokens for x in (s, e)])


def _highlights(terms: list[Term], keys: list[str], spans: Sequence[int]) -> tuple[tuple[int, int], ...]:
    found = sorted((spans[2 * i], spans[2 * j - 1]) for t in terms for i, j in _matches(t, keys))
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return tuple(merged)
