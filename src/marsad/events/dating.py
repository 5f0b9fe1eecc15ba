"""Which timex dates which event, and what date and precision that gives.

A timex dates at most one event of its sentence, in the same quotation region (a date outside a quote
never dates what the quote says, and the other way round), in this order of strength:
  1. deadline: after بحلول / لا يتجاوز / موعد أقصاه it dates the nearest event before it, across commas
     but not across another clause;
  2. phrase: it lies inside the phrase an event heads ("تأسس التحالف ... في أيلول 2014"), before the
     content of an agreement or announcement ("اتفاق على التصويت الأربعاء" is not dated), and not in
     the phrase of a noun embedded under another noun ("نسخة من الاتفاق أمس") unless a relative ties
     them ("اتفاق ... جرى تثبيته في أواخر سبتمبر 2024");
  3. adjacent: it follows that phrase with only commas or في between ("وقع العراق وتركيا، اليوم الاثنين");
  4. fronted: it opens its clause and dates the event right after it ("وفي أيلول 2014، تأسس ...");
  5. when: "أيلول 2014 حين تأسس التحالف".
After منذ/قبل/بعد/خلال/حتى/أو a timex dates nothing; durations, sets and *_REF values never do.
"""

from __future__ import annotations

import datetime as dt
import re

from marsad.arabic.normalize import fold
from marsad.events.lexicon import Lexicon
from marsad.events.sentence import View
from marsad.events.triggers import Candidate
from marsad.model import Timex

_RANK = {"deadline": 0, "phrase": 1, "adjacent": 2, "fronted": 3, "when": 4}
_GAP_WORDS = frozenset({"في", "يوم", "وفي"})
_PART = re.compile(r"^(\d{4})(?:-(\d{2}|W\d{2}|SP|SU|FA|WI|Q\d|H\d))?(?:-(\d{2}))?")
_UNDATED = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


def dating_timexes(view: View, lex: Lexicon) -> list[tuple[Timex, int, int]]:
    """(timex, first token, last token) of the sentence's DATE/TIME expressions that may date an event."""
    out = []
    for t in view.timexes:
        if t.type not in ("DATE", "TIME") or t.value.startswith(_UNDATED):
            continue
        first = view.index_at(t.start)
        if first > 0 and view.cue_at(first - 1, lex, "not_dating") and not view.inside[first - 1]:
            continue
        if view.words[first].startswith("ل") and view.tok(first).start < t.start + 1:
            continue  # "لانتخابات الرئاسة لعام 2016": for that year, not on it
        last = first
        while last + 1 < len(view) and view.tok(last + 1).start < t.end:
            last += 1
        if last + 1 < len(view) and view.bare[last + 1] == "او":
            continue  # "في أغسطس أو سبتمبر": either month, so neither dates the event
        out.append((t, first, last))
    return out


def govern(view: View, cands: list[Candidate], lex: Lexicon) -> None:
    """Give each candidate (events and aspectual verbs) its governing timex, `how` it governs."""
    anchors = [c for c in cands if not c.skip or c.form.trigger.aspectual]
    for t, first, last in dating_timexes(view, lex):
        region = view.region[first]
        same = [c for c in anchors if view.region[c.i] == region]
        pick = _deadline(view, same, first, lex)
        how = "deadline"
        if pick is None:
            inside = [c for c in same if c.i < first <= _dating_stop(view, c, lex)
                      and not (_embedded(view, c, lex) and not _licensed(view, c, first, lex))]
            pick, how = (max(inside, key=lambda c: c.i), "phrase") if inside else (None, "")
        if pick is None:
            pick, how = _adjacent(view, same, first), "adjacent"
        if pick is None:
            pick, how = _fronted(view, same, first, last, lex), "fronted"
        if pick is None:
            pick, how = _when(view, same, first, last, lex), "when"
        if pick is not None and (pick.timex is None or _RANK[how] < _RANK[pick.how]):
            pick.timex, pick.how = t, how


def _dating_stop(view: View, c: Candidate, lex: Lexicon) -> int:
    """The part of the phrase whose dates are the trigger's own: for an agreement, announcement or
    talks it ends before the content ("اتفاق على التصويت الأربعاء": Wednesday is the vote's)."""
    if c.type in lex.cues["content_types"]:
        for k in range(c.j + 1, c.stop + 1):
            if view.words[k] in lex.cues["content_preps"]:
                return k - 1
    return c.stop


def _embedded(view: View, c: Candidate, lex: Lexicon) -> bool:
    """A verbal noun governed by a preposition after another noun: "نسخة من الاتفاق", "الخاص بتشكيل"."""
    if c.verb:
        return False
    word = view.bare[c.i]
    rest = "ال" + word[2:] if word.startswith("لل") else word[1:]
    attached = word[:1] in ("ب", "ل") and rest in lex.forms  # "بتشكيل", "لإنهاء", "للانسحاب"
    if not attached and (c.i < 1 or view.words[c.i - 1] not in lex.cues["embedding_preps"]):
        return False
    k = c.i - 1 if attached else c.i - 2
    return k >= 0 and bool(view.words[k]) and view.words[k] not in lex.forms


def _licensed(view: View, c: Candidate, first: int, lex: Lexicon) -> bool:
    return any(view.bare[k] in lex.cues["licensing"] for k in range(c.j + 1, first))


def _deadline(view: View, cands: list[Candidate], first: int, lex: Lexicon) -> Candidate | None:
    k = first - 1
    while k >= 0 and k >= first - 3 and not view.cue_at(k, lex, "deadlines"):
        k -= 1
    if k < 0 or k < first - 3:
        return None
    # across commas and the deadline's own words ("، على ألا يتجاوز", "في موعد لا يتجاوز"), no other clause
    before = [c for c in cands if c.j < k and k - c.j <= 25
              and all(view.clause[x] == view.clause[c.i] for x in range(c.i, max(c.i, k - 2)))]
    return max(before, key=lambda c: c.i) if before else None


