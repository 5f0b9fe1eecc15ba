"""Arabic patterns that models miss: head words that open names, titles before people, NORP adjectives.

Each finder returns `Candidate`s over token indexes; `stages/mentions.py` merges them with the
knowledge-base matches and the CRF's spans.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from marsad.arabic.normalize import fold
from marsad.entities.tokenview import ARABIC_WORD as _ARABIC_WORD
from marsad.entities.tokenview import TokenView
from marsad.lexicon import load
from marsad.model import Token

# Names that fold to a particle (علي -> على): written with ي they are names, with ى particles.
_NAMES_LIKE_STOPS = {"علي", "وعلي"}
_NAME_JOINERS = {"عبد", "ابو", "ابي", "ابا", "ابن", "بن", "بنت", "ام", "ذو", "ذي"}


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    first: int  # token indexes, inclusive
    last: int
    type: str
    how: str  # kb | rule | model
    entity_id: str | None = None
    priority: int = 0  # higher wins an overlap of equal length


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A title or role phrase, tokens [first, last], ending right before a name at `name_token`."""

    first: int
    last: int
    name_token: int
    group: str


@functools.cache
def _rules():
    data = load("entity_rules")

    def heads(key):
        return {tuple(fold(h).split()): key for h in data[key]}

    table = {**heads("org_heads"), **heads("fac_heads"), **heads("loc_heads"), **heads("gpe_heads")}
    stops = frozenset(fold(w) for w in data["name_stops"])
    return table, stops


_HEAD_TYPE = {"org_heads": "ORG", "fac_heads": "FAC", "loc_heads": "LOC", "gpe_heads": "GPE"}


def _forms(text: str, tokens, i: int) -> tuple[str, str]:
    if isinstance(tokens, TokenView):
        return tokens.whole[i], tokens.base[i]
    tok = tokens[i]
    base = text[tok.base_start:tok.base_end] if tok.base_start >= 0 else text[tok.start:tok.end]
    return fold(text[tok.start:tok.end]), fold(base)


def is_word(text: str, tok: Token) -> bool:
    return bool(_ARABIC_WORD.match(text[tok.start:tok.end]))


def _is_word_at(text: str, tokens, i: int) -> bool:
    return tokens.word[i] if isinstance(tokens, TokenView) else is_word(text, tokens[i])


def _fold_at(text: str, tokens, i: int) -> str:
    return tokens.whole[i] if isinstance(tokens, TokenView) else fold(text[tokens[i].start:tokens[i].end])


def name_run(text: str, tokens, i: int, max_len: int = 4, definite_after_first: bool = False,
             person: bool = False) -> int:
    """Index of the last token of a name starting at token i, or i - 1 when there is none.

    A person's name ends with its family name: after a word with ال ("سرمد البياتي") it stops.
    """
    _, stops = _rules()
    last = i - 1
    for j in range(i, min(len(tokens), i + max_len)):
        tok = tokens[j]
        if not is_word(text, tok):
            break
        whole, base = _forms(text, tokens, j)
        if (whole in stops or base in stops) and text[tok.start:tok.end] not in _NAMES_LIKE_STOPS:
            break
        if j > i and definite_after_first and not whole.startswith("ال"):
            break
        if j > i and tokens[j - 1].end != tok.start - 1:  # a line break or double space ends a name
            break
        last = j
        prev = fold(text[tokens[j - 1].start:tokens[j - 1].end]) if j > i else ""
        if person and j > i and whole.startswith("ال") and prev not in _NAME_JOINERS \
                and whole not in ("الدين", "الله"):
            break  # the family name ends the name; "عبد الرزاق", "حسام الدين" are still first names
    return last


