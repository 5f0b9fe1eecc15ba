"""Arabic patterns that models miss: head words that open names, titles before people, NORP adjectives.

Each finder returns `Candidate`s over token indexes; `stages/mentions.py` merges them with the
knowledge-base matches and the CRF's spans.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

from marsad.arabic.normalize import fold
from marsad.entities.names import folded_at, is_word, is_word_at, name_run, rule_tables, token_forms
from marsad.entities.titles import (
    RoleSpan,
    find_roles,
    first_names,
    role_after,
    title_at,
    title_index,
    title_longest,
)
from marsad.entities.tokenview import TokenView

# The finders of names.py and titles.py are imported from here too (stages/mentions.py).
__all__ = ["Candidate", "RoleSpan", "find_roles", "first_names", "head_names", "is_word", "name_run", "norp_mentions",
           "role_after"]
_title_at, _title_index, _title_longest = title_at, title_index, title_longest  # their former private names


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


_HEAD_TYPE = {"org_heads": "ORG", "fac_heads": "FAC", "loc_heads": "LOC", "gpe_heads": "GPE"}


def head_names(text: str, tokens, kb) -> list[Candidate]:
    """'وزارة الدفاع العراقية', 'قاعدة الصقر الجوية', 'مدينة الرمادي' and the like."""
    table, _ = rule_tables()
    index = title_index(kb)
    longest = title_longest(kb)
    out: list[Candidate] = []
    from marsad.entities.match import without_proclitics

    opening = _head_openers()
    wholes = tokens.whole if isinstance(tokens, TokenView) else [token_forms(text, tokens, k)[0] for k in range(len(tokens))]
    # a head word, maybe after a proclitic (the set lookups run in one C loop)
    for i in list(itertools.compress(itertools.count(), map(opening.__contains__, wholes))):
        whole, base = token_forms(text, tokens, i)
        if whole in _NOT_HEADS:
            continue
        for size in (2, 1):
            rest = tuple(folded_at(text, tokens, k) for k in range(i + 1, min(len(tokens), i + size)))
            key = next(((h, *rest) for h in without_proclitics(whole) if (h, *rest) in table), None)
            if key is None or i + size >= len(tokens):
                continue
            kind = table[key]
            first = i + size
            if first < len(tokens) and text[tokens[first].start:tokens[first].end] in _QUOTES:
                quoted = _quoted_name(text, tokens, i, first, kind, kb)
                if quoted:
                    out.append(quoted)
                break
            if first >= len(tokens) or not _opens_name(text, tokens, first, kb):
                break
            last = name_run(text, tokens, first, max_len=4, definite_after_first=True)
            for k in range(first + 1, last + 1):  # "قيادة العمليات المشتركة العميد ...": a rank ends the name
                if title_at(text, tokens, k, index, longest):
                    last = k - 1
                    break
            if last < first:
                break
            if kind == "gpe_heads":  # the head is not part of a city's name
                out.append(Candidate(tokens[first].start, tokens[last].end, first, last, "GPE", "rule"))
            else:
                start = tokens[i].end - len(key[0]) if len(whole) == tokens[i].end - tokens[i].start else tokens[i].start
                out.append(Candidate(start, tokens[last].end, i, last, _HEAD_TYPE[kind], "rule"))
            break
    return out


@functools.cache
def _head_openers() -> frozenset[str]:
    from marsad.entities.match import with_proclitics

    return with_proclitics({k[0] for k in rule_tables()[0]})


_NOT_HEADS = {"بقياده", "وبقياده", "بقيادة"}  # "بقيادة X" = "led by X", not an organisation
_QUOTES = {'"', "«", "“", "„", "”"}


def _opens_name(text: str, tokens, j: int, kb) -> bool:
    """After a head word: a definite word, or an indefinite one in a construct ("عمليات البادية")."""
    piece = text[tokens[j].start:tokens[j].end]
    if not is_word(text, tokens[j]) or kb.is_norp(piece):
        return False
    if fold(piece).startswith("ال"):
        return True
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return bool(nxt and nxt.start == tokens[j].end + 1 and fold(text[nxt.start:nxt.end]).startswith("ال"))


def _quoted_name(text: str, tokens, head: int, q: int, kind: str, kb) -> Candidate | None:
    """'قاعدة "حرير"' (the facility is the quoted name) and 'كتائب "حزب الله" العراق' (head included)."""
    close = next((k for k in range(q + 1, min(len(tokens), q + 7))
                  if text[tokens[k].start:tokens[k].end] in _QUOTES), None)
    if close is None or close == q + 1:
        return None
    name = text[tokens[q + 1].start:tokens[close - 1].end]
    head_text = text[tokens[head].start:tokens[head].end]
    type_ = _HEAD_TYPE.get(kind, "ORG") if kind != "gpe_heads" else "GPE"
    found = [e for e in kb.lookup(f"{head_text} {name}") if e.type == type_]
    if type_ == "ORG":
        last = close
        nxt = close + 1
        if nxt < len(tokens) and any(e.type == "GPE" for e in kb.lookup(text[tokens[nxt].start:tokens[nxt].end])) \
                and tokens[nxt].start == tokens[close].end + 1:
            last = nxt  # 'كتائب "حزب الله" العراق': the country is part of the group's name
        return Candidate(tokens[head].start, tokens[last].end, head, last, type_, "kb" if found else "rule",
                         found[0].id if found else None, priority=4)
    return Candidate(tokens[q + 1].start, tokens[close - 1].end, q + 1, close - 1, type_, "kb" if found else "rule",
                     found[0].id if found else None, priority=4)


@functools.cache
def _norp_openers(kb) -> frozenset[str]:
    from marsad.entities.match import with_proclitics

    return with_proclitics(kb.norp_forms())


_NORP_CACHE: dict[tuple[int, str], str | None] = {}


def _norp_target(kb, form: str) -> str | None:
    key = (id(kb), form)
    if key not in _NORP_CACHE:
        if len(_NORP_CACHE) > 500_000:
            _NORP_CACHE.clear()
        _NORP_CACHE[key] = kb.norp(form) if kb.is_norp(form) else None
    return _NORP_CACHE[key]


def norp_mentions(text: str, tokens, kb) -> list[Candidate]:
    """'الأميركية' in 'القوات الأميركية', 'العراقيين': NORP, linked to the country or group."""
    out = []
    from marsad.entities.match import without_proclitics

    forms = kb.norp_forms()
    opening = _norp_openers(kb)
    wholes = tokens.whole if isinstance(tokens, TokenView) else [folded_at(text, tokens, k) for k in range(len(tokens))]
    # a NORP form, maybe after a proclitic
    for i in list(itertools.compress(itertools.count(), map(opening.__contains__, wholes))):
        if not is_word_at(text, tokens, i):
            continue

        tok = tokens[i]
        piece = text[tok.start:tok.end]
        whole = folded_at(text, tokens, i)
        readings = without_proclitics(whole) if len(whole) == len(piece) else (whole,)
        if not any(r in forms for r in readings):
            continue
        for form in [*readings[1:], readings[0]]:  # "وأسترالية": the adjective without its و
            if _norp_target(kb, form):
                out.append(Candidate(tok.end - len(form), tok.end, i, i, "NORP", "kb", _norp_target(kb, form),
                                     priority=1))
                break
    return out
