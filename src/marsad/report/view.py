"""The analysis document resolved for reading: what both report renderers (HTML, Markdown) draw.

Every fact becomes a Ref: its evidence span resolved against its article (outlet, date, exact text, anchor).
A span whose article is absent from the document, or whose offsets fall outside the article's text, is
dropped (and counted), never turned into a dangling link. Nothing here escapes text: the renderers do.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from marsad.arabic.sentences import split_sentences
from marsad.report import labels

_SAFE_URL = re.compile(r"^https?://[^\s\"'<>`]+$", re.IGNORECASE)
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_GROUP_OF_TYPE = {"PERSON": "people", "ORG": "orgs", **dict.fromkeys(_PLACE_TYPES, "places")}


def cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def date_label(value: str | None, precision: str | None) -> str:
    """A date cut to its precision: day -> 2025-11-05, month -> 2025-11, year -> 2025."""
    if not value:
        return labels.HEADINGS["no_date"]
    keep = {"day": 10, "month": 7, "year": 4}.get(precision or "")
    return value[:keep] if keep else value


@dataclass(frozen=True)
class Ref:
    """One evidence span, resolved: text[start:end] of its article."""

    article: str
    start: int
    end: int
    text: str
    outlet: str
    date: str

    @property
    def anchor(self) -> str:
        return f"ev-{self.article}-{self.start}-{self.end}"

    @property
    def snippet(self) -> str:
        return cut(self.text, 90)


@dataclass
class ArticleHead:
    id: str
    title: str
    outlet: str
    date: str
    source: str
    url: str | None  # the source when it is a web address the reader may open, else None
    rerun_of: str | None = None

    @property
    def anchor(self) -> str:
        return f"art-{self.id}"


@dataclass
class ArticleBody:
    head: ArticleHead
    authors: str
    segments: list[tuple[int, str, bool]] = field(default_factory=list)  # (start, text, is_sentence)


class Resolver:
    """Looks evidence up in the document's articles."""

    def __init__(self, doc: dict):
        self.articles = {a["id"]: a for a in doc.get("articles") or [] if isinstance(a, dict) and a.get("id")}
        self.dropped = 0
        # A near-duplicate's later article (by publication, else the second) re-runs the first one.
        self.reruns: dict[str, str] = {}
        for story in doc.get("stories") or []:
            for a, b in _pairs(story.get("near_duplicates") if isinstance(story, dict) else None):
                if a in self.articles and b in self.articles:
                    da, db = (self.articles[x].get("published") or "" for x in (a, b))
                    later, first = (a, b) if da and db and da > db else (b, a)
                    self.reruns[later] = first

    def head(self, aid: str) -> ArticleHead | None:
        a = self.articles.get(aid)
        if a is None:
            return None
        source = a.get("source") or ""
        url = a.get("url") or source
        return ArticleHead(
            id=aid, title=a.get("title") or cut(a.get("text") or "", 80) or labels.HEADINGS["untitled"],
            outlet=a.get("outlet") or labels.HEADINGS["no_outlet"], date=(a.get("published") or "")[:10],
            source=source, url=url if isinstance(url, str) and _SAFE_URL.match(url) else None,
            rerun_of=self.reruns.get(aid))

    def ref(self, ev: dict | None) -> Ref | None:
        aid, start, end = ((ev or {}).get(k) for k in ("article", "start", "end"))
        a = self.articles.get(aid) if isinstance(aid, str) else None
        text = (a or {}).get("text") or ""
        if a is None or not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            self.dropped += 1
            return None
        return Ref(article=a["id"], start=start, end=end, text=text[start:end],
                   outlet=a.get("outlet") or labels.HEADINGS["no_outlet"], date=(a.get("published") or "")[:10])

    def refs(self, evs) -> list[Ref]:
        out = [self.ref(ev) for ev in evs or [] if isinstance(ev, dict)]
        return [r for r in out if r is not None]


def article_body(resolver: Resolver, aid: str) -> ArticleBody:
    """The article's text cut into sentences and the gaps between them, each with its start offset."""
    a = resolver.articles[aid]
    text = a.get("text") or ""
    spans = [(s[0], s[1]) for s in a.get("sentences") or [] if isinstance(s, list | tuple) and len(s) == 2]
    if not _valid_spans(spans, len(text)):
        spans = [(s.start, s.end) for s in split_sentences(text)]
    segments, pos = [], 0
    for start, end in spans:
        if start > pos:
            segments.append((pos, text[pos:start], False))
        segments.append((start, text[start:end], True))
        pos = end
    if pos < len(text):
        segments.append((pos, text[pos:], False))
    authors = "، ".join(x.get("name", "") for x in a.get("authors") or [] if isinstance(x, dict))
    return ArticleBody(head=resolver.head(aid), authors=authors, segments=segments)


