"""Corrections applied to an analysis document: a pure function, `apply_corrections(doc, corrections)`.

Each kind's effect is documented in docs/analysis-format.md ("Correction"). Every record a correction
changes gets the `corrections` extension (the ids of the corrections that changed it). Story aggregates
other than the ones named there (summary bullets, coverage counts) are left as the story built them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from marsad.corrections import CONTRACT, parse_target, split_entity_id

_STRENGTH = ("happened", "planned", "claimed", "negated")  # a timeline entry shows its strongest source


def _mark(record: dict, correction_id: str) -> None:
    """The `corrections` extension: ids of the corrections that changed this record."""
    ids = record.setdefault("corrections", [])
    if correction_id not in ids:
        ids.append(correction_id)


class _Doc:
    """Lookups over a document being corrected (its records are changed in place: it is a deep copy)."""

    def __init__(self, doc: dict):
        self.doc = doc
        self.articles = {a["id"]: a for a in doc.get("articles", ())}
        self.stories = doc.get("stories", [])

    def entity(self, eid: str) -> dict | None:
        return next((e for e in self.doc["entities"] if e["id"] == eid), None)

    def facts(self, form: str, scope: str, key: str) -> list[dict]:
        """The records a target names in this document (none when it is not here)."""
        if form in ("quote", "event"):
            article = self.articles.get(scope)
            return [f for f in (article or {}).get(form + "s", ()) if f["start"] == int(key)]
        if form == "timeline":
            return [t for s in self.stories for t in s.get("timeline", ()) if t.get("id") == key]
        if form == "claim":
            return [c for s in self.stories for c in s.get("claims", ()) if c["id"] == key] + \
                   [c for a in self.articles.values() for c in a.get("claims", ()) if c["id"] == key]
        if form == "contradiction":
            wanted = set(key.split("+"))
            return [c for s in self.stories for c in s.get("contradictions", ()) if wanted <= set(c["claims"])]
        return []

    def recount(self, eid: str) -> None:
        """An entity's `mentions` and `articles` over this document's articles, as build_entities counts them."""
        entity = self.entity(eid)
        if entity is None:
            return
        hits = [a["id"] for a in self.articles.values() for m in a["entities"] if m["entity_id"] == eid]
        entity["mentions"], entity["articles"] = len(hits), list(dict.fromkeys(hits))
        if not hits:
            self.doc["entities"].remove(entity)

    def sort_entities(self) -> None:
        self.doc["entities"].sort(key=lambda e: (-e["mentions"], e["id"]))


def _swap(ids: list[str], old: str, new: str) -> list[str]:
    return list(dict.fromkeys(new if i == old else i for i in ids))


def _relabel_refs(record_lists: Iterable[list[dict]], old: str, new: str, cid: str) -> bool:
    """Quotes' speaker ids, events' and timeline entries' actors and place, mentions' affiliation."""
    changed = False
    for records in record_lists:
        for r in records:
            hit = False
            for field in ("speaker_entity_id", "place", "affiliation"):
                if r.get(field) == old:
                    r[field], hit = new, True
            if old in r.get("actors", ()):
                r["actors"], hit = _swap(r["actors"], old, new), True
            if hit:
                _mark(r, cid)
                changed = True
    return changed


def _merge(d: _Doc, c: dict) -> bool:
    """The target absorbs the value entity: its mentions, references, aliases and counts."""
    keep, gone, cid = c["target"], c["value"], c["id"]
    absorbed, kept = d.entity(gone), d.entity(keep)
    name = (kept or absorbed or {}).get("canonical")
    changed = False
    for a in d.articles.values():
        for m in a["entities"]:
            if m["entity_id"] == gone:
                m["entity_id"] = keep
                if m["type"] != "NORP" and name:
                    m["canonical"] = name
                _mark(m, cid)
                changed = True
        for q in a["quotes"]:
            if q.get("speaker_entity_id") == gone and absorbed and q.get("speaker") == absorbed["canonical"] and name:
                q["speaker"] = name
        changed |= _relabel_refs((a["entities"], a["quotes"], a["events"]), gone, keep, cid)
    changed |= _relabel_refs((s.get("timeline", ()) for s in d.stories), gone, keep, cid)
    if absorbed is not None and kept is not None:
        kept["aliases"] = [x for x in dict.fromkeys([*kept["aliases"], absorbed["canonical"], *absorbed["aliases"]])
                           if x != kept["canonical"]]
        for field in ("english", "wikidata", "lat", "lon"):
            kept[field] = kept[field] if kept[field] is not None else absorbed[field]
        d.doc["entities"].remove(absorbed)
    elif absorbed is not None:
        absorbed["id"] = keep  # the target is not in this document: the absorbed record carries its id
        kept = absorbed
    if kept is not None and changed:
        _mark(kept, cid)
        d.recount(keep)
        d.sort_entities()
    return changed


def _split(d: _Doc, c: dict) -> bool:
    """The listed mentions of the target go to a new entity; references move with them where unambiguous."""
    old, cid, v = c["target"], c["id"], c["value"]
    new = split_entity_id(cid)
    wanted = {(m.rsplit(":", 1)[0], int(m.rsplit(":", 1)[1])) for m in v["mentions"]}
    source = d.entity(old) or {}
    type_ = v.get("type") or source.get("type") or "ORG"
    whole: set[str] = set()  # articles where every mention of the old entity moved
    moved_forms: list[str] = []
    moved_any = False
    for a in d.articles.values():
        ours = [m for m in a["entities"] if m["entity_id"] == old]
        moved = [m for m in ours if (a["id"], m["start"]) in wanted]
        moved_any |= bool(moved)
        for m in moved:
            m["entity_id"] = new
            if m["type"] != "NORP":
                m["type"], m["canonical"] = type_, v["canonical"]
                moved_forms.append(m["text"])
            _mark(m, cid)
        if moved and len(moved) == len(ours):
            whole.add(a["id"])
        spans = [(m["start"], m["end"]) for m in moved]
        for q in a["quotes"]:
            at = q.get("speaker_start")
            if q.get("speaker_entity_id") == old and (a["id"] in whole or any(
                    at is not None and s <= at < e for s, e in spans)):
                q["speaker_entity_id"], q["speaker"] = new, v["canonical"]
                _mark(q, cid)
        if a["id"] in whole:
            _relabel_refs((a["entities"], a["events"]), old, new, cid)
    if not moved_any:
        return False
    for s in d.stories:
        for t in s.get("timeline", ()):
            arts = {x["article"] for x in t.get("sources", ())}
            if arts and arts <= whole:
                _relabel_refs([[t]], old, new, cid)
            elif old in t.get("actors", ()) and arts & whole:
                t["actors"] = sorted({*t["actors"], new})
                _mark(t, cid)
    d.doc["entities"].append({
        "id": new, "canonical": v["canonical"], "english": v.get("english"), "type": type_,
        "aliases": [f for f in dict.fromkeys(moved_forms) if f != v["canonical"]], "wikidata": None, "lat": None,
        "lon": None, "mentions": 0, "articles": [], "split_from": old, "corrections": [cid]})
    if source:
        still = {m["text"] for a in d.articles.values() for m in a["entities"] if m["entity_id"] == old}
        source["aliases"] = [x for x in source["aliases"] if x in still or x not in moved_forms]
        _mark(source, cid)
        d.recount(old)
    d.recount(new)
    d.sort_entities()
    return True


def _set_entity(d: _Doc, c: dict) -> bool:
    eid, v, cid = c["target"], c["value"], c["id"]
    entity = d.entity(eid)
    if entity is None:
        return False
    old_name = entity["canonical"]
    if "canonical" in v and v["canonical"] != old_name:
        entity["canonical"] = v["canonical"]
        entity["aliases"] = [x for x in dict.fromkeys([old_name, *entity["aliases"]]) if x != v["canonical"]]
    entity.update({k: v[k] for k in ("type", "english") if k in v})
    _mark(entity, cid)
    for a in d.articles.values():
        for m in a["entities"]:
            if m["entity_id"] == eid and m["type"] != "NORP":
                m.update({"type": entity["type"], "canonical": entity["canonical"]})
                _mark(m, cid)
        for q in a["quotes"]:
            if q.get("speaker_entity_id") == eid and q.get("speaker") == old_name:
                q["speaker"] = entity["canonical"]
                _mark(q, cid)
    return True


def _set_speaker(d: _Doc, c: dict, form: str, scope: str, key: str) -> bool:
    v = c["value"]
    quotes = d.facts(form, scope, key)
    for q in quotes:
        entity = d.entity(v["entity_id"]) if v["entity_id"] else None
        q["speaker"] = v["speaker"] or (entity or {}).get("canonical") or q["speaker"]
        q["speaker_entity_id"], q["anonymous"] = v["entity_id"], v["anonymous"]
        _mark(q, c["id"])
    return bool(quotes)


def _unsource(d: _Doc, article_id: str, start: int, cid: str, date_only: bool) -> bool:
    """A rejected event is no longer a source of timeline entries (moved to `rejected_sources`; an entry
    it alone sources is itself rejected and keeps it); an event whose date is rejected stays a source,
    marked `date_rejected`, whose date no longer counts. The entry's date and modality are then worked out
    again from the sources that remain, as the timeline does (when their events are in the document)."""
    changed = False
    for s in d.stories:
        for t in s.get("timeline", ()):
            hits = [x for x in t["sources"] if (x["article"], x["start"]) == (article_id, start)]
            if not hits:
                continue
            _mark(t, cid)
            changed = True
            for x in hits:
                x["date_rejected" if date_only else "rejected"] = True
            if not date_only and len(hits) == len(t["sources"]):
                t["rejected"] = True  # its only source: the entry goes with it (kept, marked)
                continue
            if not date_only:
                t["sources"] = [x for x in t["sources"] if x not in hits]
                t.setdefault("rejected_sources", []).extend(hits)
                if "outlets" in t:
                    t["outlets"] = sorted({x["outlet"] for x in t["sources"] if x.get("outlet") and not x.get("rerun")})
            _redate(d, t)
        s.get("timeline", []).sort(key=lambda e: (e["date"] or "9999", e["id"]))
    return changed


def _redate(d: _Doc, entry: dict) -> None:
    from marsad.stories.timeline import _comparable, precision

    pairs = []
    for x in entry["sources"]:
        article = d.articles.get(x["article"])
        event = next((e for e in (article or {}).get("events", ()) if e["start"] == x["start"]), None)
        if event is None:
            return  # a source outside this document: the story's values stand
        pairs.append((x, event))
    dated = [(x, e) for x, e in pairs if not e.get("date_rejected") and precision(e["date"], e["date_precision"])]
    values = [_comparable(e["date"]) for _, e in dated]
    entry["date"] = max(values, key=lambda v: (len(v), values.count(v), v)) if values else None
    entry["date_precision"] = precision(entry["date"], entry["date_precision"]) if entry["date"] else None
    own = [e for x, e in dated if not x.get("rerun")] or [e for _, e in dated] or [e for _, e in pairs]
    if own:
        entry["modality"] = min((e["modality"] for e in own), key=lambda m: _STRENGTH.index(m) if m in _STRENGTH else 9)


def _reject(d: _Doc, c: dict, form: str, scope: str, key: str) -> bool:
    cid, field = c["id"], c["value"].get("field")
    facts = d.facts(form, scope, key)
    for f in facts:
        f["date_rejected" if field == "date" else "rejected"] = True
        _mark(f, cid)
    changed = bool(facts)
    if form == "event":
        changed |= _unsource(d, scope, int(key), cid, date_only=field == "date")
    if form == "claim":
        for s in d.stories:
            _recompare(s, key, cid)
    return changed


def _recompare(story: dict, claim_id: str, cid: str) -> None:
    """After a claim is rejected, an agreement or contradiction that held it stands only if the story's
    other claims still make one (the same rules, `stories.compare`, on the claims not rejected)."""
    groups = [g for g in (*story.get("contradictions", ()), *story.get("agreements", ())) if claim_id in g["claims"]]
    if not groups:
        return
    from marsad.stories.claims import claim_from_dict
    from marsad.stories.compare import compare

    kept = [claim_from_dict(c) for c in story.get("claims", ()) if not c.get("rejected")]
    outlet_of = {a: cov["outlet"] for cov in story.get("coverage", ()) for a in cov.get("articles", ())}
    result = compare(kept, outlet_of, {b for _, b in story.get("near_duplicates", ())})
    for group in groups:
        alive = set(group["claims"]) - {claim_id}
        same = result.contradictions if group in story.get("contradictions", ()) else result.agreements
        if not any(g.get("subject") == group.get("subject") and len(alive & set(g["claims"])) >= 2 for g in same):
            group["rejected"] = True
            _mark(group, cid)


def _resolve(d: _Doc, c: dict, form: str, scope: str, key: str) -> bool:
    found = d.facts(form, scope, key)
    for f in found:
        f["resolved"] = {"note": c["value"].get("note"), "by": c["by"], "at": c["at"]}
        _mark(f, c["id"])
    return bool(found)


def apply_corrections(doc: dict, corrections: Iterable[dict]) -> dict:
    """The document with these corrections applied in order (the store lists them oldest first).

    Returns a new document; `doc` is left as it was. Its `corrections` list holds the corrections that
    changed something in it (contract fields only); corrections whose target is not in it do nothing.
    """
    corrections = list(corrections)
    out = copy.deepcopy(doc) if corrections else dict(doc)
    d = _Doc(out)
    applied = []
    for c in corrections:
        form, scope, key = parse_target(c["kind"], c["target"])
        kind = c["kind"]
        if kind == "merge_entities":
            changed = _merge(d, c)
        elif kind == "split_entity":
            changed = _split(d, c)
        elif kind == "set_entity":
            changed = _set_entity(d, c)
        elif kind == "set_speaker":
            changed = _set_speaker(d, c, form, scope, key)
        elif kind == "reject_fact":
            changed = _reject(d, c, form, scope, key)
        else:
            changed = _resolve(d, c, form, scope, key)
        if changed:
            applied.append({k: c.get(k) for k in CONTRACT})
    out["corrections"] = applied
    return out


def find_facts(doc: dict, form: str, scope: str, key: str) -> list[dict]:
    """The records of a document that a parsed target names (story-level forms need only `stories`)."""
    return _Doc(doc).facts(form, scope, key)
