"""The cleaner on small web-like texts written for these tests: what goes, what stays, and why."""

from __future__ import annotations

import pytest

from marsad.stages.clean import clean_text

P1 = "قال رئيس هيئة الموانئ إن حركة السفن في ميناء أم قصر ارتفعت خلال الشهر الماضي بنسبة كبيرة مقارنة بالعام السابق."
P2 = "وأضاف أن الهيئة تعمل على توسيع الأرصفة الجديدة، وأن أعمال التوسعة ستنتهي قبل نهاية العام المقبل وفق الجدول المعتمد."
P3 = "وأشار إلى أن الميناء يستقبل يوميا عشرات الشاحنات المحملة بالبضائع المتجهة إلى المحافظات الوسطى والجنوبية من البلاد."


def reasons(raw):
    body, removed, summary = clean_text(raw)
    return body, {r.text: r.reason for r in removed}, summary


def test_clean_header_footer_and_body():
    raw = "\n".join(["TOP", "الرئيسية", "جريدة الخليج > اقتصاد > حركة الموانئ", "حركة السفن ترتفع في ميناء أم قصر",
                     "نشر في: 3 نوفمبر، 2025: 09:15 م", "بقلم: سامي ناصر", "", P1, "", "توسعة الأرصفة", "", P2,
                     "", "", "", "", P3, "شارك هذا الخبر", "facebook twitter whatsapp", "اترك تعليقا",
                     "120 حرف متبقي", "مقالات ذات صلة", "عنوان خبر آخر لا علاقة له بالموضوع هنا", P1 + " تكملة."])
    body, why, summary = reasons(raw)
    assert body == f"{P1}\n\nتوسعة الأرصفة\n\n{P2}\n\n{P3}"
    assert why == {"TOP": "navigation", "الرئيسية": "navigation", "جريدة الخليج > اقتصاد > حركة الموانئ": "navigation",
                   "حركة السفن ترتفع في ميناء أم قصر": "title", "نشر في: 3 نوفمبر، 2025: 09:15 م": "date",
                   "بقلم: سامي ناصر": "byline", "شارك هذا الخبر": "social", "facebook twitter whatsapp": "social",
                   "اترك تعليقا": "comments", "120 حرف متبقي": "after_end", "مقالات ذات صلة": "after_end",
                   "عنوان خبر آخر لا علاقة له بالموضوع هنا": "after_end", P1 + " تكملة.": "after_end"}
    assert summary is None


@pytest.mark.parametrize("raw, bullets", [
    (f"date 2025-11-04 - السفن تزداد في الموانئ الجنوبية هذا الشهر. - الأرصفة الجديدة تفتتح العام المقبل.\n{P1}",
     ["السفن تزداد في الموانئ الجنوبية هذا الشهر.", "الأرصفة الجديدة تفتتح العام المقبل."]),
    (f"2025-11-04\n• السفن تزداد في الموانئ الجنوبية هذا الشهر.\n• الأرصفة الجديدة تفتتح العام المقبل.\n{P1}",
     ["السفن تزداد في الموانئ الجنوبية هذا الشهر.", "الأرصفة الجديدة تفتتح العام المقبل."]),
])
def test_clean_summary_box_goes_to_its_own_field(raw, bullets):
    body, _, summary = reasons(raw)
    assert summary == bullets and body == P1


def test_clean_joins_a_paragraph_cut_mid_sentence():
    cut = "وأكد الوزير في بيانه، الذي وزعه مكتبه مساء أمس، أن الحكومة ستواصل دعم الموانئ وتأهيل الأرصفة القديمة وتطوير"
    body, _, _ = reasons(f"{P1}\n\n{cut}\n\nالطرق المؤدية إليها خلال السنوات الخمس المقبلة بتمويل محلي ودولي.\n\n{P2}")
    assert f"{cut} الطرق المؤدية" in body and body.endswith(P2)


def test_clean_keeps_a_dateline_and_a_credit_line():
    body, why, _ = reasons(f"وكالة النهرين- البصرة\n\n{P1}\n{P2}\nعن رويترز\n\nالرئيسية")
    assert body.startswith("وكالة النهرين- البصرة\n\n") and body.endswith("\nعن رويترز")
    assert why == {"الرئيسية": "trailer"} or why == {"الرئيسية": "navigation"}


def test_clean_english_article_keeps_its_latin_lines():
    text = ("The port authority said on Monday that ship traffic rose sharply last month.\n"
            "Officials expect the new berths to open before the end of next year.")
    body, why, _ = reasons(text)
    assert body == text and why == {}


@pytest.mark.parametrize("raw", ["", "\n\n\n", "TOP\nالرئيسية", "facebook twitter"])
def test_clean_nothing_left_is_an_empty_body(raw):
    assert reasons(raw)[0] == ""
