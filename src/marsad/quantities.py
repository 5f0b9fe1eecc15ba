"""Number reading for the quantities stage: the lexicon from `lang/ar/numbers.yaml`, a tokenizer over
folded text, digit strings ("2,500", "٢٫٥") and the number-word grammar ("ألفين وخمسمئة" = 2500).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from marsad.arabic import chars
from marsad.arabic.normalize import fold
from marsad.errors import LexiconError
from marsad.lexicon import load

# Proclitic combinations a number word, qualifier, label or dual noun may carry ("وثلاثة", "بنحو",
# "لعام", "ليومين"). Forms of three letters or fewer take only و and ب: "لست" is "I am not", not 6.
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")
_SHORT_PROCLITICS = ("و", "ب", "وب")
_KEYS = ("ones", "tens", "hundreds", "scales", "fractions", "vague", "qualifiers_before",
         "qualifiers_after", "range_between", "range_from", "range_to", "change_words", "percent",
         "unit_list", "adjectives", "label_heads", "ordinals", "not_counted", "half_word", "eras")


@dataclass(frozen=True, slots=True)
class Word:
    """A number word: kind is unit | ten | hundred | scale | dual | plural | fraction | vague."""

    kind: str
    value: float
    low: float | None = None  # vague words only
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    words: tuple[str, ...]  # folded tokens of the form
    lemma: str
    kind: str  # count | measure


@dataclass(frozen=True, slots=True)
class Lexicon:
    numbers: dict[str, tuple[Word, int]]  # folded form with proclitic -> (word, proclitic length)
    vague: dict[str, Word]  # folded vague word -> bounds (عشرات, آلاف ...)
    units: dict[str, tuple[Unit, ...]]  # first folded token -> forms, longest first
    definite_units: dict[str, Unit]  # "الجنود" -> جندي: a counted noun after a vague word
    duals: dict[str, tuple[Unit, int]]  # "ليومين" -> (يوم, proclitic length)
    before: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # last token -> (tokens, qualifier)
    after: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first token -> (tokens, qualifier)
    percent: tuple[tuple[str, ...], ...]
    between: dict[str, int]  # "بين"/"وبين" -> proclitic length
    between_ma: str  # "ما" of "ما بين"
    range_from: dict[str, int]
    range_to: frozenset[str]
    change: tuple[str, ...]
    labels: frozenset[str]
    not_counted: frozenset[str]
    adjectives: frozenset[str]
    half: frozenset[str]  # "ونصف" and "نصف"
    calendar: frozenset[str]  # month and weekday names (and the first word of two-word months)
    eras: frozenset[str]  # "م", "ه", "ميلادي": the number before is a year


def key(s: str) -> str:
    return " ".join(fold(s).split())


def _with_proclitics(form: str) -> dict[str, int]:
    out = {form: 0}
    for p in _SHORT_PROCLITICS if len(form) <= 3 else _PROCLITICS:
        out.setdefault(p + form, len(p))
    if form.startswith("ال"):  # ل + ال is written لل ("وللمادة"), and ل alone before a lam ("للواء")
        for p in ("لل", "ولل", "فلل") if form[2:3] != "ل" else ("ل", "ول", "فل"):
            out.setdefault(p + form[2:], len(p))
    return out


def _accusative(form: str) -> list[str]:
    """The folded form and, unless it ends in alef or ة (folded to ه), its accusative with alef:
    "جندي" -> "جنديا", "شهر" -> "شهرا" (the tanween is gone after folding)."""
    return [form] if form[-1] in "اه" or " " in form else [form, form + "ا"]


@functools.cache
def lexicon() -> Lexicon:
    data: dict[str, Any] = load("numbers")
    missing = [k for k in _KEYS if k not in data]
    if missing:
        raise LexiconError(f"lang/ar/numbers.yaml: key(s) {missing} missing")
    words: dict[str, Word] = {}
    for kind, table in (("unit", data["ones"]), ("ten", data["tens"]), ("hundred", data["hundreds"])):
        for value, forms in table.items():
            for f in forms:
                words[key(f)] = Word(kind, float(value))
    for value, forms in data["scales"].items():
        for kind, names in (("scale", forms["singular"]), ("dual", forms["dual"]), ("plural", forms["plural"])):
            for f in names:
                for form in _accusative(key(f)) if kind == "scale" else [key(f)]:
                    words[form] = Word(kind, float(value))  # "خمسون ألفا": accusative singular
    for f, value in data["fractions"].items():
        words[key(f)] = Word("fraction", float(value))
    vague = {key(f): Word("vague", 0.0, lo, hi) for f, (lo, hi) in data["vague"].items()}
    for f, w in vague.items():
        words.setdefault(f, w)  # آلاف stays a scale plural; the grammar reads it as vague when alone
    numbers: dict[str, tuple[Word, int]] = {}
    for f, w in words.items():
        for form, plen in _with_proclitics(f).items():
            numbers.setdefault(form, (w, plen))

    units: dict[str, list[Unit]] = {}
    definite: dict[str, Unit] = {}
    duals: dict[str, tuple[Unit, int]] = {}
    for entry in data["unit_list"]:
        lemma, kind = entry["lemma"], entry["kind"]
        if kind not in ("count", "measure"):
            raise LexiconError(f"lang/ar/numbers.yaml: unit {lemma}: kind must be count or measure")
        for form in entry["forms"]:
            for variant in _accusative(key(form)):
                unit = Unit(tuple(t for _, t, _, _, _ in tokens(variant)), lemma, kind)
                units.setdefault(unit.words[0], []).append(unit)
                definite.setdefault("ال" + variant, unit)
        for form in entry.get("dual", ()):
            for variant, plen in _with_proclitics(key(form)).items():
                duals.setdefault(variant, (Unit((key(form),), lemma, kind), plen))

    def phrases(groups: dict[str, list[str]], last: bool) -> dict[str, tuple]:
        out: dict[str, list] = {}
        for qual, forms in groups.items():
            for f in forms:
                toks = tuple(key(f).split())
                out.setdefault(toks[-1 if last else 0], []).append((toks, qual))
        return {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in out.items()}

    def proclitic_forms(forms: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in forms:
            out.update(_with_proclitics(key(f)))
        return out

    months = load("months")
    calendar = [n for fam in months["families"].values() for names in fam["months"].values() for n in names]
    calendar += [n for names in months["weekdays"].values() for n in names]
    between = [f for f in data["range_between"] if " " not in f]
    return Lexicon(
        numbers=numbers, vague=vague,
        units={k: tuple(sorted(v, key=lambda u: -len(u.words))) for k, v in units.items()},
        definite_units=definite, duals=duals,
        before=phrases(data["qualifiers_before"], last=True),
        after=phrases(data["qualifiers_after"], last=False),
        percent=tuple(tuple(t for _, t, _, _, _ in tokens(key(f))) for f in data["percent"]),
        between=proclitic_forms(between), between_ma=key("ما"),
        range_from=proclitic_forms(data["range_from"]),
        range_to=frozenset(key(f) for f in data["range_to"]),
        change=tuple(key(f) for f in data["change_words"]),
        labels=frozenset(proclitic_forms(data["label_heads"])),
        not_counted=frozenset(key(f) for f in data["not_counted"] + data["ordinals"] + data["eras"] + calendar),
        adjectives=frozenset(key(f) for f in data["adjectives"]),
        half=frozenset({key(data["half_word"]), "و" + key(data["half_word"])}),
        calendar=frozenset(w for c in calendar for w in (key(c), key(c).split()[0])),
        eras=frozenset(key(f) for f in data["eras"]),
    )


# --- tokens over folded text ------------------------------------------------------------------
# Kinds: N digits (ASCII after folding, with . and , inside, or the Saudi press agency's reversed
# decimal "01ر32" = 32.01), A Arabic word, L other word (Latin, with trailing digits so "F16" is one
# token), P one other character.
_TOKEN = re.compile(
    rf"(\s*)(?:([0-9]+(?:[.,][0-9]+)*(?:ر[0-9]+)?)|([{chars.LETTER_CLASS}]+)|([^\W\d_]+[0-9]*)|(\S))"
)
_KINDS = ("", "", "N", "A", "L", "P")


Tok = tuple[str, str, int, int, bool]


def tokens(folded: str) -> list[Tok]:
    """(kind, text, start, end, after_line_break) of every token of the folded text."""
    kinds = _KINDS
    return [(kinds[m.lastindex], m.group(m.lastindex), m.start(m.lastindex), m.end(), "\n" in m.group(1))
            for m in _TOKEN.finditer(folded)]


def digits_value(s: str, before_scale: bool) -> float | None:
    """The value of a digit string, or None when it is no plain number (dates, lists, phone numbers).

    "2,500" -> 2500; "2.5" -> 2.5; "2,5" -> 2.5 (Arabic comma as decimal); "2.500" -> 2500 unless a
    scale word follows ("2.500 مليار" stays 2.5e9); "1.200.000" -> 1200000; "14.01.2026" -> None;
    "50ر1" -> 1.5 (the reversed decimal of some Saudi agencies).
    """
    if "ر" in s:  # "01ر32": the decimals are written first
        frac, _, whole = s.partition("ر")
        return float(whole + "." + frac) if frac.isdigit() and whole.isdigit() else None
    if len(s) > 1 and s[0] == "0" and s[1].isdigit():
        return None  # 0770..., 007: codes and phone numbers
    if "," in s and "." in s:
        whole, _, frac = s.rpartition(".")
        groups = whole.split(",")
        if "," in frac or not _thousands(groups):
            return None
        return float("".join(groups) + "." + frac)
    for sep in ",.":
        if sep not in s:
            continue
        groups = s.split(sep)
        if len(groups) == 2 and (len(groups[1]) != 3 or before_scale or groups[0] == "0"):
            return float(groups[0] + "." + groups[1])
        return float("".join(groups)) if _thousands(groups) else None
    return float(s) if len(s) <= 12 else None


def _thousands(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def lemma_of(word: str) -> str:
    """The unit of a counted noun missing from the lexicon, from its surface form: marks dropped,
    the article and the accusative alef taken off ("مستشارًا" -> مستشار, "المتظاهرين" -> متظاهرين)."""
    word = fold(word, ("presentation_forms", "controls", "diacritics", "tatweel"))
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if len(word) >= 4 and word.endswith("ا") and not word.endswith("ايا"):
        word = word[:-1]
    return word


def changing(lex: Lexicon, toks: list[Tok], s: int) -> bool:
    """True when a change word ("ارتفع", "تراجع") sits in the four words before "من"."""
    for k in range(max(0, s - 4), s):
        w = toks[k][1]
        w = w[1:] if w[:1] in ("و", "ف") and len(w) > 3 else w
        w = w[2:] if w.startswith("ال") else w
        if any(w.startswith(c) and len(w) - len(c) <= 2 for c in lex.change):
            return True
    return False


# --- the number grammar -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Parse:
    """A number read from tokens [start, end): `value`, or `low`/`high` for a vague amount."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    lead: int = 0  # length of a proclitic glued to the first word ("وثلاثة"): outside the span
    words: int = 0  # how many number words (not digits) it holds
    small_word: bool = False  # a lone واحد/اثنان: not a quantity by itself
    scale: float | None = None  # the trailing scale word's value ("3 ملايين" -> 1e6)
    multiplier: float | None = None  # what the trailing scale multiplied ("3 ملايين" -> 3)
    digits: bool = False  # starts with digits

    @property
    def vague(self) -> bool:
        return self.value is None


