"""Article <-> JSON object of the analysis document (ANALYSIS-FORMAT.md, `marsad.analysis/1`).

The contract fields come first and are never omitted (a missing value is null); the fields
after them are documented extensions (docs/analysis-format.md).
"""

from __future__ import annotations

from typing import Any

from marsad.model import Article, Author, Evidence, PublishedHow, Removed, Span

FORMAT = "marsad.analysis/1"


def _evidence(ev: Evidence | None) -> dict | None:
    return None if ev is None else {"start": ev.start, "end": ev.end, "text": ev.text, "where": ev.where}


def article_to_dict(a: Article) -> dict[str, Any]:
    outlet_ev = {"start": a.outlet_evidence.start, "end": a.outlet_evidence.end} \
        if a.outlet_evidence and a.outlet_evidence.where == "text" else None
    return {
        "id": a.id,
        "content_hash": a.content_hash,
        "source": a.source,
        "outlet": a.outlet,
        "outlet_evidence": outlet_ev,
        "cited_outlets": list(a.cited_outlets),
        "published": a.published,
        "published_how": a.published_how.value if a.published_how else None,
        "title": a.title,
        "authors": [{"name": au.name, "role": au.role} for au in a.authors],
        "language": a.language,
        "text": a.text,
        "boilerplate": [r.text for r in a.boilerplate],
        "summary_box": list(a.summary_box) if a.summary_box is not None else None,
        # extensions
        "url": a.url,
        "outlet_how": a.outlet_how,
        "outlet_source": _evidence(a.outlet_evidence),
        "published_evidence": _evidence(a.published_evidence),
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in a.boilerplate],
        "sentences": [[s.start, s.end] for s in a.sentences],
        "words": a.words,
        "warnings": list(a.warnings),
        "stages": [[name, version] for name, version in a.stages],
    }


def _ev(d: dict | None) -> Evidence | None:
    return None if not d else Evidence(d["start"], d["end"], d.get("text", ""), d.get("where", "text"))


def article_from_dict(d: dict[str, Any], raw: str = "") -> Article:
    """Rebuild an Article from its stored JSON object (tokens are recomputed on demand, not stored)."""
    return Article(
        id=d["id"], content_hash=d["content_hash"], source=d["source"], raw=raw, text=d["text"],
        outlet=d.get("outlet"), outlet_evidence=_ev(d.get("outlet_source")), outlet_how=d.get("outlet_how"),
        cited_outlets=tuple(d.get("cited_outlets", ())), published=d.get("published"),
        published_how=PublishedHow(d["published_how"]) if d.get("published_how") else None,
        published_evidence=_ev(d.get("published_evidence")), title=d.get("title"),
        authors=tuple(Author(x["name"], x["role"]) for x in d.get("authors", ())), language=d.get("language"),
        boilerplate=tuple(Removed(r["line"], r["text"], r["reason"]) for r in d.get("removed", ())),
        summary_box=tuple(d["summary_box"]) if d.get("summary_box") is not None else None, url=d.get("url"),
        sentences=tuple(Span(s, e) for s, e in d.get("sentences", ())), warnings=tuple(d.get("warnings", ())),
        stages=tuple((n, v) for n, v in d.get("stages", ())),
    )
