"""The Markdown report: the HTML report's sections, with evidence as (outlet, date, «snippet»)."""

from __future__ import annotations

import copy
import re

import pytest

from marsad.report import render_markdown


@pytest.fixture(scope="module")
def md(story_doc) -> str:
    return render_markdown(story_doc)


def section(md: str, heading: str) -> str:
    """The lines under a '### heading' up to the next heading of that level or above."""
    match = re.search(rf"^### {re.escape(heading)}.*?\n(.*?)(?=^#{{1,3}} )", md, re.S | re.M)
    assert match, heading
    return match.group(1)


def test_sections_in_order(md):
    headings = re.findall(r"^(#{1,3}) (.+)$", md, re.M)
    assert [h for level, h in headings if level == "###"] == [
        "الملخص (2025-11-06)", "الخط الزمني", "من قال ماذا", "الكيانات والأماكن", "الأرقام", "التوافق والتناقض",
        "التغطية حسب الوسيلة الإعلامية", "نسخ مكررة"]
    assert headings[0] == ("#", "تقرير مرصد") and headings[-1] == ("##", "المقالات")


def test_index_row(md):
    assert ("| تسليم قاعدة الصقر الجوية إلى الجيش العراقي | من 2025-10-19 إلى 2025-11-06 | "
            "المرصد اليومي، الرافد، الضفة نيوز، الأفق الغربي | 5 |") in md


def test_timeline_entries_carry_precision_modality_and_evidence(md):
    lines = section(md, "الخط الزمني").strip().splitlines()
    assert len(lines) == 5
    assert lines[1] == ("- **2025-11-03** (يوم) · انسحاب · **وقع**: مغادرة آخر دفعة من قوات التحالف "
                        "(الرافد، 2025-11-03، «مغادرة آخر دفعة من قوات التحالف الدولي قاعدة الصقر الجوية») "
                        "(الضفة نيوز، 2025-11-04، «الدفعة الأخيرة خرجت فجر أمس»)")
    assert lines[3].startswith("- **2025-12** (شهر) · انتشار · **مخطط له**: ")
    assert lines[4].startswith("- **2026** (سنة) ")


def test_quotes_grouped_under_their_speaker(md):
    quotes = section(md, "من قال ماذا")
    block = quotes.split("#### مصدر أمني عراقي (7)")[1].split("####")[0]
    assert block.count("\n- ") == 7 and block.count("(الضفة نيوز، 2025-11-04) · إعادة نشر") == 3


def test_contradiction_lists_both_claims(md):
    text = section(md, "التوافق والتناقض")
    assert "- **عدد جنود التحالف الذين غادروا القاعدة** (رقم): 1200 مقابل أكثر من 1500" in text
    assert "  - «نحو 1200 جندي» (الرافد، 2025-11-03) · القيمة: 1200 · بتاريخ 2025-11-03" in text
    assert "  - «أكثر من 1500 جندي» (المرصد اليومي، 2025-11-06) · القيمة: 1500 · بتاريخ 2025-11-06" in text


def test_numbers_show_the_value_when_it_says_more(md):
    lines = section(md, "الأرقام").strip().splitlines()
    assert "- نحو 1200 جندي (الرافد، 2025-11-03)" in lines
    assert "- ٢٥ كيلومتراً — 25 كيلومتر (المرصد اليومي، 2025-10-19)" in lines


def test_places_with_coordinates(md):
    assert "الحبانية (5) [33.3800, 43.5800]" in section(md, "الكيانات والأماكن")


def test_missing_article_is_skipped(md, fixture_builder):
    assert fixture_builder.MISSING not in md
    assert "مقالات غير موجودة في هذه الوثيقة: 1" in md


def test_document_without_stories(sample_doc):
    md = render_markdown(sample_doc)
    assert "لا توجد قصص في هذه الوثيقة" in md and "### " not in md
    assert md.count("\n- ") == len(sample_doc["articles"])


def test_markup_is_escaped(story_doc, ids):
    doc = copy.deepcopy(story_doc)
    art = next(a for a in doc["articles"] if a["id"] == ids["07"])
    art["title"] = "<script>alert(1)</script> [x](javascript:alert(2))"
    doc["stories"][0]["timeline"][0]["summary"] = "*bold* <img src=x onerror=alert(3)>"
    md = render_markdown(doc)
    hostile = [line for line in md.splitlines() if "alert(" in line]
    assert len(hostile) >= 3  # the summary line, the near-duplicate pair and the article list
    for line in hostile:  # every bracket and star from the text escaped; "**" around labels is ours
        assert not re.search(r"(?<!\\)[<>\[\]]|(?<![\\*])\*(?!\*)", line), line
    assert r"\<script\>alert(1)\</script\> \[x\](javascript:alert(2))" in md
    assert r"\*bold\* \<img src=x onerror=alert(3)\>" in md