def head_names(text: str, tokens, kb) -> list[Candidate]:
    """'وزارة الدفاع العراقية', 'قاعدة الصقر الجوية', 'مدينة الرمادي' and the like."""
    table, _ = _rules()
    index = _title_index(kb)
    longest = _title_longest(kb)
    out: list[Candidate] = []
    from marsad.entities.match import without_proclitics

    opening = _head_openers()
    wholes = tokens.whole if isinstance(tokens, TokenView) else [_forms(text, tokens, k)[0] for k in range(len(tokens))]
    for i in [k for k, w in enumerate(wholes) if w in opening]:  # a head word, maybe after a proclitic
        whole, base = _forms(text, tokens, i)
        if whole in _NOT_HEADS:
            continue
        for size in (2, 1):
            rest = tuple(_fold_at(text, tokens, k) for k in range(i + 1, min(len(tokens), i + size)))
            key = next(((h, *rest) for h in without_proclitics(whole) if (h, *rest) in table), None)
            if key is None or i + size >= len(tokens):
                continue
            kind = table[key]
            first = i + size
            if first < len(tokens) and text[tokens[first].start:tokens[first].end] in _QUOTES:
                quoted = _quoted_name(text, tokens, i, first, kind, kb)
                if quoted:
                    out.append(quoted)
                break
            if first >= len(tokens) or not _opens_name(text, tokens, first, kb):
                break
            last = name_run(text, tokens, first, max_len=4, definite_after_first=True)
            for k in range(first + 1, last + 1):  # "قيادة العمليات المشتركة العميد ...": a rank ends the name
                if _title_at(text, tokens, k, index, longest):
                    last = k - 1
                    break
            if last < first:
                break
            if kind == "gpe_heads":  # the head is not part of a city's name
                out.append(Candidate(tokens[first].start, tokens[last].end, first, last, "GPE", "rule"))
            else:
                start = tokens[i].end - len(key[0]) if len(whole) == tokens[i].end - tokens[i].start else tokens[i].start
                out.append(Candidate(start, tokens[last].end, i, last, _HEAD_TYPE[kind], "rule"))
            break
    return out


@functools.cache
def _head_openers() -> frozenset[str]:
    from marsad.entities.match import with_proclitics

    return with_proclitics({k[0] for k in _rules()[0]})


_NOT_HEADS = {"بقياده", "وبقياده", "بقيادة"}  # "بقيادة X" = "led by X", not an organisation
_QUOTES = {'"', "«", "“", "„", "”"}


def _opens_name(text: str, tokens, j: int, kb) -> bool:
    """After a head word: a definite word, or an indefinite one in a construct ("عمليات البادية")."""
    piece = text[tokens[j].start:tokens[j].end]
    if not is_word(text, tokens[j]) or kb.is_norp(piece):
        return False
    if fold(piece).startswith("ال"):
        return True
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return bool(nxt and nxt.start == tokens[j].end + 1 and fold(text[nxt.start:nxt.end]).startswith("ال"))


def _quoted_name(text: str, tokens, head: int, q: int, kind: str, kb) -> Candidate | None:
    """'قاعدة "حرير"' (the facility is the quoted name) and 'كتائب "حزب الله" العراق' (head included)."""
    close = next((k for k in range(q + 1, min(len(tokens), q + 7))
                  if text[tokens[k].start:tokens[k].end] in _QUOTES), None)
    if close is None or close == q + 1:
        return None
    name = text[tokens[q + 1].start:tokens[close - 1].end]
    head_text = text[tokens[head].start:tokens[head].end]
    type_ = _HEAD_TYPE.get(kind, "ORG") if kind != "gpe_heads" else "GPE"
    found = [e for e in kb.lookup(f"{head_text} {name}") if e.type == type_]
    if type_ == "ORG":
        last = close
        nxt = close + 1
        if nxt < len(tokens) and any(e.type == "GPE" for e in kb.lookup(text[tokens[nxt].start:tokens[nxt].end])) \
                and tokens[nxt].start == tokens[close].end + 1:
            last = nxt  # 'كتائب "حزب الله" العراق': the country is part of the group's name
        return Candidate(tokens[head].start, tokens[last].end, head, last, type_, "kb" if found else "rule",
                         found[0].id if found else None, priority=4)
    return Candidate(tokens[q + 1].start, tokens[close - 1].end, q + 1, close - 1, type_, "kb" if found else "rule",
                     found[0].id if found else None, priority=4)


@functools.cache
def _title_index(kb) -> dict[tuple[str, ...], str]:
    return {tuple(fold(t).split()): group for t, group in kb.titles()}


@functools.cache
def _title_openers(kb) -> frozenset[str]:
    """Base forms that can open a title: a title's first word, with or without the article ال."""
    starts = {k[0] for k in _title_index(kb)}
    return frozenset(starts) | {"ال" + w for w in starts} | {w[2:] for w in starts if w.startswith("ال")}


