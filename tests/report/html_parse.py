"""A small reader of the report's HTML for the tests (standard library only)."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"meta", "br", "input", "img", "link", "hr", "wbr", "source", "area", "base", "col", "embed", "track"}


class Page(HTMLParser):
    """Every element (tag, attributes, text inside it), every id, and each article's text segments."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.ids: dict[str, dict] = {}
        self.segments: dict[str, list[tuple[int, str]]] = {}  # article id -> [(data-o, text)]
        self._open: list[dict] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "attr_names": [k for k, _ in attrs], "text": "",
              "classes": (dict(attrs).get("class") or "").split(), "parents": list(self._open)}
        self.elements.append(el)
        if el["attrs"].get("id"):
            self.ids[el["attrs"]["id"]] = el
        if tag not in VOID:
            self._open.append(el)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for el in self._open:
            el["text"] += data
        if self._open and "data-o" in self._open[-1]["attrs"]:
            article = next(p["attrs"]["id"][4:] for p in reversed(self._open) if p["tag"] == "details")
            self.segments.setdefault(article, []).append((int(self._open[-1]["attrs"]["data-o"]), data))

    def find(self, tag: str | None = None, cls: str | None = None, inside: dict | None = None) -> list[dict]:
        return [e for e in self.elements if (tag is None or e["tag"] == tag) and (cls is None or cls in e["classes"])
                and (inside is None or any(p is inside for p in e["parents"]))]
