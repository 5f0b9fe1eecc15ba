"""Stage `quantities`: numbers with what they count, as exact spans of the clean body.

"بنحو 2500 جندي أميركي" -> span "نحو 2500 جندي", value 2500, APPROX, unit جندي, counts "جندي أميركي".
Reads folded text (digits, hamza and ة folded, marks dropped) and maps spans back to `Article.text`.
Lexicon and decisions: `lang/ar/numbers.yaml`; number grammar: `marsad/quantities.py`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from marsad.arabic.normalize import normalize
from marsad.model import Article, Quantity
from marsad.pipeline import Context, stage
from marsad.quantities import Lexicon, Parse, Tok, Unit, changing, lemma_of, lexicon, parse_number, tokens

_OPEN, _CLOSE = frozenset('"«“(['), frozenset('"»”)]')
_GLUE_BEFORE_DIGITS = frozenset("-–/:+#.×^")  # "F-16", "14/01", "12:07", "+964": not counts
_GLUED_PREFIXES = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "ال", "بال", "وال", "لل"})
_NISBA = ("ي", "يه", "يين", "يون", "يا", "يات")
_ONE_TWO = frozenset({"واحد", "واحدا", "واحده", "اثنان", "اثنين", "اثنتان", "اثنتين"})
_MAX_ADJECTIVES = 2
# A proclitic before ال or before a verbal-noun prefix: "بالعراق", "لتغطية", "بمشاركة" are no tamyiz.
_NOT_NOUN_STARTS = ("لل", "بال", "وال", "فال", "كال", "بم", "بت", "لم", "لت")


@dataclass(slots=True)
class _Found:
    start: int  # folded offsets
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    counts: tuple[int, int] | None  # folded span of the counted noun phrase
    end_tok: int
    noun: tuple[int, int] | None = None  # folded span of a counted noun not in the lexicon


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, sorted and non-overlapping; spans are exact: text[q.start:q.end]."""
    if not text:
        return []
    lex = lexicon()
    norm = normalize(text)
    toks = tokens(norm.text)
    found: list[_Found] = []
    floor = 0  # the first token after the last quantity read
    numbers, duals = lex.numbers, lex.duals
    # only a digit, a number word, a dual or "one/two" can start a quantity: the other tokens are skipped
    for i in [k for k, t in enumerate(toks) if t[0] == "N" or t[1] in _ONE_TWO
              or t[0] == "A" and (t[1] in numbers or t[1] in duals)]:
        if i < floor:
            continue
        kind, word = toks[i][0], toks[i][1]
        f = None
        if kind == "N" or kind == "A" and word in lex.numbers:
            f = _read(lex, toks, i, floor)
        elif kind == "A" and word in lex.duals:
            f = _dual(lex, toks, i, floor)
        if f is None and word in _ONE_TWO and i - 1 >= floor:
            f = _unit_then_number(lex, toks, i)
        if f is None:
            continue
        found.append(f)
        floor = f.end_tok
    out: list[Quantity] = []
    for f in found:
        start, end = norm.original_span(f.start, f.end)
        if out and start < out[-1].end:
            continue
        counts, unit = None, f.unit
        if f.counts:
            cs, ce = norm.original_span(*f.counts)
            counts = text[cs:ce]
        if f.noun:
            ns, ne = norm.original_span(*f.noun)
            unit = lemma_of(text[ns:ne])
        out.append(Quantity(start, end, f.value, f.low, f.high, f.qualifier, unit, counts))
    return out