@functools.cache
def _title_longest(kb) -> int:
    """The most words a title has (asked for every role: computed once)."""
    return max((len(k) for k in _title_index(kb)), default=0)


def find_roles(text: str, tokens, kb) -> list[RoleSpan]:
    """Titles before a name: 'رئيس الوزراء العراقي محمد ...', 'الخبير الأمني سرمد ...'.

    After the title the role runs over its complements: definite words ("وزير الموارد المائية"),
    "باسم X", NORP adjectives, nouns of office in a construct ("مدير زراعة البصرة"), further
    titles and ranks ("..., الفريق أول الركن"). The first other word starts the name.
    """
    index = _title_index(kb)
    longest = _title_longest(kb)
    _, stops = _rules()
    nouns = _role_nouns()
    out: list[RoleSpan] = []
    opening = _title_openers(kb)
    bases = tokens.base if isinstance(tokens, TokenView) else [_forms(text, tokens, k)[1] for k in range(len(tokens))]
    after = 0  # the first token after the last role read
    # most words cannot open a title: one set lookup skips them without building keys
    for i in [k for k, b in enumerate(bases) if b in opening]:
        if i < after:
            continue
        match = _title_at(text, tokens, i, index, longest)
        if not match:
            continue
        last, group = match
        j, name_at = last + 1, None
        while j < len(tokens) and j - i < 16:
            piece = text[tokens[j].start:tokens[j].end]
            if piece in ("،", ","):
                j += 1
                continue  # "نائب قائد العمليات المشتركة، الفريق أول الركن ..." or ", NAME"
            if not is_word(text, tokens[j]):
                break
            whole, base = _forms(text, tokens, j)
            if (whole in stops or base in stops) and piece not in _NAMES_LIKE_STOPS:
                break
            nxt = _title_at(text, tokens, j, index, longest)
            if nxt:
                last, j = nxt[0], nxt[0] + 1
                continue
            if _starts_name(text, tokens, j, kb):
                name_at = j
                break
            definite = whole.startswith(("ال", "لل", "بال", "وال"))
            if whole[:1] == "ل" and (whole[1:] in _title_firsts(id(index), index) or whole[1:] in nouns):
                last, j = j, j + 1  # "المستشار الأمني لرئيس الوزراء ...": the role goes on
                continue
            nxt_form = _fold_at(text, tokens, j + 1) if j + 1 < len(tokens) else ""
            if whole in ("في", "عن") and not (nxt_form.startswith("ال") or nxt_form in nouns):
                break  # "رئيس الحكومة في اجتماع": no name follows
            if definite or whole in _ROLE_LINKERS or kb.is_norp(piece) or base in nouns \
                    or j in getattr(tokens, "kb_tokens", ()):
                if text[tokens[j - 1].end:tokens[j].start].strip(" ") in ("،", ","):
                    name_at = j  # "..., الكولونيل X": a comma then a definite word is rare; take it as the name
                    break
                last, j = j, j + 1
                continue
            name_at = j
            break
        if name_at is not None and name_at > last:
            out.append(RoleSpan(i, last, name_at, group))
        after = max(j, i + 1)
    return out


def role_after(text: str, tokens, i: int, kb) -> tuple[int, int] | None:
    """A role written after a name ("ربيع نادر مدير المكتب الإعلامي"): (first, last) tokens, or None.

    It runs like a title's complements and stops at punctuation, a particle, or "لـ" + a title that
    names another office ("... لرئيس الوزراء X": that office belongs to the next person).
    """
    index = _title_index(kb)
    longest = _title_longest(kb)
    match = _title_at(text, tokens, i, index, longest)
    if not match:
        return None
    _, stops = _rules()
    nouns = _role_nouns()
    last, j = match[0], match[0] + 1
    while j < len(tokens) and j - i < 12 and _is_word_at(text, tokens, j):
        whole, base = _forms(text, tokens, j)
        if whole in stops or base in stops:
            break
        if j in getattr(tokens, "person_tokens", ()):
            break  # the next person's name: "... لرئيس الوزراء محمد شياع السوداني"
        if (whole.startswith(("ال", "لل", "بال", "وال")) or whole in _ROLE_LINKERS or base in nouns
                or j in getattr(tokens, "kb_tokens", ())
                or (whole[:1] == "ل" and whole[1:] in _title_firsts(id(index), index))):
            last, j = j, j + 1
            continue
        break
    return i, last


