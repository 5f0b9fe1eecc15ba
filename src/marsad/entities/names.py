"""Token forms and the run of words that makes a name, shared by the head-word, title and NORP finders."""

from __future__ import annotations

import functools

from marsad.arabic.normalize import fold
from marsad.entities.tokenview import ARABIC_WORD as _ARABIC_WORD
from marsad.entities.tokenview import TokenView
from marsad.lexicon import load
from marsad.model import Token

# Names that fold to a particle (علي -> على): written with ي they are names, with ى particles.
NAMES_LIKE_STOPS = {"علي", "وعلي"}
_NAME_JOINERS = {"عبد", "ابو", "ابي", "ابا", "ابن", "بن", "بنت", "ام", "ذو", "ذي"}


@functools.cache
def rule_tables():
    data = load("entity_rules")

    def heads(key):
        return {tuple(fold(h).split()): key for h in data[key]}

    table = {**heads("org_heads"), **heads("fac_heads"), **heads("loc_heads"), **heads("gpe_heads")}
    stops = frozenset(fold(w) for w in data["name_stops"])
    return table, stops


def token_forms(text: str, tokens, i: int) -> tuple[str, str]:
    if isinstance(tokens, TokenView):
        return tokens.whole[i], tokens.base[i]
    tok = tokens[i]
    base = text[tok.base_start:tok.base_end] if tok.base_start >= 0 else text[tok.start:tok.end]
    return fold(text[tok.start:tok.end]), fold(base)


def is_word(text: str, tok: Token) -> bool:
    return bool(_ARABIC_WORD.match(text[tok.start:tok.end]))


def is_word_at(text: str, tokens, i: int) -> bool:
    return tokens.word[i] if isinstance(tokens, TokenView) else is_word(text, tokens[i])


def folded_at(text: str, tokens, i: int) -> str:
    return tokens.whole[i] if isinstance(tokens, TokenView) else fold(text[tokens[i].start:tokens[i].end])


def name_run(text: str, tokens, i: int, max_len: int = 4, definite_after_first: bool = False,
             person: bool = False) -> int:
    """Index of the last token of a name starting at token i, or i - 1 when there is none.

    A person's name ends with its family name: after a word with ال ("سرمد البياتي") it stops.
    """
    _, stops = rule_tables()
    last = i - 1
    for j in range(i, min(len(tokens), i + max_len)):
        tok = tokens[j]
        if not is_word(text, tok):
            break
        whole, base = token_forms(text, tokens, j)
        if (whole in stops or base in stops) and text[tok.start:tok.end] not in NAMES_LIKE_STOPS:
            break
        if j > i and definite_after_first and not whole.startswith("ال"):
            break
        if j > i and tokens[j - 1].end != tok.start - 1:  # a line break or double space ends a name
            break
        last = j
        prev = fold(text[tokens[j - 1].start:tokens[j - 1].end]) if j > i else ""
        if person and j > i and whole.startswith("ال") and prev not in _NAME_JOINERS \
                and whole not in ("الدين", "الله"):
            break  # the family name ends the name; "عبد الرزاق", "حسام الدين" are still first names
    return last