def _read(lex: Lexicon, toks: list[Tok], i: int, floor: int) -> _Found | None:
    """The quantity whose number starts at token i, or None."""
    context = _digits_context(lex, toks, i) if toks[i][0] == "N" else "ok"
    if context == "no":
        return None
    parses = parse_number(lex, toks, i)
    if not parses:
        return None
    rng = _range(lex, toks, i, floor, parses)
    if rng is not None or context == "dash":
        return rng  # "10-15 يوما" is a range; "2-1", "2014-2017" are nothing
    p = parses[-1]
    if p.small_word:
        return None
    first, last = _wrap(toks, p.start, p.end, floor)
    value = p.value
    if last != p.end and value is not None and last < len(toks) and not toks[last][4]:
        hit = lex.numbers.get(toks[last][1])
        if hit and not hit[1] and hit[0].kind in ("scale", "plural"):
            value, last = value * hit[0].value, last + 1  # «60» ألف زائر
    start = toks[p.start][2] + p.lead if first == p.start else toks[first][2]
    behind = first - 1 if first - 1 >= floor and toks[first - 1][1] == "ال" else first  # "نحو الـ100"
    qual, qstart = _before(lex, toks, behind, floor)
    if qstart is not None:
        start = qstart
    pct_before = first == p.start and first - 1 >= floor and toks[first - 1][1] == "%" \
        and toks[first - 1][3] == toks[first][2] and (first < 2 or toks[first - 2][0] != "N")
    if pct_before and qstart is None:
        start = toks[first - 1][2]
    unit, kind, ue, counts = _unit(lex, toks, last, p)
    if pct_before and kind is None:
        unit, kind, ue = "%", "measure", last
    if kind is None and (qstart is None or p.vague or qual == "AT_MOST" or _next_in(toks, ue, lex.eras)):
        return None  # a bare number ("قتل 15 وأصيب"), a vague word alone, "حتى 15 من شوال"
    if kind == "noun" and p.words == 1 and p.multiplier == 1 and not p.digits \
            or p.vague and _postposed(lex, toks, i):
        return None  # "كتاب ألف قديما" (a verb), "في مجالات عدة مستقبلا" (عدة after its noun)
    if p.digits and p.words == 0 and _year_like(p.value) and kind not in ("count", "measure") \
            and (qstart is None or qual == "AT_MOST"):
        return None  # "2014", "في 2015 أعلن", "حتى 2026"; but "أكثر من 2000 متظاهر" counts
    end = toks[ue - 1][3]
    if value is not None and kind == "measure" and ue < len(toks) and toks[ue][1] in lex.half \
            and toks[ue][1][0] == "و" and not toks[ue][4]:
        value, end, ue = value + 0.5, toks[ue][3], ue + 1  # "ثلاث سنوات ونصف"
    post = _after(lex, toks, ue) or (_after(lex, toks, counts[1]) if counts else None)
    if post is not None and qual == "EXACT":
        qual, end, ue = post[0], toks[post[1] - 1][3], max(ue, post[1])
    if p.vague:
        low, high, value = p.low, p.high, None
        qual = "APPROX" if qual == "EXACT" else qual
    else:
        low = value if qual in ("MORE_THAN", "AT_LEAST") else None
        high = value if qual in ("LESS_THAN", "AT_MOST") else None
    cspan = (toks[counts[0]][2], toks[counts[1] - 1][3]) if counts and kind != "measure" else None
    noun = toks[counts[0]][2:4] if counts and kind == "noun" else None
    return _Found(start, end, value, low, high, qual, unit, cspan, max(ue, last), noun)


def _postposed(lex: Lexicon, toks: list[Tok], i: int) -> bool:
    """True for عدة after the indefinite plural it describes: "في مجالات عدة", "أسابيع عدة"."""
    prev = toks[i - 1] if i else None
    if toks[i][1] != "عده" or prev is None or prev[0] != "A" or prev[1].startswith("ال"):
        return False
    return prev[1].endswith(("ات", "ين", "ون")) and prev[1] not in lex.not_counted or prev[1] in lex.units

def _next_in(toks: list[Tok], j: int, words: frozenset[str]) -> bool:
    return j < len(toks) and toks[j][1] in words


def _year_like(v: float | None) -> bool:
    return v is not None and v.is_integer() and 1900 <= v <= 2100


