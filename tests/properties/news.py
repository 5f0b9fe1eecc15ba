"""Hypothesis strategies: Arabic news fragments (our own short phrases), the characters that break text
code (marks, tatweel, joiners, bidi controls, presentation forms, odd digits), and arbitrary Unicode."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

from marsad.arabic import chars

# Phrases of the kinds the extractors look for; written for these tests, not taken from any corpus.
DATES = [
    "الخميس 12 أيلول 2024", "٣ تشرين الأول ٢٠٢٥", "في 2024/09/12", "يوم 31 ديسمبر 9999", "1 يناير 0001",
    "منتصف شهر رمضان 1446 هـ", "مساء أمس", "الأسبوع المقبل", "غدا", "نهاية سبتمبر 2025", "الساعة 10:30 صباحا",
    "12:07 ص", "مطلع العام المقبل", "خلال 12 شهرا", "كل يوم جمعة", "من 5 إلى 6 مساء", "عام 2026", "يوم الاثنين",
    "29 فبراير 2023", "31/02/2024", "نشر في: 3 نوفمبر، 2025: 09:15 م", "الثلاثاء ٠٧-٠١-٢٠٢٥", "منذ 3 أيام",
]
NUMBERS = [
    "نحو ٢٥٠٠ جندي", "أكثر من 300 قتيل", "بين 10 و20 مليون دولار", "٪٤٥", "1.5 مليار", "٢٬٥٠٠ عنصر", "ثلاثة آلاف",
    "مئات الجنود", "عشرات", "ثالث أكبر قاعدة", "ألفي مقاتل", "0.0", "1e400", "١٫٥ مليون برميل", "خمسة وعشرين",
]
QUOTES = [
    "قال الوزير «سننسحب قريبا»", "وأضاف: \"الاتفاق نهائي\"", "وقال المتحدث باسم الجيش “لا تعليق”",
    "نقلت وكالة الأنباء عن مصدر مسؤول قوله إن", "أكد رئيس الوزراء أن", "بحسب", "قائلاً: “", "وأضاف أن",
    "وقال مصدر أمني لـ\"الفجر\" إن", "«", "»", "“", "”", "\"", "وصرح", "ونفى المتحدث أن", "على منصة إكس",
]
NAMES = [
    "محمد شياع السوداني", "قاعدة عين الأسد", "الولايات المتحدة", "حلف الناتو", "بغداد", "الأنبار",
    "التحالف الدولي", "القوات الأمريكية", "الجيش العراقي", "وزارة الدفاع", "أربيل", "الأميركية", "السيد علي",
]
EVENTS = [
    "انسحبت القوات من", "وقع الطرفان اتفاقا", "تسليم القاعدة إلى", "لم تنسحب", "من المقرر أن تنسحب",
    "أعلنت انتهاء المهمة", "غادروا", "زار", "اجتمع", "هجوم بطائرة مسيرة على", "ستنتهي المهمة",
]
LINES = [
    "الرئيسية", "TOP", "facebook twitter", "مقالات ذات صلة", "ترجمة سعاد كريم", "وكالة النهرين- بغداد",
    "صحيفة الغد > سياسة > عنوان", "• نقطة أولى في الملخص هنا.", "date 2025-01-02 - نقطة من الملخص - ثانية هنا أيضا",
    "بغداد/الفجر:", "وكالة النهرين الجديدة- بغداد", "تلقته وكالة الرافد", "كتب: أحمد", "بقلم سعاد كريم", "عن: الفجر",
]
# Characters that break text code: marks, tatweel, joiners, bidi overrides and isolates, BOM, odd spaces,
# line separators, presentation forms, a combining sequence on Latin, Persian letters and digits.
ODD = [
    "\u064e", "\u0651\u064f", "\u0670", chars.TATWEEL * 3, "\u200d", "\u200c", "\u200b", "\u202e", "\u202b",
    "\u202c", "\u2067", "\u2069", "\u061c", "\ufeff", "\u00a0", "\u2028", "\u2029", "\r\n", "\r", "\t", "\x00",
    "ﻻ", "ﷺ", "ﷲ", "\ufe70", "a\u0301\u0327", "کرکوک", "۱۴۰۳", "\U0001f1ee\U0001f1f6", "\ufffd", "\x85",
]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "، ", ". ", ": ", "-", ""]

fragments = st.sampled_from(DATES + NUMBERS + QUOTES + NAMES + EVENTS + LINES)
odd = st.sampled_from(ODD)
# Very long tokens: one letter, digit or mark repeated (number parsers, regexes and caches meet them).
long_tokens = st.builds(lambda c, n: c * n, st.sampled_from("ا9٩ـ\u064e«.-"), st.integers(200, 6000))
pieces = st.one_of(fragments, fragments, fragments, odd, st.text(max_size=20), long_tokens)


@st.composite
def news(draw, max_pieces: int = 14) -> str:
    """Arabic news-like text: fragments, odd characters and arbitrary text joined by spaces, marks, breaks."""
    parts = draw(st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=max_pieces))
    return "".join(p + sep for p, sep in parts)


@st.composite
def article(draw) -> str:
    """Header lines (breadcrumb, date, byline, dateline) over paragraphs of news text, one per line."""
    head = draw(st.lists(st.sampled_from(LINES + DATES), max_size=4))
    body = draw(st.lists(news(max_pieces=10), min_size=1, max_size=4))
    return "\n".join(head + body)


@st.composite
def decorated(draw) -> str:
    """A news text whose words carry diacritics, tatweel or joiners inside them, or whose spaces are
    doubled or odd (tab, NBSP, U+001F): a mutation of every word or every gap."""
    text = draw(st.one_of(news(), article()))
    space = draw(st.sampled_from([None, "  ", "\t", "\u00a0", "\x1f", " \u200f"]))
    if space:
        return text.replace(" ", space)
    marks = draw(st.sampled_from(["\u064e", chars.TATWEEL, "\u200d", "\u200c", "\u0651", "\u202e"]))
    every = draw(st.integers(2, 7))
    return "".join(c + marks if c.isalpha() and i % every == 0 else c for i, c in enumerate(text))


# Arbitrary Unicode (any code point but surrogates, which a decoded file cannot hold).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
texts = st.one_of(news(), article(), decorated(), any_text)


def budget(ci_examples: int) -> settings:
    """`ci_examples` examples under the CI profile, scaled with the profile's max_examples (dev: 10x)."""
    scale = settings.default.max_examples / 100
    return settings(max_examples=max(1, round(ci_examples * scale)))
