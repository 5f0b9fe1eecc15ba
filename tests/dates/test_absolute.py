"""Absolute dates: table-driven positives (span, value, precision), negatives, Hijri conversions, publication date."""

from __future__ import annotations

import pytest
from hijridate import Hijri
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dates import DateMatch, find_dates, find_publication_date

# (sentence, [(matched text, value, precision, calendar), ...]) -- every date the sentence holds.
POSITIVE = [
    # numeric forms
    ("أصدرت الوزارة بيانها المؤرخ 2026-01-14 حول الحدود", [("2026-01-14", "2026-01-14", "day", "gregorian")]),
    ("بتاريخ 2026/01/14 وصلت الدفعة الأولى", [("2026/01/14", "2026-01-14", "day", "gregorian")]),
    ("وقع الطرفان الاتفاق يوم 14/01/2026 في القاهرة", [("14/01/2026", "2026-01-14", "day", "gregorian")]),
    ("صدر القرار 14-1-2026 عن مجلس الوزراء", [("14-1-2026", "2026-01-14", "day", "gregorian")]),
    ("انعقدت الجلسة في 14.01.2026 بحضور النواب", [("14.01.2026", "2026-01-14", "day", "gregorian")]),
    ("بتاريخ ١٤/٠١/٢٠٢٦ أعلن المتحدث", [("١٤/٠١/٢٠٢٦", "2026-01-14", "day", "gregorian")]),
    ("في 3 / 2 / 2025 بدأ العمل بالقانون", [("3 / 2 / 2025", "2025-02-03", "day", "gregorian")]),
    ("posted 01/14/2026 by admin", [("01/14/2026", "2026-01-14", "day", "gregorian")]),
    ("آخر تحديث 2026-01-14T10:30:00Z", [("2026-01-14T10:30:00Z", "2026-01-14T10:30", "minute", "gregorian")]),
    ("الأحد 05/04/2026 - 09:15 م", [("الأحد 05/04/2026 - 09:15 م", "2026-04-05T21:15", "minute", "gregorian")]),
    ("تعميم رقم 12 بتاريخ 26-7-2015م", [("26-7-2015م", "2015-07-26", "day", "gregorian")]),
    # day month year, with the Levantine, Gulf/Egyptian, Maghrebi and Moroccan names
    ("عقد المجلس جلسته في ٦ كانون الثاني ٢٠٢٦ برئاسة النائب الأول",
     [("٦ كانون الثاني ٢٠٢٦", "2026-01-06", "day", "gregorian")]),
    ("افتتح المعرض أبوابه 6 يناير، 2026 في الرياض", [("6 يناير، 2026", "2026-01-06", "day", "gregorian")]),
    ("أعلن الجيش الثلاثاء 6 يناير 2026 انتهاء العملية", [("الثلاثاء 6 يناير 2026", "2026-01-06", "day", "gregorian")]),
    ("صدر العدد الخميس، 8 يناير 2026", [("الخميس، 8 يناير 2026", "2026-01-08", "day", "gregorian")]),
    ("تقام البطولة يوم 5 جويلية 2024 بالعاصمة", [("5 جويلية 2024", "2024-07-05", "day", "gregorian")]),
    ("افتتحت الدورة 3 شتنبر 2024 بالرباط", [("3 شتنبر 2024", "2024-09-03", "day", "gregorian")]),
    ("وصلت الشحنة في 17 من سبتمبر 2024 إلى الميناء", [("17 من سبتمبر 2024", "2024-09-17", "day", "gregorian")]),
    ("اجتمع الوفدان في الـ12 من يناير 2025", [("12 من يناير 2025", "2025-01-12", "day", "gregorian")]),
    ("بين 2 يناير 2026 و6 يناير 2026 تراجع الإنتاج",
     [("2 يناير 2026", "2026-01-02", "day", "gregorian"), ("6 يناير 2026", "2026-01-06", "day", "gregorian")]),
    ("وصل الوفد في 6 كانون الثاني (يناير) 2026", [("6 كانون الثاني (يناير) 2026", "2026-01-06", "day", "gregorian")]),
    ("۶ يناير ۲۰۲۶ موعد التسليم", [("۶ يناير ۲۰۲۶", "2026-01-06", "day", "gregorian")]),
    ("يُعقد المؤتمر في 29 فبراير 2024", [("29 فبراير 2024", "2024-02-29", "day", "gregorian")]),
    # spelling variants fold: hamza forms, ة/ه, diacritics, tatweel
    ("صدر في 4 ابريل 2023 ثم في 4 إبريل 2023", [("4 ابريل 2023", "2023-04-04", "day", "gregorian"),
                                                ("4 إبريل 2023", "2023-04-04", "day", "gregorian")]),
    ("نُشر في 9 يونية 2022", [("9 يونية 2022", "2022-06-09", "day", "gregorian")]),
    ("في أيّار 2020 أغلقت المدارس", [("أيّار 2020", "2020-05", "month", "gregorian")]),
    ("تأجل إلى 10 يـنـايـر 2025", [("10 يـنـايـر 2025", "2025-01-10", "day", "gregorian")]),
    # with a clock time
    ("آخر تحديث: 19 يناير, 2026: 12:07 ص", [("19 يناير, 2026: 12:07 ص", "2026-01-19T00:07", "minute", "gregorian")]),
    ("يبدأ الاجتماع 3 مارس 2025 3:15 م", [("3 مارس 2025 3:15 م", "2025-03-03T15:15", "minute", "gregorian")]),
    ("الموعد 3 مارس 2025 12:30 م", [("3 مارس 2025 12:30 م", "2025-03-03T12:30", "minute", "gregorian")]),
    ("انطلقت القافلة 3 مارس 2025 الساعة 10 صباحا", [("3 مارس 2025 الساعة 10 صباحا", "2025-03-03T10:00", "minute", "gregorian")]),
    ("وقع الانفجار 3 مارس 2025 9:45 ليلا", [("3 مارس 2025 9:45 ليلا", "2025-03-03T21:45", "minute", "gregorian")]),
    ("تبدأ الصلاة 3 مارس 2025 الساعة 1.30 ظهرا", [("3 مارس 2025 الساعة 1.30 ظهرا", "2025-03-03T13:30", "minute", "gregorian")]),
    ("أغلق السوق 3 مارس 2025، 7 محلات", [("3 مارس 2025", "2025-03-03", "day", "gregorian")]),
    # month and year, paired names
    ("بدأت المفاوضات في سبتمبر/ أيلول 2025 بين الجانبين", [("سبتمبر/ أيلول 2025", "2025-09", "month", "gregorian")]),
    ("تنتهي المهمة في أيلول/سبتمبر 2025", [("أيلول/سبتمبر 2025", "2025-09", "month", "gregorian")]),
    ("تشكل التحالف في سبتمبر/أيلول عام 2014", [("سبتمبر/أيلول عام 2014", "2014-09", "month", "gregorian")]),
    ("تأسست الهيئة في أيلول 2014 بقرار حكومي", [("أيلول 2014", "2014-09", "month", "gregorian")]),
    ("في نوفمبر 2024 قررت اللجنة", [("نوفمبر 2024", "2024-11", "month", "gregorian")]),
    ("وسبتمبر 2024 شهد تراجعا", [("سبتمبر 2024", "2024-09", "month", "gregorian")]),
    ("جرت الانتخابات في تشرين أول 2023", [("تشرين أول 2023", "2023-10", "month", "gregorian")]),
    ("ارتفعت الأسعار في مارس 2024", [("مارس 2024", "2024-03", "month", "gregorian")]),
    ("في آب 2014 سقطت المدينة", [("آب 2014", "2014-08", "month", "gregorian")]),
    ("صدر القانون في أفريل 2023", [("أفريل 2023", "2023-04", "month", "gregorian")]),
    ("بدأت الاتصالات في يناير/ كانون الثاني من العام 2025",
     [("يناير/ كانون الثاني من العام 2025", "2025-01", "month", "gregorian")]),
    # no year: year None, value with XXXX
    ("انطلقت الجولة الأولى في 27 يناير/ كانون الثاني الماضي",
     [("27 يناير/ كانون الثاني", "XXXX-01-27", "day", "gregorian")]),
    ("في 17 سبتمبر أعلنت الحكومة", [("17 سبتمبر", "XXXX-09-17", "day", "gregorian")]),
    ("و6 يناير شهد توترا", [("6 يناير", "XXXX-01-06", "day", "gregorian")]),
    ("قال في تموز/يوليو الماضي", [("تموز/يوليو", "XXXX-07", "month", "gregorian")]),
    ("زار المدينة 5 آب الفائت", [("5 آب", "XXXX-08-05", "day", "gregorian")]),
    # a year alone, only with a year word
    ("بدأت الأزمة منذ عام 2014 وتفاقمت في العام 2024",
     [("عام 2014", "2014", "year", "gregorian"), ("العام 2024", "2024", "year", "gregorian")]),
    ("خطة سنة 2030 للتنمية", [("سنة 2030", "2030", "year", "gregorian")]),
    ("الميزانية لعام 2024 وللعام 2025", [("عام 2024", "2024", "year", "gregorian"), ("للعام 2025", "2025", "year", "gregorian")]),
    ("ولد عام 1990م في الموصل", [("عام 1990م", "1990", "year", "gregorian")]),
    # a three-digit year needs its era marker
    ("وصل الوفد في 21 يوليو (تموز) 921م", [("21 يوليو (تموز) 921م", "0921-07-21", "day", "gregorian")]),
]