def _digits_context(lex: Lexicon, toks: list[Tok], i: int, second: bool = False) -> str:
    """"no" for digits that belong to a code, date, clock time, phone number or label; "dash" for
    digits glued to "-" and more digits (a range at best: "10-15 يوما"); else "ok". `second`: the
    second number of a range, which may follow a glued "-"."""
    tok = toks[i]
    if i > 0 and not second:
        prev = toks[i - 1]
        glued = prev[3] == tok[2]
        if prev[0] == "L" or glued and prev[0] == "N":
            return "no"
        if glued and (prev[0] == "P" and prev[1] in _GLUE_BEFORE_DIGITS
                      or prev[0] == "A" and prev[1] not in _GLUED_PREFIXES):
            return "no"
    k = i - 1
    while k >= 0 and (toks[k][1] in _OPEN or toks[k][1] == "ال"):
        k -= 1  # "المادة (140)", "القمة الـ 12"
    if k >= 0 and toks[k][0] == "A" and toks[k][1] in lex.labels:
        return "no"
    j = i + 1
    while j + 1 < len(toks) and toks[j][1] in ("من", "شهر") and j < i + 3:
        j += 1  # "12 من يناير", "15 من شهر شوال"
    if j < len(toks) and toks[j][1] in lex.calendar:
        return "no"
    if i + 2 < len(toks):
        nxt, after = toks[i + 1], toks[i + 2]
        if nxt[1] in "-/:." and nxt[2] == tok[3] and after[0] == "N" and after[2] == nxt[3]:
            return "dash" if nxt[1] == "-" else "no"  # 14/01/2026, 12:07, 2-1, 0770-123
    return "ok"


def _wrap(toks: list[Tok], start: int, end: int, floor: int) -> tuple[int, int]:
    """Widen [start, end) to quotes or brackets hugging the number: "\\"2500\\" عسكري", "(5) مشاريع"."""
    if start - 1 >= floor and end < len(toks) and toks[start - 1][1] in _OPEN and toks[end][1] in _CLOSE \
            and toks[start - 1][3] == toks[start][2] and toks[end - 1][3] == toks[end][2]:
        return start - 1, end + 1
    return start, end


def _match(toks: list[Tok], j: int, words: tuple[str, ...]) -> int:
    """-1 unless tokens from j spell `words` on one line; else the length of a proclitic glued to
    the first word ("بأكثر من" matches أكثر من with 1)."""
    if j < 0 or j + len(words) > len(toks):
        return -1
    plen = 0
    for k, w in enumerate(words):
        t = toks[j + k]
        if t[1] == w and t[0] in "AN" and not (k and t[4]):
            continue
        if k == 0 and t[1].endswith(w) and t[1][:len(t[1]) - len(w)] in _GLUED_PREFIXES:
            plen = len(t[1]) - len(w)
            continue
        return -1
    return plen


def _before(lex: Lexicon, toks: list[Tok], i: int, floor: int) -> tuple[str, int | None]:
    """The qualifier written just before token i and its folded start, else ("EXACT", None).
    The longest phrase wins: "ما لا يزيد على" (AT_MOST) over "يزيد على" (MORE_THAN)."""
    if i - 1 < floor or toks[i][4]:
        return "EXACT", None
    last = toks[i - 1][1]
    options = list(lex.before.get(last, ()))
    for plen in (1, 2):  # a one-word qualifier with a glued proclitic: "بنحو", "وبحوالي"
        if last[:plen] in _GLUED_PREFIXES:
            options += [o for o in lex.before.get(last[plen:], ()) if len(o[0]) == 1]
    for words, qual in sorted(options, key=lambda o: -len(o[0])):
        j = i - len(words)
        plen = _match(toks, j, words) if j >= floor else -1
        if plen >= 0:
            return qual, toks[j][2] + plen
    return "EXACT", None


def _after(lex: Lexicon, toks: list[Tok], j: int) -> tuple[str, int] | None:
    """A qualifier written after the number and unit ("على الأقل"): (qualifier, end token)."""
    if j >= len(toks) or toks[j][4]:
        return None
    for words, qual in lex.after.get(toks[j][1], ()):
        if _match(toks, j, words) == 0:
            return qual, j + len(words)
    return None


