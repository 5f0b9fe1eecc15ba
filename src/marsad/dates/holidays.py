"""Holidays for `marsad.dates.relative`: "عيد الفطر", "عيد الميلاد", "يوم عرفة" as the day they fall on.

A holiday with no year written is the next one when it comes within four months of the publication date (news
prepares a feast: "استعدادات عيد الأضحى"), or in a future sentence when the last one is over a month old;
else the last one ("عطلة عيد الفطر" just after it, "احتفالات المولد النبوي" months later). منذ takes the last
one; الماضي/المقبل are strict. Its `stated` value keeps the year as X (XXXX-12-25; a Hijri
feast, whose Gregorian day depends on the year, XXXX-XX-XX).
"""

from __future__ import annotations

import datetime as dt
import re

from marsad.dates.absolute import _HIJRI_YEARS, _hijri_to_greg
from marsad.dates.relative_grammar import _C, _Ctx, _k
from marsad.dates.relative_values import _hijri_now, _rel


def _occurrence(c: _Ctx, cal: str, mon: int, day: int, k: int | None, s: int) -> dt.date | None:
    """The day of the holiday seen from `c.ref`: k -1/+1 strictly before/after, else by the tense or nearest."""
    ref = c.ref
    assert ref is not None
    if cal == "hijri":
        now = _hijri_now(ref)
        if now is None:
            return None
        days = [_hijri_to_greg(now[0] + i, mon, day) for i in (-1, 0, 1)]
    else:
        days = [dt.date(ref.year + i, mon, day) for i in (-1, 0, 1)]
    days = [d for d in days if d is not None]
    nxt = min((d for d in days if d > ref or d == ref and k is None), default=None)
    last = max((d for d in days if d < ref or d == ref and k is None), default=None)
    if k is not None:
        return nxt if k > 0 else last
    future = c.future(s)
    if future is None or nxt is None:
        return last  # "منذ عيد الفطر"
    if last is None or (nxt - ref).days <= _UPCOMING or future and (ref - last).days > _RECENT:
        return nxt
    return last


_UPCOMING, _RECENT = 120, 30  # days


def _holiday_h(m: re.Match[str], c: _Ctx) -> _C | None:
    g = c.g
    cal, (mon, day) = g.holidays[_k(m.group("hol"))]
    nxt = c.next(m.end("hol"))
    if nxt[:1].isdigit() and not m.group("y") or nxt in g.ordinals or nxt[2:] in g.numbers and nxt[:2] == "ال":
        return None  # "عيد الميلاد الستين" is a birthday
    stated = f"XXXX-{mon:02d}-{day:02d}" if cal == "gregorian" else "XXXX-XX-XX"
    if m.group("y"):  # "عيد الميلاد عام 2015", "عيد الفطر 1436"
        y = int(m.group("y"))
        if cal == "hijri" and y in _HIJRI_YEARS:
            d = _hijri_to_greg(y, mon, day)
        elif cal == "gregorian" and 1900 <= y <= 2100:
            d = dt.date(y, mon, day)
        else:
            return None
        return _C(m.start(), m.end(), "DATE", d.isoformat(), cal=cal, prio=5, kind="day") if d else None
    if c.ref is None:
        return _C(m.start(), m.end(), "DATE", stated, cal=cal, kind="day")
    d = _occurrence(c, cal, mon, day, _rel(g, m.group("rel")), m.start())
    if d is None:
        return None
    return _C(m.start(), m.end(), "DATE", d.isoformat(), None, True, cal, kind="day",
              stated=None if m.group("rel") else stated)
