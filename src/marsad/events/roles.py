"""Actors and place of an event, from the mentions around its trigger.

Actors: the subject of a verb (after it, or right before it: "واشنطن وبغداد قد اتفقتا"), the noun a
verbal noun is put in construct with ("انسحاب القوات الأميركية"), and parties named with the
prepositions of `parties` ("تسليم القاعدة إلى الجيش العراقي"). Place: the most specific facility or
place in the clause (a base over a city over a province over a region over a country).
"""

from __future__ import annotations

import functools

from marsad.events.lexicon import Lexicon
from marsad.events.sentence import View
from marsad.events.triggers import AGENTS, PLACES, Candidate
from marsad.model import Mention

# A place named right after a verbal noun is its actor only for these ("اتفاق بغداد وواشنطن"); else it
# is where the event happens or what it targets ("اجتماعات أنقرة", "إخلاء بغداد").
_GPE_ACTS = frozenset({"AGREEMENT", "ANNOUNCEMENT", "STATEMENT"})
# After a verb of these a place may be the subject ("اجتمعت بغداد وأنقرة"); after "غادر العراق" it is
# the place left.
_GPE_SUBJECTS = frozenset({"NEGOTIATION", "MEETING", "FOUNDING", "ATTACK", "STRIKE", "OTHER"})
_LEVELS = {"city": 1, "feature": 3, "province": 2, "region": 3, "continent": 5}
_JOIN = frozenset(" \u060c,و")  # what may stand between two conjoined names: "بغداد وواشنطن", "X، Y"


def assign(view: View, c: Candidate, lex: Lexicon) -> None:
    """Fill `c.actors` and `c.place`."""
    mentions = view.mentions
    picked: list[Mention] = []
    if c.verb:
        picked = _after(view, c, mentions, lex, c.j + 1, AGENTS)
        if picked and picked[0].type == "GPE" and c.type not in _GPE_ACTS | _GPE_SUBJECTS \
                and view.index_at(picked[-1].end) > c.stop:
            picked = []  # "غادر العراق" ends the phrase: the place left, not who left ("سحبت واشنطن قواتها")
        picked = picked or _before(view, c, mentions, lex)
    else:
        types = AGENTS if c.type in _GPE_ACTS else AGENTS - {"GPE"}
        picked = _after(view, c, mentions, lex, c.j + 1, types)
    preps = lex.parties.get(c.type, frozenset())
    for k in range(c.j + 1, c.stop + 1):
        if preps and view.words[k] in preps:
            picked += _after(view, c, mentions, lex, k + 1, AGENTS, skip=False)
    seen: set[str] = set()
    for m in picked:
        if m.entity_id and m.entity_id not in seen:
            seen.add(m.entity_id)
            c.actors.append(m.entity_id)
            c.actor_spans.append((m.start, m.end))
    c.place = _place(view, c, mentions, lex)


def _chain(first: Mention, mentions: list[Mention], text: str, types: frozenset[str]) -> list[Mention]:
    """`first` and the names conjoined after it."""
    out = [first]
    for m in mentions:
        if m.start >= out[-1].end and m.type in types:
            if m.start - out[-1].end <= 3 and all(ch in _JOIN for ch in text[out[-1].end:m.start]):
                out.append(m)
            elif m.start > out[-1].end:
                break
    return out


def _after(view: View, c: Candidate, mentions: list[Mention], lex: Lexicon, k: int,
           types: frozenset[str], skip: bool = True) -> list[Mention]:
    """The names that start at token k (after words such as "جميع أفراد" and a timex or comma)."""
    steps = 0
    while k < len(view) and steps < 4:
        start, end = view.tok(k).start, view.tok(k).end
        here = [m for m in mentions if start <= m.start < end]
        if here:
            return _chain(here[0], mentions, view.article.text, types) if here[0].type in types else []
        if view.clause[k] != view.clause[c.i]:
            return []
        word = view.words[k]
        listed = word in lex.cues["actor_skip"] or (word == "من" and k and view.words[k - 1] in lex.cues["actor_skip"])
        if not (listed or skip and (view.marks[k] in ("،", ",") or view.inside[k]
                                    or any(t.start <= start < t.end for t in view.timexes))):
            return []
        steps += 1
        k += 1
    return []


def _before(view: View, c: Candidate, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """The subject right before a verb, allowing "قد" between: "وكانت واشنطن وبغداد قد اتفقتا"; not a
    name after a preposition ("في إقليم كردستان ستنقل")."""
    text = view.article.text
    start = view.tok(c.i).start
    gap_ok = lambda a, b: not text[a:b].replace("قد", "").strip()  # noqa: E731
    last = next((m for m in reversed(mentions) if m.end <= start and gap_ok(m.end, start)), None)
    if last is None or last.type not in AGENTS:
        return []
    k = view.index_at(last.start)
    if k and view.words[k - 1] in lex.cues["prepositions"]:
        return []
    out = [last]
    for m in reversed(mentions):
        if m.end <= out[-1].start and m.type in AGENTS and out[-1].start - m.end <= 3 \
                and all(ch in _JOIN for ch in text[m.end:out[-1].start]):
            out.insert(0, m)
    return out


@functools.cache
def _rank(entity_id: str, mtype: str) -> int:
    """0 for a facility, then city, province, region or feature, country; unknown places in between."""
    if mtype == "FAC":
        return 0
    from marsad.kb import load_kb

    entry = load_kb().get(entity_id)
    if entry is not None:
        if entry.info("iso"):
            return 4
        level = entry.info("level")
        if level in _LEVELS:
            return _LEVELS[level]
    return 3 if mtype == "LOC" else 2


def subject_of(view: View, a: Candidate, lex: Lexicon) -> list[str]:
    """Entity ids of the subject of a verb (used for the noun an aspectual verb governs:
    "أنهت قوات التحالف انسحابها")."""
    picked = _after(view, a, view.mentions, lex, a.j + 1, AGENTS) or _before(view, a, view.mentions, lex)
    return list(dict.fromkeys(m.entity_id for m in picked if m.entity_id))


def _after_locative(view: View, offset: int, lex: Lexicon) -> bool:
    k = view.index_at(offset)
    return any(view.words[x] in lex.cues["locatives"] for x in range(max(0, k - 3), k))


def _place(view: View, c: Candidate, mentions: list[Mention], lex: Lexicon) -> str | None:
    clause = view.clause[c.i]
    lo, hi = _clause_chars(view, clause)
    phrase_end = view.tok(c.stop).end
    used = set(c.actor_spans)
    best = None
    for m in mentions:
        if m.type not in PLACES or not (lo <= m.start < hi) or (m.start, m.end) in used or not m.entity_id:
            continue
        in_phrase = view.tok(c.i).start <= m.start < phrase_end
        if not in_phrase and m.type != "FAC" and not _after_locative(view, m.start, lex):
            continue
        key = (_rank(m.entity_id, m.type), not in_phrase, abs(m.start - view.tok(c.i).start))
        if best is None or key < best[0]:
            best = (key, m.entity_id)
    return best[1] if best else None


def _clause_chars(view: View, clause: int) -> tuple[int, int]:
    ks = [k for k in range(len(view)) if view.clause[k] == clause]
    return view.tok(ks[0]).start, view.tok(ks[-1]).end
