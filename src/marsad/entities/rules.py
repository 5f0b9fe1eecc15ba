"""Arabic patterns that models miss: head words that open names, titles before people, NORP adjectives.

Each finder returns `Candidate`s over token indexes; `stages/mentions.py` merges them with the
knowledge-base matches and the CRF's spans.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.arabic.normalize import fold
from marsad.lexicon import load
from marsad.model import Token

_ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0671-\u06D3]+$")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    first: int  # token indexes, inclusive
    last: int
    type: str
    how: str  # kb | rule | model
    entity_id: str | None = None
    priority: int = 0  # higher wins an overlap of equal length


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A title or role phrase, tokens [first, last], ending right before a name at `name_token`."""

    first: int
    last: int
    name_token: int
    group: str


@functools.cache
def _rules():
    data = load("entity_rules")

    def heads(key):
        return {tuple(fold(h).split()): key for h in data[key]}

    table = {**heads("org_heads"), **heads("fac_heads"), **heads("loc_heads"), **heads("gpe_heads")}
    stops = frozenset(fold(w) for w in data["name_stops"])
    return table, stops


_HEAD_TYPE = {"org_heads": "ORG", "fac_heads": "FAC", "loc_heads": "LOC", "gpe_heads": "GPE"}


def _forms(text: str, tokens, i: int) -> tuple[str, str]:
    tok = tokens[i]
    base = text[tok.base_start:tok.base_end] if tok.base_start >= 0 else text[tok.start:tok.end]
    return fold(text[tok.start:tok.end]), fold(base)


def is_word(text: str, tok: Token) -> bool:
    return bool(_ARABIC_WORD.match(text[tok.start:tok.end]))


def name_run(text: str, tokens, i: int, max_len: int = 4, definite_after_first: bool = False) -> int:
    """Index of the last token of a name starting at token i, or i - 1 when there is none."""
    _, stops = _rules()
    last = i - 1
    for j in range(i, min(len(tokens), i + max_len)):
        tok = tokens[j]
        if not is_word(text, tok):
            break
        whole, base = _forms(text, tokens, j)
        if whole in stops or base in stops:
            break
        if j > i and definite_after_first and not whole.startswith("ال"):
            break
        if j > i and tokens[j - 1].end != tok.start - 1:  # a line break or double space ends a name
            break
        last = j
    return last


def head_names(text: str, tokens) -> list[Candidate]:
    """'وزارة الدفاع العراقية', 'قاعدة الصقر الجوية', 'مدينة الرمادي' and the like."""
    table, _ = _rules()
    out: list[Candidate] = []
    for i in range(len(tokens)):
        whole, base = _forms(text, tokens, i)
        for size in (2, 1):
            key = (base, *(fold(text[t.start:t.end]) for t in tokens[i + 1:i + size]))
            if key not in table or i + size >= len(tokens):
                continue
            kind = table[key]
            first = i + size
            last = name_run(text, tokens, first, max_len=4, definite_after_first=True)
            if last < first:
                break
            if kind == "gpe_heads":  # the head is not part of a city's name
                out.append(Candidate(tokens[first].start, tokens[last].end, first, last, "GPE", "rule"))
            else:
                start = tokens[i].base_start if tokens[i].base_start >= 0 else tokens[i].start
                out.append(Candidate(start, tokens[last].end, i, last, _HEAD_TYPE[kind], "rule"))
            break
    return out


@functools.cache
def _title_index(kb) -> dict[tuple[str, ...], str]:
    return {tuple(fold(t).split()): group for t, group in kb.titles()}


def find_roles(text: str, tokens, kb) -> list[RoleSpan]:
    """Titles before a name: 'رئيس الوزراء العراقي محمد ...', 'الخبير الأمني سرمد ...'.

    A role may run on over a NORP adjective, an 'باسم ...'/'لـ...' complement up to a comma, and a
    second title (a rank): 'نائب قائد العمليات المشتركة، الفريق أول الركن'.
    """
    index = _title_index(kb)
    longest = max((len(k) for k in index), default=0)
    out: list[RoleSpan] = []
    i = 0
    while i < len(tokens):
        match = _title_at(text, tokens, i, index, longest)
        if not match:
            i += 1
            continue
        last, group = match
        j = last + 1
        # complements of the title, up to a comma: NORP adjectives, "باسم X", "لرئيس الوزراء", "في X"
        while j < len(tokens) and j - i < 14:
            piece = text[tokens[j].start:tokens[j].end]
            if piece in ("،", ","):
                nxt = _title_at(text, tokens, j + 1, index, longest)
                if nxt:  # "..., الفريق أول الركن NAME": the rank continues the role
                    last, j = nxt[0], nxt[0] + 1
                    continue
                j += 1
                break
            if not is_word(text, tokens[j]) or _starts_name(text, tokens, j, kb):
                break
            last, j = j, j + 1
        if j < len(tokens) and is_word(text, tokens[j]):
            out.append(RoleSpan(i, last, j, group))
        i = max(j, i + 1)
    return out


def _title_at(text, tokens, i, index, longest):
    if i >= len(tokens):
        return None
    _, base = _forms(text, tokens, i)
    for size in range(min(longest, len(tokens) - i), 0, -1):
        key = (base, *(fold(text[t.start:t.end]) for t in tokens[i + 1:i + size]))
        if key in index:
            return i + size - 1, index[key]
    return None


def _starts_name(text, tokens, j, kb) -> bool:
    """Heuristic: a word that is a known first name or a KB person's first word starts the name."""
    word = fold(text[tokens[j].start:tokens[j].end])
    return word in first_names(kb)


@functools.cache
def first_names(kb) -> frozenset[str]:
    names = set()
    for entry in kb.all():
        if entry.type == "PERSON":
            for alias in (entry.canonical, *entry.aliases):
                parts = fold(alias).split()
                if len(parts) > 1:
                    names.add(parts[0])
    try:
        from marsad.ner.crf import first_name_set  # shipped with the NER model when present

        names |= first_name_set()
    except (ImportError, AttributeError, OSError):
        pass
    return frozenset(names)


def norp_mentions(text: str, tokens, kb) -> list[Candidate]:
    """'الأميركية' in 'القوات الأميركية', 'العراقيين': NORP, linked to the country or group."""
    out = []
    for i in range(len(tokens)):
        if not is_word(text, tokens[i]):
            continue
        whole, base = _forms(text, tokens, i)
        target = kb.norp(text[tokens[i].start:tokens[i].end]) or kb.norp(text[tokens[i].base_start:tokens[i].end])
        if target:
            tok = tokens[i]
            start = tok.start if kb.norp(text[tok.start:tok.end]) else tok.base_start
            out.append(Candidate(start, tok.end, i, i, "NORP", "kb", target, priority=1))
    return out
