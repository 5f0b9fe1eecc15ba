"""Shared fixtures: a fresh store path for each test."""

from __future__ import annotations

import pytest


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "store.db")
