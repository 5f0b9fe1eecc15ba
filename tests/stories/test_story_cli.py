"""`marsad stories`, `marsad timeline`, `marsad eval stories` and the report formats of `analyze`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.read.encoding import decode

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"


def marsad(*args: str, db: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "marsad", *args] + (["--db", db] if db else [])
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("stories") / "s.db")
    assert marsad("ingest", str(SAMPLE), db=db).returncode == 0
    return db


def test_stories_lists_the_latest_first_with_dates_and_outlets(sample_db):
    stories = json.loads(marsad("stories", "--format", "json", db=sample_db).stdout)
    assert len(stories) == 5
    assert [s["last_date"] for s in stories] == sorted((s["last_date"] for s in stories), reverse=True)
    saqr = next(s for s in stories if len(s["articles"]) == 5)
    assert saqr["first_date"] == "2025-10-19" and len(saqr["outlets"]) == 4
    table = marsad("stories", "--format", "table", db=sample_db).stdout
    assert saqr["id"] in table and "2025-10-19 .. 2025-11-06" in table


def test_timeline_by_id_prefix_and_a_clear_error_for_an_unknown_story(sample_db):
    stories = json.loads(marsad("stories", "--format", "json", db=sample_db).stdout)
    saqr = next(s for s in stories if len(s["articles"]) == 5)
    line = json.loads(marsad("timeline", saqr["id"][:8], "--format", "json", db=sample_db).stdout)
    assert [t["date"] for t in line] == [t["date"] for t in saqr["timeline"]]
    table = marsad("timeline", saqr["id"], "--format", "table", db=sample_db).stdout
    assert "2025-11-05" in table and "HANDOVER" in table
    missing = marsad("timeline", "s-nothing", db=sample_db)
    assert missing.returncode == 1 and missing.stderr.strip() == "error: no story with id 's-nothing'"


def test_eval_stories_scores_b_cubed_on_labelled_articles(tmp_path):
    picks = {"01": "water", "02": "water", "06": "saqr", "07": "saqr", "09": "saqr", "12": "football"}
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for path in sorted(SAMPLE.glob("*.txt")):
            if path.name[:2] in picks:
                raw, _ = decode(path.read_bytes())  # 02 is Windows-1256
                fh.write(json.dumps({"url": f"http://t.example/{path.name[:2]}", "text": raw}, ensure_ascii=False) + "\n")
    groups: dict[str, list[str]] = {}
    for num, story in picks.items():
        groups.setdefault(story, []).append(f"http://t.example/{num}")
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps({"corpus": "corpus.jsonl", "stories": [{"members": m} for m in groups.values()]}))
    result = json.loads(marsad("eval", "stories", "--data", str(labels), "--json").stdout)
    assert (result["p"], result["r"], result["f1"]) == (1.0, 1.0, 1.0)
    assert result["articles"] == 6 and result["gold_stories"] == 3 and result["baseline_singletons_f1"] < 0.7
    bad = tmp_path / "bad.json"
    bad.write_text('{"stories": 3}')
    out = marsad("eval", "stories", "--data", str(bad))
    assert out.returncode == 2 and "bad.json: not a stories label file" in out.stderr and "Traceback" not in out.stderr


def test_analyze_writes_markdown_and_html_reports(tmp_path):
    for name in ("story.md", "story.html"):
        out = marsad("analyze", str(SAMPLE / "07_saqr-base-withdrawal.txt"), str(SAMPLE / "08_saqr-base-withdrawal-rerun.txt"),
                     "-o", str(tmp_path / name))
        assert out.returncode == 0, out.stderr
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "قاعدة الصقر" in text
    assert (tmp_path / "story.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
