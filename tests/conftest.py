"""Shared fixtures: paths to the bundled sample corpus and to ../shared (tests skip without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "marsad" / "sample"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS}")
    return SEEDS


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "store.db")
