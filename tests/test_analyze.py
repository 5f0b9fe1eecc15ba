"""`marsad analyze`: the analysis document for exactly its inputs, valid against docs/analysis.schema.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "marsad" / "sample"
DOCS = ROOT / "docs"


def _validator():
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in DOCS.glob("*.schema.json")}
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return jsonschema.Draft202012Validator(schemas["analysis.schema.json"], registry=registry)


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    out = tmp_path_factory.mktemp("analyze") / "analysis.json"
    result = subprocess.run([sys.executable, "-m", "marsad", "analyze", str(SAMPLE), "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_analyze_document_validates(document):
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert document["format"] == "marsad.analysis/1" and len(document["articles"]) == 12


def test_analyze_every_fact_span_is_exact(document):
    for article in document["articles"]:
        text = article["text"]
        for kind in ("entities", "quotes", "timexes", "quantities"):
            for fact in article[kind]:
                assert text[fact["start"]:fact["end"]] == fact["text"], (kind, fact)
        for q in article["quotes"]:
            assert text[q["cue_start"]:q["cue_end"]] == q["cue"]
            if q["speaker_start"] is not None:
                assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]


def test_analyze_entities_table_counts_mentions(document):
    ids = {m["entity_id"] for a in document["articles"] for m in a["entities"]}
    listed = {e["id"]: e for e in document["entities"]}
    assert ids == set(listed)
    saqr = [e for e in document["entities"] if e["type"] == "FAC" and "الصقر" in e["canonical"]]
    assert len(saqr) == 1 and len(saqr[0]["articles"]) >= 4  # one base across the outlets' articles


def test_analyze_without_db_leaves_no_store(tmp_path, monkeypatch):
    monkeypatch.delenv("MARSAD_DB", raising=False)
    result = subprocess.run([sys.executable, "-m", "marsad", "analyze", str(SAMPLE / "07_saqr-base-withdrawal.txt"),
                             "--format", "json"], capture_output=True, text=True, timeout=120, cwd=tmp_path,
                            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 1
    assert not list(tmp_path.rglob("*.db"))
