"""Terminal output: control characters from an article (ESC sequences that recolour the terminal, set
its window title or clear it) reach the terminal as U+FFFD, in tables, the article view and alerts."""

from __future__ import annotations

from marsad import render
from marsad.model import RawDocument
from marsad.service import ingest_items
from marsad.store import open_store
from marsad.watch.sinks import alert_line

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31m\x9b31m"  # window title, clear screen, red (7- and 8-bit CSI)


def test_control_characters_never_reach_the_terminal(tmp_path):
    text = f"بغداد - قال وزير الخارجية {ESCAPES} إن المحادثات ستستمر الأسبوع المقبل في العاصمة."
    doc = RawDocument("esc.txt", text, text, hints=(("title", f"عنوان {ESCAPES}"), ("outlet", f"وكالة {ESCAPES}")))
    store = open_store(str(tmp_path / "t.db"))
    ingest_items([doc], store)
    [article] = store.list_articles()
    store.close()
    assert "\x1b" in article.title and "\x1b" in article.text  # stored as read; only the terminal view changes
    alert = {"alert": "x", "kind": "keyword", "article": article.id, "outlet": article.outlet, "title": article.title,
             "evidence": [{"type": "keyword", "text": ESCAPES}], "url": None}
    for shown in (render.articles_table([article]), render.article_text(article), alert_line(alert)):
        assert not any(c in shown for c in "\x1b\x07\x9b") and "\ufffd" in shown
    assert "\n" in render.article_text(article)  # line breaks stay
