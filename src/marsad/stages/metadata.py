"""Stage `metadata`: title, authors and translators, the article's own outlet, cited outlets.

Reads the header lines the `clean` stage removed (by their reason), the reader's hints
(HTML meta, JSON fields, feed entries) and the body's dateline. An outlet that the article
merely cites or quotes is never its outlet; those go to `cited_outlets`.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from marsad import outlets as outlet_lex
from marsad.lexicon import load
from marsad.model import Article, Author, Evidence
from marsad.pipeline import Context, stage
from marsad.textlines import fold, word_count

_DATELINE = re.compile(r"^(?P<a>[^\-–—/:]{2,40}?)\s*(?:[-–—]|/)\s*(?P<b>[^\-–—/:]{2,40}?)\s*:?$")
_FIRST_DATELINE = re.compile(r"^(?P<a>[^\-–—/:\n]{2,30}?)\s*(?:[-–—/])\s*(?P<b>[^\-–—/:\n]{2,30}?)\s*:")


@functools.cache
def _byline_cues() -> list[tuple[str, str]]:
    data = load("bylines")
    cues = [(fold(cue), role) for role in ("translator", "editor", "author") for cue in data[role]]
    return sorted(cues, key=lambda c: len(c[0]), reverse=True)


def parse_byline(text: str) -> Author | None:
    """'ترجمة حامد أحمد' -> Author('حامد أحمد', 'translator'); None if the line is no byline."""
    if word_count(text) > 8:
        return None
    folded = fold(text.strip())
    for cue, role in _byline_cues():
        if folded.startswith(cue) and (len(folded) == len(cue) or folded[len(cue)] in " :/-"):
            name = text.strip()[len(cue):].strip(" :/-\t")
            name = re.sub(r"^(?:ال)?(?:صحفي|صحفية|مراسل|مراسلة)\s+", "", name)
            if 1 <= word_count(name) <= 5:
                return Author(name, role)
    return None


def is_byline(text: str) -> bool:
    return parse_byline(text) is not None


def looks_like_dateline(text: str) -> bool:
    """'شفق نيوز- بغداد' or 'بغداد/المسلة:' standing alone: one side a city or a known outlet."""
    m = _DATELINE.match(text.strip())
    if not m or word_count(text) > 6:
        return False
    a, b = m.group("a").strip(), m.group("b").strip()
    if any((c := outlet_lex.canonical(x)) and outlet_lex.is_aggregator(c) for x in (a, b)):
        return False  # "موقع كل يوم -المسلة" is a site header, not a dateline
    return (outlet_lex.is_city(a) or outlet_lex.is_city(b)
            or outlet_lex.canonical(a) is not None or outlet_lex.canonical(b) is not None)


def _dateline_outlet(text: str) -> tuple[str, int, int] | None:
    """The outlet named by a dateline at the start of the body, with its span."""
    first = text.split("\n", 1)[0]
    m = _DATELINE.match(first) if word_count(first) <= 6 else _FIRST_DATELINE.match(first)
    if not m:
        return None
    for side, other in (("a", "b"), ("b", "a")):
        name = m.group(side).strip()
        known = outlet_lex.canonical(name)
        if known and not outlet_lex.is_aggregator(known):
            start = m.start(side) + m.group(side).index(name)
            return known, start, start + len(name)
        if outlet_lex.is_city(m.group(other).strip()) and not outlet_lex.is_city(name):
            bare = outlet_lex.bare(name)
            if not bare:
                continue
            # bare() joins words with one space (and may give the known spelling): find it as written,
            # "النهرين  الجديدة" with its two spaces, else the whole name is the evidence
            found = re.search(r"\s+".join(map(re.escape, bare.split())), m.group(side))
            lo, hi = found.span() if found else (m.group(side).index(name), m.group(side).index(name) + len(name))
            return bare, m.start(side) + lo, m.start(side) + hi
    return None


def _header_outlet(article: Article) -> tuple[str, str] | None:
    """An outlet named by a site header or breadcrumb line before the body: (name, line)."""
    for removed in article.boilerplate:
        if removed.reason not in ("site", "navigation", "header", "dateline"):
            continue
        first_part = re.split(r"\s*[>»›|]\s*", removed.text)[0]
        parts = [p.strip() for p in re.split(r"\s+[-–—]\s*|\s*[-–—]\s+", first_part) if p.strip()]
        names = [outlet_lex.canonical(p) for p in parts]
        if len(parts) == 2 and names[0] and outlet_lex.is_aggregator(names[0]):
            return names[1] or outlet_lex.bare(parts[1]), removed.text  # "موقع كل يوم -المسلة": the source
        for name in names:
            if name and not outlet_lex.is_aggregator(name):
                return name, removed.text
        if len(parts) == 2 and outlet_lex.is_city(parts[1]) and outlet_lex.has_head(parts[0]):
            return outlet_lex.bare(parts[0]), removed.text
        if len(parts) == 1 and word_count(parts[0]) <= 5 and outlet_lex.has_head(parts[0]):
            return outlet_lex.bare(parts[0]), removed.text  # "صحيفة المرصد اليومي > اقتصاد > ..."
    return None


def _raw_evidence(article: Article, line: str, name: str) -> Evidence | None:
    pos = article.raw.find(line)
    if pos < 0:
        return None
    inner = line.find(name)
    start = pos + max(inner, 0)
    return Evidence(start, start + (len(name) if inner >= 0 else len(line)), article.raw[start:start + (len(name) if inner >= 0 else len(line))], "raw")


def decide_outlet(article: Article) -> tuple[str | None, Evidence | None, str | None, list[str]]:
    """Return (outlet, evidence, how, cited outlets)."""
    text = article.text
    mentions = outlet_lex.find_mentions(text)
    outlet = evidence = how = None
    hint = article.hint("outlet")
    if hint:
        outlet, how = outlet_lex.bare(hint), "metadata"
    if outlet is None and (found := _header_outlet(article)):
        outlet, how = found[0], "header"
        evidence = _raw_evidence(article, found[1], found[0])
    if outlet is None and (dl := _dateline_outlet(text)):
        outlet, how = dl[0], "dateline"
        evidence = Evidence(dl[1], dl[2], text[dl[1]:dl[2]])
    if outlet is None:
        received = [m for m in mentions if m.role == "received"]
        if received:
            outlet, how = received[0].canonical, "received"
    if outlet is None:
        channel: dict[str, int] = {}
        cited = {m.canonical for m in mentions if m.role == "cited"}
        for m in mentions:
            if m.role == "channel" and m.canonical not in cited:
                channel[m.canonical] = channel.get(m.canonical, 0) + 1
        best = max(channel.items(), key=lambda kv: kv[1], default=None)
        if best and best[1] >= 2:
            outlet, how = best[0], "self_reference"
    if outlet is not None and evidence is None:
        own = [m for m in mentions if m.canonical == outlet]
        if own:
            evidence = Evidence(own[0].start, own[0].end, text[own[0].start:own[0].end])
    cited_names: list[str] = []
    for m in mentions:
        if m.canonical != outlet and not outlet_lex.is_aggregator(m.canonical) and m.canonical not in cited_names:
            cited_names.append(m.canonical)
    return outlet, evidence, how, cited_names


def _authors(article: Article) -> tuple[Author, ...]:
    found: list[Author] = []
    for removed in article.boilerplate:
        if removed.reason == "byline" and (author := parse_byline(removed.text)):
            found.append(author)
    hint = article.hint("author")
    if hint:
        name = re.sub(r"^[^:]{2,20}:\s*", "", hint)  # SaudiNewsNet style "لندن: الاسم" (a dateline)
        for part in re.split(r"\s*[،,]\s*|\s+و(?=\S)", name):
            if part and all(a.name != part for a in found):
                found.append(parse_byline(part) or Author(part, "author"))
    return tuple(found)


def _title(article: Article) -> str | None:
    hint = article.hint("title")
    if hint:
        return hint
    for removed in article.boilerplate:
        if removed.reason == "title":
            return removed.text
    return None


def run(article: Article, ctx: Context) -> Article:
    outlet, evidence, how, cited = decide_outlet(article)
    return dataclasses.replace(article, title=_title(article), authors=_authors(article), outlet=outlet,
                               outlet_evidence=evidence, outlet_how=how, cited_outlets=tuple(cited))


STAGE = stage("metadata", 1, requires={"text", "boilerplate", "hints"},
              provides={"title", "authors", "outlet", "cited_outlets"}, run=run,
              doc="title, byline/translator, own outlet vs cited outlets")
