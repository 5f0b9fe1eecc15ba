"""`stated_value`: what an expression states (deictic words resolved, a year or week read from the context left
as X), beside `value`; and the rules added for year-less numeric dates, days after the month, bare hours,
noon, clock spans, days of a named month and holidays. Sentences are written for these tests; the reference
is a Tuesday, 2025-09-30, unless a row says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.dates.relative import find_timexes
from marsad.document import timex_to_dict

REF = dt.date(2025, 9, 30)
AUG15 = dt.date(2015, 8, 3)  # after Eid al-Fitr 1436 (2015-07-17), before Eid al-Adha (2015-09-23)

# (sentence, ref, span, value, stated_value): the sentence holds exactly this one timex.
CASES = [
    # a year or a week read from the tense or the nearest day: X in stated_value
    ("وقعت الاتفاقية في 12 مارس", REF, "12 مارس", "2025-03-12", "XXXX-03-12"),
    ("ستصل البعثة في 12.", REF, "12", "2025-10-12", "XXXX-XX-12"),
    ("قال المتحدث إن الاجتماع عقد يوم الاثنين", REF, "يوم الاثنين", "2025-09-29", "XXXX-WXX-1"),
    ("وقع الانفجار فجر السبت قرب السوق", REF, "فجر السبت", "2025-09-27TMO", "XXXX-WXX-6TMO"),
    ("تجمع المحتجون ليلة الجمعة أمام المبنى", REF, "ليلة الجمعة", "2025-09-25TNI", "XXXX-WXX-4TNI"),
    ("نما الاقتصاد في الربع الثاني بوتيرة أسرع", REF, "الربع الثاني", "2025-Q2", "XXXX-Q2"),
    ("ترتفع الحرارة في منتصف الصيف", REF, "منتصف الصيف", "2025-SU", "XXXX-SU"),
    ("سيصل الوفد الثلاثاء في الصباح", REF, "الثلاثاء في الصباح", "2025-09-30TMO", "XXXX-WXX-2TMO"),
    # deictic words and written years: stated_value is value
    ("قالت الشرطة مساء أمس إن الحريق أُخمد", REF, "مساء أمس", "2025-09-29TEV", "2025-09-29TEV"),
    ("أعلن الجيش السبت الماضي مقتل أحد القادة", REF, "السبت الماضي", "2025-09-27", "2025-09-27"),
    ("اجتمع الطرفان في يوليو الماضي", REF, "يوليو الماضي", "2025-07", "2025-07"),
    ("صدر المرسوم في 5 مايو 2024", REF, "5 مايو 2024", "2024-05-05", "2024-05-05"),
    # the day after the month: with a year, or ending the clause
    ("ستنطلق الدورة في يناير 12.", REF, "يناير 12", "2026-01-12", "XXXX-01-12"),
    ("الاثنين، مارس الثالث والعشرين، 2026", REF, "الاثنين، مارس الثالث والعشرين، 2026", "2026-03-23",
     "2026-03-23"),
    ("قتل في يناير 3 أشخاص في الهجوم", REF, "يناير", "2025-01", "XXXX-01"),
    # numeric day and month without a year
    ("عقدت الجلسة في 22/4", REF, "22/4", "2025-04-22", "XXXX-04-22"),
    ("سيعود الوفد 4/25", REF, "4/25", "2026-04-25", "XXXX-04-25"),
    ("عقدت الجلسة في 3.9", REF, "3.9", "2025-09-03", "XXXX-09-03"),
    ("عاد الوفد يوم 14-8", REF, "يوم 14-8", "2025-08-14", "XXXX-08-14"),
    # numeric month of a year
    ("صدر التقرير في 3/2015 بعد تأخير", REF, "3/2015", "2015-03", "2015-03"),
    ("صدر التقرير 2015-3 بعد تأخير", REF, "2015-3", "2015-03", "2015-03"),
    # hours: a bare ordinal after في in a future sentence, noon after عند or a future verb, وقت الغداء
    ("سيصل الوفد في السابعة", REF, "السابعة", "T07", "T07"),
    ("سنلتقي عند الظهر", REF, "الظهر", "T12", "T12"),
    ("سننطلق الظهر", REF, "الظهر", "T12", "T12"),
    ("نلتقي الساعة 1 وقت الغداء", REF, "الساعة 1 وقت الغداء", "T13", "T13"),
    # holidays: the next within four months, else the last; X for the year in stated_value
    ("بدأت الاستعدادات لعيد الأضحى في المدينة", AUG15, "عيد الأضحى", "2015-09-23", "XXXX-XX-XX"),
    ("انتهت عطلة عيد الفطر المبارك", AUG15, "عيد الفطر المبارك", "2015-07-17", "XXXX-XX-XX"),
    ("لم يزر أهله منذ عيد الميلاد", REF, "عيد الميلاد", "2024-12-25", "XXXX-12-25"),
    ("يعود إلى بلده في عيد الميلاد المقبل", REF, "عيد الميلاد المقبل", "2025-12-25", "2025-12-25"),
    ("أقيم الحفل في عيد الميلاد عام 2019", REF, "عيد الميلاد عام 2019", "2019-12-25", "2019-12-25"),
]


@pytest.mark.parametrize("sentence, ref, span, value, stated", CASES, ids=[c[0] for c in CASES])
def test_value_and_stated_value(sentence, ref, span, value, stated):
    found = find_timexes(sentence, ref)
    assert [(sentence[t.start:t.end], t.value, t.stated_value) for t in found] == [(span, value, stated)]


# (sentence, ref, span, range, stated_range): spans of days and hours
RANGES = [
    ("ستقام الدورة من 3 إلى 12 أكتوبر", REF, "من 3 إلى 12 أكتوبر", ("2025-10-03", "2025-10-12"),
     ("XXXX-10-03", "XXXX-10-12")),
    ("أقيم المعرض من 2 أكتوبر إلى 22 أكتوبر 2024", REF, "من 2 أكتوبر إلى 22 أكتوبر 2024",
     ("2024-10-02", "2024-10-22"), ("2024-10-02", "2024-10-22")),
    ("يغلق المعبر من 10 إلى 15 الشهر المقبل", REF, "من 10 إلى 15 الشهر المقبل", ("2025-10-10", "2025-10-15"),
     ("2025-10-10", "2025-10-15")),
    ("أقيمت البطولة بين 3 و7 من الشهر الجاري", REF, "بين 3 و7 من الشهر الجاري", ("2025-09-03", "2025-09-07"),
     ("2025-09-03", "2025-09-07")),
    ("تفتح المعارض 4 - 6 مساء", REF, "4 - 6 مساء", ("T16", "T18"), ("T16", "T18")),
    ("يستقبل المركز الزوار من 5 إلى 9 مساء", REF, "من 5 إلى 9 مساء", ("T17", "T21"), ("T17", "T21")),
    ("عقد الاجتماع من 1:30 مساء إلى 3:30", REF, "من 1:30 مساء إلى 3:30", ("T13:30", "T15:30"),
     ("T13:30", "T15:30")),
    ("سيفتح المكتب يوم الخميس 1-3 مساء", REF, "يوم الخميس 1-3 مساء", ("2025-10-02T13", "2025-10-02T15"),
     ("XXXX-WXX-4T13", "XXXX-WXX-4T15")),
]


@pytest.mark.parametrize("sentence, ref, span, rng, stated_rng", RANGES, ids=[c[0] for c in RANGES])
def test_ranges_and_stated_ranges(sentence, ref, span, rng, stated_rng):
    found = find_timexes(sentence, ref)
    assert [(sentence[t.start:t.end], t.range, t.stated_range) for t in found] == [(span, rng, stated_rng)]
    assert found[0].value == rng[0] and found[0].stated_value == stated_rng[0]


NOTHING = [
    "صوت ثلاثة أرباع الأعضاء 3/4",  # a fraction: both numbers up to 12 and no date word before
    "فاز الفريق 22-4",  # a score
    "فاز الفريق 2-1 مساء",  # a score, not a span of hours
    "ارتفع المؤشر إلى 4.22.",  # a decimal
    "صدر القرار رقم 5/2019",  # a number
    "انضم إلى المدرسة في السابعة.",  # an age in a past sentence
    "تصل السرعة إلى 100 إطار في الثانية",  # per second
    "أصيب بطعنة في الظهر",  # the back
    "احتفل بعيد الميلاد الستين",  # a birthday
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_no_timex(sentence):
    assert find_timexes(sentence, REF) == []


def test_without_a_publication_date_stated_value_is_value():
    for sentence, *_ in CASES:
        for t in find_timexes(sentence, None):
            assert t.stated_value == t.value and not t.anchored


def test_the_json_record_carries_the_stated_value_and_range():
    text = "ستقام الدورة من 3 إلى 12 أكتوبر"
    d = timex_to_dict(text, find_timexes(text, REF)[0])
    assert (d["value"], d["stated_value"]) == ("2025-10-03", "XXXX-10-03")
    assert (d["range"], d["stated_range"]) == (["2025-10-03", "2025-10-12"], ["XXXX-10-03", "XXXX-10-12"])
