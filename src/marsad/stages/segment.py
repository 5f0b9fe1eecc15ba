"""Stage `segment`: sentences and tokens of the clean body, as spans."""

from __future__ import annotations

import dataclasses
import re

from marsad.arabic import chars
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize
from marsad.model import Article, Span
from marsad.pipeline import Context, stage

# A "sentence" longer than this (a text without punctuation, a list run together) is cut at white space:
# later stages compare pairs of words or mentions within a sentence, so one endless sentence would take
# minutes. Real news sentences stay under ~2,200 characters.
MAX_SENTENCE_CHARS = 3000
_SPACE = re.compile(rf"[\s{chars.CONTROL_CLASS}]+")


def bounded(spans: list[Span], text: str, limit: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """The spans, each longer than `limit` cut at the last white space before the limit (or the first
    after it, when a single run of letters is longer): never inside a token."""
    out: list[Span] = []
    for span in spans:
        start, end = span.start, span.end
        while end - start > limit:
            last = None
            for last in _SPACE.finditer(text, start + 1, start + limit):  # noqa: B007 - the last one
                pass
            cut = last or _SPACE.search(text, start + limit, end)
            if cut is None:
                break
            out.append(Span(start, cut.start()))
            start = _SPACE.match(text, cut.start()).end()  # the whole run, even past the window
        out.append(Span(start, end))
    return out


def run(article: Article, ctx: Context) -> Article:
    sentences = bounded(split_sentences(article.text), article.text)
    return dataclasses.replace(article, sentences=tuple(sentences), tokens=tuple(tokenize(article.text)))


STAGE = stage("segment", 2, requires={"text"}, provides={"sentences", "tokens"}, run=run,
              doc="sentences (cut at white space beyond 3000 characters) and tokens (proclitics split off"
                  " in each token's base)")
