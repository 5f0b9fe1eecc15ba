"""Arabic labels of the report's user interface (headings and the names of codes), shared by HTML and Markdown.

These are interface strings, not language knowledge used for extraction. A code without a label is shown
as it is (a user-defined event type, say).
"""

from __future__ import annotations

HEADINGS = {
    "report": "تقرير مرصد",
    "index": "القصص",
    "no_stories": "لا توجد قصص في هذه الوثيقة؛ المقالات أدناه.",
    "summary": "الملخص",
    "timeline": "الخط الزمني",
    "quotes": "من قال ماذا",
    "entities": "الكيانات والأماكن",
    "numbers": "الأرقام",
    "comparisons": "التوافق والتناقض",
    "agreements": "ما تتفق عليه المصادر",
    "contradictions": "ما تتناقض فيه المصادر",
    "coverage": "التغطية حسب الوسيلة الإعلامية",
    "near_duplicates": "نسخ مكررة",
    "articles": "المقالات",
    "story": "القصة",
    "span": "الفترة",
    "from": "من",
    "to": "إلى",
    "outlets": "الوسائل الإعلامية",
    "article_count": "المقالات",
    "quote_count": "الاقتباسات",
    "speakers": "المتحدثون",
    "only_here": "ما تنفرد به",
    "missing": "مقالات غير موجودة في هذه الوثيقة",
    "dropped": "أدلة لم تُعرض (مقالها ليس في هذه الوثيقة أو موضعها خارج النص)",
    "source": "المصدر",
    "authors": "الكتّاب",
    "published": "تاريخ النشر",
    "none": "لا شيء",
    "rejected": "مرفوض من محلل",
    "resolved": "محسوم",
    "corrected": "مصحَّح",
    "no_date": "بلا تاريخ",
    "no_outlet": "وسيلة غير معروفة",
    "untitled": "بلا عنوان",
    "rerun": "إعادة نشر",
    "rerun_of": "إعادة نشر لـ",
    "as_of": "بتاريخ",
    "said_on": "قيل في",
    "via": "عبر",
    "anonymous": "مصدر غير مسمّى",
    "mentions": "ذكر",
    "value": "القيمة",
    "claim": "الادعاء",
    "note": "ملاحظة",
    "kind": "النوع",
    "counts": "المعدود",
    "coordinates": "الإحداثيات",
    "top": "العودة إلى الفهرس",
    "generated": "وثيقة",
}

PRECISION = {"day": "يوم", "month": "شهر", "year": "سنة"}

MODALITY = {
    "happened": "وقع",
    "planned": "مخطط له",
    "claimed": "بحسب تصريح",
    "negated": "منفي",
}

EVENT_TYPES = {
    "WITHDRAWAL": "انسحاب",
    "HANDOVER": "تسليم",
    "AGREEMENT": "اتفاق",
    "ANNOUNCEMENT": "إعلان",
    "DEPLOYMENT": "انتشار",
    "REDEPLOYMENT": "إعادة انتشار",
    "MOVEMENT": "تحرك",
    "FOUNDING": "تأسيس",
    "ATTACK": "هجوم",
    "STRIKE": "ضربة",
    "NEGOTIATION": "مفاوضات",
    "MEETING": "اجتماع",
    "STATEMENT": "تصريح",
    "OTHER": "حدث آخر",
}

CLAIM_KINDS = {"quantity": "رقم", "ranking": "ترتيب", "date": "تاريخ", "status": "حالة"}

ENTITY_GROUPS = {"people": "أشخاص", "orgs": "منظمات وجهات", "places": "أماكن"}

QUALIFIERS = {
    "EXACT": "",
    "APPROX": "نحو",
    "MORE_THAN": "أكثر من",
    "LESS_THAN": "أقل من",
    "AT_MOST": "على الأكثر",
    "AT_LEAST": "على الأقل",
    "BETWEEN": "بين",
}


def label(table: dict[str, str], code: str | None) -> str:
    """The Arabic label of a code, or the code itself when the table has none."""
    if code is None:
        return ""
    return table.get(code, code)
