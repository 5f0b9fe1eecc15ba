"""Readers: inputs (files, folders, URLs, feeds) -> RawDocument or Skipped, one per article.

Knows formats, not Arabic. The kind of a file is sniffed from its bytes (HTML, feed, JSON,
JSONL, plain text), never taken from its extension; `.gz` files are decompressed as a stream.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad import settings
from marsad.errors import InputError
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.read.encoding import decode, looks_binary
from marsad.read.records import read_json, read_jsonl, visible

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
Item = RawDocument | Skipped
_SURROGATE = re.compile("[\ud800-\udfff]")


def _fix(value):
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) and _SURROGATE.search(value) else value


def _encodable(item: Item) -> Item:
    """Lone surrogates (a JSON "\\ud800", a file name in no encoding) can be neither stored nor printed:
    each becomes U+FFFD, in the text, the metadata and the source alike."""
    if isinstance(item, Skipped):
        return dataclasses.replace(item, source=_fix(item.source), detail=_fix(item.detail))
    hints = tuple((k, _fix(v)) for k, v in item.hints)
    return dataclasses.replace(item, source=_fix(item.source), text=_fix(item.text), id_basis=_fix(item.id_basis),
                               url=_fix(item.url), hints=hints)


def _bounded(items: Iterable[Item], max_chars: int | None) -> Iterator[Item]:
    """Every item encodable (see `_encodable`); each article longer than the text limit (default:
    MARSAD_MAX_CHARS, 100,000) becomes a Skipped naming its length and the limit. Some stages take time
    that grows faster than the text, so an input's analysis is bounded only if its length is; of 25,000
    real articles the longest has 34,000."""
    limit = max_chars or settings.get("max_chars")
    for item in map(_encodable, items):
        if isinstance(item, RawDocument) and len(item.text) > limit:
            yield Skipped(item.source, SkipReason.TOO_LARGE,
                          f"article text of {len(item.text)} characters; the limit is {limit} (MARSAD_MAX_CHARS)")
        else:
            yield item


def _kind(text: str) -> str:
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        return "html"
    if head.startswith("{"):
        first, _, rest = head.partition("\n")
        return "jsonl" if rest.lstrip().startswith("{") and first.rstrip().endswith("}") else "json"
    if head.startswith("["):
        return "json"
    return "text"


def read_bytes(data: bytes, source: str, url: str | None = None, max_chars: int | None = None) -> Iterator[Item]:
    """Sniff, decode and read one input's bytes (articles over `max_chars` characters are skipped)."""
    yield from _bounded(_read_bytes(data, source, url, max_chars), max_chars)


def _plain_text(data: bytes) -> bool:
    """Is this plain text (one article), judged from its first 4 KB without decoding the rest?"""
    try:
        return _kind(decode(data[:4096])[0]) == "text"
    except InputError:
        return False


def _read_bytes(data: bytes, source: str, url: str | None, max_chars: int | None) -> Iterator[Item]:
    if not data[:4096].strip() and not data.strip():
        yield Skipped(source, SkipReason.EMPTY, "no content")
        return
    if looks_binary(data):
        yield Skipped(source, SkipReason.BINARY, "binary data, not text")
        return
    limit = max_chars or settings.get("max_chars")
    if len(data) > 4 * limit and _plain_text(data):  # no encoding takes more than 4 bytes a character
        yield Skipped(source, SkipReason.TOO_LARGE, f"{len(data)} bytes of plain text: more than the limit of"
                      f" {limit} characters (MARSAD_MAX_CHARS)")
        return
    try:
        text, _encoding = decode(data)
    except InputError as exc:
        yield Skipped(source, SkipReason.UNDECODABLE, str(exc))
        return
    if not text.strip():
        yield Skipped(source, SkipReason.EMPTY, "only white space")
        return
    if not visible(text):
        yield Skipped(source, SkipReason.EMPTY, "only white space and invisible characters")
        return
    kind = _kind(text)
    if kind == "feed":
        from marsad.read.feeds import read_feed

        yield from read_feed(data, source)
    elif kind == "html":
        from marsad.read.html import read_html

        yield read_html(text, source, url, max_chars)
    elif kind == "json":
        yield from read_json(text, source)
    elif kind == "jsonl":
        yield from read_jsonl(text.splitlines(), source)
    else:
        yield RawDocument(source=url or source, text=text, id_basis=url or text, url=url)


