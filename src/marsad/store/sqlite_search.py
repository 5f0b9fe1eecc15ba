"""The search tables of the SQLite store (migration 0004): an FTS5 row per article and its sentences.

The keys come from `marsad.search` (the same recipe for index and query); this module only stores
them and turns a parsed query into an FTS5 MATCH expression built from keys alone, each quoted, so
no character a user typed is ever read as FTS5 syntax.
"""

from __future__ import annotations

import sys
import warnings
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from marsad.errors import NotFound
from marsad.model import Article
from marsad.search import Alternatives, article_index, index_scheme

TITLE_WEIGHT = 3.0  # bm25 weight of a title hit against 1.0 for the body
SENTENCE_BREAK = "0s0"  # between sentences in the body: no query yields this key, so no phrase spans it
_BREAK = f" {SENTENCE_BREAK} "
RANK_WINDOW = 5000  # matches ranked together by bm25 (see _ranked)
REINDEX_BATCH = 200  # articles per write transaction when the index is rebuilt


def fts_match(terms: list[Alternatives]) -> str:
    """An FTS5 MATCH expression: every term, each as one of its alternatives (a key or a phrase).

    >>> fts_match([(("قوا", "امريك"), ("لقوا", "امريك")), (("سوري",),)])
    '("قوا امريك" OR "لقوا امريك") AND ("سوري")'
    """
    groups = []
    for alternatives in terms:
        phrases = [" ".join(alt) for alt in alternatives if alt and all(k.isalnum() for k in alt)]
        if phrases:
            groups.append("(" + " OR ".join(f'"{p}"' for p in phrases) + ")")
    return " AND ".join(groups)


