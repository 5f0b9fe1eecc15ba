"""Outlet names in text: find every mention of a news outlet and the role it plays there.

Roles tell the article's own outlet from outlets it cites: `channel` ("قال لوكالة X"),
`cited` ("نقلت X عن", "بحسب X", "عن X"), `received` ("تلقته وكالة X": the outlet itself),
`plain` otherwise. Known outlets come from lang/ar/outlets.yaml; an unknown one is accepted
when a head word introduces a quoted name (وكالة "المطلع"). `outlet_info` gives what the data
file documents about a known outlet (domains, country, ownership) for the per-outlet view.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.arabic.normalize import normalize
from marsad.errors import LexiconError
from marsad.lexicon import load
from marsad.textlines import fold

OWNERSHIPS = frozenset({"state", "private", "party", "group", "foreign_funded", "unknown"})
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
_CLOSING = frozenset('"»”\')')
# A dateline around a name: "سبق- الرياض:", "خالد خليل – سبق:" (a short byline may come first).
_DATELINE_BEFORE = re.compile(r"(?:^|[-–—ـ/]\s*)$")
_DATELINE_AFTER = re.compile(r"\s*[-–—ـ/:]")


@dataclass(frozen=True, slots=True)
class OutletMention:
    start: int
    end: int
    canonical: str
    role: str  # channel | cited | received | plain


@dataclass(frozen=True, slots=True)
class OutletInfo:
    """What lang/ar/outlets.yaml documents about one outlet (None/"unknown" where it does not)."""

    canonical: str
    domains: tuple[str, ...]
    country: str | None  # ISO 3166-1 alpha-2; None for pan-Arab outlets or an undocumented base
    ownership: str  # one of OWNERSHIPS
    affiliation: str | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    by_key: dict[str, str]  # folded name, alias, domain or id -> canonical
    info: dict[str, OutletInfo]
    aggregators: frozenset[str]
    pattern: re.Pattern
    heads: tuple[str, ...]
    cities: frozenset[str]
    ambiguous: frozenset[str]  # folded names: only after a head word or in a citing frame
    head_only: frozenset[str]  # folded names: only after a head word
    trailers: frozenset[str]


def _check(entry: dict) -> None:
    """Refuse an outlet entry that does not say what the file promises (see outlets.yaml's header)."""
    name = entry.get("canonical")

    def fail(why: str):
        raise LexiconError(f"lang/ar/outlets.yaml: outlet '{name}': {why}")

    if not isinstance(name, str) or not name:
        fail("'canonical' must be a name")
    for key in ("aliases", "domains", "ids"):
        if not isinstance(entry.get(key, []), list):
            fail(f"'{key}' must be a list")
    if bad := [d for d in entry.get("domains", ()) if not _DOMAIN.match(str(d))]:
        fail(f"domain {bad[0]!r} must be a bare lower-case host name (no scheme, no www, no path)")
    if "country" not in entry or not (entry["country"] is None or _COUNTRY.match(str(entry["country"]))):
        fail("'country' must be an ISO 3166-1 alpha-2 code or null")
    if entry.get("ownership") not in OWNERSHIPS:
        fail(f"'ownership' must be one of {', '.join(sorted(OWNERSHIPS))}")
    if not isinstance(entry.get("affiliation"), (str, type(None))):
        fail("'affiliation' must be a phrase or null")
    names = {entry["canonical"], *entry.get("aliases", ())}
    for key in ("ambiguous", "head_only"):
        value = entry.get(key, False)
        if not (isinstance(value, bool) or isinstance(value, list) and set(value) <= names):
            fail(f"'{key}' must be true, false or a list of the entry's own names")


def _flagged(entry: dict, key: str) -> list[str]:
    """The entry's names that `ambiguous` / `head_only` marks: all of them (true) or those listed."""
    value = entry.get(key, False)
    return [entry["canonical"], *entry.get("aliases", ())] if value is True else list(value or ())


@functools.cache
def _lexicon() -> _Lexicon:
    data = load("outlets")
    by_key: dict[str, str] = {}
    text_names: list[str] = []  # names searched for in running text (not domains, not ids)
    info: dict[str, OutletInfo] = {}
    aggregators, ambiguous, head_only = set(), set(), set()
    for entry in data["outlets"]:
        _check(entry)
        canon = entry["canonical"]
        for name in (canon, *entry.get("aliases", ())):
            by_key[fold(name)] = canon
            text_names.append(fold(name))
        for name in (*entry.get("domains", ()), *entry.get("ids", ())):
            by_key[fold(name)] = canon
        info[canon] = OutletInfo(canon, tuple(entry.get("domains", ())), entry["country"], entry["ownership"],
                                 entry.get("affiliation"))
        if entry.get("aggregator"):
            aggregators.add(canon)
        ambiguous.update(fold(n) for n in _flagged(entry, "ambiguous"))
        head_only.update(fold(n) for n in _flagged(entry, "head_only"))
    heads = tuple(sorted((fold(h) for h in data["outlet_heads"]), key=len, reverse=True))
    # Only multi-letter Arabic names and Latin names of 3+ letters are matched in running text
    # (short Latin ids such as "AP" or domains would match inside other words).
    names = sorted({k for k in text_names if len(k) >= 3 and "." not in k})
    head_alt = "|".join(re.escape(h) for h in heads)
    # A match never starts at a space that follows a space: the start before it reaches the same name, and
    # a run of 20,000 spaces was otherwise scanned again from each of its spaces (a minute per article).
    pattern = re.compile(
        rf"(?<![\w])(?!(?<=\s)\s)(?P<pre>[وف]?(?:ل|ب)?ـ?)\s*(?:(?P<head>{head_alt})\s*)?(?P<quote>[\"«“”„'(])?(?P<name>{_trie(names)})(?![\w])",
        re.I,
    )
    cities = frozenset(fold(c) for c in data["dateline_cities"])
    trailers = frozenset(fold(t) for t in data.get("name_trailers", ()))
    return _Lexicon(by_key, info, frozenset(aggregators), pattern, heads, cities, frozenset(ambiguous),
                    frozenset(head_only), trailers)


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
    """The canonical outlet name for a spelling, alias, domain, URL or id, or None if unknown."""
    key = fold(name.strip().strip("\"«»“”'()"))
    lex = _lexicon()
    if key in lex.by_key:
        return lex.by_key[key]
    for head in lex.heads:
        if key.startswith(head + " ") and key[len(head) + 1:] in lex.by_key:
            return lex.by_key[key[len(head) + 1:]]
    host = re.sub(r"^(https?://)?(www\.)?", "", key).split("/")[0].split(":")[0]
    labels = host.split(".")
    for i in range(len(labels) - 1):  # "arabic.rt.com", then "rt.com"
        if (found := lex.by_key.get(".".join(labels[i:]))) is not None:
            return found
    return lex.by_key.get(labels[0])  # "alarabiya.net" names العربية by its alias "alarabiya"


def outlet_info(name: str) -> OutletInfo | None:
    """Domains, country, ownership and affiliation of a known outlet (any of its names, a domain
    or a URL); None for an outlet the data file does not know."""
    canon = canonical(name)
    return _lexicon().info.get(canon) if canon is not None else None


_HEAD_WORDS = re.compile(r"^(?:وكالة أنباء|وكالة|موقع|صحيفة|جريدة|قناة|شبكة|مجلة|إذاعة|راديو|تلفزيون|منصة)\s+")


def has_head(name: str) -> bool:
    return bool(_HEAD_WORDS.match(name.strip()))


def bare(name: str) -> str:
    """An unknown outlet's name without its head word or a trailing nationality adjective.

    'وكالة الرافد العراقية' -> 'الرافد', so every article names the same outlet the same way.
    """
    name = _HEAD_WORDS.sub("", name.strip().strip("\"«»“”'()"))
    if (known := canonical(name)) is not None:
        return known  # "الجزيرة السعودية" is an outlet of its own, not الجزيرة
    words = name.split()
    trailers = _lexicon().trailers
    while len(words) > 1 and fold(words[-1]) in trailers:
        words.pop()
    return canonical(" ".join(words)) or " ".join(words)


def is_aggregator(name: str) -> bool:
    return name in _lexicon().aggregators


def is_city(name: str) -> bool:
    return fold(name.strip()) in _lexicon().cities


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


def _in_dateline(text: str, start: int, end: int) -> bool:
    before = text[text.rfind("\n", 0, start) + 1:start]
    return len(before) <= 40 and bool(_DATELINE_BEFORE.search(before)) and bool(_DATELINE_AFTER.match(text, end))


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
    lex = _lexicon()
    norm = normalize(text)
    folded = norm.text
    out: list[OutletMention] = []
    taken: list[tuple[int, int]] = []
    for m in lex.pattern.finditer(folded):
        canon = canonical(m.group("name"))
        if canon is None:
            continue
        name_span, key, head = m.span("name"), fold(m.group("name")), m.group("head")
        whole = lex.by_key.get(fold(f"{head} {m.group('name')}")) if head else None
        if whole is not None and whole != canon:  # "وكالة أنباء الشرق الأوسط" is not الشرق الأوسط
            canon, name_span, key, head = whole, (m.start("head"), m.end("name")), "", None
        role = _role(folded, m.start(), m.group("pre"))
        # a name closed in quotation marks or standing in a dateline reads as a name, as after a
        # head word: «الشرق الأوسط», "سبق- الرياض:"
        name_start, name_end = norm.map.original_span(*name_span)
        named = (bool(head) or bool(m.group("quote")) and folded[name_span[1]:name_span[1] + 1] in _CLOSING
                 or key not in lex.cities and _in_dateline(text, name_start, name_end))
        if key in lex.head_only and not named:
            continue  # "بحسب البيان": according to the statement, not the daily
        if key in lex.ambiguous and role == "plain" and not named:
            continue  # "قيادة عمليات البادية والجزيرة": the region, not the channel
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
