"""The web pages: right-to-left, every story/article/entity page renders, and text from articles never
becomes markup (script tags and attribute injection in every field the pages show)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from marsad.web import ServeSettings, create_app

PAYLOAD_TITLE = '<script>alert("t")</script>" onmouseover="alert(1)'
PAYLOAD_TEXT = ('قال المتحدث باسم الجيش <img src=x onerror=alert(2)> إن قوات التحالف "<script>alert(3)</script>" '
                'غادرت قاعدة الصقر الجوية في الأنبار، وأضاف أن الانسحاب اكتمل.')


def test_pages_are_rtl_and_render(client):
    stories = client.get("/api/stories").json()["items"]
    aid = client.get("/api/articles?limit=1").json()["items"][0]["id"]
    for url in ["/", f"/stories/{stories[0]['id']}", f"/articles/{aid}", "/entities/Q796", "/search?q=العراق"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert '<html lang="ar" dir="rtl">' in r.text
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
    assert "<script src=\"https://" not in client.get(f"/stories/{stories[0]['id']}").text


def test_story_page_has_timeline_map_data_and_places_list(client):
    saqr = next(s for s in client.get("/api/stories").json()["items"] if len(s["articles"]) == 5)
    html = client.get(f"/stories/{saqr['id']}").text
    assert html.count('class="tl-entry') == len(saqr["timeline"])
    assert 'id="places-data"' in html and "الحبانية" in html and 'href="/entities/kb-city-iq-habbaniyah"' in html
    assert "/static/leaflet/leaflet.js" in html


def test_unknown_pages_give_an_html_error(client):
    r = client.get("/stories/nope")
    assert r.status_code == 404 and "no story with id &#39;nope&#39;" in r.text and 'dir="rtl"' in r.text


def test_article_text_is_never_markup(tmp_path):
    from marsad.service import ingest_items
    from marsad.store import open_store

    db = str(tmp_path / "xss.db")
    store = open_store(db)
    from marsad.model import RawDocument

    raw = f"{PAYLOAD_TITLE}\n\n{PAYLOAD_TEXT}\n"
    ingest_items([RawDocument("xss.txt", raw, raw, hints=(("title", PAYLOAD_TITLE), ("outlet", "<b>x</b>")))], store)
    [article] = store.list_articles()
    sid = store.story_of(article.id)
    store.close()
    c = TestClient(create_app(ServeSettings(db=db)))
    for url in ["/", f"/stories/{sid}", f"/articles/{article.id}", "/search?q=" + "<script>alert(9)</script>"]:
        html = c.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html, url
        assert 'onmouseover="alert(1)' not in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in c.get(f"/articles/{article.id}").text


def test_article_page_highlights_its_facts_and_keeps_the_text_whole(client):
    import re
    from html import unescape

    aid = next(a["id"] for a in client.get("/api/articles?limit=20").json()["items"] if a["source"].endswith("10_saqr-base-ceremony-reactions.html"))
    article = client.get(f"/api/articles/{aid}").json()
    html = client.get(f"/articles/{aid}").text
    for kind in ("f-mention", "f-quote", "f-timex", "f-quantity", "f-event"):
        assert f'class="{kind}' in html or f' {kind}' in html, kind
    body = html.split('<div class="text" lang="ar">', 1)[1].split("</div>", 1)[0]
    pieces = re.findall(r'<span data-o="(\d+)"[^>]*>([^<]*)</span>', body)
    assert "".join(unescape(t) for _, t in pieces) == article["text"]
    assert all(article["text"].startswith(unescape(t), int(o)) for o, t in pieces)


def test_the_api_reference_is_served_offline_from_the_openapi_description(client):
    r = client.get("/api/docs")
    assert r.status_code == 200 and "cdn" not in r.text.lower()
    assert "<code>GET /api/search</code>" in r.text and "<code>q</code>" in r.text
    assert "<code>POST /api/ingest</code>" in r.text
    assert r.text.count('class="api-op"') == sum(len(m) for m in client.get("/api/openapi.json").json()["paths"].values())
