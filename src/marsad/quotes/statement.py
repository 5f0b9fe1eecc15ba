"""The statement at one cue word: the speaker region after it, the channel, the content and its time."""

from __future__ import annotations

import re

from marsad.model import Quote
from marsad.quotes.channels import channel_name, is_channel
from marsad.quotes.content import (
    before_participle,
    close_quote,
    content_after,
    speaker_boundary,
    statement_time,
)
from marsad.quotes.cues import RELAY, is_reported
from marsad.quotes.frames import relayed
from marsad.quotes.speakers import (
    earlier_source,
    in_timex,
    person_before_relative,
    person_end,
    resolve_speaker,
    starts_with_time,
    subject_before,
    subject_just_before,
)
from marsad.quotes.words import gap_before, is_time

_PREPOSITIONS = {"في", "من", "الي", "علي", "عن", "مع", "ب", "ل", "منذ", "خلال", "حول", "بشان"}
_DEMONSTRATIVES = {"هذه", "هذا", "ذلك", "تلك", "هؤلاء"}
_NOT_SPEAKERS = {"بقوله", "بقولها", "قائلا", "قائله", "ايضا", "كذلك", "مجددا", "بدوره", "بدورها"}
_LEADING_TIME = re.compile(r"(?:(?:يوم|مساء|صباح|ظهر|فجر|ليلة)\s+\S+|أمس|اليوم|الأحد|الاثنين|الإثنين|الثلاثاء"
                           r"|الأربعاء|الخميس|الجمعة|السبت)\s*[،,]\s*")


def quote_at(article, w, i, sent, c, in_force, found, history=()) -> Quote | None:
    """The statement whose cue is word i, or None."""
    text = article.text
    if w.forms[i] in RELAY:
        return relayed(article, w, i, sent, c)
    cue = c.verbs.get(w.forms[i])
    participle = w.forms[i] in c.participles and bool(found)
    if not (cue and is_reported(text, w, i)) and not participle:
        return None
    prep, continues = cue if cue else (None, True)
    bound = speaker_boundary(text, w, i, prep, participle, c)
    if bound is None:
        return None
    region_end, boundary, kind = bound
    if participle and kind != "that":
        k = i + 1 if i + 1 < len(w.forms) and w.forms[i + 1] in ("الي", "علي", "عن", "من", "ب") else i
        if k + 1 < len(w.forms) and not any(q in gap_before(text, w, k + 1) for q in ':"“«„'):
            region_end, boundary, kind = i + 1, w.spans[k][1], "object"  # "مؤكدا التزام ...": the object
    if prep and kind == "that" and region_end > i + 1 and w.forms[region_end - 1] == prep:
        region_end -= 1
    # the speaker: words after the cue, up to a channel ("لوكالة ...") or a time phrase ("يوم السبت")
    lo, sp_end, chan_at = i + 1, region_end, None
    for k in range(lo, region_end):
        quoted = k > lo and any(q in gap_before(text, w, k) for q in '"“«„') and not any(
            m.start < w.spans[k][0] < m.end for m in article.mentions)  # 'كتائب "حزب الله"' is one name
        if is_channel(w, k, region_end, c) or quoted:
            sp_end, chan_at = min(sp_end, k), k  # 'وأبلغ مصدر ... "العربي الجديد" أن': the addressee
            break
        if k > lo and is_time(w, k):
            sp_end = min(sp_end, k)
    for k in range(lo + 1, sp_end):  # "وأضاف المسؤول معلقا على ...": a manner participle ends the speaker
        if w.forms[k] in c.participles:
            sp_end = k
            break
    if participle or (sp_end > lo and (w.forms[lo] in _PREPOSITIONS or w.forms[lo] in _NOT_SPEAKERS
                                       or w.forms[lo].startswith(("بال", "لل", "كال")))):
        sp_end = lo
    if sp_end > lo and starts_with_time(article, w, lo):
        # "اختتمت مساء أمس جولة ...", "أعلنت الشهر الماضي حالة ...": a date, then the object; only a
        # named or unnamed source right after the date makes this a statement
        after = next((k for k in range(lo, sp_end) if not in_timex(article, w.spans[k][0])), sp_end)
        named = any(m.start == w.spans[after][0] and m.type in ("PERSON", "ORG") for m in article.mentions) \
            if after < sp_end else False
        if not named and not (after < sp_end and w.forms[after].removeprefix("ال") in c.anonymous):
            return None
        lo = after
    if sp_end == lo and not participle:
        before = subject_before(w, i)  # "وكان السوداني قد قال ...": the subject precedes the verb
        if before:
            lo, sp_end = before
        elif (before := subject_just_before(article, w, i, c)) is not None:
            lo, sp_end = before  # "لكن خبراء أمنيين أكدوا ...": the subject stands before the verb
        elif i > 0 and w.forms[i - 1] in ("الذي", "التي", "الذين"):
            antecedent = person_before_relative(article, w.spans[i - 1][0], sent.start)
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
    start, end, direct = content_after(text, boundary, sent.end)
    if kind == "comma":
        m = _LEADING_TIME.match(text, start)
        start = m.end() if m else start
        lead = next((t for t in article.timexes if t.start == start), None)
        if lead is not None:  # "، نهاية الشهر الماضي، قرب مغادرة ...": the date is not the statement
            start = lead.end
            while start < end and text[start] in " ،,":
                start += 1
    if not direct:
        end = before_participle(text, w, start, end, c)
    s_start = s_end = None
    if sp_end > lo:
        s_start, s_end = w.spans[lo][0], w.spans[sp_end - 1][1]
        cut = person_end(article, s_start, s_end, boundary)
        if cut < s_end and kind == "quote" and text[boundary] != ":":
            # "ينتقد النائب X استمرار ... رغم "...": the object is the content (not "X في المؤتمر: «...»")
            start, end, direct = cut + 1, min(close_quote(text, boundary) + 1, len(text)), False
        s_end = cut  # "ويختتم رعد تحليله بالقول إن": the speaker is the person
    if end <= start:
        return None
    channel = None
    if chan_at is not None:
        ch_hi = w.spans[region_end - 1][1] if region_end > chan_at else w.spans[chan_at][1]
        channel = channel_name(text[w.spans[chan_at][0]:ch_hi]) or None
    cue_start, cue_end = w.spans[i]
    when, when_value = statement_time(article, cue_end, start)
    common = dict(cue=text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end, direct=direct, channel=channel,
                  when=when, when_value=when_value)
    if s_start is not None:
        speaker_text = text[s_start:s_end].strip(" ،,")
        if len(speaker_text.split()) > 14:
            return None
        statement = w.forms[lo] in c.statements
        speaker, entity_id = resolve_speaker(article, s_start, s_end, speaker_text)
        head = w.forms[lo]
        anonymous = (head in c.anonymous or head.removeprefix("ال") in c.anonymous) and entity_id is None \
            and not statement
        if statement and in_force[0]:
            speaker, entity_id, anonymous = in_force
        elif anonymous and head.startswith("ال") and (sp_end - lo <= 3 or "،" in speaker_text):
            # "وأكد المصدر", "وأضاف المسؤول الأميركي": the unnamed source named before in the article
            earlier = earlier_source([*history, *found], in_force, head)
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
