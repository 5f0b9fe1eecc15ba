"""HTML pages -> RawDocument: the main text via trafilatura, metadata from meta tags and JSON-LD."""

from __future__ import annotations

import json
import re

from marsad.identity import squash
from marsad.model import RawDocument, Skipped, SkipReason

# trafilatura takes about a second per megabyte of markup: a page is parsed only up to this many times
# the article text limit (MARSAD_MAX_CHARS), 5,000,000 characters by default.
HTML_PER_TEXT_CHAR = 50

_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|pubdate|date)["'][^>]*>""",
    re.I,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.I)
_JSONLD = re.compile(r"""<script[^>]+application/ld\+json[^>]*>(.*?)</script>""", re.I | re.S)
_ISO_LOCAL = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?")


def _local_iso(value: str) -> str | None:
    """'2025-11-06T10:30:00+03:00' -> '2025-11-06T10:30' (local time as stated, zone dropped)."""
    m = _ISO_LOCAL.match(value.strip())
    if not m:
        return None
    return f"{m.group(1)}T{m.group(2)}" if m.group(2) else m.group(1)


def _jsonld_items(html: str):
    for block in _JSONLD.findall(html):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k == "@graph")
                yield item


def published_from_html(html: str) -> str | None:
    """The publication time from JSON-LD datePublished or a published_time meta tag."""
    for item in _jsonld_items(html):
        value = item.get("datePublished")
        if isinstance(value, str) and _local_iso(value):
            return _local_iso(value)
    for tag in _META_TIME.findall(html):
        m = _CONTENT.search(tag)
        if m and _local_iso(m.group(1)):
            return _local_iso(m.group(1))
    return None


def _jsonld_publisher(html: str) -> str | None:
    for item in _jsonld_items(html):
        pub = item.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            return pub["name"].strip()
    return None


def _too_deep(html: str) -> bool:
    """libxml2 stops building the tree 256 elements deep, so text nested deeper is never seen."""
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError):
        return False
    return any("Excessive depth" in e.message for e in parser.error_log)


def read_html(html: str, source: str, url: str | None = None, max_chars: int | None = None) -> RawDocument | Skipped:
    """Extract the article from a page; Skipped when the page is too large or holds no main text."""
    from marsad import settings

    limit = HTML_PER_TEXT_CHAR * (max_chars or settings.get("max_chars"))
    if len(html) > limit:
        return Skipped(source, SkipReason.TOO_LARGE, f"HTML page of {len(html)} characters; pages over {limit}"
                       f" are not parsed ({HTML_PER_TEXT_CHAR} x MARSAD_MAX_CHARS)")
    import trafilatura  # heavy: imported on first use

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None or not (doc.text or "").strip():
        why = " (its elements are nested deeper than 256 levels)" if _too_deep(html) else ""
        return Skipped(source, SkipReason.NO_TEXT, f"no article text found in the HTML{why}")
    hints: list[tuple[str, str]] = []
    if doc.title:
        hints.append(("title", doc.title.strip()))
    if doc.author:
        hints.append(("author", doc.author.strip()))
    outlet = _jsonld_publisher(html) or doc.sitename
    if outlet:
        hints.append(("outlet", outlet.strip()))
    published = published_from_html(html) or doc.date
    if published:
        hints.append(("published", published))
    url = url or doc.url
    # The id is derived from the page source, not from trafilatura's output (stable across upgrades).
    return RawDocument(source=url or source, text=doc.text, id_basis=url or squash(html), url=url, hints=tuple(hints))
