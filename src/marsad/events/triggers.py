"""Trigger candidates of one sentence: lexicon matches that pass their conditions, with their phrase.

A candidate that is only a reference to an event named elsewhere ("هذا الانسحاب", "وفق الاتفاق") is
kept with a `skip` reason: it is no event of its own, but an aspectual verb after it may take its type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.arabic.chars import SPEECH_QUOTES
from marsad.events.lexicon import Form, Lexicon
from marsad.events.sentence import View
from marsad.model import Timex

AGENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NEAR = 8  # words either side of a trigger where its `near` condition looks
PLACES = frozenset({"FAC", "GPE", "LOC"})


@dataclass(slots=True)
class Candidate:
    i: int  # first token of the trigger (view index)
    j: int  # last token of the trigger
    form: Form
    type: str
    stop: int = 0  # last token of the phrase the trigger heads
    skip: str = ""  # why it is not an event of its own
    timex: Timex | None = None
    how: str = ""  # how the timex governs it: deadline | phrase | adjacent | fronted
    modality: str = "happened"
    actors: list[str] = field(default_factory=list)
    actor_spans: list[tuple[int, int]] = field(default_factory=list)
    place: str | None = None

    @property
    def verb(self) -> bool:
        return self.form.trigger.pos == "verb"


def candidates(view: View, hits: list[int], lex: Lexicon) -> list[Candidate]:
    """Matches at the token indices `hits`, in order, each with its phrase and skip reason."""
    found: list[Candidate] = []
    taken = -1
    for k in hits:
        if k <= taken:
            continue
        for form in lex.forms[view.words[k]]:
            j = _rest(view, k, form)
            if j is not None and _conditions(view, k, j, form):
                found.append(Candidate(k, j, form, form.trigger.type))
                taken = j
                break
    verb_starts = {c.i for c in found if c.verb}
    for c in found:
        c.stop = phrase_stop(view, c, verb_starts, lex)
        c.skip = _skip(view, c, found, lex)
    return found


def _rest(view: View, k: int, form: Form) -> int | None:
    rest = form.trigger.rest
    if k + len(rest) >= len(view):
        return None if rest else k
    for x, allowed in enumerate(rest, 1):
        if view.words[k + x] not in allowed:
            return None
    return k + len(rest)


def _conditions(view: View, i: int, j: int, form: Form) -> bool:
    trig = form.trigger
    if trig.next is not None or trig.next_mention:
        nexts = [j + 1]
        if trig.pos == "verb" and j + 1 < len(view):  # VSO: the object comes after the named subject
            subject = next((m for m in view.mentions_at(j + 1) if m.type in AGENTS), None)
            if subject is not None:
                nexts.append(view.index_at(subject.end))
        ok = any(nxt < len(view) and (
            (trig.next is not None and view.words[nxt] in trig.next)
            or (bool(trig.next_mention) and any(m.type in trig.next_mention for m in view.mentions_at(nxt))))
            for nxt in nexts)
        if not ok:
            return False
    if trig.prev is not None and not (i > 0 and view.words[i - 1] in trig.prev):
        return False
    if trig.not_prev is not None and i > 0 and view.words[i - 1] in trig.not_prev:
        return False
    if trig.not_next is not None and j + 1 < len(view) and (
            view.words[j + 1] in trig.not_next or " ".join(view.words[j + 1:j + 3]) in trig.not_next):
        return False
    if trig.near is not None and not any(view.words[x] in trig.near for x in _around(view, i, j)):
        return False
    if trig.subject and not _has_subject(view, i, j, trig.subject):
        return False
    return not _inside_name(view, i, j)


def _around(view: View, i: int, j: int):
    """Token indices of the words of the trigger's clause, up to NEAR words before and after it."""
    clause = view.clause[i]
    for step, start in ((-1, i - 1), (1, j + 1)):
        k, seen = start, 0
        while 0 <= k < len(view) and view.clause[k] == clause and seen < NEAR:
            if view.words[k]:
                seen += 1
                yield k
            k += step


def _has_subject(view: View, i: int, j: int, types: frozenset[str]) -> bool:
    after = [m for k in range(j + 1, min(j + 3, len(view))) for m in view.mentions_at(k)]
    if any(m.type in types for m in after):
        return True
    before = view.tok(i).start
    return any(m.type in types and 0 <= before - m.end <= 1 for m in view.mentions)


