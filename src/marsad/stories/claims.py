"""Comparable claims of one analysed article: figures about a subject, rankings, dates of events and
deadlines, and whether forces left or stayed (ANALYSIS-FORMAT.md "Claim").

A claim's `subject` is a key built from normalized parts, not from the words as written, so that two
outlets writing the same subject differently get the same key: the class of the counted noun (جندي and
عسكري are both "soldiers"), who (a nationality or a force, as a country code or entity id), where (the
entity of the place, with "القاعدة" resolved to the base named before) and what happened (left, killed,
...). A part that the sentence does not give is "-". Claims with the same kind and subject are compared
by `stories.compare`. The language knowledge is in `lang/ar/claims.yaml`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict

from marsad.arabic.normalize import fold
from marsad.model import Article, Claim, Quantity, Timex
from marsad.stories.claim_text import (
    CONTRACT,
    Clause,
    TextView,
    as_of,
    concrete_date,
    data,
    is_statement_time,
    match_words,
)

_POINT = {"EXACT", "APPROX"}


def claim_to_dict(c: Claim) -> dict:
    """The contract fields first (ANALYSIS-FORMAT.md), then the extensions."""
    d = asdict(c)
    return {**{k: d.pop(k) for k in CONTRACT}, **d}


def claim_id(article_id: str, start: int, kind: str) -> str:
    return "c-" + hashlib.sha1(f"{article_id}:{start}:{kind}".encode()).hexdigest()[:12]


def claim_from_dict(d: dict) -> Claim:
    return Claim(**{k: d[k] for k in Claim.__slots__ if k in d})


def find_claims(article: Article) -> list[Claim]:
    view = TextView(article)
    found = [*_quantity_claims(view), *_ranking_claims(view), *_date_claims(view), *_status_claims(view)]
    out: list[Claim] = []
    for c in sorted(found, key=lambda c: (c.start, c.end, c.kind)):
        if any((o.kind, o.subject, o.value) == (c.kind, c.subject, c.value) and o.start < c.end and c.start < o.end
               for o in out):
            continue  # the same claim matched twice (two phrases of one status)
        out.append(c)
    return out


def _claim(view: TextView, start: int, end: int, kind: str, subject: str, value, when: str | None,
           **extra) -> Claim:
    return Claim(claim_id(view.article.id, start, kind), view.article.id, start, end, view.text[start:end],
                 kind, subject, value, when, **extra)


# --- quantities -------------------------------------------------------------------------------------------

def _quantity_claims(view: TextView) -> list[Claim]:
    d = data()
    out = []
    for q in view.article.quantities:
        unit = fold(q.unit or "")
        if not unit or unit in d.time_units or _vague(q):
            continue
        clause = view.clause(q.start, q.end)
        who, where = view.who(clause, q.start), view.place(clause, q.start, sentence_fallback=True)
        pred = view.nearest_class(clause, d.predicates, q.start, q.end)
        if who is None and where is None and not (pred and q.counts):
            continue  # a bare figure ("40%", "خرجت أكثر من 60%") has no subject to compare
        unit_class = next((name for name, cls in d.unit_classes.items() if unit in cls["keys"]), unit)
        qualifier, value = _quantity_value(view, clause, q)
        parts = [d.unit_classes.get(unit_class, {}).get("label") or f"عدد {q.unit}",
                 d.predicates[pred]["label"] if pred else None, view.name(who), view.name(where)]
        out.append(_claim(
            view, q.start, q.end, "quantity", "|".join([unit_class, who or "-", where or "-", pred or "-"]), value,
            as_of(view, clause, q.start, q.end, past_ok=True), qualifier=qualifier, value_text=q.slice(view.text),
            subject_text=" · ".join(p for p in parts if p), modality=view.modality(clause, q.start, q.end)))
    return out


def _vague(q: Quantity) -> bool:
    """"عشرات الدول", "عدة جولات": no figure to compare."""
    if q.value is not None:
        return False
    if q.low is None or q.high is None:
        return True
    return q.low <= 0 or q.high / q.low > 3


def _quantity_value(view: TextView, clause: Clause, q: Quantity) -> tuple[str, object]:
    d = data()
    before = view.words_between(clause.start, q.start)
    if q.qualifier in _POINT and before:
        if view.phrase_ends_at(d.lower_bound_phrases, before):
            return "AT_LEAST", {"low": q.value, "high": None}
        if view.phrase_ends_at(d.upper_bound_phrases, before):
            return "AT_MOST", {"low": None, "high": q.value}
    if q.qualifier in _POINT:
        return q.qualifier, q.value
    return q.qualifier, {"low": q.low, "high": q.high}


# --- rankings ---------------------------------------------------------------------------------------------

def _ranking_claims(view: TextView) -> list[Claim]:
    d = data()
    out = []
    for i in view.having(d.superlative_forms):
        w = view.words[i]
        measure = next((m for m, keys in d.superlatives.items() if w.forms & keys), None)
        if measure is None or view.starts_phrase(d.not_rankings, i) or view.starts_phrase(d.not_rankings, i - 1):
            continue
        rank, first = 1, i
        if i and view.same_sentence(i - 1, i):
            n = next((r for r, keys in d.ordinals.items() if view.words[i - 1].forms & keys), None)
            if n:
                rank, first = n, i - 1
        if first and view.same_sentence(first - 1, first) and view.words[first - 1].forms & d.partitives:
            continue  # "أحد أكبر": one of the largest
        found = _ranked_class(view, i)
        if found is None:
            continue
        cls, last = found
        entity = _ranked_entity(view, first, i, last)
        if entity is None:
            continue
        scope, scope_end, scope_text = view.scope(last + 1)
        end = max(view.words[last].end, scope_end or 0)
        start = view.words[first].start
        label = d.rank_classes[cls]["label"]
        out.append(_claim(
            view, start, end, "ranking", "|".join([entity, measure, cls, scope or "-"]), rank,
            as_of(view, view.clause(start, end), start, end), value_text=view.text[start:end],
            subject_text=" · ".join(p for p in (view.name(entity), f"{label} {scope_text}".strip()) if p)))
    return out


def _ranked_class(view: TextView, i: int) -> tuple[str, int] | None:
    """The class of the ranked thing and the index of the last word of the ranking phrase."""
    d = data()
    nxt = i + 1
    if nxt < len(view.words) and view.same_sentence(i, nxt):
        cls = next((c for c, v in d.rank_classes.items() if view.words[nxt].forms & v["keys"]), None)
        if cls:
            return cls, nxt
    if view.words[i].definite:  # "القاعدة العسكرية الأضخم": the class noun comes before
        for j in (i - 1, i - 2):
            if j >= 0 and view.same_sentence(j, i):
                cls = next((c for c, v in d.rank_classes.items() if view.words[j].forms & v["keys"]), None)
                if cls:
                    return cls, i
    return None


def _ranked_entity(view: TextView, first: int, sup: int, last: int) -> str | None:
    """What is ranked: named after a copula, the definite noun before a definite superlative, or a name right
    before the ranking."""
    d = data()
    start = view.words[first].start
    if view.words[sup].definite and last == sup:  # "القاعدة العسكرية الأضخم"
        for j in (sup - 1, sup - 2):
            if j >= 0 and view.same_sentence(j, sup) and (e := view.entity_at(view.words[j].start, view.words[j].end)):
                return e
    sent = view.sentence_of(start)
    for k in reversed(view.words_between(sent.start, start)):
        w = view.words[k]
        if w.forms & d.copulas:
            if k == first - 1:  # "وتعد أكبر قاعدة": the sentence's topic, before the copula
                e = view.first_entity(sent.start, w.start)
            else:  # "وتعد القاعدة ثالث أكبر ..."
                e = view.entity_at(w.end, start)
            if e:
                return e
            break
    return view.entity_ending_at(start)


# --- dates ------------------------------------------------------------------------------------------------

def _date_claims(view: TextView) -> list[Claim]:
    d = data()
    out = []
    for t in view.article.timexes:
        value = concrete_date(t)
        if value is None or is_statement_time(view, t):
            continue
        event = _event_of(view, t)
        if event is None:
            continue
        name, ev_start, ev_end = event
        spec = d.events[name]
        sent = view.sentence_of(t.start)
        lo, hi = min(ev_start, t.start), max(ev_end, t.end)
        phase = view.phase(ev_start, ev_end, t) if spec["phases"] else None
        anchor = view.anchor(spec["anchor"], view.clause(lo, hi), sent, ev_end)
        if anchor is None:
            continue
        role = "deadline" if view.is_deadline(t) else "occurrence"
        parts = [spec["label"], d.phase_labels.get(phase), view.name(anchor)]
        out.append(_claim(
            view, lo, hi, "date", "|".join([name, phase or "-", role, anchor]), value,
            as_of(view, view.clause(lo, hi), lo, hi, dated=False), qualifier=t.mod, value_text=t.slice(view.text),
            subject_text=" · ".join(p for p in parts if p), role=role))
    return out


def _event_of(view: TextView, t: Timex) -> tuple[str, int, int] | None:
    """The event a date belongs to: the nearest event word before it (within reach), else right after it."""
    d = data()
    before, after = d.event_reach
    sent = view.sentence_of(t.start)
    hits = view.memo.get(("event words", sent))
    if hits is None:  # several dates of one sentence look at the same event words
        hits = view.memo[("event words", sent)] = [
            (name, s, e) for name, spec in d.events.items() for s, e in match_words(view, spec["phrases"], sent.start, sent.end)]
    prior = [h for h in hits if h[2] <= t.start and view.count_words(h[2], t.start) <= before
             and not view.crosses_statement(h[2], t.start)]
    if prior:
        return max(prior, key=lambda h: h[2])
    later = [h for h in hits if h[1] >= t.end and view.count_words(t.end, h[1]) <= after
             and not view.crosses_statement(t.end, h[1])]
    return min(later, key=lambda h: h[1]) if later else None


# --- status -----------------------------------------------------------------------------------------------

def _status_claims(view: TextView) -> list[Claim]:
    d = data()
    out = []
    for entry in d.status_phrases:
        for s, e in match_words(view, entry["phrases"], 0, len(view.text)):
            if view.negated(s) or view.unnamed_facility_after(e):
                continue
            clause = view.clause(s, e)
            if not view.has_force(clause):
                continue
            who, where = view.who(clause, s), view.place(clause, s)
            if where is None:
                continue  # "انسحبت بالكامل من قاعدة جوية": no place to compare
            lo, hi = view.extend(clause, s, e, (who, where))
            when = None if entry.get("past") else as_of(view, clause, s, e)
            if entry.get("past"):
                when = view.timex_in(clause)
            parts = [d.status_label, view.name(who), view.name(where)]
            out.append(_claim(
                view, lo, hi, "status", "|".join([who or "-", where]), entry["value"], when,
                value_text=view.text[s:e], subject_text=" · ".join(p for p in parts if p),
                modality=view.modality(clause, s, e)))
    return out

