"""PostgreSQL store (psycopg 3): the Store protocol of store/base.py on a server shared by a team.

Same tables and the same named migrations as SQLite (migrations_pg/ holds the PostgreSQL variant of
each file of migrations/, under the same name), one transaction per article write, idempotent
re-ingest and versions. Several processes may write at once: an article is written under a
transaction-scoped advisory lock on its id (two writers of the same article take turns, writers of
different articles do not wait), story placement under one lock for all stories (what SQLite's single
writer gives), and a transaction that PostgreSQL aborts for a serialization failure or a deadlock is
run again.

PostgreSQL text cannot hold U+0000: the plain text columns store it as U+FFFD (same length, so every
offset holds); the JSON documents keep it escaped, exactly.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from importlib import resources
from typing import TypeVar

import psycopg
from psycopg import errors
from psycopg.pq import TransactionStatus

from marsad.document import article_from_dict, article_to_dict
from marsad.errors import NotFound, StoreError
from marsad.model import Article, Skipped
from marsad.store.base import ArticleFilter, filter_sql
from marsad.store.postgres_corrections import PostgresCorrections
from marsad.store.postgres_search import PostgresSearchTables
from marsad.store.postgres_stories import PostgresStoryTables
from marsad.store.sqlite import _now
from marsad.store.sqlite import migrations as sqlite_migrations

T = TypeVar("T")
RETRIES = 8  # runs of a transaction that PostgreSQL aborted for a serialization failure or a deadlock
# Advisory lock keys (first half): one space for article ids, one for the story tables, one for schema work.
LOCK_ARTICLE, LOCK_STORIES, LOCK_SCHEMA = 0x4D41, 0x4D53, 0x4D4D


def migrations() -> list[tuple[str, str]]:
    """The PostgreSQL variant of every SQLite migration, in the same order and under the same name."""
    folder = resources.files("marsad.store") / "migrations_pg"
    out = []
    for name, _ in sqlite_migrations():
        variant = folder / name
        if not variant.is_file():
            raise StoreError(f"migration {name} has no PostgreSQL variant in store/migrations_pg/")
        out.append((name, variant.read_text(encoding="utf-8")))
    return out


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", url)


def pg_text(value: str | None) -> str | None:
    return value.replace("\x00", "\ufffd") if value and "\x00" in value else value


def like_prefix(prefix: str) -> str:
    """A LIKE pattern for ids starting with `prefix` (its own % and _ taken literally)."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PostgresStore(PostgresStoryTables, PostgresCorrections, PostgresSearchTables):
    def __init__(self, url: str):
        self.url = url
        self._generations: dict[str, int] = {}  # story -> generation when its members were read
        self._page: dict[str, list[tuple]] | None = None  # a search page's sentences, inside search_snapshot
        try:
            self.db = psycopg.connect(url, autocommit=True, **_defaults(url))
        except psycopg.Error as exc:
            raise StoreError(f"{redact(url)}: cannot open the store ({str(exc).strip()})") from exc
        try:
            self._migrate()
            self._ensure_search_index()  # fills the index of a store from before migration 0004
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(f"{redact(url)}: cannot open the store ({str(exc).strip()})") from exc

    # -- transactions -------------------------------------------------------------------------
    def _atomic(self, fn: Callable[[], T]) -> T:
        """Run `fn` in one transaction (a savepoint inside another one), run again when PostgreSQL
        aborts it for a serialization failure or a deadlock: `fn` must only read and write the store."""
        if self.db.info.transaction_status != TransactionStatus.IDLE:
            with self.db.transaction():
                return fn()
        for attempt in range(RETRIES):
            try:
                with self.db.transaction():
                    return fn()
            except (errors.SerializationFailure, errors.DeadlockDetected) as exc:
                if attempt + 1 == RETRIES:
                    raise StoreError(f"the store kept aborting a write under concurrent writers ({exc})") from exc
                time.sleep(0.02 * (attempt + 1))
        raise AssertionError("unreachable")

    def _lock(self, space: int, key: str | None = None) -> None:
        """A lock held until the transaction ends: `key` hashed into the space, or the whole space."""
        if key is None:
            self.db.execute("SELECT pg_advisory_xact_lock(%s::int4, 0)", (space,))
        else:
            self.db.execute("SELECT pg_advisory_xact_lock(%s::int4, hashtext(%s))", (space, key))

    # -- schema -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        """Apply the pending migrations, each in its own transaction under the schema lock, so that
        processes opening a new store at the same time apply each exactly once."""
        pending = migrations()
        if self.db.execute("SELECT to_regclass('marsad_migrations')").fetchone()[0]:
            done = {r[0] for r in self.db.execute("SELECT name FROM marsad_migrations")}
            pending = [(name, sql) for name, sql in pending if name not in done]
        for name, sql in pending:
            def apply(name=name, sql=sql) -> None:
                self._lock(LOCK_SCHEMA)
                self.db.execute("CREATE TABLE IF NOT EXISTS marsad_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
                if self.db.execute("SELECT 1 FROM marsad_migrations WHERE name = %s", (name,)).fetchone():
                    return
                self.db.execute(sql)
                self.db.execute("INSERT INTO marsad_migrations VALUES (%s, %s)", (name, _now()))

            self._atomic(apply)

    # -- articles -----------------------------------------------------------------------------
    def put_article(self, article: Article) -> str:
        doc = json.dumps(article_to_dict(article), ensure_ascii=False, sort_keys=True)
        return self._atomic(lambda: self._put_article(article, doc))

    def _put_article(self, article: Article, doc: str) -> str:
        # One pipeline: the statements go out together and only the read of the stored row waits.
        with self.db.pipeline():
            return self._put_article_rows(article, doc)

    def _put_article_rows(self, article: Article, doc: str) -> str:
        self._lock(LOCK_ARTICLE, article.id)
        now = _now()
        # The stored document is compared where it is, never sent back.
        row = self.db.execute("SELECT version, content_hash, doc = %s FROM articles WHERE id = %s",
                              (doc, article.id)).fetchone()
        columns = (article.content_hash, pg_text(article.source), pg_text(article.url), pg_text(article.outlet),
                   article.published, pg_text(article.title), article.language, article.words, doc,
                   pg_text(article.raw))
        if row is None:
            self.db.execute(
                "INSERT INTO articles (id, version, content_hash, source, url, outlet, published, title, language,"
                " words, doc, raw, ingested_at, updated_at) VALUES (%s, 1, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                " %s, %s)", (article.id, *columns, now, now))
            self._put_mentions(article, fresh=True)
            self._index_search(article, fresh=True)
            return "new"
        version, old_hash, same_doc = row
        if old_hash == article.content_hash and same_doc:
            return "unchanged"
        status = "reanalysed" if old_hash == article.content_hash else "updated"
        if status == "updated":
            self.db.execute("INSERT INTO article_versions SELECT id, version, content_hash, doc, raw, updated_at"
                            " FROM articles WHERE id = %s ON CONFLICT DO NOTHING", (article.id,))
            version += 1
        self.db.execute(
            "UPDATE articles SET version = %s, content_hash = %s, source = %s, url = %s, outlet = %s,"
            " published = %s, title = %s, language = %s, words = %s, doc = %s, raw = %s, updated_at = %s"
            " WHERE id = %s", (version, *columns, now, article.id))
        self._put_mentions(article)
        self._index_search(article)
        return status

    def _put_mentions(self, article: Article, fresh: bool = False) -> None:
        """The article's mentions, one row per start (the last one wins, as SQLite's INSERT OR REPLACE)."""
        if not fresh:
            self.db.execute("DELETE FROM mentions WHERE article_id = %s", (article.id,))
        rows = {m.start: (m.start, m.end, pg_text(article.text[m.start:m.end]), m.type, m.entity_id,
                          pg_text(m.canonical), pg_text(m.role)) for m in article.mentions}
        if rows:
            self.db.execute("INSERT INTO mentions SELECT %s, * FROM unnest(%s::int[], %s::int[], %s::text[], %s::text[],"
                            " %s::text[], %s::text[], %s::text[])",
                            (article.id, *map(list, zip(*rows.values(), strict=True))))

    def articles_mentioning(self, entity_id: str) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT article_id FROM mentions WHERE entity_id = %s ORDER BY 1",
                               (entity_id,))
        return [r[0] for r in rows]

    def get_article(self, article_id: str) -> Article:
        row = self.db.execute("SELECT doc, raw FROM articles WHERE id = %s", (article_id,)).fetchone()
        if row is None:
            rows = self.db.execute("SELECT doc, raw FROM articles WHERE id LIKE %s ORDER BY id LIMIT 2",
                                   (like_prefix(article_id),)).fetchall()
            if len(rows) != 1:
                raise NotFound(f"no article with id '{article_id}'")
            row = rows[0]
        return article_from_dict(json.loads(row[0]), row[1])

    def _where(self, flt: ArticleFilter) -> tuple[str, list]:
        return filter_sql(flt, "%s")

    def list_articles(self, flt: ArticleFilter = ArticleFilter()) -> list[Article]:
        where, args = self._where(flt)
        rows = self.db.execute(f"SELECT doc, raw FROM articles{where} ORDER BY published IS NULL, published, id"
                               " LIMIT %s OFFSET %s", [*args, flt.limit, flt.offset])
        return [article_from_dict(json.loads(doc), raw) for doc, raw in rows]

    def count_articles(self, flt: ArticleFilter = ArticleFilter()) -> int:
        where, args = self._where(flt)
        return self.db.execute(f"SELECT count(*) FROM articles{where}", args).fetchone()[0]

    def delete_article(self, article_id: str) -> None:
        """Delete an article and its versions; its story is marked stale (rebuild with stories.update)."""
        self.unassign_story(article_id)

        def delete() -> None:
            self._lock(LOCK_ARTICLE, article_id)
            self.db.execute("DELETE FROM mentions WHERE article_id = %s", (article_id,))
            self._unindex_search(article_id)
            if self.db.execute("DELETE FROM articles WHERE id = %s", (article_id,)).rowcount == 0:
                raise NotFound(f"no article with id '{article_id}'")
            self.db.execute("DELETE FROM article_versions WHERE id = %s", (article_id,))

        self._atomic(delete)

    def versions(self, article_id: str) -> list[tuple[int, str, str]]:
        rows = self.db.execute("SELECT version, content_hash, stored_at FROM article_versions WHERE id = %s"
                               " UNION ALL SELECT version, content_hash, updated_at FROM articles WHERE id = %s"
                               " ORDER BY 1", (article_id, article_id)).fetchall()
        return [tuple(r) for r in rows]

    def record_skip(self, skipped: Skipped) -> None:
        self._atomic(lambda: self.db.execute(
            "INSERT INTO skipped VALUES (%s, %s, %s, %s) ON CONFLICT (source) DO UPDATE SET reason = excluded.reason,"
            " detail = excluded.detail, at = excluded.at",
            (pg_text(skipped.source), skipped.reason.value, pg_text(skipped.detail), _now())))

    def close(self) -> None:
        self.db.close()


def _defaults(url: str) -> dict:
    """Connection settings the URL does not give: a bounded connect time, a name in pg_stat_activity."""
    from psycopg.conninfo import conninfo_to_dict

    given = conninfo_to_dict(url)
    return {k: v for k, v in (("connect_timeout", 10), ("application_name", "marsad")) if k not in given}
