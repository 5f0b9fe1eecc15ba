"""tests/search again, on a PostgreSQL store: the same queries, hits, snippets, highlights, filters,
pages and rank windows as on SQLite (see pg_suites.py). Skips without a PostgreSQL server."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("pg_suites", Path(__file__).with_name("pg_suites.py"))
suites = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suites)

SQLITE_TABLES = "reads SQLite's FTS5 tables directly; on PostgreSQL: test_postgres_search.py::"
suites.fixtures(globals(), "search/conftest.py", ["store", "ids", "corpus", "make_raw"])
suites.adopt(globals(), "search/test_search.py", skip={
    "test_deleting_an_article_removes_it_from_the_index": SQLITE_TABLES + "test_deleting_drops_the_index_rows"})
suites.adopt(globals(), "search/test_index.py", skip={
    "test_a_store_from_before_the_search_migration_is_indexed_when_opened":
        SQLITE_TABLES + "test_a_store_from_before_the_search_migration_is_indexed_when_opened",
    "test_a_changed_key_scheme_rebuilds_the_index": SQLITE_TABLES + "test_a_changed_key_scheme_rebuilds_the_index",
    "test_cli_search_json_table_and_errors": "runs the CLI on a SQLite file; on PostgreSQL: "
                                             "test_postgres_store.py::test_every_command_takes_a_postgresql_url"})


@pytest.fixture
def db_path(pg_url) -> str:
    return pg_url


def test_the_suite_runs_on_postgresql(store):
    assert type(store).__name__ == "PostgresStore"
