"""XSS: hostile payloads in every field the web app and the reports show stay text.

Every GET route of the app (enumerated from the app, so a new page is covered or this test fails) is
requested with the ids of the hostile store (conftest.py) and with markup as ids and queries; each HTML
answer is parsed and must hold no element, attribute or URL that could run script, while each field's
payload must be visible as text somewhere (so the field really is shown, escaped). The HTML report and
the Markdown report (rendered the way a permissive viewer would, raw HTML allowed) get the same checks.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import quote

import lxml.html
import pytest

from marsad.report.html import render_html
from marsad.report.markdown import render_markdown

# the payload tags (alert("TAG")) that must show up as text on some page: every field the app shows
SHOWN = {"title", "title2", "outlet", "outlet2", "author", "author2", "url", "url-q", "path", "quote", "quote2",
         "speaker2", "speaker-fix", "entity", "text", "claim", "canonical", "english", "place", "note", "htmltext",
         "feed-title", "feed-outlet", "feed-author", "feed-link", "q", "q2", "sid"}
ID_PAYLOADS = ['"><img src=x onerror=alert("sid")>', "<svg onload=alert(1)>", "{{7*7}}", "' \"", "..%2f..%2fetc"]  # = payloads["id"]
QUERIES = ['<script>alert("q")</script>', '"><img src=x onerror=alert("q2")>', "{{7*7}}", "قاعدة الصقر"]
SCRIPT_SOURCES = {"/assets/report.js", "/static/leaflet/leaflet.js", "/static/map.js"}
FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "img", "svg", "math", "base", "applet", "video", "audio"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_TAG = re.compile(r"""alert\(["']([a-z0-9-]+)["']\)""")


def safe_url(value: str) -> bool:
    """Relative, or http(s): what a browser would see once it drops blanks and controls."""
    squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
    m = _SCHEME.match(squeezed)
    return m is None or m.group(1) in ("http", "https")


def assert_inert(html: str, where: str, inline_scripts: tuple[str, ...] = ()) -> lxml.html.HtmlElement:
    """No script can run from this HTML: raw markup checks, then the parsed tree."""
    low = html.lower()
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<iframe", "</script><script>alert"):
        assert raw not in low, f"{where}: unescaped {raw!r}"
    root = lxml.html.document_fromstring(html)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments, processing instructions
        tag = el.tag.lower()
        assert tag not in FORBIDDEN_TAGS, f"{where}: <{tag}> element"
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: event handler {name}={value!r} on <{tag}>"
            if name.lower() in URL_ATTRIBUTES:
                assert safe_url(value), f"{where}: <{tag} {name}={value!r}>"
        if tag == "meta" and el.get("http-equiv", "").lower() == "refresh":
            raise AssertionError(f"{where}: meta refresh")
        if tag == "script":
            if el.get("src"):
                assert el.get("src") in SCRIPT_SOURCES, f"{where}: script src {el.get('src')!r}"
            elif el.get("type") == "application/json":
                json.loads(el.text or "null")
            else:
                assert (el.text or "") in inline_scripts, f"{where}: inline script {(el.text or '')[:80]!r}"
    return root


def shown_tags(root) -> set[str]:
    return set(_TAG.findall(root.text_content()))


def _ids(hostile) -> dict[str, list[str]]:
    doc = hostile.doc
    return {"article_id": [a.id for a in hostile.articles] + ID_PAYLOADS,
            "story_id": [s["id"] for s in hostile.stories] + ID_PAYLOADS,
            "entity_id": sorted({e["id"] for e in doc["entities"]}) + ID_PAYLOADS,
            "fmt": ["json", "csv", "geojson", "md", "html", *ID_PAYLOADS]}


def _queries(path: str) -> list[str]:
    """Query strings that echo input back, per route; every route also gets its bare URL."""
    q = [f"?q={quote(x)}" for x in QUERIES]
    return {"/search": q, "/api/search": q, "/api/entities": q + ["?type=" + quote(QUERIES[0])],
            "/api/quotes": ["?speaker=" + quote(x) for x in QUERIES],
            "/api/articles": ["?outlet=" + quote(QUERIES[0]), "?since=" + quote(QUERIES[1])],
            "/": ["?offset=" + quote(QUERIES[0])]}.get(path, [])


def every_get(app, hostile, walk) -> list[str]:
    """A URL for every GET route and every id of the store, plus hostile ids and queries."""
    ids, urls = _ids(hostile), []
    for path, methods, _route in walk(app.routes):
        if "GET" not in methods and methods:
            continue
        if not methods:  # the static mount
            urls += [path + "/app.css", path + "/map.js"]
            continue
        params = re.findall(r"{(\w+)}", path)
        assert all(p in ids for p in params), f"{path}: no test ids for {params}; add them to _ids()"
        concrete = [path]
        for p in params:
            concrete = [c.replace("{" + p + "}", quote(v, safe="")) for c in concrete for v in ids[p]]
        for c in concrete:
            urls += [c] + [c + x for x in _queries(path)]
    return urls


@pytest.fixture(scope="module")
def crawl(hostile, hostile_client, routes):
    """url -> response for every GET URL (requested once for the module)."""
    return {u: hostile_client.get(u) for u in every_get(hostile_client.app, hostile, routes)}


def test_payload_inventory(hostile, payloads):
    """The hostile store holds what the tests rely on. `pytest -s -k inventory` prints the counts by field."""
    print({field: len(values) for field, values in payloads.items()}, sum(map(len, payloads.values())))
    assert hostile.report.counts["new"] == 8 and not hostile.report.skipped
    titles = [a.title or "" for a in hostile.articles]
    assert any('alert("title")' in t for t in titles) and any('alert("feed-title")' in t for t in titles)
    assert {a.url for a in hostile.articles} >= {'javascript:alert("url")', 'javascript:alert("feed-link")'}
    quotes = [q for a in hostile.doc["articles"] for q in a["quotes"]]
    assert any("alert('quote')" in q["text"] for q in quotes) and any("alert('claim')" in q["text"] for q in quotes)
    assert any("alert('speaker2')" in (q["speaker"] or "") for q in quotes)
    assert any(a.source.endswith(payloads["source"][0] + ".txt") for a in hostile.articles)


def test_every_page_and_route_keeps_payloads_inert(crawl):
    seen: set[str] = set()
    checked = 0
    for url, r in crawl.items():
        assert r.status_code in (200, 400, 404, 422), f"{url}: {r.status_code} {r.text[:200]}"
        ctype = r.headers.get("content-type", "")
        if ctype.startswith("text/html") and "attachment" not in r.headers.get("content-disposition", ""):
            seen |= shown_tags(assert_inert(r.text, url))
            checked += 1
        elif url.startswith("/api/"):
            assert ctype.split(";")[0] in ("application/json", "application/zip", "application/geo+json",
                                           "text/markdown", "text/html"), url
        assert r.headers.get("x-content-type-options") == "nosniff", url
    assert checked >= 40
    assert SHOWN - seen == set(), f"fields never shown (or shown as markup): {sorted(SHOWN - seen)}"


def test_hostile_ids_and_queries_are_echoed_as_text(hostile_client):
    r = hostile_client.get("/articles/" + quote(ID_PAYLOADS[0], safe=""))
    assert r.status_code == 404
    message = lxml.html.document_fromstring(r.text).get_element_by_id("error-message").text_content()
    assert message == f"no article with id '{ID_PAYLOADS[0]}'"
    for q in QUERIES:
        root = assert_inert(hostile_client.get("/search?q=" + quote(q)).text, q)
        assert root.xpath("//form[@role='search']/input[@name='q']/@value") == [q]  # the attribute holds it whole
        assert root.find(".//title").text_content().startswith(f"بحث: {q}")
    r = hostile_client.get("/api/articles/" + quote(ID_PAYLOADS[0], safe=""))
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"


def test_template_syntax_is_not_evaluated(hostile, hostile_client):
    first = next(a for a in hostile.articles if a.title and 'alert("title")' in a.title)
    root = assert_inert(hostile_client.get(f"/articles/{first.id}").text, "article")
    assert "{{7*7}}" in root.find(".//h1").text_content() and "\u202e" in root.find(".//h1").text_content()


def test_json_in_the_story_page_cannot_close_its_script(hostile, hostile_client):
    html = hostile_client.get(f"/stories/{hostile.story}").text
    [block] = re.findall(r'<script type="application/json" id="places-data">(.*?)</script>', html, re.S)
    assert "<" not in block and ">" not in block
    names = {p["name"] for p in json.loads(block)}
    assert '</script><script>alert("place")</script>' in names  # the corrected place name, intact as data


def test_javascript_urls_never_become_links(hostile, hostile_client):
    html = hostile_client.get(f"/stories/{hostile.story}").text
    root = assert_inert(html, "story")
    hrefs = [a.get("href") for a in root.iter("a")]
    assert hrefs and not [h for h in hrefs if not safe_url(h)]
    # the https URL with markup in its query is not a link either (quotes and brackets make it unsafe)
    assert not [h for h in hrefs if "news.example" in h]


def test_security_headers_on_pages_errors_and_refusals(hostile, hostile_client):
    from fastapi.testclient import TestClient

    from marsad.web import ServeSettings, create_app

    locked = TestClient(create_app(ServeSettings(db=hostile.db, token="t0ken", max_body=100)))
    answers = {"page": hostile_client.get("/"), "404": hostile_client.get("/no/such/page"),
               "api 404": hostile_client.get("/api/articles/nope"), "static": hostile_client.get("/static/map.js"),
               "401": locked.post("/api/ingest", json={"text": "x"}),
               "413": locked.post("/api/ingest", content=b"x" * 200, headers={"authorization": "Bearer t0ken"})}
    assert answers["401"].status_code == 401 and answers["413"].status_code == 413
    for name, r in answers.items():
        csp = r.headers.get("content-security-policy", "")
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
        assert directives.get("script-src") == "'self'", (name, csp)
        assert directives.get("object-src") == "'none'" and directives.get("frame-ancestors") == "'none'", name
        assert directives.get("base-uri") == "'none'", name
        assert r.headers.get("x-content-type-options") == "nosniff", name


def _report_doc(hostile):
    from marsad.service import document_for
    from marsad.store import open_store

    store = open_store(hostile.db)
    try:
        return document_for(store, [a.id for a in store.list_articles()])
    finally:
        store.close()


def test_html_report_keeps_payloads_inert(hostile):
    from importlib.resources import files

    html = render_html(_report_doc(hostile))
    script = (files("marsad.report") / "templates" / "report.js").read_text(encoding="utf-8")
    root = assert_inert(html, "report", inline_scripts=(script,))
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    missing = SHOWN - {"q", "q2", "sid", "english"} - shown_tags(root)  # no search, errors or English names
    assert missing == set(), f"fields the report never shows as text: {sorted(missing)}"
    links = [a.get("href") for a in root.iter("a") if a.get("href") and not a.get("href").startswith("#")]
    assert links == [], links  # every source URL of the hostile store is unsafe: none becomes a link


def test_markdown_report_renders_no_markup_in_a_permissive_viewer(hostile):
    from markdown_it import MarkdownIt

    md = render_markdown(_report_doc(hostile))
    assert "<script" not in md.replace("\\<script", "") and "<img" not in md.replace("\\<img", "")
    html = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table").render(md)
    root = assert_inert(f"<html><body>{html}</body></html>", "markdown")
    assert shown_tags(root) >= {"title", "outlet", "url", "path", "quote", "speaker2", "canonical", "place"}
    assert [a.get("href") for a in root.iter("a")] == []
