"""A small store of articles written for these tests: each spelling and clitic class of the search
tests is spread over two or more articles, written differently in each."""

from __future__ import annotations

import pytest

from marsad.model import RawDocument
from marsad.service import ingest_items
from marsad.store import open_store

O1, O2 = "الرافد", "الواحة"

# name -> (outlet, published, title, text)
CORPUS = {
    "us_cut": (O1, "2026-01-10", "واشنطن تخفض عدد جنودها في المنطقة",
               "أعلنت الإدارة الأميركية، اليوم السبت، خفض عدد جنودها في المنطقة خلال الأشهر المقبلة.\n"
               "وقال مسؤول في وزارة الدفاع إن القرار اتخذ بعد مشاورات مع الحلفاء، مضيفا أن المدربين"
               " والقوات الجوية سيبقون حتى نهاية العام."),
    "embassy": (O2, "2026-02-03", "الخارجية تستدعي القائم بالأعمال",
                "استدعت وزارة الخارجية القائم بأعمال السفارة الأمريكية في بغداد، وسلمته مذكرة احتجاج.\n"
                "وقال بيان الوزارة إن الحكومة ماضية في الدفاع عن سيادة البلاد، وإن القوات العراقية جاهزة"
                " لحماية الحدود."),
    "talks": (O1, "2026-02-20", "جولة مفاوضات جديدة في أنقرة",
              "بدأت في أنقرة، اليوم الخميس، جولة مفاوضات جديدة بشأن الأوضاع في سورية.\n"
              "وقال مسئول تركي إن الجولة ستستمر ثلاثة أيام."),
    "refugees": (O2, "2026-03-05", "لاجئون يعودون من تركيا",
                 "عاد مئات اللاجئين من تركيا إلى سوريا خلال الأسبوع الماضي، بحسب منظمة إغاثة في انقرة.\n"
                 "وأوضحت المنظمة أن العائدين تلقوا مساعدات غذائية، وسمح للقوات الدولية بمرافقتهم."),
    "drill": (O1, "2026-03-15", "تدريبات عسكرية مشتركة",
              "اختتمت قوات من الجيش الأردني تدريبات مشتركة استمرت أسبوعين.\n"
              "وقال الناطق باسم الجيـش إن التدريبات شملت الرماية الليلية."),
    "wheat": (O2, "2026-04-01", "توقعات بموسم وفير",
              "توقع المزارعون في سهل نينوى موسما وفيرا للقَمْح هذا العام.\n"
              "وقال أحدهم إن الأمطار جاءت في وقتها."),
    "olives": (O1, "2026-04-02", "موسم قطاف الزيتون يبدأ مبكرا",
               "بدأ المزارعون في عفرين قطاف الزيتون هذا الأسبوع.\n"
               "وقالوا إن الإنتاج أقل من العام الماضي."),
    "market": (O2, "2026-04-03", "أسعار الخضار ترتفع في الأسواق",
               "ارتفعت أسعار الخضار في أسواق حلب، بينما استقر سعر الزيتون.\n"
               "وعزا التجار الارتفاع إلى موجة البرد."),
}


def raw(name: str, text: str | None = None) -> RawDocument:
    outlet, published, title, body = CORPUS[name]
    url = f"https://example.org/search-tests/{name}"
    return RawDocument(url, text or body, url, url=url,
                       hints=(("title", title), ("published", published), ("outlet", outlet)))


@pytest.fixture
def store(db_path):
    s = open_store(db_path)
    ingest_items([raw(n) for n in CORPUS], s)
    yield s
    s.close()


@pytest.fixture
def ids(store) -> dict[str, str]:
    """Test name -> stored article id."""
    by_url = {a.url: a.id for a in store.list_articles()}
    return {n: by_url[f"https://example.org/search-tests/{n}"] for n in CORPUS}


@pytest.fixture
def corpus() -> dict[str, tuple[str, str, str, str]]:
    return CORPUS


@pytest.fixture
def make_raw():
    return raw
