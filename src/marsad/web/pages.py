"""The analysts' web app: server-rendered, right-to-left pages. Every value from an article is
autoescaped; the story and article views reuse the report's templates (one look, one escaping path),
and evidence links (#ev-ARTICLE-START-END) open the article and highlight exactly those characters."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from marsad.web.app import store_dependency

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Any, Depends(store_dependency)]
PLACE_TYPES = ("GPE", "LOC", "FAC")


@cache
def _env() -> Environment:
    from marsad.report import labels
    from marsad.report.html import _verbatim
    from marsad.web import labels as web_labels

    env = Environment(loader=ChoiceLoader([PackageLoader("marsad.web", "templates"),
                                           PackageLoader("marsad.report", "templates")]),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(L=labels.HEADINGS, ENTITY_GROUPS=labels.ENTITY_GROUPS, W=web_labels.WEB)
    env.filters["verbatim"] = _verbatim
    env.filters["json_script"] = _json_script
    return env


def _json_script(value) -> Markup:
    """JSON safe inside <script type="application/json">: "<" can never close the element."""
    text = json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text.replace("&", "\\u0026"))


def render(name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(_env().get_template(name).render(**context), status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render("error.html", status=status, status_code=status, message=message, q="")


@cache
def _asset(name: str) -> str:
    return (files("marsad.report") / "templates" / name).read_text(encoding="utf-8")


@router.get("/assets/report.js")
def report_js() -> Response:
    return Response(_asset("report.js"), media_type="text/javascript")


@router.get("/assets/report.css")
def report_css() -> Response:
    return Response(_asset("report.css"), media_type="text/css")


def _document(request: Request, store, ids: list[str]) -> dict:
    from marsad.service import document_for

    return document_for(store, ids, request.app.state.settings.kb_files)


@router.get("/", response_class=HTMLResponse)
def index(store: StoreDep, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    stories = store.list_stories(limit=50, offset=offset)
    return render("index.html", stories=stories, total=store.count_stories(), articles=store.count_articles(),
                  offset=offset, q="")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, store: StoreDep) -> HTMLResponse:
    from marsad.report.view import build

    story = store.get_story(story_id)
    doc = _document(request, store, story["articles"])
    doc["stories"] = [s for s in doc["stories"] if s["id"] == story["id"]] or [story]
    view = build(doc)
    return render("story.html", view=view, s=view["stories"][0], places=_places(doc), q="")


def _places(doc: dict) -> list[dict]:
    """Places of the document with coordinates, their mention counts and the events placed there."""
    counts: dict[str, int] = {}
    for a in doc["articles"]:
        for m in a["entities"]:
            counts[m["entity_id"]] = counts.get(m["entity_id"], 0) + 1
    events: dict[str, list[dict]] = {}
    for a in doc["articles"]:
        for e in a.get("events", ()):
            if e.get("place"):
                events.setdefault(e["place"], []).append({"type": e["type"], "date": e["date"], "text": e["text"][:120],
                                                          "href": f"#ev-{a['id']}-{e['start']}-{e['end']}"})
    out = [{"id": e["id"], "name": e["canonical"], "type": e["type"], "lat": e["lat"], "lon": e["lon"],
            "mentions": counts.get(e["id"], 0), "events": events.get(e["id"], [])[:5]}
           for e in doc["entities"] if e["type"] in PLACE_TYPES and e["lat"] is not None and e["lon"] is not None]
    return sorted(out, key=lambda p: -p["mentions"])


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    from marsad.report.view import build

    article = store.get_article(article_id)
    doc = _document(request, store, [article.id])
    doc["stories"] = []
    view = build(doc)
    a = doc["articles"][0]
    return render("article.html", view=view, a=a, sentences=painted(a), story=store.story_of(article.id), q="")


FACT_KINDS = (("entities", "mention"), ("quotes", "quote"), ("timexes", "timex"), ("quantities", "quantity"),
              ("events", "event"))


def painted(a: dict) -> list[dict]:
    """The article's sentences cut where the set of facts covering the text changes: each piece carries
    its offset (for evidence links) and the kinds of fact it belongs to (for highlighting)."""
    text = a["text"]
    cover: list[set[str]] = [set() for _ in range(len(text) + 1)]
    bounds = {0, len(text)}
    for key, kind in FACT_KINDS:
        for f in a.get(key) or ():
            start, end = f["start"], f["end"]
            if 0 <= start < end <= len(text):
                bounds.update((start, end))
                for i in range(start, end):
                    cover[i].add(kind)
    spans = [(s[0], s[1]) for s in a.get("sentences") or ()] or [(0, len(text))]
    out, pos = [], 0
    for start, end in spans + [(len(text), len(text))]:
        if start > pos:  # the gap between two sentences (line breaks)
            out.append({"start": pos, "sentence": False, "pieces": [(pos, text[pos:start], "")]})
        if end > start:
            cuts = sorted(b for b in bounds if start < b < end)
            edges = [start, *cuts, end]
            pieces = [(x, text[x:y], " ".join(f"f-{k}" for k in sorted(cover[x])))
                      for x, y in zip(edges, edges[1:], strict=False)]
            out.append({"start": start, "sentence": True, "pieces": pieces})
        pos = max(pos, end)
    return out


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, store: StoreDep) -> HTMLResponse:
    from marsad.web.views import entity_view

    return render("entity.html", e=entity_view(store, entity_id, request.app.state.settings.kb_files), q="")


@router.get("/search", response_class=HTMLResponse)
def search_page(store: StoreDep, q: Annotated[str, Query(max_length=500)] = "",
                offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    from marsad.search import search

    page = search(store, q, limit=20, offset=offset) if q.strip() else None
    hits = [{"hit": h, "segments": _segments(h.snippet, h.highlights)} for h in page.items] if page else []
    return render("search.html", q=q, hits=hits, total=page.total if page else 0, offset=offset)


def _segments(text: str, highlights) -> list[tuple[str, bool]]:
    """A snippet cut into (text, highlighted) pieces, for autoescaped rendering (never HTML from text)."""
    out, pos = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in highlights or ()):
        if start < pos or end > len(text):
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _schema_type(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"array of {_schema_type(schema.get('items', {}))}"
    return schema.get("type", "any")


def api_operations(spec: dict) -> list[dict]:
    """Each route of the OpenAPI description, flattened for the reference page."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            out.append({
                "id": op.get("operationId", f"{method}-{path}"), "method": method.upper(), "path": path,
                "summary": op.get("description") or op.get("summary", ""),
                "params": [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                            "type": _schema_type(p.get("schema", {})), "description": p.get("description", "")}
                           for p in op.get("parameters", [])],
                "body": ", ".join(f"{ctype}: {_schema_type(c.get('schema', {}))}" for ctype, c in body.items()),
            })
    return out


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render("api_docs.html", operations=api_operations(spec), version=spec["info"]["version"], q="")
