"""Absolute dates in Arabic news text (Gregorian, Levantine, Maghrebi and Hijri months), as exact spans.

One grammar, built once from `lang/ar/months.yaml`; values are ISO strings in the Gregorian calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from hijridate import Hijri

from marsad.arabic import chars
from marsad.arabic.normalize import fold
from marsad.errors import LexiconError
from marsad.lexicon import load

Calendar = Literal["gregorian", "hijri"]
Precision = Literal["minute", "day", "month", "year"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One absolute date: `text[start:end] == text`. For Hijri dates year/month/day are Hijri and
    `value` is the Gregorian equivalent; `range` is the first and last Gregorian day of a
    month- or year-precision date whose year is known."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    calendar: Calendar
    value: str
    precision: Precision
    range: tuple[str, str] | None = None


# --- folding and regex building blocks ------------------------------------------------------
# Matching runs on the original text with patterns that accept every spelling `fold()` merges, so
# spans need no offset map; matched words are folded only to look them up.
_D = "[0-9٠-٩۰-۹]"
_WS = "[ \t\u00a0\u2000-\u200b\u200e\u200f\u202f]"
_SKIP = f"[{chars.DIACRITIC_CLASS}{chars.CONTROL_CLASS}{chars.TATWEEL}]*"  # what fold() deletes


def _key(s: str) -> str:
    """Lookup key: the project's fold, Latin lowered, runs of spaces as one."""
    return " ".join(fold(s).lower().split())


@functools.cache
def _sources() -> dict[str, str]:
    """Folded letter -> every Arabic-block character that folds to it (ا -> اأإآٱ)."""
    out: dict[str, str] = {}
    for c in map(chr, range(0x0621, 0x0700)):
        f = fold(c)
        if len(f) == 1 and f != c:
            out[f] = out.get(f, f) + c
    return out


def _char(ch: str) -> str:
    if ch == " ":
        return _WS + "+"
    if ch.isascii() and ch.isalpha():
        return f"[{ch}{ch.upper()}]"
    src = _sources().get(ch)
    return ("[" + re.escape(src) + "]" if src else re.escape(ch)) + _SKIP


