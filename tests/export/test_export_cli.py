"""`marsad export` end to end, in a subprocess, on a store holding the sample corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"
FILES = ["events.csv", "quotes.csv", "entities.csv", "claims.csv", "timeline.csv", "contradictions.csv",
         "corrections.csv"]


def marsad(*args, db):
    cmd = [sys.executable, "-m", "marsad", *args, "--db", db]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("export") / "store.db")
    assert marsad("ingest", str(SAMPLE), db=path).returncode == 0
    return path


def test_export_json_to_stdout_is_the_whole_store(db):
    result = marsad("export", db=db)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["format"] == "marsad.analysis/1" and len(doc["articles"]) == 12 and len(doc["stories"]) == 5


def test_export_story_geojson_and_zip(db, tmp_path):
    stories = json.loads(marsad("stories", "--format", "json", db=db).stdout)
    story = max(stories, key=lambda s: len(s["articles"]))
    result = marsad("export", "--format", "geojson", "--story", story["id"], db=db)
    assert result.returncode == 0, result.stderr
    features = json.loads(result.stdout)["features"]
    assert features and all(story["id"] in f["properties"]["stories"] for f in features)
    out = tmp_path / "story.zip"
    result = marsad("export", "--story", story["id"], "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"wrote {out}: events ")
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == FILES
        events = archive.read("events.csv").decode("utf-8-sig")
    assert story["id"] in events and all(other["id"] not in events for other in stories if other is not story)


def test_export_csv_folder_html_and_md(db, tmp_path):
    assert marsad("export", "-o", str(tmp_path / "tables") + "/", db=db).returncode == 0
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(FILES)
    assert marsad("export", "--format", "csv", "-o", str(tmp_path / "t2"), db=db).returncode == 0
    assert (tmp_path / "t2" / "quotes.csv").read_bytes().startswith(b"\xef\xbb\xbfarticle,outlet,")
    assert marsad("export", "-o", str(tmp_path / "r.html"), db=db).returncode == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    md = marsad("export", "--format", "md", db=db)
    assert md.returncode == 0 and md.stdout.startswith("# ")


@pytest.mark.parametrize("args, code, message", [
    (["--story", "s-nope"], 1, "error: no story with id 's-nope'"),
    (["--format", "csv"], 2, "error: --format csv needs -o (a folder or a .zip)"),
    (["--format", "html"], 2, "error: --format html needs -o (a file)"),
    (["-o", "x.csv"], 2, "error: csv writes one file per record type: give -o a folder or a .zip, not 'x.csv'"),
    (["-o", "out.xlsx"], 2, "error: cannot tell the format from 'out.xlsx': give --format"),
    (["--format", "xlsx"], 2, "Invalid value for '--format'"),
    (["-o", "/nonexistent-dir/x.json"], 1, "error: cannot write '/nonexistent-dir/x.json'"),
])
def test_export_errors_are_one_line_with_the_exit_code(db, args, code, message):
    result = marsad("export", *args, db=db)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr and result.stdout == ""
    if code == 1 or message.startswith("error:"):
        assert len(result.stderr.strip().splitlines()) == 1
