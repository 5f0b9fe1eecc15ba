"""One sentence seen as folded words with their clause and quote membership.

A clause ends at ; : . ! ?, at a clause opener (أن، بعد، حيث، التي ...), at "، و..." (a new
coordinated clause) and where a quotation's content starts or ends. Phrases and dates never cross it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from marsad.arabic.chars import SPEECH_QUOTES
from marsad.arabic.normalize import fold_word
from marsad.events.lexicon import Lexicon
from marsad.model import Article, Mention, Span, Timex

_HARD = frozenset(";؛:.!?؟…")
_TERMINAL = frozenset(".!?؟…:")


def folded_tokens(text: str, tokens) -> list[str]:
    """fold() of every token's text, from the memo of folded words the other stages fill too."""
    return list(map(fold_word, [text[t.start:t.end] for t in tokens]))


class Index:
    """What every sentence of one article needs, computed once: token starts, which tokens continue a
    timex or a name, which quotation holds each token, the names and timexes by position."""

    def __init__(self, article: Article, words: list[str]):
        toks = article.tokens
        self.article = article
        self.words = words
        self.starts = [t.start for t in toks]
        self.inside = [False] * len(toks)
        for x in (*article.timexes, *article.mentions):
            for k in range(bisect.bisect_right(self.starts, x.start), bisect.bisect_left(self.starts, x.end)):
                self.inside[k] = True
        self.region = [-1] * len(toks)
        for i, q in sorted(enumerate(article.quotes), key=lambda iq: iq[1].start - iq[1].end):
            for k in range(bisect.bisect_left(self.starts, q.start), bisect.bisect_left(self.starts, q.end)):
                self.region[k] = i  # longest first, so the innermost quotation wins
        self.mentions = sorted(article.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.timexes = sorted(article.timexes, key=lambda t: t.start)
        self.timex_starts = [t.start for t in self.timexes]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return self.mentions[bisect.bisect_left(self.mention_starts, start):
                             bisect.bisect_left(self.mention_starts, end)]

    def timexes_in(self, start: int, end: int) -> list[Timex]:
        return self.timexes[bisect.bisect_left(self.timex_starts, start):bisect.bisect_left(self.timex_starts, end)]


@dataclass(slots=True)
class View:
    """Tokens [lo, hi) of the article inside one sentence; lists are indexed from 0 = token lo."""

    article: Article
    span: Span
    lo: int
    words: list[str]  # folded token text ("" for punctuation)
    marks: list[str]  # the punctuation character, or ""
    bare: list[str]  # folded, without a leading و/ف (cue matching only)
    clause: list[int]
    region: list[int]  # index of the quotation whose content holds the token, or -1
    inside: list[bool]  # the token continues a timex or a name that began before it
    mentions: list[Mention]  # names starting in the sentence, by position
    timexes: list[Timex]  # timexes starting in the sentence, by position

    def __len__(self) -> int:
        return len(self.words)

    def tok(self, k: int):
        return self.article.tokens[self.lo + k]

    def index_at(self, offset: int) -> int:
        """The first token of the view that ends after `offset`."""
        return next((k for k in range(len(self)) if self.tok(k).end > offset), len(self) - 1)

    def mentions_at(self, k: int) -> list[Mention]:
        """Names that start inside token k."""
        t = self.tok(k)
        return [m for m in self.mentions if t.start <= m.start < t.end]

    def cover_end(self, offset: int) -> int:
        """The end of the timex or name that `offset` falls inside (else `offset`)."""
        return max((x.end for x in (*self.timexes, *self.mentions) if x.start < offset < x.end), default=offset)

    def matches(self, k: int, phrase: tuple[str, ...]) -> bool:
        if k + len(phrase) > len(self):
            return False
        return all(self.words[k + x] == w for x, w in enumerate(phrase[1:], 1))

    def cue_at(self, k: int, lex: Lexicon, key: str) -> int:
        """Length of the cue of list `key` that starts at token k (0 when none)."""
        word, bare = self.words[k], self.bare[k]
        cues = lex.cues[key]
        if word in cues or bare in cues:
            return 1
        by_first = lex.phrases[key]
        for p in by_first.get(word, ()) + by_first.get(bare, ()):
            if self.matches(k, p):
                return len(p)
        return 0


def bare(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def build(index: Index, span: Span, lo: int, hi: int, lex: Lexicon) -> View:
    article = index.article
    words, marks = [], []
    for t, w in zip(article.tokens[lo:hi], index.words[lo:hi], strict=True):
        if t.base_start >= 0 or w[:1].isdigit():  # a token may fold to "" (tatweel, marks)
            words.append(w)
            marks.append("")
        else:
            words.append("")
            marks.append(w)
    view = View(article, span, lo, words, marks, [bare(w) for w in words], [], index.region[lo:hi],
                index.inside[lo:hi], index.mentions_in(span.start, span.end), index.timexes_in(span.start, span.end))
    view.clause = _clauses(view, lex)
    return view


def _clauses(view: View, lex: Lexicon) -> list[int]:
    out, cid = [], 0
    openers = lex.cues["clause_openers"]
    words, marks, region, inside, bares = view.words, view.marks, view.region, view.inside, view.bare
    for k in range(len(words)):
        new = False
        if k and region[k] != region[k - 1]:
            new = True
        elif inside[k]:
            pass
        elif marks[k] in _HARD:
            new = True
        elif words[k]:
            if words[k] in openers or bares[k] in openers:
                new = not (words[k] == "قبل" and k and bares[k - 1] == "من")  # "من قبل" is "by"
            elif k and marks[k - 1] in ("،", ",") and words[k][0] == "و" and len(words[k]) > 3:
                new = True  # "، وتستكمل ..." opens a coordinated clause
        cid += new
        out.append(cid)
    return out


def is_heading(article: Article, span: Span) -> bool:
    """A short line of its own without final punctuation: a subheading, a dateline, a caption."""
    text = article.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:span.start].strip() or text[span.end:line_end].strip():
        return False
    last = text[span.start:span.end].rstrip()[-1:]
    return last not in _TERMINAL and last not in SPEECH_QUOTES and len(text[span.start:span.end].split()) <= 12


def lead_sentence(article: Article) -> int | None:
    """Index of the first sentence of prose (not a heading or a dateline)."""
    for i, s in enumerate(article.sentences):
        if not is_heading(article, s) and len(article.text[s.start:s.end].split()) >= 6:
            return i
    return None
