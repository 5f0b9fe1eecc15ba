"""The report `make demo` writes: `marsad analyze src/marsad/sample -o report.html`, opened in headless
Chromium: the real stories' timeline renders and a timeline source highlights its exact evidence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo")
    for name in ("report.html", "analysis.json"):
        done = subprocess.run([sys.executable, "-m", "marsad", "analyze", str(SAMPLE), "-o", str(out / name)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "5 stories" in done.stderr
    return out / "report.html", json.loads((out / "analysis.json").read_text(encoding="utf-8"))


def test_demo_report_is_one_offline_rtl_file_with_every_story(demo_report):
    path, doc = demo_report
    html = path.read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and "<script src" not in html and "<link" not in html
    for story in doc["stories"]:
        assert story["id"] in html


def test_demo_report_timeline_and_highlighted_evidence_in_chromium(demo_report, chromium):
    path, doc = demo_report
    saqr = max(doc["stories"], key=lambda s: len(s["articles"]))
    entry = next(t for t in saqr["timeline"] if t["date"] == "2025-11-06")
    source = entry["sources"][0]
    text = next(a["text"] for a in doc["articles"] if a["id"] == source["article"])
    expected = text[source["start"]:source["end"]]
    page = chromium.new_page(viewport={"width": 1000, "height": 700}, locale="ar")
    try:
        page.goto(path.as_uri())
        section = page.locator(f"#story-{saqr['id']}")
        times = section.locator(".timeline li.tl-entry .when time").all_inner_texts()
        assert [t["date"] for t in saqr["timeline"]] == times
        link = section.locator(f"a[href='#ev-{source['article']}-{source['start']}-{source['end']}']").first
        link.click()
        mark = page.locator("mark.ev").first
        mark.wait_for(state="visible")
        assert "".join(page.locator("mark.ev").all_text_contents()) == expected
    finally:
        page.close()
