"""The story tables of the SQLite store (migration 0003): features, the term index, stories.

Every membership change happens in one transaction together with marking the stories it touches
stale; rebuilding a stale story writes its object and clears the mark in another.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from marsad.errors import NotFound

CANDIDATES = 200  # stored articles compared in full with a new one, the best by partial dot product
CENTROID_TERMS = 400  # terms kept in a story's summed vectors
# The n-gram vector is read only for candidates whose lead cosine reaches this: below it, the blend of
# the two (stories/cluster.py) stays far under a link (at most 0.16 on the tuning sets, links at 0.36),
# and skipping it spares reading 95% of the candidates' n-gram vectors.
GRAM_FLOOR = 0.1
# Candidates are looked up by the new article's heaviest terms only. Its weights are tf-idf, so these
# are its rarest, most telling words, with short posting lists; the common ones it drops have posting
# lists as long as the store (at 100,000 articles the lookup fell from 1-2 s to about 0.05 s). Every
# candidate is still compared on its whole vectors. The check sets score the same with all terms.
QUERY_TERMS = 30


def query_terms(vector: dict[str, float]) -> dict[str, float]:
    """The `QUERY_TERMS` heaviest terms of a vector (ties by term, so the choice is stable)."""
    if len(vector) <= QUERY_TERMS:
        return vector
    return dict(sorted(vector.items(), key=lambda tw: (-tw[1], tw[0]))[:QUERY_TERMS])


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def _add(total: dict[str, float], vec: dict[str, float], sign: float = 1.0) -> dict[str, float]:
    out = dict(total)
    for t, w in vec.items():
        out[t] = out.get(t, 0.0) + sign * w
    kept = sorted(((t, w) for t, w in out.items() if w > 1e-9), key=lambda tw: -tw[1])[:CENTROID_TERMS]
    return {t: round(w, 5) for t, w in kept}


class SQLiteStoryTables:
    """Mixed into SQLiteStore; uses its `db`, `_write()`, `_now()` and `_generations`."""

    def assign_story(self, article_id: str, published: str | None, entities: list[str], terms: dict[str, float],
                     body: dict[str, float], decide: Callable[[list[tuple]], tuple[str, list[str]]],
                     grams: dict[str, float] | None = None) -> tuple[str, set[str]]:
        """Place one article: `decide(candidates)` picks the story from (article, story, lead cosine,
        body cosine, entities, published, n-gram cosine) rows. Returns (its story, every story touched,
        all stale)."""
        from marsad.store.sqlite import _now

        with self._write():
            touched: set[str] = set()
            old = self._remove_features(article_id)
            if old:
                touched.add(old)
            grams = grams or {}
            rows = self._candidates(terms, body, grams)
            story, merged = decide(rows, self._centroids({r[1] for r in rows}))
            size, lead_sum, body_sum = self._centroid(story)
            for sid in merged:
                n, lsum, bsum = self._centroid(sid)
                size, lead_sum, body_sum = size + n, _add(lead_sum, lsum), _add(body_sum, bsum)
                self.db.execute("UPDATE story_features SET story_id = ? WHERE story_id = ?", (story, sid))
                self.db.execute("DELETE FROM stories WHERE id = ?", (sid,))
            self.db.execute("INSERT INTO story_features VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (article_id, story, published, json.dumps(sorted(entities)),
                             json.dumps(terms, ensure_ascii=False, sort_keys=True),
                             json.dumps(body, ensure_ascii=False, sort_keys=True),
                             json.dumps(grams, ensure_ascii=False, sort_keys=True)))
            self.db.executemany("INSERT INTO story_terms VALUES (?, ?, ?, ?)",
                                [("L", t, article_id, w) for t, w in terms.items()]
                                + [("B", t, article_id, w) for t, w in body.items()])
            touched |= {story, *merged}
            now = _now()
            for sid in touched:
                self.db.execute("INSERT INTO stories (id, stale, updated_at) VALUES (?, 1, ?)"
                                " ON CONFLICT (id) DO UPDATE SET stale = 1, updated_at = excluded.updated_at,"
                                " generation = stories.generation + 1", (sid, now))
            self._set_centroid(story, size + 1, _add(lead_sum, terms), _add(body_sum, body))
            return story, touched

    def _centroid(self, story_id: str) -> tuple[int, dict[str, float], dict[str, float]]:
        row = self.db.execute("SELECT members, lead_sum, body_sum FROM stories WHERE id = ?", (story_id,)).fetchone()
        return (row[0], json.loads(row[1]), json.loads(row[2])) if row else (0, {}, {})

    def _set_centroid(self, story_id: str, size: int, lead_sum: dict, body_sum: dict) -> None:
        self.db.execute("UPDATE stories SET members = ?, lead_sum = ?, body_sum = ? WHERE id = ?",
                        (size, json.dumps(lead_sum, ensure_ascii=False), json.dumps(body_sum, ensure_ascii=False),
                         story_id))

    def _centroids(self, story_ids: set[str]) -> dict[str, tuple[int, dict, dict]]:
        return {sid: self._centroid(sid) for sid in story_ids}

    def _remove_features(self, article_id: str) -> str | None:
        """Take the article's vectors out of its story (index, features, centroid); marks it stale."""
        row = self.db.execute("SELECT story_id, terms, body FROM story_features WHERE article_id = ?",
                              (article_id,)).fetchone()
        if not row:
            return None
        sid = row[0]
        self.db.execute("DELETE FROM story_terms WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM story_features WHERE article_id = ?", (article_id,))
        size, lsum, bsum = self._centroid(sid)
        self._set_centroid(sid, max(0, size - 1), _add(lsum, json.loads(row[1]), -1), _add(bsum, json.loads(row[2]), -1))
        self.db.execute("UPDATE stories SET stale = 1, generation = generation + 1 WHERE id = ?", (sid,))
        return sid

    def _top_by_dot(self, kind: str, vector: dict[str, float]) -> list[str]:
        if not vector:
            return []
        vector = query_terms(vector)
        values = ",".join("(?, ?)" for _ in vector)
        args = [x for tw in vector.items() for x in tw]
        rows = self.db.execute(
            f"WITH q(term, w) AS (VALUES {values}) "
            "SELECT t.article_id, SUM(t.weight * q.w) AS dot FROM story_terms t JOIN q ON t.term = q.term"
            " WHERE t.kind = ? GROUP BY t.article_id ORDER BY dot DESC LIMIT ?", [*args, kind, CANDIDATES])
        return [r[0] for r in rows]

    def _candidates(self, terms: dict[str, float], body: dict[str, float], grams: dict[str, float]) -> list[tuple]:
        out = []
        for article_id in dict.fromkeys(self._top_by_dot("L", terms) + self._top_by_dot("B", body)):
            f = self.db.execute("SELECT story_id, entities, published, terms, body, grams FROM story_features"
                                " WHERE article_id = ?", (article_id,)).fetchone()
            if f:
                lead = _dot(terms, json.loads(f[3]))
                out.append((article_id, f[0], lead, _dot(body, json.loads(f[4])), json.loads(f[1]), f[2],
                            _dot(grams, json.loads(f[5])) if grams and lead >= GRAM_FLOOR else None))
        return out

    def unassign_story(self, article_id: str) -> str | None:
        """Take an article out of its story (before deleting it); returns the story, now stale."""
        with self._write():
            return self._remove_features(article_id)

    def story_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story_id FROM story_features WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def story_members(self, story_id: str) -> list[str]:
        # The generation first: a change after it makes put_story give way, never the reverse.
        row = self.db.execute("SELECT generation FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row:
            self._generations[story_id] = row[0]
        rows = self.db.execute("SELECT f.article_id FROM story_features f JOIN articles a ON a.id = f.article_id"
                               " WHERE f.story_id = ? ORDER BY a.published IS NULL, a.published, a.id", (story_id,))
        return [r[0] for r in rows]

    def story_features_of(self, article_ids: list[str]) -> dict[str, dict[str, float]]:
        out = {}
        for aid in article_ids:
            row = self.db.execute("SELECT terms FROM story_features WHERE article_id = ?", (aid,)).fetchone()
            if row:
                out[aid] = json.loads(row[0])
        return out

    def stale_stories(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM stories WHERE stale = 1 ORDER BY id")]

    def put_story(self, story: dict | None, story_id: str) -> None:
        """Write a rebuilt story (or drop it when it has no members left) and clear its stale mark;
        a story whose generation moved since `story_members` read it is left stale, untouched."""
        from marsad.store.sqlite import _now

        seen = self._generations.pop(story_id, None)
        with self._write():
            if story is None:
                self.db.execute("DELETE FROM stories WHERE id = ? AND members = 0", (story_id,))
                return
            if seen is not None and self.db.execute("SELECT generation FROM stories WHERE id = ?",
                                                    (story_id,)).fetchone() != (seen,):
                return  # changed by another process since its members were read: it rebuilds it
            self.db.execute(
                "INSERT INTO stories (id, title, first_date, last_date, articles, stale, doc, updated_at)"
                " VALUES (?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                " first_date = excluded.first_date, last_date = excluded.last_date, articles = excluded.articles,"
                " stale = 0, doc = excluded.doc, updated_at = excluded.updated_at",
                (story_id, story.get("title"), story.get("first_date"), story.get("last_date"),
                 len(story.get("articles", ())), json.dumps(story, ensure_ascii=False, sort_keys=True), _now()))

    def list_stories(self, limit: int | None = None, offset: int = 0) -> list[dict]:
        rows = self.db.execute("SELECT doc FROM stories WHERE doc IS NOT NULL ORDER BY last_date IS NULL,"
                               " last_date DESC, articles DESC, id LIMIT ? OFFSET ?",
                               (limit if limit is not None else -1, offset))
        return [json.loads(r[0]) for r in rows]

    def count_stories(self) -> int:
        return self.db.execute("SELECT count(*) FROM stories WHERE doc IS NOT NULL").fetchone()[0]

    def get_story(self, story_id: str) -> dict:
        rows = self.db.execute("SELECT doc FROM stories WHERE (id = ? OR id LIKE ? || '%') AND doc IS NOT NULL"
                               " ORDER BY id = ? DESC, id LIMIT 2", (story_id, story_id, story_id)).fetchall()
        if not rows or len(rows) > 1 and json.loads(rows[0][0])["id"] != story_id:
            raise NotFound(f"no story with id '{story_id}'")
        return json.loads(rows[0][0])
