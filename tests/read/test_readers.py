"""Readers: sniffing, JSON/JSONL records, HTML via trafilatura, feeds, folders and bad input."""

from __future__ import annotations

import gzip
import json

from marsad.model import RawDocument, Skipped, SkipReason
from marsad.read import read_inputs

BODY = ("قال المتحدث باسم وزارة الزراعة إن موسم الحصاد بدأ مبكرا هذا العام بسبب ارتفاع درجات الحرارة. "
        "وأضاف أن الإنتاج المتوقع يفوق ما سجله الموسم الماضي بنحو عشرة في المئة.")

PAGE = f"""<!doctype html><html lang="ar" dir="rtl"><head><title>بدء موسم الحصاد مبكرا - موقع الواحة</title>
<meta property="og:site_name" content="موقع الواحة"><meta name="author" content="سلمى يوسف">
<meta property="article:published_time" content="2025-11-06T10:30:00+03:00"></head>
<body><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/eco">اقتصاد</a></li></ul></nav>
<article><h1>بدء موسم الحصاد مبكرا</h1><p>{BODY}</p><p>{BODY}</p></article>
<aside><h3>اقرأ أيضا</h3><a href="/x">خبر آخر لا علاقة له</a></aside><footer>جميع الحقوق محفوظة</footer></body></html>"""

FEED = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة الواحة</title>
<item><title>الخبر الأول</title><link>https://example.org/a/1</link><pubDate>Thu, 06 Nov 2025 10:30:00 +0300</pubDate>
<description>{BODY}</description></item>
<item><title>الخبر الثاني</title><link>https://example.org/a/2</link><description>{BODY} تكملة.</description></item>
</channel></rss>"""


def _items(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return list(read_inputs([str(path)]))


def test_plain_text_file(tmp_path):
    [doc] = _items(tmp_path, "a.txt", BODY)
    assert isinstance(doc, RawDocument) and doc.text == BODY and doc.url is None


def test_html_page_main_text_and_metadata(tmp_path):
    [doc] = _items(tmp_path, "page.bin", PAGE)  # the extension says nothing: the bytes are sniffed
    assert BODY.split(".")[0] in doc.text
    assert "جميع الحقوق محفوظة" not in doc.text and "خبر آخر لا علاقة له" not in doc.text
    hints = dict(doc.hints)
    assert hints["title"] == "بدء موسم الحصاد مبكرا"
    assert hints["outlet"] == "موقع الواحة"
    assert hints["author"] == "سلمى يوسف"
    assert hints["published"] == "2025-11-06T10:30"


def test_json_list_and_fields(tmp_path):
    records = [{"url": "https://example.org/x", "title": "عنوان", "date": "2025-11-06", "outlet": "الواحة",
                "author": "كريم", "content": BODY}, {"body": BODY + " ثانية"}]
    docs = _items(tmp_path, "recs.json", json.dumps(records, ensure_ascii=False))
    assert [d.source for d in docs] == ["https://example.org/x", f"{tmp_path}/recs.json#2"]
    assert dict(docs[0].hints) == {"title": "عنوان", "published": "2025-11-06", "outlet": "الواحة", "author": "كريم"}


def test_jsonl_records_name_their_line_and_bad_lines_are_skipped(tmp_path):
    lines = [json.dumps({"text": BODY}, ensure_ascii=False), "{broken", json.dumps({"text": 42}),
             json.dumps(["not", "an", "object"])]
    items = _items(tmp_path, "recs.jsonl", "\n".join(lines))
    assert isinstance(items[0], RawDocument) and items[0].source.endswith("recs.jsonl#1")
    assert [(i.source.rsplit("#", 1)[1], i.reason) for i in items[1:]] == [
        ("2", SkipReason.MALFORMED), ("3", SkipReason.MALFORMED), ("4", SkipReason.MALFORMED)]
    assert "field 'text' is not text" in items[2].detail


def test_jsonl_gz_archive_streams(tmp_path):
    path = tmp_path / "archive.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"url": f"https://example.org/{i}", "source": "alwaha", "content": BODY}) + "\n")
    docs = list(read_inputs([str(path)]))
    assert [d.url for d in docs] == [f"https://example.org/{i}" for i in range(3)]


def test_rss_feed_entries(tmp_path):
    docs = _items(tmp_path, "feed.xml", FEED)
    assert [d.url for d in docs] == ["https://example.org/a/1", "https://example.org/a/2"]
    assert dict(docs[0].hints)["published"] == "2025-11-06T07:30"  # feedparser gives UTC
    assert dict(docs[0].hints)["outlet"] == "وكالة الواحة"


def test_folder_is_walked_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY + " ب", encoding="utf-8")
    (tmp_path / "1.txt").write_text(BODY + " أ", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    docs = list(read_inputs([str(tmp_path)]))
    assert [d.source.rsplit("/", 2)[-2:] for d in docs] == [[tmp_path.name, "1.txt"], ["b", "2.txt"]]


def test_bad_inputs_each_get_one_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t ")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2)
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    (tmp_path / "bad.json").write_text('{"text": "نص', encoding="utf-8")
    items = {i.source.rsplit("/", 1)[-1]: i for i in read_inputs([str(tmp_path), str(tmp_path / "missing.txt")],
                                                                  max_bytes=1024)}
    reasons = {name: item.reason for name, item in items.items() if isinstance(item, Skipped)}
    assert reasons == {"empty.txt": SkipReason.EMPTY, "blank.txt": SkipReason.EMPTY, "image.png": SkipReason.BINARY,
                       "big.txt": SkipReason.TOO_LARGE, "bad.json": SkipReason.MALFORMED,
                       "missing.txt": SkipReason.NOT_FOUND}
    line = items["big.txt"].line()
    assert line.startswith(str(tmp_path / "big.txt")) and "\n" not in line


def test_record_with_an_empty_body_is_skipped_as_empty(tmp_path):
    [item] = _items(tmp_path, "recs.jsonl", json.dumps({"url": "https://example.org/e", "content": "  "}))
    assert isinstance(item, Skipped) and item.reason == SkipReason.EMPTY and "'content' is empty" in item.detail
