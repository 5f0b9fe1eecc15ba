"""Known outlets: what the data file documents about them, names, domains and ids that resolve,
and the names that count only after a head word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.errors import LexiconError
from marsad.model import RawDocument
from marsad.outlets import OutletInfo, _check, bare, canonical, find_mentions, outlet_info
from marsad.pipeline import Pipeline
from marsad.read import read_bytes
from marsad.service import analyse

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SNN_README = SHARED / "data" / "news" / "saudinewsnet-README.md"

# SaudiNewsNet's 14 `source` ids and the outlet each names.
SNN_IDS = {
    "aawsat": "الشرق الأوسط", "aleqtisadiya": "الاقتصادية", "aljazirah": "الجزيرة السعودية",
    "almadina": "المدينة", "alriyadh": "الرياض", "alwatan": "الوطن السعودية", "alweeam": "الوئام",
    "alyaum": "اليوم", "arreyadi": "الرياضي", "arreyadiyah": "الرياضية", "okaz": "عكاظ", "sabq": "سبق",
    "was": "وكالة الأنباء السعودية", "3alyoum": "عين اليوم",
}


def spans(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], m.canonical, m.role) for m in find_mentions(text)]


def test_outlet_info_of_documented_outlets():
    assert outlet_info("قناة الجزيرة") == OutletInfo(
        "الجزيرة", ("aljazeera.net", "aljazeera.com"), "QA", "state",
        "Al Jazeera Media Network, funded by the government of Qatar")
    rudaw = outlet_info("Rudaw")
    assert (rudaw.canonical, rudaw.country, rudaw.ownership) == ("روداو", "IQ", "party")
    assert "KDP" in rudaw.affiliation
    assert outlet_info("الحرة").ownership == "foreign_funded" and outlet_info("الحرة").country == "US"
    assert outlet_info("المنار").ownership == "group"


def test_outlet_info_stays_unknown_where_nothing_is_documented():
    shafaq = outlet_info("شفق نيوز")
    assert (shafaq.country, shafaq.ownership, shafaq.affiliation) == ("IQ", "unknown", None)
    assert outlet_info("الشرق").country is None  # several outlets share the name
    assert outlet_info("الرافد") is None  # an outlet the data file does not know
    assert outlet_info("وزارة الخارجية") is None


@pytest.mark.parametrize("url, outlet", [
    ("https://www.shafaq.com/ar/سياسة/خبر", "شفق نيوز"),
    ("http://arabic.rt.com/news/123456", "روسيا اليوم"),  # a subdomain of rt.com
    ("https://www.alwatan.com.sa/article/1", "الوطن السعودية"),
    ("http://www.3alyoum.com/news/local/a/x/", "عين اليوم"),
    ("spa.gov.sa", "وكالة الأنباء السعودية"),
    ("https://english.news.cn:443/20240101/x.html", "شينخوا"),
])
def test_a_domain_in_a_url_resolves_the_outlet(url, outlet):
    assert canonical(url) == outlet
    assert outlet_info(url).canonical == outlet


def test_an_unknown_domain_resolves_nothing():
    assert canonical("https://www.example.org/news/1") is None
    assert outlet_info("https://www.example.org/news/1") is None


@pytest.mark.parametrize("source, outlet", sorted(SNN_IDS.items()))
def test_saudinewsnet_source_ids_name_their_outlet(source, outlet):
    assert canonical(source) == outlet


def test_every_saudinewsnet_id_in_the_corpus_readme_is_known():
    if not SNN_README.exists():
        pytest.skip("../shared/data/news is not here")
    ids = re.findall(r"^\s*\|\s*([0-9a-z]+)\s*\|\s*\[", SNN_README.read_text(encoding="utf-8"), re.M)
    assert sorted(ids) == sorted(SNN_IDS)


def test_a_jsonl_record_source_becomes_the_article_outlet():
    record = ('{"source": "was", "url": "http://www.spa.gov.sa/1", "title": "افتتاح معرض الكتاب", '
              '"content": "افتتح أمير المنطقة معرض الكتاب أمس بمشاركة مئات الناشرين من عشرين دولة."}\n')
    [doc] = list(read_bytes(record.encode(), "records.jsonl"))
    assert isinstance(doc, RawDocument)
    article = analyse(doc, Pipeline())
    assert article.outlet == "وكالة الأنباء السعودية" and article.outlet_how == "metadata"


def test_an_id_is_never_searched_for_in_running_text():
    assert spans("The minister was in Riyadh, MENA officials said.") == []


def test_an_everyday_word_name_needs_its_head_word():
    assert spans("وبحسب البيان الصادر عن الوزارة فإن الاجتماع تأجل") == []
    assert spans("وذكرت صحيفة البيان أن الاجتماع تأجل") == [("البيان", "البيان", "cited")]
    assert spans("دعا إلى موقف موحد عن الاتحاد الأوروبي") == []
    assert spans("ونقلت صحيفة الاتحاد عن مسؤول") == [("الاتحاد", "الاتحاد", "cited")]
    assert spans("كما سبق أن أعلنت الوزارة") == []
    assert spans("ونقلت عن الأخبار الكاذبة") == []


def test_a_place_name_counts_with_a_head_word_quotation_marks_or_a_citing_frame():
    assert spans("قيادة عمليات البادية والجزيرة") == []
    assert spans("وقال لقناة الجزيرة إن") == [("الجزيرة", "الجزيرة", "channel")]
    assert spans("تتصاعد الأزمات في الشرق الأوسط منذ عام") == []
    assert spans("وعلمت «الشرق الأوسط» من مصادر") == [("الشرق الأوسط", "الشرق الأوسط", "plain")]
    assert spans("وبحسب الشرق الأوسط فإن") == [("الشرق الأوسط", "الشرق الأوسط", "cited")]


def test_a_dateline_names_the_outlet_not_its_city():
    assert spans("سبق- الرياض: أعلنت الهيئة") == [("سبق", "سبق", "plain")]
    assert spans("خالد خليل – سبق: أقرت الهيئة") == [("سبق", "سبق", "plain")]


def test_a_head_word_that_belongs_to_the_name_is_kept():
    # "وكالة أنباء الشرق الأوسط" is Egypt's agency, not the London daily after a head word
    assert spans("وفقا لوكالة أنباء الشرق الأوسط") == [
        ("وكالة أنباء الشرق الأوسط", "وكالة أنباء الشرق الأوسط", "channel")]


def test_bare_keeps_a_known_name_with_a_nationality_word():
    assert bare("صحيفة الجزيرة السعودية") == "الجزيرة السعودية"
    assert bare("وكالة الرافد العراقية") == "الرافد"


@pytest.mark.parametrize("entry, message", [
    ({"canonical": "س", "country": "IQ", "ownership": "owned"}, "'ownership' must be one of"),
    ({"canonical": "س", "country": "Iraq", "ownership": "state"}, "'country' must be"),
    ({"canonical": "س", "ownership": "state"}, "'country' must be"),
    ({"canonical": "س", "country": None, "ownership": "unknown", "domains": ["https://x.com"]}, "bare lower-case"),
    ({"canonical": "س", "country": None, "ownership": "unknown", "head_only": ["ص"]}, "entry's own names"),
])
def test_a_malformed_outlet_entry_is_refused(entry, message):
    with pytest.raises(LexiconError, match=message):
        _check(entry)
