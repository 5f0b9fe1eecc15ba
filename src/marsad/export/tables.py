"""The analysis document as flat tables: one row per record, for CSV (and any tabular tool).

Each table is (header, rows). Lists become one cell joined by " | "; a claim's value is JSON (a number is
written as the number itself, which is its JSON). Every row names its story (empty when the article belongs
to none) so the tables of a whole-store export can be filtered per story. Analysts' corrections show in two last columns: `status`
(rejected, date_rejected, resolved, or empty) and `corrections` (the ids of the corrections that changed
the record). Column meanings: docs/analysis-format.md ("Exports").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

JOIN = " | "

Table = tuple[list[str], list[list]]

EVENTS = ["article", "outlet", "published", "start", "end", "text", "type", "trigger", "modality", "date",
          "date_precision", "actors", "place", "story", "status", "corrections"]
QUOTES = ["article", "outlet", "published", "speaker", "speaker_entity_id", "anonymous", "direct", "cue", "text",
          "channel", "via", "when_value", "start", "end", "story", "status", "corrections"]
ENTITIES = ["id", "canonical", "english", "type", "aliases", "mentions", "articles", "lat", "lon", "wikidata",
            "corrections"]
CLAIMS = ["story", "id", "article", "outlet", "kind", "subject", "subject_text", "value", "as_of", "text", "start",
          "end", "status", "corrections"]
TIMELINE = ["story", "date", "date_precision", "type", "modality", "summary", "sources", "outlets", "status",
            "corrections"]
CONTRADICTIONS = ["story", "kind", "topic", "note", "claims", "status", "corrections"]
CORRECTIONS = ["id", "kind", "target", "value", "by", "at"]


def story_of_articles(doc: dict) -> dict[str, str]:
    """Article id -> the id of the story it belongs to in this document."""
    return {aid: s["id"] for s in doc.get("stories", ()) for aid in s.get("articles", ())}


def events_table(doc: dict) -> Table:
    story = story_of_articles(doc)
    rows = [[a["id"], a.get("outlet"), a.get("published"), e["start"], e["end"], e["text"], e["type"],
             e.get("trigger"), e.get("modality"), e.get("date"), e.get("date_precision"), _joined(e.get("actors")),
             e.get("place"), story.get(a["id"]), *_corrected(e)]
            for a in doc.get("articles", ()) for e in a.get("events", ())]
    return EVENTS, rows


def quotes_table(doc: dict) -> Table:
    story = story_of_articles(doc)
    rows = [[a["id"], a.get("outlet"), a.get("published"), q.get("speaker"), q.get("speaker_entity_id"),
             q.get("anonymous"), q.get("direct"), q.get("cue"), q["text"], q.get("channel"), q.get("via"),
             q.get("when_value"), q["start"], q["end"], story.get(a["id"]), *_corrected(q)]
            for a in doc.get("articles", ()) for q in a.get("quotes", ())]
    return QUOTES, rows


def entities_table(doc: dict) -> Table:
    rows = [[e["id"], e.get("canonical"), e.get("english"), e.get("type"), _joined(e.get("aliases")),
             e.get("mentions"), len(e.get("articles") or ()), e.get("lat"), e.get("lon"), e.get("wikidata"),
             _joined(e.get("corrections"))]
            for e in doc.get("entities", ())]
    return ENTITIES, rows


def claims_table(doc: dict) -> Table:
    """A story's claims, then the claims of articles outside every story (story left empty)."""
    outlet = {a["id"]: a.get("outlet") for a in doc.get("articles", ())}
    in_story = story_of_articles(doc)
    pairs = [(s["id"], c) for s in doc.get("stories", ()) for c in s.get("claims", ())]
    pairs += [(None, c) for a in doc.get("articles", ()) if a["id"] not in in_story for c in a.get("claims", ())]
    rows = [[sid, c["id"], c["article"], outlet.get(c["article"]), c.get("kind"), c.get("subject"),
             c.get("subject_text"), _json(c.get("value")), c.get("as_of"), c["text"], c["start"], c["end"],
             *_corrected(c)]
            for sid, c in pairs]
    return CLAIMS, rows


def timeline_table(doc: dict) -> Table:
    rows = [[s["id"], t.get("date"), t.get("date_precision"), t.get("type"), t.get("modality"), t.get("summary"),
             len(t.get("sources") or ()), _joined(t.get("outlets")), *_corrected(t)]
            for s in doc.get("stories", ()) for t in s.get("timeline", ())]
    return TIMELINE, rows


def contradictions_table(doc: dict) -> Table:
    rows = [[s["id"], c.get("kind"), c.get("topic"), c.get("note"), _joined(c.get("claims")), *_corrected(c)]
            for s in doc.get("stories", ()) for c in s.get("contradictions", ())]
    return CONTRADICTIONS, rows


def corrections_table(doc: dict) -> Table:
    rows = [[c.get("id"), c.get("kind"), _text_or_json(c.get("target")), _text_or_json(c.get("value")), c.get("by"),
             c.get("at")]
            for c in doc.get("corrections", ())]
    return CORRECTIONS, rows


# File stem -> its table builder, in the order files are written.
TABLES: dict[str, Callable[[dict], Table]] = {
    "events": events_table, "quotes": quotes_table, "entities": entities_table, "claims": claims_table,
    "timeline": timeline_table, "contradictions": contradictions_table, "corrections": corrections_table,
}


def status(record: dict) -> str | None:
    """What an analyst's correction made of a fact: rejected, date_rejected (an event's date), resolved."""
    if record.get("rejected"):
        return "rejected"
    if record.get("date_rejected"):
        return "date_rejected"
    return "resolved" if record.get("resolved") else None


def _corrected(record: dict) -> list:
    return [status(record), _joined(record.get("corrections"))]


def _joined(values: Iterable | None) -> str:
    return JOIN.join(str(v) for v in values or ())


def _json(value):
    """JSON of a value; a number stays a number cell (a spreadsheet can sum it), null an empty cell."""
    if value is None or isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _text_or_json(value):
    """A correction's target or value: a plain string as it is, anything else as JSON."""
    return value if isinstance(value, str) else _json(value)