def _adjacent(view: View, cands: list[Candidate], first: int) -> Candidate | None:
    for c in sorted(cands, key=lambda c: -c.i):
        if c.stop < first and view.clause[c.i] == view.clause[first]:
            gap = range(c.stop + 1, first)
            if all(view.marks[k] in ("،", ",") or view.words[k] in _GAP_WORDS for k in gap):
                return c
            return None
    return None


def _fronted(view: View, cands: list[Candidate], first: int, last: int, lex: Lexicon) -> Candidate | None:
    """A timex that opens its clause dates the event right after it: "وفي أيلول 2014، تأسس ..." (not
    one further on: "في العام الماضي، كجزء من قرار ... المفاوضات، زارت ...")."""
    clause = view.clause[first]
    k = first - 1
    while k >= 0 and view.clause[k] == clause:
        if view.words[k] and not view.cue_at(k, lex, "clause_lead_words"):
            return None  # a word that is not "في"/"يوم"...: the timex does not open the clause
        k -= 1
    k = last + 1
    while k < len(view) and (view.marks[k] or view.words[k] in ("و", "قد")):
        k += 1
    return next((c for c in cands if c.i == k and view.clause[c.i] == clause), None)


def _when(view: View, cands: list[Candidate], first: int, last: int, lex: Lexicon) -> Candidate | None:
    """"أيلول 2014 حين تأسس التحالف": the first event of the clause that حين opens, when no event
    stands before the timex in its own clause ("تعرضتا لهجوم مطلع يوليو عندما ...": the attack's)."""
    k = last + 1
    if k >= len(view) or not view.cue_at(k, lex, "when_words"):
        return None
    if any(c.i < first and view.clause[c.i] == view.clause[first] for c in cands):
        return None
    after = [c for c in cands if c.i > k and view.clause[c.i] == view.clause[k]]
    return min(after, key=lambda c: c.i) if after else None


def date_of(t: Timex) -> tuple[str, str] | None:
    """(date, precision) of a governing timex, or None when it gives no date worth a timeline.

    Day values keep the day (a time of day is dropped: 2025-11-03TMO -> 2025-11-03); months and years
    stay; a week is month-precise when it lies inside one month, else year-precise; seasons, quarters
    and halves are year-precise. Unresolved parts (X) cut the value to its resolved prefix
    ("2025-XX-15" -> "2025", year); nothing resolved, or a BEFORE/AFTER modifier, gives no date.
    """
    if t.mod in ("BEFORE", "AFTER"):
        return None
    if t.range and t.range[0][:7] != t.range[1][:7]:  # a Hijri month over two Gregorian months
        common = t.range[0][:4] if t.range[0][:4] == t.range[1][:4] else ""
        return (common, "year") if common else None
    m = _PART.match(t.value)
    if not m:
        return None
    year, mid, day = m.groups()
    if mid is None:
        return year, "year"
    if mid.isdigit():
        return (f"{year}-{mid}-{day}", "day") if day else (f"{year}-{mid}", "month")
    if mid.startswith("W"):
        try:
            monday = dt.date.fromisocalendar(int(year), int(mid[1:]), 1)
        except ValueError:
            return None
        sunday = monday + dt.timedelta(days=6)
        return f"{year}-{mid}", "month" if monday.month == sunday.month else "year"
    return f"{year}-{mid}", "year"


def later_than(date: str, published: str | None) -> bool:
    """The date lies wholly after the publication day (compared at the coarser of the two)."""
    if not published:
        return False
    pub = published[:10]
    d = re.match(r"^\d{4}(-\d{2}(-\d{2})?)?", date)
    if not d:
        return False
    d = d.group(0)
    return d > pub[:len(d)]


def drop_inconsistent(view: View, cands: list[Candidate], lex: Lexicon, published: str | None) -> None:
    """A verb that may be past-tense dated after publication by a bare day name ("الذي تسلم مهامه
    الخميس", read as next Thursday), or a relative date not before a deadline set in the same sentence:
    the reckoning is off, so no date."""
    for c in cands:
        if c.timex is None or c.how == "deadline" or not c.verb:
            continue
        dated = date_of(c.timex)
        if not dated or not later_than(dated[0], published):
            continue
        words = fold(view.article.text[c.timex.start:c.timex.end]).split()
        bare_day = len([w for w in words if w != "يوم"]) == 1 and not any(ch.isdigit() for ch in "".join(words))
        could_be_past = any(f.tense == "past" for f in lex.forms[view.words[c.i]] if f.trigger.pos == "verb")
        if c.form.tense == "past" or could_be_past and bare_day:
            c.timex, c.how = None, "dropped"
    _drop_dates_after_own_deadline([c for c in cands if not c.skip])


def _drop_dates_after_own_deadline(kept: list[Candidate]) -> None:
    """A date read relative to publication ("أيلول من العام الماضي") that is not before a deadline set
    in the same sentence contradicts it: the article's reckoning is off, so the event stays undated."""
    limits = [date_of(c.timex) for c in kept if c.how == "deadline" and c.timex is not None]
    limits = [d[0] for d in limits if d]
    for c in kept:
        if c.timex is None or c.how == "deadline" or not c.timex.anchored:
            continue
        dated = date_of(c.timex)
        if dated and any(dated[0][:min(len(dated[0]), len(x))] >= x[:min(len(dated[0]), len(x))] for x in limits):
            c.timex, c.how = None, "dropped"
