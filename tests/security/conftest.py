"""A store of hostile articles for the security tests, the app on it, and the app's routes.

Every field the web app and the reports show carries a payload tagged with the field's name
(`alert("title")`, `alert("outlet")`, ...), so a test can tell which field leaked. The payloads reach
the store the way real input does: JSON records (title, outlet, url, author), a text file whose *name*
is markup (the source path), an HTML page, an RSS feed, Arabic sentences around markup so that quotes,
speakers, entities and claims carry it, and analysts' corrections (names, speakers, notes, `by`).
"""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from marsad.service import ingest
from marsad.store import open_store
from marsad.web import ServeSettings, create_app

RLO, PDF = "\u202e", "\u202c"  # right-to-left override and its end: text that displays reversed


def script(tag: str, q: str = '"') -> str:
    return f"<script>alert({q}{tag}{q})</script>"


def img(tag: str, q: str = '"') -> str:
    return f'"><img src=x onerror=alert({q}{tag}{q})>'


def close(tag: str, q: str = '"') -> str:
    """Ends a <script> element early, for JSON embedded in a page."""
    return f"</script><script>alert({q}{tag}{q})</script>"


QUOTES = "' \" ` {{7*7}} ${7*7}"  # attribute-breaking quotes and template syntax

# field -> payloads put into it (the counts are reported by test_payload_inventory)
PAYLOADS: dict[str, list[str]] = {
    "title": [script("title"), img("title2"), "{{7*7}}", RLO + "عنوان" + PDF],
    "outlet": [img("outlet"), close("outlet2"), QUOTES],
    "url": ['javascript:alert("url")', " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
            'https://news.example/a?q="><script>alert("url-q")</script>', "vbscript:msgbox(1)"],
    "author": [f"{QUOTES} <svg onload=alert(\"author\")>", script("author2")],
    "source": [img("path")],
    # inside Arabic sentences, in single quotes (a double quote would end the quotation they sit in)
    "text": [script("quote", "'"), img("text", "'"), close("speaker2", "'"), script("entity", "'"),
             script("claim", "'"), img("quote2", "'"), "{{7*7}}", RLO],
    "html": ['<script>alert("html")</script>', '<iframe src="javascript:alert(1)"></iframe>',
             '<a href="javascript:alert(1)">رابط</a>', '&lt;script&gt;alert("htmltext")&lt;/script&gt;',
             script("html-title"), img("html-author")],
    "feed": [script("feed-title"), 'javascript:alert("feed-link")', img("feed-author"), img("feed-outlet")],
    "correction": [script("canonical"), img("english"), close("place"), script("speaker-fix"), img("note"),
                   script("reject"), script("by")],
    "query": [script("q"), img("q2"), "{{7*7}}"],
    "id": [img("sid"), "<svg onload=alert(1)>", "{{7*7}}", "' \"", "..%2f..%2fetc"],
}

SENTENCES = (
    "بغداد - أعلنت وزارة الدفاع العراقية {s} اليوم الاثنين انسحاب 500 جندي {i} من قاعدة الصقر الجوية قرب الحبانية.\n\n"
    'وقال اللواء خالد {s} الزيدي المتحدث باسم الوزارة إن "القوات {q} ستغادر القاعدة {t} خلال أسبوع {c}".\n\n'
    "وأضاف الزيدي أن نحو 1200 جندي {i} غادروا القاعدة، مشيراً إلى أن {r} الجيش العراقي تسلم الحماية {u}."
)


def _records() -> list[dict]:
    text = PAYLOADS["text"]
    body = SENTENCES.format(s=text[3], i=text[1], q=text[0], t=text[6], c=text[2], r=text[7], u=QUOTES)
    first = {"title": f"{script('title')} انسحاب القوات من قاعدة الصقر {{{{7*7}}}} {RLO}عنوان{PDF}",
             "outlet": f"وكالة {img('outlet')} {QUOTES}", "url": PAYLOADS["url"][0],
             "author": PAYLOADS["author"][0], "date": "2025-11-03", "text": body}
    second = {"title": f"{img('title2')} تسلم قاعدة الصقر", "outlet": close("outlet2"),
              "url": PAYLOADS["url"][3], "author": script("author2"), "date": "2025-11-04",
              "text": f"الأنبار - قال مصدر أمني عراقي {text[2]} إن 700 جندي غادروا قاعدة الصقر الجوية "
                      f"{text[4]} يوم الثلاثاء.\n\nوأكد المصدر أن \"{text[5]} الجيش العراقي تسلم "
                      "القاعدة بالكامل {{7*7}}\"."}
    others = [{"title": f"خبر {n}", "outlet": "وكالة الاختبار", "url": url, "date": "2025-11-05",
               "text": f"الرمادي - قال محافظ الأنبار إن {n} جندياً غادروا قاعدة الصقر الجوية صباح اليوم."}
              for n, url in ((300, PAYLOADS["url"][1]), (400, PAYLOADS["url"][2]), (600, PAYLOADS["url"][4]))]
    return [first, second, *others]


