"""Exports of the analysis document, for the CLI (`marsad export`) and the API (/api/exports/{format}).

    json      the document itself (`marsad analyze --format json`)
    csv       one file per record type: events, quotes, entities, claims, timeline, contradictions,
              corrections (`csv_files.py`; columns in docs/analysis-format.md, "Exports")
    geojson   the places with their events (`geojson.py`)
    md, html  the reports of `marsad.report`

`document_of` builds the document to export from a store (all of it, or some stories); everything else is
pure: a document in, bytes out, and the caller decides where the bytes go.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from marsad.errors import UsageError
from marsad.export.csv_files import csv_files, write_folder, zip_bytes
from marsad.export.geojson import places_geojson

FORMATS = ("json", "csv", "geojson", "md", "html")

# Format -> (media type, file name) of an export served over HTTP; csv is served as one zip.
MEDIA = {
    "json": ("application/json", "marsad-export.json"),
    "csv": ("application/zip", "marsad-export.zip"),
    "geojson": ("application/geo+json", "marsad-places.geojson"),
    "md": ("text/markdown; charset=utf-8", "marsad-report.md"),
    "html": ("text/html; charset=utf-8", "marsad-report.html"),
}

__all__ = ["FORMATS", "MEDIA", "csv_files", "document_of", "export_document", "export_response", "places_geojson",
           "write_folder", "zip_bytes"]


def document_of(store, story_ids: Iterable[str] = (), kb_files: tuple[str, ...] = ()) -> dict:
    """The analysis document of the whole store, or of the articles of the given stories (a unique id prefix
    is enough; an unknown id raises NotFound)."""
    from marsad.service import document_for

    story_ids = list(story_ids)
    if story_ids:
        article_ids = [aid for sid in story_ids for aid in store.get_story(sid)["articles"]]
    else:
        article_ids = [a.id for a in store.list_articles()]
    return document_for(store, article_ids, kb_files)


def export_document(doc: dict, fmt: str) -> bytes | dict[str, bytes]:
    """The document in FORMAT: UTF-8 bytes ending in a newline, or for csv {file name: CSV bytes}.

    Raises UsageError for an unknown format.
    """
    if fmt == "csv":
        return csv_files(doc)
    if fmt == "json":
        text = json.dumps(doc, ensure_ascii=False, indent=2)
    elif fmt == "geojson":
        text = json.dumps(places_geojson(doc), ensure_ascii=False, indent=2)
    elif fmt == "md":
        from marsad.report.markdown import render_markdown

        text = render_markdown(doc)
    elif fmt == "html":
        from marsad.report.html import render_html

        text = render_html(doc)
    else:
        raise UsageError(f"unknown export format '{fmt}' (one of {', '.join(FORMATS)})")
    return (text.rstrip("\n") + "\n").encode("utf-8")


def export_response(doc: dict, fmt: str) -> tuple[bytes, str, str]:
    """(body, media type, file name) of the export in FORMAT, for an HTTP response; csv comes as a zip.

    Raises UsageError for an unknown format.
    """
    data = export_document(doc, fmt)
    body = zip_bytes(data) if isinstance(data, dict) else data
    media_type, filename = MEDIA[fmt]
    return body, media_type, filename
