"""A feed that declares XML entities is refused before parsing (billion laughs, quadratic blowup)."""

from __future__ import annotations

import time

from marsad.model import Skipped
from marsad.read import read_bytes

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>x</title><item><title>&lol3;</title><description>&lol3;</description></item></channel></rss>"""


def test_entity_bomb_feed_is_skipped_fast():
    t0 = time.perf_counter()
    [item] = list(read_bytes(LAUGHS, "bomb.xml"))
    assert isinstance(item, Skipped) and "entities" in item.detail
    assert time.perf_counter() - t0 < 1.0
    utf16 = LAUGHS.decode("ascii").encode("utf-16")
    assert all(isinstance(i, Skipped) for i in read_bytes(utf16, "bomb16.xml"))


def test_a_plain_feed_still_reads():
    feed = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>وكالة</title><item>"
            "<title>خبر</title><link>https://example.org/1</link><description>أعلنت الوزارة اليوم خبرا جديدا عن المياه."
            "</description></item></channel></rss>").encode()
    [doc] = list(read_bytes(feed, "ok.xml"))
    assert not isinstance(doc, Skipped) and doc.url == "https://example.org/1"
