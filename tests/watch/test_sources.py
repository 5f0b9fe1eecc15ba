"""A fetched body -> documents: feeds, pages, and what is refused before any parser sees it."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from marsad.errors import InputError
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.watch.sources import entry_key, feed_items, page_items, refusal, with_entry_hints

TEXT = "قالت وزارة النقل إن الطريق الدولي بين بغداد وعمان سيعاد افتتاحه مطلع الشهر المقبل."


def billion_laughs(one_line: bool = False) -> bytes:
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    dtd = "<!DOCTYPE rss [" + ("" if one_line else "\n").join(ents) + "]>"
    return (f'<?xml version="1.0"?>\n{dtd}\n<rss version="2.0"><channel><title>t</title><item><title>a</title>'
            f"<link>http://a.test/1</link><description>&lol9;</description></item></channel></rss>").encode()


def quadratic_blowup() -> bytes:
    # One 100 kB entity referenced 20,000 times: 2 MB on the wire, 2 GB once expanded. feedparser's loose
    # fallback parser runs out of memory on it (checked by hand under a 2 GB limit); it must never get it.
    dtd = '<!DOCTYPE rss [\n<!ENTITY big "' + "x" * 100_000 + '">\n]>'
    return (f'<?xml version="1.0"?>\n{dtd}\n<rss version="2.0"><channel><item><title>a</title>'
            f"<description>{'&big;' * 20_000}</description></item></channel></rss>").encode()


@pytest.mark.parametrize("body", [billion_laughs(), billion_laughs(one_line=True), quadratic_blowup(),
                                  billion_laughs().decode().encode("utf-16")], ids=["multi-line", "one-line",
                                                                                    "quadratic", "utf-16"])
def test_entity_declarations_are_refused_fast_and_small(body):
    tracemalloc.start()
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="declares XML entities"):
        feed_items(body, "http://a.test/feed")
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 1.0 and peak < 20 * 2**20


def test_a_doctype_without_entities_is_still_read(kit):
    netscape = (b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
                b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' + kit.rss([("t", "http://a.test/1", TEXT)])
                .split(b"?>", 1)[1])
    [doc] = feed_items(netscape, "http://a.test/feed")
    assert isinstance(doc, RawDocument) and doc.text == TEXT and doc.url == "http://a.test/1"


@pytest.mark.parametrize(("body", "reason"), [
    (b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "not a feed: an HTML page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 20, "binary data"),
    (b"   \n", "empty response"),
    (b'{"error": "rate limited"}', "not a feed: no RSS/Atom root"),
    (b'<?xml version="1.0"?><rss><channel><item><title>a</title><descr', "broken feed: cut short"),
])
def test_garbage_where_a_feed_is_expected(body, reason):
    with pytest.raises(InputError, match=reason):
        feed_items(body, "http://a.test/feed")


def test_an_empty_feed_is_not_an_error(kit):
    assert feed_items(kit.rss([]), "http://a.test/feed") == []


def test_a_title_only_entry_still_names_its_link(kit):
    [skipped] = feed_items(kit.rss([("عنوان فقط", "http://a.test/2", "")]), "http://a.test/feed")
    assert isinstance(skipped, Skipped) and skipped.reason is SkipReason.NO_TEXT
    assert skipped.source == "http://a.test/2" and entry_key(skipped) == "skipped:http://a.test/2"


def test_page_items_read_a_page_and_refuse_an_empty_one():
    html = f"<html><head><title>خبر</title></head><body><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    [doc] = page_items(html.encode(), "http://a.test/p")
    assert doc.url == "http://a.test/p" and TEXT in doc.text
    with pytest.raises(InputError, match="no article text"):
        page_items(b"<html><head><title>x</title></head><body></body></html>", "http://a.test/p")


def test_entry_metadata_fills_only_what_the_page_lacks():
    page = RawDocument("http://a.test/p", TEXT, "http://a.test/p", "http://a.test/p", (("title", "عنوان الصفحة"),))
    entry = RawDocument("http://a.test/p", "ملخص", "http://a.test/p", "http://a.test/p",
                        (("title", "عنوان المدخل"), ("published", "2025-11-03T08:00")))
    merged = with_entry_hints(page, entry)
    assert merged.text == TEXT
    assert merged.hints == (("title", "عنوان الصفحة"), ("published", "2025-11-03T08:00"))


def test_refusal_is_none_for_an_ordinary_feed(kit):
    assert refusal(kit.rss([("t", "http://a.test/1", TEXT)])) is None
