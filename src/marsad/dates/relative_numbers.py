"""Handlers of `marsad.dates.relative` for expressions read from numbers: years (in digits or in words), spans
of years, decades and centuries, and a day number alone ("يوم 27").
"""

from __future__ import annotations

import calendar
import re

from marsad.dates.absolute import _HIJRI_YEARS, _make
from marsad.dates.relative_grammar import _C, _Ctx, _k
from marsad.dates.relative_values import _month_value, _num

_Out = _C | list[_C] | None


def _spelled_year(c: _Ctx, words: str | None) -> int | None:
    """A year written in words ("ألفين وثمانية عشر" 2018), or None."""
    y = _num(_k(words), c.g.year_words) if words else None
    return int(y) if y and y == int(y) and 1100 <= y <= 2100 else None  # "عام ألف" alone is no year


def _bareday_h(m: re.Match[str], c: _Ctx) -> _Out:
    """A day number alone after "يوم" or "في", ending its clause: "يوم 27", "سأعود في 15" (XXXX-XX-15 without
    a publication date; else that day of the publication month, or of the month before/after by the tense).
    "في 15 دولة" goes on to a noun and is no date; "إلى 27" is a count."""
    lead = c.g.bare_lead_rx.search(c.f, max(0, m.start() - 12), m.start())
    d = int(m.group("bd"))
    if not lead or not 1 <= d <= 31 or c.f[:lead.start()].rstrip()[-1:].isdigit():
        return None  # "(4 في 6)" is a size
    s = lead.start() if lead.group("day") else m.start()
    if c.ref is None:
        return _C(s, m.end(), "DATE", f"XXXX-XX-{d:02d}", kind="day")
    future = c.future(s)  # as a year-less date: a day later in the month is upcoming unless after منذ
    k = 1 if future and d < c.ref.day else -1 if future is None and d > c.ref.day else 0
    y, mo = c.ref.year + (c.ref.month + k - 1) // 12, (c.ref.month + k - 1) % 12 + 1
    if d > calendar.monthrange(y, mo)[1]:
        return None
    return _C(s, m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", anchored=True, kind="day", stated=f"XXXX-XX-{d:02d}")


def _numday_h(m: re.Match[str], c: _Ctx) -> _Out:
    """A day and a month in digits without a year, ending the clause: "في 22/4", "يوم 04/22", "سأعود 4/22"
    (stated XXXX-04-22; the year is read from the tense like any year-less date). See numeric_date_after."""
    g = c.g
    a, b, sep = int(m.group("na")), int(m.group("nb")), m.group("sep")
    if not g.end_rx.match(c.f, m.end()) or c.prev(m.start()) & g.w["number_heads"]:
        return None
    lead = g.numdate_lead_rx.search(c.f, max(0, m.start() - 12), m.start())
    if lead and c.f[:lead.start()].rstrip()[-1:].isdigit():
        return None  # "(4 في 6/7)"
    if a <= 12 < b:
        mon, day = a, b  # month first: "4/22"
    elif b <= 12 < a or lead and 1 <= b <= 12:
        mon, day = b, a  # the Arab order, day first
    else:
        return None
    if not (lead or sep == "/") or not 1 <= mon <= 12 or not 1 <= day <= 31:
        return None
    s = lead.start() if lead and lead.group("day") else m.start()
    got = _month_value(c, s, "gregorian", mon, day, None, None)
    if got is None:
        return None
    return _C(s, m.end(), "DATE", got[0], None, got[1], kind="day", stated=got[3])


def _nummonth_h(m: re.Match[str], c: _Ctx) -> _Out:
    """A month of a year in digits: "3/2015", "2015-3" (2015-03); "3/1436" is a Hijri month."""
    if c.prev(m.start()) & c.g.w["number_heads"]:
        return None  # "القرار رقم 3/2015"
    mon, y = (int(m.group("mm")), int(m.group("my"))) if m.group("mm") else (int(m.group("mn")), int(m.group("ym")))
    if not 1 <= mon <= 12:
        return None
    if y in _HIJRI_YEARS:
        dm = _make("", 0, 0, "hijri", y, mon, None, None)
        return _C(m.start(), m.end(), "DATE", dm.value, cal="hijri", range=dm.range, kind="month") if dm else None
    if not 1900 <= y <= 2100:
        return None
    return _C(m.start(), m.end(), "DATE", f"{y:04d}-{mon:02d}", kind="month")


def _decade_h(m: re.Match[str], c: _Ctx) -> _Out:
    g = c.g
    if m.group("cord"):
        n = _num(_k(m.group("cord")), g.ordinals)
        return _C(m.start(), m.end(), "DATE", f"{int(n) - 1:02d}", kind="period") if n and 1 <= n <= 30 else None
    cent, crel = 19, m.group("crel")
    if crel and _k(crel) in g.rel:
        cent = (c.ref.year // 100 if c.ref else 20) + g.rel[_k(crel)]
    elif crel:
        cent = int(_num(_k(crel), g.ordinals) or 20) - 1
    return _C(m.start(), m.end(), "DATE", f"{cent}{g.decades[_k(m.group('dec'))]}", kind="period")


def _year_h(m: re.Match[str], c: _Ctx) -> _Out:
    """A bare four-digit year after a temporal word ("منذ 2006", "بحلول 2030"); "عامي 2014 و2015"."""
    if m.group("dual"):
        return [_C(m.start(), m.end("ya"), "DATE", m.group("ya"), kind="year"),
                _C(m.start("yb"), m.end("yb"), "DATE", m.group("yb"), kind="year")]
    if m.group("yw"):  # "عام ألفين وعشرين" (spelled out), "عام 247" (three digits, ending the clause)
        y = _spelled_year(c, m.group("sy")) if m.group("sy") else int(m.group("y3"))
        return _C(m.start(), m.end(), "DATE", f"{y:04d}", kind="year") if y else None
    y, sig = int(m.group("y")), _k(m.group("sig"))
    strong = sig in c.g.w["year_signals_strong"] or sig in c.g.mods
    if not 1900 <= y <= 2100 or not strong and m.group("tail") is None:
        return None  # "حتى 2000 جندي": after weak words a year must end the clause
    return _C(m.start("y"), m.end("y"), "DATE", str(y), kind="year")


def _year_range_h(m: re.Match[str], c: _Ctx) -> _Out:
    y1, y2, conn = int(m.group("y1")), int(m.group("y2")), _k(m.group("c"))
    p = _k(m.group("p")) if m.group("p") else ""
    if conn in c.g.w["range_and"] and p not in c.g.w["range_between"] or conn == "/" and y2 != y1 + 1:
        return None  # "2014 و2015" are two years; "2014/2015" a season only when consecutive
    if not 1900 <= y1 < y2 <= 2100:
        return None
    return _C(m.start(), m.end(), "DATE", str(y1), range=(str(y1), str(y2)), kind="range")
