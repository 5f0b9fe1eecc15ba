"""Stage `quotes`: reported statements with their cue, speaker (named or anonymous) and channel."""

from __future__ import annotations

import dataclasses

from marsad.model import Article
from marsad.pipeline import Context, stage
from marsad.quotes import find_quotes


def run(article: Article, ctx: Context) -> Article:
    return dataclasses.replace(article, quotes=tuple(find_quotes(article)))


STAGE = stage("quotes", 1, requires={"text", "sentences", "mentions", "timexes"}, provides={"quotes"}, run=run,
              doc="statements: cue, speaker (entity or anonymous), content, channel, time")