_ROLE_LINKERS = {"باسم", "في", "لدي", "عن", "لشؤون", "بشؤون"}


@functools.cache
def _role_nouns() -> frozenset[str]:
    data = load("entity_rules")
    words = [*data.get("role_nouns", ()), *data["org_heads"]]
    return frozenset(fold(w) for w in words if " " not in w)


def _title_at(text, tokens, i, index, longest):
    """(last token, group) of a title starting at token i; "الوزير" matches the title "وزير" too."""
    if i >= len(tokens) or not _is_word_at(text, tokens, i):
        return None
    _, base = _forms(text, tokens, i)
    firsts = [base, base[2:]] if base.startswith("ال") and len(base) > 4 else [base, "ال" + base]
    starts = _title_firsts(id(index), index)
    if not any(f in starts for f in firsts):
        return None
    for size in range(min(longest, len(tokens) - i), 0, -1):
        rest = tuple(_fold_at(text, tokens, k) for k in range(i + 1, i + size))
        for first in firsts:
            if (first, *rest) in index:
                return i + size - 1, index[(first, *rest)]
    return None


_FIRSTS_CACHE: dict[int, frozenset[str]] = {}


def _title_firsts(key: int, index) -> frozenset[str]:
    if key not in _FIRSTS_CACHE:
        _FIRSTS_CACHE[key] = frozenset(k[0] for k in index)
    return _FIRSTS_CACHE[key]


def _starts_name(text, tokens, j, kb) -> bool:
    """Heuristic: a word that is a known first name or a KB person's first word starts the name."""
    word = fold(text[tokens[j].start:tokens[j].end])
    return word in first_names(kb)


@functools.cache
def first_names(kb) -> frozenset[str]:
    names = set()
    for entry in kb.all():
        if entry.type == "PERSON":
            for alias in (entry.canonical, *entry.aliases):
                parts = fold(alias).split()
                if len(parts) > 1:
                    names.add(parts[0])
    try:
        from marsad.ner.crf import first_name_set  # shipped with the NER model when present

        names |= first_name_set()
    except (ImportError, AttributeError, OSError):
        pass
    return frozenset(names)


@functools.cache
def _norp_openers(kb) -> frozenset[str]:
    from marsad.entities.match import with_proclitics

    return with_proclitics(kb.norp_forms())


_NORP_CACHE: dict[tuple[int, str], str | None] = {}


def _norp_target(kb, form: str) -> str | None:
    key = (id(kb), form)
    if key not in _NORP_CACHE:
        if len(_NORP_CACHE) > 500_000:
            _NORP_CACHE.clear()
        _NORP_CACHE[key] = kb.norp(form) if kb.is_norp(form) else None
    return _NORP_CACHE[key]


def norp_mentions(text: str, tokens, kb) -> list[Candidate]:
    """'الأميركية' in 'القوات الأميركية', 'العراقيين': NORP, linked to the country or group."""
    out = []
    from marsad.entities.match import without_proclitics

    forms = kb.norp_forms()
    opening = _norp_openers(kb)
    wholes = tokens.whole if isinstance(tokens, TokenView) else [_fold_at(text, tokens, k) for k in range(len(tokens))]
    for i in [k for k, w in enumerate(wholes) if w in opening]:  # a NORP form, maybe after a proclitic
        if not _is_word_at(text, tokens, i):
            continue

        tok = tokens[i]
        piece = text[tok.start:tok.end]
        whole = _fold_at(text, tokens, i)
        readings = without_proclitics(whole) if len(whole) == len(piece) else (whole,)
        if not any(r in forms for r in readings):
            continue
        for form in [*readings[1:], readings[0]]:  # "وأسترالية": the adjective without its و
            if _norp_target(kb, form):
                out.append(Candidate(tok.end - len(form), tok.end, i, i, "NORP", "kb", _norp_target(kb, form),
                                     priority=1))
                break
    return out
