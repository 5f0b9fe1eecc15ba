"""Readers: inputs (files, folders, URLs, feeds) -> RawDocument or Skipped, one per article.

Knows formats, not Arabic. The kind of a file is sniffed from its bytes (HTML, feed, JSON,
JSONL, plain text), never taken from its extension; `.gz` files are decompressed as a stream.
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.errors import InputError
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.read.encoding import decode, looks_binary
from marsad.read.records import read_json, read_jsonl

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
Item = RawDocument | Skipped


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


def read_bytes(data: bytes, source: str, url: str | None = None) -> Iterator[Item]:
    """Sniff, decode and read one input's bytes."""
    if not data.strip():
        yield Skipped(source, SkipReason.EMPTY, "no content")
        return
    if looks_binary(data):
        yield Skipped(source, SkipReason.BINARY, "binary data, not text")
        return
    try:
        text, _encoding = decode(data)
    except InputError as exc:
        yield Skipped(source, SkipReason.UNDECODABLE, str(exc))
        return
    if not text.strip():
        yield Skipped(source, SkipReason.EMPTY, "only white space")
        return
    kind = _kind(text)
    if kind == "feed":
        from marsad.read.feeds import read_feed

        yield from read_feed(data, source)
    elif kind == "html":
        from marsad.read.html import read_html

        doc = read_html(text, source, url)
        yield doc if doc else Skipped(source, SkipReason.NO_TEXT, "no article text found in the HTML")
    elif kind == "json":
        yield from read_json(text, source)
    elif kind == "jsonl":
        yield from read_jsonl(text.splitlines(), source)
    else:
        yield RawDocument(source=url or source, text=text, id_basis=url or text, url=url)


def _read_gzip(path: Path, max_bytes: int) -> Iterator[Item]:
    """Stream a .jsonl.gz archive record by record (memory stays flat); other .gz whole."""
    try:
        with gzip.open(path, "rb") as fh:
            if path.name.endswith((".jsonl.gz", ".ndjson.gz")):
                lines = (raw.decode("utf-8", errors="replace") for raw in fh)
                yield from read_jsonl(lines, str(path))
                return
            data = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        yield Skipped(str(path), SkipReason.MALFORMED, f"broken gzip: {exc}")
        return
    if len(data) > max_bytes:
        yield Skipped(str(path), SkipReason.TOO_LARGE, f"decompresses to more than {max_bytes} bytes")
        return
    yield from read_bytes(data, str(path))


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    source = str(path)
    try:
        size = path.stat().st_size
        if path.suffix == ".gz":
            yield from _read_gzip(path, max_bytes)
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
    yield from read_bytes(data, source)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith((".md", ".yaml", ".yml")):
                yield Path(root) / name


def read_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    from marsad.read.fetch import fetch

    try:
        data, _ctype = fetch(url, max_bytes)
    except InputError as exc:
        yield Skipped(url, SkipReason.FETCH_FAILED, str(exc))
        return
    yield from read_bytes(data, url, url)


def read_inputs(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article in the inputs, in a stable order: files sorted, folders recursively."""
    for inp in inputs:
        if inp.startswith(("http://", "https://")):
            yield from read_url(inp, max_bytes)
            continue
        path = Path(inp)
        if path.is_dir():
            for file in _walk(path):
                yield from read_file(file, max_bytes)
        elif path.exists():
            yield from read_file(path, max_bytes)
        else:
            yield Skipped(inp, SkipReason.NOT_FOUND, "no such file or folder")
