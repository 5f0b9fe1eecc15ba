"""The grammar of `marsad.dates.relative`: lexicon lookups from `lang/ar/time_expressions.yaml`, one regex
per family (in folded spelling: matching runs on `normalize()`d text), and the reading context `_Ctx`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from marsad.arabic.normalize import fold, normalize
from marsad.dates.absolute import _months
from marsad.errors import LexiconError
from marsad.lexicon import load

_S, _S0 = r"[^\S\n]+", r"[^\S\n]*"  # spaces inside one line
_B1 = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"  # word start, after و/ف at most
_B2 = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"  # also after ب/ل/ك (بالأمس، لسنوات)
_R = r"(?!\w)"
# At a word start, after a proclitic letter, or at a digit: implied by _B1, _B2 and a digit (a fast filter).
_NEAR_START = r"(?:(?<![^\Wوفبلك])|(?=\d))"
_XS = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}
_KEYS = ("deictic_days", "relative", "units", "periods", "numbers", "ordinals", "seasons", "parts_of_day",
         "modifiers", "signals", "vague", "set_adverbs", "future_markers", "clock_intro", "clock_markers")


@functools.lru_cache(maxsize=8192)
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


def _trie(words) -> str:
    """One regex for many phrases, as a trie so that matching fails fast; longer phrases first."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [(_S if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        alts += [""] if "" in node else []
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def _alt(words) -> str:
    """Regex for any of `words` in folded spelling; an article ال may also be written لل (للعام)."""
    keys = {_k(w) for w in words}
    return _trie(keys | {"لل" + w[2:] for w in keys if w.startswith("ال")})