def _scale_after(lex: Lexicon, toks: list, j: int) -> bool:
    if j >= len(toks) or toks[j][0] != "A":
        return False
    hit = lex.numbers.get(toks[j][1])
    return bool(hit and not hit[1] and hit[0].kind in ("scale", "plural", "dual"))


def _plural_bounds(lex: Lexicon, form: str, w: Word) -> tuple[float | None, float | None]:
    v = lex.vague.get(form)
    return (v.low, v.high) if v else (2 * w.value, 10 * w.value - 1)


def parse_number(lex: Lexicon, toks: list, i: int) -> list[Parse]:
    """Every reading of a number starting at token i, shortest first: a range may need a prefix
    ("بين عشرة وعشرين" is عشرة then عشرين, not 30). Empty when token i starts no number."""
    n = len(toks)
    kind, text = toks[i][0], toks[i][1]
    total = group = 0.0
    frac: float | None = None  # a leading fraction waiting for its scale ("ربع مليون")
    last_scale = mult = None
    lead = nwords = 0
    prev: Word | None = None  # the previous component when it was a word
    if kind == "N":
        v = digits_value(text, _scale_after(lex, toks, i + 1))
        if v is None:
            return []
        group = v
    else:
        hit = lex.numbers.get(text) if kind == "A" else None
        if hit is None:
            return []
        prev, lead = hit
        nwords = 1
        if prev.kind == "scale" and text.endswith("ا"):
            return []  # "ألفا" / "مليونا" open no number: accusative after a count, or a name (ألفا)
        if prev.kind in ("vague", "plural"):
            low, high = _plural_bounds(lex, text[lead:], prev) if prev.kind == "plural" else (prev.low, prev.high)
            return _vague(lex, toks, i, low, high, lead)
        if prev.kind == "fraction":
            frac = prev.value
        elif prev.kind in ("scale", "dual"):
            mult = 2.0 if prev.kind == "dual" else 1.0
            total, last_scale = mult * prev.value, prev.value
        else:
            group = prev.value
    out: list[Parse] = []
    j = i + 1
    while True:
        if frac is None:
            done = not group
            out.append(Parse(i, j, _clean(total + group), None, None, lead, nwords,
                             nwords == 1 and prev is not None and prev.kind == "unit" and prev.value <= 2,
                             last_scale if done else None, mult if done else None, kind == "N"))
        if j >= n or toks[j][4] or j - i > 24:
            break  # never across a line break; no real number has more words (keeps junk linear)
        t = toks[j]
        waw, k = False, j
        if t[1] == "و" and t[0] == "A" and j + 1 < n and not toks[j + 1][4]:
            waw, k = True, j + 1  # "و 20", "و20": the و is its own token before digits
            t = toks[k]
        if t[0] == "N":
            # Digits join only after a scale: "مليون و200 ألف"; "2500 و300" is two numbers.
            v = digits_value(t[1], _scale_after(lex, toks, k + 1)) if waw and last_scale and not group else None
            if v is None:
                break
            group, prev, j = v, None, k + 1
            continue
        hit = lex.numbers.get(t[1]) if t[0] == "A" else None
        if hit is None:
            break
        w, plen = hit
        if plen:
            if waw or plen != 1 or t[1][0] != "و":
                break
            waw = True
        if kind == "N" and waw and last_scale is None:
            break  # "2500 وثلاثة": two numbers
        if w.kind == "fraction":
            if not waw or w.value != 0.5 or not (group or last_scale):
                break
            total, group = (total + 0.5 * last_scale, group) if not group else (total, group + 0.5)
            frac, nwords, prev, j = None, nwords + 1, w, k + 1
            out.append(Parse(i, j, _clean(total + group), None, None, lead, nwords, False, None, None, kind == "N"))
            break
        step = _combine(w, waw, prev, group, frac)
        if step is None:
            break
        if step[0] == "group":
            group = step[1]
        else:
            m = step[1] if step[1] is not None else (2.0 if w.kind == "dual" else 1.0)
            total += m * w.value
            group, frac, last_scale, mult = 0.0, None, w.value, m
        prev, nwords, j = w, nwords + 1, k + 1
    return out


