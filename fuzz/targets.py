"""Atheris fuzz targets for the readers and the first stages (clean, metadata, published).

    python fuzz/targets.py TARGET [libFuzzer flags] [CORPUS_DIR ...]    (fuzz/run.py drives this)

A target takes the raw bytes of one input, as a file or a download would give them. What a user may
meet is a Skipped item with its reason, or the project's own InputError; anything else escaping is a
crash. The targets also assert what must hold for any input, so a wrong span is a crash too.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import atheris

# Only Marsad is instrumented (coverage guides the mutations); the libraries run at full speed.
with atheris.instrument_imports(include=["marsad"]):
    import marsad.dates  # noqa: F401 - imported lazily by clean; imported here to be instrumented
    from marsad.errors import InputError
    from marsad.model import Article, RawDocument, Skipped
    from marsad.pipeline import Context
    from marsad.read import read_bytes
    from marsad.read.feeds import read_feed
    from marsad.read.html import read_html
    from marsad.read.records import read_json, read_jsonl
    from marsad.service import to_article
    from marsad.stages import clean, metadata, published

SOURCE = "fuzz-input"
FRONT = (clean.STAGE, metadata.STAGE, published.STAGE)


def _drain(items) -> list[RawDocument]:
    docs = []
    for item in items:
        if isinstance(item, Skipped):
            assert "\n" not in item.line(), item  # a user sees one line per skipped input
        else:
            assert isinstance(item, RawDocument) and isinstance(item.text, str), item
            docs.append(item)
    return docs


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def fuzz_read(data: bytes) -> None:
    """read_bytes: sniffs the kind (html, feed, json, jsonl, text) and decodes any encoding."""
    try:
        _drain(read_bytes(data, SOURCE))
    except InputError:
        pass


def fuzz_html(data: bytes) -> None:
    """The HTML reader on any text (trafilatura, meta tags, JSON-LD)."""
    doc = read_html(_text(data), SOURCE)
    if doc is not None:
        _drain([doc])


def fuzz_feed(data: bytes) -> None:
    """The RSS/Atom reader on any bytes (declared encodings, entity refusal, entries without text)."""
    try:
        _drain(read_feed(data, SOURCE))
    except InputError:
        pass


def fuzz_records(data: bytes) -> None:
    """JSON and JSONL records: wrong types, missing fields, deep nesting."""
    text = _text(data)
    _drain(read_json(text, SOURCE))
    _drain(read_jsonl(text.splitlines(), SOURCE))


def check_front(a: Article) -> None:
    """What the first three stages promise for any input."""
    assert isinstance(a.text, str)
    for ev in (a.outlet_evidence, a.published_evidence):
        if ev is not None and ev.start != -1:
            source = a.text if ev.where == "text" else a.raw
            assert 0 <= ev.start < ev.end <= len(source) and source[ev.start:ev.end] == ev.text, ev
    if a.published is not None:
        assert len(a.published) in (10, 16), a.published
        dt.datetime.fromisoformat(a.published)  # a real day (and time), never 2024-13-45
    for r in a.boilerplate:
        assert r.line >= 1 and "\n" not in r.text, r


def fuzz_clean(data: bytes) -> None:
    """Reader, then clean, metadata and published on every document read (hints from the container)."""
    try:
        docs = _drain(read_bytes(data, SOURCE))
    except InputError:
        return
    ctx = Context()
    for doc in docs:
        article = to_article(doc)
        for st in FRONT:
            article = st.run(article, ctx)
        check_front(article)


TARGETS = {"read": fuzz_read, "html": fuzz_html, "feed": fuzz_feed, "records": fuzz_records, "clean": fuzz_clean}


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {{{','.join(TARGETS)}}} [libFuzzer flags] [corpus dirs]")
    target = TARGETS[argv[1]]
    # Warm up first (lazy imports, lexicons, trafilatura's first call take seconds), so libFuzzer does not
    # report the first input as slow.
    for seed in sorted((Path(__file__).resolve().parent / "corpus" / argv[1]).glob("*"))[:3]:
        target(seed.read_bytes())
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
