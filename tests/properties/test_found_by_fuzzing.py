"""The smallest inputs on which the property tests and the fuzzers found a bug, each kept as a plain test."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time

import pytest

from marsad.dates.relative import find_timexes
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.pipeline import Pipeline
from marsad.read import read_bytes
from marsad.read.feeds import read_feed
from marsad.service import analyse


@pytest.mark.parametrize(("text", "ref", "want"), [
    ("9" * 309 + " يوم", None, []),  # the count overflows a float: int(inf) raised OverflowError
    ("بعد 9999999 يوم", dt.date(2024, 9, 12), ["9999999 يوم"]),  # past year 9999: a duration, no date
    ("غدا", dt.date(9999, 12, 31), []),  # the day after the calendar's last day
    ("أمس", dt.date(1, 1, 1), []),  # the day before its first
    ("الأسبوع المقبل", dt.date(9999, 12, 31), []),
])
def test_date_arithmetic_past_the_calendar_gives_no_date_and_no_exception(text, ref, want):
    found = find_timexes(text, ref)
    assert [text[t.start:t.end] for t in found] == want
    assert all(t.type == "DURATION" for t in found)


def test_a_record_dated_on_the_last_day_of_the_calendar_is_analysed_not_skipped():
    record = {"date": "9999-12-31", "text": "قال الوزير إن الاجتماع سيعقد غدا في بغداد لبحث الاتفاق."}
    [doc] = read_bytes(json.dumps(record, ensure_ascii=False).encode(), "r.json")
    article = analyse(doc, Pipeline())
    assert not isinstance(article, Skipped), article.line()
    assert article.published == "9999-12-31"
    assert [article.text[t.start:t.end] for t in article.timexes] == []


def test_a_feed_entry_whose_summary_feedparser_leaves_none_is_skipped_with_its_reason():
    # An unclosed <title> makes feedparser store summary=None (it used to raise TypeError in the reader).
    items = list(read_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</entry></feed>', "f.xml"))
    assert items == [Skipped("f.xml#1", SkipReason.NO_TEXT, "feed entry has no summary or content")]


def test_a_skipped_line_is_one_line_even_when_the_source_holds_a_line_break():
    feed = b'<rss version="2.0"><channel><item><title>t</title><link>https://e.org/\nx</link></item></channel></rss>'
    [item] = read_feed(feed, "f.xml")
    assert item.line() == "https://e.org/\\nx: skipped (no text: feed entry has no summary or content)"
    assert Skipped("a\u2028b", SkipReason.EMPTY, "x\r\ny").line() == "a\\u2028b: skipped (empty: x\\r\\ny)"


def test_a_long_run_of_one_token_tagged_as_a_name_is_propagated_in_linear_time():
    from marsad.ner.crf import propagate

    # A 40,000-token "name" (a line of dashes the CRF tagged) was compared at every position: ~10 s.
    n = 40_000
    tags = [["B-ORG"] + ["I-ORG"] * (n - 1)]
    started = time.perf_counter()
    assert propagate([["-"] * n], tags) == tags
    assert time.perf_counter() - started < 2.0


def test_pipeline_on_a_line_of_dashes_after_a_name():
    raw = "قال الوزير «سننسحب قريبا». مساء أمس: " + "-" * 30_000
    article = analyse(RawDocument("x", raw, raw), Pipeline())
    assert not isinstance(article, Skipped)
    assert [article.text[q.start:q.end] for q in article.quotes] == ["سننسحب قريبا"]


@pytest.mark.parametrize("raw", ["نقلت وكالة الأنباء عن مصدر مسؤول قوله إن «  » ثم غادر.", "وقال الوزير “ ” للصحفيين."])
def test_quotation_marks_around_nothing_but_spaces_are_no_statement(raw):
    article = analyse(RawDocument("x", raw, raw), Pipeline())
    assert article.quotes == ()


def test_a_direct_quote_is_trimmed_inside_its_marks():
    raw = "وقال الوزير “ انتهى الأمر ” للصحفيين."
    [quote] = analyse(RawDocument("x", raw, raw), Pipeline()).quotes
    assert (raw[quote.start:quote.end], quote.direct, quote.speaker_text) == ("انتهى الأمر", True, "الوزير")


@pytest.mark.parametrize(("feed", "error"), [
    (b"<channel<item<link</item</link<", "KeyError: 'links'"),  # feedparser's loose parser raised
    (b'<?encoding="\x00"?>', "ValueError: embedded null character"),
])
def test_a_feed_that_breaks_feedparser_is_skipped_as_malformed(feed, error):
    assert list(read_feed(feed, "f.xml")) == [Skipped("f.xml", SkipReason.MALFORMED, f"feed could not be parsed: {error}")]


@pytest.mark.parametrize(("date", "published"), [
    ("2024-18-12T10:30:00", None), ("2023-02-29", None), ("2024-09-12T25:00", None),  # no such day or hour
    ("2024-02-29", "2024-02-29"), ("2024-09-12T10:30:00+03:00", "2024-09-12T10:30"),
])
def test_a_record_date_that_is_no_real_day_gives_no_publication_date(date, published):
    record = {"date": date, "text": "قال الوزير إن الاجتماع سيعقد في بغداد لبحث الاتفاق بين البلدين."}
    [doc] = read_bytes(json.dumps(record, ensure_ascii=False).encode(), "r.json")
    assert analyse(doc, Pipeline()).published == published


@pytest.mark.parametrize(("raw", "outlet", "evidence"), [
    ("النهرين  الجديدة- بغداد\nقال الوزير إن الاجتماع سيعقد في بغداد.", "النهرين الجديدة", "النهرين  الجديدة"),
    ("وكالة النهرين\tالجديدة- بغداد", "النهرين الجديدة", "النهرين\tالجديدة"),
])
def test_a_dateline_with_two_spaces_in_the_outlet_name_names_the_outlet(raw, outlet, evidence):
    # bare() joins the words with one space, so the name was not found in the line: ValueError, article skipped.
    article = analyse(RawDocument("x", raw, raw), Pipeline())
    assert not isinstance(article, Skipped), article.line()
    ev = article.outlet_evidence
    assert (article.outlet, ev.text, article.text[ev.start:ev.end]) == (outlet, evidence, evidence)


def test_an_indirect_statement_starts_after_a_no_break_space():
    raw = "ونفى\u00a0المتحدث\u00a0أن\u00a0الخميس\u00a012\u00a0أيلول\u00a02024\u00a0"
    [quote] = analyse(RawDocument("x", raw, raw), Pipeline()).quotes
    assert raw[quote.start:quote.end] == "الخميس\u00a012\u00a0أيلول\u00a02024"


def test_a_record_whose_url_does_not_parse_is_analysed_under_that_url():
    # urlsplit raises ValueError("Invalid IPv6 URL") on a bracket: `marsad ingest` printed a traceback.
    record = {"url": "https://[example.org/a", "text": "قال الوزير إن الاجتماع سيعقد في بغداد."}
    [doc] = read_bytes(json.dumps(record, ensure_ascii=False).encode(), "r.json")
    article = analyse(doc, Pipeline())
    want_id = "a" + hashlib.sha256(b"url\nhttps://[example.org/a").hexdigest()[:16]
    assert (article.url, article.id) == ("https://[example.org/a", want_id)


@pytest.mark.parametrize(("run", "after"), [
    (".", "x"),  # sentences: the terminal run was retried from every dot (80,000 dots: minutes)
    (" ", "x"),  # outlets and the summary-box split: a space run was rescanned from each space
])
def test_a_long_run_of_one_character_is_analysed_in_linear_time(run, after):
    raw = "قال الوزير إن " + run * 80_000 + after + " غادروا."
    started = time.perf_counter()
    article = analyse(RawDocument("x", raw, raw), Pipeline())
    assert not isinstance(article, Skipped)
    assert time.perf_counter() - started < 10  # quadratic, this took from one to many minutes
