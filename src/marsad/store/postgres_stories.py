"""The story tables of the PostgreSQL store (migration 0003): features, the term index, stories.

The same reads and writes as store/sqlite_stories.py. Placing an article takes the stories lock for
its transaction, so placements from several processes happen one after the other, each seeing the
ones before (as SQLite's single writer does). Every stale mark also bumps the story's generation:
`story_members` notes the generation it saw, and `put_story` writes the rebuilt story only if it is
unchanged; otherwise the story stays stale for the process that changed it, which rebuilds it next.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from marsad.errors import NotFound
from marsad.store.sqlite_stories import CANDIDATES, GRAM_FLOOR, _add, _dot, query_terms


class PostgresStoryTables:
    """Mixed into PostgresStore; uses its `db`, `_atomic()`, `_lock()` and `_generations`."""

    def assign_story(self, article_id: str, published: str | None, entities: list[str], terms: dict[str, float],
                     body: dict[str, float], decide: Callable[[list[tuple], dict], tuple[str, list[str]]],
                     grams: dict[str, float] | None = None) -> tuple[str, set[str]]:
        """Place one article: `decide(candidates, centroids)` picks the story from (article, story, lead
        cosine, body cosine, entities, published, n-gram cosine) rows. Returns (its story, every story
        touched, all stale)."""
        from marsad.store.postgres import LOCK_STORIES
        from marsad.store.sqlite import _now

        grams = grams or {}

        def place() -> tuple[str, set[str]]:
            self._lock(LOCK_STORIES)
            touched: set[str] = set()
            old = self._remove_features(article_id)
            if old:
                touched.add(old)
            rows = self._candidates(terms, body, grams)
            story, merged = decide(rows, self._centroids({r[1] for r in rows}))
            size, lead_sum, body_sum = self._centroid(story)
            for sid in merged:
                n, lsum, bsum = self._centroid(sid)
                size, lead_sum, body_sum = size + n, _add(lead_sum, lsum), _add(body_sum, bsum)
                self.db.execute("UPDATE story_features SET story_id = %s WHERE story_id = %s", (story, sid))
                self.db.execute("DELETE FROM stories WHERE id = %s", (sid,))
            self.db.execute("INSERT INTO story_features VALUES (%s, %s, %s, %s, %s, %s, %s)",
                            (article_id, story, published, json.dumps(sorted(entities)),
                             json.dumps(terms, ensure_ascii=False, sort_keys=True),
                             json.dumps(body, ensure_ascii=False, sort_keys=True),
                             json.dumps(grams, ensure_ascii=False, sort_keys=True)))
            self.db.execute("INSERT INTO story_terms SELECT k, t, %s, w FROM unnest(%s::text[], %s::text[],"
                            " %s::float8[]) AS r(k, t, w)",
                            (article_id, ["L"] * len(terms) + ["B"] * len(body), [*terms, *body],
                             [*terms.values(), *body.values()]))
            touched |= {story, *merged}
            now = _now()
            for sid in sorted(touched):
                self.db.execute("INSERT INTO stories (id, stale, updated_at) VALUES (%s, 1, %s)"
                                " ON CONFLICT (id) DO UPDATE SET stale = 1, updated_at = excluded.updated_at,"
                                " generation = stories.generation + 1", (sid, now))
            self._set_centroid(story, size + 1, _add(lead_sum, terms), _add(body_sum, body))
            return story, touched

        return self._atomic(place)

    def _centroid(self, story_id: str) -> tuple[int, dict[str, float], dict[str, float]]:
        row = self.db.execute("SELECT members, lead_sum, body_sum FROM stories WHERE id = %s",
                              (story_id,)).fetchone()
        return (row[0], json.loads(row[1]), json.loads(row[2])) if row else (0, {}, {})

    def _set_centroid(self, story_id: str, size: int, lead_sum: dict, body_sum: dict) -> None:
        self.db.execute("UPDATE stories SET members = %s, lead_sum = %s, body_sum = %s WHERE id = %s",
                        (size, json.dumps(lead_sum, ensure_ascii=False), json.dumps(body_sum, ensure_ascii=False),
                         story_id))

    def _centroids(self, story_ids: set[str]) -> dict[str, tuple[int, dict, dict]]:
        rows = self.db.execute("SELECT id, members, lead_sum, body_sum FROM stories WHERE id = ANY(%s)",
                               (sorted(story_ids),)).fetchall()
        found = {r[0]: (r[1], json.loads(r[2]), json.loads(r[3])) for r in rows}
        return {sid: found.get(sid, (0, {}, {})) for sid in story_ids}

    def _remove_features(self, article_id: str) -> str | None:
        """Take the article's vectors out of its story (index, features, centroid); marks it stale."""
        row = self.db.execute("SELECT story_id, terms, body FROM story_features WHERE article_id = %s",
                              (article_id,)).fetchone()
        if not row:
            return None
        sid = row[0]
        self.db.execute("DELETE FROM story_terms WHERE article_id = %s", (article_id,))
        self.db.execute("DELETE FROM story_features WHERE article_id = %s", (article_id,))
        size, lsum, bsum = self._centroid(sid)
        self._set_centroid(sid, max(0, size - 1), _add(lsum, json.loads(row[1]), -1),
                           _add(bsum, json.loads(row[2]), -1))
        self.db.execute("UPDATE stories SET stale = 1, generation = generation + 1 WHERE id = %s", (sid,))
        return sid

    def _top_by_dot(self, kind: str, vector: dict[str, float]) -> list[str]:
        if not vector:
            return []
        vector = query_terms(vector)
        rows = self.db.execute(
            "SELECT t.article_id, SUM(t.weight * q.w) AS dot FROM story_terms t"
            " JOIN unnest(%s::text[], %s::float8[]) AS q(term, w) ON t.term = q.term"
            " WHERE t.kind = %s GROUP BY t.article_id ORDER BY dot DESC, t.article_id LIMIT %s",
            (list(vector), list(vector.values()), kind, CANDIDATES))
        return [r[0] for r in rows]

    def _candidates(self, terms: dict[str, float], body: dict[str, float], grams: dict[str, float]) -> list[tuple]:
        ids = list(dict.fromkeys(self._top_by_dot("L", terms) + self._top_by_dot("B", body)))
        if not ids:
            return []
        rows = self.db.execute("SELECT article_id, story_id, entities, published, terms, body"
                               " FROM story_features WHERE article_id = ANY(%s)", (ids,)).fetchall()
        features = {r[0]: r[1:] for r in rows}
        leads = {a: _dot(terms, json.loads(f[3])) for a, f in features.items()}
        # Only the candidates close enough in the lead are compared by n-grams (GRAM_FLOOR): only theirs travel.
        near = [a for a in ids if a in leads and leads[a] >= GRAM_FLOOR] if grams else []
        gram_rows = self.db.execute("SELECT article_id, grams FROM story_features WHERE article_id = ANY(%s)",
                                    (near,)).fetchall() if near else []
        gram_dots = {a: _dot(grams, json.loads(g)) for a, g in gram_rows}
        out = []
        for article_id in ids:
            if f := features.get(article_id):
                out.append((article_id, f[0], leads[article_id], _dot(body, json.loads(f[4])), json.loads(f[1]), f[2],
                            gram_dots.get(article_id)))
        return out

    def unassign_story(self, article_id: str) -> str | None:
        """Take an article out of its story (before deleting it); returns the story, now stale."""
        from marsad.store.postgres import LOCK_STORIES

        def unassign() -> str | None:
            self._lock(LOCK_STORIES)
            return self._remove_features(article_id)

        return self._atomic(unassign)

    def story_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story_id FROM story_features WHERE article_id = %s", (article_id,)).fetchone()
        return row[0] if row else None

    def story_members(self, story_id: str) -> list[str]:
        # The generation first: a change after it makes put_story give way, never the reverse.
        row = self.db.execute("SELECT generation FROM stories WHERE id = %s", (story_id,)).fetchone()
        if row:
            self._generations[story_id] = row[0]
        rows = self.db.execute("SELECT f.article_id FROM story_features f JOIN articles a ON a.id = f.article_id"
                               " WHERE f.story_id = %s ORDER BY a.published IS NULL, a.published, a.id",
                               (story_id,))
        return [r[0] for r in rows]

    def story_features_of(self, article_ids: list[str]) -> dict[str, dict[str, float]]:
        rows = self.db.execute("SELECT article_id, terms FROM story_features WHERE article_id = ANY(%s)",
                               (list(article_ids),)).fetchall()
        found = {r[0]: json.loads(r[1]) for r in rows}
        return {aid: found[aid] for aid in article_ids if aid in found}

    def stale_stories(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM stories WHERE stale = 1 ORDER BY id")]

    def put_story(self, story: dict | None, story_id: str) -> None:
        """Write a rebuilt story (or drop it when it has no members left) and clear its stale mark;
        a story whose generation moved since `story_members` read it is left stale, untouched."""
        from marsad.store.sqlite import _now

        seen = self._generations.pop(story_id, None)
        if story is None:
            self._atomic(lambda: self.db.execute("DELETE FROM stories WHERE id = %s AND members = 0", (story_id,)))
            return
        values = (story.get("title"), story.get("first_date"), story.get("last_date"), len(story.get("articles", ())),
                  json.dumps(story, ensure_ascii=False, sort_keys=True), _now())
        if seen is not None:
            self._atomic(lambda: self.db.execute(
                "UPDATE stories SET title = %s, first_date = %s, last_date = %s, articles = %s, stale = 0, doc = %s,"
                " updated_at = %s WHERE id = %s AND generation = %s", (*values, story_id, seen)))
            return
        self._atomic(lambda: self.db.execute(
            "INSERT INTO stories (title, first_date, last_date, articles, doc, updated_at, id, stale)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, 0) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
            " first_date = excluded.first_date, last_date = excluded.last_date, articles = excluded.articles,"
            " stale = 0, doc = excluded.doc, updated_at = excluded.updated_at", (*values, story_id)))

    def list_stories(self, limit: int | None = None, offset: int = 0) -> list[dict]:
        rows = self.db.execute("SELECT doc FROM stories WHERE doc IS NOT NULL ORDER BY last_date IS NULL,"
                               " last_date DESC, articles DESC, id LIMIT %s OFFSET %s", (limit, offset))
        return [json.loads(r[0]) for r in rows]

    def count_stories(self) -> int:
        return self.db.execute("SELECT count(*) FROM stories WHERE doc IS NOT NULL").fetchone()[0]

    def get_story(self, story_id: str) -> dict:
        from marsad.store.postgres import like_prefix

        rows = self.db.execute("SELECT doc FROM stories WHERE (id = %s OR id LIKE %s) AND doc IS NOT NULL"
                               " ORDER BY id = %s DESC, id LIMIT 2",
                               (story_id, like_prefix(story_id), story_id)).fetchall()
        if not rows or len(rows) > 1 and json.loads(rows[0][0])["id"] != story_id:
            raise NotFound(f"no story with id '{story_id}'")
        return json.loads(rows[0][0])
