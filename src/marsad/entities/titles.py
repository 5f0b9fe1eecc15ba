"""Titles and roles around a person's name: "رئيس الوزراء العراقي محمد ..." before it, "... مدير المكتب" after."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

from marsad.arabic.normalize import fold
from marsad.entities.names import NAMES_LIKE_STOPS, folded_at, is_word, is_word_at, rule_tables, token_forms
from marsad.entities.tokenview import TokenView
from marsad.lexicon import load


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A title or role phrase, tokens [first, last], ending right before a name at `name_token`."""

    first: int
    last: int
    name_token: int
    group: str


@functools.cache
def title_index(kb) -> dict[tuple[str, ...], str]:
    return {tuple(fold(t).split()): group for t, group in kb.titles()}


@functools.cache
def _title_openers(kb) -> frozenset[str]:
    """Base forms that can open a title: a title's first word, with or without the article ال."""
    starts = {k[0] for k in title_index(kb)}
    return frozenset(starts) | {"ال" + w for w in starts} | {w[2:] for w in starts if w.startswith("ال")}


@functools.cache
def title_longest(kb) -> int:
    """The most words a title has (asked for every role: computed once)."""
    return max((len(k) for k in title_index(kb)), default=0)


def find_roles(text: str, tokens, kb) -> list[RoleSpan]:
    """Titles before a name: 'رئيس الوزراء العراقي محمد ...', 'الخبير الأمني سرمد ...'.

    After the title the role runs over its complements: definite words ("وزير الموارد المائية"),
    "باسم X", NORP adjectives, nouns of office in a construct ("مدير زراعة البصرة"), further
    titles and ranks ("..., الفريق أول الركن"). The first other word starts the name.
    """
    index = title_index(kb)
    longest = title_longest(kb)
    _, stops = rule_tables()
    nouns = _role_nouns()
    out: list[RoleSpan] = []
    opening = _title_openers(kb)
    bases = tokens.base if isinstance(tokens, TokenView) else [token_forms(text, tokens, k)[1] for k in range(len(tokens))]
    after = 0  # the first token after the last role read
    # most words cannot open a title: one set lookup skips them without building keys
    for i in list(itertools.compress(itertools.count(), map(opening.__contains__, bases))):
        if i < after:
            continue
        match = title_at(text, tokens, i, index, longest)
        if not match:
            continue
        last, group = match
        j, name_at = last + 1, None
        while j < len(tokens) and j - i < 16:
            piece = text[tokens[j].start:tokens[j].end]
            if piece in ("،", ","):
                j += 1
                continue  # "نائب قائد العمليات المشتركة، الفريق أول الركن ..." or ", NAME"
            if not is_word(text, tokens[j]):
                break
            whole, base = token_forms(text, tokens, j)
            if (whole in stops or base in stops) and piece not in NAMES_LIKE_STOPS:
                break
            nxt = title_at(text, tokens, j, index, longest)
            if nxt:
                last, j = nxt[0], nxt[0] + 1
                continue
            if _starts_name(text, tokens, j, kb):
                name_at = j
                break
            definite = whole.startswith(("ال", "لل", "بال", "وال"))
            if whole[:1] == "ل" and (whole[1:] in _title_firsts(id(index), index) or whole[1:] in nouns):
                last, j = j, j + 1  # "المستشار الأمني لرئيس الوزراء ...": the role goes on
                continue
            nxt_form = folded_at(text, tokens, j + 1) if j + 1 < len(tokens) else ""
            if whole in ("في", "عن") and not (nxt_form.startswith("ال") or nxt_form in nouns):
                break  # "رئيس الحكومة في اجتماع": no name follows
            if definite or whole in _ROLE_LINKERS or kb.is_norp(piece) or base in nouns \
                    or j in getattr(tokens, "kb_tokens", ()):
                if text[tokens[j - 1].end:tokens[j].start].strip(" ") in ("،", ","):
                    name_at = j  # "..., الكولونيل X": a comma then a definite word is rare; take it as the name
                    break
                last, j = j, j + 1
                continue
            name_at = j
            break
        if name_at is not None and name_at > last:
            out.append(RoleSpan(i, last, name_at, group))
        after = max(j, i + 1)
    return out


def role_after(text: str, tokens, i: int, kb) -> tuple[int, int] | None:
    """A role written after a name ("ربيع نادر مدير المكتب الإعلامي"): (first, last) tokens, or None.

    It runs like a title's complements and stops at punctuation, a particle, or "لـ" + a title that
    names another office ("... لرئيس الوزراء X": that office belongs to the next person).
    """
    index = title_index(kb)
    longest = title_longest(kb)
    match = title_at(text, tokens, i, index, longest)
    if not match:
        return None
    _, stops = rule_tables()
    nouns = _role_nouns()
    last, j = match[0], match[0] + 1
    while j < len(tokens) and j - i < 12 and is_word_at(text, tokens, j):
        whole, base = token_forms(text, tokens, j)
        if whole in stops or base in stops:
            break
        if j in getattr(tokens, "person_tokens", ()):
            break  # the next person's name: "... لرئيس الوزراء محمد شياع السوداني"
        if (whole.startswith(("ال", "لل", "بال", "وال")) or whole in _ROLE_LINKERS or base in nouns
                or j in getattr(tokens, "kb_tokens", ())
                or (whole[:1] == "ل" and whole[1:] in _title_firsts(id(index), index))):
            last, j = j, j + 1
            continue
        break
    return i, last


_ROLE_LINKERS = {"باسم", "في", "لدي", "عن", "لشؤون", "بشؤون"}


@functools.cache
def _role_nouns() -> frozenset[str]:
    data = load("entity_rules")
    words = [*data.get("role_nouns", ()), *data["org_heads"]]
    return frozenset(fold(w) for w in words if " " not in w)


def title_at(text, tokens, i, index, longest):
    """(last token, group) of a title starting at token i; "الوزير" matches the title "وزير" too."""
    if i >= len(tokens) or not is_word_at(text, tokens, i):
        return None
    _, base = token_forms(text, tokens, i)
    firsts = [base, base[2:]] if base.startswith("ال") and len(base) > 4 else [base, "ال" + base]
    starts = _title_firsts(id(index), index)
    if not any(f in starts for f in firsts):
        return None
    for size in range(min(longest, len(tokens) - i), 0, -1):
        rest = tuple(folded_at(text, tokens, k) for k in range(i + 1, i + size))
        for first in firsts:
            if (first, *rest) in index:
                return i + size - 1, index[(first, *rest)]
    return None


_FIRSTS_CACHE: dict[int, frozenset[str]] = {}


def _title_firsts(key: int, index) -> frozenset[str]:
    if key not in _FIRSTS_CACHE:
        _FIRSTS_CACHE[key] = frozenset(k[0] for k in index)
    return _FIRSTS_CACHE[key]


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