def _bounded_lines(fh, max_bytes: int, source: str) -> Iterator[str | Skipped]:
    """The lines of a binary stream, decoded; a line over `max_bytes` is skipped without being held."""
    lineno = 0
    while raw := fh.readline(max_bytes + 1):
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield Skipped(f"{source}#{lineno}", SkipReason.TOO_LARGE,
                          f"line {lineno} is longer than {max_bytes} bytes (MARSAD_MAX_BYTES)")
            continue
        yield raw.decode("utf-8", errors="replace")


def _read_gzip(path: Path, max_bytes: int, max_chars: int | None) -> Iterator[Item]:
    """Stream a .jsonl.gz archive record by record (memory stays flat); other .gz whole."""
    try:
        with gzip.open(path, "rb") as fh:
            if path.name.endswith((".jsonl.gz", ".ndjson.gz")):
                yield from read_jsonl(_bounded_lines(fh, max_bytes, str(path)), str(path))
                return
            data = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        yield Skipped(str(path), SkipReason.MALFORMED, f"broken gzip: {exc}")
        return
    if len(data) > max_bytes:
        yield Skipped(str(path), SkipReason.TOO_LARGE, f"decompresses to more than {max_bytes} bytes")
        return
    yield from _read_bytes(data, str(path), None, max_chars)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int | None = None) -> Iterator[Item]:
    """The articles of one file (several for JSON lists, JSON Lines and feeds), or why it was skipped."""
    yield from _bounded(_read_file(path, max_bytes, max_chars), max_chars)


def _read_file(path: Path, max_bytes: int, max_chars: int | None) -> Iterator[Item]:
    source = str(path)
    try:
        size = path.stat().st_size
        if path.suffix == ".gz":
            yield from _read_gzip(path, max_bytes, max_chars)
            return
        if size > max_bytes:
            yield Skipped(source, SkipReason.TOO_LARGE, f"{size} bytes; the limit is {max_bytes} (MARSAD_MAX_BYTES)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(source, SkipReason.NOT_FOUND, exc.strerror or str(exc))
        return
    if path.suffix in (".jsonl", ".ndjson") and data.lstrip()[:1] == b"{":
        text, _ = decode(data) if not looks_binary(data) else ("", "")
        yield from read_jsonl(io.StringIO(text), source)
        return
    yield from _read_bytes(data, source, None, max_chars)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith((".md", ".yaml", ".yml")):
                yield Path(root) / name


def read_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int | None = None) -> Iterator[Item]:
    from marsad.read.fetch import fetch

    try:
        data, _ctype = fetch(url, max_bytes)
    except InputError as exc:
        yield Skipped(url, SkipReason.FETCH_FAILED, str(exc))
        return
    yield from read_bytes(data, url, url, max_chars)


def read_inputs(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int | None = None) -> Iterator[Item]:
    """Every article in the inputs, in a stable order: files sorted, folders recursively. Articles
    longer than `max_chars` (default: the setting MARSAD_MAX_CHARS) are skipped as too large."""
    for inp in inputs:
        if inp.startswith(("http://", "https://")):
            yield from read_url(inp, max_bytes, max_chars)
            continue
        path = Path(inp)
        if path.is_dir():
            for file in _walk(path):
                yield from read_file(file, max_bytes, max_chars)
        elif path.exists():
            yield from read_file(path, max_bytes, max_chars)
        else:
            yield _encodable(Skipped(inp, SkipReason.NOT_FOUND, "no such file or folder"))
