"""The search tables of the PostgreSQL store (migration 0004): a tsvector per article and its sentences.

The keys come from `marsad.search`, exactly as for SQLite (store/sqlite_search.py); PostgreSQL only
sees them space-separated, through to_tsvector('pg_catalog.simple', ...) for the index and
phraseto_tsquery('pg_catalog.simple', ...) for a query, so both sides go through the same parser and
no character a user typed is ever read as tsquery syntax. Phrases are `<->` chains of keys; the break
key between sentences (and after the title) takes a position, so no phrase spans two. Ranking is
ts_rank with a title hit weighing TITLE_WEIGHT body hits, in the same windows of matches as SQLite
(newest first past RANK_WINDOW matches), so both backends page alike; scores are higher-is-better,
like SQLite's, but not equal to its bm25 values.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext

from psycopg.pq import TransactionStatus

from marsad.errors import NotFound
from marsad.model import Article
from marsad.search import Alternatives, article_index, index_scheme
from marsad.store import sqlite_search as lite  # TITLE_WEIGHT, RANK_WINDOW, REINDEX_BATCH, SENTENCE_BREAK

CONFIG = "'pg_catalog.simple'"
TSVECTOR = f"setweight(to_tsvector({CONFIG}, %s), 'A') || to_tsvector({CONFIG}, %s)"  # title, body
_DOC = "(SELECT doc FROM search_docs WHERE article_id = %s)"
RANK_NORMALIZATION = 1  # ts_rank divides by 1 + log(words): long articles do not win by length alone


def tsquery_sql(terms: list[Alternatives]) -> tuple[str, list[str]]:
    """A tsquery expression and its parameters: every term (&&), each as one of its alternatives (||),
    each alternative a phrase of keys; alternatives holding anything but letters and digits are dropped,
    as SQLite's fts_match drops them.

    >>> tsquery_sql([(("قوا", "امريك"), ("لقوا", "امريك")), (("سوري",),)])[1]
    ['قوا امريك', 'لقوا امريك', 'سوري']
    """
    groups, args = [], []
    for alternatives in terms:
        phrases = [" ".join(alt) for alt in alternatives if alt and all(k.isalnum() for k in alt)]
        if phrases:
            groups.append("(" + " || ".join(f"phraseto_tsquery({CONFIG}, %s)" for _ in phrases) + ")")
            args.extend(phrases)
    return " && ".join(groups), args


class PostgresSearchTables:
    """Mixed into PostgresStore; uses its `db`, `_atomic()`, `_lock()` and `get_article()`."""

    # -- writing (inside the caller's transaction) -------------------------------------------
    def _index_search(self, article: Article, fresh: bool = False) -> None:
        """Replace the article's search rows; called by put_article in the article's transaction
        (`fresh`: the article has no rows yet). One statement per table, the rows as arrays."""
        from marsad.store.postgres import pg_text

        title, sentences = article_index(article)
        title_keys = " ".join([*title, lite.SENTENCE_BREAK])
        body = f" {lite.SENTENCE_BREAK} ".join(" ".join(keys) for _, _, _, keys, _ in sentences)
        # No statement waits for an answer: put_article sends them all in one pipeline.
        self.db.execute(
            f"INSERT INTO search_docs (article_id, outlet, published, tsv) VALUES (%s, %s, %s, {TSVECTOR})"
            " ON CONFLICT (article_id) DO UPDATE SET outlet = excluded.outlet, published = excluded.published,"
            " tsv = excluded.tsv", (article.id, pg_text(article.outlet), article.published, title_keys, body))
        if not fresh:
            self.db.execute(f"DELETE FROM search_sentences WHERE doc = {_DOC}", (article.id,))
            self.db.execute(f"DELETE FROM search_entities WHERE doc = {_DOC}", (article.id,))
        if sentences:
            columns = list(zip(*((n, s, e, pg_text(text), " ".join(keys), "{" + ",".join(map(str, spans)) + "}")
                                 for n, (s, e, text, keys, spans) in enumerate(sentences)), strict=True))
            self.db.execute(f"INSERT INTO search_sentences SELECT {_DOC}, n, s, e, t, k, sp::int[] FROM unnest("
                            "%s::int[], %s::int[], %s::int[], %s::text[], %s::text[], %s::text[]) AS r(n, s, e, t, k, sp)",
                            (article.id, *map(list, columns)))
        entities = sorted({m.entity_id for m in article.mentions if m.entity_id})
        if entities:
            self.db.execute(f"INSERT INTO search_entities SELECT e, {_DOC} FROM unnest(%s::text[]) AS e",
                            (article.id, entities))

    def _unindex_search(self, article_id: str) -> None:
        """Drop the article's search rows (sentences and entities follow by cascade)."""
        self.db.execute("DELETE FROM search_docs WHERE article_id = %s", (article_id,))

    def reindex_search(self) -> int:
        """Rebuild the whole search index from the stored articles; returns how many were indexed."""
        from marsad.store.postgres import LOCK_ARTICLE

        def clear() -> None:
            self.db.execute("DELETE FROM search_sentences")
            self.db.execute("DELETE FROM search_entities")
            self.db.execute("DELETE FROM search_docs")

        self._atomic(clear)
        # Oldest stored first, so that doc order stays the order articles came in (see _ranked).
        ids = [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY ingested_at, id").fetchall()]
        unreadable = 0

        def batch(chunk: list[str]) -> int:
            missed = 0
            for article_id in chunk:
                self._lock(LOCK_ARTICLE, article_id)  # a concurrent put_article of it waits, then re-indexes it
                try:
                    article = self.get_article(article_id)
                except NotFound:  # deleted meanwhile
                    continue
                except Exception:  # noqa: BLE001 - one unreadable document must not stop the rebuild
                    missed += 1
                    continue
                self._index_search(article)
            return missed

        for i in range(0, len(ids), lite.REINDEX_BATCH):
            unreadable += self._atomic(lambda chunk=ids[i:i + lite.REINDEX_BATCH]: batch(chunk))
        self._atomic(lambda: self.db.execute(
            "INSERT INTO search_meta VALUES ('scheme', %s) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (index_scheme(),)))
        if unreadable:
            warnings.warn(f"search index: {unreadable} stored article(s) could not be read and are not indexed",
                          stacklevel=2)
        return len(ids) - unreadable

    def _scheme(self) -> str | None:
        row = self.db.execute("SELECT value FROM search_meta WHERE name = 'scheme'").fetchone()
        return row[0] if row else None

    def _ensure_search_index(self) -> None:
        """On open: build the index when it was made under another key scheme, or never (a store from
        before migration 0004). One process rebuilds; others opening meanwhile wait for it."""
        from marsad.store.postgres import LOCK_SCHEMA

        if self._scheme() == index_scheme():
            return
        self.db.execute("SELECT pg_advisory_lock(%s::int4, 1)", (LOCK_SCHEMA,))
        try:
            if self._scheme() != index_scheme():
                self.reindex_search()
        finally:
            self.db.execute("SELECT pg_advisory_unlock(%s::int4, 1)", (LOCK_SCHEMA,))

    # -- reading -------------------------------------------------------------------------------
    @contextmanager
    def search_snapshot(self) -> Iterator[None]:
        """The reads of one search see one committed state (a repeatable-read transaction), so a
        sentence's keys, text and spans always come from the same version of an article; inside it,
        search_index reads the sentences of its page's articles at once, for the snippets."""
        if self.db.info.transaction_status != TransactionStatus.IDLE:
            yield
            return
        self.db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        self._page = {}
        try:
            yield
        finally:
            self._page = None
            self.db.execute("COMMIT")

    def search_index(self, terms: list[Alternatives], *, outlet: str | None = None, since: str | None = None,
                     until: str | None = None, entity: str | None = None, story: str | None = None,
                     limit: int = 20, offset: int = 0) -> tuple[list[tuple], int]:
        expression, qargs = tsquery_sql(terms)
        if not expression:
            return [], 0
        query = (f"({expression})", qargs)  # a query without lexemes (all dropped by the parser) matches nothing
        where, args = [f"d.tsv @@ {query[0]}"], [*qargs]
        if outlet:
            where.append("d.outlet = %s")
            args.append(outlet)
        if since:
            where.append("d.published >= %s")
            args.append(since)
        if until:
            where.append("substr(d.published, 1, %s) <= %s")
            args.extend([len(until), until])
        if entity:
            where.append("EXISTS (SELECT 1 FROM search_entities e WHERE e.entity = %s AND e.doc = d.doc)")
            args.append(entity)
        if story:
            where.append("EXISTS (SELECT 1 FROM story_features s WHERE s.article_id = d.article_id"
                         " AND s.story_id = %s)")
            args.append(story)
        cond = " AND ".join(where)
        outside = self.db.info.transaction_status == TransactionStatus.IDLE
        with self.db.transaction() if outside else nullcontext():
            with self.db.pipeline():  # sent together; the first page is ranked before the total is known
                # The planner does not count the cost of reading each row's tsvector: past a few hundred
                # rows it scans the table rather than the GIN index, 5 to 10 times slower.
                self.db.execute("SET LOCAL enable_seqscan = off")
                counted = self.db.execute(f"SELECT count(*) FROM search_docs d WHERE {cond}", args)
                ranked = self.db.execute(*self._rank_sql(cond, args, query, "", limit, offset))
                total = counted.fetchone()[0]
                rows = ranked.fetchall()
            if total > lite.RANK_WINDOW:
                rows = self._windows(cond, args, query, limit, offset)
            if self._page is not None and rows:
                self._read_page([r[0] for r in rows])
        return [(*r[1:5], float(r[5])) for r in rows], total

    @staticmethod
    def _rank_sql(cond: str, args: list, query: tuple[str, list], bounds: str, limit: int, offset: int
                  ) -> tuple[str, list]:
        """(doc, article_id, title, outlet, published, score) of the matches within `bounds`, best first."""
        weights = [1.0 / lite.TITLE_WEIGHT] * 3 + [1.0]  # D, C, B, A: the body is D, the title A
        sql = ("SELECT r.doc, r.article_id, a.title, r.outlet, r.published, r.score FROM (SELECT d.doc, d.article_id,"
               f" d.outlet, d.published, ts_rank(%s::float4[], d.tsv, {query[0]}, {RANK_NORMALIZATION}) AS score"
               f" FROM search_docs d WHERE {cond}{bounds} ORDER BY score DESC, d.doc DESC LIMIT %s OFFSET %s) r"
               " JOIN articles a ON a.id = r.article_id ORDER BY r.score DESC, r.doc DESC")
        return sql, [weights, *query[1], *args, limit, offset]

    def _windows(self, cond: str, args: list, query: tuple[str, list], limit: int, offset: int) -> list[tuple]:
        """The page when more than RANK_WINDOW articles match: as SQLite's _ranked, the matches ranked in
        windows of RANK_WINDOW, newest window first, so pages never overlap or skip."""

        def nth_newest(n: int) -> int | None:
            row = self.db.execute(f"SELECT d.doc FROM search_docs d WHERE {cond} ORDER BY d.doc DESC"
                                  " LIMIT 1 OFFSET %s", [*args, n]).fetchone()
            return row[0] if row else None

        out: list[tuple] = []
        pos = offset
        while len(out) < limit:
            window = pos // lite.RANK_WINDOW
            newest = nth_newest(window * lite.RANK_WINDOW)
            if newest is None:
                break
            oldest = nth_newest((window + 1) * lite.RANK_WINDOW - 1)
            bounds = f" AND d.doc <= {int(newest)}" + (f" AND d.doc >= {int(oldest)}" if oldest is not None else "")
            want = limit - len(out)
            rows = self.db.execute(*self._rank_sql(cond, args, query, bounds, want, pos - window * lite.RANK_WINDOW)
                                   ).fetchall()
            out += rows
            if len(rows) < want and oldest is None:
                break
            pos = (window + 1) * lite.RANK_WINDOW
        return out

    def _read_page(self, docs: list[int]) -> None:
        """Every indexed sentence of these articles in one query, for search_sentences/search_sentence."""
        page: dict[str, list[tuple]] = {}
        for article_id, keys, start, end, text, spans in self.db.execute(
                "SELECT d.article_id, s.keys, s.start, s.end_, s.text, s.spans FROM search_docs d"
                " LEFT JOIN search_sentences s ON s.doc = d.doc WHERE d.doc = ANY(%s) ORDER BY d.article_id, s.n",
                (docs,)):
            sentences = page.setdefault(article_id, [])
            if keys is not None:  # an article without indexed sentences has one row of nulls
                sentences.append((keys, start, end, text, spans))
        self._page = page

    def search_sentences(self, article_id: str) -> list[str]:
        if self._page and article_id in self._page:
            return [s[0] for s in self._page[article_id]]
        rows = self.db.execute("SELECT s.keys FROM search_docs d JOIN search_sentences s ON s.doc = d.doc"
                               " WHERE d.article_id = %s ORDER BY s.n", (article_id,))
        return [r[0] for r in rows]

    def search_sentence(self, article_id: str, n: int) -> tuple[int, int, str, Sequence[int]]:
        if self._page and article_id in self._page:
            sentences = self._page[article_id]
            if not 0 <= n < len(sentences):
                raise NotFound(f"no indexed sentence {n} in article '{article_id}'")
            return sentences[n][1:]
        row = self.db.execute("SELECT s.start, s.end_, s.text, s.spans FROM search_docs d JOIN search_sentences s"
                              " ON s.doc = d.doc AND s.n = %s WHERE d.article_id = %s", (n, article_id)).fetchone()
        if row is None:
            raise NotFound(f"no indexed sentence {n} in article '{article_id}'")
        return row[0], row[1], row[2], row[3]
