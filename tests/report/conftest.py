"""Fixtures of the report tests: the analysed sample with a hand-made story, and Debian's headless Chromium."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
def _load(name: str):
    """A helper module of this folder (the tests run with --import-mode=importlib, so no sys.path entry)."""
    spec = importlib.util.spec_from_file_location(f"report_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def fixture_builder():
    return _load("story_fixture")


@pytest.fixture(scope="session")
def parse():
    """HTML text -> a Page (elements, ids, article text segments)."""
    return _load("html_parse").Page


@pytest.fixture(scope="session")
def sample_doc(fixture_builder) -> dict:
    """The real analysis of src/marsad/sample, with whatever stories the pipeline made removed."""
    doc = fixture_builder.sample_document()
    doc["stories"] = []
    return doc


@pytest.fixture(scope="session")
def story_doc(fixture_builder, sample_doc) -> dict:
    return fixture_builder.with_saqr_story(sample_doc)


@pytest.fixture(scope="session")
def ids(fixture_builder, sample_doc) -> dict[str, str]:
    return fixture_builder.article_ids(sample_doc)
