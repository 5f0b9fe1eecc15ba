"""Who said what: reported statements, direct and indirect, with their cue, speaker and channel.

Arabic news reports speech mostly verb-first: "وقال X لوكالة Y إن ...". For each cue verb the
speaker is the phrase between the verb and the complementizer (إن/أن), a colon or an opening
quotation mark, minus the channel ("لوكالة ...", "على منصة إكس") and time words; with nothing
there ("وأضاف أن") the speaker in force continues. "بحسب X" attributes the clause before it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.arabic.normalize import fold, fold_word
from marsad.lexicon import load
from marsad.model import Article, Quote

OPEN_CLOSE = {'"': '"', "“": "”", "«": "»", "„": "“", "”": "”"}
# Letters, diacritics and digits; not the Arabic comma (U+060C), which \u0600-\u06FF would include.
_WORD = re.compile(r"[0-9A-Za-z\u0621-\u065F\u0660-\u0669\u0670-\u06D3\u06F0-\u06F9]+")


@dataclass(frozen=True, slots=True)
class _Cues:
    verbs: dict[str, tuple[str | None, bool]]  # folded form -> (preposition, continues)
    participles: frozenset[str]
    complementizers: frozenset[str]
    frames: tuple[tuple[str, ...], ...]
    channel_heads: frozenset[str]
    platforms: tuple[tuple[str, ...], ...]
    openers: tuple[tuple[str, ...], ...]
    anonymous: frozenset[str]
    statements: frozenset[str]


@functools.cache
def cues() -> _Cues:
    data = load("quote_cues")
    verbs: dict[str, tuple[str | None, bool]] = {}
    for v in data["verbs"]:
        prep = fold(v["prep"]) if v.get("prep") else None
        past, present = fold(v["past"]), fold(v["present"])
        # he, she, they (past and present): قال قالت قالوا، يقول تقول يقولون
        forms = {past, past + "ت", past + "وا", present, "ت" + present[1:], present + "ون"}
        if past.endswith("ي") or past.endswith("ا"):  # رأى -> رأت, دعا -> دعت
            forms.add(past[:-1] + "ت")
        for form in forms:
            for pre in ("", "و", "ف"):
                verbs[pre + form] = (prep, bool(v.get("continues")))
    split = lambda key: tuple(tuple(fold(x).split()) for x in data[key])  # noqa: E731
    return _Cues(verbs, frozenset(fold(p) for p in data["participles"]) | frozenset("و" + fold(p) for p in data["participles"]),
                 frozenset(fold(c) for c in data["complementizers"]), split("source_frames"),
                 frozenset(fold(c) for c in data["channel_heads"]), split("platforms"), split("channel_openers"),
                 frozenset(fold(a) for a in data["anonymous_heads"]), frozenset(fold(s) for s in data["statement_nouns"]))


@dataclass(slots=True)
class _Words:
    """The words of one sentence with their folded forms and character offsets."""

    spans: list[tuple[int, int]]
    forms: list[str]

    @classmethod
    def of(cls, text: str, start: int, end: int) -> _Words:
        found = list(_WORD.finditer(text, start, end))
        return cls([m.span() for m in found], [fold_word(m.group()) for m in found])

    def match(self, i: int, phrase: tuple[str, ...]) -> bool:
        return tuple(self.forms[i:i + len(phrase)]) == phrase


def _strip_lam(form: str) -> str:
    return form[1:] if form.startswith("ل") and len(form) > 3 else form


def _close_quote(text: str, open_at: int) -> int:
    """Offset of the quotation mark closing the one at `open_at` (or the paragraph end)."""
    closer = OPEN_CLOSE.get(text[open_at], '"')
    pos = open_at + 1
    while pos < len(text):
        ch = text[pos]
        if ch == closer or (closer == "”" and ch == '"') or (closer == '"' and ch == "”"):
            return pos
        if text.startswith("\n\n", pos) and pos - open_at > 600:
            return pos
        pos += 1
    return len(text)


def _content_after(text: str, pos: int, sent_end: int) -> tuple[int, int, bool]:
    """The statement starting at `pos`: quoted (direct) or the rest of the sentence (indirect)."""
    while pos < sent_end and text[pos] in " :\t،,":
        pos += 1
    if pos < len(text) and text[pos] in OPEN_CLOSE:
        end = _close_quote(text, pos)
        return pos + 1, end, True
    end = sent_end
    while end > pos and text[end - 1] in " .،,؛;:\"”»\n":
        end -= 1
    return pos, end, False


_DAY_PARTS = {"يوم", "مساء", "صباح", "ظهر", "فجر", "ليل", "ليله", "عصر", "ظهيره"}
_DAY_WORDS = {"اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "غد", "الغد"}
_PREPOSITIONS = {"في", "من", "الي", "علي", "عن", "مع", "ب", "ل", "منذ", "خلال", "حول", "بشان"}
_LINKERS = {"بينما", "فيما", "كما", "حيث", "اذ", "وبينما", "وفيما", "وكما", "بدوره", "بدورها", "جهته", "جهتها",
            "جانبه", "جانبها", "المقابل", "وبالمقابل", "ثم", "لكن", "غير", "اما"}
_AMBIGUOUS = {"بين", "وبين", "فبين", "زاد", "وزاد", "فزاد", "تبين", "وتبين"}  # "between", "increased", "it appeared"


_DEMONSTRATIVES = {"هذه", "هذا", "ذلك", "تلك", "هؤلاء"}
_NOT_SPEAKERS = {"بقوله", "بقولها", "قائلا", "قائله", "ايضا", "كذلك", "مجددا", "بدوره", "بدورها"}


def _subject_just_before(article: Article, w: _Words, i: int, c: _Cues) -> tuple[int, int] | None:
    """Words [lo, i) of an unnamed source or a person standing right before the verb (SVO)."""
    for k in range(max(0, i - 3), i):
        head = w.forms[k]
        if (head in c.anonymous or head.removeprefix("ال") in c.anonymous) and not any(
                "،" in _gap(article.text, w, x) for x in range(k + 1, i + 1)):
            return k, i
    for m in article.mentions:
        if m.type == "PERSON" and i > 0 and w.spans[i - 1][1] == m.end:
            return next(k for k in range(i) if w.spans[k][1] > m.start), i
    return None


def _in_timex(article: Article, offset: int) -> bool:
    return any(t.start <= offset < t.end for t in article.timexes)


def _starts_with_time(article: Article, w: _Words, lo: int) -> bool:
    return _in_timex(article, w.spans[lo][0]) or _is_time(w, lo) > 0


def _earlier_source(history, in_force, head: str) -> str | None:
    """"المصدر" refers back to "مصدر أمني عراقي": the last anonymous speaker with that head noun."""
    bare = head.removeprefix("ال")
    candidates = [in_force[0]] if in_force[2] and in_force[0] else []
    candidates += [q.speaker for q in reversed(history) if q.anonymous and q.speaker]
    for speaker in candidates:
        first = fold(speaker.split()[0])
        if first == bare:
            return speaker
    return None


def _antecedent(article: Article, before: int, sent_start: int):
    """The person mention that ends right before a relative pronoun (a comma may stand between)."""
    for m in reversed(article.mentions):
        if m.type == "PERSON" and sent_start <= m.start and m.end <= before \
                and not article.text[m.end:before].strip(" ،,"):
            return m
    return None


def _subject_before(w: _Words, i: int) -> tuple[int, int] | None:
    """Words [lo, hi) of the subject in "(و)كان SUBJECT قد VERB", looking back from the cue at word i."""
    if i < 2 or w.forms[i - 1] != "قد":
        return None
    for k in range(i - 2, max(-1, i - 14), -1):
        if w.forms[k] in ("كان", "وكان", "كانت", "وكانت", "فكان"):
            return (k + 1, i - 1) if k + 1 < i - 1 else None
    return None


def _is_time(w: _Words, i: int) -> int:
    """Number of words of a time phrase starting at word i ("يوم السبت", "مساء أمس", "أمس"), else 0."""
    form = w.forms[i]
    if form in _DAY_WORDS:
        return 1
    if form in _DAY_PARTS and i + 1 < len(w.forms) and (w.forms[i + 1] in _DAY_WORDS or w.forms[i + 1].isdigit()):
        return 2
    return 0


def _is_channel(w: _Words, i: int, hi: int, c: _Cues) -> bool:
    form = w.forms[i]
    return ((form in ("في", "خلال") and any(w.match(i, op) for op in c.openers)) or any(w.match(i, p) for p in c.platforms)
            or (form.startswith("ل") and _strip_lam(form) in c.channel_heads) or form in ("لـ", "ل")
            or (form == "علي" and i + 1 < hi and w.forms[i + 1] in ("منصه", "حسابه", "حسابها", "موقع")))


def _gap(text: str, w: _Words, i: int) -> str:
    """The characters between word i-1 and word i."""
    return text[w.spans[i - 1][1]:w.spans[i][0]] if i > 0 else ""


def _reported(text: str, w: _Words, i: int) -> bool:
    """Is the verb at word i a report of speech here? Not "في تطور لافت يشير إلى" (a relative clause)."""
    form = w.forms[i]
    if form in _AMBIGUOUS:
        return False
    raw = text[w.spans[i][0]:w.spans[i][1]]
    if form.endswith("راي") and raw.endswith("ي"):
        return False  # "رأي" is an opinion; the verb is written "رأى"
    gap = _gap(text, w, i)
    if form[:1] in "يت" and i > 0 and w.forms[i - 1] not in _LINKERS and "،" not in gap and "," not in gap:
        return False  # a bare present-tense verb right after a noun: a relative clause, not a report
    return True


def _person_end(article: Article, s_start: int, s_end: int, boundary: int) -> int:
    """Cut the speaker after its person name when what follows (up to the content) is not an apposition."""
    people = [m for m in article.mentions if s_start <= m.start and m.end <= s_end and m.type == "PERSON"]
    if not people:
        return s_end
    after = article.text[people[0].end:boundary]
    return s_end if "،" in after or "," in after or not after.strip() else people[0].end


_LEADING_TIME = re.compile(r"(?:(?:يوم|مساء|صباح|ظهر|فجر|ليلة)\s+\S+|أمس|اليوم|الأحد|الاثنين|الإثنين|الثلاثاء"
                           r"|الأربعاء|الخميس|الجمعة|السبت)\s*[،,]\s*")


def _before_participle(text: str, w: _Words, start: int, end: int, c: _Cues) -> int:
    """An indirect statement ends where ", مشيرا إلى ..." opens the next one of the same speaker."""
    for k, (s, _e) in enumerate(w.spans):
        if start < s < end and w.forms[k] in c.participles and "،" in _gap(text, w, k) + ",":
            gap = _gap(text, w, k)
            if "،" in gap or "," in gap:
                cut = w.spans[k - 1][1]
                return cut if cut > start else end
    return end


@functools.cache
def _cue_words() -> frozenset[str]:
    """Every word `_quote_at` can read as a cue (relay, verb, participle): the others are skipped."""
    c = cues()
    return frozenset(_RELAY) | frozenset(c.verbs) | c.participles


def find_quotes(article: Article) -> list[Quote]:
    c = cues()
    cue_words = _cue_words()
    text = article.text
    out: list[Quote] = []
    in_force: tuple[str | None, str | None, bool] = (None, None, False)  # (speaker, entity id, anonymous)
    for sent in article.sentences:
        if out and sent.end <= out[-1].end:
            continue  # inside a direct quote that ran over sentences
        w = _Words.of(text, sent.start, sent.end)
        found: list[Quote] = []
        after = 0  # the first word after the last statement found
        for i in [k for k, f in enumerate(w.forms) if f in cue_words]:  # words that can be a cue
            if i < after:
                continue
            quote = _quote_at(article, w, i, sent, c, in_force, found, out)
            if quote is None:
                continue
            found.append(quote)
            if quote.speaker_start is not None:
                in_force = (quote.speaker, quote.speaker_entity_id, quote.anonymous)
            after = next((k for k in range(i + 1, len(w.forms)) if w.spans[k][0] >= quote.end), len(w.forms))
        if not found:
            frame = _source_frame(article, w, sent, c)
            found = [frame] if frame else []
            if frame:
                in_force = (frame.speaker, frame.speaker_entity_id, frame.anonymous)
        out.extend(found)
    return out


def _quoted_name_end(text: str, w: _Words, j: int, c: _Cues) -> int | None:
    """If words j.. are a short quotation (at most 4 words) closed right before a complementizer
    (within 2 words), the index of the first word after the closing mark; else None."""
    for k in range(j, min(len(w.forms), j + 4)):
        gap_after = text[w.spans[k][1]:w.spans[k + 1][0]] if k + 1 < len(w.forms) else ""
        if any(q in gap_after for q in OPEN_CLOSE.values()) or '"' in gap_after:
            return k + 1 if any(f in c.complementizers for f in w.forms[k + 1:k + 3]) else None
    return None


def _boundary(text: str, w: _Words, i: int, prep: str | None, participle: bool, c: _Cues):
    """(word index where the speaker region ends, boundary offset, kind) or None to drop the cue."""
    j = i + 1
    while j < min(len(w.forms), i + 26):
        if w.forms[j] in c.complementizers:
            return j, w.spans[j][1], "that"
        gap = _gap(text, w, j)
        if j > i + 2 and w.forms[j] in c.verbs and w.forms[j][:1] in "وف" and ("،" in gap or "," in gap):
            return j, None, "before_cue"  # "أكد مسؤول عراقي هذه المعلومات، وقال ...": two statements
        if ":" in gap or any(q in gap for q in OPEN_CLOSE):
            after = _quoted_name_end(text, w, j, c) if ":" not in gap else None
            if after is not None:
                j = after  # 'لـ"العربي الجديد" إن' / 'كتائب "حزب الله" العراق أن': a quoted name, not the content
                continue
            return j, w.spans[j - 1][1] + min(gap.index(ch) for ch in gap if ch in ':"“«„”'), "quote"
        if prep and w.forms[j] == prep and not (j + 1 < len(w.forms) and w.forms[j + 1] in c.complementizers):
            if j == i + 1 and not participle:
                return None  # "يشير إلى بدء ...": "indicates", not a statement
            return j, w.spans[j][1], "prep"
        j += 1
    return j, None, None


_RELAY = {"نقلت", "ونقلت", "نقل", "ونقل", "فنقلت"}
_SPEECH_NOUNS = {"تصريحات", "تصريحا", "قوله", "قولها", "قولهم", "تاكيده", "تاكيدها", "تحذيره", "اعلانه"}


def _relayed(article, w, i, sent, c) -> Quote | None:
    """"نقلت X عن Y ...": Y said it, outlet X relayed it (`via`)."""
    text = article.text
    k = next((k for k in range(i + 1, min(len(w.forms), i + 8)) if w.forms[k] == "عن"), None)
    if k is None or k == i + 1 or k + 1 >= len(w.forms):
        return None
    from marsad.outlets import bare, find_mentions

    via_text = text[w.spans[i + 1][0]:w.spans[k - 1][1]]
    via_found = find_mentions(via_text)
    via = via_found[0].canonical if via_found else bare(via_text)
    lo, j = k + 1, k + 1
    while j < min(len(w.forms), lo + 14):
        gap = _gap(text, w, j)
        if j > lo and (w.forms[j] in c.complementizers or w.forms[j] in _SPEECH_NOUNS or "،" in gap
                       or any(q in gap for q in OPEN_CLOSE) or ":" in gap):
            break
        j += 1
    if j >= len(w.forms) or j == lo:
        return None
    s_start, s_end = w.spans[lo][0], w.spans[j - 1][1]
    content_from = w.spans[j][1] if w.forms[j] in c.complementizers else w.spans[j][0]
    if w.forms[j] in ("قوله", "قولها", "قولهم") and j + 1 < len(w.forms) and w.forms[j + 1] in c.complementizers:
        content_from = w.spans[j + 1][1]
    start, end, direct = _content_after(text, content_from - 1 if text[content_from - 1] in OPEN_CLOSE else content_from,
                                        sent.end)
    if end <= start:
        return None
    if text[s_start:s_end].count("(") > text[s_start:s_end].count(")") and text[s_end:s_end + 1] == ")":
        s_end += 1  # "(سنتكوم)": keep the bracket closed
    speaker_text = text[s_start:s_end].strip(" ،,")
    speaker, entity_id = _resolve(article, s_start, s_end, speaker_text)
    head = w.forms[lo]
    cue_start, cue_end = w.spans[i]
    return Quote(start, end, cue=text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end, speaker=speaker,
                 speaker_text=speaker_text, speaker_start=s_start, speaker_end=s_start + len(speaker_text),
                 speaker_entity_id=entity_id,
                 anonymous=(head in c.anonymous or head.removeprefix("ال") in c.anonymous) and entity_id is None,
                 direct=direct, via=via)


def _quote_at(article, w, i, sent, c, in_force, found, history=()) -> Quote | None:
    """The statement whose cue is word i, or None."""
    text = article.text
    if w.forms[i] in _RELAY:
        return _relayed(article, w, i, sent, c)
    cue = c.verbs.get(w.forms[i])
    participle = w.forms[i] in c.participles and bool(found)
    if not (cue and _reported(text, w, i)) and not participle:
        return None
    prep, continues = cue if cue else (None, True)
    bound = _boundary(text, w, i, prep, participle, c)
    if bound is None:
        return None
    region_end, boundary, kind = bound
    if participle and kind != "that":
        k = i + 1 if i + 1 < len(w.forms) and w.forms[i + 1] in ("الي", "علي", "عن", "من", "ب") else i
        if k + 1 < len(w.forms) and not any(q in _gap(text, w, k + 1) for q in ':"“«„'):
            region_end, boundary, kind = i + 1, w.spans[k][1], "object"  # "مؤكدا التزام ...": the object
    if prep and kind == "that" and region_end > i + 1 and w.forms[region_end - 1] == prep:
        region_end -= 1
    # the speaker: words after the cue, up to a channel ("لوكالة ...") or a time phrase ("يوم السبت")
    lo, sp_end, chan_at = i + 1, region_end, None
    for k in range(lo, region_end):
        quoted = k > lo and any(q in _gap(text, w, k) for q in '"“«„') and not any(
            m.start < w.spans[k][0] < m.end for m in article.mentions)  # 'كتائب "حزب الله"' is one name
        if _is_channel(w, k, region_end, c) or quoted:
            sp_end, chan_at = min(sp_end, k), k  # 'وأبلغ مصدر ... "العربي الجديد" أن': the addressee
            break
        if k > lo and _is_time(w, k):
            sp_end = min(sp_end, k)
    for k in range(lo + 1, sp_end):  # "وأضاف المسؤول معلقا على ...": a manner participle ends the speaker
        if w.forms[k] in c.participles:
            sp_end = k
            break
    if participle or (sp_end > lo and (w.forms[lo] in _PREPOSITIONS or w.forms[lo] in _NOT_SPEAKERS
                                       or w.forms[lo].startswith(("بال", "لل", "كال")))):
        sp_end = lo
    if sp_end > lo and _starts_with_time(article, w, lo):
        # "اختتمت مساء أمس جولة ...", "أعلنت الشهر الماضي حالة ...": a date, then the object; only a
        # named or unnamed source right after the date makes this a statement
        after = next((k for k in range(lo, sp_end) if not _in_timex(article, w.spans[k][0])), sp_end)
        named = any(m.start == w.spans[after][0] and m.type in ("PERSON", "ORG") for m in article.mentions) \
            if after < sp_end else False
        if not named and not (after < sp_end and w.forms[after].removeprefix("ال") in c.anonymous):
            return None
        lo = after
    if sp_end == lo and not participle:
        before = _subject_before(w, i)  # "وكان السوداني قد قال ...": the subject precedes the verb
        if before:
            lo, sp_end = before
        elif (before := _subject_just_before(article, w, i, c)) is not None:
            lo, sp_end = before  # "لكن خبراء أمنيين أكدوا ...": the subject stands before the verb
        elif i > 0 and w.forms[i - 1] in ("الذي", "التي", "الذين"):
            antecedent = _antecedent(article, w.spans[i - 1][0], sent.start)
            if antecedent is not None:  # "... حامد الشمري، الذي قال ...": the person before the relative
                lo = next(k for k in range(len(w.spans)) if w.spans[k][0] >= antecedent.start)
                sp_end = next((k for k in range(lo, len(w.spans)) if w.spans[k][1] >= antecedent.end), lo) + 1
    if kind == "before_cue":  # the speaker, then its object up to the comma ("هذه المعلومات")
        obj = next((k for k in range(lo + 1, region_end) if w.forms[k] in _DEMONSTRATIVES), None)
        if obj is None:
            return None
        sp_end, boundary, kind = obj, w.spans[obj - 1][1], "object"
    if kind is None:  # no complementizer: "وأكد المصدر لوكالة X، تحرك رتل ..." (content after the comma)
        comma = text.find("،", w.spans[i][1], sent.end)
        if not cue or comma < 0 or not (sp_end > lo or chan_at is not None):
            return None
        boundary, kind = comma, "comma"
    start, end, direct = _content_after(text, boundary, sent.end)
    if kind == "comma":
        m = _LEADING_TIME.match(text, start)
        start = m.end() if m else start
        lead = next((t for t in article.timexes if t.start == start), None)
        if lead is not None:  # "، نهاية الشهر الماضي، قرب مغادرة ...": the date is not the statement
            start = lead.end
            while start < end and text[start] in " ،,":
                start += 1
    if not direct:
        end = _before_participle(text, w, start, end, c)
    s_start = s_end = None
    if sp_end > lo:
        s_start, s_end = w.spans[lo][0], w.spans[sp_end - 1][1]
        cut = _person_end(article, s_start, s_end, boundary)
        if cut < s_end and kind == "quote" and text[boundary] != ":":
            # "ينتقد النائب X استمرار ... رغم "...": the object is the content (not "X في المؤتمر: «...»")
            start, end, direct = cut + 1, min(_close_quote(text, boundary) + 1, len(text)), False
        s_end = cut  # "ويختتم رعد تحليله بالقول إن": the speaker is the person
    if end <= start:
        return None
    channel = None
    if chan_at is not None:
        ch_hi = w.spans[region_end - 1][1] if region_end > chan_at else w.spans[chan_at][1]
        channel = _channel_name(text[w.spans[chan_at][0]:ch_hi]) or None
    cue_start, cue_end = w.spans[i]
    when, when_value = _when(article, cue_end, start)
    common = dict(cue=text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end, direct=direct, channel=channel,
                  when=when, when_value=when_value)
    if s_start is not None:
        speaker_text = text[s_start:s_end].strip(" ،,")
        if len(speaker_text.split()) > 14:
            return None
        statement = w.forms[lo] in c.statements
        speaker, entity_id = _resolve(article, s_start, s_end, speaker_text)
        head = w.forms[lo]
        anonymous = (head in c.anonymous or head.removeprefix("ال") in c.anonymous) and entity_id is None \
            and not statement
        if statement and in_force[0]:
            speaker, entity_id, anonymous = in_force
        elif anonymous and head.startswith("ال") and (sp_end - lo <= 3 or "،" in speaker_text):
            # "وأكد المصدر", "وأضاف المسؤول الأميركي": the unnamed source named before in the article
            earlier = _earlier_source([*history, *found], in_force, head)
            if earlier:
                speaker = earlier
        return Quote(start, end, speaker=speaker, speaker_text=speaker_text, speaker_start=s_start, speaker_end=s_end,
                     speaker_entity_id=entity_id, anonymous=anonymous, **common)
    source = found[-1] if participle and found else None
    if source is not None:  # "مؤكدا أن ...": the speaker of the sentence goes on
        return Quote(start, end, speaker=source.speaker, speaker_text=text[cue_start:cue_end], speaker_start=None,
                     speaker_end=None, speaker_entity_id=source.speaker_entity_id, anonymous=source.anonymous, **common)
    if not continues or in_force[0] is None:
        return None
    return Quote(start, end, speaker=in_force[0], speaker_text=text[cue_start:cue_end], speaker_start=None,
                 speaker_end=None, speaker_entity_id=in_force[1], anonymous=in_force[2], **common)


def _resolve(article: Article, start: int, end: int, speaker_text: str) -> tuple[str, str | None]:
    """The entity named in the speaker phrase: a person anywhere in it ("رئيس الوزراء محمد ..."),
    or a body or place that opens it ("وزارة الخارجية"); an unnamed official stays as written."""
    inside = [m for m in article.mentions if start <= m.start and m.end <= end and m.type != "NORP"]
    for m in inside:
        if m.type == "PERSON":
            return m.canonical or article.text[m.start:m.end], m.entity_id
    for m in inside:
        if m.start == start:
            return m.canonical or article.text[m.start:m.end], m.entity_id
    holder = _office_holder(speaker_text, article.published)
    if holder is not None:  # "رئيس الوزراء العراقي" with no name: the person in that office then
        return holder.canonical, holder.id
    return speaker_text, None


def _office_holder(phrase: str, date: str | None):
    from marsad.entities.office import office_holder
    from marsad.kb import load_kb

    return office_holder(load_kb(), phrase, date) if len(phrase.split()) <= 6 else None


def _when(article: Article, lo: int, hi: int) -> tuple[str | None, str | None]:
    for t in article.timexes:
        if lo <= t.start and t.end <= hi:
            return article.text[t.start:t.end], t.value
    return None, None


def _channel_name(phrase: str) -> str:
    """'لوكالة شفق نيوز' -> 'شفق نيوز'; 'في بيان على منصة إكس' -> 'منصة إكس'; 'لـ"العربي الجديد"' -> 'العربي الجديد'."""
    from marsad.outlets import bare, find_mentions

    c = cues()
    folded = fold(phrase)
    for platform in c.platforms:
        if " ".join(platform) in folded.replace("(", "").replace(")", ""):
            return "منصة إكس" if platform[-1] in ("اكس", "x") else " ".join(platform)
    found = find_mentions(phrase)
    if found:
        return found[0].canonical
    phrase = re.sub(r"^في\s+\S+(\s+(له|لها|مع))?\s*", "", phrase.strip())
    phrase = re.sub(r"^(على\s+)", "", phrase)
    phrase = re.sub(r"^لـ?\s*", "", phrase).strip(" \"«»“”،,()")
    return bare(phrase) if phrase else phrase


_OPENING_FRAMES = {"بحسب", "وبحسب", "حسب", "وحسب", "ووفق", "وفقا", "ووفقا"}


def _opening_frame(article: Article, w: _Words, sent, c) -> Quote | None:
    """'وبحسب مسؤول حكومي طلب عدم ذكر اسمه، فإن ...': the source opens the sentence, the content follows."""
    text = article.text
    if not w.forms or w.forms[0] not in _OPENING_FRAMES:
        return None
    comma = next((k for k in range(1, min(len(w.forms), 16)) if "،" in _gap(text, w, k) or "," in _gap(text, w, k)), None)
    if comma is None or comma < 2:
        return None
    k = comma + 1 if w.forms[comma] in ("فان", "فانه", "فانها", "ان") else comma
    start, end, direct = _content_after(text, w.spans[k - 1][1] if k > comma else w.spans[comma][0], sent.end)
    s_start, s_end = w.spans[1][0], w.spans[comma - 1][1]
    head = w.forms[1]
    speaker_text = text[s_start:s_end]
    speaker, entity_id = _resolve(article, s_start, s_end, speaker_text)
    anonymous = (head in c.anonymous or head.removeprefix("ال") in c.anonymous) and entity_id is None
    if not (anonymous or entity_id or head in c.statements) or end <= start:
        return None
    if anonymous:  # "مسؤول حكومي طلب عدم الكشف عن اسمه": the description, not the clause about it
        speaker = " ".join(speaker_text.split()[:2])
    return Quote(start, end, cue=text[w.spans[0][0]:w.spans[0][1]], cue_start=w.spans[0][0], cue_end=w.spans[0][1],
                 speaker=speaker, speaker_text=speaker_text, speaker_start=s_start, speaker_end=s_end,
                 speaker_entity_id=entity_id, anonymous=anonymous, direct=direct)


def _source_frame(article: Article, w: _Words, sent, c) -> Quote | None:
    """'..., بحسب مصدر حكومي.': the clause before the frame is attributed to what follows it."""
    opening = _opening_frame(article, w, sent, c)
    if opening is not None:
        return opening
    text = article.text
    frame_firsts = {f[0] for f in c.frames}
    for i in range(1, len(w.forms)):
        if w.forms[i] not in frame_firsts:
            continue
        frame = next((f for f in c.frames if w.match(i, f)), None)
        if not frame:
            continue
        after = i + len(frame)
        if after >= len(w.forms):
            return None
        s_start = w.spans[after][0]
        s_end = sent.end
        while s_end > s_start and text[s_end - 1] in " .،,\"”»":
            s_end -= 1
        content_end = w.spans[i][0]
        while content_end > sent.start and text[content_end - 1] in " ،,":
            content_end -= 1
        if content_end - sent.start < 15:
            return None
        speaker_text = text[s_start:s_end]
        head = w.forms[after]
        named = any(m.start <= s_start + 1 and m.end > s_start and m.type in ("PERSON", "ORG", "GPE")
                    for m in article.mentions)
        if not (head in c.anonymous or head.removeprefix("ال") in c.anonymous or head in c.statements or named):
            return None  # "وفق اتفاقيات أمنية": according to agreements, not to a source
        speaker, entity_id = _resolve(article, s_start, s_end, speaker_text)
        return Quote(sent.start, content_end, cue=text[w.spans[i][0]:w.spans[after - 1][1]], cue_start=w.spans[i][0],
                     cue_end=w.spans[after - 1][1], speaker=speaker, speaker_text=speaker_text, speaker_start=s_start,
                     speaker_end=s_end, speaker_entity_id=entity_id, anonymous=head in c.anonymous, direct=False)
    return None