class _G:
    """The compiled grammar: lookups and one regex per family, built once from the YAML."""

    def __init__(self) -> None:
        lx, mo = _lx(), load("months")

        def ints(key: str) -> dict[str, int]:
            return {k: int(v) for k, v in _flat(lx[key]).items()}

        self.deictic, self.rel, self.numbers = ints("deictic_days"), ints("relative"), ints("numbers")
        self.ordinals = ints("ordinals") | {_k(w): 10 for w in lx["numbers"][10]}  # "الحادي عشر" 11
        self.year_words = self.numbers | ints("hundreds") | ints("thousands")  # "ألفين وعشرين" 2020
        self.decades = ints("decades")
        self.decades |= {k[2:]: v for k, v in self.decades.items()}  # "سبعينيات القرن الماضي" (construct)
        self.clock_plus, self.clock_minus = ints("clock_plus"), ints("clock_minus")
        self.units: dict[str, tuple[str, str]] = {}
        for code, forms in lx["units"].items():
            for kind in ("singular", "dual", "plural"):
                for w in forms[kind]:
                    self.units[_k(w)] = (code, kind)
                    self.units["ال" + _k(w)] = (code, kind + "_def")
        self.context_units = {c for c, f in lx["units"].items() if f.get("needs_context")}
        self.periods, self.seasons = _flat(lx["periods"]), _flat(lx["seasons"])
        self.parts = _flat(lx["parts_of_day"])
        self.fractions = {k: float(v) for k, v in _flat(lx["fractions"]).items()}
        self.weekdays = {_k(w): int(n) for n, ws in mo["weekdays"].items() for w in ws}
        self.months, self.ambiguous = _months(), {_k(w) for w in mo["ambiguous"]}
        self.eve, self.this_part = _flat(lx["eve"]), _flat(lx["this_part"])
        self.part_in = _flat(lx["part_after_in"])
        self.part_after, self.points = _flat(lx["part_after_day"]), _flat(lx["clock_points"])
        self.markers = _flat(mo["time_markers"]) | _flat(lx["clock_markers"])
        self.mods, self.sets = _flat(lx["modifiers"]), _flat(lx["set_adverbs"])
        self.vague = _flat(lx["vague"]) | _flat(lx["vague_after_in"])
        self.holidays = {_k(w): (cal, tuple(map(int, md.split("-"))))
                         for cal, days in lx["holidays"].items() for md, ws in days.items() for w in ws}
        self.w = {n: {_k(w) for w in lx[n]} for n in (
            "today_not_before", "today_not_after", "today_ok_after", "yesterday_not_after", "general_after_noun",
            "signals", "month_needs_word", "named_date_heads", "every_not_before", "not_future_roots", "ago",
            "later", "duration_all", "tomorrow_after", "year_signals", "year_signals_strong",
            "weekday_not_before",
            "past_signals", "month_head", "plural_not_before", "day_word", "weak_clock_markers", "half",
            "last_ordinal", "range_and", "range_between", "counted_from", "counted_from_after_later",
            "bare_hour_after", "noon_after", "number_heads")}
        self.w["yesterday"] = {w for w, o in self.deictic.items() if o == -1 and " " not in w and w[:2] != "ال"}
        self.not_future = {w[:-1] if w.endswith("ه") else w for w in map(_k, lx["not_future_words"])}
        self.compile(lx, mo)

    def compile(self, lx: dict, mo: dict) -> None:
        a, S, S0, R = _alt, _S, _S0, _R
        wd, mon, rel, this = a(self.weekdays), a(self.months), a(self.rel) + R, a(lx["this"])
        num_w, ow, unit, of = a(self.numbers), a(self.ordinals), a(self.units), a(lx["of"])
        num = rf"(?:\d+(?:[.,]\d+)?|{num_w}{R}(?:(?:{S}|{S0}و{S0}){num_w}{R}){{0,2}})"
        ordn = rf"(?:{ow}{R}(?:(?:{S}|{S0}و{S0}){ow}{R})?)"  # "الحادي عشر", "الثاني والعشرين"
        day, tomorrow = a(lx["day_word"]), a(lx["tomorrow"])
        week, month, year, century = (a(self.periods_of(c)) for c in ("W", "M", "Y", "CE"))
        year_w = a(mo["year_words"])
        def_num = a(["ال" + w for w in self.numbers if " " not in w])
        spelled = (rf"{a(lx['thousands'][1000] + lx['thousands'][2000])}{R}"
                   rf"(?:{S0}و{S0}(?:{a(w for ws in lx['hundreds'].values() for w in ws)}|{num_w}){R}"
                   rf"(?:{S}{a(lx['numbers'][10])}{R})?){{0,3}}")
        mods = a(k for k, v in self.mods.items() if v != "APPROX")
        apx = [k for k, v in self.mods.items() if v == "APPROX"]
        self.day_parts = a(self.parts)
        deic_part = a([w for w, o in self.deictic.items() if o in (0, -1, -2)] + lx["tomorrow"])
        pair = rf"(?:{S0}(?:[/\\\-–]|(?P<par>\()){S0}(?P<m2>{mon}){R}(?(par){S0}\)))?"  # "سبتمبر/ أيلول"
        after = "|".join(f"(?<={re.escape(w)} )" for w in self.w["tomorrow_after"] | set(self.parts))
        in_ = "|".join(f"(?<={re.escape(_k(w))} )" for w in lx["in_words"])
        pre_words = lx["ago"] + lx["later"] + lx["duration_frames"]
        every_part = [*self.parts, *self.eve]
        # family: (priority, words it may start with ("#d": a digit, "#ال": الـ before digits), pattern)
        fams: dict[str, tuple[int, list[str], str]] = {
            "deictic": (2, [*self.deictic, *lx["tomorrow"]],
                        rf"(?P<dw>{a(self.deictic)}|(?:{after}){tomorrow}){R}"
                        rf"(?:{S0}[(,\-]?{S0}(?:{day}{S})?(?P<wd>{wd}){R}(?:{S0}\))?)?"),
            "weekday": (2, [*lx["day_word"], *self.weekdays],
                        rf"(?:{day}{S})?(?P<wd>{wd}){R}(?:{S}(?P<rel>{rel}))?"),
            "week_day": (3, [*lx["this"], *self.periods_of("W"), *lx["day_word"], *self.weekdays],
                         rf"(?:(?P<this0>{this}){S})?{week}{S}(?:(?P<rel>{rel}){S})?(?:{day}{S})?(?P<wd>{wd}){R}"
                         rf"|(?:{day}{S})?(?P<wd2>{wd}){S}(?:{of}|{a(lx['in_words'])}){S}(?:(?P<this>{this}){S})?"
                         rf"{week}(?:{S}(?P<rel2>{rel}))?{R}"),
            "month": (2, [*lx["this"], "#d", *lx["month_head"], *self.months],
                      rf"(?:(?P<this>{this}){S})?(?:(?P<day>\d{{1,2}}){S0}(?:{of}{S})?)?"
                      rf"(?:(?P<head>{a(lx['month_head'])}){S})?(?P<m1>{mon}){R}" + pair
                      # the day after the month: "يناير 1", "يناير الثاني والعشرين، 2018"
                      + rf"(?:(?:{S0}(?P<md>\d{{1,2}})(?![\d%٪]|[.,:/\-]\d)|{S}(?P<mo>{ordn}))"
                      rf"(?P<dy>{S0}[,،]?{S0}(?:{of}{S})?(?:{year_w}{S})?(?:(?P<y>\d{{4}})(?!\d)|(?P<sy2>{spelled})))?)?"
                      rf"(?:{S0}[,،]?{S0}(?:{year_w}{S})?(?P<sy>{spelled}))?"),
            "weekend": (3, lx["weekend"],
                        rf"{a(lx['weekend'])}{S}(?:(?P<this>{this}){S})?{week}{R}(?:{S}(?P<rel>{rel}))?"),
            "period": (2, [*lx["this"], *self.periods],
                       rf"(?:(?P<this>{this}){S})?(?P<per>{a(self.periods)}){R}(?:{S}(?P<rel>{rel}))?"),
            "quarter": (3, lx["quarter"] + lx["half"],
                        rf"(?P<q>{a(lx['quarter'] + lx['half'])}){S}(?P<o>{ordn}|{a(lx['last_ordinal'])}){R}"
                        rf"(?:(?:{S}{of})?{S}(?:(?:(?P<this>{this}){S})?(?P<yw>{year_w})(?:{S}(?P<rel>{rel}))?"
                        rf"(?:{S0}(?:(?P<y>\d{{4}})|(?P<sy>{spelled})))?|(?P<y2>\d{{4}}))(?!\d))?"),
            "season": (2, [*lx["this"], *lx["season_head"], *self.seasons],
                       rf"(?:(?P<this>{this}){S})?(?:{a(lx['season_head'])}{S})?(?P<sea>{a(self.seasons)}){R}"
                       rf"(?:{S}(?P<rel>{rel}))?(?:{S}(?:{of}{S})?"
                       rf"(?:(?:{this}{S})?(?P<yw>{year}){S}(?P<yrel>{rel})"
                       rf"|(?:{year_w}{S0})?(?P<y>\d{{4}})))?"),
            "quant": (2, [*pre_words, *apx, "#d", *self.numbers, *self.fractions, *lx["vague_counts"],
                          *self.units],
                      rf"(?:(?P<pre>{a(pre_words)}){S})?(?:(?P<apx>{a(apx)}){S})?(?:(?P<n>{num}){S0}(?:-{S0})?"
                      rf"(?P<u1>{unit})|(?P<fr>{a(self.fractions)}){S}(?P<u2>{unit})"
                      rf"|(?P<vq>{a(lx['vague_counts'])}){S}(?P<u3>{unit})|(?P<u4>{unit})){R}"
                      rf"(?:{S}(?P<whole>{a(lx['whole'])}){R}|{S0}و(?P<half>{a(lx['fractions']['0.5'])}){R}"
                      rf"|{S}(?P<many>{a(lx['vague_adjectives'])}){R})?"
                      rf"(?P<now>{S}{a(lx['from_now'])}{R})?"),
            "plural": (3, ["#ال", *self.units],
                       rf"(?:ال{S0}(?P<n0>\d+){S0})?(?P<u>{unit}){R}(?:{S}(?P<n2>{def_num}|ال{S0}\d+))?"
                       rf"(?:{S}(?P<few>{a(lx['few'])}))?{S}(?P<rel>{a(lx['plural_relative'])}){R}"),
            "set": (2, [*self.sets, *lx["every"]],
                    rf"(?P<adv>{a(self.sets)}){R}"
                    rf"|(?P<every>{a(lx['every'])}){S}(?:(?P<n>{num}){S})?(?P<u>{unit}){R}"
                    rf"(?:{S}(?:ال)?(?P<wd>{a(w[2:] for w in self.weekdays)}){R})?"
                    rf"|{a(lx['every'])}{S}(?P<pd>{a(every_part)}){R}"),
            "clock": (3, [*lx["clock_markers_before"]["pm"], *lx["clock_intro"], "#d", *self.ordinals],
                      rf"(?:(?P<pre>{a(lx['clock_markers_before']['pm'])}){S})?"
                      rf"(?:(?P<tw>{a(lx['clock_intro'])}){S0})?"
                      rf"(?:(?<![\d:./])(?P<hh>\d{{1,2}})(?:(?P<sep>:|(?(tw)\.|(?!)))(?P<mi>\d{{2}})"
                      rf"(?::(?P<se>\d{{2}}))?)?(?![\d:])(?![.,/\-]\d)|(?P<ho>{ordn}))"
                      rf"(?:{S0}و{S0}(?P<fp>{a(self.clock_plus)}){R}"
                      rf"|{S}{a(lx['clock_minus_word'])}{S}(?P<fm>{a(self.clock_minus)}){R}"
                      rf"|{S0}و{S0}(?P<fmin>\d{{1,2}}|{num})(?P<mw>{S}{a(lx['minute_words'])})?)?"
                      rf"(?:{S0}(?P<ap>{a(self.markers)}){R})?"
                      rf"(?P<tz>{S}{a(lx['time_zone_word'])}{S}\w+(?:{S}{a(lx['time_zone_tail'])})?)?"),
            "point": (2, [*self.points, *lx["noon_words"]],
                      rf"(?:(?P<pt>{a(self.points)})|(?P<noon>{a(lx['noon_words'])})){R}"),
            "holiday": (3, [*lx["day_word"], *self.holidays],
                        rf"(?:{day}{S})?(?P<hol>{a(self.holidays)}){R}(?:{S}(?P<rel>{rel})|{S}(?:{year_w}{S})?"
                        rf"(?P<y>\d{{4}})(?!\d))?"),
            # "في 22/4", "سأعود 4/22": a day and a month without a year (see numeric_date_after)
            "numday": (2, ["#d"], r"(?<![\d\-])(?P<na>\d{1,2})(?P<sep>[/.\-])(?P<nb>\d{1,2})(?![\d%٪])(?![.,/:\-]\d)"),
            # "3/2015", "2015-3": a month of a year
            "nummonth": (2, ["#d"], r"(?<![\d\-/.])(?:(?P<mm>\d{1,2})/(?P<my>\d{4})|(?P<ym>\d{4})-(?P<mn>\d{1,2}))"
                                    r"(?![\d%٪])(?![.,/:\-]\d)"),
            "part": (2, [*self.parts, *self.eve, *lx["this"], *lx["tonight"], *self.part_in],
                     rf"(?P<pd>{self.day_parts}){S}(?:(?:{of}{S})?{day}{S})?(?P<day>{deic_part}|{wd}){R}"
                     rf"(?:{S}(?P<prel>{rel}))?"
                     rf"|(?P<eve>{a(self.eve)}){S}(?:{day}{S})?(?P<eday>{deic_part}|{wd}){R}"
                     rf"|(?P<this>{this}){S}(?P<tp>{a(self.this_part)}){R}"
                     rf"|(?P<tn>{a(lx['tonight'])}){R}(?:{S}(?P<rel>{rel}))?"
                     rf"|(?:{in_})(?P<pin>{a(self.part_in)}){R}"),
            "dom": (4, [*lx["day_word"], "#d", *self.ordinals, *lx["first_day"]],
                    rf"(?:{day}{S})?(?P<od>{ordn}){S}{of}{S}(?:{a(lx['month_head'])}{S})?(?P<m1>{mon}){R}{pair}"
                    rf"(?:{S0}[,،]?{S0}(?:(?:{of}{S})?{year_w}{S})?(?:(?P<y>\d{{4}})|(?P<sy>{spelled})))?"
                    rf"|(?:{day}{S})?(?P<od2>{ordn}|\d{{1,2}}){S}{of}{S}(?:(?P<this>{this}){S})?{month}"
                    rf"(?:{S}(?P<rel>{rel}))?{R}|(?P<first>{a(lx['first_day'])}){S}(?P<m3>{mon}){R}"
                    rf"(?:{S0},?{S0}(?:{year_w}{S})?(?P<y3>\d{{4}}))?"),
            "bareday": (2, ["#d"],  # "يوم 27", "سأعود في 15": a day number alone, at a clause end or before a clock
                        rf"(?P<bd>\d{{1,2}})(?![\d%٪])(?![.,:/\-]\d)(?={S0}(?:[.!?؟،,;:\n)]|$)"
                        rf"|{S}(?:{a(lx['clock_intro'])}|{self.day_parts}){R})"),
            "decade": (2, [*self.decades, *self.periods_of("CE")],
                       rf"(?P<dec>{a(self.decades)}){R}(?:{S}(?:{of}{S})?{century}{S}(?P<crel>{rel}|{ordn}))?"
                       rf"|{century}{S}(?P<cord>{ordn}){R}"),
            "vague": (1, list(self.vague),
                      rf"(?P<v>{a(w for ws in lx['vague'].values() for w in ws)}){R}"
                      rf"|(?<={re.escape(_k(lx['year_in'][0]))} )"
                      rf"(?P<vi>{a(w for ws in lx['vague_after_in'].values() for w in ws)}){R}"),
            "year": (2, [*lx["year_signals"], *self.mods, *lx["year_in"], *lx["dual_year_word"], *mo["year_words"]],
                     rf"(?P<sig>{a(lx['year_signals'])}|{mods}|{a(lx['year_in'])}){S}(?P<y>\d{{4}})"
                     rf"(?![\d%٪]|[.,]\d){R}(?P<tail>{S0}(?:[.,;:!?)\n]|$|و))?"
                     rf"|(?P<dual>{a(lx['dual_year_word'])}){S}(?P<ya>\d{{4}}){S0}و{S0}(?P<yb>\d{{4}}){R}"
                     rf"|(?P<yw>{year_w}){S}(?:(?P<sy>{spelled})|(?P<y3>\d{{3}})(?![\d%٪]|[.,]\d){R}"
                     rf"(?={S0}(?:[.,;:!?)\n]|$)))"),
            "year_range": (5, [*lx["range_from"], "#d"],
                           rf"(?:(?P<p>{a(lx['range_from'])}){S}"
                           rf"(?:{a([*mo['year_words'], *lx['dual_year_word']])}{S})?)?"
                           rf"(?<![\d/])(?P<y1>\d{{4}}){S0}(?P<c>[-–/]|{a(lx['range_to'])}){S0}(?:{year_w}{S})?"
                           rf"(?P<y2>\d{{4}})(?![\d/])(?!{S0}ه)"),
        }
        comp = functools.partial(re.compile, flags=re.IGNORECASE)
        self.fam = {name: (comp(pattern), prio) for name, (prio, _, pattern) in fams.items()}
        # The first word of each family's phrases -> the families to try where that word starts.
        self.starts: dict[str, tuple[str, ...]] = {}
        for name, (_, words, _) in fams.items():
            for w in words:
                key = w if w.startswith("#") else _k(w).split()[0]
                self.starts[key] = (*self.starts.get(key, ()), name)
        # Words that only start a year ("في 2024", "من 2014 إلى 2018") are tried only before a number.
        years = [w for w, f in self.starts.items() if w[0] != "#" and set(f) <= {"year", "year_range"}]
        words = [w for w in self.starts if w[0] != "#" and w not in years]
        # _NEAR_START first: what every branch needs, checked once, rules out most positions inside a word.
        self.trigger_rx = comp(rf"{_NEAR_START}(?:{_B2}(?P<w>{a(words)}){R}|{_B1}(?P<y>{a(years)})(?={S}\d)"
                               rf"|(?<![0-9A-Za-z_.,:/])(?P<d>\d)|(?<!\w)(?P<a>ال)(?={S0}\d))")
        head = a(lx["month_head"])
        self.pre_rx = comp(rf"(?:{_B2}(?P<mod>{a(self.mods)})(?:{S}{head})?|{_B2}(?P<pd>{self.day_parts})"
                           rf"(?:{S}{day})?|{_B2}(?P<head>{head})){S}\Z")
        self.suffix_rx = comp(rf"{S}(?:(?P<rel>{rel})"
                              rf"|{of}{S}(?:(?P<this>{this}){S})?{year}(?:{S}(?P<rel2>{rel}))?{R})")
        self.post_rx = comp(rf"{S}(?P<pd>{a(self.part_after)}){R}")
        self.bare_lead_rx = comp(rf"{_B1}(?:(?P<day>{day})|{a(lx['bare_day_after'])}){S}\Z")
        self.numdate_lead_rx = comp(rf"{_B1}(?:(?P<day>{day})|{a(lx['numeric_date_after'])}){S}\Z")
        # where a clause ends (or a clock or a part of the day follows): a bare number there may be a date
        self.end_rx = comp(rf"{S0}(?:[.!?؟،,;:\n)]|$)|{S}(?:{a(lx['clock_intro'])}|{self.day_parts}){R}")
        self.day_gap_rx = comp(rf"{S0}[,،(]?{S0}")
        self.gap_rx = comp(rf"{S0}[,|\-–]?{S0}(?:{a(lx['clock_day_links'])}{S})*")
        self.range_gap_rx = comp(rf"{S0}(?:[-–]|{a(lx['range_to'])}){S0}")
        self.range_pre_rx = comp(rf"{_B1}(?P<p>{a(lx['range_from'])}){S}\Z")
        # "من 4 إلى 23 الشهر المقبل", "بين 10 و15 من الشهر الجاري": days of a month named by a period
        self.month_days_rx = comp(rf"(?:{_B1}(?P<p>{a(lx['range_from'])}){S})?(?<![\d.,/])(?P<d1>\d{{1,2}}){S0}"
                                  rf"(?P<c>[-–]|{a(lx['range_to'])}){S0}(?P<d2>\d{{1,2}}){S0}"
                                  rf"(?:(?:{a(lx['in_words'])}|{of}){S})?\Z")
        self.day_range_rx = comp(rf"(?:{_B1}(?P<p>{a(lx['range_from'])}){S})?(?<![\d.,/])(?P<d1>\d{{1,2}}){S0}"
                                 rf"(?P<c>[-–]|{a(lx['range_to'])}){S0}\Z")
        self.future_rx = comp(_B1 + a(lx["future_markers"]) + R)
        prefixes = "|".join(_k(p) for p in lx["future_prefixes"])
        self.fprefix_rx = comp(rf"(?<!\w)[وف]?(?P<w>(?:{prefixes})\w{{2,}})")
        self.word_before = comp(rf"(\w+){S0}[\"«“(]?{S0}\Z")
        self.word_after = comp(rf"{S0}[\"»”)]?{S0}(\w+)")

    def periods_of(self, code: str) -> list[str]:
        return [w for w, c in self.periods.items() if c == code]