def _unit(lex: Lexicon, toks: list[Tok], j: int, p: Parse):
    """(unit, kind, end token, counted-noun tokens (start, end) or None) of what follows the number."""
    n = len(toks)
    none = (None, None, j, None)
    if j >= n or toks[j][4]:
        return none
    t = toks[j]
    if t[1] == "%":
        return "%", "measure", j + 1, None
    for words in lex.percent:
        if _match(toks, j, words) == 0:
            return "%", "measure", j + len(words), None
    if t[0] != "A":
        return none
    definite_ok = p.vague
    if t[1] == "من" and j + 1 < n and not toks[j + 1][4] and toks[j + 1][1].startswith("ال"):
        j, t = j + 1, toks[j + 1]  # "15 من الجنود", "مئات من المتظاهرين"
        if t[1] in lex.definite_units and lex.definite_units[t[1]].kind == "count":
            return _noun(lex, toks, j, j + 1, lex.definite_units[t[1]])
        if not p.vague:  # "حتى 23 من الشهر" is a date
            return none
    for unit in lex.units.get(t[1], ()):
        if _match(toks, j, unit.words) == 0:
            return _noun(lex, toks, j, j + len(unit.words), unit)
    if definite_ok and t[1] in lex.definite_units:
        return _noun(lex, toks, j, j + 1, lex.definite_units[t[1]])
    if not _noun_like(lex, t[1], definite_ok):
        return none
    if t[1] in lex.adjectives:  # "وأصيب ثمانية آخرون": a count, but of nothing named
        return None, "other", j + 1, (j, j + 1)
    return _noun(lex, toks, j, j + 1, Unit((t[1],), "", "noun"))


def _noun_like(lex: Lexicon, w: str, definite_ok: bool) -> bool:
    """Could `w` (folded) be the noun a number counts? Rules out particles, verbs and labels."""
    if len(w) < 2 or w in lex.not_counted or w in lex.numbers or w in lex.labels \
            or w[0] in "لبك" and w[1:] in lex.not_counted:
        return False  # "الذكرى الـ30 لأول"
    if w[0] in "وي" or w.endswith(("وا", "نا")) or w.startswith(_NOT_NOUN_STARTS) and len(w) >= 5:
        return False  # و: a conjunction; ي: an imperfect verb; -وا, -نا: past verbs; بمشاركة
    return definite_ok or not w.startswith("ال")


def _noun(lex: Lexicon, toks: list[Tok], j: int, end: int, unit: Unit):
    """The unit and, for counted things, the noun phrase with up to two adjectives after it."""
    if unit.kind == "measure":
        return unit.lemma, "measure", end, None
    definite = toks[j][1].startswith("ال")
    k = end
    while k < len(toks) and k - end < _MAX_ADJECTIVES and _adjective(lex, toks[k], definite, toks[end - 1][1]):
        k += 1
    return unit.lemma or None, unit.kind, end, (j, k)


def _adjective(lex: Lexicon, t: Tok, definite: bool, noun: str) -> bool:
    w = t[1]
    if t[0] != "A" or t[4] or w.startswith("ال") != definite:
        return False
    bare = w[2:] if definite else w
    if bare in lex.adjectives:
        return True
    if bare.endswith("يا") and not noun.endswith("ا"):
        return False  # "400 جامعة عالميا": an adverb; an adjective would agree ("14 جنديا أميركيا")
    return len(bare) >= 4 and bare[0] not in "وي" and bare.endswith(_NISBA) and not w.startswith(_NOT_NOUN_STARTS) \
        and w not in lex.not_counted and bare not in lex.numbers


