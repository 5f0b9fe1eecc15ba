"""Stage `claims`: the article's comparable claims (figures, rankings, dates, status), extracted once
here so that rebuilding a story only compares stored claims. Extraction: `marsad/stories/claims.py`."""

from __future__ import annotations

import dataclasses

from marsad.model import Article
from marsad.pipeline import Context, stage


def run(article: Article, ctx: Context) -> Article:
    from marsad.stories.claims import find_claims

    return dataclasses.replace(article, claims=tuple(find_claims(article)))


STAGE = stage("claims", 1, requires={"text", "tokens", "timexes", "mentions", "quantities", "events", "published"},
              provides={"claims"}, run=run,
              doc="comparable claims: figures, rankings, dates and status, for agreements and contradictions")