HTML_PAGE = """<!doctype html><html><head><title>{s} خبر الصفحة</title>
<meta name="author" content='{i}'><script>alert("html")</script></head><body><article><h1>خبر الصفحة</h1>
<p>بغداد - قالت وزارة النقل العراقية إن الطريق الدولي سيعاد افتتاحه مطلع الشهر المقبل {e}
بعد انتهاء أعمال الصيانة، وأضافت أن العمل مستمر. <iframe src="javascript:alert(1)"></iframe></p>
<p>وأكدت الوزارة أن <a href="javascript:alert(1)">رابط</a> الطريق سيكون آمناً للمسافرين بين بغداد وعمان.</p>
</article></body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{o}</title>
<item><title>{t}</title><link>javascript:alert("feed-link")</link><author>{a}</author>
<description>الموصل - قال مسؤول محلي إن أعمال إعادة إعمار الجسر القديم ستبدأ الشهر المقبل بكلفة 20 مليون دولار.
</description></item></channel></rss>"""


def _write_inputs(folder: Path) -> None:
    from xml.sax.saxutils import escape

    folder.mkdir()
    for n, rec in enumerate(_records()):
        (folder / f"r{n}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    (folder / (img("path") + ".txt")).write_text(  # the file's name is the payload (shown as the source)
        "قال وزير الخارجية العراقي في بغداد إن المحادثات مع الجانب التركي ستستمر الأسبوع المقبل.\n", encoding="utf-8")
    (folder / "page.html").write_text(HTML_PAGE.format(s=script("html-title"), i=img("html-author"),
                                                       e="&lt;script&gt;alert(\"htmltext\")&lt;/script&gt;"),
                                      encoding="utf-8")
    (folder / "feed.xml").write_text(FEED.format(o=escape(img("feed-outlet")), t=escape(script("feed-title")),
                                                 a=escape(img("feed-author"))), encoding="utf-8")


def _correct(store) -> dict:
    """Analysts' corrections whose values are payloads: names, a speaker, notes, who."""
    from marsad.corrections import contradiction_target, quote_target
    from marsad.service import document_for

    doc = document_for(store, [a.id for a in store.list_articles()])
    place = next(e for e in doc["entities"] if e["canonical"] == "الحبانية" and e["lat"] is not None)
    army = next(e for e in doc["entities"] if e["canonical"] == "الجيش العراقي")
    story = next(s for s in doc["stories"] if s["contradictions"])
    quoted = next(a for a in doc["articles"] if a["quotes"])
    event_article = next(a for a in doc["articles"] if a["events"])
    done = {
        "place": store.add_correction("set_entity", place["id"], {"canonical": close("place")}, "محلل"),
        "entity": store.add_correction("set_entity", army["id"], {"canonical": script("canonical"),
                                                                  "english": img("english")}, "محلل"),
        "speaker": store.add_correction("set_speaker", quote_target(quoted["id"], quoted["quotes"][0]),
                                        {"speaker": script("speaker-fix")}, script("by")),
        "note": store.add_correction("resolve_contradiction",
                                     contradiction_target(story["id"], story["contradictions"][0]),
                                     {"note": img("note")}, "محلل"),
        "reject": store.add_correction("reject_fact", f"{event_article['id']}:event:{event_article['events'][-1]['start']}",
                                       {"note": script("reject")}, "محلل"),
    }
    return {"doc": doc, "story": story["id"], "place_id": place["id"], "army": army["id"], **done}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """The hostile store: path, ids of what it holds, and the corrections made."""
    root = tmp_path_factory.mktemp("hostile")
    _write_inputs(root / "in")
    db = str(root / "hostile.db")
    store = open_store(db)
    report = ingest([str(root / "in")], store)
    made = _correct(store)
    articles = store.list_articles()
    stories = store.list_stories(limit=100)
    store.close()
    return SimpleNamespace(db=db, report=report, articles=articles, stories=stories, **made)


@pytest.fixture(scope="session")
def hostile_client(hostile):
    from fastapi.testclient import TestClient

    return TestClient(create_app(ServeSettings(db=hostile.db)))


def walk_routes(routes, prefix: str = ""):
    """(path, methods, route) of every route of a FastAPI app, included routers flattened."""
    for r in routes:
        if hasattr(r, "original_router"):  # FastAPI's included router
            yield from walk_routes(r.original_router.routes, prefix + (r.include_context.prefix or ""))
        else:
            yield prefix + r.path, frozenset(getattr(r, "methods", None) or ()), r


@pytest.fixture(scope="session")
def routes():
    return walk_routes


@pytest.fixture(scope="session")
def payloads() -> dict[str, list[str]]:
    return PAYLOADS


class Recorder:
    """A loopback HTTP server: routes path -> (status, headers, body); records each request's path and Host."""

    def __init__(self):
        rec = self
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.hits: list[str] = []
        self.hosts: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                rec.hits.append(self.path)
                rec.hosts.append(self.headers.get("Host"))
                status, headers, body = rec.routes.get(self.path, (404, {}, b"no"))
                self.send_response(status)
                for k, v in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()


@pytest.fixture
def recorder():
    """A loopback HTTP server that records every request (the SSRF and XXE tests assert it saw none)."""
    r = Recorder()
    yield r
    r.httpd.shutdown()
    r.httpd.server_close()
