"""Rendering for the terminal: tables, the article view, JSON lists, a progress line."""

from __future__ import annotations

import json
import sys
import unicodedata

from marsad.document import article_to_dict
from marsad.model import Article

# Control characters from an article (ESC starts terminal escape sequences: colours, window titles,
# links) are shown as U+FFFD, never sent to the terminal; line breaks and tabs stay.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)], "\ufffd")


def printable(text: str) -> str:
    return text.translate(_CONTROLS)


def _width(s: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cut(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def table(headers: list[str], rows: list[tuple]) -> str:
    cells = [[printable(str(c)) if c is not None else "-" for c in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        lines.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(lines)


def articles_table(items: list[Article]) -> str:
    rows = [(a.id, a.outlet or "-", a.published or "-", _cut(a.title or a.text.split("\n", 1)[0], 60), a.words)
            for a in items]
    return table(["id", "outlet", "published", "title", "words"], rows)


def json_list(items: list[Article]) -> str:
    return json.dumps([article_to_dict(a) for a in items], ensure_ascii=False, indent=2)


def article_text(a: Article) -> str:
    authors = ", ".join(f"{x.name} ({x.role})" for x in a.authors) or "-"
    published = a.published or "-"
    if a.published_how:
        published += f"  ({a.published_how.value}"
        published += f": «{a.published_evidence.text}»)" if a.published_evidence else ")"
    outlet = a.outlet or "-"
    if a.outlet_how:
        outlet += f"  ({a.outlet_how}" + (f": «{a.outlet_evidence.text}»)" if a.outlet_evidence else ")")
    meta = [("id", a.id), ("source", a.source), ("outlet", outlet),
            ("cited outlets", ", ".join(a.cited_outlets) or "-"), ("published", published),
            ("title", a.title or "-"), ("authors", authors), ("language", a.language or "-"),
            ("words", str(a.words)), ("content hash", a.content_hash[:16])]
    out = [f"{k:>14}: {v}" for k, v in meta]
    for w in a.warnings:
        out.append(f"{'warning':>14}: {w}")
    if a.summary_box:
        out += ["", "── summary box ──", *(f"• {b}" for b in a.summary_box)]
    out += ["", "── text ──", a.text, "", f"── removed ({len(a.boilerplate)} lines) ──"]
    out += [f"{r.line:>5} [{r.reason}] {_cut(r.text, 100)}" for r in a.boilerplate]
    return printable("\n".join(out))


class Progress:
    """A one-line counter on stderr for long ingests (only when stderr is a terminal)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.counts: dict[str, int] = {}

    def update(self, item, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        if self.enabled and sum(self.counts.values()) % 10 == 0:
            done = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
            sys.stderr.write(f"\r  {done} …")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.counts:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def entities_table(items) -> str:
    rows = [(e.canonical, e.type, _cut(", ".join(e.aliases), 50) or "-", e.mentions, len(e.articles), e.id)
            for e in items]
    return table(["entity", "type", "aliases", "mentions", "articles", "id"], rows)


def document_table(doc: dict) -> str:
    """A terminal view of an analysis document: articles, then entities."""
    arts = [(a["id"], a["outlet"] or "-", a["published"] or "-", _cut(a["title"] or a["text"].split("\n", 1)[0], 50),
             len(a["entities"])) for a in doc["articles"]]
    ents = [(e["canonical"], e["type"], e["mentions"], len(e["articles"]), _cut(", ".join(e["aliases"]), 40) or "-")
            for e in doc["entities"]]
    return "\n\n".join([table(["id", "outlet", "published", "title", "mentions"], arts),
                         table(["entity", "type", "mentions", "articles", "aliases"], ents)])


def quotes_table(items) -> str:
    rows = [(_cut(q.speaker or "-", 30) + (" (anon.)" if q.anonymous else ""), q.cue,
             ("«" if q.direct else "") + _cut(a.text[q.start:q.end], 60) + ("»" if q.direct else ""),
             a.outlet or "-", a.published or "-", a.id) for a, q in items]
    return table(["speaker", "cue", "statement", "outlet", "published", "article"], rows)
