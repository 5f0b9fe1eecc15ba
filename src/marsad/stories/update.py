"""Keep the stories of a store up to date as articles arrive, change or leave: incrementally.

Placing an article touches only its candidates (found through the term index) and the stories it
joins or merges; only those stories are rebuilt. Articles are placed in publication order within a
batch, so a batch and the same articles ingested one by one give the same stories.
"""

from __future__ import annotations

from collections.abc import Iterable

from marsad.model import Article
from marsad.store import Store
from marsad.stories.cluster import DEFAULT, Candidate, Centroid, Params, decide
from marsad.stories.features import features


def _order(article: Article) -> tuple:
    return (article.published is None, article.published or "", article.id)


def place(store: Store, article: Article, params: Params = DEFAULT) -> set[str]:
    """Put one stored article into its story; returns the stories to rebuild."""
    f = features(article)

    def choose(rows: list[tuple], centroids: dict[str, tuple]) -> tuple[str, list[str]]:
        cands = [Candidate(a, s, lead, body, frozenset(ents), pub, grams)
                 for a, s, lead, body, ents, pub, grams in rows]
        return decide(f, cands, params, {sid: Centroid(*c) for sid, c in centroids.items()})

    _, touched = store.assign_story(article.id, article.published, sorted(f.entities), f.terms, f.body, choose,
                                    grams=f.grams)
    return touched


def update_stories(store: Store, articles: Iterable[Article], params: Params = DEFAULT,
                   kb_files: tuple[str, ...] = ()) -> list[str]:
    """Place these articles, then rebuild every stale story (also those an interrupted run left).
    Returns the ids of the rebuilt stories."""
    for article in sorted(articles, key=_order):
        place(store, article, params)
    return rebuild_stale(store, kb_files)


def rebuild_stale(store: Store, kb_files: tuple[str, ...] = ()) -> list[str]:
    from marsad.stories.build import build_story

    rebuilt = []
    for sid in store.stale_stories():
        members = store.story_members(sid)
        story = build_story(sid, [store.get_article(a) for a in members], store.story_features_of(members)) \
            if members else None
        store.put_story(story, sid)
        rebuilt.append(sid)
    return rebuilt
