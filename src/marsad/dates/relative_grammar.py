"""The grammar behind `marsad.dates.relative`: lexicon lookups, one regex per family, and the calendar
arithmetic that turns "الأسبوع الماضي" or "قبل ثلاثة أشهر" into a TIMEX3 value.

Patterns run on folded text (`marsad.arabic.normalize`), so they are written in folded spelling.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from hijridate import Gregorian

from marsad.arabic.normalize import fold, normalize
from marsad.dates.absolute import _months
from marsad.errors import LexiconError
from marsad.lexicon import load

_S, _S0 = r"[^\S\n]+", r"[^\S\n]*"  # spaces inside one line
_B1 = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"  # word start, after و/ف at most
_B2 = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"  # also after ب/ل/ك (بالأمس، لسنوات)
_R = r"(?!\w)"
_XS = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}
_KEYS = ("deictic_days", "relative", "units", "periods", "numbers", "ordinals", "seasons", "parts_of_day",
         "modifiers", "signals", "vague", "set_adverbs", "future_markers", "clock_intro", "clock_markers")


def _k(s: str) -> str:
    """Lookup key: folded, one space; "لل" of a proclitic ل before the article read as "ال"."""
    s = " ".join(fold(s).split())
    return "ال" + s[2:] if s.startswith("لل") else s


@functools.cache
def _lx() -> dict[str, Any]:
    data = load("time_expressions")
    missing = [k for k in _KEYS if k not in data]
    if missing:
        raise LexiconError(f"lang/ar/time_expressions.yaml: keys {missing} missing")
    return data


def _flat(d: dict) -> dict[str, Any]:
    """{value: [phrases]} -> {folded phrase: value}."""
    return {_k(p): v for v, ps in d.items() for p in ps}


def _alt(words, bound: str = _B1) -> str:
    """Regex for any of `words` (folded, longest first); ال-words also after ب/ل/ك and as لل-."""
    alts = []
    for w in sorted({_k(w) for w in words}, key=len, reverse=True):
        p = re.escape(w).replace(r"\ ", _S)
        alts.append(f"{_B2}(?:ال|لل){p[2:]}" if w.startswith("ال") else bound + p)
    return "(?:" + "|".join(alts) + ")"


class _G:
    """The compiled grammar: lookups and one regex per family, built once from the YAML."""

    def __init__(self) -> None:
        lx, mo = _lx(), load("months")
        self.deictic = {k: int(v) for k, v in _flat(lx["deictic_days"]).items()}
        self.rel = {k: int(v) for k, v in _flat(lx["relative"]).items()}
        self.units: dict[str, tuple[str, str]] = {}
        for code, forms in lx["units"].items():
            for kind in ("singular", "dual", "plural"):
                for w in forms[kind]:
                    self.units[_k(w)] = (code, kind)
                    self.units["ال" + _k(w)] = (code, kind + "_def")
        self.context_units = {c for c, f in lx["units"].items() if f.get("needs_context")}
        self.periods = _flat(lx["periods"])
        self.numbers = {k: int(v) for k, v in _flat(lx["numbers"]).items()}
        self.ordinals = {k: int(v) for k, v in _flat(lx["ordinals"]).items()} | {"عشر": 10, "عشره": 10}
        self.fractions = {k: float(v) for k, v in _flat(lx["fractions"]).items()}
        self.weekdays = {_k(w): int(n) for n, ws in mo["weekdays"].items() for w in ws}
        self.months = _months()
        self.ambiguous = {_k(w) for w in mo["ambiguous"]}
        self.seasons, self.parts, self.eve = _flat(lx["seasons"]), _flat(lx["parts_of_day"]), _flat(lx["eve"])
        self.this_part, self.part_in = _flat(lx["this_part"]), _flat(lx["part_after_in"])
        self.part_after = _flat(lx["part_after_day"])
        self.points = _flat(lx["clock_points"])
        self.markers = _flat(mo["time_markers"]) | _flat(lx["clock_markers"])
        self.mods, self.vague = _flat(lx["modifiers"]), _flat(lx["vague"]) | _flat(lx["vague_after_in"])
        self.sets, self.decades = _flat(lx["set_adverbs"]), {k: int(v) for k, v in _flat(lx["decades"]).items()}
        self.clock_plus = {k: int(v) for k, v in _flat(lx["clock_plus"]).items()}
        self.clock_minus = {k: int(v) for k, v in _flat(lx["clock_minus"]).items()}
        words = {n: {_k(w) for w in lx[n]} for n in (
            "today_not_before", "today_not_after", "today_ok_after", "yesterday_not_after", "general_after_noun",
            "signals", "month_needs_word", "named_date_heads", "every_not_before", "not_future_words", "ago",
            "later", "duration_all", "tomorrow_after", "year_signals", "weekday_not_before", "past_signals", "month_head")}
        self.w = words
        self.not_future = {w[:-1] if w.endswith("ه") else w for w in words["not_future_words"]}
        self.compile(lx, mo)

    def compile(self, lx: dict, mo: dict) -> None:
        a = _alt
        wd, mon, rel = a(self.weekdays), a(self.months, ""), a(self.rel) + _R
        this, num_w = a(lx["this"]), a(self.numbers, "")
        num = rf"(?:\d+(?:[.,]\d+)?|{num_w}{_R}(?:(?:{_S}|{_S0}و{_S0}){num_w}{_R}){{0,2}})"
        ow = a(self.ordinals, "")
        ordn = rf"(?:{ow}{_R}(?:(?:{_S}|{_S0}و{_S0}){ow}{_R})?)"
        def_num = a(["ال" + w for w in self.numbers if " " not in w])
        unit = a(self.units, _B2)
        per = a(self.periods) + _R
        mods = a(k for k, v in self.mods.items() if v != "APPROX")
        self.day_parts = a(self.parts)
        deic_part = a([w for w, o in self.deictic.items() if o in (0, -1, -2)] + ["الغد"])
        year_w = a(["عام", "العام", "سنة", "السنة"])
        comp = functools.partial(re.compile, flags=re.IGNORECASE)
        # a month named twice: "سبتمبر/ أيلول", "مايو (أيار)"
        pair = rf"(?:{_S0}(?:[/\\\-–]|(?P<par>\()){_S0}(?P<m2>{mon}){_R}(?(par){_S0}\)))?"
        after = "|".join(f"(?<={re.escape(w)} )" for w in self.w["tomorrow_after"] | set(self.parts))
        self.fam: list[tuple[str, re.Pattern[str], int]] = [
            ("deictic", comp(rf"(?P<dw>{a(self.deictic, _B2)}|(?:{after})الغد){_R}(?:{_S0}[(,\-]?{_S0}(?:يوم{_S})?"
                             rf"(?P<wd>{wd}){_R}(?:{_S0}\))?)?"), 2),
            ("weekday", comp(rf"(?:{_B2}يوم{_S})?(?P<wd>{wd}){_R}(?:{_S}(?P<rel>{rel}))?"), 2),
            ("week_day", comp(rf"(?:{this}{_S})?(?P<per>{a(['الأسبوع'])}){_S}(?:(?P<rel>{rel}){_S})?(?:يوم{_S})?"
                              rf"(?P<wd>{wd}){_R}|(?:يوم{_S})?(?P<wd2>{wd}){_S}(?:من|في){_S}(?:(?P<this>{this}){_S})?"
                              rf"{a(['الأسبوع'])}(?:{_S}(?P<rel2>{rel}))?{_R}"), 3),
            ("month", comp(rf"{_B2}(?:(?P<this>{this}){_S})?(?:(?P<day>\d{{1,2}}){_S0}(?:من{_S})?)?(?:(?P<head>شهر){_S})?(?P<m1>{mon}){_R}"
                           + pair), 2),
            ("weekend", comp(rf"{a(lx['weekend'])}{_S}(?:(?P<this>{this}){_S})?{a(['الأسبوع'])}{_R}"
                             rf"(?:{_S}(?P<rel>{rel}))?"), 3),
            ("period", comp(rf"(?:(?P<this>{this}){_S})?(?P<per>{per})(?:{_S}(?P<rel>{rel}))?"), 2),
            ("quarter", comp(rf"(?P<q>{a(lx['quarter'] + lx['half'])}){_S}(?P<o>{ordn}|{a(lx['last_ordinal'])}){_R}"
                             rf"(?:{_S}من)?{_S}(?:(?:(?P<this>{this}){_S})?(?P<yw>{year_w})(?:{_S}(?P<rel>{rel}))?"
                             rf"(?:{_S0}(?P<y>\d{{4}}))?|(?P<y2>\d{{4}}))"), 3),
            ("season", comp(rf"(?:(?P<this>{this}){_S})?(?:{a(lx['season_head'])}{_S})?(?P<sea>{a(self.seasons)}){_R}"
                            rf"(?:{_S}(?P<rel>{rel}))?(?:{_S}(?:من{_S})?(?:(?:{this}{_S})?(?P<yw>{a(['العام', 'السنة'])})"
                            rf"{_S}(?P<yrel>{rel})|(?:{year_w}{_S0})?(?P<y>\d{{4}})))?"), 2),
            ("quant", comp(rf"{_B2}(?:(?P<pre>{a(lx['ago'] + lx['later'] + lx['duration_frames'], '')}){_S})?"
                           rf"(?:(?P<apx>{a((k for k, v in self.mods.items() if v == 'APPROX'), '')}){_S})?"
                           rf"(?:(?P<n>{num}){_S0}(?:-{_S0})?(?P<u1>{unit})|(?P<fr>{a(self.fractions)}){_S}(?P<u2>{unit})"
                           rf"|(?P<vq>{a(lx['vague_counts'], '')}){_S}(?P<u3>{unit})|(?P<u4>{unit})){_R}"
                           rf"(?:{_S}(?P<whole>{a(lx['whole'])}){_R}|{_S0}و(?P<half>نصف){_R})?"
                           rf"(?P<now>{_S}{a(lx['from_now'])}{_R})?"), 2),
            ("plural", comp(rf"{_B2}(?:ال{_S0}(?P<n0>\d+){_S0})?(?P<u>{unit}){_R}(?:{_S}(?P<n2>{def_num}|ال{_S0}\d+))?"
                            rf"(?:{_S}(?P<few>{a(lx['few'])}))?{_S}(?P<rel>{a(lx['plural_relative'])}){_R}"), 3),
            ("set", comp(rf"(?P<adv>{a(self.sets)}){_R}|(?P<every>{a(lx['every'])}){_S}(?:(?P<n>{num}){_S})?(?P<u>{unit}){_R}"
                         rf"(?:{_S}(?:ال)?(?P<wd>{a(w[2:] for w in self.weekdays)}){_R})?"
                         rf"|{a(lx['every'])}{_S}(?P<pd>{a(['صباح', 'مساء', 'ليلة', 'ظهر'])}){_R}"), 2),
            ("clock", comp(rf"{_B1}(?:(?P<pre>{a(lx['clock_markers_before']['pm'])}){_S})?(?:(?P<tw>{a(lx['clock_intro'])}){_S0})?"
                           rf"(?:(?<![\d:./])(?P<hh>\d{{1,2}})(?:(?P<sep>:|(?(tw)\.|(?!)))(?P<mi>\d{{2}})(?::(?P<se>\d{{2}}))?)?"
                           rf"(?![\d:])(?![.,/\-]\d)|(?P<ho>{ordn}))(?:{_S0}و{_S0}(?P<fp>{a(self.clock_plus, '')}){_R}"
                           rf"|{_S}{a(lx['clock_minus_word'])}{_S}(?P<fm>{a(self.clock_minus, '')}){_R}"
                           rf"|{_S0}و{_S0}(?P<fmin>\d{{1,2}}|{num})(?P<mw>{_S}{a(lx['minute_words'])})?)?"
                           rf"(?:{_S0}(?P<ap>{a(self.markers, '')}){_R})?(?P<tz>{_S}{a(lx['time_zone_word'])}{_S}\w+"
                           rf"(?:{_S}المكرمه)?)?"), 3),
            ("point", comp(rf"(?P<pt>{a(self.points)}){_R}"), 2),
            ("part", comp(rf"(?P<pd>{self.day_parts}){_S}(?:(?:من{_S})?يوم{_S})?(?P<day>{deic_part}|{wd}){_R}"
                          rf"(?:{_S}(?P<prel>{rel}))?|(?P<eve>{a(self.eve)}){_S}(?:يوم{_S})?(?P<eday>{deic_part}|{wd}){_R}"
                          rf"|(?P<this>{this}){_S}(?P<tp>{a(self.this_part)}){_R}"
                          rf"|(?P<tn>{a(lx['tonight'])}){_R}(?:{_S}(?P<rel>{rel}))?"
                          rf"|(?:(?<=في )|(?<=خلال ))(?P<pin>{a(self.part_in)}){_R}"), 2),
            ("dom", comp(rf"(?:يوم{_S})?(?P<od>{ordn}){_S}من{_S}(?:شهر{_S})?(?P<m1>{mon}){_R}{pair}"
                         rf"(?:{_S0},?{_S0}(?:(?:من{_S})?{year_w}{_S})?(?P<y>\d{{4}}))?"
                         rf"|(?:يوم{_S})?(?P<od2>{ordn}|\d{{1,2}}){_S}من{_S}(?:(?P<this>{this}){_S})?الشهر"
                         rf"(?:{_S}(?P<rel>{rel}))?{_R}|(?P<first>{a(lx['first_day'])}){_S}(?P<m3>{mon}){_R}"
                         rf"(?:{_S0},?{_S0}(?:{year_w}{_S})?(?P<y3>\d{{4}}))?"), 4),
            ("decade", comp(rf"(?P<dec>{a(self.decades)}){_R}(?:{_S}(?:من{_S})?{a(['القرن'])}{_S}(?P<crel>{rel}|{ordn}))?"
                            rf"|{a(['القرن'])}{_S}(?P<cord>{ordn}){_R}"), 2),
            ("vague", comp(rf"(?P<v>{a(lx['vague'].get('PRESENT_REF', []) + lx['vague']['PAST_REF'] + lx['vague']['FUTURE_REF'])})"
                           rf"{_R}|(?<=في )(?P<vi>{a(w for ws in lx['vague_after_in'].values() for w in ws)}){_R}"), 1),
            ("year", comp(rf"(?P<sig>{a(self.w['year_signals'])}|{mods}|في){_S}(?P<y>\d{{4}})(?![\d%٪]|[.,]\d){_R}"
                          rf"(?P<tail>{_S0}(?:[.,;:!?)\n]|$|و))?|(?P<dual>عامي){_S}(?P<ya>\d{{4}}){_S0}و{_S0}(?P<yb>\d{{4}}){_R}"), 2),
            ("year_range", comp(rf"(?:(?P<p>{a(lx['range_from'])}){_S}(?:{a(['عام', 'العام', 'عامي'])}{_S})?)?(?<![\d/])"
                                rf"(?P<y1>\d{{4}}){_S0}(?P<c>[-–/]|{a(lx['range_to'], '')}){_S0}(?:{year_w}{_S})?"
                                rf"(?P<y2>\d{{4}})(?![\d/])(?!{_S0}ه)"), 5),
        ]
        self.pre_rx = comp(rf"(?:(?P<mod>{a(self.mods)})(?:{_S}شهر)?|(?P<pd>{self.day_parts})(?:{_S}يوم)?"
                           rf"|(?P<head>{a(lx['month_head'])})){_S}\Z")
        self.suffix_rx = comp(rf"{_S}(?:(?P<rel>{rel})|من{_S}(?:(?P<this>{this}){_S})?{a(['العام', 'السنة'])}"
                              rf"(?:{_S}(?P<rel2>{rel}))?{_R})")
        self.post_rx = comp(rf"{_S}(?P<pd>{a(self.part_after, '')}){_R}")
        self.day_gap_rx = comp(rf"{_S0}[,(]?{_S0}")
        self.gap_rx = comp(rf"{_S0}[,|\-–]?{_S0}(?:(?:في|عند|من|يوم|وذلك){_S})*(?:تمام{_S})?")
        self.range_gap_rx = comp(rf"{_S0}(?:[-–]|{a(lx['range_to'], '')}|وحتي|ولغايه){_S0}")
        self.range_pre_rx = comp(rf"(?P<p>{a(lx['range_from'])}){_S}\Z")
        self.day_range_rx = comp(rf"(?:(?P<p>{a(lx['range_from'])}){_S})?(?P<d1>\d{{1,2}}){_S0}(?P<c>[-–]|"
                                 rf"{a(lx['range_to'], '')}){_S0}\Z")
        self.future_rx = comp(a(lx["future_markers"]) + _R)
        self.fprefix_rx = comp(rf"(?<!\w)[وف]?(?P<w>(?:{'|'.join(_k(p) for p in lx['future_prefixes'])})\w{{2,}})")
        self.word_before = comp(rf"(\w+){_S0}[\"«“(]?{_S0}\Z")
        self.word_after = comp(rf"{_S0}[\"»”)]?{_S0}(\w+)")


@functools.cache
def _g() -> _G:
    return _G()


# --- values --------------------------------------------------------------------------------
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


def _year_of(now: tuple[int, int, int], m: int, d: int | None, k: int | None, future: bool) -> int:
    """Year of month `m` (day `d`) seen from `now` (y, m, d): k from a relative word, else the tense."""
    cy, cm, cd = now
    if k == 0:
        return cy
    if k is None:
        tgt, cur = ((m, d), (cm, cd)) if d else (m, cm)
        return (cy if tgt >= cur else cy + 1) if future else (cy if tgt <= cur else cy - 1)
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


@dataclass(slots=True)
class _C:
    """A candidate timex in folded-text coordinates; `kind` says what it may merge with."""

    s: int
    e: int
    type: str
    value: str
    mod: str | None = None
    anchored: bool = False
    cal: str = "gregorian"
    range: tuple[str, str] | None = None
    prio: int = 2
    kind: str = ""  # day | part | clock | month | year | period | range | ""
    extra: Any = None


class _Ctx:
    """One text being read: folded text, map back, publication date, word-context helpers."""

    def __init__(self, g: _G, text: str, ref: dt.date | None) -> None:
        n = normalize(text)
        self.g, self.text, self.f, self.map, self.ref = g, text, n.text, n.map, ref

    def prev(self, pos: int) -> set[str]:
        """The word before `pos`, with and without a proclitic."""
        m = self.g.word_before.search(self.f, max(0, pos - 40), pos)
        return _variants(m.group(1)) if m else set()

    def next(self, pos: int) -> str:
        m = self.g.word_after.match(self.f, pos)
        return m.group(1) if m else ""

    def future(self, pos: int) -> bool:
        """Is the sentence before `pos` in the future tense (سوف، من المقرر، سيزور ...)?"""
        if self.prev(pos) & self.g.w["past_signals"]:
            return False  # "منذ 29 يونيو" looks back whatever the verb
        a = max(0, pos - 120)
        a = max(a, *(self.f.rfind(ch, a, pos) + 1 for ch in ".!?\n"))
        if self.g.future_rx.search(self.f, a, pos):
            return True
        for m in self.g.fprefix_rx.finditer(self.f, a, pos):
            w, o = m.group("w"), self.map.to_original(m.start("w") + 1)
            if any(w.startswith(n) and w[len(n):] in _NOUN_ENDINGS for n in self.g.not_future):
                continue
            if w[1] == "ا" and self.text[o] != "أ" or w[2] == "ا" and self.text[o + 1:o + 2] == "ا":
                continue  # ساعة، سابق (no hamza: not سأ); ستائر، سنابل (a bare alef after the prefix)
            return True
        return False

    def after_signal(self, pos: int) -> bool:
        return bool(self.prev(pos) & (self.g.w["signals"] | set(self.g.mods)))

    def mod_before(self, pos: int) -> bool:
        m = self.g.pre_rx.search(self.f, max(0, pos - 30), pos)
        return bool(m and m.group("mod"))

    def day(self, s: int, e: int, off: int) -> _C:
        if self.ref is None:
            return _C(s, e, "DATE", _XS["D"], kind="day")
        return _C(s, e, "DATE", (self.ref + dt.timedelta(days=off)).isoformat(), anchored=True, kind="day")


_NOUN_ENDINGS = {"", "ه", "ي", "يه", "يا", "ات", "ين", "ون", "يين", "يون", "ته", "تها", "تهم", "ها", "هم", "نا"}


def _variants(w: str) -> set[str]:
    out = {w}
    if len(w) > 3 and w[0] in "وفبلك":
        out.add(w[1:])
        if w[1] in "بلك":
            out.add(w[2:])
    return out
