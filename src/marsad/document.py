"""Article <-> JSON object of the analysis document (ANALYSIS-FORMAT.md, `marsad.analysis/1`).

The contract fields come first and are never omitted (a missing value is null); the fields
after them are documented extensions (docs/analysis-format.md).
"""

from __future__ import annotations

from typing import Any

from marsad.model import (
    Article,
    Author,
    Entity,
    Event,
    Evidence,
    Mention,
    PublishedHow,
    Quantity,
    Quote,
    Removed,
    Span,
    Timex,
)
from marsad.stories.claims import claim_from_dict, claim_to_dict  # noqa: E402

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
        "entities": [mention_to_dict(a.text, m) for m in a.mentions],
        "quotes": [quote_to_dict(a.text, q) for q in a.quotes],
        "timexes": [timex_to_dict(a.text, t) for t in a.timexes],
        "quantities": [quantity_to_dict(a.text, q) for q in a.quantities],
        "events": [event_to_dict(a.text, e) for e in a.events],
        # extensions
        "claims": [claim_to_dict(c) for c in a.claims],
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


def mention_to_dict(text: str, m: Mention) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": text[m.start:m.end], "type": m.type, "entity_id": m.entity_id,
            "role": m.role, "affiliation": m.affiliation, "canonical": m.canonical, "how": m.how}


def quote_to_dict(text: str, q: Quote) -> dict[str, Any]:
    return {"start": q.start, "end": q.end, "text": text[q.start:q.end], "cue": q.cue, "cue_start": q.cue_start,
            "cue_end": q.cue_end, "speaker": q.speaker, "speaker_text": q.speaker_text, "speaker_start": q.speaker_start,
            "speaker_end": q.speaker_end, "speaker_entity_id": q.speaker_entity_id, "anonymous": q.anonymous,
            "direct": q.direct, "channel": q.channel, "via": q.via, "when": q.when, "when_value": q.when_value}


def timex_to_dict(text: str, t: Timex) -> dict[str, Any]:
    return {"start": t.start, "end": t.end, "text": text[t.start:t.end], "type": t.type, "value": t.value,
            "mod": t.mod, "anchored": t.anchored, "calendar": t.calendar, "range": list(t.range) if t.range else None,
            # extensions
            "stated_value": t.value if t.stated_value is None else t.stated_value,
            "stated_range": list(t.stated_range) if t.stated_range else
            list(t.range) if t.range and t.stated_value is None else None}


def quantity_to_dict(text: str, q: Quantity) -> dict[str, Any]:
    return {"start": q.start, "end": q.end, "text": text[q.start:q.end], "value": q.value, "low": q.low,
            "high": q.high, "qualifier": q.qualifier, "unit": q.unit, "counts": q.counts}


def event_to_dict(text: str, e: Event) -> dict[str, Any]:
    return {"start": e.start, "end": e.end, "text": text[e.start:e.end], "type": e.type, "trigger": e.trigger,
            "actors": list(e.actors), "place": e.place, "date": e.date, "date_precision": e.date_precision,
            "modality": e.modality,
            # extensions
            "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "date_how": e.date_how,
            "date_start": e.date_start, "date_end": e.date_end}


def event_from_dict(d: dict[str, Any]) -> Event:
    return Event(d["start"], d["end"], d["type"], d["trigger"], d.get("trigger_start", d["start"]),
                 d.get("trigger_end", d["end"]), tuple(d.get("actors", ())), d.get("place"), d.get("date"),
                 d.get("date_precision"), d.get("date_how"), d.get("date_start"), d.get("date_end"),
                 d.get("modality", "happened"))


def entity_to_dict(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "canonical": e.canonical, "english": e.english, "type": e.type, "aliases": list(e.aliases),
            "wikidata": e.wikidata, "lat": e.lat, "lon": e.lon, "mentions": e.mentions, "articles": list(e.articles)}


def build_document(articles: list[Article], entities: list[Entity], stories: list[dict] | None = None) -> dict[str, Any]:
    """The analysis document for these articles and the stories they belong to."""
    return {"format": FORMAT, "articles": [article_to_dict(a) for a in articles],
            "entities": [entity_to_dict(e) for e in entities], "stories": list(stories or []), "corrections": []}


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
        quotes=tuple(Quote(**{k: v for k, v in q.items() if k != "text"}) for q in d.get("quotes", ())),
        timexes=tuple(Timex(t["start"], t["end"], t["type"], t["value"], t.get("mod"), t.get("anchored", False),
                            t.get("calendar", "gregorian"), tuple(t["range"]) if t.get("range") else None,
                            t.get("stated_value"), tuple(t["stated_range"]) if t.get("stated_range") else None)
                      for t in d.get("timexes", ())),
        quantities=tuple(Quantity(**{k: v for k, v in q.items() if k != "text"}) for q in d.get("quantities", ())),
        events=tuple(event_from_dict(e) for e in d.get("events", ())),
        claims=tuple(claim_from_dict(c) for c in d.get("claims", ())),
        mentions=tuple(Mention(m["start"], m["end"], m["type"], m["entity_id"], m.get("role"), m.get("affiliation"),
                               m.get("canonical"), m.get("how", "kb")) for m in d.get("entities", ())),
    )
