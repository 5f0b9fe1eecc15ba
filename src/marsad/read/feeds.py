"""RSS/Atom feeds -> one RawDocument per entry (title, link, date, summary or content)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from marsad.model import RawDocument, Skipped, SkipReason


def _entry_text(entry) -> str:
    html = ""
    if entry.get("content"):
        html = entry["content"][0].get("value", "")
    html = html or entry.get("summary", "")
    if "<" in html:
        from lxml import html as lxml_html

        try:
            root = lxml_html.fromstring(html)
            return "\n".join(t.strip() for t in root.itertext() if t.strip())
        except Exception:  # noqa: BLE001 - malformed fragment: fall back to the raw string
            return html
    return html


# An XML entity declaration in a feed is refused before parsing: feedparser's fallback parser expands
# entities, and a "billion laughs" or quadratic-blowup feed would hang or exhaust memory.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | Skipped]:
    import feedparser

    probe = data.replace(b"\x00", b"") if b"\x00" in data else data  # UTF-16/32: look past the NULs
    if _ENTITY_DECLARATION.search(probe):
        yield Skipped(source, SkipReason.MALFORMED, "feed declares XML entities (refused: entity expansion)")
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        yield Skipped(source, SkipReason.MALFORMED, f"feed has no entries{': ' + str(problem)[:100] if problem else ''}")
        return
    outlet = (feed.feed.get("title") or "").strip()
    for i, entry in enumerate(feed.entries, 1):
        url = entry.get("link")
        text = _entry_text(entry).strip()
        where = url or f"{source}#{i}"
        if not text:
            yield Skipped(where, SkipReason.NO_TEXT, "feed entry has no summary or content")
            continue
        hints = []
        if entry.get("title"):
            hints.append(("title", entry["title"].strip()))
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            hints.append(("published", time.strftime("%Y-%m-%dT%H:%M", parsed)))
        if entry.get("author"):
            hints.append(("author", entry["author"].strip()))
        if outlet:
            hints.append(("outlet", outlet))
        yield RawDocument(source=where, text=text, id_basis=url or text, url=url, hints=tuple(hints))
