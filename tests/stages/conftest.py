"""Analysed sample corpus and seeds, shared by the gold tests of this folder (analysed once per run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.service import analyse

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "src" / "marsad" / "sample"
SEEDS = HERE.parents[2] / "shared" / "seeds"


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
