"""The web app in headless Debian Chromium against a live server on loopback: the sample corpus's story
with its timeline and map markers, a quote clicked to its highlighted sentence, and an Arabic search
that finds a spelling the query does not use."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(chromium, live_server):
    p = chromium.new_page(viewport={"width": 1200, "height": 900}, locale="ar")
    p.errors = []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.on("dialog", lambda d: (p.errors.append("dialog: " + d.message), d.dismiss()))
    yield p
    p.close()


def test_story_timeline_map_markers_and_a_quote_to_its_sentence(page, live_server):
    page.goto(live_server + "/")
    page.locator("#stories a", has_text="قاعدة الصقر").first.click()
    page.wait_for_url("**/stories/*")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    entries = page.locator(".timeline li.tl-entry")
    assert entries.count() >= 4 and entries.first.is_visible()
    assert "2025-10-19" in entries.first.inner_text()
    page.locator(".leaflet-marker-icon").first.wait_for(state="attached")
    assert page.locator(".leaflet-marker-icon").count() == page.locator("#places-list li.place").count() >= 3
    quote = page.locator("section.quotes li.quote").first
    said = quote.locator(".said").inner_text()
    quote.locator("a.src").click()
    mark = page.locator("mark.ev").first
    mark.wait_for(state="visible")
    assert "".join(page.locator("mark.ev").all_text_contents()) == said
    assert page.locator(".s.hit").count() == 1 and said in page.locator(".s.hit").inner_text()
    assert page.errors == []


def test_search_finds_every_spelling_and_lands_on_the_sentence(page, live_server):
    page.goto(live_server + "/")
    page.fill("form.search input[name=q]", "امريكيه")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    results = page.locator("#results li.result")
    assert results.count() >= 1
    marks = " ".join(page.locator("#results mark").all_text_contents())
    assert "أميركية" in marks or "الأميركية" in marks or "أمريكية" in marks
    results.first.locator("a.title").click()
    page.wait_for_url("**/articles/*")
    page.locator("mark.ev").first.wait_for(state="visible")
    assert page.errors == []
