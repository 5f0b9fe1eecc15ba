"""A hand-made story (the Saqr base handover, sample articles 06-10) on top of the real sample analysis.

The articles, entities, quotes and quantities come from analysing src/marsad/sample; only the story is
written here, in the exact Story shape of ANALYSIS-FORMAT.md, with every evidence span found in the text.
"""

from __future__ import annotations

import copy
from pathlib import Path

from marsad.service import document_for, ingest
from marsad.store import open_store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"
MISSING = "a0000000000000000"  # an article the story names but the document lacks


def sample_document() -> dict:
    store = open_store(":memory:")
    try:
        report = ingest([str(SAMPLE)], store)
        assert not report.skipped, "the sample analysis failed: " + "; ".join(x.line() for x in report.skipped)
        return document_for(store, report.article_ids)
    finally:
        store.close()


def article_ids(doc: dict) -> dict[str, str]:
    """Sample file number ("06") -> article id."""
    return {Path(a["source"]).name[:2]: a["id"] for a in doc["articles"] if not a["source"].startswith("http")}


def evidence(doc: dict, aid: str, phrase: str) -> dict:
    text = next(a["text"] for a in doc["articles"] if a["id"] == aid)
    start = text.index(phrase)
    return {"article": aid, "start": start, "end": start + len(phrase)}


def saqr_story(doc: dict) -> dict:
    ids = article_ids(doc)
    a06, a07, a08, a09, a10 = (ids[n] for n in ("06", "07", "08", "09", "10"))

    def ev(n: str, phrase: str) -> dict:
        return evidence(doc, ids[n], phrase)

    def claim(cid: str, n: str, phrase: str, kind: str, subject: str, value, as_of: str) -> dict:
        return {"id": cid, **ev(n, phrase), "text": phrase, "kind": kind, "subject": subject,
                "value": value, "as_of": as_of}

    return {
        "id": "s-saqr", "title": "تسليم قاعدة الصقر الجوية إلى الجيش العراقي",
        "articles": [a06, a07, a08, a09, a10, MISSING],
        "first_date": "2025-10-19", "last_date": "2025-11-06",
        "outlets": ["المرصد اليومي", "الرافد", "الضفة نيوز", "الأفق الغربي"],
        "summary": {"date": "2025-11-06", "bullets": [
            {"text": "تسلّم الجيش العراقي قاعدة الصقر الجوية خلال مراسم رسمية.",
             "sources": [ev("09", "مراسم رسمية لتسليمها"), ev("10", "تسلّم الجيش العراقي")]},
            {"text": "غادرت آخر دفعة من قوات التحالف القاعدة.",
             "sources": [ev("07", "مغادرة آخر دفعة من قوات التحالف الدولي"), {"article": MISSING, "start": 0, "end": 5}]},
        ]},
        "timeline": [
            {"date": "2025-10-19", "date_precision": "day", "type": "ANNOUNCEMENT", "modality": "happened",
             "summary": "قيادة العمليات المشتركة تعلن تسليم القاعدة مطلع الشهر المقبل",
             "sources": [ev("06", "أعلنت قيادة العمليات المشتركة")]},
            {"date": "2025-11-03", "date_precision": "day", "type": "WITHDRAWAL", "modality": "happened",
             "summary": "مغادرة آخر دفعة من قوات التحالف",
             "sources": [ev("07", "مغادرة آخر دفعة من قوات التحالف الدولي قاعدة الصقر الجوية"),
                         ev("08", "الدفعة الأخيرة خرجت فجر أمس")]},
            {"date": "2025-11-05", "date_precision": "day", "type": "HANDOVER", "modality": "happened",
             "summary": "مراسم تسليم القاعدة إلى الجيش العراقي",
             "sources": [ev("09", "مراسم رسمية لتسليمها من قوات التحالف الدولي إلى الجيش العراقي")]},
            {"date": "2025-12", "date_precision": "month", "type": "DEPLOYMENT", "modality": "planned",
             "summary": "طيران الجيش يبدأ استخدام مدارج القاعدة",
             "sources": [ev("07", "طيران الجيش سيبدأ استخدام مدارجها مطلع الشهر المقبل")]},
            {"date": "2026", "date_precision": "year", "type": "OTHER", "modality": "planned",
             "summary": "أول سرب من طائرات التدريب ينتقل إلى القاعدة",
             "sources": [ev("10", "أول سرب من طائرات التدريب العام المقبل")]},
        ],
        "claims": [
            claim("c-troops-07", "07", "نحو 1200 جندي", "quantity", "جنود التحالف المغادرون", 1200, "2025-11-03"),
            claim("c-troops-10", "10", "أكثر من 1500 جندي", "quantity", "جنود التحالف المغادرون", 1500, "2025-11-06"),
            claim("c-sites-06", "06", "ثلاثة مواقع ملحقة بالقاعدة", "quantity", "مواقع التسليم", 3, "2025-10-19"),
            claim("c-sites-07", "07", "ثلاثة مواقع داخل القاعدة", "quantity", "مواقع التسليم", 3, "2025-11-03"),
        ],
        "agreements": [{"topic": "عدد المواقع المسلّمة", "claims": ["c-sites-06", "c-sites-07"]}],
        "contradictions": [{"topic": "عدد جنود التحالف الذين غادروا القاعدة", "kind": "quantity",
                            "claims": ["c-troops-07", "c-troops-10"], "note": "1200 مقابل أكثر من 1500"}],
        "near_duplicates": [[a07, a08]],
        "coverage": [
            {"outlet": "المرصد اليومي", "articles": [a06, a10], "quotes": 8,
             "speakers": ["رعد كاظم الجنابي", "دانيال ويتمور"],
             "unique_facts": [ev("10", "مدرسة لتدريب الطيارين")]},
            {"outlet": "الرافد", "articles": [a07], "quotes": 7, "speakers": ["مصدر أمني عراقي", "مسؤول حكومي"],
             "unique_facts": []},
            {"outlet": "الضفة نيوز", "articles": [a08], "quotes": 6, "speakers": ["مصدر أمني عراقي"],
             "unique_facts": []},
            {"outlet": "الأفق الغربي", "articles": [a09], "quotes": 6,
             "speakers": ["عبد الستار مهدي الفهداوي", "جيمس أولدفيلد"],
             "unique_facts": [ev("09", "ثالث أكبر قاعدة جوية في غرب العراق")]},
        ],
    }


def with_saqr_story(doc: dict) -> dict:
    """A copy of the document whose only story is the hand-made one."""
    out = copy.deepcopy(doc)
    out["stories"] = [saqr_story(out)]
    return out
