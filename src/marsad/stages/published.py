"""Stage `published`: the publication date and exactly where it was read.

Order of trust: a date line in the article's own header (stated), then the container's
metadata (HTML meta/JSON-LD, a JSON field, a feed entry). No date stated means null: never
the day of ingest, never a date from the body's events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from marsad.model import Article, Evidence, PublishedHow
from marsad.pipeline import Context, stage

_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?")


def _line_offsets(raw: str) -> list[int]:
    offsets, pos = [0], 0
    for line in raw.split("\n"):
        pos += len(line) + 1
        offsets.append(pos)
    return offsets


def stated_date(article: Article) -> tuple[str, Evidence] | None:
    """The date stated in a header line the cleaner set aside (reason date or summary_box)."""
    from marsad.dates import find_publication_date

    header = [r for r in article.boilerplate if r.reason in ("date", "summary_box")]
    if not header:
        return None
    found = find_publication_date([r.text for r in header])
    if found is None:
        return None
    index, match = found
    if match.day is None or match.year is None:
        return None
    removed = header[index]
    raw = article.raw.replace("\r\n", "\n").replace("\r", "\n")
    line_start = _line_offsets(raw)[removed.line - 1]
    pos = raw.find(match.text, line_start)
    if pos < 0 or raw != article.raw:  # a CRLF input: offsets would not be exact, keep only the text
        return match.value, Evidence(-1, -1, match.text, "raw")
    return match.value, Evidence(pos, pos + len(match.text), match.text, "raw")


def metadata_date(article: Article) -> str | None:
    hint = article.hint("published")
    if not hint:
        return None
    m = _ISO.match(hint.strip())
    if not m:
        from marsad.dates import find_dates

        found = [d for d in find_dates(hint) if d.day is not None and d.year is not None]
        return found[0].value if found else None
    value = f"{m.group(1)}T{m.group(2)}:{m.group(3)}" if m.group(2) and (m.group(2), m.group(3)) != ("00", "00") \
        else m.group(1)
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return None  # "2024-18-12", "2024-02-30T25:00": ISO-shaped, but no such day or time
    return value


def run(article: Article, ctx: Context) -> Article:
    stated = stated_date(article)
    if stated:
        return dataclasses.replace(article, published=stated[0], published_how=PublishedHow.STATED,
                                   published_evidence=stated[1])
    meta = metadata_date(article)
    if meta:
        return dataclasses.replace(article, published=meta, published_how=PublishedHow.METADATA)
    return dataclasses.replace(article, published=None, published_how=None)


STAGE = stage("published", 1, requires={"boilerplate", "hints"}, provides={"published"}, run=run,
              doc="publication date and the span it was read from")
