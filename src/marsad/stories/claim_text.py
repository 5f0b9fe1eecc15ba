"""The reading tools `stories.claims` uses on one analysed article: words with their clitic-free forms,
clauses, phrase matching, the places, forces and bodies a clause names (with "القاعدة" resolved to the
base named before), and the date a claim is about. Language knowledge: `lang/ar/claims.yaml`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

from marsad.arabic.normalize import fold, fold_word
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize
from marsad.kb import KBEntry, load_kb
from marsad.lexicon import load
from marsad.model import Article, Mention, Timex

CONTRACT = ("id", "article", "start", "end", "text", "kind", "subject", "value", "as_of")
_CLAUSE_PUNCT = re.compile(r"[،,;؛:]")
_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-(?:SP|SU|FA|WI)|-Q[1-4])?)(?:T.*)?$")
_PLACE_RANK = {"FAC": 0, "LOC": 1, "GPE": 2}
GAP = 4  # words a "*" in a phrase may stand for


@functools.lru_cache(maxsize=200_000)
def word_forms(raw: str) -> frozenset[str]:
    """The folded word, and the same without proclitics (و ف ب ل ك, لل -> ال), ال and a pronoun suffix."""
    first = fold_word(raw)
    out = [first]
    if len(first) > 2 and first[0] in "وف":
        out.append(first[1:])
    for x in out[:]:
        if len(x) > 3 and x[0] in "بلك":
            out.append(("ال" + x[2:]) if x.startswith("لل") else x[1:])
    for x in out[:]:
        if len(x) > 3 and x.startswith("ال"):
            out.append(x[2:])
    # A pronoun suffix of the word as written also ends its folded form: most words skip the second fold.
    if first.endswith(_SUFFIX_ENDS):
        bare = fold(raw, ("diacritics", "tatweel"))
        for suffix in ("هما", "هم", "ها", "ه"):
            if bare.endswith(suffix):
                out += [x[:-len(suffix)] for x in out if len(x) - len(suffix) >= 3]
                break
    return frozenset(out)


_SUFFIX_ENDS = ("ه", "هم", "ها", "هما")


def _keys(words) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple("*" if w == "*" else fold(w) for w in p.split()) for p in items)


@dataclass(frozen=True)
class Data:
    """claims.yaml, folded once."""

    raw: dict

    def __getattr__(self, name):
        return self.raw[name]


@functools.cache
def data() -> Data:
    y = load("claims")
    cues = load("quote_cues")
    verbs = set()
    for v in cues["verbs"]:
        past, present = fold(v["past"]), fold(v["present"])
        verbs |= {past, past + "ت", past + "وا", present, "ت" + present[1:], present + "ون"}
    with_keys = lambda m: {k: {**v, "keys": _keys(v["words"])} for k, v in m.items()}  # noqa: E731
    d = Data({
        **y,
        "unit_classes": with_keys(y["unit_classes"]), "predicates": with_keys(y["predicates"]),
        "rank_classes": with_keys(y["rank_classes"]), "time_units": _keys(y["time_units"]),
        "lower_bound_phrases": _phrases(y["lower_bound_phrases"]),
        "upper_bound_phrases": _phrases(y["upper_bound_phrases"]),
        "clause_openers": _keys(y["clause_openers"]), "list_openers": _keys(y["list_openers"]),
        "destination_words": _keys(y["destination_words"]), "facility_heads": _keys(y["facility_heads"]),
        "directions": {k: _keys(v) for k, v in y["directions"].items()}, "past_markers": _keys(y["past_markers"]),
        "plan_cues": _phrases(y["plan_cues"]), "negations": _phrases(y["negations"]),
        "superlatives": {k: _keys(v) for k, v in y["superlatives"].items()},
        "ordinals": {int(k): _keys(v) for k, v in y["ordinals"].items()}, "partitives": _keys(y["partitives"]),
        "copulas": _keys(y["copulas"]), "not_rankings": _phrases(y["not_rankings"]),
        "events": {k: {**v, "phrases": _phrases(v["words"])} for k, v in y["events"].items()},
        "phases": {k: _phrases(v) for k, v in y["phases"].items()}, "deadline_words": _keys(y["deadline_words"]),
        "status_phrases": [{**e, "phrases": _phrases(e["phrases"])} for e in y["status_phrases"]],
        "force_words": _keys(y["force_words"]), "reporting": frozenset(verbs | _keys(cues["participles"])),
        # derived: the forms a word must have to be a facility head or a superlative at all
        "definite_heads": frozenset("ال" + h for h in _keys(y["facility_heads"])),
        "superlative_forms": frozenset().union(*(_keys(v) for v in y["superlatives"].values())),
    })
    # the forms looked for over a whole article: TextView indexes where they are once
    d.raw["indexed_forms"] = d.definite_heads | d.superlative_forms | frozenset(
        p[0] for phrases in (*(e["phrases"] for e in d.status_phrases), *(e["phrases"] for e in d.events.values()),
                             *d.phases.values()) for p in phrases)
    return d


@functools.cache
def kb_entry(entity_id: str) -> KBEntry | None:
    return load_kb().get(entity_id)


@functools.cache
def _country_names() -> dict[str, str]:
    return {e.info("iso"): e.canonical for e in load_kb().all() if e.info("iso")}


class Word(NamedTuple):
    """A word of the body (a named tuple: one is built for every token, so construction must be cheap)."""

    start: int
    end: int
    forms: frozenset[str]
    sentence: int

    @property
    def definite(self) -> bool:
        return any(f.startswith("ال") and len(f) > 3 for f in self.forms)


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    end: int
    key: str
    type: str


class TextView:
    """One article seen as words, clauses, places and forces."""

    def __init__(self, article: Article):
        self.article, self.text = article, article.text
        self.sentences = list(article.sentences) or split_sentences(self.text)
        self._sent_starts = [s.start for s in self.sentences]
        tokens = article.tokens or tokenize(self.text)  # an article read back from the store has no tokens
        text, kept = self.text, [t for t in tokens if t.base_start >= 0]
        starts, ends = [t.start for t in kept], [t.end for t in kept]
        forms = list(map(word_forms, [text[t.start:t.end] for t in kept]))
        columns = zip(starts, ends, forms, self._sentence_numbers(starts), strict=True)
        self.words = list(map(functools.partial(tuple.__new__, Word), columns))  # = Word(*row), without a call
        self._word_starts = starts
        # Tokens do not overlap, so the ends ascend too and "ends by b" is one bisection (else a scan).
        self._word_ends = ends if all(map(operator.le, ends, starts[1:])) else None
        self.names: dict[str, str] = {}
        heads = data().facility_heads
        self.mentions = [m for m in article.mentions if not (m.type == "ORG" and word_forms(m.slice(self.text)) & heads)]
        for m in self.mentions:
            self.names.setdefault(m.entity_id, m.canonical or m.slice(self.text))
        self.places = [Place(m.start, m.end, m.entity_id, m.type) for m in self.mentions if m.type in _PLACE_RANK]
        # Where the few forms that whole-article scans look for occur: one pass over the words.
        indexed, self._at, self._having = data().indexed_forms, {}, {}
        for i in itertools.compress(range(len(forms)), map(operator.not_, map(indexed.isdisjoint, forms))):
            for f in forms[i] & indexed:
                self._at.setdefault(f, []).append(i)
        # only these words can be a facility head (see _resolve_head)
        self.places += [p for i in self.having(data().definite_heads) if (p := self._resolve_head(i)) is not None]
        self.memo: dict = {}  # per-article results reused by several claims (claims._event_of)
        self.places.sort(key=lambda p: p.start)

    # --- positions ---
    def having(self, forms: frozenset[str]) -> list[int]:
        """The indices of the words with one of `forms`, in order (from the index when it holds them)."""
        hit = self._having.get(forms)
        if hit is None:
            if forms <= data().indexed_forms:
                hit = sorted({i for f in forms for i in self._at.get(f, ())})
            else:
                hit = [i for i, w in enumerate(self.words) if not w.forms.isdisjoint(forms)]
            self._having[forms] = hit
        return hit

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def _sentence_numbers(self, positions: list[int]) -> list[int]:
        """`sentence_index` of each position: for ascending positions, runs of equal numbers cut where
        each sentence starts (one bisection per sentence); else one bisection per position."""
        cuts = [0, *(bisect.bisect_left(positions, s) for s in self._sent_starts[1:]), len(positions)]
        if not all(map(operator.lt, positions, positions[1:])) or not all(map(operator.le, cuts, cuts[1:])):
            return list(map(self.sentence_index, positions))
        return list(itertools.chain.from_iterable(
            itertools.repeat(k, hi - lo) for k, (lo, hi) in enumerate(itertools.pairwise(cuts))))

    def sentence_of(self, pos: int) -> Clause:
        if not self.sentences:
            return Clause(0, len(self.text))
        s = self.sentences[self.sentence_index(pos)]
        return Clause(s.start, s.end)

    def same_sentence(self, i: int, j: int) -> bool:
        return self.words[i].sentence == self.words[j].sentence

    def word_range(self, a: int, b: int) -> range:
        return range(bisect.bisect_left(self._word_starts, a), bisect.bisect_left(self._word_starts, b))

    def words_between(self, a: int, b: int) -> list[int]:
        """The words that start at or after a and end by b."""
        lo = bisect.bisect_left(self._word_starts, a)
        hi = bisect.bisect_left(self._word_starts, b)
        if self._word_ends is None:
            return [i for i in range(lo, hi) if self.words[i].end <= b]
        return list(range(lo, min(hi, bisect.bisect_right(self._word_ends, b))))

    def count_words(self, a: int, b: int) -> int:
        return len(self.words_between(a, b))

    def clause(self, start: int, end: int) -> Clause:
        """From the last clause mark or complementizer before `start` to the next clause mark after `end`."""
        sent = self.sentence_of(start)
        left = sent.start
        for m in _CLAUSE_PUNCT.finditer(self.text, sent.start, start):
            left = m.end()
        for i in self.words_between(left, start):
            if self.words[i].forms & data().clause_openers:
                left = self.words[i].end
        m = _CLAUSE_PUNCT.search(self.text, end, max(end, sent.end))
        return Clause(left, m.start() if m else max(end, sent.end))

    # --- phrases ---
    def match_at(self, phrase: tuple[str, ...], i: int, limit: int) -> int | None:
        """Index after the last word of `phrase` matched from word i (within one sentence), or None."""
        if not phrase:
            return i
        if phrase[0] == "*":
            for skip in range(GAP + 1):
                end = self.match_at(phrase[1:], i + skip, limit)
                if end is not None:
                    return end
            return None
        if i >= limit or phrase[0] not in self.words[i].forms:
            return None
        if len(phrase) > 1 and (i + 1 >= limit or not self.same_sentence(i, i + 1)):
            return None
        return self.match_at(phrase[1:], i + 1, limit)

    def starts_phrase(self, phrases, i: int) -> bool:
        return i >= 0 and any(self.match_at(p, i, len(self.words)) is not None for p in phrases)

    def phrase_ends_at(self, phrases, idxs: list[int]) -> bool:
        """Some phrase matches ending exactly at the last of these words."""
        last = idxs[-1]
        return any(self.match_at(p, i, last + 1) == last + 1 for p in phrases for i in idxs[-(len(p) + GAP):])

    def negated(self, pos: int) -> bool:
        idx = self.words_between(self.sentence_of(pos).start, pos)
        return bool(idx) and any(self.phrase_ends_at((p,), idx) for p in data().negations)

    def nearest_class(self, clause: Clause, classes: dict, s: int, e: int) -> str | None:
        every = _all_keys(classes)  # a word with none of the classes' words is skipped at once
        hits = [(min(abs(w.start - e), abs(s - w.end)), name) for i in self.words_between(clause.start, clause.end)
                if not (s <= (w := self.words[i]).start < e) and not w.forms.isdisjoint(every)
                for name, c in classes.items() if w.forms & c["keys"]]
        return min(hits)[1] if hits else None

    # --- places, forces, bodies ---
    def _resolve_head(self, i: int) -> Place | None:
        """A definite facility head ("القاعدة", "بالقاعدة") outside any name: the last facility of that head
        named before it."""
        w = self.words[i]
        head = {f[2:] for f in w.forms if f.startswith("ال")} & data().facility_heads
        if not head or any(m.start <= w.start < m.end for m in self.mentions):
            return None
        for m in reversed(self.mentions):
            if m.end <= w.start and m.type == "FAC" and head & word_forms(m.slice(self.text).split()[0]):
                return Place(w.start, w.end, m.entity_id, "FAC")
        return None

    def place(self, clause: Clause, pos: int, sentence_fallback: bool = False) -> str | None:
        """The most specific place of the clause (a facility before a region before a country), nearest to
        `pos`; not a destination ("باتجاه الكويت") nor a member of a list after the figure ("هي ...")."""
        d = data()
        lists = [w.start for i in self.words_between(pos, clause.end) if (w := self.words[i]).forms & d.list_openers]
        cands = [p for p in self.places if clause.start <= p.start and p.end <= clause.end
                 and not (lists and p.start > lists[0]) and not self._after(p.start, d.destination_words)]
        if not cands and sentence_fallback:
            sent = self.sentence_of(pos)
            cands = [p for p in self.places if sent.start <= p.start < pos and p.type == "FAC"][:1]
        if not cands:
            return None
        return min(cands, key=lambda p: (_PLACE_RANK[p.type], abs(p.start - pos))).key

    def _after(self, pos: int, keys: frozenset[str]) -> bool:
        idx = self.words_between(self.sentence_of(pos).start, pos)
        return bool(idx) and bool(self.words[idx[-1]].forms & keys) and self.words[idx[-1]].end >= pos - 2

    def first_entity(self, a: int, b: int) -> str | None:
        found = [p for p in self.places if a <= p.start < b] + \
                [Place(m.start, m.end, m.entity_id, m.type) for m in self.mentions if a <= m.start < b and m.type == "ORG"]
        return min(found, key=lambda p: p.start).key if found else None

    def entity_at(self, a: int, b: int) -> str | None:
        """The name or resolved facility that begins with the first word at or after `a` (before `b`)."""
        idx = self.words_between(a, b)
        if not idx:
            return None
        w = self.words[idx[0]]
        return next((p.key for p in self.places if p.start == w.start), None) or \
            next((m.entity_id for m in self.mentions if m.start == w.start and m.type in ("ORG", "PERSON")), None)

    def entity_ending_at(self, pos: int) -> str | None:
        gap = lambda e: self.text[e:pos].strip(" \u200f\u200e") == ""  # noqa: E731
        return next((p.key for p in reversed(self.places) if p.end <= pos and gap(p.end)), None)

    def scope(self, i: int) -> tuple[str | None, int | None, str]:
        """"في غرب العراق" after a ranking: (key "west:Q796", end, text as written)."""
        d = data()
        for j in range(i, min(i + 3, len(self.words))):
            if not self.same_sentence(i - 1, j):
                break
            if "في" in self.words[j].forms and self.words[j].end - self.words[j].start <= 3:
                k, direction = j + 1, None
                if k < len(self.words):
                    direction = next((n for n, keys in d.directions.items() if self.words[k].forms & keys), None)
                    k += 1 if direction else 0
                if k >= len(self.words) or not self.same_sentence(j, k):
                    return None, None, ""
                w = self.words[k]
                place = next((p for p in self.places if p.start == w.start), None)
                key = place.key if place else sorted(w.forms, key=len)[0]
                end = place.end if place else w.end
                return (f"{direction}:{key}" if direction else key), end, self.text[self.words[j].start:end]
        return None, None, ""

    def who(self, clause: Clause, pos: int) -> str | None:
        """Whose forces: a nationality (as its country code), else a force or coalition named in the clause."""
        dest = data().destination_words
        inside = [m for m in self.mentions if clause.start <= m.start and m.end <= clause.end
                  and not any(self.words[i].forms & dest for i in self.words_between(clause.start, m.start)[-3:])]
        norp = [m for m in inside if m.type == "NORP"]
        forces = [m for m in inside if m.type == "ORG" and _is_force(m)]
        for group in (norp, forces):
            if group:
                m = min(group, key=lambda m: abs(m.start - pos))
                e = kb_entry(m.entity_id)
                key = (e.country if e and e.country else None) or m.entity_id
                self.names.setdefault(key, _country_names().get(key) or m.canonical or m.slice(self.text))
                return key
        return None

    def has_force(self, clause: Clause) -> bool:
        d = data()
        return any(self.words[i].forms & d.force_words for i in self.words_between(clause.start, clause.end)) or \
            self.who(clause, clause.start) is not None

    def anchor(self, kind: str, clause: Clause, sent: Clause, ev_end: int) -> str | None:
        """What tells two events of one kind apart: their place, their body, or the parties to an agreement."""
        if kind == "place":
            facs = [p for p in self.places if sent.start <= p.start < sent.end and p.type == "FAC"]
            if facs:
                return min(facs, key=lambda p: abs(p.start - ev_end)).key
            return self.place(clause, ev_end)
        if kind == "org":
            return self._body_after(ev_end, sent) or self._body_before(clause, ev_end)
        parties = set()
        for m in self.mentions:
            if clause.start <= m.start and m.end <= clause.end and m.type in ("GPE", "NORP"):
                e = kb_entry(m.entity_id)
                if e and e.country:
                    parties.add(e.country)
        return "+".join(sorted(parties)) if len(parties) >= 2 else None

    def _body_after(self, pos: int, sent: Clause) -> str | None:
        """The body named right after an event word ("إنهاء مهمة التحالف الدولي"), or a bare definite word that
        names a body mentioned before ("مهمة التحالف" after "قوات التحالف")."""
        idx = self.words_between(pos, sent.end)[:2]
        for i in idx:
            w = self.words[i]
            m = next((m for m in self.mentions if m.start <= w.start < m.end and m.type == "ORG"), None)
            if m:
                return m.entity_id
            if w.definite:
                for m in reversed(self.mentions):
                    if m.end <= w.start and m.type == "ORG" and w.forms & {f for x in m.slice(self.text).split() for f in word_forms(x)}:
                        return m.entity_id
        return None

    def unnamed_facility_after(self, pos: int) -> bool:
        """"انسحبت بالكامل من قاعدة جوية": the place is a facility left unnamed."""
        idx = self.words_between(pos, self.sentence_of(pos).end)[:2]
        if len(idx) < 2 or not self.words[idx[0]].forms & {"من", "عن"}:
            return False
        w = self.words[idx[1]]
        return not w.definite and bool(w.forms & data().facility_heads) and \
            not any(p.start <= w.start < p.end for p in self.places)

    def crosses_statement(self, a: int, b: int) -> bool:
        """Between a and b: a quotation's edge, a colon, a reporting verb or a complementizer (another statement)."""
        if ":" in self.text[a:b] or any((q.start <= a < q.end) != (q.start <= b <= q.end) for q in self.article.quotes):
            return True
        d = data()
        return any(self.words[i].forms & (d.reporting | d.clause_openers) for i in self.words_between(a, b))

    def _body_before(self, clause: Clause, pos: int) -> str | None:
        """"وكان التحالف الدولي ... قد تأسس": the nearest body named before the event word in its clause."""
        orgs = [m for m in self.mentions if clause.start <= m.start and m.end <= pos and m.type == "ORG"]
        return orgs[-1].entity_id if orgs else None

    def extend(self, clause: Clause, s: int, e: int, keys) -> tuple[int, int]:
        """The span of a status phrase grown to the place and force it names in its clause."""
        lo, hi = s, e
        for p in [*self.places, *self.mentions]:
            key = p.key if isinstance(p, Place) else p.entity_id
            if key in keys and clause.start <= p.start and p.end <= clause.end:
                lo, hi = min(lo, p.start), max(hi, p.end)
        return lo, hi

    def name(self, key: str | None) -> str | None:
        if key is None:
            return None
        if "+" in key:  # the parties to an agreement: "IQ+US"
            return " و".join(self.name(k) or k for k in key.split("+"))
        return self.names.get(key) or _country_names().get(key) or (kb_entry(key).canonical if kb_entry(key) else key)

    # --- time and modality ---
    def phase(self, ev_start: int, ev_end: int, t: Timex) -> str | None:
        hits = [(s, name) for name, ph in data().phases.items() for s, _ in match_words(self, ph, ev_end, t.start)]
        if hits:
            return max(hits)[1]
        before = self.words_between(self.sentence_of(ev_start).start, ev_start)
        if before:
            for name, ph in data().phases.items():
                if self.phrase_ends_at(ph, before):
                    return name
        return None

    def is_deadline(self, t: Timex) -> bool:
        idx = self.words_between(self.sentence_of(t.start).start, t.start)[-3:]
        return any(self.words[i].forms & data().deadline_words for i in idx)

    def timex_in(self, clause: Clause) -> str | None:
        for t in self.article.timexes:
            if clause.start <= t.start and t.end <= clause.end and (v := concrete_date(t)) and not self.is_deadline(t):
                return v
        return None

    def modality(self, clause: Clause, s: int, e: int) -> str:
        if match_words(self, data().plan_cues, clause.start, max(e, clause.end)):
            return "planned"
        ev = next((v for v in self.article.events if v.start <= s < v.end or s <= v.start < e), None)
        return "planned" if ev is not None and ev.modality == "planned" else "reported"