def _clean(v: float) -> float:
    """Drop binary noise from scaling decimals: 2.05 * 1e9 is 2050000000, not 2049999999.9999998."""
    return float(f"{v:.12g}")


def _combine(w: Word, waw: bool, prev: Word | None, group: float, frac: float | None):
    """How a later word `w` joins what came before: ("group", new group) or ("scale", multiplier,
    None for a plain scale or a dual); None when it cannot join."""
    if w.kind in ("vague", "fraction"):
        return None
    if w.kind in ("scale", "dual", "plural"):
        if frac is not None:
            return ("scale", frac) if w.kind == "scale" and not waw else None  # ربع مليون
        if waw:
            return ("scale", None) if w.kind != "plural" and not group else None  # مليون وألفان
        if w.kind == "dual" or group <= 0:
            return None
        return "scale", group  # ثلاثة آلاف, خمسة وعشرون ألفا, 2.5 مليار
    if frac is not None:
        return None
    if waw:
        return "group", group + w.value
    # Juxtaposed words: a teen (خمسة عشر) or hundreds written apart (ثلاث مئة).
    if prev is not None and prev.kind == "unit" and prev.value < 10:
        if w.kind == "unit" and w.value == 10:
            return "group", group + 10
        if w.kind == "hundred" and w.value == 100 and prev.value >= 3:
            return "group", group - prev.value + prev.value * 100
    return None


def _vague(lex: Lexicon, toks: list, i: int, low, high, lead: int) -> list[Parse]:
    """A vague word, and with the scale after it: "عشرات الآلاف" -> 20000..99999, "بضعة آلاف"."""
    out = [Parse(i, i + 1, None, low, high, lead, 1)]
    j = i + 1
    if j < len(toks) and toks[j][0] == "A" and not toks[j][4]:
        t = toks[j][1]
        hit = lex.numbers.get(t) or (lex.numbers.get(t[2:]) if t.startswith("ال") else None)
        if hit and not hit[1] and hit[0].kind in ("plural", "scale"):
            s = hit[0].value
            high = (high + 1) * s - 1 if high else None  # عشرات الآلاف: up to 99999
            out.append(Parse(i, j + 1, None, low * s if low else None, high, lead, 2))
    return out
