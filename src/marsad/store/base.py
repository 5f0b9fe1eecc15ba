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

    def close(self) -> None: ...