def _is_force(m: Mention) -> bool:
    e = kb_entry(m.entity_id)
    kind = str(e.info("kind", "")) if e else ""
    return any(k in kind for k in data().force_kinds)


def match_words(view: TextView, phrases, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of each phrase matched wholly inside [a, b), within one sentence."""
    idx = view.words_between(a, b)
    if not idx:
        return []
    limit, (by_first, firsts) = idx[-1] + 1, _by_first_word(phrases)
    if view._word_ends is not None and firsts <= data().indexed_forms:  # idx is a range: take its part
        starts = view.having(firsts)
        idx = starts[bisect.bisect_left(starts, idx[0]):bisect.bisect_left(starts, limit)]
    out = []
    words = view.words
    for i in idx:
        forms = words[i].forms
        if forms.isdisjoint(firsts):
            continue
        for form in forms & firsts:
            for p in by_first[form]:
                j = view.match_at(p, i, limit)
                if j is not None and j > i:
                    out.append((view.words[i].start, view.words[j - 1].end))
    return sorted(set(out))


def _all_keys(classes: dict) -> frozenset[str]:
    """The union of the classes' "keys" (cached by identity, like `_by_first_word`)."""
    hit = _ALL_KEYS.get(id(classes))
    if hit is None or hit[0] is not classes:
        hit = _ALL_KEYS[id(classes)] = (classes, frozenset().union(*(c["keys"] for c in classes.values())))
    return hit[1]


_ALL_KEYS: dict[int, tuple] = {}


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str]]:
    """The phrases by their first word, and those first words. Cached by identity: the phrase tuples
    of `data()` live as long as the process, and hashing a long tuple of tuples on every call cost more
    than the matching itself."""
    hit = _BY_FIRST.get(id(phrases))
    if hit is not None and hit[0] is phrases:
        return hit[1]
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    _BY_FIRST[id(phrases)] = (phrases, (out, frozenset(out)))  # the phrases are kept: the id stays theirs
    return out, frozenset(out)


