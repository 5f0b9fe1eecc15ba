"""Statements framed without a speech verb: "نقلت X عن Y", "وبحسب X، فإن ...", "...، بحسب مصدر"."""

from __future__ import annotations

from marsad.model import Article, Quote
from marsad.quotes.content import OPEN_CLOSE, content_after
from marsad.quotes.speakers import resolve_speaker
from marsad.quotes.words import Words, gap_before

_SPEECH_NOUNS = {"تصريحات", "تصريحا", "قوله", "قولها", "قولهم", "تاكيده", "تاكيدها", "تحذيره", "اعلانه"}


def relayed(article, w, i, sent, c) -> Quote | None:
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
        gap = gap_before(text, w, j)
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
    start, end, direct = content_after(text, content_from - 1 if text[content_from - 1] in OPEN_CLOSE else content_from,
                                       sent.end)
    if end <= start:
        return None
    if text[s_start:s_end].count("(") > text[s_start:s_end].count(")") and text[s_end:s_end + 1] == ")":
        s_end += 1  # "(سنتكوم)": keep the bracket closed
    speaker_text = text[s_start:s_end].strip(" ،,")
    speaker, entity_id = resolve_speaker(article, s_start, s_end, speaker_text)
    head = w.forms[lo]
    cue_start, cue_end = w.spans[i]
    return Quote(start, end, cue=text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end, speaker=speaker,
                 speaker_text=speaker_text, speaker_start=s_start, speaker_end=s_start + len(speaker_text),
                 speaker_entity_id=entity_id,
                 anonymous=(head in c.anonymous or head.removeprefix("ال") in c.anonymous) and entity_id is None,
                 direct=direct, via=via)


_OPENING_FRAMES = {"بحسب", "وبحسب", "حسب", "وحسب", "ووفق", "وفقا", "ووفقا"}


def _opening_frame(article: Article, w: Words, sent, c) -> Quote | None:
    """'وبحسب مسؤول حكومي طلب عدم ذكر اسمه، فإن ...': the source opens the sentence, the content follows."""
    text = article.text
    if not w.forms or w.forms[0] not in _OPENING_FRAMES:
        return None
    comma = next((k for k in range(1, min(len(w.forms), 16))
                  if "،" in gap_before(text, w, k) or "," in gap_before(text, w, k)), None)
    if comma is None or comma < 2:
        return None
    k = comma + 1 if w.forms[comma] in ("فان", "فانه", "فانها", "ان") else comma
    start, end, direct = content_after(text, w.spans[k - 1][1] if k > comma else w.spans[comma][0], sent.end)
    s_start, s_end = w.spans[1][0], w.spans[comma - 1][1]
    head = w.forms[1]
    speaker_text = text[s_start:s_end]
    speaker, entity_id = resolve_speaker(article, s_start, s_end, speaker_text)
    anonymous = (head in c.anonymous or head.removeprefix("ال") in c.anonymous) and entity_id is None
    if not (anonymous or entity_id or head in c.statements) or end <= start:
        return None
    if anonymous:  # "مسؤول حكومي طلب عدم الكشف عن اسمه": the description, not the clause about it
        speaker = " ".join(speaker_text.split()[:2])
    return Quote(start, end, cue=text[w.spans[0][0]:w.spans[0][1]], cue_start=w.spans[0][0], cue_end=w.spans[0][1],
                 speaker=speaker, speaker_text=speaker_text, speaker_start=s_start, speaker_end=s_end,
                 speaker_entity_id=entity_id, anonymous=anonymous, direct=direct)


def source_frame(article: Article, w: Words, sent, c) -> Quote | None:
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
        speaker, entity_id = resolve_speaker(article, s_start, s_end, speaker_text)
        return Quote(sent.start, content_end, cue=text[w.spans[i][0]:w.spans[after - 1][1]], cue_start=w.spans[i][0],
                     cue_end=w.spans[after - 1][1], speaker=speaker, speaker_text=speaker_text, speaker_start=s_start,
                     speaker_end=s_end, speaker_entity_id=entity_id, anonymous=head in c.anonymous, direct=False)
    return None