HIJRI = [
    # (sentence, matched text, (hijri y, m, d or None), precision)
    ("يوافق ذلك 15 رجب 1447 هـ حسب التقويم", "15 رجب 1447 هـ", (1447, 7, 15), "day"),
    ("الموافق ١٥ رَجَب ١٤٤٧ ه\u200d", "١٥ رَجَب ١٤٤٧ ه\u200d", (1447, 7, 15), "day"),
    ("صدر في 15 جمادى الآخرة 1446 هـ", "15 جمادى الآخرة 1446 هـ", (1446, 6, 15), "day"),
    ("حرر في 3 ذي القعدة 1445هـ", "3 ذي القعدة 1445هـ", (1445, 11, 3), "day"),
    ("الأحد 10-10-1436هـ", "الأحد 10-10-1436هـ", (1436, 10, 10), "day"),
    ("الاثنين 4 /10 /1436هـ موعد الاختبار", "الاثنين 4 /10 /1436هـ", (1436, 10, 4), "day"),
    ("بتاريخ 10/10/1436 صدر التعميم", "10/10/1436", (1436, 10, 10), "day"),
    ("حلول رمضان 1446هـ", "رمضان 1446هـ", (1446, 9, None), "month"),
    ("في شوال عام 1436 هـ", "شوال عام 1436 هـ", (1436, 10, None), "month"),
]


