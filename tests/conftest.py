"""Shared fixtures: a fresh store path, and a walker over the strings of parsed language data."""

from __future__ import annotations

import pytest


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "store.db")


def _walk_strings(value):
    """Every string in nested YAML data (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk_strings(k)
            yield from _walk_strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk_strings(v)


@pytest.fixture(scope="session")
def yaml_strings():
    return _walk_strings
