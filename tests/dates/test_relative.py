"""find_timexes: table-driven spans, TIMEX3 types and values, anchoring, negatives, and exact offsets.

Sentences are written for these tests. The reference date is a Tuesday, 2025-09-30, unless a row says
otherwise; ISO week 40 starts on Monday 2025-09-29.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dates.relative import find_timexes
from marsad.model import Article
from marsad.pipeline import Context

REF = dt.date(2025, 9, 30)
JAN = dt.date(2026, 1, 14)

# (sentence, ref, span text, type, value, mod, anchored): the sentence holds exactly this one timex.
CASES = [
    # deictic days and parts of the day
    ("أعلنت الوزارة اليوم عن خطة جديدة للنقل", REF, "اليوم", "DATE", "2025-09-30", None, True),
    ("وصل الوفد إلى العاصمة أمس قادما من عمان", REF, "أمس", "DATE", "2025-09-29", None, True),
    ("تعقد اللجنة جلستها غداً في مقر البرلمان", REF, "غداً", "DATE", "2025-10-01", None, True),
    ("غادر الوزير المدينة أول أمس بعد زيارة قصيرة", REF, "أول أمس", "DATE", "2025-09-28", None, True),
    ("عاد المبعوث أمس الأول إلى مقر عمله", REF, "أمس الأول", "DATE", "2025-09-28", None, True),
    ("أكد المتحدث اليوم (الثلاثاء) استئناف الرحلات", REF, "اليوم (الثلاثاء)", "DATE", "2025-09-30", None, True),
    ("قالت الشرطة مساء أمس إن الحريق أُخمد بالكامل", REF, "مساء أمس", "TIME", "2025-09-29TEV", None, True),
    ("بدأت التدريبات صباح اليوم في المعسكر الشمالي", REF, "صباح اليوم", "TIME", "2025-09-30TMO", None, True),
    ("وقع الانفجار فجر السبت قرب السوق", REF, "فجر السبت", "TIME", "2025-09-27TMO", None, True),
    ("تجمع المحتجون ليلة الجمعة أمام المبنى", REF, "ليلة الجمعة", "TIME", "2025-09-25TNI", None, True),
    ("جرى التصويت يوم الجمعة مساء في القاعة الكبرى", REF, "يوم الجمعة مساء", "TIME", "2025-09-26TEV", None, True),
    # periods named from the publication date
    ("انخفضت الصادرات الشهر الماضي بنسبة طفيفة", REF, "الشهر الماضي", "DATE", "2025-08", None, True),
    ("ينتهي العمل بالعقد الشهر المقبل", REF, "الشهر المقبل", "DATE", "2025-10", None, True),
    ("ارتفعت أسعار الخضار خلال الشهر الجاري", REF, "الشهر الجاري", "DATE", "2025-09", None, True),
    ("سجلت الشركة أرباحا قياسية العام الماضي", REF, "العام الماضي", "DATE", "2024", None, True),
    ("تتوقع الحكومة نموا أعلى العام المقبل", REF, "العام المقبل", "DATE", "2026", None, True),
    ("أقر البرلمان الموازنة هذا العام بعد تأخير", REF, "هذا العام", "DATE", "2025", None, True),
    ("التقى الوفدان الأسبوع الماضي في الدوحة", REF, "الأسبوع الماضي", "DATE", "2025-W39", None, True),
    ("بني الجسر الحديدي في القرن الماضي", REF, "القرن الماضي", "DATE", "19", None, True),
    ("نما الاقتصاد في الربع الثاني من العام الجاري", REF, "الربع الثاني من العام الجاري", "DATE", "2025-Q2",
     None, True),
    ("زار المعرض آلاف خلال عطلة نهاية الأسبوع الماضي", REF, "عطلة نهاية الأسبوع الماضي", "DATE", "2025-W39-WE",
     None, True),
    # weekdays: back from the publication day (that day included), forward in a future sentence
    ("قال المتحدث إن الاجتماع عقد يوم الاثنين", REF, "يوم الاثنين", "DATE", "2025-09-29", None, True),
    ("صرح الوزير الثلاثاء بأن المفاوضات مستمرة", REF, "الثلاثاء", "DATE", "2025-09-30", None, True),
    ("أعلن الجيش السبت الماضي مقتل أحد القادة", REF, "السبت الماضي", "DATE", "2025-09-27", None, True),
    ("سيزور الرئيس القاهرة يوم الخميس", REF, "يوم الخميس", "DATE", "2025-10-02", None, True),
    ("من المقرر أن تبدأ المحادثات الأحد", REF, "الأحد", "DATE", "2025-10-05", None, True),
    ("تنطلق البطولة الجمعة المقبل في الملعب الوطني", REF, "الجمعة المقبل", "DATE", "2025-10-03", None, True),
    # months without a year, seasons
    ("اندلعت الاشتباكات في تشرين الأول وانتهت سريعا", REF, "تشرين الأول", "DATE", "2024-10", None, True),
    ("اجتمع الطرفان في يوليو الماضي لأول مرة", REF, "يوليو الماضي", "DATE", "2025-07", None, True),
    ("ستجرى الانتخابات البلدية في نوفمبر المقبل", REF, "نوفمبر المقبل", "DATE", "2025-11", None, True),
    ("سوف تفتتح السفارة أبوابها في ديسمبر", REF, "ديسمبر", "DATE", "2025-12", None, True),
    ("وصلت الشحنة في 17 سبتمبر الحالي إلى الميناء", REF, "17 سبتمبر الحالي", "DATE", "2025-09-17", None, True),
    ("بدأ المشروع في أيلول من العام الماضي", REF, "أيلول من العام الماضي", "DATE", "2024-09", None, True),
    ("انتخب المجلس رئيسه في الخامس من يونيو", REF, "الخامس من يونيو", "DATE", "2025-06-05", None, True),
    ("يسري القرار اعتبارا من أول يوليو", REF, "أول يوليو", "DATE", "2025-07-01", None, True),
    ("صرف الراتب في الخامس عشر من الشهر الجاري", REF, "الخامس عشر من الشهر الجاري", "DATE", "2025-09-15",
     None, True),
    ("شهدت المنطقة فيضانات الخريف الماضي", JAN, "الخريف الماضي", "DATE", "2025-FA", None, True),
    ("يرتفع الطلب على الكهرباء هذا الصيف", REF, "هذا الصيف", "DATE", "2025-SU", None, True),
    # modifiers inside the span, signals outside it
    ("أعلن الجيش نهاية الشهر الماضي انتهاء العملية", REF, "نهاية الشهر الماضي", "DATE", "2025-08", "END", True),
    ("يبدأ تطبيق النظام مطلع العام المقبل", REF, "مطلع العام المقبل", "DATE", "2026", "START", True),
    ("اكتمل بناء الجسر في منتصف أكتوبر", REF, "منتصف أكتوبر", "DATE", "2024-10", "MID", True),
    ("تراجعت العلاقات بين البلدين أواخر 2014", REF, "أواخر 2014", "DATE", "2014", "END", False),
    ("تنسحب القوات بحلول نهاية سبتمبر 2025", REF, "نهاية سبتمبر 2025", "DATE", "2025-09", "END", False),
    ("تأسست الهيئة منذ عام 2014 بقرار حكومي", REF, "عام 2014", "DATE", "2014", None, False),
    ("يعمل المصنع منذ 2006 دون توقف", REF, "2006", "DATE", "2006", None, False),
    # N units ago or ahead: a date at that unit's precision
    ("أبرم الاتفاق قبل ثلاثة أشهر في جنيف", REF, "قبل ثلاثة أشهر", "DATE", "2025-06", None, True),
    ("غادر الصحفي البلاد قبل يومين", REF, "قبل يومين", "DATE", "2025-09-28", None, True),
    ("بدأ الإضراب منذ أسبوعين في المصانع", REF, "منذ أسبوعين", "DATE", "2025-W38", None, True),
    ("ستصل الشحنة الأولى بعد ثلاثة أيام", REF, "بعد ثلاثة أيام", "DATE", "2025-10-03", None, True),
    ("شيد القصر قبل نحو مئة عام على التلة", REF, "قبل نحو مئة عام", "DATE", "1925", "APPROX", True),
    # durations
    ("استمرت المفاوضات 12 شهراً دون نتيجة", REF, "12 شهراً", "DURATION", "P12M", None, False),
    ("يغادر التحالف خلال الـ 12 شهراً المقبلة", REF, "الـ 12 شهراً المقبلة", "DURATION", "P12M", None, False),
    ("أمضى الناشط ثلاثة أشهر في الاحتجاز", REF, "ثلاثة أشهر", "DURATION", "P3M", None, False),
    ("عاش الكاتب في المنفى لسنوات طويلة", REF, "سنوات طويلة", "DURATION", "PXY", None, False),
    ("يعاني الإقليم من الجفاف منذ عقود", REF, "عقود", "DURATION", "PXDE", None, False),
    ("توقف العمل في الميناء أسبوعين كاملين", REF, "أسبوعين", "DURATION", "P2W", None, False),
    ("دام الحصار نحو ثلاثة أشهر", REF, "نحو ثلاثة أشهر", "DURATION", "P3M", "APPROX", False),
    ("قضى قرابة عامين في الخارج", REF, "قرابة عامين", "DURATION", "P2Y", "APPROX", False),
    ("ارتفع الإنتاج خلال الأشهر الثلاثة الماضية", REF, "الأشهر الثلاثة الماضية", "DURATION", "P3M", None, False),
    ("تحسن الطقس في الأيام القليلة الماضية", REF, "الأيام القليلة الماضية", "DURATION", "PXD", None, False),
    ("قضت المحكمة بسجنه سنتين وستة أشهر", REF, "سنتين وستة أشهر", "DURATION", "P2Y6M", None, False),
    ("انتظر المسافرون نصف ساعة في البوابة", REF, "نصف ساعة", "DURATION", "PT0.5H", None, False),
    ("أغلق الطريق لمدة ساعة كاملة", REF, "ساعة كاملة", "DURATION", "PT1H", None, False),
    # sets
    ("تصل الحافلات إلى المخيم كل يوم", REF, "كل يوم", "SET", "P1D", None, False),
    ("تنشر الهيئة تقريرها يومياً", REF, "يومياً", "SET", "P1D", None, False),
    ("تعقد اللجنة اجتماعا أسبوعيا في مقرها", REF, "أسبوعيا", "SET", "P1W", None, False),
    ("تستورد البلاد مليون طن سنويا", REF, "سنويا", "SET", "P1Y", None, False),
    ("تجتمع الهيئة كل يوم اثنين", REF, "كل يوم اثنين", "SET", "XXXX-WXX-1", None, False),
    # clock times, alone and on a day
    ("يبدأ الدوام الساعة 10 صباحا في جميع الدوائر", REF, "الساعة 10 صباحا", "TIME", "T10", None, False),
    ("انطلق الموكب في تمام الساعة العاشرة والنصف مساء", REF, "تمام الساعة العاشرة والنصف مساء", "TIME", "T22:30",
     None, False),
    ("وقع الانفجار أمس الساعة 12:07 ص وفق الشهود", REF, "أمس الساعة 12:07 ص", "TIME", "2025-09-29T00:07", None, True),
    ("سمعت أصوات الرصاص في الساعة الثالثة من فجر الجمعة", REF, "الساعة الثالثة من فجر الجمعة", "TIME",
     "2025-09-26T03", None, True),
    ("نشر البيان في 14 يناير 2026 الساعة 12:07 ص", REF, "14 يناير 2026 الساعة 12:07 ص", "TIME", "2026-01-14T00:07",
     None, False),
    # absolute dates, spans of days and years, Eastern digits, marks, tatweel
    ("صدر المرسوم في 3 أكتوبر 2024 بعد نقاش طويل", REF, "3 أكتوبر 2024", "DATE", "2024-10-03", None, False),
    ("أعلن عن الموازنة في ٣ تشرين الأول ٢٠٢٥", REF, "٣ تشرين الأول ٢٠٢٥", "DATE", "2025-10-03", None, False),
    ("وصلَ الـوفـد أمـسِ إلى المدينة", REF, "أمـسِ", "DATE", "2025-09-29", None, True),
    ("تقام الدورة من 3 إلى 12 سبتمبر 2025 في الرياض", REF, "من 3 إلى 12 سبتمبر 2025", "DATE", "2025-09-03", None,
     False),
    ("تراجع النمو خلال الفترة من 2014 إلى 2018", REF, "من 2014 إلى 2018", "DATE", "2014", None, False),
    ("انتشرت موسيقى الروك في الثمانينيات", REF, "الثمانينيات", "DATE", "198", None, False),
    # tense and direction
    ("تقام المباراة النهائية في 10 أكتوبر", REF, "10 أكتوبر", "DATE", "2025-10-10", None, True),
    ("وقع الزلزال في 25 نوفمبر", REF, "25 نوفمبر", "DATE", "2024-11-25", None, True),
    ("أغلقت المصارف أبوابها منذ 5 أكتوبر", REF, "5 أكتوبر", "DATE", "2024-10-05", None, True),
    ("أفرج عنه بعد ثلاثة أيام", REF, "ثلاثة أيام", "DURATION", "P3D", None, False),
    ("نقلت الوكالة عن القيادة (سنتكوم) بيانا عن انسحاب يوم الجمعة", REF, "يوم الجمعة", "DATE", "2025-09-26", None, True),
    ("قال الوزير إن الاجتماع سيعقد الأسبوع المقبل يوم الأحد", REF, "الأسبوع المقبل يوم الأحد", "DATE", "2025-10-12",
     None, True),
    ("وصل الوفد الخميس من الأسبوع الماضي", REF, "الخميس من الأسبوع الماضي", "DATE", "2025-09-25", None, True),
    ("غادر المدينة مساء الجمعة الماضي", REF, "مساء الجمعة الماضي", "TIME", "2025-09-26TEV", None, True),
    ("تغلق المدارس بين الاثنين والخميس", REF, "بين الاثنين والخميس", "DATE", "2025-09-29", None, True),
    ("يبدأ الصيام في رمضان المقبل", REF, "رمضان المقبل", "DATE", "2026-02", None, True),
    # more clock times, sets and decades
    ("تغلق الأسواق من الساعة 10 صباحا حتى الساعة 4 عصرا", REF, "من الساعة 10 صباحا حتى الساعة 4 عصرا", "TIME", "T10",
     None, False),
    ("تعقد الجلسة يوم الجمعة الساعة الثالثة عصرا", REF, "يوم الجمعة الساعة الثالثة عصرا", "TIME", "2025-09-26T15",
     None, True),
    ("بدأ الحفل في الساعة الثامنة و 30 دقيقة مساء أمس", REF, "الساعة الثامنة و 30 دقيقة مساء أمس", "TIME",
     "2025-09-29T20:30", None, True),
    ("اتصل المسؤول في الثامنة إلا ربعا صباحا", REF, "الثامنة إلا ربعا صباحا", "TIME", "T07:45", None, False),
    ("اندلع الحريق قرابة الساعة الثالثة فجرا", REF, "قرابة الساعة الثالثة فجرا", "TIME", "T03", "APPROX", False),
    ("تجرى الفحوص الدورية كل أسبوعين", REF, "كل أسبوعين", "SET", "P2W", None, False),
    ("تعقد القمة كل ثلاث سنوات", REF, "كل ثلاث سنوات", "SET", "P3Y", None, False),
    ("ازدهرت الصناعة في سبعينيات القرن الماضي", REF, "سبعينيات القرن الماضي", "DATE", "197", None, False),
    # indefinite references
    ("تدرس الحكومة حاليا رفع الدعم", REF, "حاليا", "DATE", "PRESENT_REF", None, False),
    ("صدر قانون جديد للاستثمار مؤخرا", REF, "مؤخرا", "DATE", "PAST_REF", None, False),
]

RANGES = {"من 3 إلى 12 سبتمبر 2025": ("2025-09-03", "2025-09-12"), "من 2014 إلى 2018": ("2014", "2018"),
          "بين الاثنين والخميس": ("2025-09-29", "2025-10-02"), "رمضان المقبل": ("2026-02-18", "2026-03-19"),
          "من الساعة 10 صباحا حتى الساعة 4 عصرا": ("T10", "T16")}


def _one(sentence: str, ref: dt.date | None):
    found = find_timexes(sentence, ref)
    assert len(found) == 1, [(sentence[t.start:t.end], t.value) for t in found]
    return found[0]


@pytest.mark.parametrize("sentence, ref, span, typ, value, mod, anchored", CASES, ids=[c[2] for c in CASES])
def test_timex(sentence, ref, span, typ, value, mod, anchored):
    t = _one(sentence, ref)
    assert (sentence[t.start:t.end], t.type, t.value, t.mod, t.anchored) == (span, typ, value, mod, anchored)
    assert t.range == RANGES.get(span)


def test_hijri_dates_keep_their_calendar_and_span():
    t = _one("صام المسلمون شهر رمضان 1446هـ", REF)
    assert (t.calendar, t.value, t.range) == ("hijri", "2025-03", ("2025-03-01", "2025-03-29"))
    t = _one("وقع الحادث في 15 رمضان 1446 هـ", REF)
    assert (t.calendar, t.value) == ("hijri", "2025-03-15")


# Phrases that hold no temporal expression at all.
NEGATIVE = [
    "نشر الجيش 2500 جندي على الحدود الشرقية",
    "شاركت 85 دولة في المؤتمر الدولي",
    "ارتفع المؤشر العام 120 نقطة عند الإغلاق",
    "وزعت الجمعية السلال اليومية على الأسر",
    "أكد الرئيس الحالي للمجلس دعمه للقرار",
    "حل المنتخب في المركز الأول بفارق كبير",
    "مارس الضغط على الأطراف لوقف القتال",
    "حدثنا آب عن رحلته الطويلة",
    "أتمنى أن نلتقي يوما ما",
    "احتفلت المدارس باليوم الوطني",
    "في ذلك اليوم تغير كل شيء",
    "استقال المدير العام السابق للشركة",
    "شارك الشباب في أحداث الربيع العربي",
    "امتلأ المسجد بالمصلين في صلاة الجمعة",
    "وقعت الشركة عقدين جديدين مع الوزارة",
    "قفز اللاعب مسافة 5 م في التجربة",
    "وصل الوفد الحكومي إلى بغداد",
    "نحن في أمس الحاجة إلى الدعم",
    "تعمل فرق الإنقاذ على مدار الساعة",
    "كل عام وأنتم بخير",
    "استقبل الشيخ صباح الأحمد الوفد الزائر",
    "أعلن حزب الغد مقاطعة الجلسة",
    "نصت المادة 140 من الدستور على ذلك",
    "ظهر الرئيس في التلفزيون الرسمي",
    "سيطرت قوات فجر ليبيا على المطار",
    "احتفل بعيد ميلاده في الثانية من عمره",
    "يعد الجسر الأول من نوعه في المنطقة",
    "صام الناس التاسع من الشهر الفضيل",
    "لامس المؤشر أعلى مستوى له",
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_nothing(sentence):
    assert find_timexes(sentence, REF) == []


# Without a publication date, relative values keep X's (never today's date).
UNANCHORED = [
    ("وصل الوفد إلى العاصمة أمس", "أمس", "XXXX-XX-XX"),
    ("التقى الوفدان الأسبوع الماضي", "الأسبوع الماضي", "XXXX-WXX"),
    ("عقد الاجتماع يوم الاثنين", "يوم الاثنين", "XXXX-WXX-1"),
    ("اندلعت الاشتباكات في تشرين الأول", "تشرين الأول", "XXXX-10"),
    ("أبرم الاتفاق قبل ثلاثة أشهر", "قبل ثلاثة أشهر", "XXXX-XX"),
    ("شهدت المنطقة فيضانات الخريف الماضي", "الخريف الماضي", "XXXX-FA"),
    ("قالت الشرطة مساء أمس إن الحريق أخمد", "مساء أمس", "XXXX-XX-XXTEV"),
    ("تتوقع الحكومة نموا أعلى العام المقبل", "العام المقبل", "XXXX"),
    ("وصلت الشحنة في 17 سبتمبر", "17 سبتمبر", "XXXX-09-17"),
]


@pytest.mark.parametrize("sentence, span, value", UNANCHORED, ids=[u[1] for u in UNANCHORED])
def test_without_publication_date_values_stay_open(sentence, span, value):
    t = _one(sentence, None)
    assert (sentence[t.start:t.end], t.value, t.anchored) == (span, value, False)


def test_absolute_dates_do_not_need_the_publication_date():
    t = _one("تأسست الهيئة منذ عام 2014", None)
    assert (t.value, t.anchored) == ("2014", False)


def test_never_todays_date():
    text = ("قال مسؤول أمس إن القوات غادرت الأسبوع الماضي، وإن الاجتماع سيعقد يوم الاثنين المقبل الساعة 10 "
            "صباحا، بعد أن تأجل منذ ثلاثة أشهر، على أن ينتهي العمل نهاية العام الجاري.")
    found = find_timexes(text, None)
    assert len(found) == 5
    today = dt.date.today()
    for t in found:
        assert not t.anchored
        assert str(today.year) not in t.value and today.isoformat() not in t.value


def test_named_event_dates_keep_their_year_open():
    t = _one("أحيا المصريون ذكرى ثورة 25 يناير", REF)
    assert (t.value, t.anchored) == ("XXXX-01-25", False)


def test_spans_are_exact_sorted_and_disjoint():
    text = ("أعلنت الحكومة ١٤ كانون الثاني ٢٠٢٦، صباحَ اليومِ، أن المفاوضات التي بدأت قبل ثلاثة أشهرٍ "
            "ستُستأنف غداً، وأن التحالف يغادر خلال الـ12 شهراً المقبلة أو بحلول نهاية سبتمبر/ أيلول 2026.")
    found = find_timexes(text, JAN)
    assert [text[t.start:t.end] for t in found] == [
        "١٤ كانون الثاني ٢٠٢٦", "صباحَ اليومِ", "قبل ثلاثة أشهرٍ", "غداً", "الـ12 شهراً المقبلة",
        "نهاية سبتمبر/ أيلول 2026"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert [t.value for t in found] == ["2026-01-14", "2026-01-14TMO", "2025-10", "2026-01-15", "P12M", "2026-09"]


@pytest.mark.parametrize("published, ref", [
    ("2025-09-30", REF), ("2025-09-30T10:15", REF), (None, None), ("", None), ("2025-02-30", None), ("أمس", None)])
def test_reference_date(published, ref):
    from marsad.stages.timexes import reference_date

    assert reference_date(published) == ref


def test_stage_reads_the_publication_date():
    from marsad.stages import timexes

    art = Article(id="a", content_hash="h", source="s", raw="", text="وصل الوفد أمس إلى المدينة",
                  published="2025-09-30T10:15")
    out = timexes.run(art, Context())
    assert [(t.value, t.anchored) for t in out.timexes] == [("2025-09-29", True)]
    out = timexes.run(dataclasses.replace(art, published=None), Context())
    assert [(t.value, t.anchored) for t in out.timexes] == [("XXXX-XX-XX", False)]
    assert timexes.STAGE.requires == {"text", "published"} and timexes.STAGE.provides == {"timexes"}


VOCAB = ["أمس", "اليوم", "غداً", "الماضي", "المقبل", "الأسبوع", "الشهر", "العام", "قبل", "منذ", "بعد", "ثلاثة", "أشهر",
         "يومين", "الساعة", "10", "١٢", ":", "30", "صباحا", "مساء", "يوم", "الجمعة", "نهاية", "سبتمبر", "أيلول", "/",
         "2025", "٢٠٢٤", "من", "إلى", "و", "كل", "سنويا", "نحو", "رمضان", "1446", "هـ", "الـ", "ـ", "\u064e", "(", ")",
         "،", ".", "\n", "عقود", "الربع", "الأول", "الخامس", "عشر", "والنصف", "إلا", "ربعا", "ليلة", "صيف", "كل"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from([" ", "", "  "])), max_size=16),
       st.one_of(st.none(), st.dates(dt.date(1930, 1, 1), dt.date(2070, 12, 31))))
def test_any_text_gives_exact_sorted_disjoint_spans(parts, ref):
    text = "".join(w + sep for w, sep in parts)
    end = 0
    for t in find_timexes(text, ref):
        assert end <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == text[t.start:t.end].strip()
        assert t.type in {"DATE", "TIME", "DURATION", "SET"} and t.value
        assert ref is not None or not t.anchored
        end = t.end
