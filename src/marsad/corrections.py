"""Analysts' corrections: overrides stored with who and when, applied whenever a document is built.

A correction never changes a stored analysis. It names its target by an id that survives re-analysis
and re-ingest, so the same fix applies to every later analysis of the same articles:

    entity          an entity id: Q796, kb-fac-ain-al-asad, e-4f28cbd27eb5
    quote, event    ARTICLE_ID:quote:START, ARTICLE_ID:event:START (the fact's `start` in the article's text)
    timeline entry  STORY_ID:timeline:ENTRY_ID (the entry's stable `id`, t-...)
    claim           its id, c-...
    contradiction   STORY_ID:contradiction:CLAIM+CLAIM... (its claim ids, sorted)

The story part of a story-level target tells where the analyst saw it; the record is found by its own
id (or claims) in whichever story holds it now, since stories merge and keep one id. `apply_corrections`
is a pure function over the analysis document; the kinds and their values are in docs/analysis-format.md
("Correction"). A correction whose target is gone does nothing (the store lists it as `orphan`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime

from marsad.errors import NotFound, UsageError

KINDS = ("merge_entities", "split_entity", "set_entity", "set_speaker", "reject_fact", "resolve_contradiction")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")
CONTRACT = ("id", "kind", "target", "value", "by", "at")

# which target forms each kind accepts
_TARGETS = {"merge_entities": {"entity"}, "split_entity": {"entity"}, "set_entity": {"entity"},
            "set_speaker": {"quote"}, "reject_fact": {"quote", "event", "timeline", "claim", "contradiction"},
            "resolve_contradiction": {"contradiction"}}
_ID = r"[A-Za-z0-9][A-Za-z0-9_-]*"  # the ids of analysis.schema.json
_CLAIM = r"c-[A-Za-z0-9_-]+"
_ENTITY_ID = re.compile(r"Q\d+|kb-[A-Za-z0-9_-]+|e-[0-9a-f]{12}")  # the forms Marsad gives entity ids
_PATTERNS = (
    ("claim", re.compile(rf"({_CLAIM})")),
    ("entity", re.compile(rf"({_ID})")),
    ("quote", re.compile(rf"({_ID}):quote:(\d+)")),
    ("event", re.compile(rf"({_ID}):event:(\d+)")),
    ("timeline", re.compile(rf"({_ID}):timeline:({_ID})")),
    ("contradiction", re.compile(rf"({_ID}):contradiction:({_CLAIM}(?:\+{_CLAIM})+)")),
)
TARGET_FORMS = {"entity": "ENTITY_ID", "quote": "ARTICLE_ID:quote:START", "event": "ARTICLE_ID:event:START",
                "timeline": "STORY_ID:timeline:ENTRY_ID", "claim": "CLAIM_ID (c-...)",
                "contradiction": "STORY_ID:contradiction:CLAIM_ID+CLAIM_ID"}


# -- targets ----------------------------------------------------------------------------------------
def parse_target(kind: str, target: object) -> tuple[str, str, str]:
    """(form, scope, key) of a target valid for this kind: scope is the article or story id ("" for
    entities and claims), key the entity id, start, entry id, claim id or sorted claim ids."""
    if not isinstance(target, str) or not target.strip():
        raise UsageError(f"{kind}: the target must be {_forms(kind)}")
    target = target.strip()
    for form, pattern in _PATTERNS:
        m = pattern.fullmatch(target)
        if m is None or form not in _TARGETS[kind]:
            continue
        if form in ("claim", "entity"):
            return form, "", m.group(1)
        if form == "contradiction":
            return form, m.group(1), "+".join(sorted(set(m.group(2).split("+"))))
        return form, m.group(1), m.group(2)
    raise UsageError(f"{kind}: bad target '{target[:80]}', expected {_forms(kind)}")


def _forms(kind: str) -> str:
    return " or ".join(TARGET_FORMS[f] for f in sorted(_TARGETS[kind]))


def _target_text(form: str, scope: str, key: str) -> str:
    return key if form in ("claim", "entity") else f"{scope}:{form}:{key}"


def quote_target(article_id: str, quote: dict) -> str:
    return f"{article_id}:quote:{quote['start']}"


def event_target(article_id: str, event: dict) -> str:
    return f"{article_id}:event:{event['start']}"


def timeline_target(story_id: str, entry: dict) -> str:
    return f"{story_id}:timeline:{entry['id']}"


def contradiction_target(story_id: str, contradiction: dict) -> str:
    return f"{story_id}:contradiction:{'+'.join(sorted(set(contradiction['claims'])))}"


def split_entity_id(correction_id: str) -> str:
    """The id of the entity a split creates: derived from the correction, so it is the same in every build."""
    return "e-" + hashlib.sha1(f"split|{correction_id}".encode()).hexdigest()[:12]


# -- values -----------------------------------------------------------------------------------------
def _text(kind: str, name: str, value: object, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 2000:
        raise UsageError(f"{kind}: '{name}' must be a non-empty text")
    return " ".join(value.split())


def _keys(kind: str, value: object, allowed: set[str], example: str) -> dict:
    if not isinstance(value, dict):
        raise UsageError(f"{kind}: the value must be a JSON object like {example}")
    extra = sorted(set(value) - allowed)
    if extra:
        raise UsageError(f"{kind}: unknown key '{extra[0]}' in the value (allowed: {', '.join(sorted(allowed))})")
    return value


def _entity_fields(kind: str, value: dict) -> dict:
    out = {k: _text(kind, k, value[k]) for k in ("canonical", "english") if value.get(k) is not None}
    if value.get("type") is not None:
        if value["type"] not in ENTITY_TYPES:
            raise UsageError(f"{kind}: type must be one of {', '.join(ENTITY_TYPES)}")
        out["type"] = value["type"]
    return out


def _note(kind: str, value: object, extra: tuple[str, ...] = ()) -> dict:
    if isinstance(value, str):
        value = {"note": value}
    value = _keys(kind, value if value is not None else {}, {"note", *extra}, '{"note": "why"}')
    return {"note": _text(kind, "note", value.get("note"), required=False)}


def normalize_value(kind: str, form: str, target_key: str, value: object) -> object:
    """The value in its stored form (see docs/analysis-format.md, "Correction"); UsageError when bad."""
    if kind == "merge_entities":
        if not isinstance(value, str) or not re.fullmatch(_ID, value.strip()):
            raise UsageError("merge_entities: the value must be the id of the entity to absorb into the target")
        if value.strip() == target_key:
            raise UsageError("merge_entities: an entity cannot absorb itself")
        return value.strip()
    if kind == "split_entity":
        v = _keys(kind, value, {"mentions", "canonical", "type", "english"},
                  '{"mentions": ["ARTICLE_ID:START"], "canonical": "name", "type": "PERSON"}')
        mentions = v.get("mentions")
        if not isinstance(mentions, list) or not mentions or not all(
                isinstance(m, str) and re.fullmatch(rf"{_ID}:\d+", m) for m in mentions):
            raise UsageError("split_entity: 'mentions' must list the moved mentions as \"ARTICLE_ID:START\"")
        out = {"mentions": sorted(set(mentions), key=lambda m: (m.split(":")[0], int(m.split(":")[1])))}
        out |= {"canonical": _text(kind, "canonical", v.get("canonical"))} | _entity_fields(kind, v)
        return out
    if kind == "set_entity":
        v = _entity_fields(kind, _keys(kind, value, {"canonical", "type", "english"}, '{"type": "ORG"}'))
        if not v:
            raise UsageError("set_entity: give at least one of canonical, type, english")
        return v
    if kind == "set_speaker":
        if isinstance(value, str):
            value = {"entity_id": value.strip()} if _ENTITY_ID.fullmatch(value.strip()) else {"speaker": value}
        v = _keys(kind, value, {"speaker", "entity_id", "anonymous"}, '{"speaker": "name", "entity_id": "Q..."}')
        out = {"speaker": _text(kind, "speaker", v.get("speaker"), required=False), "entity_id": None}
        if v.get("entity_id") is not None:
            if not isinstance(v["entity_id"], str) or not re.fullmatch(_ID, v["entity_id"]):
                raise UsageError("set_speaker: 'entity_id' must be an entity id")
            out["entity_id"] = v["entity_id"]
        if out["speaker"] is None and out["entity_id"] is None:
            raise UsageError("set_speaker: give the speaker's name or entity id")
        if not isinstance(v.get("anonymous", False), bool):
            raise UsageError("set_speaker: 'anonymous' must be true or false")
        return out | {"anonymous": bool(v.get("anonymous", False)) and out["entity_id"] is None}
    if kind == "reject_fact":
        out = _note(kind, value, ("field",))
        if isinstance(value, dict) and value.get("field") is not None:
            if value["field"] != "date" or form != "event":
                raise UsageError("reject_fact: 'field' can only be \"date\", and only for an event")
            out["field"] = "date"
        return out
    return _note(kind, value)  # resolve_contradiction


def parse_value(text: str | None) -> object:
    """A command-line value: JSON when it reads as a JSON object, list, string or null, else plain text."""
    if text is None:
        return None
    if text.strip()[:1] in ("{", "[", '"') or text.strip() == "null":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(f"the value is not valid JSON: {exc.msg} at character {exc.pos}") from exc
    return text


def new_correction(kind: object, target: object, value: object = None, by: object = None,
                   at: str | None = None, correction_id: str | None = None) -> dict:
    """A validated Correction record (ANALYSIS-FORMAT.md) with a fresh id; UsageError when anything is bad."""
    if kind not in KINDS:
        raise UsageError(f"unknown correction kind '{str(kind)[:40]}' (one of: {', '.join(KINDS)})")
    form, scope, key = parse_target(kind, target)
    if by is not None and (not isinstance(by, str) or not by.strip() or len(by) > 200):
        raise UsageError("'by' must be a short non-empty name")
    return {"id": correction_id or "x-" + secrets.token_hex(6), "kind": kind,
            "target": _target_text(form, scope, key), "value": normalize_value(kind, form, key, value),
            "by": (by or os.environ.get("USER") or "analyst").strip(),
            "at": at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}


def apply_corrections(doc: dict, corrections: Iterable[dict]) -> dict:
    """The document with these corrections applied in order; see `marsad.corrections_apply`."""
    from marsad.corrections_apply import apply_corrections as apply

    return apply(doc, corrections)


# -- orphans -----------------------------------------------------------------------------------------
class _StoreView:
    """What target checks read from a store, each article and the story list loaded once."""

    def __init__(self, store):
        self.store, self._articles, self._stories = store, {}, None

    def article(self, aid: str):
        if aid not in self._articles:
            try:
                article = self.store.get_article(aid)
            except NotFound:
                article = None
            self._articles[aid] = article if article is not None and article.id == aid else None  # no prefixes
        return self._articles[aid]

    def stories(self) -> list[dict]:
        if self._stories is None:
            self._stories = self.store.list_stories()
        return self._stories


def _missing(view: _StoreView, c: dict) -> str | None:
    """Why the correction's target is not in the store, or None when it is."""
    form, scope, key = parse_target(c["kind"], c["target"])
    if form == "entity":
        for eid in (key, c["value"]) if c["kind"] == "merge_entities" else (key,):
            if not view.store.articles_mentioning(eid):
                return f"no entity '{eid}' in the store"
        if c["kind"] == "split_entity" and not any(
                m.entity_id == key and m.start == int(start) for aid, start in
                (x.rsplit(":", 1) for x in c["value"]["mentions"]) if view.article(aid)
                for m in view.article(aid).mentions):
            return f"none of the listed mentions belongs to '{key}'"
        return None
    if form in ("quote", "event"):
        a = view.article(scope)
        if a is None:
            return f"no article '{scope}' in the store"
        return None if any(f.start == int(key) for f in getattr(a, form + "s")) else \
            f"no {form} starts at {key} in article '{scope}'"
    from marsad.corrections_apply import find_facts

    found = find_facts({"articles": [], "entities": [], "stories": view.stories()}, form, scope, key)
    return None if found else f"no {form} '{key}' in the stored stories"


def orphans(store, corrections: Iterable[dict]) -> set[str]:
    """Ids of the corrections whose target no longer exists in the store (for a merge: either entity;
    for a split: none of its listed mentions is still the target's). Uses only the Store protocol."""
    view = _StoreView(store)
    return {c["id"] for c in corrections if _missing(view, c)}


def require_target(store, correction: dict) -> None:
    """UsageError when a new correction names something the store does not hold (a typo, most often)."""
    reason = _missing(_StoreView(store), correction)
    if reason:
        raise UsageError(f"{correction['kind']}: {reason}")