class SQLiteSearchTables:
    """Mixed into SQLiteStore; uses its `db`, `_write()` and `get_article()`."""

    # -- writing (inside the caller's transaction) -------------------------------------------
    def _index_search(self, article: Article) -> None:
        """Replace the article's search rows; called by put_article in the article's transaction."""
        title, sentences = article_index(article)
        row = self.db.execute("SELECT doc FROM search_docs WHERE article_id = ?", (article.id,)).fetchone()
        if row:
            doc = row[0]
            self.db.execute("DELETE FROM search_fts WHERE rowid = ?", (doc,))
            self.db.execute("DELETE FROM search_sentences WHERE doc = ?", (doc,))
            self.db.execute("DELETE FROM search_entities WHERE doc = ?", (doc,))
            self.db.execute("UPDATE search_docs SET outlet = ?, published = ? WHERE doc = ?",
                            (article.outlet, article.published, doc))
        else:
            doc = self.db.execute("INSERT INTO search_docs (article_id, outlet, published) VALUES (?, ?, ?)",
                                  (article.id, article.outlet, article.published)).lastrowid
        body = _BREAK.join(" ".join(keys) for _, _, _, keys, _ in sentences)
        self.db.execute("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", (doc, " ".join(title), body))
        self.db.executemany("INSERT INTO search_sentences VALUES (?, ?, ?, ?, ?, ?)",
                            [(doc, n, s, e, text, _pack(spans))
                             for n, (s, e, text, _, spans) in enumerate(sentences)])
        self.db.executemany("INSERT INTO search_entities VALUES (?, ?)",
                            [(e, doc) for e in sorted({m.entity_id for m in article.mentions if m.entity_id})])

    def _unindex_search(self, article_id: str) -> None:
        """Drop the article's search rows; called by delete_article in its transaction."""
        row = self.db.execute("SELECT doc FROM search_docs WHERE article_id = ?", (article_id,)).fetchone()
        if row:
            self.db.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
            self.db.execute("DELETE FROM search_sentences WHERE doc = ?", (row[0],))
            self.db.execute("DELETE FROM search_entities WHERE doc = ?", (row[0],))
            self.db.execute("DELETE FROM search_docs WHERE doc = ?", (row[0],))

    def reindex_search(self) -> int:
        """Rebuild the whole search index from the stored articles; returns how many were indexed."""
        with self._write():
            self.db.execute("DELETE FROM search_fts")
            self.db.execute("DELETE FROM search_sentences")
            self.db.execute("DELETE FROM search_entities")
            self.db.execute("DELETE FROM search_docs")
        # Oldest stored first, so that rowid order stays the order articles came in (see _ranked).
        ids = [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY ingested_at, id").fetchall()]
        unreadable = 0
        for i in range(0, len(ids), REINDEX_BATCH):
            with self._write():
                for article_id in ids[i:i + REINDEX_BATCH]:
                    try:
                        article = self.get_article(article_id)
                    except Exception:  # noqa: BLE001 - one unreadable document must not lock the store
                        unreadable += 1
                        continue
                    self._index_search(article)
        with self._write():
            self.db.execute("INSERT OR REPLACE INTO search_meta VALUES ('scheme', ?)", (index_scheme(),))
        if unreadable:
            warnings.warn(f"search index: {unreadable} stored article(s) could not be read and are not indexed",
                          stacklevel=2)
        return len(ids) - unreadable

    def _ensure_search_index(self) -> None:
        """On open: build the index when it was made under another key scheme, or never (a store
        from before migration 0004)."""
        row = self.db.execute("SELECT value FROM search_meta WHERE name = 'scheme'").fetchone()
        if row is None or row[0] != index_scheme():
            self.reindex_search()

    # -- reading -------------------------------------------------------------------------------
    @contextmanager
    def search_snapshot(self) -> Iterator[None]:
        """The reads of one search see one committed state (a WAL read transaction), so a sentence's
        keys, text and spans always come from the same version of an article."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def search_index(self, terms: list[Alternatives], *, outlet: str | None = None, since: str | None = None,
                     until: str | None = None, entity: str | None = None, story: str | None = None,
                     limit: int = 20, offset: int = 0) -> tuple[list[tuple], int]:
        match = fts_match(terms)
        if not match:
            return [], 0
        where, args = [], []
        if outlet:
            where.append("d.outlet = ?")
            args.append(outlet)
        if since:
            where.append("d.published >= ?")
            args.append(since)
        if until:
            where.append("substr(d.published, 1, ?) <= ?")
            args.extend([len(until), until])
        if entity:  # EXISTS, never "rowid IN (...)": FTS5 would run the MATCH once per listed rowid
            where.append("EXISTS (SELECT 1 FROM search_entities e WHERE e.entity = ? AND e.doc = search_fts.rowid)")
            args.append(entity)
        if story:
            where.append("EXISTS (SELECT 1 FROM story_features s WHERE s.article_id = d.article_id"
                         " AND s.story_id = ?)")
            args.append(story)
        # The filters read search_docs (an integer key lookup per match), never the wide articles rows.
        # CROSS JOIN keeps the FTS scan outermost: otherwise SQLite may walk an outlet's articles and
        # run the MATCH once per article.
        joined = any("d." in w for w in where)
        source = "search_fts" + (" CROSS JOIN search_docs d ON d.doc = search_fts.rowid" if joined else "")
        cond = " AND ".join(["search_fts MATCH ?", *where])
        total = self.db.execute(f"SELECT count(*) FROM {source} WHERE {cond}", [match, *args]).fetchone()[0]
        ranked = self._ranked(source, cond, [match, *args], limit, offset, total)
        rows = []
        for doc, score in ranked:
            article_id, title, outlet_, published = self.db.execute(
                "SELECT d.article_id, a.title, d.outlet, d.published FROM search_docs d JOIN articles a"
                " ON a.id = d.article_id WHERE d.doc = ?", (doc,)).fetchone()
            rows.append((article_id, title, outlet_, published, score))
        return rows, total

    def _ranked(self, source: str, cond: str, params: list, limit: int, offset: int, total: int
                ) -> list[tuple[int, float]]:
        """(doc, score) of the page. bm25 costs microseconds per match, so the matches are ranked in
        windows of RANK_WINDOW, newest window first (FTS5 walks rowids in order for free): under
        RANK_WINDOW matches this is plain bm25 order, and pages never overlap or skip."""

        def nth_newest(n: int) -> int | None:
            row = self.db.execute(f"SELECT search_fts.rowid FROM {source} WHERE {cond}"
                                  " ORDER BY search_fts.rowid DESC LIMIT 1 OFFSET ?", [*params, n]).fetchone()
            return row[0] if row else None

        rank = (f"SELECT search_fts.rowid, -bm25(search_fts, {TITLE_WEIGHT}, 1.0) AS score FROM {source}"
                f" WHERE {cond}{{}} ORDER BY score DESC, search_fts.rowid DESC LIMIT ? OFFSET ?")
        if total <= RANK_WINDOW:
            return self.db.execute(rank.format(""), [*params, limit, offset]).fetchall()
        out: list[tuple[int, float]] = []
        pos = offset
        while len(out) < limit:
            window = pos // RANK_WINDOW
            newest = nth_newest(window * RANK_WINDOW)
            if newest is None:
                break
            oldest = nth_newest((window + 1) * RANK_WINDOW - 1)
            bounds = f" AND search_fts.rowid <= {int(newest)}" + (f" AND search_fts.rowid >= {int(oldest)}"
                                                                 if oldest is not None else "")
            want = limit - len(out)
            rows = self.db.execute(rank.format(bounds), [*params, want, pos - window * RANK_WINDOW]).fetchall()
            out += rows
            if len(rows) < want and oldest is None:
                break
            pos = (window + 1) * RANK_WINDOW
        return out

    def search_sentences(self, article_id: str) -> list[str]:
        row = self.db.execute("SELECT doc FROM search_docs WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return []
        body = self.db.execute("SELECT body FROM search_fts WHERE rowid = ?", (row[0],)).fetchone()[0]
        return body.split(_BREAK) if body else []

    def search_sentence(self, article_id: str, n: int) -> tuple[int, int, str, Sequence[int]]:
        row = self.db.execute("SELECT s.start, s.end_, s.text, s.spans FROM search_docs d JOIN search_sentences s"
                              " ON s.doc = d.doc AND s.n = ? WHERE d.article_id = ?", (n, article_id)).fetchone()
        if row is None:
            raise NotFound(f"no indexed sentence {n} in article '{article_id}'")
        return row[0], row[1], row[2], _unpack(row[3])


def _pack(values: list[int]) -> bytes:
    """Unsigned 32-bit little-endian integers, whatever the machine."""
    packed = array("I", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _unpack(blob: bytes) -> array:
    values = array("I", blob)
    if sys.byteorder == "big":
        values.byteswap()
    return values
