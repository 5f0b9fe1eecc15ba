"""Events: typed triggers with actors, place, date and modality, from the analysed article.

`find_events(article)` is a pure function of the article's text, sentences, tokens, mentions, timexes,
quotes and publication date. Triggers come from `lang/ar/events.yaml` (plus user files, see
`lexicon.user_files`); the span of an event is its trigger and the phrase it heads, in one sentence.
Modules: lexicon (forms), sentence (clauses), triggers (matches), dating, published (the publication
date as a date), modality, roles (actors and place).
"""

from __future__ import annotations

import bisect
import itertools

from marsad.events import modality, roles
from marsad.events.dating import date_of, drop_inconsistent, govern
from marsad.events.lexicon import lexicon, user_files
from marsad.events.published import dates_event, gives_way
from marsad.events.sentence import Index, View, build, folded_tokens, is_heading, lead_sentence
from marsad.events.triggers import Candidate, candidates
from marsad.model import Article, Event

__all__ = ["find_events", "lexicon", "user_files"]


def find_events(article: Article, extra: tuple[str, ...] = ()) -> list[Event]:
    """The events of `article`, in text order. `extra`: user event files merged over the built-in one."""
    lex = lexicon(tuple(extra))
    text, toks, sentences = article.text, article.tokens, article.sentences
    if not toks or not sentences:
        return []
    forms = lex.forms
    sent_starts = [s.start for s in sentences]
    words = folded_tokens(text, toks)
    hits: dict[int, list[int]] = {}
    for k in itertools.compress(range(len(words)), map(forms.__contains__, words)):  # the trigger words
        start = toks[k].start
        si = bisect.bisect_right(sent_starts, start) - 1
        if si >= 0 and start < sentences[si].end:
            hits.setdefault(si, []).append(k)
    if not hits:
        return []
    index = Index(article, words)
    tok_starts = index.starts
    lead = lead_sentence(article)
    out: list[Event] = []
    for si, ks in hits.items():
        span = sentences[si]
        if is_heading(article, span):
            continue
        lo, hi = bisect.bisect_left(tok_starts, span.start), bisect.bisect_left(tok_starts, span.end)
        view = build(index, span, lo, hi, lex)
        cands = candidates(view, [k - lo for k in ks], lex)
        if not cands:
            continue
        govern(view, cands, lex)
        drop_inconsistent(view, cands, lex, article.published)
        modality.assign(view, cands, lex, article.published)
        kept = _resolve_aspectual(view, cands)
        for c in kept:
            roles.assign(view, c, lex)
            if not c.actors and not c.verb:  # "أنهت قوات التحالف انسحابها": the subject of the verb before
                gov = next((a for a in cands if a.form.trigger.aspectual and a.verb and a.i < c.i <= a.stop), None)
                if gov is not None:
                    c.actors = roles.subject_of(view, gov, lex)
        kept = _dedupe(view, kept)
        out.extend(_event(view, c, dates_event(view, c, kept, lex, si == lead)) for c in kept)
    return sorted(gives_way(out), key=lambda e: (e.start, e.trigger_start))


def _resolve_aspectual(view: View, cands: list[Candidate]) -> list[Candidate]:
    """Aspectual verbs ("بدأ", "اكتمل") give way to the event noun they govern, else take the type of
    the event named before them: they date it, or stand for it when it was only referred to."""
    out = [c for c in cands if not c.skip and not c.form.trigger.aspectual]
    for a in (c for c in cands if c.form.trigger.aspectual and not c.skip):
        inner = next((o for o in cands if a.i < o.i <= a.stop and not o.form.trigger.aspectual), None)
        if inner is not None:
            if inner.timex is None:
                inner.timex, inner.how = a.timex, a.how
            continue
        before = [o for o in cands if o.i < a.i and not o.form.trigger.aspectual and o.skip in ("", "demonstrative")
                  and (view.clause[o.i] == view.clause[a.i] or _opens_clause(view, a))]
        if not before:
            continue
        ante = before[-1]
        if not ante.skip and a.i > ante.stop + 1:
            continue  # "ما تم الاتفاق عليه وهذا يبدأ من اليوم": it is not the agreement that begins
        if not ante.skip:
            if ante.timex is None:
                ante.timex, ante.how = a.timex, a.how
            continue
        a.type = ante.type
        out.append(a)
    return sorted(out, key=lambda c: c.i)


def _opens_clause(view: View, a: Candidate) -> bool:
    """The verb comes first in its clause (after أن or و): its subject is the event named before it,
    as in "هذا الانسحاب ... من المقرر أن تبدأ ...، وتستكمل ..."."""
    return a.i == 0 or view.clause[a.i - 1] != view.clause[a.i] or view.words[a.i - 1] in ("ان", "وان")


def _dedupe(view: View, kept: list[Candidate]) -> list[Candidate]:
    """One event per trigger and per mention of it: a noun inside the phrase of an event of the same type
    ("وقع ... مذكرة تفاهم"), or a later undated restatement ("مغادرة القوات ...، في إخلاء للقوات")."""
    out: list[Candidate] = []
    for c in kept:
        same = [o for o in out if o.type == c.type]
        if any(o.i < c.i <= o.stop for o in same):
            continue
        if c.timex is None and any(view.clause[o.i] == view.clause[c.i] or o.modality == c.modality and (
                set(o.actors) & set(c.actors) or not c.actors) for o in same):
            continue
        out.append(c)
    return out


def _event(view: View, c: Candidate, today: bool) -> Event:
    toks, text = view.article.tokens, view.article.text
    t_start, t_end = toks[view.lo + c.i].start, toks[view.lo + c.j].end
    date = precision = how = None
    d_start = d_end = None
    if c.timex is not None:
        dated = date_of(c.timex)
        if dated:
            date, precision = dated
            how, d_start, d_end = "timex", c.timex.start, c.timex.end
    elif today:
        date, precision, how = view.article.published[:10], "day", "published"
    return Event(t_start, toks[view.lo + c.stop].end, type=c.type, trigger=text[t_start:t_end],
                 trigger_start=t_start, trigger_end=t_end, actors=tuple(c.actors), place=c.place, date=date,
                 date_precision=precision, date_how=how, date_start=d_start, date_end=d_end,
                 modality=c.modality)
