"""The REST API (ANALYSIS-FORMAT.md "HTTP"): JSON objects of the analysis document, lists in the
envelope {"items", "total", "next"} with ?limit=&offset=, errors as {"error": {"code", "message"}}."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Depends, Query, Request, Response

from marsad.web.app import ApiError, store_dependency

router = APIRouter()
StoreDep = Annotated[Any, Depends(store_dependency)]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def envelope(request: Request, items: list, total: int, limit: int, offset: int) -> dict:
    nxt = None
    if offset + len(items) < total:
        params = {**dict(request.query_params), "limit": limit, "offset": offset + limit}
        nxt = f"{request.url.path}?{urlencode(params)}"
    return {"items": items, "total": total, "next": nxt}


def _kb(request: Request) -> tuple[str, ...]:
    return request.app.state.settings.kb_files


def _document(request: Request, store, article_ids: list[str]) -> dict:
    from marsad.service import document_for

    return document_for(store, article_ids, _kb(request))


# -- articles ---------------------------------------------------------------------------------------------

@router.get("/articles", summary="List articles (filter by outlet, date, story, entity)")
def list_articles(request: Request, store: StoreDep, limit: Limit = 20, offset: Offset = 0, outlet: str | None = None,
                  since: str | None = None, until: str | None = None, story: str | None = None,
                  entity: str | None = None) -> dict:
    from marsad.document import article_to_dict
    from marsad.store import ArticleFilter

    if story or entity:
        ids: set[str] | None = None
        if story:
            ids = set(store.story_members(store.get_story(story)["id"]))
        if entity:
            found = set(store.articles_mentioning(entity))
            ids = found if ids is None else ids & found
        flt = ArticleFilter(outlet=outlet, since=since, until=until)
        chosen = [a for a in store.list_articles(flt) if a.id in ids]
        total, page = len(chosen), chosen[offset:offset + limit]
    else:
        flt = ArticleFilter(outlet=outlet, since=since, until=until, limit=limit, offset=offset)
        page, total = store.list_articles(flt), store.count_articles(ArticleFilter(outlet=outlet, since=since,
                                                                                     until=until))
    items = [{**article_to_dict(a), "story": store.story_of(a.id)} for a in page]
    return envelope(request, items, total, limit, offset)


@router.get("/articles/{article_id}", summary="One article with all its facts (corrections applied)")
def get_article(request: Request, article_id: str, store: StoreDep) -> dict:
    article = store.get_article(article_id)
    doc = _document(request, store, [article.id])
    return {**doc["articles"][0], "story": store.story_of(article.id)}


@router.delete("/articles/{article_id}", summary="Delete an article (its story is rebuilt)")
def delete_article(article_id: str, store: StoreDep) -> dict:
    from marsad.stories.update import rebuild_stale

    article = store.get_article(article_id)
    store.delete_article(article.id)
    return {"deleted": article.id, "stories_rebuilt": rebuild_stale(store)}


INGEST_EXAMPLE = {"text": "بغداد - أعلنت وزارة الدفاع العراقية اليوم ...", "source_url": "https://example.org/a/1"}


@router.post("/ingest", summary="Ingest text, HTML, a JSON record, a URL or a feed; returns the analysed articles")
def ingest(request: Request, response: Response, store: StoreDep,
           body: Annotated[dict, Body(examples=[INGEST_EXAMPLE])]) -> dict:
    from marsad.document import article_to_dict
    from marsad.service import ingest_items

    items = list(_items(body))
    report = ingest_items(items, store, kb_files=_kb(request))
    articles = [{**article_to_dict(store.get_article(i)), "story": store.story_of(i)} for i in report.article_ids]
    if not articles:
        reasons = "; ".join(s.line() for s in report.skipped) or "nothing to analyse"
        raise ApiError(422, "skipped", reasons)
    response.status_code = 201 if report.counts["new"] else 200
    return {"articles": articles, "skipped": [s.line() for s in report.skipped], "counts": dict(report.counts),
            "stories": report.stories}


def _items(body: dict):
    """The read documents of an ingest request: exactly one of text, html, record(s), url, feed."""
    import json

    from marsad.read import read_bytes, read_url

    if not isinstance(body, dict):
        raise ApiError(400, "bad_request", "the body must be a JSON object")
    given = [k for k in ("text", "html", "record", "records", "url", "feed") if body.get(k) is not None]
    if len(given) != 1:
        raise ApiError(400, "bad_request", "give exactly one of: text, html, record, records, url, feed")
    key, value = given[0], body[given[0]]
    url = body.get("source_url")
    if url is not None and not isinstance(url, str):
        raise ApiError(400, "bad_request", "source_url must be a string")
    if key in ("url",) or key == "feed" and isinstance(value, str) and value.startswith(("http://", "https://")):
        if not isinstance(value, str) or not value.startswith(("http://", "https://")):
            raise ApiError(400, "bad_request", f"{key} must be an http(s) URL")
        return read_url(value)
    if key in ("record", "records"):
        if not isinstance(value, dict | list):
            raise ApiError(400, "bad_request", f"{key} must be a JSON object or list")
        return read_bytes(json.dumps(value, ensure_ascii=False).encode("utf-8"), f"api:{key}")
    if not isinstance(value, str):
        raise ApiError(400, "bad_request", f"{key} must be a string")
    return read_bytes(value.encode("utf-8"), url or f"api:{key}", url)


# -- stories ----------------------------------------------------------------------------------------------

@router.get("/stories", summary="Stories, latest first")
def list_stories(request: Request, store: StoreDep, limit: Limit = 20, offset: Offset = 0) -> dict:
    return envelope(request, store.list_stories(limit=limit, offset=offset), store.count_stories(), limit, offset)


def story_with_corrections(request: Request, store, story_id: str) -> tuple[dict, dict]:
    """(the story with corrections applied, the document of its articles)."""
    story = store.get_story(story_id)
    doc = _document(request, store, story["articles"])
    return next((s for s in doc["stories"] if s["id"] == story["id"]), story), doc


@router.get("/stories/{story_id}", summary="One story: summary, timeline, claims, agreements, contradictions, coverage")
def get_story(request: Request, story_id: str, store: StoreDep) -> dict:
    return story_with_corrections(request, store, story_id)[0]


@router.get("/stories/{story_id}/timeline", summary="A story's timeline")
def get_timeline(request: Request, story_id: str, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict:
    line = story_with_corrections(request, store, story_id)[0]["timeline"]
    return envelope(request, line[offset:offset + limit], len(line), limit, offset)


# -- quotes and entities ------------------------------------------------------------------------------------

@router.get("/quotes", summary="Quotes, by speaker and/or story")
def list_quotes(request: Request, store: StoreDep, limit: Limit = 20, offset: Offset = 0, speaker: str | None = None,
                story: str | None = None) -> dict:
    from marsad.document import quote_to_dict
    from marsad.service import list_quotes as quotes_of

    pairs = quotes_of(store, speaker, _kb(request))
    if story:
        members = set(store.story_members(store.get_story(story)["id"]))
        pairs = [(a, q) for a, q in pairs if a.id in members]
    items = [{**quote_to_dict(a.text, q), "article": a.id, "outlet": a.outlet, "published": a.published}
             for a, q in pairs[offset:offset + limit]]
    return envelope(request, items, len(pairs), limit, offset)


@router.get("/entities", summary="Entities with aliases and mention counts")
def list_entities(request: Request, store: StoreDep, limit: Limit = 20, offset: Offset = 0, type: str | None = None,
                  q: str | None = None) -> dict:
    from marsad.arabic.normalize import fold
    from marsad.document import entity_to_dict
    from marsad.service import list_entities as entities_of

    found = entities_of(store, _kb(request))
    if type:
        found = [e for e in found if e.type == type.upper()]
    if q:
        key = fold(q)
        found = [e for e in found if any(key in fold(n) for n in (e.canonical, *e.aliases, e.english or ""))]
    items = [entity_to_dict(e) for e in found[offset:offset + limit]]
    return envelope(request, items, len(found), limit, offset)


@router.get("/entities/{entity_id}", summary="One entity: aliases, roles, mentions, quotes, stories")
def get_entity(request: Request, entity_id: str, store: StoreDep) -> dict:
    from marsad.web.views import entity_view

    return entity_view(store, entity_id, _kb(request))


# -- search, corrections, exports -----------------------------------------------------------------------

@router.get("/search", summary="Arabic full-text search (any spelling variant and clitic form)")
def search(request: Request, store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Limit = 20, offset: Offset = 0, outlet: str | None = None, since: str | None = None,
           until: str | None = None, entity: str | None = None, story: str | None = None) -> dict:
    from dataclasses import asdict

    from marsad.search import search as run_search

    page = run_search(store, q, outlet=outlet, since=since, until=until, entity=entity, story=story, limit=limit,
                      offset=offset)
    return envelope(request, [asdict(h) for h in page.items], page.total, limit, offset)


@router.get("/corrections", summary="Analysts' corrections")
def list_corrections(request: Request, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict:
    items = store.list_corrections()
    return envelope(request, items[offset:offset + limit], len(items), limit, offset)


@router.post("/corrections", status_code=201, summary="Add a correction {kind, target, value, by}")
def add_correction(store: StoreDep, body: Annotated[dict, Body()]) -> dict:
    if not isinstance(body, dict) or "kind" not in body or "target" not in body:
        raise ApiError(400, "bad_request", "a correction needs kind and target (and usually value)")
    return store.add_correction(body["kind"], body["target"], body.get("value"), body.get("by") or "analyst")


@router.delete("/corrections/{correction_id}", summary="Undo a correction")
def delete_correction(correction_id: str, store: StoreDep) -> dict:
    store.delete_correction(correction_id)
    return {"deleted": correction_id}


@router.get("/exports/{fmt}", summary="Export the store (or ?story=ID) as json, csv (zip), geojson, md or html")
def export(request: Request, fmt: str, store: StoreDep, story: Annotated[list[str] | None, Query()] = None) -> Response:
    from marsad.export import export_response

    if story:
        ids = [a for s in story for a in store.get_story(s)["articles"]]
    else:
        ids = [a.id for a in store.list_articles()]
    body, media, filename = export_response(_document(request, store, ids), fmt)
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