def _words(words: list[str]) -> str:
    """A regex matching any of `words` in any folded spelling, longest first, as a trie (fails fast)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in _key(w):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [_char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


@functools.cache
def _lexicon() -> dict[str, Any]:
    data = load("months")
    for key in ("families", "weekdays", "time_markers", "eras", "year_words", "proclitics",
                "publication_labels", "date_line_fillers"):
        if key not in data:
            raise LexiconError(f"lang/ar/months.yaml: key '{key}' missing")
    return data


@functools.cache
def _months() -> dict[str, tuple[Calendar, int]]:
    """Folded spelling -> (calendar, month number)."""
    return {_key(name): (fam["calendar"], int(num)) for fam in _lexicon()["families"].values()
            for num, names in fam["months"].items() for name in names}


@functools.cache
def _ambiguous() -> frozenset[str]:
    return frozenset(_key(w) for w in _lexicon()["ambiguous"])


@functools.cache
def _eras() -> dict[str, Calendar]:
    return {_key(w): cal for cal, ws in _lexicon()["eras"].items() for w in ws}


@functools.cache
def _markers() -> dict[str, str]:
    return {_key(w): k for k, ws in _lexicon()["time_markers"].items() for w in ws}


@functools.cache
def _time_regex() -> str:
    """HH:MM[:SS][zone] [marker]; after a time word also H.MM, or a bare hour with a marker."""
    lx = _lexicon()
    ampm = _words([w for ws in lx["time_markers"].values() for w in ws])
    return (rf"(?:(?P<tw>{_words(lx['time_words'])}){_WS}*)?(?P<hh>{_D}{{1,2}})"
            rf"(?:(?::|(?(tw)[.٫]|(?!)))(?P<mi>{_D}{{2}}))?(?::{_D}{{2}}(?:[.,]{_D}+)?)?(?!{_D})"
            rf"(?:Z|[+\-]{_D}{{2}}:?{_D}{{2}})?(?:{_WS}*(?P<ap>{ampm})(?!\w))?")


@functools.cache
def _master() -> re.Pattern[str]:
    lx = _lexicon()
    month = _words(list({n for f in lx["families"].values() for ns in f["months"].values() for n in ns}))
    era = _words([w for ws in lx["eras"].values() for w in ws]) + r"(?!\w)"
    yword = _words(lx["year_words"])
    year = rf"{_D}{{4}}|{_D}{{3}}(?={_WS}*{era})"  # three digits only with an era: 921م
    proc = "(?:" + "|".join(sorted(lx["proclitics"], key=len, reverse=True)) + ")?"
    dlink = _words(lx["day_month_links"])
    mlink = _words(lx["month_year_links"])
    nb = rf"(?={_D})(?<!{_D}[./\-:])"  # a numeric date is not the tail of a longer dotted/dashed number
    ne = rf"(?!{_D})(?![./\-]{_D})"
    # "عام 1436/1437هـ", "2014 - 2015": a span of years is left to the range layer, not read as one year
    no_range = rf"(?!{_WS}?[/\-–]{_WS}?{_D})"
    not_after_range = "".join(rf"(?<!{_D}{a}[/\-–]{b})" for a in ("", " ") for b in ("", " "))
    year_part = (rf"(?:{_WS}*[,،\-–]?{_WS}*(?:(?:{mlink}{_WS}+)?{proc}{yword}{_WS}+)?"
                 rf"(?P<ty>{year})(?!{_D})(?:{_WS}*(?P<tera>{era}))?)")
    # A date starts a word; a number may also follow a glued proclitic or the article (و6 يناير، الـ12 من).
    # (and "بتاريخ16/10/1436هـ": a date glued to its label)
    start = rf"(?:(?<!\w)|(?={_D})(?:(?<=(?<!\w)[وفبل])|(?<=الـ)|(?<=ال)|(?<=تاريخ)))"
    pattern = (
        rf"{start}(?:"
        rf"{nb}(?P<iy>{_D}{{4}}){_WS}*(?P<isep>[-/.]){_WS}*(?P<im>{_D}{{1,2}}){_WS}*(?P=isep){_WS}*(?P<id>{_D}{{1,2}}){ne}"
        rf"(?:{_WS}*(?P<iera>{era}))?"
        rf"|{nb}(?P<nd>{_D}{{1,2}}){_WS}*(?P<nsep>[-/.]){_WS}*(?P<nm>{_D}{{1,2}}){_WS}*(?P=nsep){_WS}*(?P<ny>{_D}{{4}}){ne}"
        rf"(?:{_WS}*(?P<nera>{era}))?"
        rf"|(?:(?P<td>{_D}{{1,2}})(?!{_D}){_WS}*[-–]?{_WS}*(?:{dlink}{_WS}+)?)?{proc}(?P<m1>{month})(?!\w)"
        rf"(?P<pair>(?:{_WS}*(?:[/\\\-–]|(?P<paren>\()){_WS}*|{_WS}+)(?P<m2>{month})(?!\w)(?(paren){_WS}*\)))?"
        rf"{year_part}?"
        rf"|{proc}(?P<yw>{yword}){_WS}*(?P<yy>{year})(?!{_D}){no_range}(?:{_WS}*(?P<yera>{era}))?"
        rf"|(?={_D}){not_after_range}(?P<ey>{_D}{{4}}){_WS}*(?P<eera>{era})"
        rf")(?P<time>(?:T|{_WS}*[,،:\-–—|]?{_WS}*){_time_regex()})?"
    )
    return re.compile(pattern)


# --- values --------------------------------------------------------------------------------
_GREG_YEARS = range(1000, 2200)
_NUMERIC_YEARS = range(1800, 2200)
_SAFE_YEARS = range(1900, 2101)  # for month words that are also common words (مارس 2024 vs "مارس" + a count)
_HIJRI_YEARS = range(1343, 1501)  # what hijridate converts (Umm al-Qura tables)


def _hijri_to_greg(y: int, m: int, d: int) -> dt.date | None:
    """Hijri -> Gregorian; a day 30 that the tables give 29 days (sighting differs) rolls over."""
    if not (1 <= m <= 12 and 1 <= d <= 30 and y in _HIJRI_YEARS):
        return None
    length = Hijri(y, m, 1).month_length()
    g = Hijri(y, m, min(d, length)).to_gregorian()
    return dt.date(g.year, g.month, g.day) + dt.timedelta(days=max(0, d - length))


def _make(text: str, start: int, end: int, cal: Calendar, y: int | None, mo: int | None,
          d: int | None, hm: tuple[int, int] | None) -> DateMatch | None:
    """Validate the fields and compute value, precision and range; None if the date is impossible."""
    rng: tuple[str, str] | None = None
    precision: Precision = "year" if mo is None else "month" if d is None else "day"
    if d is None:
        hm = None  # a clock time only means something on a day
    if cal == "hijri":
        first = _hijri_to_greg(y, mo or 1, d or 1) if y is not None else None
        if first is None:
            return None
        value = first.isoformat()
        if d is None:
            h = Hijri(y, mo or 12, 1)
            rng = (value, (h.to_gregorian() + dt.timedelta(days=h.month_length() - 1)).isoformat())
            value = value[:7] if mo else value[:4]
    else:
        if mo is not None and not 1 <= mo <= 12:
            return None
        if d is not None and not 1 <= d <= calendar.monthrange(y or 2000, mo or 1)[1]:
            return None
        ys = "XXXX" if y is None else f"{y:04d}"
        value = ys if mo is None else f"{ys}-{mo:02d}" if d is None else f"{ys}-{mo:02d}-{d:02d}"
        if y is not None and d is None:
            last_mo = mo or 12
            rng = (f"{y:04d}-{mo or 1:02d}-01", f"{y:04d}-{last_mo:02d}-{calendar.monthrange(y, last_mo)[1]:02d}")
    if hm is not None:
        value += f"T{hm[0]:02d}:{hm[1]:02d}"
        precision = "minute"
    return DateMatch(start, end, text[start:end], y, mo, d, hm[0] if hm else None, hm[1] if hm else None,
                     cal, value, precision, rng)


_SHIFTS: dict[str, dict[int, int]] = {  # 12-hour reading -> 24 hours, per marker kind (see months.yaml)
    "am": {12: 0},
    "pm": {h: h + 12 for h in range(1, 12)},
    "noon": {h: h + 12 for h in range(1, 7)},
    "night": {12: 0} | {h: h + 12 for h in range(6, 12)},
}


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    """(hour, minute) of the time groups in `m`, or None if they are not a valid clock time."""
    ap = m.group("ap")
    if m.group("mi") is None and not (m.group("tw") and ap):
        return None  # a bare number is a time only as "الساعة 10 صباحا"
    h, mi = int(m.group("hh")), int(m.group("mi") or 0)
    if ap:
        h = _SHIFTS.get(_markers().get(_key(ap), ""), {}).get(h, h)
    return (h, mi) if h <= 23 and mi <= 59 else None


@functools.cache
def _weekday_regex() -> re.Pattern[str]:
    lx = _lexicon()
    weekday = _words([w for ws in lx["weekdays"].values() for w in ws])
    lead, link = _words(lx.get("weekday_leads", [])), _words(lx.get("weekday_date_links", []))
    # "اليوم (الأحد) 17/10/1436هـ", "يوم الجمعة الموافق 9/9/1436هـ", "الثلاثاء، 6 يناير"
    return re.compile(rf"(?<!\w)(?:{lead}{_WS}*\(?{_WS}*)?{weekday}(?!\w)(?:{_WS}*\))?{_WS}*[,،\-–]?{_WS}*"
                      rf"(?:{link}{_WS}*:?{_WS}*)?\Z")


def _weekday_before(text: str, start: int) -> int:
    """Start of a weekday name written just before a day date ("الثلاثاء، 6 يناير"), else `start`.
    Checked only around a found date: trying it at every word of the text costs a fifth of the time."""
    m = _weekday_regex().search(text, max(0, start - 45), start)
    return m.start() if m else start


def _build(text: str, m: re.Match[str]) -> DateMatch | None:
    """Turn one grammar match into a DateMatch, or None when the fields do not make a date."""
    g = m.group
    hm = _clock(m) if g("time") else None
    time_end = m.end("time") if hm else None
    if g("iy") or g("nd"):
        iso = bool(g("iy"))
        y, mo, d = (int(g(k)) for k in (("iy", "im", "id") if iso else ("ny", "nm", "nd")))
        if not iso and mo > 12 >= d:  # month-first (US-style templates): 01/14/2026
            mo, d = d, mo
        era_group = "iera" if iso else "nera"
        era = _eras().get(_key(g(era_group))) if g(era_group) else None
        # A Hijri-range year is Hijri even unmarked (Saudi outlets: 10/10/1436); a Gregorian one needs no era.
        cal: Calendar = "hijri" if y in _HIJRI_YEARS and era != "gregorian" else "gregorian"
        if cal == "gregorian" and (y not in _NUMERIC_YEARS or era == "hijri"):
            return None
        end = m.end(era_group) if era else m.end("id" if iso else "ny")
        first = m.start("iy" if iso else "nd")
        return _make(text, _weekday_before(text, first), time_end or end, cal, y, mo, d, hm)
    if g("m1"):
        cal, mo = _months()[_key(g("m1"))]
        other = g("m2") and _months()[_key(g("m2"))] != (cal, mo)
        if other and g("pair").strip():
            return None  # "يناير/فبراير" is a span of months, not one month named twice
        d = int(g("td")) if g("td") else None
        end = m.end("pair") if g("pair") and not other else m.end("m1")  # "سبتمبر أيلول": one month
        y = None
        if g("ty") and not other:
            y = int(g("ty"))
            era = _eras().get(_key(g("tera"))) if g("tera") else None
            if cal == "hijri":
                ok = y in _HIJRI_YEARS and era != "gregorian"
            else:
                safe = d is not None or g("m2") or _key(g("m1")) not in _ambiguous()
                ok = era == "gregorian" or y in (_GREG_YEARS if safe else _SAFE_YEARS) and era != "hijri"
            if ok:
                end = m.end("tera") if era else m.end("ty")
            else:
                y, hm, time_end = None, None, None
        if d is None and y is None and (not g("m2") or other):
            return None  # a month word alone (مارس "exercised", آب) is never a date by itself
        if d is not None:
            start = _weekday_before(text, m.start("td"))
        else:
            start, hm, time_end = m.start("m1"), None, None
        return _make(text, start, time_end or end, cal, y, mo, d, hm)
    if g("yw"):
        y, era = int(g("yy")), _eras().get(_key(g("yera"))) if g("yera") else None
        if era == "hijri" and y in _HIJRI_YEARS:
            return _make(text, m.start("yw"), m.end("yera"), "hijri", y, None, None, None)
        if era == "gregorian" or y in _GREG_YEARS and era != "hijri":
            return _make(text, m.start("yw"), m.end("yera") if era else m.end("yy"), "gregorian", y, None, None, None)
        return None
    y = int(g("ey"))
    if _eras().get(_key(g("eera"))) == "hijri" and y in _HIJRI_YEARS:
        return _make(text, m.start("ey"), m.end("eera"), "hijri", y, None, None, None)
    return None


def find_dates(text: str) -> list[DateMatch]:
    """Every absolute date in `text`, left to right, non-overlapping, with exact spans."""
    rx = _master()
    out: list[DateMatch] = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        dm = _build(text, m)
        if dm is None:
            pos = m.start() + 1
            continue
        out.append(dm)
        pos = max(dm.end, m.start() + 1)
    return out


# --- publication date ----------------------------------------------------------------------
_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2, "minute": 3}


@functools.cache
def _label_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){_words(_lexicon()['publication_labels'])}(?!\w)")


@functools.cache
def _loose_time_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w:]){_time_regex()}")


@functools.cache
def _fillers() -> frozenset[str]:
    lx = _lexicon()
    words = lx["date_line_fillers"] + lx["publication_labels"] + lx["time_words"]
    return frozenset(w for phrase in words for w in _key(phrase).split())


def _only_fillers(s: str) -> bool:
    """True when `s` holds nothing but punctuation, labels and filler words."""
    words = re.sub(r"[^\w]+", " ", _key(s)).split()
    return all(w in _fillers() for w in words)


def _with_time(line: str, dm: DateMatch, dates: list[DateMatch]) -> DateMatch:
    """Attach a clock time written apart from the date on its header line ("10:30 | 6 يناير 2026"),
    or read with the same day in the other calendar ("6 شوال 1436هـ الساعة 1:30 ظهرا الموافق ...")."""
    if dm.precision != "day":
        return dm
    times = [(o.start, o.end, (o.hour, o.minute)) for o in dates
             if o.hour is not None and o.minute is not None and o.value[:10] == dm.value]
    for t in _loose_time_regex().finditer(line):
        hm = _clock(t)
        if hm is not None and not any(o.start <= t.start() < o.end for o in dates):
            times.append((t.start(), t.end(), hm))
    if not times:
        return dm
    a, b, (h, mi) = times[0]
    start, end = min(dm.start, a), max(dm.end, b)
    return replace(dm, start=start, end=end, text=line[start:end], hour=h, minute=mi,
                   value=f"{dm.value}T{h:02d}:{mi:02d}", precision="minute")


def find_publication_date(lines: list[str]) -> tuple[int, DateMatch] | None:
    """Pick the header line that states the publication date and its date (spans index that line).

    Labelled lines ("نشر بتاريخ: ...") and lines that are only a date beat others (which count only
    for a full day on a line of at most 12 words); then a full day beats a month or a year, a label
    beats none, Gregorian beats Hijri, a time beats none, and earlier beats later. A time on the
    line is attached to the chosen day.
    """
    best: tuple[tuple[int, ...], int, DateMatch, list[DateMatch]] | None = None
    for i, line in enumerate(lines):
        found = find_dates(line)
        dates = [d for d in found if d.year is not None]
        if not dates:
            continue
        labels = [lb.end() for lb in _label_regex().finditer(line)]
        outside, prev = [], 0
        for d in found:
            outside.append(line[prev:d.start])
            prev = d.end
        only_date = _only_fillers(" ".join(outside) + " " + line[prev:])
        # The tier belongs to the line: "تاريخ: 17 رجب 1447 هـ الموافق 6 يناير 2026" labels both dates.
        labelled = any(e <= d.start <= e + 40 and _only_fillers(line[e:d.start]) for e in labels for d in found)
        tier = 2 if labelled else 1 if only_date else 0
        for dm in dates:
            full_day = _RANK[dm.precision] >= 2
            if tier == 0 and not (full_day and len(_key(line).split()) <= 12):
                continue
            key = (tier > 0, full_day, tier, dm.calendar == "gregorian", _RANK[dm.precision], -i, -dm.start)
            if best is None or key > best[0]:
                best = (key, i, dm, found)
    if best is None:
        return None
    _, i, dm, dates = best
    return i, _with_time(lines[i], dm, dates)
