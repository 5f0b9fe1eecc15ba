"""When the publication date dates an event: reports of today's news only.

  - the main event of the lead sentence (its first past or present verb, or a verbal noun reported by
    a verb such as كشف/أكد/أعلن within its first 25 words), when the lead gives no date of its own;
  - a verb right after "الآن"/"اليوم" ("والآن، غادر جميع أفراد القوات ...") in a sentence with no
    other date.
Never for planned or negated events, events in a relative clause ("الذين تفاوضوا"), or when the
article has no publication date. And it gives way to the article's own day for the same kind of
event in the ten days before publication (see `gives_way`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from marsad.arabic.normalize import fold
from marsad.events.lexicon import Lexicon
from marsad.events.sentence import View
from marsad.events.triggers import Candidate
from marsad.model import Event

LEAD_WORDS = 25  # a lead names its news early


def dates_event(view: View, c: Candidate, kept: list[Candidate], lex: Lexicon, is_lead: bool) -> bool:
    """Does the publication date date candidate `c` (one of the sentence's `kept` events)?"""
    published = view.article.published
    if not published or c.timex is not None or c.how == "dropped" or c.modality not in ("happened", "claimed"):
        return False
    if c.i and (view.words[c.i - 1] in lex.cues["relatives"] or view.words[c.i - 1] in lex.cues["free_relatives"]):
        return False  # "الدبلوماسيون الذين تفاوضوا ...": background, not the news
    today = published[:10]
    if any(t.type == "SET" for t in view.timexes):
        return False  # "كل ثلاثاء، يجتمع ...": a habit, not today's news
    dated = [t for t in view.timexes if t.type in ("DATE", "TIME")]
    if not all(t.value.endswith("_REF") or t.value.startswith(today) for t in dated):
        return False  # the sentence gives a date of its own ("قال الوزير يوم الأحد إن ...")
    lo, hi = view.tok(max(0, c.i - 3)).start, view.tok(c.stop).end
    if c.verb and any(lo <= t.start < hi and (fold(view.article.text[t.start:t.end]).split() or [""])[0] in lex.cues["today_words"]
                      for t in dated):
        return True  # "والآن، غادر ...": now, just before the verb or in its phrase
    return is_lead and next((o for o in kept if _is_main(view, o, lex)), None) is c


def _is_main(view: View, c: Candidate, lex: Lexicon) -> bool:
    if c.modality not in ("happened", "claimed") or sum(1 for w in view.words[:c.i] if w) > LEAD_WORDS:
        return False
    if c.verb and not any(f.trigger.pos == "noun" for f in lex.forms[view.words[c.i]]):
        return c.form.tense in ("past", "present")  # ("نقل" may be a verbal noun: then as below)
    if any(view.bare[k] in lex.cues["concessions"] for k in range(max(0, c.i - 3), c.i)):
        return False  # "رغم اتفاق ..."
    for k in range(c.i - 1, max(-1, c.i - 16), -1):
        w = view.bare[k]
        if w in lex.cues["lead_report_verbs"] or any(
                f.tense == "past" and f.trigger.aspectual and f.trigger.pos == "verb" for f in lex.forms.get(w, ())):
            return True  # "كشف مسؤول ... عن مغادرة", "أنهت القوات انسحابها"
    return False


def gives_way(events: list[Event]) -> list[Event]:
    """The publication date stands in for a date the article does not give: when the article dates the
    same kind of event to a day of the ten before publication ("اكتمل الانسحاب يوم الجمعة"), its lead's
    "today" is a summary of that event, not a second one, and stays undated."""
    own = [(o.type, dt.date.fromisoformat(o.date)) for o in events
           if o.date_how == "timex" and o.date_precision == "day" and o.modality in ("happened", "claimed")]
    out = []
    for e in events:
        if e.date_how == "published" and e.date:
            pub = dt.date.fromisoformat(e.date)
            if any(kind == e.type and 0 <= (pub - day).days <= 10 for kind, day in own):
                e = dataclasses.replace(e, date=None, date_precision=None, date_how=None)
        out.append(e)
    return out