@functools.cache
def _g() -> _G:
    return _G()


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
    # The value without what the context inferred (a year from the tense, the week of a bare weekday):
    # None when nothing was inferred, so it is `value`. `stated_range` goes with it when `range` is set.
    stated: str | None = None
    stated_range: tuple[str, str] | None = None

    def say(self) -> str:
        """The stated value (see `stated`)."""
        return self.value if self.stated is None else self.stated

    def say_range(self) -> tuple[str, str] | None:
        return self.range if self.stated is None else self.stated_range

    def add(self, tail: str) -> None:
        """Append to the value and the stated value alike ("T" + a part of day or a clock)."""
        self.value += tail
        if self.stated is not None:
            self.stated += tail


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

    def future(self, pos: int) -> bool | None:
        """Is the sentence before `pos` in the future tense (سوف، من المقرر، سيزور ...)? None: surely past."""
        if self.prev(pos) & self.g.w["past_signals"]:
            return None  # "منذ 29 يونيو" looks back whatever the verb
        a = max(0, pos - 80)  # the verb that governs a time expression stands close before it
        a = max(a, *(self.f.rfind(ch, a, pos) + 1 for ch in ".!?\n"))
        if self.g.future_rx.search(self.f, a, pos):
            return True
        return any(self._future_verb(m) for m in self.g.fprefix_rx.finditer(self.f, a, pos))

    def _future_verb(self, m: re.Match[str]) -> bool:
        """Is this word with the prefix سـ a verb in the future (سيزور), not a noun (سياسة، ساعة)?"""
        w, o = m.group("w"), self.map.to_original(m.start("w") + 1)
        if any(w.startswith(n) and w[len(n):] in _NOUN_ENDINGS for n in self.g.not_future):
            return False
        if any(w.startswith(r) for r in self.g.w["not_future_roots"]):
            return False  # سألته (asked)
        if m.start() and self.f[m.start() - 1] in "(«\"":
            return False  # a word opening brackets or quotes is a name or a gloss: (سنتكوم)
        # ساعة، سابق (no hamza: not سأ); ستائر، سنابل (a bare alef after the prefix)
        return not (w[1] == "ا" and self.text[o] != "أ" or w[2] == "ا" and self.text[o + 1:o + 2] == "ا")

    def future_verb_before(self, pos: int) -> bool:
        """Is the word just before `pos` a verb in the future ("سأعود الظهر")?"""
        b = self.g.word_before.search(self.f, max(0, pos - 40), pos)
        m = b and self.g.fprefix_rx.fullmatch(self.f, b.start(1), b.end(1))
        return bool(m and self._future_verb(m))

    def after_signal(self, pos: int) -> bool:
        return bool(self.prev(pos) & (self.g.w["signals"] | set(self.g.mods)))

    def mod_before(self, pos: int) -> bool:
        m = self.g.pre_rx.search(self.f, max(0, pos - 30), pos)
        return bool(m and m.group("mod"))

    def day(self, s: int, e: int, off: int) -> _C:
        if self.ref is None:
            return _C(s, e, "DATE", _XS["D"], kind="day")
        return _C(s, e, "DATE", (self.ref + dt.timedelta(days=off)).isoformat(), anchored=True, kind="day")


# Endings a noun of `not_future_words` may take ("سياسته"); a verb's are longer ("سيدعم" is not سيد + عم).
_NOUN_ENDINGS = {"", "ه", "ي", "يه", "يا", "ات", "ين", "ون", "يين", "يون", "ته", "تها", "تهم", "ها", "هم", "نا"}


def _variants(w: str) -> set[str]:
    out = {w}
    if len(w) > 3 and w[0] in "وفبلك":
        out.add(w[1:])
        if w[1] in "بلك":
            out.add(w[2:])
    return out
