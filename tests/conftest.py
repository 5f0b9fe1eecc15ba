"""Shared fixtures: a fresh store path, a walker over the strings of parsed language data, and the
sample corpus and seeds analysed once per run (and ingested once into stores with their stories)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.service import analyse

HERE = Path(__file__).resolve().parent

# Hypothesis: CI runs a fixed set of examples (derandomized, no example database), so a property test
# never turns CI red at random; HYPOTHESIS_PROFILE=dev runs 10x as many, random, and remembers failures.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=1000, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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

SAMPLE = HERE.parent / "src" / "marsad" / "sample"
SEEDS = HERE.parent.parent / "shared" / "seeds"


def analyse_folder(folder: Path) -> dict:
    """File name -> its analysed article (each file here holds one article)."""
    out, pipeline = {}, Pipeline()
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".jsonl")):
        [doc] = list(read_inputs([str(path)]))
        assert isinstance(doc, RawDocument), doc
        out[path.name] = analyse(doc, pipeline)
    return out


@pytest.fixture(scope="session")
def sample_articles():
    return analyse_folder(SAMPLE)


@pytest.fixture(scope="session")
def seed_articles():
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS}")
    return {name[:3]: article for name, article in analyse_folder(SEEDS).items()}


@pytest.fixture(scope="session")
def sample_store():
    """The sample corpus ingested into an in-memory store, stories built."""
    from marsad.service import ingest
    from marsad.store import open_store

    store = open_store(":memory:")
    ingest([str(SAMPLE)], store)
    return store


@pytest.fixture(scope="session")
def seed_store():
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS}")
    from marsad.service import ingest
    from marsad.store import open_store

    store = open_store(":memory:")
    ingest([str(SEEDS)], store)
    return store


CHROMIUM = "/usr/bin/chromium"
# ../shared/CI-RECIPES.md section 1; the resolver rule keeps Chromium off the network (0 DNS queries).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright; skips when either is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
