"""The storage protocol: the only storage API the rest of Marsad sees."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from marsad.model import Article, Skipped


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    outlet: str | None = None
    since: str | None = None  # inclusive, compared on the published date's prefix
    until: str | None = None
    limit: int | None = None
    offset: int = 0


def filter_sql(flt: ArticleFilter, mark: str = "?") -> tuple[str, list]:
    """The WHERE clause of an article filter and its arguments, with `mark` as the placeholder
    ("?" for SQLite, "%s" for psycopg): both stores filter the same columns the same way."""
    clauses, args = [], []
    if flt.outlet:
        clauses.append(f"outlet = {mark}")
        args.append(flt.outlet)
    if flt.since:
        clauses.append(f"published >= {mark}")
        args.append(flt.since)
    if flt.until:
        clauses.append(f"substr(published, 1, {mark}) <= {mark}")
        args.extend([len(flt.until), flt.until])
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


class Store(Protocol):
    def put_article(self, article: Article) -> str:
        """Store one analysed article in its own transaction.

        Returns "new", "updated" (a new version of the same id), "reanalysed" (same text, new
        analysis) or "unchanged".
        """

    def get_article(self, article_id: str) -> Article: ...  # raises NotFound

    def list_articles(self, flt: ArticleFilter = ArticleFilter()) -> list[Article]: ...

    def count_articles(self, flt: ArticleFilter = ArticleFilter()) -> int: ...

    def delete_article(self, article_id: str) -> None: ...  # raises NotFound

    def record_skip(self, skipped: Skipped) -> None: ...

    def articles_mentioning(self, entity_id: str) -> list[str]: ...  # article ids

    def versions(self, article_id: str) -> list[tuple[int, str, str]]: ...  # (version, content_hash, stored_at)

    # -- stories (marsad.stories.update drives these) ----------------------------------------
    def assign_story(self, article_id: str, published: str | None, entities: list[str], terms: dict[str, float],
                     body: dict[str, float], decide) -> tuple[str, set[str]]:
        """In one transaction: place the article in the story `decide(candidates)` picks, merge the
        stories it names, mark every touched story stale. Returns (story id, touched story ids)."""

    def unassign_story(self, article_id: str) -> str | None: ...  # its former story, now stale

    def story_of(self, article_id: str) -> str | None: ...

    def story_members(self, story_id: str) -> list[str]: ...  # article ids, by publication date

    def story_features_of(self, article_ids: list[str]) -> dict[str, dict[str, float]]: ...

    def stale_stories(self) -> list[str]: ...

    def put_story(self, story: dict | None, story_id: str) -> None: ...  # None drops an empty story

    def list_stories(self, limit: int | None = None, offset: int = 0) -> list[dict]: ...

    def count_stories(self) -> int: ...

    def get_story(self, story_id: str) -> dict: ...  # raises NotFound; a unique id prefix is enough

    # -- corrections (marsad.corrections validates them and applies them to documents) --------
    def add_correction(self, kind: str, target: str, value: object = None, by: str | None = None) -> dict:
        """Validate and store an analyst's correction; returns the Correction record (with its id).
        UsageError for a bad kind, target or value, or a target the store does not hold."""

    def list_corrections(self, check_targets: bool = True) -> list[dict]:
        """Every correction, oldest first (the order they apply in). With `check_targets` each record
        also has `orphan`: true when its target no longer exists in the store."""

    def get_correction(self, correction_id: str) -> dict: ...  # with `orphan`; raises NotFound

    def delete_correction(self, correction_id: str) -> dict: ...  # undo; returns the record; raises NotFound

    # -- search (marsad.search makes the keys and snippets; put_article/delete_article keep the index) --
    def search_index(self, terms: list[tuple[tuple[str, ...], ...]], *, outlet: str | None = None,
                     since: str | None = None, until: str | None = None, entity: str | None = None,
                     story: str | None = None, limit: int = 20, offset: int = 0) -> tuple[list[tuple], int]:
        """Articles holding every term (a term: alternatives, each a sequence of index keys that must be
        adjacent), best first, as (article_id, title, outlet, published, score) rows, and the total."""

    def search_sentences(self, article_id: str) -> list[str]:
        """The index keys of each of the article's indexed sentences, space-separated, in order."""

    def search_sentence(self, article_id: str, n: int) -> tuple[int, int, str, Sequence[int]]:
        """Indexed sentence `n` of the article: start, end, text, and its keys' word spans within the
        text as flat start, end pairs. Raises NotFound."""

    def search_snapshot(self) -> AbstractContextManager:
        """A context in which every search read sees one committed state of the store."""

    def reindex_search(self) -> int: ...  # rebuild the search index from the stored articles; returns the count

    def close(self) -> None: ...
