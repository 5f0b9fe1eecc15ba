"""Who said it: the subject before or after the cue, the entity it names, an earlier unnamed source."""

from __future__ import annotations

from itertools import islice

from marsad.arabic.normalize import fold
from marsad.model import Article
from marsad.quotes.cues import Cues
from marsad.quotes.words import Words, gap_before, is_time


def subject_just_before(article: Article, w: Words, i: int, c: Cues) -> tuple[int, int] | None:
    """Words [lo, i) of an unnamed source or a person standing right before the verb (SVO)."""
    for k in range(max(0, i - 3), i):
        head = w.forms[k]
        if (head in c.anonymous or head.removeprefix("ال") in c.anonymous) and not any(
                "،" in gap_before(article.text, w, x) for x in range(k + 1, i + 1)):
            return k, i
    for m in article.mentions:
        if m.type == "PERSON" and i > 0 and w.spans[i - 1][1] == m.end:
            return next(k for k in range(i) if w.spans[k][1] > m.start), i
    return None


def in_timex(article: Article, offset: int) -> bool:
    return any(t.start <= offset < t.end for t in article.timexes)


def starts_with_time(article: Article, w: Words, lo: int) -> bool:
    return in_timex(article, w.spans[lo][0]) or is_time(w, lo) > 0


def earlier_source(history, in_force, head: str) -> str | None:
    """"المصدر" refers back to "مصدر أمني عراقي": the last anonymous speaker with that head noun."""
    bare = head.removeprefix("ال")
    candidates = [in_force[0]] if in_force[2] and in_force[0] else []
    # The last 50 statements only: an article of thousands of quotes must not make this quadratic.
    candidates += [q.speaker for q in islice(reversed(history), 50) if q.anonymous and q.speaker]
    for speaker in candidates:
        first = fold(speaker.split()[0])
        if first == bare:
            return speaker
    return None


def person_before_relative(article: Article, before: int, sent_start: int):
    """The person mention that ends right before a relative pronoun (a comma may stand between)."""
    for m in reversed(article.mentions):
        if m.type == "PERSON" and sent_start <= m.start and m.end <= before \
                and not article.text[m.end:before].strip(" ،,"):
            return m
    return None


def subject_before(w: Words, i: int) -> tuple[int, int] | None:
    """Words [lo, hi) of the subject in "(و)كان SUBJECT قد VERB", looking back from the cue at word i."""
    if i < 2 or w.forms[i - 1] != "قد":
        return None
    for k in range(i - 2, max(-1, i - 14), -1):
        if w.forms[k] in ("كان", "وكان", "كانت", "وكانت", "فكان"):
            return (k + 1, i - 1) if k + 1 < i - 1 else None
    return None


def person_end(article: Article, s_start: int, s_end: int, boundary: int) -> int:
    """Cut the speaker after its person name when what follows (up to the content) is not an apposition."""
    people = [m for m in article.mentions if s_start <= m.start and m.end <= s_end and m.type == "PERSON"]
    if not people:
        return s_end
    after = article.text[people[0].end:boundary]
    return s_end if "،" in after or "," in after or not after.strip() else people[0].end


def resolve_speaker(article: Article, start: int, end: int, speaker_text: str) -> tuple[str, str | None]:
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
