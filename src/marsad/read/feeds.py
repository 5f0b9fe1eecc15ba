"""RSS/Atom feeds -> one RawDocument per entry (title, link, date, summary or content)."""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Iterator

from marsad.errors import InputError
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.read.encoding import decode


def _entry_text(entry) -> str:
    html = ""
    if entry.get("content"):
        html = entry["content"][0].get("value") or ""
    html = html or entry.get("summary") or ""  # feedparser may hold None under either key
    if "<" in html:
        from lxml import html as lxml_html

        try:
            root = lxml_html.fromstring(html)
            return "\n".join(t.strip() for t in root.itertext() if t.strip())
        except Exception:  # noqa: BLE001 - malformed fragment: fall back to the raw string
            return html
    return html


# An XML entity declaration in a feed is refused before parsing: feedparser's fallback parser expands
# entities, and a "billion laughs" or quadratic-blowup feed would hang or exhaust memory. The check runs
# on the decoded text and feedparser gets exactly that text as UTF-8, so a feed in an encoding where
# "<!ENTITY" is not those ASCII bytes (EBCDIC, UTF-7, UTF-32) cannot slip a declaration past it.
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_DECLARED = re.compile(rb"\s*<\?xml[^>]*?\sencoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
_PROLOG_ENCODING = re.compile(r"(\s*<\?xml[^>]*?\s)encoding\s*=\s*[\"'][^\"']*[\"']")


def _feed_text(data: bytes) -> str:
    """The feed as text: in the encoding its XML declaration names when that decodes it, else detected."""
    declared = _DECLARED.match(data.removeprefix(codecs.BOM_UTF8))
    if declared:
        try:
            return data.removeprefix(codecs.BOM_UTF8).decode(declared.group(1).decode("ascii"))
        except (LookupError, ValueError):
            pass
    return decode(data)[0]


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | Skipped]:
    import feedparser

    try:
        text = _feed_text(data).lstrip("\ufeff")
    except InputError as exc:
        yield Skipped(source, SkipReason.UNDECODABLE, str(exc))
        return
    if _ENTITY_DECLARATION.search(text):
        yield Skipped(source, SkipReason.MALFORMED, "feed declares XML entities (refused: entity expansion)")
        return
    try:
        feed = feedparser.parse(_PROLOG_ENCODING.sub(r'\1encoding="utf-8"', text, count=1).encode("utf-8"))
    except Exception as exc:  # noqa: BLE001 - feedparser's loose parser raises KeyError, ValueError... on junk
        yield Skipped(source, SkipReason.MALFORMED, f"feed could not be parsed: {type(exc).__name__}: {str(exc)[:100]}")
        return
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
