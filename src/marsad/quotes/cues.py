"""Cue words from lang/ar/quote_cues.yaml, and whether a cue verb reports speech where it stands."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from marsad.arabic.normalize import fold
from marsad.lexicon import load
from marsad.quotes.words import Words, gap_before


@dataclass(frozen=True, slots=True)
class Cues:
    verbs: dict[str, tuple[str | None, bool]]  # folded form -> (preposition, continues)
    participles: frozenset[str]
    complementizers: frozenset[str]
    frames: tuple[tuple[str, ...], ...]
    channel_heads: frozenset[str]
    platforms: tuple[tuple[str, ...], ...]
    openers: tuple[tuple[str, ...], ...]
    anonymous: frozenset[str]
    statements: frozenset[str]


@functools.cache
def cues() -> Cues:
    data = load("quote_cues")
    verbs: dict[str, tuple[str | None, bool]] = {}
    for v in data["verbs"]:
        prep = fold(v["prep"]) if v.get("prep") else None
        past, present = fold(v["past"]), fold(v["present"])
        # he, she, they (past and present): قال قالت قالوا، يقول تقول يقولون
        forms = {past, past + "ت", past + "وا", present, "ت" + present[1:], present + "ون"}
        if past.endswith("ي") or past.endswith("ا"):  # رأى -> رأت, دعا -> دعت
            forms.add(past[:-1] + "ت")
        for form in forms:
            for pre in ("", "و", "ف"):
                verbs[pre + form] = (prep, bool(v.get("continues")))
    split = lambda key: tuple(tuple(fold(x).split()) for x in data[key])  # noqa: E731
    return Cues(verbs, frozenset(fold(p) for p in data["participles"]) | frozenset("و" + fold(p) for p in data["participles"]),
                frozenset(fold(c) for c in data["complementizers"]), split("source_frames"),
                frozenset(fold(c) for c in data["channel_heads"]), split("platforms"), split("channel_openers"),
                frozenset(fold(a) for a in data["anonymous_heads"]), frozenset(fold(s) for s in data["statement_nouns"]))


RELAY = {"نقلت", "ونقلت", "نقل", "ونقل", "فنقلت"}


@functools.cache
def cue_word_forms() -> frozenset[str]:
    """Every word `quote_at` can read as a cue (relay, verb, participle): the others are skipped."""
    c = cues()
    return frozenset(RELAY) | frozenset(c.verbs) | c.participles


_LINKERS = {"بينما", "فيما", "كما", "حيث", "اذ", "وبينما", "وفيما", "وكما", "بدوره", "بدورها", "جهته", "جهتها",
            "جانبه", "جانبها", "المقابل", "وبالمقابل", "ثم", "لكن", "غير", "اما"}
_AMBIGUOUS = {"بين", "وبين", "فبين", "زاد", "وزاد", "فزاد", "تبين", "وتبين"}  # "between", "increased", "it appeared"


def is_reported(text: str, w: Words, i: int) -> bool:
    """Is the verb at word i a report of speech here? Not "في تطور لافت يشير إلى" (a relative clause)."""
    form = w.forms[i]
    if form in _AMBIGUOUS:
        return False
    raw = text[w.spans[i][0]:w.spans[i][1]]
    if form.endswith("راي") and raw.endswith("ي"):
        return False  # "رأي" is an opinion; the verb is written "رأى"
    gap = gap_before(text, w, i)
    if form[:1] in "يت" and i > 0 and w.forms[i - 1] not in _LINKERS and "،" not in gap and "," not in gap:
        return False  # a bare present-tense verb right after a noun: a relative clause, not a report
    return True
