"""What was said: where a statement starts and ends after its cue (direct or indirect), and when."""

from __future__ import annotations

from marsad.model import Article
from marsad.quotes.cues import Cues
from marsad.quotes.words import Words, gap_before

OPEN_CLOSE = {'"': '"', "“": "”", "«": "»", "„": "“", "”": "”"}


def close_quote(text: str, open_at: int) -> int:
    """Offset of the quotation mark closing the one at `open_at` (or the paragraph end, once the
    quotation is over 600 characters long; else the text end). Searched with str.find: a text of
    thousands of unclosed quotes must not be scanned character by character from each."""
    closer = OPEN_CLOSE.get(text[open_at], '"')
    end = text.find("\n\n", open_at + 601)
    end = len(text) if end < 0 else end
    closers = (closer, '"') if closer == "”" else (closer, "”") if closer == '"' else (closer,)
    found = [i for i in (text.find(c, open_at + 1, end) for c in closers) if i >= 0]
    return min(found, default=end)


def content_after(text: str, pos: int, sent_end: int) -> tuple[int, int, bool]:
    """The statement starting at `pos`: quoted (direct) or the rest of the sentence (indirect)."""
    while pos < sent_end and (text[pos] in ":،," or text[pos].isspace()):  # NBSP and tabs too
        pos += 1
    if pos < len(text) and text[pos] in OPEN_CLOSE:
        start, end = pos + 1, close_quote(text, pos)
        while start < end and text[start].isspace():  # «  نص » -> "نص"; «  » -> empty, so no statement
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end, True
    end = sent_end
    while end > pos and (text[end - 1] in ".،,؛;:\"”»" or text[end - 1].isspace()):
        end -= 1
    return pos, end, False


def before_participle(text: str, w: Words, start: int, end: int, c: Cues) -> int:
    """An indirect statement ends where ", مشيرا إلى ..." opens the next one of the same speaker."""
    for k, (s, _e) in enumerate(w.spans):
        if start < s < end and w.forms[k] in c.participles and "،" in gap_before(text, w, k) + ",":
            gap = gap_before(text, w, k)
            if "،" in gap or "," in gap:
                cut = w.spans[k - 1][1]
                return cut if cut > start else end
    return end


def _quoted_name_end(text: str, w: Words, j: int, c: Cues) -> int | None:
    """If words j.. are a short quotation (at most 4 words) closed right before a complementizer
    (within 2 words), the index of the first word after the closing mark; else None."""
    for k in range(j, min(len(w.forms), j + 4)):
        gap_after = text[w.spans[k][1]:w.spans[k + 1][0]] if k + 1 < len(w.forms) else ""
        if any(q in gap_after for q in OPEN_CLOSE.values()) or '"' in gap_after:
            return k + 1 if any(f in c.complementizers for f in w.forms[k + 1:k + 3]) else None
    return None


def speaker_boundary(text: str, w: Words, i: int, prep: str | None, participle: bool, c: Cues):
    """(word index where the speaker region ends, boundary offset, kind) or None to drop the cue."""
    j = i + 1
    while j < min(len(w.forms), i + 26):
        if w.forms[j] in c.complementizers:
            return j, w.spans[j][1], "that"
        gap = gap_before(text, w, j)
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


def statement_time(article: Article, lo: int, hi: int) -> tuple[str | None, str | None]:
    for t in article.timexes:
        if lo <= t.start and t.end <= hi:
            return article.text[t.start:t.end], t.value
    return None, None
