"""Corrections in the store: add, list, get, undo; applied by document_for; kept across re-ingest and
re-analysis; orphans reported, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import NotFound, UsageError
from marsad.service import document_for, ingest
from marsad.store import open_store
from marsad.stories.update import rebuild_stale

SAMPLE = str(Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample")


def _doc(store):
    return document_for(store, [a.id for a in store.list_articles()])


def test_add_list_get_and_undo(store, ids):
    a = store.add_correction("merge_entities", ids.rafid, ids.rafid_long, "huda")
    b = store.add_correction("reject_fact", f"{ids.rafid_withdrawal}:quote:59", "an unnamed source", "omar")
    assert [c["id"] for c in store.list_corrections()] == [a["id"], b["id"]]  # oldest first: the order they apply in
    assert store.list_corrections()[1] == b | {"orphan": False}
    assert store.get_correction(a["id"]) == a | {"orphan": False}
    assert store.delete_correction(a["id"]) == a
    assert [c["id"] for c in store.list_corrections()] == [b["id"]]
    with pytest.raises(NotFound, match=f"no correction with id '{a['id']}'"):
        store.delete_correction(a["id"])
    with pytest.raises(NotFound):
        store.get_correction("x-000000000000")


def test_add_refuses_a_target_the_store_does_not_hold(store, ids):
    with pytest.raises(UsageError, match="merge_entities: no entity 'e-000000000000' in the store"):
        store.add_correction("merge_entities", ids.rafid, "e-000000000000")
    with pytest.raises(UsageError, match=f"set_speaker: no quote starts at 991 in article '{ids.marsad_handover}'"):
        store.add_correction("set_speaker", f"{ids.marsad_handover}:quote:991", "x")
    with pytest.raises(UsageError, match="reject_fact: no timeline 't-0000000000' in the stored stories"):
        store.add_correction("reject_fact", f"{ids.saqr_story}:timeline:t-0000000000")
    with pytest.raises(UsageError, match=f"split_entity: none of the listed mentions belongs to '{ids.saqr_base}'"):
        store.add_correction("split_entity", ids.saqr_base, {"mentions": [f"{ids.marsad_handover}:62"], "canonical": "x"})
    assert store.list_corrections() == []


def test_set_speaker_by_entity_id_stores_the_entity_name(store, ids):
    c = store.add_correction("set_speaker", f"{ids.marsad_handover}:quote:990", ids.defence_ministry)
    assert c["value"] == {"speaker": "وزارة الدفاع", "entity_id": ids.defence_ministry, "anonymous": False}


def test_document_for_applies_the_store_corrections_and_undo_restores_it(store, sample_doc, ids):
    c = store.add_correction("set_entity", ids.abu_khasib, {"type": "GPE", "canonical": "أبو الخصيب"}, "huda")
    doc = _doc(store)
    assert doc["corrections"] == [{k: c[k] for k in ("id", "kind", "target", "value", "by", "at")}]
    entity = next(e for e in doc["entities"] if e["id"] == ids.abu_khasib)
    assert (entity["type"], entity["canonical"]) == ("GPE", "أبو الخصيب")
    # a document of other articles does not carry it
    assert document_for(store, [ids.marsad_handover])["corrections"] == []
    store.delete_correction(c["id"])
    assert _doc(store) == sample_doc


def test_corrections_survive_reingest_and_reanalysis_and_report_orphans(tmp_path, ids):
    sample = SAMPLE
    store = open_store(str(tmp_path / "own.db"))
    ingest([sample], store)
    plain = _doc(store)
    added = [
        store.add_correction("merge_entities", ids.rafid, ids.rafid_long),
        store.add_correction("split_entity", ids.saqr_base, {"mentions": [f"{ids.marsad_handover}:61"],
                                                              "canonical": "قاعدة الصقر الشمالية"}),
        store.add_correction("set_speaker", f"{ids.marsad_handover}:quote:990", ids.defence_ministry),
        store.add_correction("reject_fact", f"{ids.ofoq_handover}:event:81", {"field": "date"}),
        store.add_correction("reject_fact", f"{ids.saqr_story}:timeline:t-aa51364052"),
    ]
    corrected = _doc(store)
    assert corrected != plain and [c["id"] for c in corrected["corrections"]] == [c["id"] for c in added]

    report = ingest([sample], store)  # the same files again: nothing changes, the corrections hold
    assert report.unchanged == 12 and _doc(store) == corrected

    for article in store.list_articles():  # re-analysis: the analyses are replaced, the corrections are not
        store.delete_article(article.id)
    rebuild_stale(store)
    assert store.list_stories() == [] and store.count_articles() == 0 and len(store.list_corrections()) == 5
    ingest([sample], store)
    assert _doc(store) == corrected

    store.delete_article(ids.marsad_handover)  # its quote and the mention the split moves are gone
    rebuild_stale(store)
    assert [c["orphan"] for c in store.list_corrections()] == [False, True, True, False, False]
    assert store.get_correction(added[2]["id"])["orphan"] is True
    after = _doc(store)  # orphans are skipped, never an error
    assert [c["id"] for c in after["corrections"]] == [added[0]["id"], added[3]["id"], added[4]["id"]]

    for c in added:
        store.delete_correction(c["id"])
    assert store.list_corrections() == [] and _doc(store)["corrections"] == []
    assert len(plain["articles"]) == 12 and plain["corrections"] == []
    store.close()


def test_an_article_id_prefix_is_not_a_target(store, ids):
    with pytest.raises(UsageError, match=f"no article '{ids.marsad_handover[:8]}' in the store"):
        store.add_correction("reject_fact", f"{ids.marsad_handover[:8]}:quote:990")
