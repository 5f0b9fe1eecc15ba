"""The hostile store's pages and HTML report in headless Debian Chromium: no dialog opens, no script
or event handler from an article exists in the DOM, and the Content-Security-Policy never had to block
anything (a blocked inline script would mean markup got through the escaping)."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest

from live_app import served

INJECTED = """() => {
  const handlers = [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')));
  const scripts = [...document.scripts].filter(s => !s.src && s.type !== 'application/json');
  const links = [...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|#|\\/|$)/i.test(a.getAttribute('href').trim()));
  return {handlers: handlers.length, scripts: scripts.length, links: links.length,
          images: document.images.length, frames: document.querySelectorAll('iframe,object,embed').length};
}"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, hostile):
    path = str(tmp_path_factory.mktemp("live") / "hostile.db")
    shutil.copy(hostile.db, path)
    with served(path) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def page(chromium):
    p = chromium.new_page(viewport={"width": 1200, "height": 900}, locale="ar")
    p.problems = []
    p.on("dialog", lambda d: (p.problems.append("dialog: " + d.message), d.dismiss()))
    p.on("pageerror", lambda e: p.problems.append(f"page error: {e}"))
    p.on("console", lambda m: p.problems.append("csp: " + m.text) if "Content Security Policy" in m.text else None)
    yield p
    p.close()


def _visit(page, url: str, inline: int = 0) -> None:
    """Load the page and look at its DOM: `inline` is the number of inline scripts it has of its own."""
    page.goto(url, wait_until="load")
    found = page.evaluate(INJECTED)
    assert found == {"handlers": 0, "scripts": inline, "links": 0, "images": found["images"], "frames": 0}, url
    assert page.problems == [], url


def test_no_payload_runs_in_the_browser(page, hostile_server, hostile):
    urls = ["/", *(f"/stories/{s['id']}" for s in hostile.stories), *(f"/articles/{a.id}" for a in hostile.articles),
            f"/entities/{hostile.army}", f"/entities/{hostile.place_id}",
            "/search?q=" + quote('<script>alert("q")</script>'), "/search?q=" + quote("قاعدة الصقر"),
            "/articles/" + quote('"><img src=x onerror=alert("sid")>', safe="")]
    for url in urls:
        _visit(page, hostile_server + url)
    page.goto(f"{hostile_server}/stories/{hostile.story}")
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for(state="attached")
    for i in range(markers.count()):  # every popup is built from data: the hostile place name shows as text
        markers.nth(i).click(force=True)
    assert page.locator(".leaflet-popup-content a", has_text='alert("place")').count() == 1
    assert page.evaluate(INJECTED)["handlers"] == 0 and page.problems == []
    for link in page.locator("section.quotes a.src").all()[:5]:  # evidence links highlight hostile text
        link.click()
    assert page.problems == []


def test_the_html_report_runs_nothing_from_articles(page, hostile, tmp_path):
    from marsad.report.html import render_html
    from marsad.service import document_for
    from marsad.store import open_store

    store = open_store(hostile.db)
    doc = document_for(store, [a.id for a in store.list_articles()])
    store.close()
    path = tmp_path / "report.html"
    path.write_text(render_html(doc), encoding="utf-8")
    _visit(page, path.as_uri(), inline=1)  # report.js, allowed by its hash
    for summary in page.locator("details.article > summary").all():
        summary.click()
    page.locator("a.src").first.click()
    assert page.problems == []
