"""The `marsad` command end to end, in a subprocess, on the bundled sample corpus and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "marsad" / "sample"


def marsad(*args, db=None):
    cmd = [sys.executable, "-m", "marsad", *args] + (["--db", db] if db else [])
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_cli_ingest_is_idempotent_and_summarised(db_path):
    first = marsad("ingest", str(SAMPLE), db=db_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "ingested 12, unchanged 0, skipped 0"
    again = marsad("ingest", str(SAMPLE), db=db_path)
    assert again.stdout.strip() == "ingested 0, unchanged 12, skipped 0"


def test_cli_bad_input_one_line_each_and_exit_1(tmp_path, db_path):
    tmp_path = tmp_path / "inputs"
    tmp_path.mkdir()
    (tmp_path / "good.txt").write_text("قال وزير الزراعة إن موسم الحصاد بدأ مبكرا هذا العام بسبب ارتفاع الحرارة.",
                                       encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    result = marsad("ingest", str(tmp_path), str(tmp_path / "absent.txt"), db=db_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4 and all(": skipped (" in ln for ln in lines)
    assert any(ln.startswith(str(tmp_path / "empty.txt")) and "(empty" in ln for ln in lines)
    assert result.stdout.strip() == "ingested 1, unchanged 0, skipped 4"
    # what was stored before stays stored
    listed = json.loads(marsad("articles", "--format", "json", db=db_path).stdout)
    assert len(listed) == 1


def test_cli_articles_json_and_show(db_path):
    marsad("ingest", str(SAMPLE), db=db_path)
    listed = json.loads(marsad("articles", "--format", "json", db=db_path).stdout)
    assert len(listed) == 12
    first = listed[0]
    for key in ("id", "content_hash", "source", "outlet", "outlet_evidence", "cited_outlets", "published",
                "published_how", "title", "authors", "language", "text", "boilerplate", "summary_box"):
        assert key in first
    assert len(json.loads(marsad("articles", "--format", "json", "--limit", "3", db=db_path).stdout)) == 3
    shown = marsad("show", first["id"], "--format", "table", db=db_path)
    assert shown.returncode == 0 and first["text"][:40] in shown.stdout and "removed" in shown.stdout
    as_json = json.loads(marsad("show", first["id"], "--format", "json", db=db_path).stdout)
    assert as_json == first


def test_cli_show_unknown_id_is_one_line_error(db_path):
    result = marsad("show", "nope", db=db_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: no article with id 'nope'"


def test_cli_usage_error_exit_2():
    result = marsad("ingest")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_cli_stages_table_is_pinned():
    out = marsad("stages").stdout
    names = [ln.split()[0] for ln in out.strip().splitlines()[2:]]
    assert names == ["clean", "metadata", "published", "language", "segment", "timexes", "mentions", "quantities", "quotes", "events", "claims"]


def test_cli_articles_json_validates_against_the_schema(db_path):
    import jsonschema

    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "article.schema.json").read_text())
    marsad("ingest", str(SAMPLE), db=db_path)
    for article in json.loads(marsad("articles", "--format", "json", db=db_path).stdout):
        jsonschema.validate(article, schema)
        ev = article["outlet_evidence"]
        if ev:
            assert article["text"][ev["start"]:ev["end"]] == article["outlet_source"]["text"]


def test_cli_non_arabic_text_is_stored_with_a_warning(tmp_path, db_path):
    src = tmp_path / "english.txt"
    src.write_text("The port authority said on Monday that ship traffic rose sharply last month, "
                   "and that the new berths would open before the end of next year.", encoding="utf-8")
    result = marsad("ingest", str(src), db=db_path)
    assert result.returncode == 0 and result.stdout.strip() == "ingested 1, unchanged 0, skipped 0"
    assert "language is 'en', not Arabic" in result.stderr
    [article] = json.loads(marsad("articles", "--format", "json", db=db_path).stdout)
    assert article["language"] == "en"


def test_cli_entities_and_quotes_by_speaker(db_path):
    marsad("ingest", str(SAMPLE), db=db_path)
    entities = json.loads(marsad("entities", "--format", "json", db=db_path).stdout)
    by_name = {e["canonical"]: e for e in entities}
    assert by_name["العراق"]["type"] == "GPE" and by_name["العراق"]["wikidata"] == "Q796"
    assert by_name["العراق"]["lat"] is not None and len(by_name["العراق"]["articles"]) >= 5
    people = [e for e in entities if e["type"] == "PERSON"]
    assert people and all(e["mentions"] >= 1 for e in people)
    table = marsad("entities", "--format", "table", "--type", "FAC", db=db_path).stdout
    assert "قاعدة الصقر" in table and "GPE" not in table
    # one speaker's statements across articles, by name
    quotes = json.loads(marsad("quotes", "--speaker", "الشمري", "--format", "json", db=db_path).stdout)
    assert len({q["article"] for q in quotes}) >= 2
    assert all("الشمري" in (q["speaker"] or "") for q in quotes)
    assert json.loads(marsad("quotes", "--speaker", "لا أحد بهذا الاسم", "--format", "json", db=db_path).stdout) == []