def _valid_spans(spans: list[tuple[int, int]], size: int) -> bool:
    pos = 0
    for start, end in spans:
        if not (isinstance(start, int) and isinstance(end, int) and pos <= start < end <= size):
            return False
        pos = end
    return bool(spans)


def build(doc: dict) -> dict:
    """The whole report: stories (each resolved) and every article's body."""
    resolver = Resolver(doc)
    entities = {e["id"]: e for e in doc.get("entities") or [] if isinstance(e, dict) and e.get("id")}
    stories = [story_view(s, resolver, entities) for s in doc.get("stories") or [] if isinstance(s, dict)]
    bodies = [article_body(resolver, aid) for aid in resolver.articles]
    return {"stories": stories, "articles": bodies, "dropped": resolver.dropped}


def story_view(story: dict, resolver: Resolver, entities: dict[str, dict]) -> dict:
    ids = [aid for aid in story.get("articles") or [] if isinstance(aid, str)]
    present = [aid for aid in ids if aid in resolver.articles]
    summary = story.get("summary") or {}
    claims = {c.get("id"): _claim(c, resolver) for c in story.get("claims") or [] if isinstance(c, dict)}
    return {
        "id": str(story.get("id") or ""),
        "anchor": f"story-{story.get('id') or ''}",
        "title": story.get("title") or labels.HEADINGS["untitled"],
        "first_date": story.get("first_date") or "",
        "last_date": story.get("last_date") or "",
        "outlets": [o for o in story.get("outlets") or [] if isinstance(o, str)],
        "articles": [resolver.head(aid) for aid in present],
        "missing": len(ids) - len(present),
        "summary": {"date": summary.get("date") or "",
                    "bullets": [{"text": b.get("text") or "", "refs": resolver.refs(b.get("sources"))}
                                for b in summary.get("bullets") or [] if isinstance(b, dict)]},
        "timeline": [_timeline_entry(t, resolver) for t in story.get("timeline") or [] if isinstance(t, dict)],
        "speakers": _speakers(present, resolver),
        "entities": _entities(present, resolver, entities),
        "numbers": _numbers(present, resolver),
        "agreements": [{"topic": g.get("topic") or "", "claims": _claims_of(g, claims)}
                       for g in story.get("agreements") or [] if isinstance(g, dict)],
        "contradictions": [{"topic": g.get("topic") or "", "kind": g.get("kind") or "",
                            "kind_label": labels.label(labels.CLAIM_KINDS, g.get("kind")),
                            "note": g.get("note") or "", "claims": _claims_of(g, claims),
                            "marks": correction_marks(g)}
                           for g in story.get("contradictions") or [] if isinstance(g, dict)],
        "coverage": [_coverage(c, resolver) for c in story.get("coverage") or [] if isinstance(c, dict)],
        "near_duplicates": [(resolver.head(a), resolver.head(b)) for a, b in _pairs(story.get("near_duplicates"))
                            if a in resolver.articles and b in resolver.articles],
    }


def _pairs(value) -> list[tuple[str, str]]:
    return [(p[0], p[1]) for p in value or [] if isinstance(p, list | tuple) and len(p) == 2]


def _timeline_entry(t: dict, resolver: Resolver) -> dict:
    precision, modality = t.get("date_precision"), t.get("modality") or "happened"
    return {"date": t.get("date") or "", "precision": precision or "",
            "date_label": date_label(t.get("date"), precision),
            "precision_label": labels.label(labels.PRECISION, precision),
            "type": t.get("type") or "", "type_label": labels.label(labels.EVENT_TYPES, t.get("type")),
            "modality": modality, "modality_label": labels.label(labels.MODALITY, modality),
            "summary": t.get("summary") or "", "refs": resolver.refs(t.get("sources")),
            "marks": correction_marks(t)}


def correction_marks(record: dict) -> list[str]:
    """Labels of what analysts' corrections did to a record (shown beside it)."""
    marks = []
    if record.get("rejected"):
        marks.append(labels.HEADINGS["rejected"])
    if isinstance(record.get("resolved"), dict):
        marks.append(labels.HEADINGS["resolved"] + (f": {record['resolved'].get('note')}"
                                                    if record["resolved"].get("note") else ""))
    if record.get("corrections") and not marks:
        marks.append(labels.HEADINGS["corrected"])
    return marks