def _triples(text: str) -> list[tuple[str, str, str, str]]:
    return [(m.text, m.value, m.precision, m.calendar) for m in find_dates(text)]


@pytest.mark.parametrize("text, expected", POSITIVE, ids=[c[0][:30] for c in POSITIVE])
def test_positive(text, expected):
    assert _triples(text) == expected


@pytest.mark.parametrize("text", [c[0] for c in POSITIVE + HIJRI])
def test_spans_are_exact(text):
    for m in find_dates(text):
        assert text[m.start:m.end] == m.text
        assert m.text == m.text.strip()


@pytest.mark.parametrize("text, span, hijri, precision", HIJRI, ids=[c[1] for c in HIJRI])
def test_hijri_converts_with_hijridate(text, span, hijri, precision):
    (m,) = find_dates(text)
    y, mo, d = hijri
    assert (m.text, m.calendar, m.precision) == (span, "hijri", precision)
    assert (m.year, m.month, m.day) == hijri
    if d is not None:
        assert m.value == Hijri(y, mo, d).to_gregorian().isoformat()
        assert m.range is None
    else:
        first = Hijri(y, mo, 1).to_gregorian()
        assert m.value == first.isoformat()[:7]
        assert m.range[0] == first.isoformat()


def test_hijri_month_range_and_year():
    (ramadan,) = find_dates("رمضان 1446هـ")
    assert ramadan.range == ("2025-03-01", "2025-03-29")  # Umm al-Qura: 29 days that year
    (year,) = find_dates("تأسست عام 1446 هـ")
    assert (year.text, year.value, year.precision, year.calendar) == ("عام 1446 هـ", "2024", "year", "hijri")
    assert year.range == (Hijri(1446, 1, 1).to_gregorian().isoformat(), "2025-06-25")
    (alone,) = find_dates("الخطة الخمسية 1447هـ")
    assert (alone.text, alone.year, alone.calendar) == ("1447هـ", 1447, "hijri")


