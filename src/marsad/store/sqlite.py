"""SQLite store: one file, WAL, one write transaction per article (BEGIN IMMEDIATE), named migrations."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from marsad.document import article_from_dict, article_to_dict
from marsad.errors import NotFound, StoreError
from marsad.model import Article, Skipped
from marsad.store.base import ArticleFilter, filter_sql
from marsad.store.sqlite_corrections import SQLiteCorrections
from marsad.store.sqlite_search import SQLiteSearchTables
from marsad.store.sqlite_stories import SQLiteStoryTables


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def migrations() -> list[tuple[str, str]]:
    folder = resources.files("marsad.store") / "migrations"
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".sql"))


class SQLiteStore(SQLiteStoryTables, SQLiteCorrections, SQLiteSearchTables):
    def __init__(self, path: str):
        self.path = path
        self._generations: dict[str, int] = {}  # story -> generation when its members were read
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA busy_timeout = 30000")
            if path != ":memory:":
                # Changing the journal mode of a new file takes a lock that the busy timeout does not wait
                # for: another process opening the same new store at the same moment gets "locked" at once.
                _retry_busy(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            self._ensure_search_index()  # fills the index of a store from before migration 0004
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc

    # -- schema -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        """Apply the pending migrations, each in a write transaction that first checks it is still
        pending: processes opening a new store at the same time apply each exactly once."""
        applied = self._applied()
        for name, sql in (m for m in migrations() if m[0] not in applied):
            with self._write():
                self.db.execute("CREATE TABLE IF NOT EXISTS marsad_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
                if self.db.execute("SELECT 1 FROM marsad_migrations WHERE name = ?", (name,)).fetchone():
                    continue  # another process applied it while this one waited for the lock
                for statement in (s for s in sql.split(";") if s.strip()):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO marsad_migrations VALUES (?, ?)", (name, _now()))

    def _applied(self) -> set[str]:
        """The applied migrations, read without a write lock (an open of a current store writes nothing)."""
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'marsad_migrations'").fetchone():
            return set()
        return {r[0] for r in self.db.execute("SELECT name FROM marsad_migrations")}

    def _write(self):
        return _Transaction(self.db)

    # -- articles -----------------------------------------------------------------------------
    def put_article(self, article: Article) -> str:
        doc = json.dumps(article_to_dict(article), ensure_ascii=False, sort_keys=True)
        now = _now()
        with self._write():
            row = self.db.execute("SELECT version, content_hash, doc, raw, updated_at FROM articles WHERE id = ?",
                                  (article.id,)).fetchone()
            if row is None:
                self.db.execute(
                    "INSERT INTO articles (id, version, content_hash, source, url, outlet, published, title, language,"
                    " words, doc, raw, ingested_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.id, article.content_hash, article.source, article.url, article.outlet,
                     article.published, article.title, article.language, article.words, doc, article.raw, now, now))
                self._put_mentions(article)
                self._index_search(article)
                return "new"
            version, old_hash, old_doc, old_raw, updated = row
            if old_hash == article.content_hash and old_doc == doc:
                return "unchanged"
            status = "reanalysed" if old_hash == article.content_hash else "updated"
            if status == "updated":
                self.db.execute("INSERT OR IGNORE INTO article_versions VALUES (?, ?, ?, ?, ?, ?)",
                                (article.id, version, old_hash, old_doc, old_raw, updated))
                version += 1
            self.db.execute(
                "UPDATE articles SET version = ?, content_hash = ?, source = ?, url = ?, outlet = ?, published = ?,"
                " title = ?, language = ?, words = ?, doc = ?, raw = ?, updated_at = ? WHERE id = ?",
                (version, article.content_hash, article.source, article.url, article.outlet, article.published,
                 article.title, article.language, article.words, doc, article.raw, now, article.id))
            self._put_mentions(article)
            self._index_search(article)
            return status

    def _put_mentions(self, article: Article) -> None:
        self.db.execute("DELETE FROM mentions WHERE article_id = ?", (article.id,))
        self.db.executemany(
            "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article.id, m.start, m.end, article.text[m.start:m.end], m.type, m.entity_id, m.canonical, m.role)
             for m in article.mentions])

    def articles_mentioning(self, entity_id: str) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT article_id FROM mentions WHERE entity_id = ? ORDER BY 1", (entity_id,))
        return [r[0] for r in rows]

    def get_article(self, article_id: str) -> Article:
        row = self.db.execute("SELECT doc, raw FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            row = self.db.execute("SELECT doc, raw FROM articles WHERE id LIKE ? || '%' ORDER BY id LIMIT 2",
                                  (article_id,)).fetchall()
            if len(row) != 1:
                raise NotFound(f"no article with id '{article_id}'")
            row = row[0]
        return article_from_dict(json.loads(row[0]), row[1])

    def _where(self, flt: ArticleFilter) -> tuple[str, list]:
        return filter_sql(flt, "?")

    def list_articles(self, flt: ArticleFilter = ArticleFilter()) -> list[Article]:
        where, args = self._where(flt)
        sql = (f"SELECT doc, raw FROM articles{where} ORDER BY published IS NULL, published, id"
               f" LIMIT ? OFFSET ?")
        rows = self.db.execute(sql, [*args, flt.limit if flt.limit is not None else -1, flt.offset])
        return [article_from_dict(json.loads(doc), raw) for doc, raw in rows]

    def count_articles(self, flt: ArticleFilter = ArticleFilter()) -> int:
        where, args = self._where(flt)
        return self.db.execute(f"SELECT count(*) FROM articles{where}", args).fetchone()[0]

    def delete_article(self, article_id: str) -> None:
        """Delete an article and its versions; its story is marked stale (rebuild with stories.update)."""
        self.unassign_story(article_id)
        with self._write():
            self.db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            self._unindex_search(article_id)
            if self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount == 0:
                raise NotFound(f"no article with id '{article_id}'")
            self.db.execute("DELETE FROM article_versions WHERE id = ?", (article_id,))

    def versions(self, article_id: str) -> list[tuple[int, str, str]]:
        rows = self.db.execute("SELECT version, content_hash, stored_at FROM article_versions WHERE id = ?"
                               " UNION ALL SELECT version, content_hash, updated_at FROM articles WHERE id = ?"
                               " ORDER BY 1", (article_id, article_id)).fetchall()
        return [tuple(r) for r in rows]

    def record_skip(self, skipped: Skipped) -> None:
        with self._write():
            self.db.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?, ?)",
                            (skipped.source, skipped.reason.value, skipped.detail, _now()))

    def close(self) -> None:
        self.db.close()


def _retry_busy(statement, attempts: int = 200):
    """Run a statement that SQLite may refuse at once with "database is locked" (no busy wait)."""
    for attempt in range(attempts):
        try:
            return statement()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or attempt + 1 == attempts:
                raise
            time.sleep(min(0.01 * (attempt + 1), 0.2))


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, retried while another writer holds the lock."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        for attempt in range(200):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return self
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                time.sleep(min(0.05 * (attempt + 1), 0.5))
        raise StoreError("the store stayed locked by another writer for too long")

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
        return False
