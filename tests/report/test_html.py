"""The HTML report: one self-contained right-to-left file where every fact links to its exact span."""

from __future__ import annotations

import copy
import re

import pytest

from marsad.report import render_html

SCRIPT = "<script>alert(1)</script>"
ATTR = '" onmouseover="alert(2)" x="'


def hostile(doc: dict, ids: dict[str, str]) -> dict:
    """The story document with markup appended to article 07's text, and in its title, outlet, a speaker,
    a source URL and the story's own fields."""
    doc = copy.deepcopy(doc)
    art = next(a for a in doc["articles"] if a["id"] == ids["07"])
    start = len(art["text"]) + 1
    art["text"] += f"\n{SCRIPT} قال {ATTR}"
    art["title"] = f"{SCRIPT}{ATTR}"
    art["outlet"] = f"{ATTR}{SCRIPT}"
    art["source"] = "javascript:alert(3)"
    art["quotes"].append({**art["quotes"][0], "start": start, "end": start + len(SCRIPT), "text": SCRIPT,
                          "speaker": f"{SCRIPT}{ATTR}", "speaker_entity_id": None, "cue": ATTR})
    story = doc["stories"][0]
    story["title"] = SCRIPT
    story["timeline"][0]["summary"] = ATTR + SCRIPT
    story["timeline"][0]["modality"] = ATTR  # lands in class and data- attributes
    story["timeline"][0]["sources"].append({"article": ids["07"], "start": start, "end": len(art["text"])})
    story["coverage"][0]["outlet"] = SCRIPT
    return doc


@pytest.fixture(scope="module")
def html(story_doc) -> str:
    return render_html(story_doc)


@pytest.fixture(scope="module")
def report(html, parse):
    return parse(html)


def test_report_is_arabic_right_to_left(report):
    [root] = report.find("html")
    assert root["attrs"]["dir"] == "rtl" and root["attrs"]["lang"] == "ar"


def test_index_lists_the_story_with_its_span_outlets_and_article_count(report):
    [row] = report.find("tr", inside=report.ids["index"])[1:]
    assert "تسليم قاعدة الصقر الجوية" in row["text"]
    assert "2025-10-19" in row["text"] and "2025-11-06" in row["text"]
    assert "الضفة نيوز" in row["text"]
    assert row["text"].split()[-1] == "5"  # the five articles present; the missing sixth is not counted
    [link] = report.find("a", inside=row)
    assert link["attrs"]["href"] == "#story-s-saqr" and "story-s-saqr" in report.ids


def test_story_has_every_section(report):
    story = report.ids["story-s-saqr"]
    for cls in ("summary", "timeline-section", "quotes", "entities", "numbers", "comparisons", "coverage",
                "near-duplicates"):
        assert report.find("section", cls, inside=story), cls


def test_every_internal_link_points_at_an_existing_element_or_an_exact_span(report, story_doc):
    texts = {a["id"]: a["text"] for a in story_doc["articles"]}
    links = [e["attrs"]["href"] for e in report.find("a") if e["attrs"].get("href", "").startswith("#")]
    evidence = [h for h in links if h.startswith("#ev-")]
    assert len(evidence) > 50
    for href in links:
        if href.startswith("#ev-"):
            aid, start, end = re.fullmatch(r"#ev-(.+)-(\d+)-(\d+)", href).groups()
            assert f"art-{aid}" in report.ids and 0 <= int(start) < int(end) <= len(texts[aid])
        else:
            assert href[1:] in report.ids, href


def test_every_timeline_entry_and_quote_links_to_its_evidence(report, story_doc, ids):
    entries = report.find("li", "tl-entry")
    assert len(entries) == len(story_doc["stories"][0]["timeline"]) == 5
    for li in entries:
        assert any(a["attrs"]["href"].startswith("#ev-") for a in report.find("a", inside=li))
    quotes = report.find("li", "quote")
    in_story = [q for a in story_doc["articles"] if a["id"] in {ids[n] for n in ("06", "07", "08", "09", "10")}
                for q in a["quotes"]]
    assert len(quotes) == len(in_story) > 20
    for li in quotes:
        [link] = [a for a in report.find("a", inside=li) if a["attrs"]["href"].startswith("#ev-")]
        assert link["attrs"]["href"].split("-")[-2:] != ["0", "0"]


def test_timeline_shows_precision_and_a_plan_as_a_plan(report):
    entries = report.find("li", "tl-entry")
    dates = [report.find("time", inside=li)[0]["text"] for li in entries]
    assert dates == ["2025-10-19", "2025-11-03", "2025-11-05", "2025-12", "2026"]
    precision = [report.find("span", "precision", inside=li)[0]["text"] for li in entries]
    assert precision == ["يوم", "يوم", "يوم", "شهر", "سنة"]
    assert [li["attrs"]["data-modality"] for li in entries] == ["happened"] * 3 + ["planned"] * 2
    assert "planned" in entries[3]["classes"]
    assert report.find("span", "modality", inside=entries[3])[0]["text"] == "مخطط له"


def test_quotes_are_grouped_by_speaker(report):
    groups = {report.find("h4", inside=g)[0]["text"].split(" (")[0]: len(report.find("li", "quote", inside=g))
              for g in report.find("div", "speaker")}
    assert groups["رعد كاظم الجنابي"] == 4
    assert groups["مصدر أمني عراقي"] == 7  # 4 in 07 and 3 in its re-run 08
    assert groups["عبد الستار مهدي الفهداوي"] == 3


