"""apply_corrections on the sample corpus's document: what each kind changes, and nothing else."""

from __future__ import annotations

import copy
import json

from marsad.corrections import apply_corrections, new_correction, split_entity_id


def _fix(doc, kind, target, value=None):
    c = new_correction(kind, target, value, by="tester")
    return apply_corrections(doc, [c]), c


def _entities(doc):
    return {e["id"]: e for e in doc["entities"]}


def _article(doc, aid):
    return next(a for a in doc["articles"] if a["id"] == aid)


def _story(doc, sid):
    return next(s for s in doc["stories"] if s["id"] == sid)


def _entry(doc, sid, entry_id):
    return next(t for t in _story(doc, sid)["timeline"] if t["id"] == entry_id)


def test_apply_is_pure_and_lists_only_the_corrections_that_changed_the_document(sample_doc, ids):
    before = copy.deepcopy(sample_doc)
    merge = new_correction("merge_entities", ids.rafid, ids.rafid_long)
    elsewhere = new_correction("reject_fact", "a0000000000000000:quote:12")
    out = apply_corrections(sample_doc, [merge, elsewhere])
    assert sample_doc == before
    assert out["corrections"] == [merge]
    assert apply_corrections(sample_doc, [])["corrections"] == []


def test_merge_moves_mentions_aliases_counts_and_articles_to_the_target(sample_doc, ids):
    ents = _entities(sample_doc)
    keep, gone = ents[ids.rafid], ents[ids.rafid_long]
    out, c = _fix(sample_doc, "merge_entities", ids.rafid, ids.rafid_long)
    merged = _entities(out)
    assert ids.rafid_long not in merged
    assert merged[ids.rafid]["canonical"] == "وكالة الرافد"
    assert "وكالة الرافد العراقية" in merged[ids.rafid]["aliases"]
    assert merged[ids.rafid]["mentions"] == keep["mentions"] + gone["mentions"] == 7
    assert set(merged[ids.rafid]["articles"]) == set(keep["articles"]) | set(gone["articles"])
    assert merged[ids.rafid]["corrections"] == [c["id"]]
    moved = [m for a in out["articles"] for m in a["entities"] if c["id"] in m.get("corrections", ())]
    assert [(m["text"], m["entity_id"], m["canonical"]) for m in moved] == \
        [("وكالة الرافد العراقية", ids.rafid, "وكالة الرافد")]
    assert not any(m["entity_id"] == ids.rafid_long for a in out["articles"] for m in a["entities"])


def test_set_entity_corrects_type_and_name_and_keeps_the_old_name_as_an_alias(sample_doc, ids):
    out, c = _fix(sample_doc, "set_entity", ids.abu_khasib, {"type": "GPE", "canonical": "أبو الخصيب"})
    e = _entities(out)[ids.abu_khasib]
    assert (e["type"], e["canonical"], e["aliases"], e["corrections"]) == ("GPE", "أبو الخصيب", ["أبي الخصيب"], [c["id"]])
    [m] = [m for a in out["articles"] for m in a["entities"] if m["entity_id"] == ids.abu_khasib]
    assert (m["text"], m["type"], m["canonical"]) == ("أبي الخصيب", "GPE", "أبو الخصيب")


def test_set_speaker_names_an_anonymous_source(sample_doc, ids):
    target = f"{ids.marsad_handover}:quote:990"
    [before] = [q for q in _article(sample_doc, ids.marsad_handover)["quotes"] if q["start"] == 990]
    assert (before["speaker"], before["anonymous"]) == ("مصدر في وزارة الدفاع", True)
    out, c = _fix(sample_doc, "set_speaker", target, ids.defence_ministry)
    [q] = [q for q in _article(out, ids.marsad_handover)["quotes"] if q["start"] == 990]
    assert (q["speaker"], q["speaker_entity_id"], q["anonymous"]) == ("وزارة الدفاع", ids.defence_ministry, False)
    assert q["speaker_text"] == "مصدر في وزارة الدفاع" and q["corrections"] == [c["id"]]  # as written, kept
    out, _ = _fix(sample_doc, "set_speaker", target, {"speaker": "متحدث عسكري", "anonymous": True})
    [q] = [q for q in _article(out, ids.marsad_handover)["quotes"] if q["start"] == 990]
    assert (q["speaker"], q["speaker_entity_id"], q["anonymous"]) == ("متحدث عسكري", None, True)


