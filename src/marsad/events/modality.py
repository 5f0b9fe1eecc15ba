"""Modality of an event: negated > planned > claimed > happened (the first that applies wins).

negated   a negation right before the trigger ("لم تنسحب", "لم يتم الانسحاب"), "عدم"/"دون" before a
          verbal noun, a denial verb earlier in the sentence ("نفى ... انسحاب"), or a verbal noun
          inside the phrase of a negated one ("دون الإعلان عن اتفاق").
planned   the future (سـ, سوف); a planning cue just before a verb ("من المقرر أن تبدأ", "على أن تعقد")
          or anywhere earlier in the clause of a verbal noun ("خطة لإنهاء ...", "قرب مغادرة", after an
          agreement: "اتفقتا على إنهاء ..."); a deadline date for anything but a past-tense verb; a
          date after publication; a present verb coordinated with a planned one ("، وتستكمل").
claimed   the trigger is inside a quotation's content: someone says it.
happened  otherwise.
"""

from __future__ import annotations

from marsad.arabic.normalize import fold
from marsad.events.dating import date_of, later_than
from marsad.events.lexicon import Lexicon
from marsad.events.sentence import View
from marsad.events.triggers import Candidate

_FUTURE_WORDS = ("المقبل", "القادم")


def assign(view: View, cands: list[Candidate], lex: Lexicon, published: str | None) -> None:
    """Set `modality` on every candidate, in order (later ones look at earlier ones)."""
    for c in cands:
        if _negated(view, c, cands, lex):
            c.modality = "negated"
        elif _planned(view, c, cands, lex, published):
            c.modality = "planned"
        elif view.region[c.i] >= 0:
            c.modality = "claimed"
        else:
            c.modality = "happened"


def _negated(view: View, c: Candidate, cands: list[Candidate], lex: Lexicon) -> bool:
    k = c.i - 1
    if k >= 0 and view.words[k] in lex.cues["negation_auxiliaries"]:
        k -= 1
    if k >= 0 and (view.words[k] in lex.cues["negators"] or view.bare[k] in lex.cues["negators"]):
        return True
    if not c.verb and c.i > 0 and view.words[c.i - 1] in lex.cues["noun_negators"]:
        return True
    if any(view.words[x] in lex.cues["denials"] for x in range(max(0, c.i - 12), c.i)):
        return True
    return not c.verb and any(o.modality == "negated" and o.i < c.i <= o.stop and not o.skip
                              for o in cands if o is not c)


def _planned(view: View, c: Candidate, cands: list[Candidate], lex: Lexicon, published: str | None) -> bool:
    tense = c.form.tense
    if tense == "future" or (c.i > 0 and view.words[c.i - 1] == "سوف"):
        return True
    if c.timex is not None:
        dated = date_of(c.timex)
        if c.how == "deadline" and tense != "past":
            return True
        if dated and later_than(dated[0], published) and not (c.verb and tense == "past"):
            return True  # (a past verb dated after publication is a misreading: its date is dropped)
        if not published and any(w in fold(view.article.text[c.timex.start:c.timex.end]) for w in _FUTURE_WORDS):
            return True
    if c.verb:
        if any(view.cue_at(k, lex, "planned") for k in _words_before_verb(view, c.i)):
            return True
        return _coordinated_with_plan(view, c, cands)
    clause = view.clause[c.i]
    # The clause, and three words before it when it opens with أن ("من المقرر أن تستمر اجتماعات").
    opener = next((x for x in range(c.i + 1) if view.clause[x] == clause), c.i)
    k, extra = c.i - 1, 3 if view.bare[opener] in ("ان", "بان") else 0
    while k >= 0 and (view.clause[k] == clause or extra > 0):
        extra -= view.clause[k] != clause
        if view.words[k] and (view.cue_at(k, lex, "planned") or view.words[k] in lex.cues["future_auxiliaries"]):
            return True
        k -= 1
    for o in cands:
        if o.i < c.i and view.clause[o.i] == clause and not o.skip \
                and (o.form.tense == "future" or o.type == "AGREEMENT" != c.type):
            return True
    nxt = c.stop >= c.j + 1 and view.cue_at(c.j + 1, lex, "planned_after")
    return bool(nxt)


def _words_before_verb(view: View, i: int):
    """Up to three words before a verb, in its clause or across an opening أن ("من المقرر أن تبدأ"),
    not across a relative pronoun ("خطة السلام التي أبرمت": the plan is no cue for the verb)."""
    k, seen = i - 1, 0
    while k >= 0 and seen < 3:
        if view.clause[k] != view.clause[k + 1] and view.bare[k + 1] not in ("ان", "بان"):
            return
        if view.words[k]:
            seen += 1
            yield k
        k -= 1


def _coordinated_with_plan(view: View, c: Candidate, cands: list[Candidate]) -> bool:
    """"من المقرر أن تبدأ ...، وتستكمل ...": a present verb after "، و" continues a planned verb."""
    if c.form.tense != "present" or not view.words[c.i].startswith("و") or c.i == 0 \
            or view.marks[c.i - 1] not in ("،", ","):
        return False
    before = [o for o in cands if o.i < c.i and o.verb]
    return bool(before) and before[-1].modality == "planned"
