"""XXE: feeds, HTML pages, XHTML and JSON records with external entities (SYSTEM, PUBLIC, parameter
entities, an external DTD) and XInclude never leak a local file nor make a request. A feed that declares
any entity is refused, in whatever encoding it declares it (EBCDIC, UTF-16, UTF-32 hide the ASCII bytes
of "<!ENTITY" from a byte search, which once let a quadratic-blowup feed through)."""

from __future__ import annotations

import json
import time

import pytest

from marsad.errors import InputError
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.read import read_bytes

SECRET = "SECRET-MARKER-7f3a"
BODY = "قالت وزارة النقل العراقية إن الطريق الدولي سيعاد افتتاحه مطلع الشهر المقبل {ref} بعد انتهاء أعمال الصيانة."
REFUSED = "feed declares XML entities (refused: entity expansion)"


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path.as_uri()


def rss(doctype: str, ref: str = "", encoding: str = "utf-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>{doctype}<rss version="2.0"><channel><title>موقع</title>'
            f"<item><title>خبر</title><link>https://news.example/1</link>"
            f"<description>{BODY.format(ref=ref)}</description></item></channel></rss>")


def _read(data: bytes) -> list:
    return list(read_bytes(data, "input"))


def _leaks(items: list) -> bool:
    return any(SECRET in (i.text + repr(i.hints)) for i in items if isinstance(i, RawDocument))


def declarations(secret: str, dtd: str) -> dict[str, str]:
    return {
        "system": f'<!DOCTYPE rss [<!ENTITY x SYSTEM "{secret}">]>',
        "public": f'<!DOCTYPE rss [<!ENTITY x PUBLIC "-//A//B" "{secret}">]>',
        "parameter": f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{dtd}"> %p;]>',
        "parameter, nested": f'<!DOCTYPE rss [<!ENTITY % f SYSTEM "{secret}"><!ENTITY % e "<!ENTITY x \'%f;\'>"> %e;]>',
        "internal": '<!DOCTYPE rss [<!ENTITY x "expanded">]>',
        "lower case": f'<!doctype rss [<!entity x system "{secret}">]>',
    }


def test_feeds_declaring_entities_are_refused(secret, recorder):
    dtd = f"http://127.0.0.1:{recorder.port}/evil.dtd"
    for name, doctype in declarations(secret, dtd).items():
        items = _read(rss(doctype, "&x;").encode())
        assert [(type(i), i.reason, i.detail) for i in items] == [(Skipped, SkipReason.MALFORMED, REFUSED)], name
    assert recorder.hits == []


def _blowup(encoding: str) -> bytes:
    """A quadratic-blowup feed (one 1,000-character entity referenced 2,000 times) in this encoding."""
    doctype = '<!DOCTYPE rss [<!ENTITY a "' + "A" * 1000 + '">]>'
    if encoding == "utf-7-ascii":  # "<!ENTITY" and "&a;" written as UTF-7 in plain ASCII bytes
        return ('<?xml version="1.0" encoding="utf-7"?>' + doctype.replace("<!E", "+ADw-!E").replace('">', '"+AD4-')
                + '<rss version="2.0"><channel><title>site</title><item><title>road</title>'
                "<link>https://news.example/1</link><description>road " + "+ACY-a+ADs-" * 2000
                + "</description></item></channel></rss>").encode("ascii")
    return rss(doctype, "&a;" * 2000, encoding=encoding.replace("-sig", "")).encode(encoding, errors="replace")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp037", "utf-7-ascii"])
def test_entity_declarations_are_caught_in_any_encoding(encoding):
    """Never expanded: refused as a declaration, or not read at all (EBCDIC, UTF-32 are not decoded).
    Before the check ran on decoded text, the UTF-7 and EBCDIC feeds grew to 2,000,000 characters."""
    started = time.monotonic()
    items = _read(_blowup(encoding))
    assert time.monotonic() - started < 2
    assert not any(isinstance(i, RawDocument) and "AAAA" in i.text for i in items), encoding
    if encoding != "utf-32":  # UTF-32 is not decoded as such: read as (harmless) text
        assert all(isinstance(i, Skipped) for i in items), (encoding, items)
    if encoding.startswith(("utf-8", "utf-16", "utf-7")):
        assert [i.detail for i in items] == [REFUSED], encoding


def test_external_dtd_and_xinclude_are_not_fetched(secret, recorder):
    dtd = f"http://127.0.0.1:{recorder.port}/evil.dtd"
    recorder.routes["/evil.dtd"] = (200, {"Content-Type": "application/xml-dtd"}, f'<!ENTITY x "{SECRET}">'.encode())
    include = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" parse="text"/>'
    for name, doctype, ref in (("dtd over http", f'<!DOCTYPE rss SYSTEM "{dtd}">', "&x;"),
                               ("dtd from a file", f'<!DOCTYPE rss SYSTEM "{secret}">', "&x;"),
                               ("xinclude", "", include)):
        items = _read(rss(doctype, ref).encode())
        assert not _leaks(items), name
        [doc] = items
        assert isinstance(doc, RawDocument) and doc.text.startswith("قالت وزارة النقل"), name
    assert recorder.hits == []


def test_html_xhtml_and_records_never_expand_external_entities(secret, recorder):
    dtd = f"http://127.0.0.1:{recorder.port}/evil.dtd"
    para = BODY.format(ref="&x;")
    pages = {
        "html": f'<!DOCTYPE html [<!ENTITY x SYSTEM "{secret}">]><html><body><article><p>{para}</p>'
                f"<p>{para}</p></article></body></html>",
        "xhtml": f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "{secret}"><!ENTITY % p SYSTEM "{dtd}"> %p;]>'
                 f'<html xmlns="http://www.w3.org/1999/xhtml"><body><article><p>{para}</p><p>{para}</p></article>'
                 "</body></html>",
        "xinclude": f'<html><body><article><p>{BODY.format(ref="")}</p><p>'
                    f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" parse="text"/>'
                    f"{BODY.format(ref='')}</p></article></body></html>",
        "svg": f'<html><body><article><p>{BODY.format(ref="")}</p><svg><image href="{secret}"/>'
               f'<use href="{dtd}#x"/></svg><p>{BODY.format(ref="")}</p></article></body></html>',
    }
    for name, page in pages.items():
        for data in (page.encode(), json.dumps({"html": page, "url": "https://news.example/x"}).encode()):
            items = _read(data)
            assert items and not _leaks(items), name
            assert all(isinstance(i, RawDocument) or i.reason is not SkipReason.FETCH_FAILED for i in items), name
    assert recorder.hits == []


def test_the_watcher_refuses_entity_declarations_before_parsing(secret):
    from marsad.watch import sources

    for doctype in declarations(secret, "http://127.0.0.1:9/evil.dtd").values():
        for encoding, reason in (("utf-8", "declares XML entities"), ("utf-16", "declares XML entities"),
                                 ("cp037", None)):  # EBCDIC: refused too (its closing tag is not found first)
            data = rss(doctype, "&x;", encoding=encoding).encode(encoding, errors="replace")
            with pytest.raises(InputError, match=reason):
                sources.feed_items(data, "https://news.example/feed")