def test_split_moves_the_listed_mentions_to_a_new_entity_with_their_references(sample_doc, ids):
    value = {"mentions": [f"{ids.marsad_handover}:61", f"{ids.ofoq_handover}:547"], "canonical": "قاعدة الصقر الشمالية"}
    out, c = _fix(sample_doc, "split_entity", ids.saqr_base, value)
    new = split_entity_id(c["id"])
    ents = _entities(out)
    assert (ents[new]["canonical"], ents[new]["type"], ents[new]["mentions"], ents[new]["split_from"]) == \
        ("قاعدة الصقر الشمالية", "FAC", 2, ids.saqr_base)
    assert sorted(ents[new]["aliases"]) == ["قاعدة الصقر", "قاعدة الصقر الجوية"]
    assert ents[ids.saqr_base]["mentions"] == _entities(sample_doc)[ids.saqr_base]["mentions"] - 2 == 6
    assert ids.marsad_handover not in ents[ids.saqr_base]["articles"]
    # every mention in المرصد اليومي's handover article moved: its events' place follows, and the entry it alone sources
    handover = _article(out, ids.marsad_handover)
    assert [e["place"] for e in handover["events"] if e["start"] == 21] == [new]
    assert _entry(out, ids.saqr_story, "t-dc02f01d14")["place"] == new
    # one of two mentions moved in الأفق الغربي: its event keeps the base (ambiguous), the entry with other sources too
    assert [e["place"] for e in _article(out, ids.ofoq_handover)["events"] if e["start"] == 81] == [ids.saqr_base]
    assert _entry(out, ids.saqr_story, "t-df2b63bf59")["place"] == ids.saqr_base


def test_reject_event_drops_it_from_the_timeline_and_keeps_it_visible(sample_doc, ids):
    entry = _entry(sample_doc, ids.saqr_story, "t-df2b63bf59")
    assert entry["date"] == "2025-11-05" and len(entry["sources"]) == 2
    out, c = _fix(sample_doc, "reject_fact", f"{ids.ofoq_handover}:event:81", "not this handover")
    [event] = [e for e in _article(out, ids.ofoq_handover)["events"] if e["start"] == 81]
    assert event["rejected"] is True and event["corrections"] == [c["id"]]
    entry = _entry(out, ids.saqr_story, "t-df2b63bf59")
    assert [(s["article"], s["start"]) for s in entry["sources"]] == [("ab79c7cb5b03544bc", 88)]
    assert [(s["article"], s["start"]) for s in entry["rejected_sources"]] == [(ids.ofoq_handover, 81)]
    # only the plan announced in October is left: the entry is the planned handover of November
    assert (entry["date"], entry["date_precision"], entry["modality"], entry["outlets"]) == \
        ("2025-11", "month", "planned", ["المرصد اليومي"])
    dates = [t["date"] or "9999" for t in _story(out, ids.saqr_story)["timeline"]]
    assert dates == sorted(dates)


def test_reject_an_event_date_keeps_the_source_but_not_its_date(sample_doc, ids):
    out, c = _fix(sample_doc, "reject_fact", f"{ids.ofoq_handover}:event:81", {"field": "date"})
    [event] = [e for e in _article(out, ids.ofoq_handover)["events"] if e["start"] == 81]
    assert event["date_rejected"] is True and "rejected" not in event and event["date"] == "2025-11-05"
    entry = _entry(out, ids.saqr_story, "t-df2b63bf59")
    assert [(s["start"], s.get("date_rejected")) for s in entry["sources"]] == [(88, None), (81, True)]
    assert (entry["date"], entry["corrections"]) == ("2025-11", [c["id"]])


def test_reject_a_timeline_entry_marks_it_and_leaves_its_sources(sample_doc, ids):
    out, c = _fix(sample_doc, "reject_fact", f"{ids.saqr_story}:timeline:t-aa51364052")
    entry = _entry(out, ids.saqr_story, "t-aa51364052")
    assert entry["rejected"] is True and entry["corrections"] == [c["id"]]
    assert entry["sources"] == _entry(sample_doc, ids.saqr_story, "t-aa51364052")["sources"]
    assert sum(1 for t in _story(out, ids.saqr_story)["timeline"] if t.get("rejected")) == 1


def test_reject_a_quote_marks_only_that_quote(sample_doc, ids):
    out, c = _fix(sample_doc, "reject_fact", f"{ids.rafid_withdrawal}:quote:59")
    marked = [(q["start"], q.get("rejected")) for q in _article(out, ids.rafid_withdrawal)["quotes"] if "corrections" in q]
    assert marked == [(59, True)]


