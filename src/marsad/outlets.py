"""Outlet names in text: find every mention of a news outlet and the role it plays there.

Roles tell the article's own outlet from outlets it cites: `channel` ("قال لوكالة X"),
`cited` ("نقلت X عن", "بحسب X", "عن X"), `received` ("تلقته وكالة X": the outlet itself),
`plain` otherwise. Known outlets come from lang/ar/outlets.yaml; an unknown one is accepted
when a head word introduces a quoted name (وكالة "المطلع").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.arabic.normalize import normalize
from marsad.lexicon import load
from marsad.textlines import fold


@dataclass(frozen=True, slots=True)
class OutletMention:
    start: int
    end: int
    canonical: str
    role: str  # channel | cited | received | plain


@functools.cache
def _lexicon() -> tuple:
    data = load("outlets")
    by_key: dict[str, str] = {}
    aggregators = set()
    ambiguous = set()
    for entry in data["outlets"]:
        for name in (entry["canonical"], *entry.get("aliases", ())):
            by_key[fold(name)] = entry["canonical"]
        if entry.get("aggregator"):
            aggregators.add(entry["canonical"])
        if entry.get("ambiguous"):
            ambiguous.add(entry["canonical"])
    heads = tuple(sorted((fold(h) for h in data["outlet_heads"]), key=len, reverse=True))
    # Only multi-letter Arabic names and Latin names of 3+ letters are matched in running text
    # (short Latin ids such as "AP" or domains would match inside other words).
    names = [k for k in by_key if len(k) >= 3 and "." not in k]
    head_alt = "|".join(re.escape(h) for h in heads)
    pattern = re.compile(
        rf"(?<![\w])(?P<pre>[وف]?(?:ل|ب)?ـ?)\s*(?:(?P<head>{head_alt})\s*)?[\"«“']?(?P<name>{_trie(names)})(?![\w])",
        re.I,
    )
    cities = frozenset(fold(c) for c in data["dateline_cities"])
    trailers = frozenset(fold(t) for t in data.get("name_trailers", ()))
    return by_key, frozenset(aggregators), pattern, heads, cities, frozenset(ambiguous), trailers


def _trie(words: list[str]) -> str:
    """One regex for a list of words, factored by shared prefixes ("وكاله الانباء ..." once).

    A flat alternation of a hundred names is tried name by name at every word start. The trie
    tries only the branch of the next character and prefers the longest word, as the old
    longest-first alternation did. Branches are keyed case-insensitively, as the pattern matches.
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch.lower() if ch.isascii() else ch, {})
        node[""] = {}  # a word ends here

    def alt(node: dict) -> str:
        branches = [re.escape(ch) + alt(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return alt(root)


# find_mentions(article.text) is asked by the metadata and the mentions stages: the last answer is kept.
_LAST: tuple[str | None, tuple] = (None, ())


def canonical(name: str) -> str | None:
    """The canonical outlet name for a spelling, alias, domain or id, or None if unknown."""
    key = fold(name.strip().strip("\"«»“”'"))
    by_key, _, _, heads, _, _, _ = _lexicon()
    if key in by_key:
        return by_key[key]
    for head in heads:
        if key.startswith(head + " ") and key[len(head) + 1:] in by_key:
            return by_key[key[len(head) + 1:]]
    host = re.sub(r"^(https?://)?(www\.)?", "", key).split("/")[0]
    return by_key.get(host) or by_key.get(host.split(".")[0])


_HEAD_WORDS = re.compile(r"^(?:وكالة أنباء|وكالة|موقع|صحيفة|جريدة|قناة|شبكة|مجلة|إذاعة|راديو|تلفزيون|منصة)\s+")


def has_head(name: str) -> bool:
    return bool(_HEAD_WORDS.match(name.strip()))


def bare(name: str) -> str:
    """An unknown outlet's name without its head word or a trailing nationality adjective.

    'وكالة الرافد العراقية' -> 'الرافد', so every article names the same outlet the same way.
    """
    name = _HEAD_WORDS.sub("", name.strip().strip("\"«»“”'"))
    words = name.split()
    trailers = _lexicon()[6]
    while len(words) > 1 and fold(words[-1]) in trailers:
        words.pop()
    return canonical(" ".join(words)) or " ".join(words)


def is_aggregator(name: str) -> bool:
    return name in _lexicon()[1]


def is_city(name: str) -> bool:
    return fold(name.strip()) in _lexicon()[4]


_CITED_BEFORE = re.compile(
    r"(نقلت|نقل|نقلا عن|نقلاً عن|بحسب|حسب|وفق|وفقا ل|وفقاً ل|ذكرت|أفادت|افادت|قالت|أوردت|اوردت|نشرت|أشارت|اشارت|"
    r"أكدت|اكدت|كشفت|تقرير|عن)\s*$"
)
_RECEIVED_BEFORE = re.compile(r"(تلقته|تلقتها|تلقت|حصلت عليه|حصلت عليها|اطلعت عليه|اطلعت عليها|حصلت)\s*$")
_QUOTED_UNKNOWN = re.compile(r"(?<![\w])(?P<pre>[وف]?[لب]?ـ?)(?P<head>وكالة|موقع|صحيفة|جريدة|قناة|شبكة|مجلة)\s*[\"«“](?P<name>[^\"»”\n]{2,30})[\"»”]")


_FRAMED_UNKNOWN = re.compile(
    r"(?:(?:نقلت|ونقلت|نقلا عن|نقلاً عن|بحسب|وبحسب|وفق|ذكرت|وذكرت|أفادت|وأفادت|أوردت|وأوردت)\s+|(?<![\w])(?P<chan>ل))"
    r"(?P<head>وكالة أنباء|وكالة|موقع|صحيفة|جريدة|قناة|شبكة|مجلة)\s+(?P<name>[^\s،,.:«\"]+(?:\s+[^\s،,.:«\"]+){0,2}?)"
    r"(?=\s+(?:عن|أن|إن|ان)\s|\s*[،,.:])"
)


def _role(text: str, start: int, prefix: str) -> str:
    before = text[max(0, start - 30):start]
    if _RECEIVED_BEFORE.search(before):
        return "received"
    if _CITED_BEFORE.search(before):
        return "cited"
    if prefix.replace("و", "").replace("ف", "").startswith("ل"):
        return "channel"
    return "plain"


def find_mentions(text: str) -> list[OutletMention]:
    """Every outlet mention in `text`, in order, with exact spans of the name."""
    global _LAST
    last_text, found = _LAST
    if last_text == text:
        return list(found)
    found = _find_mentions(text)
    _LAST = (text, tuple(found))
    return found


def _find_mentions(text: str) -> list[OutletMention]:
    _, _, pattern, _, _, ambiguous, _ = _lexicon()
    norm = normalize(text)
    folded = norm.text
    out: list[OutletMention] = []
    taken: list[tuple[int, int]] = []
    for m in pattern.finditer(folded):
        canon = canonical(m.group("name"))
        if canon is None:
            continue
        role = _role(folded, m.start(), m.group("pre"))
        if canon in ambiguous and role == "plain" and not m.group("head"):
            continue  # "قيادة عمليات البادية والجزيرة": the region, not the channel
        name_start, name_end = norm.map.original_span(*m.span("name"))
        out.append(OutletMention(name_start, name_end, canon, role))
        taken.append((name_start, name_end))
    for m in _QUOTED_UNKNOWN.finditer(text):
        s, e = m.span("name")
        if any(s < te and ts < e for ts, te in taken):
            continue
        name = m.group("name").strip()
        out.append(OutletMention(s, e, canonical(name) or name, _role(text, m.start(), m.group("pre"))))
    for m in _FRAMED_UNKNOWN.finditer(text):
        s, e = m.span("name")
        if any(s < te and ts < e for ts, te in taken) or any(o.start < e and s < o.end for o in out):
            continue
        name = bare(m.group("name"))
        out.append(OutletMention(s, s + len(m.group("name")), name, "channel" if m.group("chan") else "cited"))
    return sorted(out, key=lambda o: o.start)