def _inside_name(view: View, i: int, j: int) -> bool:
    """The trigger is part of an organisation's or a facility's name."""
    s, e = view.tok(i).start, view.tok(j).end
    return any(m.type in ("ORG", "FAC") and m.start <= s and e <= m.end and (m.start, m.end) != (s, e)
               for m in view.mentions)


def phrase_stop(view: View, c: Candidate, verb_starts: set[int], lex: Lexicon) -> int:
    """The last token of the phrase headed by the trigger: up to punctuation, a clause boundary or
    another verb trigger, at most `max_phrase` words."""
    stop, m, words = c.j, c.j + 1, 0
    clause = view.clause[c.i]
    while m < len(view) and words < lex.max_phrase:
        if view.clause[m] != clause or m in verb_starts or view.words[m] in lex.verbs \
                or view.words[m] in lex.cues["future_auxiliaries"] \
                or view.cue_at(m, lex, "phrase_stops") and not any(t.start == view.tok(m).start for t in view.timexes):
            break
        mark = view.marks[m]
        if mark in ("،", ",") and (after := _parenthetical_time(view, m)):
            m = after  # "تسلم الجيش العراقي، صباح اليوم الخميس، قاعدة الصقر": the object goes on
            continue
        if mark and mark not in SPEECH_QUOTES and not view.inside[m]:
            break
        if not mark:
            words += 1
            stop = m
        m += 1
    end = view.cover_end(view.tok(stop).end - 1)
    while stop + 1 < len(view) and view.tok(stop + 1).end <= end:
        stop += 1
    return stop


def _parenthetical_time(view: View, comma: int) -> int:
    """The token after "، <timex>،" when a timex stands between two commas at `comma`, else 0."""
    if comma + 1 >= len(view):
        return 0
    start = view.tok(comma + 1).start
    t = next((t for t in view.timexes if t.start == start), None)
    if t is None:
        return 0
    k = comma + 1
    while k < len(view) and view.tok(k).start < t.end:
        k += 1
    return k + 1 if k < len(view) and view.marks[k] in ("،", ",") else 0


def _skip(view: View, c: Candidate, found: list[Candidate], lex: Lexicon) -> str:
    prev = c.i - 1
    if c.form.trigger.pos == "noun":
        if prev >= 0 and _strip_particle(view.bare[prev]) in lex.cues["demonstratives"]:
            return "demonstrative"  # "وبهذا الانسحاب", "ويأتي هذا الانسحاب ضمن خطة"
        if prev >= 0 and (view.cue_at(prev, lex, "references") or _strip_particle(view.bare[prev]) in lex.cues["references"]):
            return "reference"  # "وفق الاتفاق", "بأي اتفاق"
        if any(o.skip in ("reference", "demonstrative") and o.i < c.i <= o.stop for o in found if o is not c):
            return "reference"  # "توقيت الإعلان عن إنهاء المهمة": all of it refers to the announcement
        if prev >= 1 and view.words[prev] in ("تم", "يتم", "جري") and view.words[prev - 1] in lex.cues["free_relatives"]:
            return "reference"  # "ما تم الاتفاق عليه" is what was agreed, not an agreement
        if c.stop == c.j and c.i == c.j and ("ال" in view.words[c.i][:4] or view.bare[c.i].startswith("لل")):
            return "bare"  # a definite noun with no complement: "عقب التوقيع:"
    elif prev >= 0 and view.words[prev] in lex.cues["free_relatives"]:
        return "relative"  # "ما تبقى من مناطق"
    elif prev >= 1 and (view.words[prev] in lex.cues["relatives"]) and any(
            o is not c and prev - 4 <= o.j < prev for o in found):
        return "relative"  # "الضربات الأميركية التي استهدفت"
    clause = view.clause[c.i]
    for k in range(c.i - 1, -1, -1):
        if view.clause[k] != clause:
            break
        if view.words[k] and view.cue_at(k, lex, "conditionals"):
            return "conditional"  # "إذا توصل الطرفان إلى ..." is hypothetical
    return ""


def _strip_particle(word: str) -> str:
    """A word without a leading ب or ل: "بهذا" -> "هذا"."""
    return word[1:] if len(word) >= 3 and word[0] in "بل" else word
