"""Day numbers alone, years in words, Reuters-style month pairs, weekdays linked to their dates, and the
other forms read since the news check set (tests/cases/news_timex_check.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.dates.relative import find_timexes

REF = dt.date(2016, 11, 7)  # a Monday
AUG = dt.date(2015, 8, 2)  # a Sunday, 17 Shawwal 1436

CASES = [
    # a day number alone: after يوم or في, ending its clause (or before a clock time)
    ("سأعود في 15", REF, "15", "DATE", "2016-11-15"),
    ("سأعود في 15", None, "15", "DATE", "XXXX-XX-15"),
    ("عاد الوفد يوم 3", REF, "يوم 3", "DATE", "2016-11-03"),
    ("سأعود في 15 الساعة 8:00", REF, "15 الساعة 8:00", "TIME", "2016-11-15T08:00"),
    # years in words, and in three digits after a year word
    ("في العاشر من سبتمبر ، ألفين", REF, "العاشر من سبتمبر ، ألفين", "DATE", "2000-09-10"),
    ("وقع ذلك عام ألف وتسعمائة وثمانية وسبعين", REF, "عام ألف وتسعمائة وثمانية وسبعين", "DATE", "1978"),
    ("سأخرج عام 247", REF, "عام 247", "DATE", "0247"),
    ("في الربع الأول من عام ألفين وعشرين", REF, "الربع الأول من عام ألفين وعشرين", "DATE", "2020-Q1"),
    # the weekend
    ("سأكون بالخارج في نهاية هذا الأسبوع", REF, "نهاية هذا الأسبوع", "DATE", "2016-W45-WE"),
    # a quarter without its year, in a clause about a period
    ("أظهرت الشركة خسائر في الربع الثاني", REF, "الربع الثاني", "DATE", "2016-Q2"),
    ("ستعلن الشركة نتائجها في الربع الأول", REF, "الربع الأول", "DATE", "2017-Q1"),
    # Reuters pairs a month with its Levantine name after a space
    ("قالت الوزارة في 25 أكتوبر تشرين الأول 2015", REF, "25 أكتوبر تشرين الأول 2015", "DATE", "2015-10-25"),
    ("أدنى مستوى منذ يونيو حزيران 2008", REF, "يونيو حزيران 2008", "DATE", "2008-06"),
    # a weekday (and اليوم) before a Hijri date, linked by الموافق / بتاريخ
    ("هاجم المسجد يوم الجمعة الموافق 9/9/1436هـ", AUG, "يوم الجمعة الموافق 9/9/1436هـ", "DATE", "2015-06-26"),
    ("تبدأ أعمالها اليوم الأحد 17 /10 /1436هـ", AUG, "اليوم الأحد 17 /10 /1436هـ", "DATE", "2015-08-02"),
    ("عقد المجلس جلسته بتاريخ16/10/1436هـ", AUG, "16/10/1436هـ", "DATE", "2015-08-01"),
    ("وينتهي الساعة الثالثة عصراً من يوم الجمعة بتاريخ 22/ 10/ 1436هـ", AUG,
     "الساعة الثالثة عصراً من يوم الجمعة بتاريخ 22/ 10/ 1436هـ", "TIME", "2015-08-07T15"),
    # vague plurals, counts glued to their words
    ("قاد الحركة سنوات طويلة", AUG, "سنوات طويلة", "DURATION", "PXY"),
    ("استؤنفت الرحلات بعد توقف دام حوالي4أشهر", AUG, "4أشهر", "DURATION", "P4M"),
    # a masculine ordinal is no hour
    ("فاز الفريق الأول مساء أمس", AUG, "مساء أمس", "TIME", "2015-08-01TEV"),
]


@pytest.mark.parametrize("sentence, ref, span, typ, value", CASES, ids=[c[2] for c in CASES])
def test_timex(sentence, ref, span, typ, value):
    found = find_timexes(sentence, ref)
    assert [(sentence[t.start:t.end], t.type, t.value) for t in found] == [(span, typ, value)]


@pytest.mark.parametrize("text, span, rng", [
    ("قم بإعداد الاجتماع من 1:30 بعد الظهر إلى 4.", "من 1:30 بعد الظهر إلى 4", ("T13:30", "T16")),
    ("عقد اجتماع من 3 إلى 3:30", "من 3 إلى 3:30", ("T03", "T03:30")),
])
def test_a_clock_span_with_a_bare_hour(text, span, rng):
    (t,) = find_timexes(text, REF)
    assert (text[t.start:t.end], t.value, t.range) == (span, rng[0], rng)


def test_a_clock_span_with_minutes_and_a_second_clock():
    text = "بين 8:30 و8:45 مساء."
    (t,) = find_timexes(text, AUG)
    assert (text[t.start:t.end], t.value, t.range) == ("بين 8:30 و8:45 مساء", "T20:30", ("T20:30", "T20:45"))


@pytest.mark.parametrize("sentence", [
    "شاركت في 15 دولة",
    "ارتفع عدد القتلى إلى 27.",
    "صور شخصية مقاس (4 في 6)",
    "سجل في الربع الأول من المباراة",
    "تقدم الفريق في النصف الأول",
    "تبرع بألفين ريال",
    "عام ألف",
    "وقع العام 300 جندي على العريضة",
])
def test_no_timex(sentence):
    assert find_timexes(sentence, REF) == []
