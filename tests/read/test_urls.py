"""URLs and feeds fetched over HTTP from a local server (loopback only)."""

from __future__ import annotations

import http.server
import threading

import pytest

from marsad.model import RawDocument, Skipped, SkipReason
from marsad.read import read_inputs

BODY = "قالت وزارة النقل إن الطريق الدولي بين بغداد وعمان سيعاد افتتاحه مطلع الشهر المقبل بعد انتهاء أعمال الصيانة."
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موقع الطريق</title>
<entry><title>افتتاح الطريق الدولي</title><link href="http://127.0.0.1/a/1"/><updated>2025-11-02T08:00:00Z</updated>
<summary>{BODY}</summary></entry></feed>"""
PAGE = f"<html><head><title>خبر</title></head><body><article><h1>خبر الطريق</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {"/feed.xml": ("application/atom+xml", FEED), "/page.html": ("text/html; charset=utf-8", PAGE)}

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path not in self.routes:
            self.send_error(404)
            return
        ctype, body = self.routes[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def _loopback_allowed(monkeypatch):
    """The server is on 127.0.0.1, which Marsad refuses to fetch from unless the setting allows it."""
    monkeypatch.setenv("MARSAD_ALLOW_PRIVATE_URLS", "1")


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_feed_is_fetched_and_read(server):
    [doc] = list(read_inputs([f"{server}/feed.xml"]))
    assert isinstance(doc, RawDocument)
    assert doc.url == "http://127.0.0.1/a/1" and doc.text == BODY
    assert dict(doc.hints)["published"] == "2025-11-02T08:00"


def test_url_page_keeps_its_url_as_source(server):
    [doc] = list(read_inputs([f"{server}/page.html"]))
    assert doc.source == f"{server}/page.html" and doc.url == doc.source and BODY in doc.text


def test_url_missing_page_is_skipped_with_the_status(server):
    [item] = list(read_inputs([f"{server}/gone.html"]))
    assert isinstance(item, Skipped) and item.reason == SkipReason.FETCH_FAILED and "HTTP 404" in item.detail


def test_url_nothing_listening_is_skipped():
    [item] = list(read_inputs(["http://127.0.0.1:9/none"]))
    assert isinstance(item, Skipped) and item.reason == SkipReason.FETCH_FAILED