def test_rejecting_the_odd_figure_out_ends_the_contradiction_but_not_the_agreement(sample_doc, ids):
    story = _story(sample_doc, ids.saqr_story)
    [soldiers] = [x for x in story["contradictions"] if x["kind"] == "quantity"]
    assert len(soldiers["claims"]) == 3  # نحو 1200 جندي (two outlets) against أكثر من 1500 جندي
    odd = next(cid for cid in soldiers["claims"]
               if next(c for c in story["claims"] if c["id"] == cid)["text"] == "أكثر من 1500 جندي")
    out, c = _fix(sample_doc, "reject_fact", odd, "a figure no other outlet gives")
    story = _story(out, ids.saqr_story)
    [claim] = [x for x in story["claims"] if x["id"] == odd]
    assert claim["rejected"] is True and claim["corrections"] == [c["id"]]
    [soldiers] = [x for x in story["contradictions"] if x["kind"] == "quantity"]
    assert soldiers["rejected"] is True and soldiers["corrections"] == [c["id"]]
    assert not any(x.get("rejected") for x in story["contradictions"] if x is not soldiers)
    assert not any(x.get("rejected") for x in story["agreements"])


def test_resolve_a_contradiction_by_its_claims_in_any_order(sample_doc, ids):
    [ranking] = [x for x in _story(sample_doc, ids.saqr_story)["contradictions"] if x["kind"] == "ranking"]
    target = f"{ids.saqr_story}:contradiction:{'+'.join(reversed(ranking['claims']))}"
    out, c = _fix(sample_doc, "resolve_contradiction", target, "two different lists of bases")
    [ranking] = [x for x in _story(out, ids.saqr_story)["contradictions"] if x["kind"] == "ranking"]
    assert ranking["resolved"] == {"note": "two different lists of bases", "by": "tester", "at": c["at"]}
    assert ranking["corrections"] == [c["id"]] and "rejected" not in ranking


def test_a_target_that_is_not_in_the_document_changes_nothing(sample_doc, ids):
    for kind, target, value in [("merge_entities", "e-000000000000", "e-111111111111"),
                                ("set_entity", "e-000000000000", {"type": "ORG"}),
                                ("set_speaker", f"{ids.marsad_handover}:quote:991", "x"),
                                ("reject_fact", f"{ids.saqr_story}:timeline:t-0000000000", None),
                                ("resolve_contradiction", "s-x:contradiction:c-a+c-b", "x"),
                                ("split_entity", ids.saqr_base, {"mentions": [f"{ids.marsad_handover}:62"],
                                                                 "canonical": "x"})]:
        out, _ = _fix(sample_doc, kind, target, value)
        assert out["corrections"] == [] and json.dumps(out, sort_keys=True) == json.dumps(
            sample_doc | {"corrections": []}, sort_keys=True), kind


def test_corrections_apply_in_order_and_later_ones_see_earlier_ones(sample_doc, ids):
    merge = new_correction("merge_entities", ids.rafid, ids.rafid_long)
    rename_gone = new_correction("set_entity", ids.rafid_long, {"english": "Al-Rafid"})
    rename_kept = new_correction("set_entity", ids.rafid, {"english": "Al-Rafid"})
    out = apply_corrections(sample_doc, [merge, rename_gone, rename_kept])
    assert [c["id"] for c in out["corrections"]] == [merge["id"], rename_kept["id"]]
    assert _entities(out)[ids.rafid]["corrections"] == [merge["id"], rename_kept["id"]]


def test_the_corrected_document_still_validates(sample_doc, ids, validator):
    fixes = [new_correction(*args) for args in [
        ("merge_entities", ids.rafid, ids.rafid_long),
        ("split_entity", ids.saqr_base, {"mentions": [f"{ids.marsad_handover}:61"], "canonical": "قاعدة الصقر الشمالية"}),
        ("set_entity", ids.abu_khasib, {"type": "GPE"}),
        ("set_speaker", f"{ids.marsad_handover}:quote:990", ids.defence_ministry),
        ("reject_fact", f"{ids.ofoq_handover}:event:81"),
        ("reject_fact", f"{ids.ofoq_handover}:event:1048")]]
    out = apply_corrections(sample_doc, fixes)
    assert len(out["corrections"]) == 6
    errors = sorted(validator.iter_errors(out), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_rejecting_the_only_source_of_an_entry_rejects_the_entry(sample_doc, ids):
    out, c = _fix(sample_doc, "reject_fact", f"{ids.ofoq_handover}:event:1048")
    entry = _entry(out, ids.saqr_story, "t-aa51364052")
    assert entry["rejected"] is True and entry["corrections"] == [c["id"]]
    assert [(s["start"], s["rejected"]) for s in entry["sources"]] == [(1048, True)]
