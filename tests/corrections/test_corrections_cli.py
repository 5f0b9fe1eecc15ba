"""`marsad corrections list|add|undo`, and `marsad analyze` showing the corrections of its store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"


def marsad(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args, "--db", db], capture_output=True, text=True,
                          timeout=300, env={"PATH": "/usr/bin:/bin", "USER": "huda"})


def test_add_list_and_undo_from_the_command_line(store, corrections_db, ids):
    added = marsad("corrections", "add", "set_entity", ids.abu_khasib, '{"type": "GPE"}', db=corrections_db)
    assert added.returncode == 0, added.stderr
    record = json.loads(added.stdout)
    assert (record["kind"], record["value"], record["by"]) == ("set_entity", {"type": "GPE"}, "huda")
    speaker = marsad("corrections", "add", "set_speaker", f"{ids.marsad_handover}:quote:990", "متحدث باسم الوزارة",
                     "--by", "omar", db=corrections_db)
    assert json.loads(speaker.stdout)["value"] == {"speaker": "متحدث باسم الوزارة", "entity_id": None,
                                                   "anonymous": False}
    listed = json.loads(marsad("corrections", "list", "--format", "json", db=corrections_db).stdout)
    assert [(c["id"], c["by"], c["orphan"]) for c in listed] == [(record["id"], "huda", False),
                                                                 (json.loads(speaker.stdout)["id"], "omar", False)]
    table = marsad("corrections", "list", "--format", "table", db=corrections_db).stdout
    assert record["id"] in table and "set_speaker" in table
    undone = marsad("corrections", "undo", record["id"], db=corrections_db)
    assert undone.returncode == 0 and undone.stdout.strip() == f"removed {record['id']}: set_entity {ids.abu_khasib}"
    again = marsad("corrections", "undo", record["id"], db=corrections_db)
    assert again.returncode == 1 and again.stderr.strip() == f"error: no correction with id '{record['id']}'"


def test_bad_corrections_exit_2_with_one_line(store, corrections_db, ids):
    for args, message in [
        (("bogus", ids.abu_khasib), "error: unknown correction kind 'bogus' (one of: merge_entities, split_entity,"
                                    " set_entity, set_speaker, reject_fact, resolve_contradiction)"),
        (("set_entity", ids.abu_khasib, '{"type": GPE}'), "error: the value is not valid JSON: Expecting value at"
                                                          " character 9"),
        (("merge_entities", ids.rafid, "e-000000000000"), "error: merge_entities: no entity 'e-000000000000' in the"
                                                           " store"),
    ]:
        result = marsad("corrections", "add", *args, db=corrections_db)
        assert (result.returncode, result.stderr.strip(), result.stdout) == (2, message, ""), args
    assert store.list_corrections() == []


def test_analyze_with_a_store_carries_its_corrections_and_validates(store, corrections_db, ids, validator, tmp_path):
    c = store.add_correction("reject_fact", f"{ids.saqr_story}:timeline:t-aa51364052", "a plan, not an event")
    out = tmp_path / "analysis.json"
    result = marsad("analyze", str(SAMPLE), "-o", str(out), db=corrections_db)
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [x["id"] for x in doc["corrections"]] == [c["id"]]
    story = next(s for s in doc["stories"] if s["id"] == ids.saqr_story)
    assert [t["id"] for t in story["timeline"] if t.get("rejected")] == ["t-aa51364052"]
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