def _range(lex: Lexicon, toks: list[Tok], i: int, floor: int, parses: list[Parse]) -> _Found | None:
    """ "بين 10 و20", "ما بين 250 و350 مستشارا", "من 10 إلى 15 يوما", "10-15 يوما" -> BETWEEN."""
    start = None
    join: frozenset[str] | None = None
    s = i - 1
    if s >= floor and toks[s][0] == "A" and not toks[i][4]:
        w = toks[s][1]
        if w in lex.between:
            start, join = toks[s][2] + lex.between[w], lex.range_to | {"و"}
            if s - 1 >= floor and toks[s - 1][1] == lex.between_ma and lex.between[w] == 0:
                start = toks[s - 1][2]
        elif w in lex.range_from:
            if changing(lex, toks, s) or _before(lex, toks, i, floor)[1] is not None:
                return None  # "ارتفع من 2500 إلى 3000": a change; "أكثر من 10": a bound
            start, join = toks[s][2] + lex.range_from[w], lex.range_to
    for x in reversed(parses):
        if x.small_word or x.vague:
            continue
        k = x.end
        if k >= len(toks) or toks[k][4]:
            continue
        t = toks[k]
        if join is None:  # no opener: "10-15 يوما" or "10 إلى 15 يوما" with a known unit only
            dash = t[1] in "-–" and k + 1 < len(toks) and (t[2] == toks[k - 1][3]) == (toks[k + 1][2] == t[3])
            ok = (dash or t[1] in lex.range_to) and not changing(lex, toks, i)
            ystart = k + 1 if ok else None
        elif "و" in join and t[0] == "A" and t[1][0] == "و":
            ystart = k + 1 if t[1] == "و" else (k if t[1] in lex.numbers else None)
        else:
            ystart = k + 1 if t[1] in join else None
        if ystart is None or ystart >= len(toks) or toks[ystart][4]:
            continue
        ys = parse_number(lex, toks, ystart)
        ys = [y for y in ys if not y.vague and not y.small_word]
        if not ys or toks[ystart][0] == "N" and _digits_context(lex, toks, ystart, True) != "ok":
            continue  # "من 10 إلى 15 يناير" is a date range
        y = ys[-1]
        low = x.value
        if y.scale and x.scale is None and y.multiplier and low < y.multiplier:
            low *= y.scale  # "بين 2 و3 ملايين"
        high = y.value
        unit, kind, ue, counts = _unit(lex, toks, y.end, y)
        known = kind in ("count", "measure")
        if _next_in(toks, ue, lex.eras):
            return None  # "بين 610 و632 ميلادي"
        if x.digits and _year_like(x.value) and (join is None or _year_like(high) and not known):
            return None  # "من 2014 إلى 2017", "في 2015 إلى 33 مليار"
        if not known and (join is None or join is lex.range_to) or join is None and low >= high:
            return None  # "من 8 إلى 10 شوال", "من ٧ إلى ٨.٣٠ مساء": unitless from-to is a date or time
        if low > high:
            low, high = high, low
        qs = start if start is not None else toks[i][2] + x.lead
        end = toks[max(ue, y.end) - 1][3]
        cspan = (toks[counts[0]][2], toks[counts[1] - 1][3]) if counts and kind != "measure" else None
        noun = toks[counts[0]][2:4] if counts and kind == "noun" else None
        return _Found(qs, end, None, low, high, "BETWEEN", unit, cspan, max(ue, y.end), noun)
    return None


def _dual(lex: Lexicon, toks: list[Tok], i: int, floor: int) -> _Found | None:
    """A dual noun alone is two of it: "لمدة شهرين" -> 2 months; "يومين اثنين" is covered whole."""
    unit, plen = lex.duals[toks[i][1]]
    start, end, e = toks[i][2] + plen, toks[i][3], i + 1
    if e < len(toks) and toks[e][1] in _ONE_TWO and not toks[e][4]:
        end, e = toks[e][3], e + 1
    qual, qstart = _before(lex, toks, i, floor) if not plen else ("EXACT", None)
    low = 2.0 if qual in ("MORE_THAN", "AT_LEAST") else None
    high = 2.0 if qual in ("LESS_THAN", "AT_MOST") else None
    return _Found(qstart if qstart is not None else start, end, 2.0, low, high, qual, unit.lemma, None, e)


def _unit_then_number(lex: Lexicon, toks: list[Tok], i: int) -> _Found | None:
    """A unit then واحد/اثنان: "يوم واحد" -> 1 day, "دولة واحدة" -> 1 country."""
    prev = toks[i - 1]
    units = [u for u in lex.units.get(prev[1], ()) if len(u.words) == 1]
    if not units or toks[i][4] or prev[0] != "A":
        return None
    unit = units[0]
    value = 1.0 if toks[i][1].startswith("واحد") else 2.0
    counts = (prev[2], prev[3]) if unit.kind == "count" else None
    return _Found(prev[2], toks[i][3], value, None, None, "EXACT", unit.lemma, counts, i + 1)


def run(article: Article, ctx: Context) -> Article:
    return dataclasses.replace(article, quantities=tuple(find_quantities(article.text)))


STAGE = stage("quantities", 1, requires={"text"}, provides={"quantities"}, run=run,
              doc="numbers with their qualifier, unit and what they count")
