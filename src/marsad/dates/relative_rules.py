"""The rules of `marsad.dates.relative`: one handler per grammar family turns a match on the folded text
into candidate timexes, or None when the words around it say it is no time expression.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from marsad.dates.absolute import _SHIFTS
from marsad.dates.holidays import _holiday_h
from marsad.dates.relative_grammar import _C, _XS, _Ctx, _k
from marsad.dates.relative_numbers import (
    _bareday_h,
    _decade_h,
    _numday_h,
    _nummonth_h,
    _spelled_year,
    _year_h,
    _year_range_h,
)
from marsad.dates.relative_values import (
    _clock_str,
    _duration,
    _month_value,
    _num,
    _rel,
    _season,
    _shift,
    _suffix,
    _weekday,
)

_Out = _C | list[_C] | None


def _deictic(m: re.Match[str], c: _Ctx) -> _Out:
    g, key = c.g, _k(m.group("dw"))
    off = g.deictic.get(key, 1)  # a bare الغد after منذ/حتى is tomorrow
    if off == 0 and not m.group("wd") and not _today_ok(c, m.start(), m.end()):
        return None
    if off == -1 and c.next(m.end()) in g.w["yesterday_not_after"]:
        return None  # "في أمس الحاجة"
    if key in g.w["yesterday"] and c.f[m.start() - 1:m.start()] in ("ل", "ب", "ك"):
        return None  # "لامس" (touched) folds like "لأمس"
    return c.day(m.start(), m.end(), off)


def _today_ok(c: _Ctx, s: int, e: int) -> bool:
    """اليوم/الليلة is "today/tonight", not "the day" of something ("ذلك اليوم"، "اليوم الوطني"، «اليوم»)."""
    g, nxt = c.g, c.next(e)
    if c.prev(s) & g.w["today_not_before"] or nxt in g.w["today_not_after"]:
        return False
    if nxt.startswith("ال") and nxt.endswith("ي") and nxt not in g.w["today_ok_after"]:
        return False
    return not (c.f[max(0, s - 1):s] in ("«", '"', "“") and c.f[e:e + 1] in ("»", '"', "”"))


def _weekday_h(m: re.Match[str], c: _Ctx) -> _Out:
    before = c.prev(m.start())
    if before & (c.g.w["weekday_not_before"] | c.g.w["day_word"]):
        return None  # "صلاة الجمعة"; after يوم the candidate that starts with يوم decides
    wd, k = c.g.weekdays[_k(m.group("wd"))], _rel(c.g, m.group("rel"))
    if c.ref is None:
        return _C(m.start(), m.end(), "DATE", f"XXXX-WXX-{wd}", kind="day")
    d = _weekday(c.ref, wd, k, c.future(m.start()))
    stated = f"XXXX-WXX-{wd}" if k is None else None  # which week is read from the tense
    return _C(m.start(), m.end(), "DATE", d.isoformat(), anchored=True, kind="day", extra="wd", stated=stated)


def _week_day(m: re.Match[str], c: _Ctx) -> _Out:
    """"الأسبوع المقبل يوم الأحد", "الخميس من الأسبوع الماضي": a weekday of a named week."""
    g = c.g
    wd = g.weekdays[_k(m.group("wd") or m.group("wd2"))]
    k = _rel(g, m.group("rel") or m.group("rel2"))
    k = 0 if k is None and (m.group("this0") or m.group("wd2")) else k
    if k is None:
        return None
    if c.ref is None:
        return _C(m.start(), m.end(), "DATE", f"XXXX-WXX-{wd}", kind="day")
    monday = c.ref - dt.timedelta(days=c.ref.isoweekday() - 1) + dt.timedelta(weeks=k)
    day = (monday + dt.timedelta(days=wd - 1)).isoformat()
    return _C(m.start(), m.end(), "DATE", day, anchored=True, kind="day")


def _month_h(m: re.Match[str], c: _Ctx) -> _Out:
    g, key = c.g, _k(m.group("m1"))
    cal, mon = g.months[key]
    if m.group("m2") and g.months[_k(m.group("m2"))] != (cal, mon):
        return None  # "يناير/فبراير" is two months
    day = int(m.group("day")) if m.group("day") else None
    s = m.start("day") if day else m.start("head") if m.group("head") else m.start("m1")
    end, sy = m.end(), m.group("sy")
    after = _day_after_month(m, c) if not day else None
    if after:
        day, year = after
    elif m.group("md") or m.group("mo"):  # a number after the month that is not its day: the month alone
        end, sy = m.end("m2") if m.group("m2") else m.end("m1"), None
    if not after:
        year = _spelled_year(c, sy)
        if sy and not year:
            return None
    k, yoff, e = _suffix(c, end) if not year else (None, None, end)
    if m.group("this") and k is None and yoff is None:
        s, k = m.start("this"), 0  # "هذا أبريل"
    if not (day or m.group("head") or k is not None or yoff is not None):
        if key in g.w["month_needs_word"] or key in g.ambiguous and not c.after_signal(s):
            return None  # مارس "exercised", آب alone
    got = _month_value(c, s, cal, mon, day, k, yoff, year)
    if got is None:
        return None
    return _C(s, e, "DATE", got[0], None, got[1], cal, got[2], prio=(5 if day else 3) if year else 2,
              kind="day" if day else "month", stated=got[3])


def _day_after_month(m: re.Match[str], c: _Ctx) -> tuple[int, int | None] | None:
    """(day, year or None) when a day follows the month ("يناير 1", "يناير الثاني والعشرين، 2018"): it must
    carry a year or end the clause ("يناير 3 قتلى" is no date)."""
    md, mo = m.group("md"), m.group("mo")
    if not (md or mo):
        return None
    d = int(md) if md else _num(_k(mo), c.g.ordinals)
    if not d or d != int(d) or not 1 <= d <= 31:
        return None
    if m.group("dy"):
        year = int(m.group("y")) if m.group("y") else _spelled_year(c, m.group("sy2"))
        return (int(d), year) if year else None
    return (int(d), None) if c.g.end_rx.match(c.f, m.end("md" if md else "mo")) and not m.group("sy") else None


def _weekend_h(m: re.Match[str], c: _Ctx) -> _Out:
    k = _rel(c.g, m.group("rel")) or 0
    if c.ref is None:
        return _C(m.start(), m.end(), "DATE", "XXXX-WXX-WE", kind="period")
    return _C(m.start(), m.end(), "DATE", _shift(c.ref, "W", k) + "-WE", anchored=True, kind="period")


def _period_h(m: re.Match[str], c: _Ctx) -> _Out:
    g, unit, rel = c.g, c.g.periods[_k(m.group("per"))], m.group("rel")
    k = _rel(g, rel) if rel else 0 if m.group("this") else None
    if k is None:
        if not c.mod_before(m.start()):
            return None  # "العام" alone; "نهاية العام" is this year's end
        k = 0
    if unit == "Y" and rel and _k(rel) in g.w["general_after_noun"] and not m.group("this"):
        if any(w.startswith("ال") for w in c.prev(m.start())):
            return None  # "المدير العام السابق": العام is "general"
    if c.ref is None:
        return _C(m.start(), m.end(), "DATE", _XS[unit], kind="period")
    return _C(m.start(), m.end(), "DATE", _shift(c.ref, unit, k), anchored=True, kind="period")


def _quarter_h(m: re.Match[str], c: _Ctx) -> _Out:
    g = c.g
    half = _k(m.group("q")) in g.w["half"]
    o = m.group("o")
    n = (2 if half else 4) if _k(o) in g.w["last_ordinal"] else _num(_k(o), g.ordinals)
    if n is None or not 1 <= n <= (2 if half else 4):
        return None
    y = m.group("y") or m.group("y2") or _spelled_year(c, m.group("sy"))
    k = _rel(g, m.group("rel"))
    code = f"{'H' if half else 'Q'}{int(n)}"
    bare = not (y or m.group("yw"))
    if bare and (half or c.next(m.end()) in g.w["counted_from"] or not c.prev(m.start()) & g.w["signals"]):
        return None  # "في الربع الثاني" (of this year) only; "الربع الأول من المباراة", a half alone: no
    stated = f"XXXX-{code}" if bare else None  # the year is read from the tense
    if bare and c.ref is not None:  # the latest such quarter, or the next one in a future sentence
        cur, fut = (c.ref.month - 1) // 3 + 1, c.future(m.start())
        k = (0 if n >= cur else 1) if fut else (0 if n <= cur else -1)
    if y:
        return _C(m.start(), m.end(), "DATE", f"{y}-{code}", kind="period")
    if c.ref is None:
        return _C(m.start(), m.end(), "DATE", f"XXXX-{code}", kind="period")
    return _C(m.start(), m.end(), "DATE", f"{c.ref.year + (k or 0):04d}-{code}", anchored=True, kind="period",
              stated=stated)


def _season_h(m: re.Match[str], c: _Ctx) -> _Out:
    g, code = c.g, c.g.seasons[_k(m.group("sea"))]
    k = _rel(g, m.group("rel"))
    k = 0 if k is None and m.group("this") else k
    if m.group("y"):
        return _C(m.start(), m.end(), "DATE", f"{m.group('y')}-{code}", kind="period")
    if k is None and not m.group("yrel") and not c.mod_before(m.start()):
        return None  # "الربيع العربي"
    if c.ref is None:
        return _C(m.start(), m.end(), "DATE", f"XXXX-{code}", kind="period")
    if m.group("yrel"):
        value = f"{c.ref.year + (_rel(g, m.group('yrel')) or 0):04d}-{code}"
    else:
        value = _season(c.ref, code, k, c.future(m.start()))
    stated = f"XXXX-{code}" if k is None and not m.group("yrel") else None  # "منتصف الصيف": year from the tense
    return _C(m.start(), m.end(), "DATE", value, anchored=True, kind="period", stated=stated)


def _quant_h(m: re.Match[str], c: _Ctx) -> _Out:
    """Numbers of units: durations ("12 شهرا" P12M), or dates from now ("قبل ثلاثة أشهر", "بعد يومين")."""
    g, grp = c.g, m.group
    form = grp("u1") or grp("u2") or grp("u3") or grp("u4")
    unit, kind = g.units[_k(form)]
    pre = _k(grp("pre")) if grp("pre") else ""
    glued_l = not pre and m.start() > 0 and c.f[m.start() - 1] == "ل"  # "لسنوات"
    framed = bool(pre or grp("apx") or glued_l)
    if grp("u1"):
        n = _num(grp("n"), g.numbers)
        if n is None:
            return None
    elif grp("u2"):
        n = g.fractions[_k(grp("fr"))]
    elif grp("u3"):
        n = None
    elif kind == "dual":
        n = 2
    elif kind == "plural" and (framed or grp("many")):
        nxt = c.next(m.end())
        if nxt[:2] == "ال" or nxt in g.months or nxt in g.w["month_head"] | g.w["plural_not_before"]:
            return None  # "خلال أيام العيد", "أيام شهر رمضان": days of something, not a span
        n = None
    elif kind == "singular" and (pre or grp("whole")) and unit not in g.context_units:
        nxt, before = c.next(m.end()), c.prev(m.start())
        if nxt[:2] == "ال" or nxt[:1].isdigit() or nxt in g.months or nxt in g.deictic:
            return None  # "قبل يوم الجمعة", "خلال شهر رمضان", "منذ عام 2014"
        if pre in g.w["later"] and any(g.units.get(w, ("",))[0] == unit for w in before):
            return None  # "يوما بعد يوم", "عاما بعد عام": an idiom, not a span
        n = 1
    elif kind == "singular_def" and pre in g.w["duration_all"]:
        n = 1  # "طوال اليوم"
    else:
        return None
    if unit in g.context_units and not framed:
        return None  # "عقود النفط" (contracts)
    if grp("half"):
        n = None if n is None else n + 0.5
    s, e = m.start(), m.end()
    # "قبل ثلاثة أشهر من الانتخابات", "بعد أسبوع على الحادث": counted from an event, not from now
    event = g.w["counted_from"] | (g.w["counted_from_after_later"] if pre in g.w["later"] else set())
    follows = c.next(e) in event and not grp("now")
    whole = n is not None and n == int(n)
    mod = "APPROX" if grp("apx") else None
    later = pre in g.w["later"] and c.future(s)  # "سيعود بعد يومين"; "عاد بعد يومين" is a duration
    if (pre in g.w["ago"] or later) and not follows:
        sign = -1 if pre in g.w["ago"] else 1
        if whole:
            if c.ref is None:
                return _C(s, e, "DATE", _XS.get(unit, _XS["D"]), mod, kind="day" if unit == "D" else "")
            value = _shift(c.ref, unit, sign * int(n))
            return _C(s, e, "DATE", value, mod, True, kind="day" if unit == "D" else "")
        if n is None and pre not in g.w["past_signals"]:
            return _C(s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if pre and pre not in g.w["duration_all"]:
        s = m.start("apx") if grp("apx") else next(m.start(x) for x in ("n", "fr", "vq", "u4") if grp(x))
    return _C(s, e, "DURATION", _duration(n, unit), mod)


def _plural_h(m: re.Match[str], c: _Ctx) -> _Out:
    """"الأشهر الثلاثة الماضية" P3M, "الـ 12 شهرا المقبلة" P12M, "الأيام القليلة الماضية" PXD."""
    g = c.g
    unit, kind = g.units[_k(m.group("u"))]
    if not (kind.endswith("_def") or m.group("n0")) or kind.startswith("singular_def"):
        return None
    if m.group("few"):
        n = None
    elif m.group("n0") or m.group("n2"):
        n = _num(_k(m.group("n0") or m.group("n2")).removeprefix("ال").strip(), g.numbers)
    else:
        n = 2 if kind.startswith("dual") else None
    return _C(m.start(), m.end(), "DURATION", _duration(n, unit))


def _set_h(m: re.Match[str], c: _Ctx) -> _Out:
    g = c.g
    if m.group("adv"):
        return _C(m.start(), m.end(), "SET", g.sets[_k(m.group("adv"))])
    if m.group("pd"):
        code = (g.parts | g.eve).get(_k(m.group("pd")), "MO")  # "كل صباح" TMO, "كل ليلة" TNI
        return _C(m.start(), m.end(), "SET", f"T{code}")
    if c.next(m.end()) in g.w["every_not_before"]:
        return None  # "كل عام وأنتم بخير"
    unit, kind = g.units[_k(m.group("u"))]
    if kind.endswith("_def") or unit in g.context_units and not m.group("n"):
        return None
    if m.group("wd") and unit == "D":
        return _C(m.start(), m.end(), "SET", f"XXXX-WXX-{g.weekdays['ال' + _k(m.group('wd'))]}")
    n = _num(m.group("n"), g.numbers) if m.group("n") else 2 if kind == "dual" else 1
    return _C(m.start(), m.end() if not m.group("wd") else m.end("u"), "SET", _duration(n, unit)) if n else None


def _clock_h(m: re.Match[str], c: _Ctx) -> _Out:
    """"الساعة العاشرة والنصف صباحا" T10:30, "12:07 ص" T00:07, "الساعة 7" T07; a bare number is no time."""
    g, grp = c.g, m.group
    h = int(grp("hh")) if grp("hh") else _num(_k(grp("ho")), g.ordinals)
    ap = _k(grp("ap")) if grp("ap") else ""
    mi = int(grp("mi")) if grp("mi") else None
    end = m.end()
    if grp("fp"):
        mi = g.clock_plus[_k(grp("fp"))]
    elif grp("fmin"):
        if grp("mw") or ap:
            mi = _num(_k(grp("fmin")), g.numbers)
            mi = None if mi is None or mi != int(mi) else int(mi)
        else:  # "الثالثة و4 أشخاص": the number is not minutes
            end = max(m.end(x) for x in ("ho", "hh", "mi", "se") if grp(x))
    weak = ap in g.w["weak_clock_markers"] and not (grp("tw") or grp("mi"))  # "5 م" is also five metres
    if grp("ho") and not grp("tw") and not _k(grp("ho")).split()[0].endswith("ه"):
        return None  # hours are feminine ordinals (الثالثة): "الفريق الأول مساء أمس" is no clock
    # "سأعود في السابعة": a bare ordinal hour after في/عند/حتى where its clause ends, in a future sentence or
    # before a part of the day; "في السابعة" in a past sentence is mostly an age, "في الثانية" per second
    bare_hour = (grp("ho") and not ap and c.prev(m.start()) & g.w["bare_hour_after"]
                 and _k(grp("ho")) not in g.units
                 and (g.end_rx.match(c.f, end) and c.future(m.start()) or g.post_rx.match(c.f, end)))
    if not (grp("tw") or grp("mi") or ap and not weak or grp("ho") and (grp("fp") or grp("fm")) or bare_hour):
        return None
    if h is None or not (0 <= h <= 24 and (grp("hh") or 1 <= h <= 12)) or mi is not None and mi > 59:
        return None
    h = int(h)
    marker = g.markers.get(ap) or ("pm" if grp("pre") else None)
    if marker:
        h = _SHIFTS[marker].get(h, h)
    if grp("fm"):
        h, mi = (h - 1) % 24, 60 - g.clock_minus[_k(grp("fm"))]
    se = int(grp("se")) if grp("se") else None
    value = _clock_str(h, None if mi is None else int(mi), se)
    dash = _DASH_BEFORE.search(c.f, max(0, m.start() - 8), m.start()) if grp("hh") and not grp("pre") else None
    if dash:  # "5-6 مساء" is 17 to 18; "فاز 2-1 مساء" is a score
        h1 = int(dash.group(1))
        if not ap or grp("tw") or grp("mi") or h1 >= int(grp("hh")):
            return None
        first = _clock_str(_SHIFTS[marker].get(h1, h1) if marker else h1, None, None)
        return _C(dash.start(), end, "TIME", first, range=(first, value), kind="clock", extra=(h, mi, se, True))
    return _C(m.start(), end, "TIME", value, kind="clock", extra=(h, mi, se, bool(marker)))


_DASH_BEFORE = re.compile(r"(?<![\w:/.\-])(\d{1,2})[^\S\n]*[-–][^\S\n]*\Z")


def _point_h(m: re.Match[str], c: _Ctx) -> _Out:
    if m.group("noon"):  # "سأعود الظهر", "عند الظهر"; not "في الظهر" (the back) nor "صلاة الظهر"
        if not (c.prev(m.start()) & c.g.w["noon_after"] or c.future_verb_before(m.start())):
            return None
        return _C(m.start(), m.end(), "TIME", "T12", kind="clock", extra=(12, None, None, True))
    h = int(c.g.points[_k(m.group("pt"))])
    return _C(m.start(), m.end(), "TIME", _clock_str(h, None, None), kind="clock", extra=(h, None, None, True))


def _part_h(m: re.Match[str], c: _Ctx) -> _Out:
    """Parts of a day: "مساء أمس" 2025-09-26TEV, "ليلة الجمعة" (the eve) ...TNI, "في المساء" TEV."""
    g, grp = c.g, m.group
    s, e = m.start(), m.end()
    if grp("pin"):
        return _C(s, e, "TIME", "T" + g.part_in[_k(grp("pin"))], kind="part")
    if grp("tp") or grp("tn"):
        if grp("tn") and not grp("rel") and not _today_ok(c, s, e):
            return None
        code = g.this_part[_k(grp("tp"))] if grp("tp") else "NI"
        day = c.day(s, e, _rel(g, grp("rel")) or 0)
    else:
        code = g.parts[_k(grp("pd"))] if grp("pd") else g.eve[_k(grp("eve"))]
        word = _k(grp("day") or grp("eday"))
        if word in g.weekdays:
            wd = g.weekdays[word]
            unstated = f"XXXX-WXX-{(wd - 2) % 7 + 1 if grp('eve') else wd}T{code}"
            if c.ref is None:
                return _C(s, e, "TIME", unstated, kind="part")
            k = _rel(g, grp("prel")) if grp("pd") else None
            d = _weekday(c.ref, wd, k, c.future(s)) - dt.timedelta(days=1 if grp("eve") else 0)
            return _C(s, e, "TIME", f"{d.isoformat()}T{code}", anchored=True, kind="part",
                      stated=unstated if k is None else None)
        day = c.day(s, e, g.deictic.get(word, 1))
    day.type, day.kind = "TIME", "part"
    day.add("T" + code)
    return day


def _dom_h(m: re.Match[str], c: _Ctx) -> _Out:
    """Ordinal days: "الخامس من يونيو", "في 15 من الشهر الجاري", "أول يوليو"."""
    g, grp = c.g, m.group
    if grp("od2"):
        if not grp("rel") and c.next(m.end())[:2] == "ال":
            return None  # "التاسع من الشهر الفضيل" is Ramadan, not this month
        d = _num(_k(grp("od2")), g.ordinals) if not grp("od2")[0].isdigit() else int(grp("od2"))
        if not d or not 1 <= d <= 31:
            return None
        if c.ref is None:
            return _C(m.start(), m.end(), "DATE", f"XXXX-XX-{int(d):02d}", kind="day")
        k = _rel(g, grp("rel")) or 0
        y, mo = (c.ref.year, c.ref.month)
        y, mo = (y + (mo + k - 1) // 12, (mo + k - 1) % 12 + 1)
        if d > calendar.monthrange(y, mo)[1]:
            return None
        return _C(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{int(d):02d}", anchored=True, kind="day")
    d = 1 if grp("first") else _num(_k(grp("od")), g.ordinals)
    if not d or not 1 <= d <= 31:
        return None
    cal, mon = g.months[_k(grp("m1") or grp("m3"))]
    if grp("m2") and g.months[_k(grp("m2"))] != (cal, mon):
        return None
    y = grp("y") or grp("y3") or _spelled_year(c, grp("sy"))
    k, yoff, e = _suffix(c, m.end()) if not y else (None, None, m.end())
    got = _month_value(c, m.start(), cal, mon, int(d), k, yoff, int(y) if y else None)
    if got is None:
        return None
    return _C(m.start(), e, "DATE", got[0], None, got[1], cal, kind="day", stated=got[3])


def _vague_h(m: re.Match[str], c: _Ctx) -> _Out:
    return _C(m.start(), m.end(), "DATE", c.g.vague[_k(m.group("v") or m.group("vi"))])


_HANDLERS = {
    "deictic": _deictic, "weekday": _weekday_h, "week_day": _week_day, "month": _month_h, "period": _period_h,
    "weekend": _weekend_h, "quarter": _quarter_h, "season": _season_h, "quant": _quant_h, "plural": _plural_h,
    "set": _set_h, "clock": _clock_h, "point": _point_h, "part": _part_h, "dom": _dom_h, "bareday": _bareday_h, "decade": _decade_h,
    "vague": _vague_h, "year": _year_h, "year_range": _year_range_h, "numday": _numday_h, "nummonth": _nummonth_h,
    "holiday": _holiday_h,
}