def test_places_show_coordinates_and_people_counts(report):
    places = report.find("div", "group-places")[0]
    habbaniyah = next(li for li in report.find("li", inside=places) if "الحبانية" in li["text"])
    assert "33.3800, 43.5800" in habbaniyah["text"]
    people = report.find("div", "group-people")[0]
    assert any("رعد كاظم الجنابي" in li["text"] for li in report.find("li", inside=people))


def test_numbers_list_each_quantity_with_its_outlet(report):
    rows = report.find("tr", inside=report.find("section", "numbers")[0])[1:]
    troops = [r["text"] for r in rows if "جندي" in r["text"]]
    assert len(troops) == 3
    assert any("أكثر من 1500 جندي" in t and "المرصد اليومي" in t for t in troops)


def test_contradiction_shows_both_claims_side_by_side(report):
    [box] = report.find("div", "contradiction")
    sides = report.find("div", "side", inside=box)
    assert len(sides) == 2
    assert "نحو 1200 جندي" in sides[0]["text"] and "الرافد" in sides[0]["text"]
    assert "أكثر من 1500 جندي" in sides[1]["text"] and "المرصد اليومي" in sides[1]["text"]
    [agreement] = report.find("div", "agreement")
    assert len(report.find("div", "side", inside=agreement)) == 2


def test_coverage_and_near_duplicates(report, ids):
    rows = report.find("tr", inside=report.find("section", "coverage")[0])[1:]
    assert [r["text"].split()[0] for r in rows][1:] == ["الرافد", "الضفة", "الأفق"]
    assert "مدرسة لتدريب الطيارين" in rows[0]["text"]
    [pair] = report.find("li", inside=report.find("section", "near-duplicates")[0])
    hrefs = [a["attrs"]["href"] for a in report.find("a", inside=pair)]
    assert hrefs == [f"#art-{ids['07']}", f"#art-{ids['08']}"]
    assert "إعادة نشر" in report.ids[f"art-{ids['08']}"]["text"]


def test_article_segments_rebuild_each_text_exactly(report, story_doc):
    for article in story_doc["articles"]:
        segments = report.segments[article["id"]]
        assert "".join(text for _, text in segments) == article["text"]
        assert all(article["text"][start:start + len(text)] == text for start, text in segments)
    sentence_ids = [e["attrs"]["id"] for e in report.find("span", "s")]
    assert len(sentence_ids) == len(set(sentence_ids)) >= 5 * len(story_doc["articles"])


def test_self_contained_nothing_is_fetched(report, html, story_doc):
    assert not [e for e in report.elements if "src" in e["attrs"]]
    assert not report.find("link") and not report.find("iframe") and not report.find("img")
    [style] = report.find("style")
    assert "url(" not in style["text"] and "@import" not in style["text"]
    assert len(report.find("script")) == 1
    [csp] = [m for m in report.find("meta") if m["attrs"].get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp["attrs"]["content"]
    sources = {a["source"] for a in story_doc["articles"]}
    for a in report.find("a"):
        href = a["attrs"]["href"]
        if not href.startswith("#"):  # only an article's own web address, as a link the reader may click
            assert "source" in a["classes"] and href in sources and href.startswith("https://"), href
    assert len(report.find("a", "source")) == len([s for s in sources if s.startswith("https://")])


def test_document_without_stories_lists_every_article(sample_doc, parse):
    page = parse(render_html(sample_doc))
    assert "no-stories" in page.ids and not page.find("section", "story")
    assert len(page.find("details", "article")) == len(sample_doc["articles"]) >= 5


def test_story_articles_and_evidence_missing_from_the_document_are_skipped(story_doc, parse, fixture_builder):
    page = parse(render_html(story_doc))
    assert f"art-{fixture_builder.MISSING}" not in page.ids
    assert not [a for a in page.find("a") if fixture_builder.MISSING in a["attrs"]["href"]]
    bullet = page.find("li", inside=page.find("section", "summary")[0])[1]
    assert len(page.find("a", "src", inside=bullet)) == 1  # the second source names the missing article
    assert page.ids["dropped"]["text"] == "1"
    doc = copy.deepcopy(story_doc)
    doc["articles"] = [a for a in doc["articles"] if a["id"] in doc["stories"][0]["articles"][:2]]
    page = parse(render_html(doc))
    assert len(page.find("details", "article")) == 2
    assert len(page.find("li", "tl-entry")) == 5  # entries stay, with only the sources that resolve


def test_markup_in_article_fields_is_shown_as_text(story_doc, ids, parse):
    html = render_html(hostile(story_doc, ids))
    page = parse(html)
    assert html.count("<script") == 1 and "alert(1)</script>" not in html
    assert not [e for e in page.elements if "onmouseover" in e["attr_names"] or "x" in e["attr_names"]]
    [entry] = [li for li in page.find("li", "tl-entry") if li["attrs"]["data-modality"] == ATTR]
    assert any(ATTR in a["attrs"].get("title", "") for a in page.find("a", "src", inside=entry))
    assert not [a for a in page.find("a") if "javascript:" in a["attrs"].get("href", "")]
    assert SCRIPT in page.ids[f"art-{ids['07']}"]["text"]
    assert any(SCRIPT + ATTR in g["text"] for g in page.find("div", "speaker"))
    assert SCRIPT in page.find("h2", inside=page.ids["story-s-saqr"])[0]["text"]
