"""The HTML report in headless Debian Chromium: the timeline renders, an evidence link highlights its exact
characters, nothing is fetched, and markup from articles shows as text without running."""

from __future__ import annotations

import copy

import pytest

from marsad.report import render_html


@pytest.fixture
def open_report(chromium, tmp_path):
    """Write a document's report to a file and open it; record requests and dialogs."""
    pages = []

    def _open(doc: dict, fragment: str = ""):
        path = tmp_path / f"report{len(pages)}.html"
        path.write_text(render_html(doc), encoding="utf-8")
        page = chromium.new_page(viewport={"width": 1000, "height": 700}, locale="ar")
        page.requests, page.dialogs, page.errors = [], [], []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(path.as_uri() + fragment)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


def marked(page) -> str:
    return "".join(page.locator("mark.ev").all_text_contents())


def test_timeline_renders_and_evidence_link_highlights_the_exact_span(open_report, story_doc, ids):
    page = open_report(story_doc)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    entries = page.locator(".timeline li.tl-entry")
    assert entries.count() == 5
    assert entries.nth(1).is_visible()
    assert entries.nth(1).locator(".when time").inner_text() == "2025-11-03"
    assert entries.nth(3).locator(".modality").inner_text() == "مخطط له"

    text07 = next(a["text"] for a in story_doc["articles"] if a["id"] == ids["07"])
    evidence = story_doc["stories"][0]["timeline"][1]["sources"][0]
    expected = text07[evidence["start"]:evidence["end"]]
    assert expected == "مغادرة آخر دفعة من قوات التحالف الدولي قاعدة الصقر الجوية"
    assert page.locator(f"#art-{ids['07']}").get_attribute("open") is None  # closed until a link opens it
    entries.nth(1).locator("a.src").first.click()
    mark = page.locator("mark.ev").first
    mark.wait_for(state="visible")
    assert marked(page) == expected
    assert page.locator("mark.ev").count() == 1
    assert mark.evaluate("m => m.closest('details').id") == f"art-{ids['07']}"
    assert page.locator(f"#art-{ids['07']}").get_attribute("open") is not None
    assert page.locator(f"#art-{ids['07']} .s.hit").count() == 1  # its sentence is shown too
    assert page.url.endswith(f"#ev-{ids['07']}-{evidence['start']}-{evidence['end']}")
    in_view = mark.evaluate("m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert in_view

    # A second link moves the highlight: one span at a time, and the first article's text is whole again.
    page.locator(".contradiction .side a").nth(1).click()
    page.wait_for_function("document.querySelector('mark.ev') && "
                           "document.querySelector('mark.ev').textContent.includes('1500')")
    assert marked(page) == "أكثر من 1500 جندي"
    assert page.locator(f"#art-{ids['07']}").evaluate("d => d.querySelector('.text').textContent") == text07
    assert page.requests and all(u.startswith("file://") for u in page.requests), page.requests
    assert not page.errors


def test_opening_the_report_at_an_evidence_fragment_highlights_it(open_report, story_doc, ids):
    quote = next(a for a in story_doc["articles"] if a["id"] == ids["09"])["quotes"][0]
    page = open_report(story_doc, f"#ev-{ids['09']}-{quote['start']}-{quote['end']}")
    page.locator("mark.ev").first.wait_for(state="visible")
    assert marked(page) == quote["text"]


def test_span_after_astral_characters_and_a_carriage_return(open_report, sample_doc):
    """Offsets count code points, as Python does; JavaScript strings count UTF-16 units. A CR must survive
    the HTML parser, which folds CR LF into LF."""
    doc = copy.deepcopy(sample_doc)
    art = doc["articles"][0]
    art["text"] = "🇮🇶 𝟐𝟎𝟐𝟓\r\n" + art["text"]
    art["sentences"] = []  # shifted: the report splits the text again
    start = art["text"].index("أنقرة")
    page = open_report(doc, f"#ev-{art['id']}-{start}-{start + 5}")
    page.locator("mark.ev").first.wait_for(state="visible")
    assert marked(page) == "أنقرة"
    assert page.locator(f"#art-{art['id']} .text").evaluate("t => t.textContent") == art["text"]


def test_markup_from_articles_is_shown_and_never_run(open_report, story_doc, ids):
    doc = copy.deepcopy(story_doc)
    art = next(a for a in doc["articles"] if a["id"] == ids["07"])
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">" onmouseover="alert(3)'
    art["title"] = art["outlet"] = payload
    art["quotes"][0]["speaker"] = payload
    doc["stories"][0]["title"] = payload
    page = open_report(doc)
    assert page.locator(".story h2").first.inner_text() == payload
    page.locator(".speaker h4", has_text="alert(3)").first.hover()
    page.locator(f"#art-{ids['07']} summary").click()
    assert payload in page.locator(f"#art-{ids['07']} summary").inner_text()
    assert not page.dialogs and not page.errors
    assert page.locator("img").count() == 0
    assert all(u.startswith("file://") for u in page.requests), page.requests


EVERY_LINK = """async (hrefs) => {
  const out = [];
  for (const h of hrefs) {
    location.hash = h;
    for (let i = 0; i < 1000 && !document.getElementById(h.slice(1)); i++) await new Promise(r => setTimeout(r, 0));
    out.push([...document.querySelectorAll('mark.ev')].map(m => m.textContent).join(''));
  }
  return out;
}"""


def test_every_evidence_link_highlights_exactly_its_span(open_report, story_doc):
    texts = {a["id"]: a["text"] for a in story_doc["articles"]}
    page = open_report(story_doc)
    hrefs = sorted(set(page.eval_on_selector_all('a[href^="#ev-"]', "links => links.map(a => a.getAttribute('href'))")))
    assert len(hrefs) > 50
    expected = []
    for href in hrefs:
        aid, start, end = href[4:].rsplit("-", 2)
        expected.append(texts[aid][int(start):int(end)])
    assert page.evaluate(EVERY_LINK, hrefs) == expected
