"""The data model: plain, frozen records. Every fact is a span into `Article.text` (the clean body).

Read this module first. Stages in `marsad.stages` take an Article and return a new one
(`dataclasses.replace`); nothing mutates a record in place.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) into the clean body text."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Token(Span):
    """A whitespace/punctuation token; [base_start, base_end) is the word without its clitics.

    "والقوات" -> start..end covers the whole token, base covers "القوات" (the و proclitic is
    outside the base; the article ال stays inside, since names keep it).
    """

    base_start: int = -1
    base_end: int = -1


@dataclass(frozen=True, slots=True)
class Mention(Span):
    """A named-entity mention: a span of the body, its type, and the entity it refers to.

    `role` is the title or role stated with a person ("رئيس الوزراء العراقي"), never part of the
    name span; `affiliation` the entity id of the body named in that role, when there is one.
    A NORP mention ("الأميركية") carries the id of its country or group.
    """

    type: str = "PERSON"  # PERSON | ORG | GPE | LOC | FAC | NORP
    entity_id: str = ""
    role: str | None = None
    affiliation: str | None = None
    canonical: str | None = None  # the entity's name as the mention resolves it
    how: str = "kb"  # kb | rule | model: which part of the recognizer found it


@dataclass(frozen=True, slots=True)
class Timex(Span):
    """A temporal expression, TIMEX3-typed and normalized (`value` such as 2025-09-30, 2025-W03, P12M)."""

    type: str = "DATE"  # DATE | TIME | DURATION | SET
    value: str = ""
    mod: str | None = None  # START | MID | END | APPROX | BEFORE | AFTER
    anchored: bool = False  # resolved against a known publication date
    calendar: str = "gregorian"  # gregorian | hijri
    range: tuple[str, str] | None = None
    # The value as the expression states it: deictic words resolved, but a year, month or week taken from
    # the context (tense, nearest such day) left as X ("2 أكتوبر" XXXX-10-02, "الجمعة" XXXX-WXX-5);
    # None when the finder did not set it (then it is `value`). `stated_range` likewise for `range`.
    stated_value: str | None = None
    stated_range: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Quantity(Span):
    """A number with what it counts: "نحو 2500 جندي" -> value 2500, APPROX, unit جندي."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "EXACT"  # EXACT | APPROX | MORE_THAN | LESS_THAN | AT_MOST | AT_LEAST | BETWEEN
    unit: str | None = None
    counts: str | None = None


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """A statement: the content span [start, end) (without quotation marks), its cue and speaker."""

    cue: str = ""
    cue_start: int = 0
    cue_end: int = 0
    speaker: str | None = None  # resolved name, or the anonymous description as written
    speaker_text: str | None = None  # as written at the cue (may be a chained verb like "وأضاف")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity_id: str | None = None
    anonymous: bool = False
    direct: bool = False
    channel: str | None = None
    via: str | None = None
    when: str | None = None
    when_value: str | None = None


@dataclass(frozen=True, slots=True)
class Event(Span):
    """Something that happened, is planned, is claimed or is denied: a typed trigger with its
    actors, place and date. The span covers the trigger and the phrase it heads."""

    type: str = "OTHER"  # WITHDRAWAL | HANDOVER | AGREEMENT | ... | OTHER, or a user-defined type
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    actors: tuple[str, ...] = ()  # entity ids
    place: str | None = None  # entity id
    date: str | None = None  # TIMEX3 value
    date_precision: str | None = None  # day | month | year
    date_how: str | None = None  # timex | published | None: where the date came from
    date_start: int | None = None  # span of the governing timex, when the date came from one
    date_end: int | None = None
    modality: str = "happened"  # happened | planned | claimed | negated


