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
        return f"{self.source}: skipped ({self.reason.value}{': ' + self.detail if self.detail else ''})"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader produces: decoded text plus whatever metadata the container format carried."""

    source: str  # URL, path, or path#LINE for a JSONL record
    text: str
    id_basis: str  # what the stable id is derived from (URL, else the decoded text)
    url: str | None = None
    hints: tuple[tuple[str, str], ...] = field(default=())
