"""What only the SQLite store has: migrations recorded in the file, WAL on. The Store protocol itself is
tested on both backends in test_store.py."""

from __future__ import annotations

import sqlite3

from marsad.store import open_store


def test_store_migrations_are_recorded_and_wal_is_on(tmp_path):
    db_path = str(tmp_path / "store.db")
    open_store(db_path).close()
    open_store(db_path).close()  # reopening applies nothing twice
    con = sqlite3.connect(db_path)
    from marsad.store.sqlite import migrations

    applied = [r[0] for r in con.execute("SELECT name FROM marsad_migrations ORDER BY name")]
    assert applied == [name for name, _ in migrations()] and applied[0] == "0001_articles.sql"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
