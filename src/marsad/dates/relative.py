"""Temporal expressions in Arabic news as TIMEX3 timexes, resolved against the publication date.

`find_timexes(text, ref)`: absolute dates (`find_dates`), relative and deictic dates, clock times, durations
and sets; sorted, non-overlapping, exact spans of `text`. The conventions are listed below.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re

from marsad.dates.relative_grammar import _C, _Ctx, _g, _k
from marsad.dates.relative_rules import _HANDLERS
from marsad.dates.relative_values import _absolute, _clock_str
from marsad.model import Timex

__all__ = ["find_timexes"]

# Conventions (TIMEX3 where it decides, else the choice made here):
# - Spans: prepositions are signals and stay outside (في، منذ، بحلول، خلال، لمدة); modifiers are inside with a
#   mod (مطلع/بداية/أوائل START, منتصف MID, نهاية/أواخر END, نحو/قرابة/حوالي APPROX); "قبل/منذ/بعد + N units"
#   is one date, so its word is inside. A clitic glued to the first word (و، ب، ل) stays outside, except لل.
# - منذ is a signal, not a mod: "منذ عام 2014" is 2014 with mod null (the since-relation belongs to the event).
# - "قبل ثلاثة أشهر" / "منذ عامين" (ago) is `ref` minus N at that unit's precision (2025-06, 2023); "بعد يومين"
#   is a date only in a future sentence ("سيعود بعد يومين"), else a duration ("عاد بعد يومين" P2D); counted
#   from an event ("قبل ثلاثة أشهر من الانتخابات") it is a duration. Vague counts: قبل أيام PAST_REF, لسنوات PXY.
# - Parts of a day are TIME values: "مساء أمس" 2025-09-29TEV, "فجر الجمعة" ...TMO; "ليلة الجمعة" is the eve
#   (Thursday night), "ليلة أمس" last night. A clock time alone is "T10", "T10:30" (hour precision when no
#   minutes are written); on a day it joins it: "أمس الساعة 10 صباحا" 2025-09-29T10.
# - Weekdays and year-less dates look back from `ref`, `ref` itself included ("قال الاثنين" on a Monday is
#   that day); a future sentence (سـ، سوف، من المقرر ...) looks forward; الماضي/المقبل are strict. A year-less
#   day up to 30 days after `ref` is upcoming (a report cannot date its own past after itself).
# - `anchored` is true only for values computed from `ref`; with `ref=None` those keep X's (XXXX-XX-XX,
#   XXXX-WXX-1, XXXX-10, XXXX-FA); absolute dates are never anchored. PAST_REF/PRESENT_REF/FUTURE_REF likewise.
# - `range` holds [first, last] for spans ("من 3 إلى 12 سبتمبر 2025", "من 2014 إلى 2018") and Hijri months;
#   `value` is then the first. A Gregorian month is its own span (range null).
# - A day number alone is a date only after يوم, or after في at a clause end or before a clock ("يوم 27",
#   "سأعود في 15": XXXX-XX-15 unanchored); "في 15 دولة", "إلى 27" are counts. "يوما ما" (some day) is no
#   timex; named dates ("ثورة 25 يناير") keep XXXX. Years may be spelled out after a month or a year word
#   ("سبتمبر ، ألفين" 2000-09, "عام ألفين وعشرين" 2020). "نهاية (هذا) الأسبوع" is the weekend (2016-W45-WE).
# - A year-less month looks back like a day ("في ديسمبر" in an August article is last December) unless the
#   sentence is in the future tense; a bare quarter ("في الربع الثاني") is the latest one, or the next.
# - `stated_value` is the value without what that context inferred (X kept: "2 أكتوبر" XXXX-10-02, "يوم
#   الجمعة" XXXX-WXX-5, "في 15" XXXX-XX-15); deictic words ("أمس", "السبت الماضي", "الشهر الجاري") state
#   their anchor, so there it equals `value`. With `ref=None` the two are equal.
# - Numbers alone: "في 22/4", "4/25" (a day and a month, at a clause end), "3/2015" (a month), "يناير 12" (a
#   day after the month, at a clause end or with a year), "في السابعة" (an hour, in a future sentence),
#   "4 - 6 مساء" (a span of hours; "2-1 مساء" is a score), "من 10 إلى 15 الشهر المقبل" (days of that month).

_RANGEABLE = frozenset({"day", "month", "year", "period"})


def _select(cands: list[_C]) -> list[_C]:
    """Non-overlapping candidates: higher priority first, then longer, then earlier."""
    out: list[_C] = []
    for x in sorted(cands, key=lambda x: (-x.prio, x.s - x.e, x.s)):
        if not any(x.s < y.e and y.s < x.e for y in out):
            out.append(x)
    return sorted(out, key=lambda x: x.s)


def _extend(c: _Ctx, sel: list[_C]) -> None:
    """Take in a modifier before a timex ("نهاية سبتمبر 2025" END, "نحو عامين" APPROX) or a part of the
    day before or after a date ("صباح 15 سبتمبر", "يوم الجمعة مساء")."""
    prev_end = 0
    for i, x in enumerate(sel):
        post = c.g.post_rx.match(c.f, x.e) if x.kind == "day" and x.type == "DATE" else None
        if post and i + 1 < len(sel) and sel[i + 1].kind == "part" and sel[i + 1].e <= post.end():
            del sel[i + 1]  # "الثلاثاء في الصباح": "في الصباح" is Tuesday's morning, not a time of its own
        if post and (i + 1 == len(sel) or sel[i + 1].s >= post.end()):
            x.e, x.type, x.kind = post.end(), "TIME", "part"
            x.add("T" + c.g.part_after[_k(post.group("pd"))])
        m = c.g.pre_rx.search(c.f, max(prev_end, x.s - 30), x.s)
        if m and m.group("mod") and x.mod is None:
            mod = c.g.mods[_k(m.group("mod"))]
            if mod == "APPROX" or x.type == "DATE" and x.value[:1] != "P" and "_REF" not in x.value:
                x.s, x.mod = m.start(), mod
        elif m and m.group("head") and x.kind == "month":
            x.s = m.start()  # "شهر رمضان 1446هـ"
        elif m and m.group("pd") and x.kind == "day" and x.type == "DATE":
            x.s, x.type, x.kind = m.start(), "TIME", "part"
            x.add("T" + c.g.parts[_k(m.group("pd"))])
        prev_end = x.e


def _with_clock(day: _C, clock: _C) -> _C:
    """A clock time on a day: "أمس الساعة 10 صباحا", "العاشرة من مساء الجمعة" (evening: hour + 12)."""
    h, mi, se, marked = clock.extra
    base, _, part = day.value.partition("T")
    if not marked and (part in ("AF", "EV") and h < 12 or part == "NI" and 6 <= h < 12):
        h += 12
    hm = _clock_str(h, mi, se)
    said = None if day.stated is None else day.stated.partition("T")[0]
    rng = said_rng = None
    if clock.range:  # "يوم الاثنين القادم 1-3 مساء": the span of hours on that day
        hm = clock.range[0]
        rng = (base + hm, base + clock.range[1])
        said_rng = None if said is None else (said + hm, said + clock.range[1])
    return _C(min(day.s, clock.s), max(day.e, clock.e), "TIME", base + hm, day.mod or clock.mod, day.anchored,
              day.cal, rng, kind="dayclock", stated=None if said is None else said + hm, stated_range=said_rng)


def _add_durations(a: str, b: str) -> str | None:
    """P2Y + P3M -> P2Y3M ("عامين وثلاثة أشهر"); None when a part is vague or a decade."""
    parts: dict[str, float] = {}
    seen: set[str] = set()
    for v in (a, b):
        m = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                         r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?", v)
        if not m:
            return None
        units = {u for u, q in zip("YMWDhms", m.groups(), strict=True) if q}
        if units & seen:
            return None  # "بين عام واحد وخمسة أعوام" is a range, not a sum
        seen |= units
        for unit, q in zip("YMWDhms", m.groups(), strict=True):
            if q:
                parts[unit] = float(q)
    if "W" in parts and len(parts) > 1:
        parts["D"] = parts.get("D", 0) + 7 * parts.pop("W")
    q = {u: str(int(n)) if n == int(n) else str(n) for u, n in parts.items()}
    date = "".join(q[u] + u for u in ("Y", "M", "W", "D") if u in q)
    time = "".join(q[u] + u.upper() for u in ("h", "m", "s") if u in q)
    return "P" + date + ("T" + time if time else "")


def _attach(c: _Ctx, sel: list[_C]) -> list[_C]:
    """Join neighbours that are one expression: a day and its clock time, "اليوم 6 مايو" (one day),
    "عامين وثلاثة أشهر" (one duration)."""
    out: list[_C] = []
    for x in sel:
        a = out[-1] if out else None
        kinds = {a.kind, x.kind} if a else set()
        if a and kinds in ({"clock", "day"}, {"clock", "part"}) and c.g.gap_rx.fullmatch(c.f, a.e, x.s):
            out[-1] = _with_clock(a if a.kind != "clock" else x, x if a.kind != "clock" else a)
        elif (a and kinds == {"day"} and a.type == x.type == "DATE" and min(a.prio, x.prio) < 4
              and c.g.day_gap_rx.fullmatch(c.f, a.e, x.s)):
            keep = x if x.prio >= a.prio else a  # the written date wins over the deictic word
            if (x if keep is a else a).stated is None:
                keep.stated = None  # "اليوم 6 مايو": the deictic word states the year
            keep.s, keep.e = a.s, x.e
            out[-1] = keep
        elif (a and a.type == x.type == "DURATION" and a.mod == x.mod
              and re.fullmatch(r"[^\S\n]*و[^\S\n]*", c.f[a.e:x.s])
              and (total := _add_durations(a.value, x.value))):
            a.e, a.value = x.e, total
        else:
            out.append(x)
    return out


def _ranges(c: _Ctx, sel: list[_C]) -> list[_C]:
    """"من 3 إلى 12 سبتمبر 2025", "بين الاثنين والخميس", "من يناير حتى مارس": one DATE with a range."""
    g, out = c.g, []
    for x in sel:
        lo = out[-1].e if out else 0
        if x.kind == "day" and x.type == "DATE" and c.f[x.s:x.s + 1].isdigit():
            m = g.day_range_rx.search(c.f, max(lo, x.s - 20), x.s)
            p = _k(m.group("p")) if m and m.group("p") else ""
            joined = _k(m.group("c")) not in g.w["range_and"] or p in g.w["range_between"] if m else False
            if m and joined and 0 < int(m.group("d1")) < int(x.value[8:10]):
                d1 = f"{int(m.group('d1')):02d}"
                first, said = x.value[:8] + d1, x.say()[:8] + d1
                out.append(_C(m.start(), x.e, "DATE", first, x.mod, x.anchored, x.cal, (first, x.value),
                              kind="range", stated=said, stated_range=(said, x.say())))
                continue
        if x.kind == "period" and re.fullmatch(r"\d{4}-\d{2}", x.value):
            m = g.month_days_rx.search(c.f, max(lo, x.s - 30), x.s)
            p = _k(m.group("p")) if m and m.group("p") else ""
            if m and (_k(m.group("c")) not in g.w["range_and"] or p in g.w["range_between"]):
                d1, d2 = int(m.group("d1")), int(m.group("d2"))
                y, mo = int(x.value[:4]), int(x.value[5:])
                if 0 < d1 < d2 <= calendar.monthrange(y, mo)[1]:
                    rng = (f"{x.value}-{d1:02d}", f"{x.value}-{d2:02d}")
                    out.append(_C(m.start(), x.e, "DATE", rng[0], x.mod, x.anchored, x.cal, rng, kind="range"))
                    continue
        a = out[-1] if out else None
        dates = a and a.type == x.type == "DATE" and a.kind in _RANGEABLE and x.kind in _RANGEABLE
        clocks = a and a.kind == x.kind == "clock"  # "من الساعة 10 صباحا حتى الساعة 4 عصرا"
        if (dates or clocks) and g.range_gap_rx.fullmatch(c.f, a.e, x.s):
            pm = g.range_pre_rx.search(c.f, max(0, a.s - 10), a.s)
            p = _k(pm.group("p")) if pm else ""
            conn = _k(c.f[a.e:x.s].strip())
            if conn in g.w["range_and"] and p not in g.w["range_between"] or a.kind != x.kind and "year" not in (
                    a.kind, x.kind):
                out.append(x)  # "الاثنين والخميس" are two days; a day to a month is no span
                continue
            first, last = a.value, x.value
            said_first, said_last = a.say(), x.say()
            if last[:4].isdigit() and (first[:4] == "XXXX" or a.anchored and not x.anchored):
                first = last[:4] + first[4:]  # "من 2 أكتوبر إلى 22 أكتوبر 2025": the year is written once
            if said_last[:4].isdigit() and said_first[:4] == "XXXX" and said_first[4:5] == "-":
                said_first = said_last[:4] + said_first[4:]
            if x.extra == "wd" and a.anchored and last < first:  # "بين الاثنين والخميس": Thursday after Monday
                with contextlib.suppress(OverflowError):  # the week after 9999-12-31 is not in the calendar
                    last = (dt.date.fromisoformat(last) + dt.timedelta(weeks=1)).isoformat()
                said_last = last if x.stated is None else said_last
            if clocks and not a.extra[3] and x.extra[3] and a.extra[0] + 12 <= x.extra[0]:
                first = said_first = _clock_str(a.extra[0] + 12, *a.extra[1:3])  # "من الساعة 5 إلى 7 مساء": 17 to 19
            elif clocks and a.extra[3] and not x.extra[3] and x.extra[0] < 12 < a.extra[0] < x.extra[0] + 12:
                last = said_last = _clock_str(x.extra[0] + 12, *x.extra[1:3])  # "من 1:30 مساء إلى 3:30": to 15:30
            same = (said_first, said_last) == (first, last)
            out[-1] = _C(pm.start() if pm else a.s, x.e, a.type, first, None, a.anchored or x.anchored, a.cal,
                         (first, last), kind="range", stated=None if same else said_first,
                         stated_range=None if same else (said_first, said_last))
            continue
        out.append(x)
    return out


_TO = "|".join(_k(w) for w in ("إلى", "حتى", "-", "–"))  # folded: إلى is written الي
_BARE_TO = re.compile(rf"[^\S\n]*(?:{_TO})[^\S\n]*(\d{{1,2}})(?![\d:.,/]\d|\d)(?=[^\S\n]*(?:[.!?؟،,;:\n)]|$))")
_BARE_FROM = re.compile(rf"(?<!\w)(?:{_k('من')}|{_k('بين')})[^\S\n]+(\d{{1,2}})[^\S\n]*(?:{_TO}|و)[^\S\n]*\Z")


def _clock_spans(c: _Ctx, sel: list[_C]) -> None:
    """A clock span whose other end is a bare hour: "من 1:30 بعد الظهر إلى 4" (13:30 to 16), "من 3 إلى 3:30"."""
    for i, x in enumerate(sel):
        if x.kind != "clock" or x.range:
            continue
        nxt = sel[i + 1].s if i + 1 < len(sel) else len(c.f)
        h = x.extra[0]
        pre = c.g.range_pre_rx.search(c.f, max(0, x.s - 10), x.s)
        if pre and (m := _BARE_TO.match(c.f, x.e, nxt)) and int(m.group(1)) <= 24:
            h2 = int(m.group(1))
            h2 += 12 if h >= 12 and h2 < 12 and h2 + 12 > h else 0
            x.s, x.e, x.range = pre.start(), m.end(1), (x.value, _clock_str(h2, None, None))
        elif (m := _BARE_FROM.search(c.f, max(0, x.s - 20), x.s)) and int(m.group(1)) <= h:
            h1 = int(m.group(1))
            h1 += 12 if x.extra[3] and h >= 12 and h1 + 12 <= h else 0  # "من 5 إلى 6 مساء": 17 to 18
            first = _clock_str(h1, None, None)
            x.s, x.value, x.range = m.start(), first, (first, x.value)


def find_timexes(text: str, ref: dt.date | None) -> list[Timex]:
    """Every temporal expression in `text`, sorted, non-overlapping, exact spans, TIMEX3-normalized.

    `ref` is the publication date; relative expressions are resolved against it (`anchored=True`).
    With `ref=None` they keep X's ("XXXX-XX-XX", "XXXX-WXX-1") or PAST_REF/FUTURE_REF: never today's date.
    """
    if not text:
        return []
    g = _g()
    c = _Ctx(g, text, ref)
    cands = _absolute(c)
    tried: set[tuple[str, int]] = set()
    for t in g.trigger_rx.finditer(c.f):  # only where a family can start, only the families that can
        word = t.group("w") or t.group("y")
        pos, key = t.start(), _k(word).split()[0] if word else "#d" if t.group("d") else "#ال"
        for name in g.starts.get(key, ()):
            if (name, pos) in tried:
                continue
            tried.add((name, pos))
            rx, prio = g.fam[name]
            m = rx.match(c.f, pos)
            try:
                got = _HANDLERS[name](m, c) if m else None
            except OverflowError:  # a date beyond year 1..9999: a huge count, or an extreme publication date
                got = None
            for x in got if isinstance(got, list) else [got] if got else []:
                x.prio = max(x.prio, prio)
                cands.append(x)
    sel = _select(cands)
    _extend(c, sel)
    sel = _ranges(c, _attach(c, sel))
    _clock_spans(c, sel)
    out = []
    for x in sel:
        s, e = c.map.original_span(x.s, x.e)
        out.append(Timex(s, e, x.type, x.value, x.mod, x.anchored, x.cal, x.range, x.say(), x.say_range()))
    return out
