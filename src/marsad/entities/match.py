"""Knowledge-base matching: every alias of a KB entry found in the body, longest first.

Works on tokens, so proclitics glued to a name are handled by the token's base
("وواشنطن", "بالعراق", "لـ"العربي الجديد""); "لل" + noun ("للعراق") is tried as "ال" + noun.
"""

from __future__ import annotations

import functools
import itertools
import operator
from dataclasses import dataclass

from marsad.arabic.normalize import fold
from marsad.model import Token

MAX_ALIAS_TOKENS = 8


@dataclass(frozen=True, slots=True)
class KBMatch:
    start: int  # character offsets of the name in the body (proclitics excluded)
    end: int
    first_token: int  # token index range [first_token, last_token]
    last_token: int
    entry_ids: tuple[str, ...]  # candidate KB entries for this alias (usually one)
    alias_tokens: int


def _key_tokens(alias: str) -> tuple[str, ...]:
    from marsad.arabic.tokens import words

    return tuple(fold(alias[t.start:t.end]) for t in words(alias))


@functools.cache
def alias_index(kb) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Folded alias token tuple -> entry ids, for every name and alias of the KB."""
    index: dict[tuple[str, ...], list[str]] = {}
    for entry in kb.all():
        if entry.type == "NORP":
            continue
        for name in {entry.canonical, *entry.aliases}:
            key = _key_tokens(name)
            if "مع" in key or "بين" in key:
                continue  # "الحدود مع سوريا" describes a border; "سوريا" there is the country
            if key and len(key) <= MAX_ALIAS_TOKENS:
                ids = index.setdefault(key, [])
                if entry.id not in ids:
                    ids.append(entry.id)
    # A name shared by several entries lists the unambiguous ones first (الصحراء الغربية: Iraq's desert
    # before Western Sahara), so the first candidate is the usual reading in this news.
    return {k: tuple(sorted(v, key=lambda e: kb.get(e).ambiguous)) for k, v in index.items()}


PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")


@functools.lru_cache(maxsize=200_000)
def without_proclitics(form: str) -> tuple[str, ...]:
    """A folded word and its readings without a leading conjunction/preposition ("وتركيا", "لإيران")."""
    out = [form]
    for pre in PROCLITICS:
        if form.startswith(pre) and len(form) - len(pre) >= 3:
            out.append(form[len(pre):])
    return tuple(out)


def with_proclitics(words) -> frozenset[str]:
    """The folded forms whose `without_proclitics` readings include one of `words`.

    `any(r in words for r in without_proclitics(form))` is then `form in with_proclitics(words)`:
    one set lookup per token instead of a loop over its readings.
    """
    return frozenset(words) | {pre + w for pre in PROCLITICS for w in words if len(w) >= 3}


@functools.cache
def first_words(kb) -> frozenset[str]:
    """The first folded word of every alias: most tokens can be skipped at once."""
    return frozenset(key[0] for key in alias_index(kb))


@functools.cache
def _opening_forms(kb) -> frozenset[str]:
    return with_proclitics(first_words(kb))


@functools.cache
def _longest_from(kb) -> dict[str, int]:
    """First word -> the most tokens an alias starting with it has (longer keys are never built)."""
    out: dict[str, int] = {}
    for key in alias_index(kb):
        out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


def _first_forms(text: str, tok: Token, whole: str | None = None) -> list[tuple[str, int]]:
    """(folded form, start offset) readings of a name's first token: as written, without proclitics,
    and "لل" + noun read as "ال" + noun. The index decides which reading is a name."""
    if whole is None:
        whole = fold(text[tok.start:tok.end])
    forms = [(whole, tok.start)]
    if len(whole) == tok.end - tok.start:  # offsets map one to one: strip proclitics by length
        forms += [(f, tok.end - len(f)) for f in without_proclitics(whole)[1:]]
    elif tok.base_start > tok.start:
        forms.append((fold(text[tok.base_start:tok.end]), tok.base_start))
    for cut in ("لل", "ولل", "فلل"):
        if whole.startswith(cut) and len(whole) > len(cut) + 2:
            # "للعراق" cannot be cut into a name ("لعراق" is no word): the mention is the whole token
            forms.append(("ال" + whole[len(cut):], tok.start))
    return forms


def find_kb_matches(text: str, tokens: tuple[Token, ...] | list[Token], kb) -> list[KBMatch]:
    """All non-overlapping alias matches, preferring the longest at each position."""
    index = alias_index(kb)
    firsts = first_words(kb)
    folded = getattr(tokens, "whole", None) or [fold(text[t.start:t.end]) for t in tokens]
    opening = _opening_forms(kb)
    longest = _longest_from(kb)
    out: list[KBMatch] = []
    n = len(tokens)
    after = 0  # the first token not inside a match already taken
    # only tokens that can open an alias (as written, without a proclitic, or "لل" + noun) are tried
    tried = map(operator.or_, map(opening.__contains__, folded), map(operator.methodcaller("startswith", "لل"), folded))
    for i in list(itertools.compress(itertools.count(), tried)):
        if i < after:
            continue
        best: KBMatch | None = None
        for form, start in _first_forms(text, tokens[i], folded[i]):
            if form not in firsts:
                continue
            for length in range(min(MAX_ALIAS_TOKENS, n - i, longest[form]), 0, -1):
                if best and length <= best.alias_tokens:
                    break
                key = (form, *folded[i + 1:i + length])
                ids = index.get(key)
                if ids:
                    best = KBMatch(start, tokens[i + length - 1].end, i, i + length - 1, ids, length)
                    break
        if best:
            out.append(best)
            after = best.last_token + 1
    return out
