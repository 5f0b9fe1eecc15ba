"""The storage protocol: the only storage API the rest of Marsad sees."""

from __future__ import annotations

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

    def close(self) -> None: ...