def test_hijri_day_30_in_a_29_day_month_rolls_over():
    (m,) = find_dates("30 رمضان 1446 هـ")
    assert m.value == "2025-03-30"  # the tables end Ramadan 1446 on the 29th (2025-03-29)


def test_fields_of_a_full_match():
    text = "نشر في: 19 يناير, 2026: 12:07 ص"
    (m,) = find_dates(text)
    assert m == DateMatch(start=8, end=len(text), text=text[8:], year=2026, month=1, day=19, hour=0, minute=7,
                          calendar="gregorian", value="2026-01-19T00:07", precision="minute", range=None)


def test_month_range_and_year_range_gregorian():
    (m,) = find_dates("في فبراير 2024")
    assert (m.year, m.month, m.day, m.range) == (2024, 2, None, ("2024-02-01", "2024-02-29"))
    (y,) = find_dates("خلال العام 2023")
    assert y.range == ("2023-01-01", "2023-12-31")


def test_dataclass_is_frozen_and_slotted():
    (m,) = find_dates("6 يناير 2026")
    assert not hasattr(m, "__dict__")
    with pytest.raises(AttributeError):
        m.year = 2000  # type: ignore[misc]


NEGATIVE = [
    "وكان عدد الجنود نحو 2500 جندي في القاعدة",
    "شاركت 85 دولة في المؤتمر",
    "تستمر المرحلة الانتقالية 12 شهراً",
    "في 2024 تغيرت المعادلة",
    "حصل على المركز الـ 12",
    "للاستفسار اتصل على 0770-123-4567 أو 07701234567",
    "رقم الهاتف +964 770 123 4567",
    "ارتفع المؤشر 4.. ثم هبط",
    "بنسبة 15% مقابل 2.5% و ١٢٪",
    "مارس الضغط على الحكومة",
    "مارس الرئيس صلاحياته الدستورية",
    "عاد آب إلى بيته",
    "بين يناير وفبراير تراجعت الصادرات",
    "استقبل رجب طيب أردوغان الوفد",
    "انتهت المباراة 3 صفر",
    "الموسم 2014-2015 كان الأفضل",
    "العام الدراسي 1436/1437هـ والعام 2014 - 2015",
    "إصدار 1.2.2024.5 من البرنامج",
    "عنوان الخادم 192.168.1.1",
    "التاريخ 2026-13-45 غير صالح و 32/01/2026 كذلك",
    "يوم الاثنين الماضي",
    "الساعة 10:30 صباحا",
    "النتيجة 2-1 لصالح الفريق",
    "رمضان 2025 كان حارا",
    "في 15 رمضان تم الافتتاح",
    "وصل 3 ملايين زائر في 2023",
    "مارس 2500 جندي ضغطا على الحدود",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    assert find_dates(text) == []


def test_hijri_outside_the_tables_is_left_out():
    # hijridate converts 1343-1500 AH; older Hijri dates get no Gregorian value, so none is emitted.
    assert find_dates("توفي في 11 صفر 309هـ وعام 626هـ") == []


def test_invalid_year_keeps_the_day_and_month():
    assert _triples("6 يناير 2500 جندي") == [("6 يناير", "XXXX-01-06", "day", "gregorian")]


def test_mismatched_pair_is_not_one_month():
    # "يناير/فبراير" names two months: only the second, followed by its year, is a date.
    assert _triples("يناير/فبراير 2025") == [("فبراير 2025", "2025-02", "month", "gregorian")]


def test_whole_paragraph_offsets():
    text = ("قال المتحدث إن الاتفاق الذي وقع في 14/01/2026 سيدخل حيز التنفيذ في أيلول/سبتمبر 2026، "
            "بعد مفاوضات بدأت عام 2024 وتوقفت في 27 يناير الماضي، ونحو 2500 عنصر سيغادرون.")
    got = [(m.start, m.text) for m in find_dates(text)]
    assert [t for _, t in got] == ["14/01/2026", "أيلول/سبتمبر 2026", "عام 2024", "27 يناير"]
    assert all(text[s:s + len(t)] == t for s, t in got)


_PIECES = ["6", "١٤", "2026", "٢٠٢٦", "1447", " ", "/", "-", ".", ":", "،", "يناير", "كانون الثاني", "أيلول",
           "رجب", "هـ", "م", "ص", "عام", "الثلاثاء", "مارس", "آب", "و", "الـ", "(", ")", "12:07", "\n", "ـ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_any_text_gives_exact_ordered_disjoint_spans(pieces):
    text = "".join(pieces)
    found = find_dates(text)
    for m in found:
        assert text[m.start:m.end] == m.text and m.start < m.end
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


# --- publication date ---------------------------------------------------------------------

PUBLICATION = [
    # (header lines, expected line index, matched text, value)
    (["أخبار العراق", "نشر بتاريخ: ٦ كانون الثاني ٢٠٢٦", "6 يناير، 2026", "بغداد: يتواصل الجدل"],
     1, "٦ كانون الثاني ٢٠٢٦", "2026-01-06"),
    (["الرئيسية > سياسة", "انسحاب القوات", "نشر في: 19 يناير, 2026: 12:07 ص", "ترجمة: فلان"],
     2, "19 يناير, 2026: 12:07 ص", "2026-01-19T00:07"),
    ([" date 2026-01-14 - قالت مصادر إن القوات غادرت القاعدة"], 0, "2026-01-14", "2026-01-14"),
    (["عنوان الخبر", "6 يناير، 2026", "نص الخبر يبدأ هنا ويمتد طويلا في سطر واحد"], 1, "6 يناير، 2026", "2026-01-06"),
    # a full day beats a month, whatever the line order
    (["تحديث: سبتمبر 2025", "الثلاثاء 6 يناير 2026"], 1, "الثلاثاء 6 يناير 2026", "2026-01-06"),
    # Gregorian beats Hijri on the same line
    (["الثلاثاء 17 رجب 1447 هـ الموافق 6 يناير 2026 م"], 0, "6 يناير 2026 م", "2026-01-06"),
    (["أخبار محلية", "تاريخ النشر: 17 رجب 1447 هـ - 6 يناير 2026"], 1, "6 يناير 2026", "2026-01-06"),
    # a time written apart from the date on the labelled line is attached
    (["آخر تحديث: 10:45 ص | 6 يناير 2026"], 0, "10:45 ص | 6 يناير 2026", "2026-01-06T10:45"),
    (["تاريخ النشر: 2026-01-14 14:05"], 0, "2026-01-14 14:05", "2026-01-14T14:05"),
    # the time was written with the Hijri date: the Gregorian twin is chosen and takes it
    (["نشر في 6 شوال 1436هـ الساعة 1:30 ظهرا الموافق 22 يوليو 2015"], 0,
     "6 شوال 1436هـ الساعة 1:30 ظهرا الموافق 22 يوليو 2015", "2015-07-22T13:30"),
]


@pytest.mark.parametrize("lines, index, span, value", PUBLICATION, ids=[str(i) for i in range(len(PUBLICATION))])
def test_publication_date(lines, index, span, value):
    found = find_publication_date(lines)
    assert found is not None
    i, m = found
    assert (i, m.text, m.value) == (index, span, value)
    assert lines[i][m.start:m.end] == m.text


@pytest.mark.parametrize("lines", [
    ["عنوان بلا تاريخ", "بقلم: محرر الشؤون السياسية"],
    ["قالت الحكومة في بيان إنها ستواصل العمل على تنفيذ الخطة التي أقرت في العام 2024 رغم كل الصعوبات"],
    ["قال في 17 سبتمبر"],
    [],
])
def test_publication_date_none(lines):
    assert find_publication_date(lines) is None
