"""The sample corpus in a store of its own (corrections are written to it), and its uncorrected document."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "src" / "marsad" / "sample"


@pytest.fixture(scope="session")
def ids():
    """Sample-corpus ids the tests use (stable: derived from the text and the analysis)."""
    return SimpleNamespace(
        saqr_story="s-8b0236396ca4",
        saqr_base="e-4f28cbd27eb5",  # قاعدة الصقر الجوية
        rafid="e-b5f3f425462b", rafid_long="e-429a32bce11b",  # وكالة الرافد / وكالة الرافد العراقية
        abu_khasib="e-f074f044c92b",  # "أبي الخصيب", a district, recognised as a PERSON
        defence_ministry="e-63dd7b89c0b6",  # وزارة الدفاع
        marsad_handover="a97180bbc9960b2ac",  # المرصد اليومي: the handover, on Thursday
        ofoq_handover="a6481dc87ae96fbd4",  # الأفق الغربي: the handover, dated Wednesday
        rafid_withdrawal="a5ea2e5276e823359",
    )


@pytest.fixture(scope="session")
def corrections_db(tmp_path_factory) -> str:
    from marsad.service import ingest
    from marsad.store import open_store

    path = str(tmp_path_factory.mktemp("corrections") / "store.db")
    store = open_store(path)
    ingest([str(SAMPLE)], store)
    store.close()
    return path


@pytest.fixture
def store(corrections_db):
    """The sample store; every correction a test adds is removed afterwards."""
    from marsad.store import open_store

    s = open_store(corrections_db)
    yield s
    for c in s.list_corrections(check_targets=False):
        s.delete_correction(c["id"])
    s.close()


@pytest.fixture(scope="session")
def sample_doc(corrections_db) -> dict:
    """The whole sample's document without corrections (tests apply theirs to it)."""
    from marsad.service import document_for
    from marsad.store import open_store

    s = open_store(corrections_db)
    try:
        return document_for(s, [a.id for a in s.list_articles()])
    finally:
        s.close()


@pytest.fixture(scope="session")
def validator():
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "docs").glob("*.schema.json")}
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return jsonschema.Draft202012Validator(schemas["analysis.schema.json"], registry=registry)