def _speakers(aids: list[str], resolver: Resolver) -> list[dict]:
    """Quotes of the story's articles grouped by speaker (entity when linked, else the name as written)."""
    groups: dict[str, dict] = {}
    for aid in aids:
        for q in resolver.articles[aid].get("quotes") or []:
            ref = resolver.ref({"article": aid, "start": q.get("start"), "end": q.get("end")})
            if ref is None:
                continue
            name = " ".join((q.get("speaker") or labels.HEADINGS["anonymous"]).split())
            g = groups.setdefault(q.get("speaker_entity_id") or name, {"name": name, "quotes": [],
                                                                       "anonymous": bool(q.get("anonymous"))})
            g["quotes"].append({"cue": q.get("cue") or "", "direct": bool(q.get("direct")), "ref": ref,
                                "when": q.get("when_value") or "", "via": q.get("via") or "",
                                "rerun": aid in resolver.reruns, "marks": correction_marks(q)})
    return sorted(groups.values(), key=lambda g: (g["anonymous"], -len(g["quotes"]), g["name"]))


def _entities(aids: list[str], resolver: Resolver, entities: dict[str, dict]) -> dict[str, list[dict]]:
    """People, organisations and places named in the story's articles, with mention counts and a first mention."""
    counts: Counter = Counter()
    first: dict[str, Ref] = {}
    seen_in: dict[str, set[str]] = defaultdict(set)
    info: dict[str, dict] = {}
    for aid in aids:
        for m in resolver.articles[aid].get("entities") or []:
            key = m.get("entity_id") or f"{m.get('type')}:{m.get('text')}"
            if m.get("type") == "NORP" or not key:
                continue
            ref = resolver.ref({"article": aid, "start": m.get("start"), "end": m.get("end")})
            if ref is None:
                continue
            counts[key] += 1
            seen_in[key].add(aid)
            first.setdefault(key, ref)
            info.setdefault(key, {"canonical": m.get("canonical") or m.get("text") or "", "type": m.get("type")})
    groups: dict[str, list[dict]] = {g: [] for g in labels.ENTITY_GROUPS}
    for key, n in counts.items():
        e = entities.get(key) or info[key]
        group = _GROUP_OF_TYPE.get(e.get("type") or info[key]["type"])
        if group is None:
            continue
        groups[group].append({"name": e.get("canonical") or info[key]["canonical"], "type": e.get("type") or "",
                              "count": n, "articles": len(seen_in[key]), "ref": first[key],
                              "lat": e.get("lat"), "lon": e.get("lon")})
    for items in groups.values():
        items.sort(key=lambda x: (-x["count"], x["name"]))
    return groups


def _numbers(aids: list[str], resolver: Resolver) -> list[dict]:
    out = []
    for aid in aids:
        for q in resolver.articles[aid].get("quantities") or []:
            ref = resolver.ref({"article": aid, "start": q.get("start"), "end": q.get("end")})
            if ref is None:
                continue
            out.append({"text": q.get("text") or ref.text, "value": _number(q), "unit": q.get("unit") or "",
                        "counts": q.get("counts") or "", "ref": ref, "rerun": aid in resolver.reruns,
                        "qualifier": labels.label(labels.QUALIFIERS, q.get("qualifier"))})
    return sorted(out, key=lambda x: (x["unit"], x["ref"].date, x["ref"].article, x["ref"].start))


def _number(q: dict) -> str:
    def fmt(x) -> str:
        return f"{x:g}" if isinstance(x, int | float) else ""
    if q.get("value") is not None:
        return fmt(q["value"])
    return "–".join(fmt(x) for x in (q.get("low"), q.get("high")) if x is not None)


def _claim(c: dict, resolver: Resolver) -> dict:
    ref = resolver.ref(c)
    return {"id": c.get("id"), "text": c.get("text") or (ref.text if ref else ""), "kind": c.get("kind") or "",
            "subject": c.get("subject") or "", "value": "" if c.get("value") is None else str(c["value"]),
            "as_of": c.get("as_of") or "", "ref": ref}


def _claims_of(group: dict, claims: dict) -> list[dict]:
    return [claims[cid] for cid in group.get("claims") or [] if cid in claims and claims[cid]["ref"]]


def _coverage(c: dict, resolver: Resolver) -> dict:
    arts = c.get("articles")
    heads = [h for h in (resolver.head(a) for a in arts if isinstance(a, str)) if h] if isinstance(arts, list) else []
    speakers = c.get("speakers")
    return {"outlet": c.get("outlet") or labels.HEADINGS["no_outlet"], "articles": heads,
            "n_articles": len(arts) if isinstance(arts, list) else arts if isinstance(arts, int) else 0,
            "quotes": len(c["quotes"]) if isinstance(c.get("quotes"), list) else c.get("quotes") or 0,
            "speakers": [s for s in speakers if isinstance(s, str)] if isinstance(speakers, list) else [],
            "unique": resolver.refs(c.get("unique_facts"))}
