"""Stable article ids and content hashes (the recipe is part of the public contract).

Recipe, version 1:
- id = "a" + first 16 hex digits of sha256("url\\n" + canonical URL) when the input has a URL;
  else of sha256("text\\n" + squashed raw text), where the raw text is the decoded input BEFORE
  any cleaning (HTML: the decoded page source), NFC-normalized, with every run of white space
  folded to one space and the ends stripped. So a better cleaner never renumbers the archive.
- content_hash = full sha256 hex of the squashed raw text: a change of text under the same URL
  is a new version of the same article.
The canonical URL drops the fragment, lower-cases scheme and host and strips a trailing slash; a URL
that does not parse ("https://[x/a": a bracket but no IPv6 address) is its stripped self.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def canonical_url(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def article_id(url: str | None, raw_text: str) -> str:
    basis = "url\n" + canonical_url(url) if url else "text\n" + squash(raw_text)
    return "a" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def content_hash(raw_text: str) -> str:
    return hashlib.sha256(squash(raw_text).encode("utf-8")).hexdigest()
