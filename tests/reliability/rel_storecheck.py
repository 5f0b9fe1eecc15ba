"""Read a store from outside (a read-only SQLite connection or a PostgreSQL connection) and list every
way its tables disagree: the invariants that must hold after any crash, and those of a finished ingest.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field


def _rows(url: str, queries: dict[str, str]) -> dict[str, list[tuple]]:
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as db:
            return {name: [tuple(r) for r in db.execute(sql).fetchall()] for name, sql in queries.items()}
    db = sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=30)
    try:
        return {name: db.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        db.close()


def _sqlite_extra(url: str) -> dict[str, list[tuple]]:
    return _rows(url, {"integrity": "PRAGMA integrity_check", "fk": "PRAGMA foreign_key_check",
                       "fts": "SELECT rowid FROM search_fts"})


@dataclass
class StoreState:
    articles: dict[str, str] = field(default_factory=dict)  # id -> source
    stories: dict[str, list[str]] = field(default_factory=dict)  # fresh story -> its members
    stale: list[str] = field(default_factory=list)
    placed: int = 0  # articles with story features
    problems: list[str] = field(default_factory=list)  # invariants that fail at any moment

    def finished_problems(self, expected_sources: set[str]) -> list[str]:
        """What a completed ingest of exactly these files must also satisfy."""
        out = list(self.problems)
        sources = Counter(self.articles.values())
        if dup := [s for s, n in sources.items() if n > 1]:
            out.append(f"{len(dup)} sources stored twice: {dup[:3]}")
        if missing := expected_sources - set(sources):
            out.append(f"{len(missing)} articles missing: {sorted(missing)[:3]}")
        if extra := set(sources) - expected_sources:
            out.append(f"{len(extra)} unexpected articles: {sorted(extra)[:3]}")
        if self.stale:
            out.append(f"stale stories left: {self.stale}")
        members = Counter(a for ms in self.stories.values() for a in ms)
        if unplaced := set(self.articles) - set(members):
            out.append(f"{len(unplaced)} articles in no story")
        if twice := [a for a, n in members.items() if n > 1]:
            out.append(f"{len(twice)} articles in two stories")
        return out


def read_state(url: str) -> StoreState:
    rows = _rows(url, {
        "articles": "SELECT id, source, doc FROM articles",
        "mentions": "SELECT article_id, count(*) FROM mentions GROUP BY article_id",
        "docs": "SELECT doc, article_id FROM search_docs",
        "sentences": "SELECT doc, count(*) FROM search_sentences GROUP BY doc",
        "entities": "SELECT doc, entity FROM search_entities",
        "features": "SELECT article_id, story_id FROM story_features",
        "terms": "SELECT DISTINCT article_id FROM story_terms",
        "stories": "SELECT id, stale, doc, members, articles FROM stories",
        "versions": "SELECT id FROM article_versions",
    })
    state = StoreState()
    bad = state.problems
    if url.startswith("postgresql://"):
        empty = _rows(url, {"tsv": "SELECT doc FROM search_docs WHERE tsv = ''::tsvector"})["tsv"]
        bad.extend(f"search doc {d} has an empty tsvector" for (d,) in empty)
    else:
        extra = _sqlite_extra(url)
        if extra["integrity"] != [("ok",)]:
            bad.append(f"integrity_check: {extra['integrity'][:3]}")
        if extra["fk"]:
            bad.append(f"foreign_key_check: {extra['fk'][:3]}")
        fts = {r[0] for r in extra["fts"]}
        if fts != {d for d, _ in rows["docs"]}:
            bad.append("search_fts rows and search_docs disagree")
    mentions = dict(rows["mentions"])
    doc_of = {a: d for d, a in rows["docs"]}
    sentences = dict(rows["sentences"])
    entities: dict[int, set[str]] = {}
    for d, e in rows["entities"]:
        entities.setdefault(d, set()).add(e)
    for aid, source, doc in rows["articles"]:
        state.articles[aid] = source
        ents = json.loads(doc)["entities"]
        if mentions.get(aid, 0) != len({m["start"] for m in ents}):
            bad.append(f"{aid}: {mentions.get(aid, 0)} mention rows for {len(ents)} mentions in its document")
        if aid not in doc_of:
            bad.append(f"{aid}: no search row")
            continue
        if not sentences.get(doc_of[aid]):
            bad.append(f"{aid}: no search sentences")
        if entities.get(doc_of[aid], set()) != {m["entity_id"] for m in ents if m["entity_id"]}:
            bad.append(f"{aid}: search entities differ from its mentions")
    for table, ids in (("mentions", mentions), ("search_docs", doc_of), ("story_terms", {r[0] for r in rows["terms"]}),
                       ("story_features", {a for a, _ in rows["features"]}),
                       ("article_versions", {r[0] for r in rows["versions"]})):
        if orphans := set(ids) - set(state.articles):
            bad.append(f"{len(orphans)} {table} rows of no article")
    if rows["versions"]:
        bad.append(f"{len(rows['versions'])} article versions: a re-run stored an unchanged article again")
    members: dict[str, set[str]] = {}
    for aid, sid in rows["features"]:
        members.setdefault(sid, set()).add(aid)
    state.placed = len(rows["features"])
    if unindexed := {a for a, _ in rows["features"]} - {r[0] for r in rows["terms"]}:
        bad.append(f"{len(unindexed)} placed articles without story terms")
    known = {r[0] for r in rows["stories"]}
    if homeless := set(members) - known:
        bad.append(f"features point to {len(homeless)} stories without a row")
    for sid, stale, doc, size, count in rows["stories"]:
        if size != len(members.get(sid, ())):
            bad.append(f"story {sid}: centroid of {size} members, {len(members.get(sid, ()))} placed")
        if stale:
            state.stale.append(sid)
            continue
        listed = json.loads(doc)["articles"]
        state.stories[sid] = listed
        if set(listed) != members.get(sid, set()) or count != len(listed):
            bad.append(f"story {sid} is marked fresh but its document lists other articles than its members")
    return state
