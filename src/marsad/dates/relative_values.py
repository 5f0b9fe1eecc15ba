"""Calendar arithmetic for `marsad.dates.relative`: TIMEX3 values of periods, weekdays, months and seasons
counted from the publication date, and the year a year-less date is given.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from hijridate import Gregorian

from marsad.dates.absolute import _make, find_dates
from marsad.dates.relative_grammar import _C, _G, _Ctx, _k

_SEASONS = ("SP", "SU", "FA", "WI")


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + m - 1 + k
    return i // 12, i % 12 + 1


def _shift(ref: dt.date, unit: str, n: int) -> str:
    """The period `n` units from `ref`, at that unit's precision (hours and minutes: the day)."""
    if unit in ("D", "H", "MIN", "S"):
        return (ref + dt.timedelta(days=n if unit == "D" else 0)).isoformat()
    if unit == "W":
        return _week(ref + dt.timedelta(weeks=n))
    if unit == "M":
        y, m = _add_months(ref.year, ref.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "Y":
        return f"{ref.year + n:04d}"
    return str((ref.year + 10 * n) // 10) if unit == "DE" else str((ref.year + 100 * n) // 100)


def _weekday(ref: dt.date, wd: int, k: int | None, future: bool) -> dt.date:
    """Nearest `wd` on or before `ref` (on or after when future); strictly before/after with k -1/+1."""
    back, fwd = (ref.isoweekday() - wd) % 7, (wd - ref.isoweekday()) % 7
    if k is None:
        return ref + dt.timedelta(days=fwd) if future else ref - dt.timedelta(days=back)
    if k == 0:
        return ref + dt.timedelta(days=wd - ref.isoweekday())
    if k < 0:
        return ref - dt.timedelta(days=(back or 7) + 7 * (-k - 1))
    return ref + dt.timedelta(days=(fwd or 7) + 7 * (k - 1))


def _year_of(now: tuple[int, int, int], m: int, d: int | None, k: int | None, future: bool | None) -> int:
    """Year of month `m` (day `d`) seen from `now` (y, m, d): k from a relative word, else the tense."""
    cy, cm, cd = now
    if k == 0:
        return cy
    if k is None:
        tgt, cur = ((m, d), (cm, cd)) if d else (m, cm)
        # A reported day cannot be after its report: one a few weeks ahead is upcoming, not last year's.
        if future or future is not None and d is not None and 0 < (m - cm) % 12 * 30 + d - cd <= 30:
            return cy if tgt >= cur else cy + 1
        return cy if tgt <= cur else cy - 1
    if k < 0:
        return (cy if m < cm else cy - 1) + k + 1
    return (cy if m > cm else cy + 1) + k - 1


def _season(ref: dt.date, code: str, k: int | None, future: bool) -> str:
    y, i = ref.year - (ref.month < 3), (0 if ref.month in (12, 1, 2) else ref.month // 3) - 1
    cur, t = y * 4 + (i % 4 if i >= 0 else 3), _SEASONS.index(code)
    if k == 0:
        o = (ref.year - (code == "WI" and ref.month < 3)) * 4 + t
    elif k is None:
        o = cur + (t - cur) % 4 if future else cur - (cur - t) % 4
    elif k < 0:
        o = cur - ((cur - t - 1) % 4 + 1) + 4 * (k + 1)
    else:
        o = cur + ((t - cur - 1) % 4 + 1) + 4 * (k - 1)
    return f"{o // 4}-{code}"


def _hijri_now(ref: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(ref.year, ref.month, ref.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.year, h.month, h.day


def _num(s: str, table: dict[str, int]) -> float | None:
    """A number written in digits or words ("خمسه وعشرين" 25, "الحادي عشر" 11), or None."""
    s = s.strip().removeprefix("ال").strip() if s[:2] == "ال" and s[2:].strip()[:1].isdigit() else s.strip()
    if s[:1].isdigit():
        return float(s.replace(",", "."))
    words, total, i = s.split(), 0, 0
    while i < len(words):
        if " ".join(words[i:i + 2]) in table and i + 1 < len(words):
            total, i = total + table[" ".join(words[i:i + 2])], i + 2
            continue
        w = words[i]
        w = w[1:] if w not in table and w[:1] == "و" else w
        if w and w not in table:
            return None
        total, i = total + table.get(w, 0), i + 1
    return total or None


def _n(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _duration(n: float | None, unit: str) -> str:
    q = "X" if n is None else _n(n)
    return f"PT{q}{unit[0]}" if unit in ("H", "MIN", "S") else f"P{q}{unit}"


def _rel(g: _G, word: str | None) -> int | None:
    return g.rel.get(_k(word)) if word else None


_MonthValue = tuple[str, bool, tuple[str, str] | None, str | None]


def _month_value(c: _Ctx, s: int, cal: str, mon: int, day: int | None, k: int | None, yoff: int | None,
                 year: int | None = None) -> _MonthValue | None:
    """(value, anchored, range, stated) of a month (and day) whose year is given, relative, or read from the
    tense; `stated` is the value with X for a year read from the tense (None when the year was written)."""
    named = bool(c.prev(s) & c.g.w["named_date_heads"])
    # a Hijri month has no Gregorian month without its year
    unstated = f"XXXX-{mon:02d}" + (f"-{day:02d}" if day else "") if cal == "gregorian" else "XXXX-XX"
    if year is None and (c.ref is None or named):
        return unstated, False, None, None
    got = _month_year(c, s, cal, mon, day, k, yoff, year)
    if got is None:
        return None
    inferred = year is None and k is None and yoff is None
    return (*got, unstated if inferred else None)


def _month_year(c: _Ctx, s: int, cal: str, mon: int, day: int | None, k: int | None, yoff: int | None,
                year: int | None) -> tuple[str, bool, tuple[str, str] | None] | None:
    anchored = year is None
    if cal == "hijri":
        now = _hijri_now(c.ref) if c.ref else None
        if year is None and now is None:
            return None
        y = year or (now[0] + yoff if yoff is not None else _year_of(now, mon, day, k, c.future(s)))
        dm = _make("", 0, 0, "hijri", y, mon, day, None)
        return (dm.value, anchored, dm.range) if dm else None
    now = (c.ref.year, c.ref.month, c.ref.day) if c.ref else (0, 0, 0)
    y = year or (now[0] + yoff if yoff is not None else _year_of(now, mon, day, k, c.future(s)))
    if day and not 1 <= day <= calendar.monthrange(y, mon)[1]:
        return None
    return f"{y:04d}-{mon:02d}" + (f"-{day:02d}" if day else ""), anchored, None


def _suffix(c: _Ctx, e: int) -> tuple[int | None, int | None, int]:
    """A relative word after a month or a year-less date: (k, year offset, new end)."""
    m = c.g.suffix_rx.match(c.f, e)
    if not m:
        return None, None, e
    if m.group("rel"):
        return _rel(c.g, m.group("rel")), None, m.end()
    return None, _rel(c.g, m.group("rel2")) or 0, m.end()


def _absolute(c: _Ctx) -> list[_C]:
    """The dates `find_dates` reads, year-less ones given a year; run on the folded text (it folds alike)."""
    out = []
    for dm in find_dates(c.f):
        kind = {"day": "day", "month": "month", "year": "year"}.get(dm.precision, "dayclock")
        typ = "TIME" if dm.hour is not None else "DATE"
        value = dm.value
        if dm.hour is not None and not re.search(r"\d[:.]\d\d\D*$", dm.text):
            value = value[:-3]  # only the hour was written: TIMEX3 hour precision
        if dm.year is not None:
            rng = dm.range if dm.calendar == "hijri" else None  # a Gregorian month is its own span
            out.append(_C(dm.start, dm.end, typ, value, cal=dm.calendar, range=rng, prio=4, kind=kind))
            continue
        k, yoff, end = _suffix(c, dm.end)
        got = _month_value(c, dm.start, "gregorian", dm.month, dm.day, k, yoff)
        if got is None:
            continue
        v, anchored, rng, stated = got
        tail = value[len(v):]  # a clock time: "14 أكتوبر الساعة 8:00"
        out.append(_C(dm.start, end, typ, v + tail, None, anchored, range=rng, prio=4, kind=kind,
                      stated=None if stated is None else stated + tail))
    return out


def _clock_str(h: int, mi: int | None, se: int | None) -> str:
    return f"T{h:02d}" + ("" if mi is None else f":{mi:02d}") + ("" if se is None else f":{se:02d}")