_BY_FIRST: dict[int, tuple] = {}


def concrete_date(t: Timex) -> str | None:
    """A DATE or TIME with a known calendar value ("2025-11-06TMO" -> "2025-11-06"); None for X's and refs."""
    if t.type not in ("DATE", "TIME"):
        return None
    m = _DATE.match(t.value or "")
    return m.group(1) if m else None


def is_statement_time(view: TextView, t: Timex) -> bool:
    """When something was said, not when it happened: "أعلنت، اليوم الأحد، أن", "قال يوم السبت إن", a date
    between a quote's cue and its content."""
    d = data()
    sent = view.sentence_of(t.start)
    after = view.words_between(t.end, sent.end)[:1]
    if after and view.words[after[0]].forms & d.clause_openers:
        return True
    before = view.words_between(sent.start, t.start)
    if before and view.words[before[-1]].forms & d.reporting:
        return True
    parenthetical = view.text[:t.start].rstrip().endswith(("،", ",")) and view.text[t.end:].lstrip().startswith(("،", ","))
    if parenthetical and any(view.words[i].forms & d.reporting for i in before[-6:]):
        return True
    return any(q.cue_start <= t.start and t.end <= q.start for q in view.article.quotes)


def as_of(view: TextView, clause: Clause, s: int, e: int, past_ok: bool = False, dated: bool = True) -> str | None:
    """The date a claim is about: a date in its clause (not a deadline), else the date of the statement that
    holds it, else the article's date. Background after a past copula ("وكان عدد ...") has no date but its
    clause's own. Date claims (`dated=False`) take the statement's or the article's date."""
    own = view.timex_in(clause) if dated else None
    if past_ok and any(view.words[i].forms & data().past_markers for i in view.words_between(clause.start, s)):
        return own
    if own:
        return own
    said = next((q.when_value for q in view.article.quotes if q.start <= s and e <= q.end and q.when_value), None)
    if said and _DATE.match(said):
        return _DATE.match(said).group(1)
    return view.article.published[:10] if view.article.published else None