@dataclass(frozen=True, slots=True)
class Claim:
    """A comparable claim of an article (marsad/stories/claims.py), compared across its story:
    `text == article.text[start:end]`. `value` is JSON-serializable: a number, a {low, high} range,
    an int rank, a TIMEX3 date value or a status word ("withdrawn" | "remaining")."""

    id: str
    article: str
    start: int
    end: int
    text: str
    kind: str  # quantity | ranking | date | status
    subject: str
    value: object
    as_of: str | None
    qualifier: str | None = None  # quantity: EXACT, APPROX, MORE_THAN...; date: the timex mod (END...)
    value_text: str = ""  # the value as written ("نحو 1200 جندي", "ثالث أكبر", "نهاية سبتمبر 2025")
    subject_text: str = ""  # the subject, readable: "عدد الجنود · غادروا · قاعدة الصقر الجوية"
    modality: str = "reported"  # reported | planned
    role: str | None = None  # date: deadline | occurrence


@dataclass(frozen=True, slots=True)
class Entity:
    """One distinct entity of a document or store, with what is known of it."""

    id: str
    canonical: str
    type: str
    english: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    role: str = "author"  # author | translator | editor


@dataclass(frozen=True, slots=True)
class Removed:
    """A line the cleaner took out of the body, kept for audit."""

    line: int  # 1-based line number in the decoded input
    text: str
    reason: str  # navigation | social | comments | related | author_box | latin | header | title | date | byline ...


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a metadata value was read: `start/end` into `text` when `where == "text"`,
    else into the decoded input before cleaning (`where == "raw"`)."""

    start: int
    end: int
    text: str
    where: str = "text"  # text | raw


class PublishedHow(enum.StrEnum):
    STATED = "stated"  # a date line in the article itself
    METADATA = "metadata"  # HTML meta / JSON-LD / a record field / a feed entry
    INFERRED = "inferred"  # reasoned from other evidence


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. `text` is the clean body: every offset in the project points into it.

    Identity (`id`) never changes when cleaning improves; see `marsad.identity` for the recipe.
    `content_hash` changes when the input's text changes (a new version of the same URL).
    """

    id: str
    content_hash: str
    source: str
    raw: str  # the decoded input text before cleaning (HTML: the extracted main text + metadata lines)
    text: str = ""
    outlet: str | None = None
    outlet_evidence: Evidence | None = None
    outlet_how: str | None = None  # metadata | header | dateline | received | self_reference
    cited_outlets: tuple[str, ...] = ()
    published: str | None = None  # YYYY-MM-DD or YYYY-MM-DDThh:mm, local time as stated
    published_how: PublishedHow | None = None
    published_evidence: Evidence | None = None
    title: str | None = None
    authors: tuple[Author, ...] = ()
    language: str | None = None
    boilerplate: tuple[Removed, ...] = ()
    summary_box: tuple[str, ...] | None = None
    url: str | None = None
    hints: tuple[tuple[str, str], ...] = ()  # reader-provided metadata (title, outlet, date, author), as pairs
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = ()
    stages: tuple[tuple[str, int], ...] = ()  # (stage name, version) that produced this record

    def hint(self, key: str) -> str | None:
        for k, v in self.hints:
            if k == key:
                return v
        return None

    @property
    def words(self) -> int:
        return len(self.text.split())


class SkipReason(enum.StrEnum):
    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TOO_LARGE = "too large"
    MALFORMED = "malformed"
    NOT_FOUND = "not found"
    UNSUPPORTED = "unsupported"
    FETCH_FAILED = "fetch failed"
    NO_TEXT = "no text"
    STAGE_FAILED = "stage failed"


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input (or one record of it) that was not analysed, and why. Shown as one line."""

    source: str
    reason: SkipReason
    detail: str = ""

    def line(self) -> str:
        text = f"{self.source}: skipped ({self.reason.value}{': ' + self.detail if self.detail else ''})"
        # One line whatever the source holds (a feed link or a file name with a line break in it).
        return "".join(c if c not in _LINE_BREAKS else repr(c)[1:-1] for c in text)


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")  # where str.splitlines() breaks


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader produces: decoded text plus whatever metadata the container format carried."""

    source: str  # URL, path, or path#LINE for a JSONL record
    text: str
    id_basis: str  # what the stable id is derived from (URL, else the decoded text)
    url: str | None = None
    hints: tuple[tuple[str, str], ...] = field(default=())
