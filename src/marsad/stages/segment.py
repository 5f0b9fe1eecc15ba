"""Stage `segment`: sentences and tokens of the clean body, as spans."""

from __future__ import annotations

import dataclasses

from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize
from marsad.model import Article
from marsad.pipeline import Context, stage


def run(article: Article, ctx: Context) -> Article:
    return dataclasses.replace(article, sentences=tuple(split_sentences(article.text)),
                               tokens=tuple(tokenize(article.text)))


STAGE = stage("segment", 1, requires={"text"}, provides={"sentences", "tokens"}, run=run,
              doc="sentences and tokens (proclitics split off in each token's base)")
