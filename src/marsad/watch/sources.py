"""A fetched feed or page -> the documents it holds, refusing what must not be parsed.

Feeds are read by marsad.read (feedparser). feedparser drops unsafe entity declarations only from
the lines it recognises and then falls back to a loose parser that expands what is left: a
"quadratic blowup" feed (one large entity referenced thousands of times) grows to gigabytes there.
So any body that declares an XML entity is refused before parsing; real feeds and pages never need one.
"""

from __future__ import annotations

import dataclasses
import re

from marsad.errors import InputError
from marsad.identity import content_hash
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.read import read_bytes
from marsad.read.encoding import decode, looks_binary

Item = RawDocument | Skipped
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_FEED_ROOTS = ("<rss", "<feed", "<rdf:rdf")
# A download cut short is the usual broken feed; feedparser would still read its first entries, and the
# last one half. Other XML faults (an HTML entity such as &nbsp;) are common and feedparser copes.
_CLOSED = re.compile(rb"</\s*(rss|feed|rdf:rdf)\s*>\s*(<!--.*?-->\s*)*$", re.IGNORECASE | re.DOTALL)


def refusal(data: bytes) -> str | None:
    """Why these bytes must not be parsed at all, or None."""
    if not data.strip():
        return "empty response"
    if looks_binary(data):
        return "binary data, not a feed or a page"
    probe = data.replace(b"\x00", b"") if b"\x00" in data else data  # UTF-16/32: look past the NULs
    if _ENTITY_DECLARATION.search(probe):
        return "declares XML entities (refused: entity expansion)"
    return None


def _head(data: bytes) -> str:
    try:
        text, _ = decode(data[:8192])
    except InputError as exc:
        raise InputError(f"undecodable: {exc}") from exc
    return text[:4096].lstrip("\ufeff \t\r\n").lower()


def is_feed(data: bytes) -> bool:
    head = _head(data)
    return head.startswith("<") and any(root in head for root in _FEED_ROOTS)


def feed_items(data: bytes, url: str) -> list[Item]:
    """The entries of an RSS/Atom document (a title-only entry is a Skipped naming its link). InputError
    for anything else: an HTML error page, JSON, binary data, entity declarations, a body cut short."""
    reason = refusal(data)
    if reason:
        raise InputError(reason)
    if not is_feed(data):
        what = "an HTML page" if "<html" in _head(data) or "<!doctype html" in _head(data) else "no RSS/Atom root"
        raise InputError(f"not a feed: {what}")
    if not _CLOSED.search(data[-512:].replace(b"\x00", b"")):
        raise InputError("broken feed: cut short (the root element is not closed)")
    items = list(read_bytes(data, url))
    # A well-formed feed with no entry yet reads as one MALFORMED skip ("no entries"): nothing new.
    return [i for i in items if isinstance(i, RawDocument) or i.reason is not SkipReason.MALFORMED]


def page_items(data: bytes, url: str) -> list[RawDocument]:
    """The article(s) of a web page (or any single document marsad.read understands)."""
    reason = refusal(data)
    if reason:
        raise InputError(reason)
    items = list(read_bytes(data, url, url))
    docs = [i for i in items if isinstance(i, RawDocument)]
    if not docs:
        raise InputError(items[0].detail if items else "nothing readable")
    return docs


def entry_key(item: Item) -> str:
    """What identifies an entry across polls: its link, else its text."""
    if isinstance(item, RawDocument):
        return item.url or "text:" + content_hash(item.text)[:32]
    return "skipped:" + item.source


def entry_hash(item: Item) -> str:
    return content_hash(item.text) if isinstance(item, RawDocument) else "skipped"


def with_entry_hints(page: RawDocument, entry: RawDocument) -> RawDocument:
    """The linked page, keeping the entry's title, date, author and outlet where the page has none."""
    have = {k for k, _ in page.hints}
    return dataclasses.replace(page, hints=page.hints + tuple((k, v) for k, v in entry.hints if k not in have))
