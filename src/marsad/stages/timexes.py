"""Stage `timexes`: every temporal expression of the body, TIMEX3-typed and resolved against the
publication date. No publication date means unanchored values (X's, PAST_REF): never today's date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from marsad.model import Article
from marsad.pipeline import Context, stage

_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def reference_date(published: str | None) -> dt.date | None:
    """The day of `Article.published` (YYYY-MM-DD or YYYY-MM-DDThh:mm), or None when absent or invalid."""
    m = _DATE.match(published or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def run(article: Article, ctx: Context) -> Article:
    from marsad.dates.relative import find_timexes  # the grammar loads on first use, not at import

    found = find_timexes(article.text, reference_date(article.published))
    return dataclasses.replace(article, timexes=tuple(found))


STAGE = stage("timexes", 2, requires={"text", "published"}, provides={"timexes"}, run=run,
              doc="temporal expressions (TIMEX3), resolved against the publication date")
