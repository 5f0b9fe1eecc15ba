"""Cleaning and metadata on the bundled sample corpus, against tests/cases/sample_expected.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.service import analyse
from marsad.stages.metadata import looks_like_dateline

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "src" / "marsad" / "sample"
CASES = yaml.safe_load((HERE.parent / "cases" / "sample_expected.yaml").read_text(encoding="utf-8"))
_HEAD = re.compile(r"^(وكالة|صحيفة|موقع|جريدة|شبكة)\s+")


def _bare(name: str | None) -> str | None:
    return _HEAD.sub("", name) if name else name


@pytest.fixture(scope="module")
def analysed():
    out = {}
    for doc in read_inputs([str(SAMPLE)]):
        assert isinstance(doc, RawDocument), doc
        result = analyse(doc, Pipeline())
        name = Path(doc.source.split("#")[0]).name if not doc.url else None
        out[name or doc.url] = result
    return out


def _find(analysed, case):
    if case["file"] in analysed:
        return analysed[case["file"]]
    # records with a URL are stored under it; match them by their sample file's stem
    stem = case["file"].split("_", 1)[0]
    for key, article in analysed.items():
        if article.source.endswith(case["file"]) or stem in str(key):
            return article
    for article in analysed.values():
        if case.get("title") and article.title == case["title"]:
            return article
    raise AssertionError(f"{case['file']} not read")


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_sample_metadata(analysed, case):
    a = _find(analysed, case)
    assert _bare(a.outlet) == _bare(case["outlet"])
    assert a.published == case["published"]
    assert a.title == case["title"]
    assert [(x.name, x.role) for x in a.authors] == [(x["name"], x["role"]) for x in case["authors"]]
    assert [_bare(c) for c in a.cited_outlets] == [_bare(c) for c in case["cited_outlets"]]
    assert a.language == case["language"]
    assert (list(a.summary_box) if a.summary_box else None) == case["summary_box"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_sample_cleaning(analysed, case):
    a = _find(analysed, case)
    body_lines = {ln.strip() for ln in a.text.splitlines()}
    for line in case["boilerplate"]:
        if looks_like_dateline(line):
            continue  # a standalone dateline opens the article text; keeping it is fine
        assert line.strip() not in body_lines, line
    for keep in case["must_keep"]:
        assert keep in a.text, keep
