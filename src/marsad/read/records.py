"""JSON and JSONL records -> RawDocument: one article per record, or a list of them.

Body under text/content/body (or html, which goes through the HTML reader); optional
title, url, date/published/date_extracted, outlet/source/site, author.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from marsad.model import RawDocument, Skipped, SkipReason

_BODY_KEYS = ("text", "content", "body")
_DATE_KEYS = ("published", "date", "date_published", "datePublished", "date_extracted")
_OUTLET_KEYS = ("outlet", "site", "source")
# Something to read: neither white space nor a zero-width, joiner or direction-control character.
_VISIBLE = re.compile(r"[^\s\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> bool:
    return _VISIBLE.search(text) is not None


def _str_field(rec: dict, keys: Iterable[str]) -> str | None:
    for key in keys:
        value = rec.get(key)
        if isinstance(value, str) and visible(value):
            return value.strip()
    return None


def record_to_doc(rec: object, source: str) -> RawDocument | Skipped:
    """One JSON object -> RawDocument, or Skipped naming what is wrong with it."""
    if not isinstance(rec, dict):
        return Skipped(source, SkipReason.MALFORMED, f"record is a {type(rec).__name__}, not an object")
    url = _str_field(rec, ("url", "link"))
    hints: list[tuple[str, str]] = []
    for name, keys in (("title", ("title",)), ("published", _DATE_KEYS), ("outlet", _OUTLET_KEYS),
                       ("author", ("author", "authors"))):
        value = _str_field(rec, keys)
        if value:
            hints.append((name, value))
    body = _str_field(rec, _BODY_KEYS)
    if body is None and isinstance(rec.get("html"), str):
        from marsad.read.html import read_html

        doc = read_html(rec["html"], source, url)
        if isinstance(doc, Skipped):
            return Skipped(source, doc.reason, f"the html field: {doc.detail}")
        merged = dict(doc.hints) | dict(hints)
        return RawDocument(source=url or source, text=doc.text, id_basis=url or doc.id_basis, url=url,
                           hints=tuple(merged.items()))
    if body is None:
        blank = [k for k in (*_BODY_KEYS, "html") if isinstance(rec.get(k), str)]
        if blank:
            return Skipped(source, SkipReason.EMPTY, f"field '{blank[0]}' is empty")
        present = [k for k in (*_BODY_KEYS, "html") if k in rec]
        detail = (f"field '{present[0]}' is not text" if present
                  else "no text/content/body/html field")
        return Skipped(source, SkipReason.MALFORMED, detail)
    return RawDocument(source=url or source, text=body, id_basis=url or body, url=url, hints=tuple(hints))


def _invalid(exc: Exception) -> str:
    if isinstance(exc, RecursionError):  # [[[[... deeper than Python's recursion limit
        return "invalid JSON: nested too deeply"
    if "integer string conversion" in str(exc):  # Python refuses to convert ints of > 4300 digits
        return "invalid JSON: a number of more than 4300 digits"
    return f"invalid JSON: {str(exc).splitlines()[0][:120]}"


def read_json(text: str, path: str) -> Iterator[RawDocument | Skipped]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield Skipped(path, SkipReason.MALFORMED, _invalid(exc))
        return
    if isinstance(data, list):
        for i, rec in enumerate(data, 1):
            yield record_to_doc(rec, f"{path}#{i}")
    else:
        yield record_to_doc(data, path)


def read_jsonl(lines: Iterable[str | Skipped], path: str) -> Iterator[RawDocument | Skipped]:
    """One record per line; `source` is PATH#LINE so every record can be found again. A line the
    caller refused to read (too long) comes as its Skipped and is passed on in its place."""
    for lineno, line in enumerate(lines, 1):
        if isinstance(line, Skipped):
            yield line
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line.rstrip("\r\n"))  # a record cut short: "unterminated", not "control character"
        except (ValueError, RecursionError) as exc:
            yield Skipped(f"{path}#{lineno}", SkipReason.MALFORMED, _invalid(exc))
            continue
        yield record_to_doc(rec, f"{path}#{lineno}")
