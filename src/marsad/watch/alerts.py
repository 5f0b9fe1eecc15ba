"""User-defined alerts: which new articles, and which new contradictions, deserve a notice.

An alert is a plain dict (what the JSON lines file and the webhook receive); its fields are listed in
docs/watch.md. Article alerts carry evidence as exact spans of the article's clean text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from marsad.arabic.normalize import fold
from marsad.errors import NotFound, UsageError
from marsad.model import Article
from marsad.watch.config import AlertRule

_NO_QUOTES = str.maketrans(dict.fromkeys('"“”„‟«»″', " "))  # the keyword is always one phrase


class ArticleRules:
    """The article-level rules, prepared once: keyword terms, entity ids from the knowledge base."""

    def __init__(self, rules: Iterable[AlertRule], kb_files: tuple[str, ...] = ()):
        from marsad.search import parse_query

        self.rules = [r for r in rules if r.contradiction is None]
        self._terms, self._entities = {}, {}
        kb = None
        for r in self.rules:
            if r.keyword:
                # The keyword as one quoted search phrase: folded, any clitic form and spelling variant.
                terms = parse_query('"' + r.keyword.translate(_NO_QUOTES) + '"')
                if len(terms) != 1:
                    raise UsageError(f"alert '{r.name}': keyword '{r.keyword}' has no word to match")
                self._terms[r.name] = terms[0]
            if r.entity:
                if kb is None:
                    from marsad.kb import load_kb

                    kb = load_kb(kb_files)
                self._entities[r.name] = ({r.entity} | {e.id for e in kb.lookup(r.entity)}, fold(r.entity).strip())

    def match(self, article: Article) -> list[tuple[AlertRule, list[dict]]]:
        """(rule, evidence) for every rule the article meets; evidence: one span per condition."""
        out, words = [], _Words(article)
        for rule in self.rules:
            evidence = []
            for check in (self._entity, self._keyword, self._event):
                found = check(rule, article, words)
                if found is False:
                    break
                if found:
                    evidence.append(found)
            else:
                out.append((rule, evidence))
        return out

    def _entity(self, rule: AlertRule, article: Article, words: _Words) -> dict | None | bool:
        if not rule.entity:
            return None
        ids, key = self._entities[rule.name]
        for m in article.mentions:
            text = m.slice(article.text)
            if m.entity_id in ids or key in (fold(m.canonical or ""), fold(text)):
                return _evidence("entity", article, m.start, m.end, m.entity_id)
        return False

    def _keyword(self, rule: AlertRule, article: Article, words: _Words) -> dict | None | bool:
        if not rule.keyword:
            return None
        spans = _spans(self._terms[rule.name], words.text)
        if spans:
            return _evidence("keyword", article, *spans[0], f"{len(spans)} match(es)")
        if _spans(self._terms[rule.name], words.title):
            return {"type": "keyword", "in": "title", "text": article.title, "detail": "title"}
        return False

    def _event(self, rule: AlertRule, article: Article, words: _Words) -> dict | None | bool:
        if not rule.event:
            return None
        for e in article.events:
            if e.type == rule.event and (not rule.modality or e.modality in rule.modality):
                return _evidence("event", article, e.start, e.end, f"{e.type} ({e.modality})")
        return False


class _Words:
    """An article's search keys (marsad.search.keyed_tokens), computed once for all its keyword rules."""

    def __init__(self, article: Article):
        self.article = article

    @functools.cached_property
    def text(self) -> list[tuple[int, int, str]]:
        from marsad.search import keyed_tokens

        return keyed_tokens(self.article.text)

    @functools.cached_property
    def title(self) -> list[tuple[int, int, str]]:
        from marsad.search import keyed_tokens

        return keyed_tokens(self.article.title or "")


def _spans(term, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Where the words of a search term occur in a row (any of its alternatives), as character spans."""
    n, keys = len(term.alternatives[0]), [k for _, _, k in tokens]
    return [(tokens[i][0], tokens[i + n - 1][1]) for i, k in enumerate(keys)
            if k in term.firsts and tuple(keys[i:i + n]) in term.alternatives]


def _evidence(kind: str, article: Article, start: int, end: int, detail: str | None) -> dict:
    return {"type": kind, "in": "text", "start": start, "end": end, "text": article.text[start:end], "detail": detail}


def contradiction_key(c: dict) -> str:
    """A contradiction's identity across rebuilds: its subject (the claims it holds may grow)."""
    return c.get("subject") or f"{c.get('kind')}|{c.get('topic')}"


class StoryWatch:
    """Stands in for the store during one ingest and remembers the contradictions of every story as
    it was before the ingest touched it: the story an article joins, the stories merged into it
    (deleted on the spot), and any story rewritten. Everything else goes to the real store."""

    def __init__(self, store):
        self._store = store
        self._before: dict[str, set[str]] = {}
        self._merged_into: dict[str, set[str]] = {}

    def __getattr__(self, name):
        return getattr(self._store, name)

    def _remember(self, story_id: str) -> None:
        if story_id in self._before:
            return
        try:
            story = self._store.get_story(story_id)
        except NotFound:
            story = {}
        self._before[story_id] = {contradiction_key(c) for c in story.get("contradictions") or ()}

    def assign_story(self, article_id, published, entities, terms, body, decide, **kwargs):
        def watched(*args):
            story, merged = decide(*args)
            for sid in (story, *merged):
                self._remember(sid)
            lineage = self._merged_into.setdefault(story, {story})
            for sid in merged:
                lineage |= self._merged_into.pop(sid, {sid})
            return story, merged

        old = self._store.story_of(article_id)
        if old:
            self._remember(old)
        return self._store.assign_story(article_id, published, entities, terms, body, watched, **kwargs)

    def put_story(self, story, story_id):
        self._remember(story_id)
        return self._store.put_story(story, story_id)

    def new_contradictions(self, story_ids: Iterable[str]) -> list[tuple[dict, dict]]:
        """(story, contradiction) for each contradiction of these stories that none of the stories
        they grew from had before the ingest."""
        out = []
        for sid in story_ids:
            try:
                story = self._store.get_story(sid)
            except NotFound:
                continue
            before = set().union(*(self._before.get(s, set()) for s in self._merged_into.get(sid, {sid})))
            out.extend((story, c) for c in story.get("contradictions") or () if contradiction_key(c) not in before)
        return out


def article_alert(rule: AlertRule, evidence: list[dict], article: Article, status: str, feed: str,
                  story: str | None, at: str) -> dict:
    kind = "+".join(e["type"] for e in evidence)
    return {"at": at, "alert": rule.name, "kind": kind, "feed": feed, "article": article.id, "status": status,
            "url": article.url, "title": article.title, "outlet": article.outlet, "published": article.published,
            "story": story, "evidence": evidence}


def contradiction_alert(rule: AlertRule, story: dict, contradiction: dict, feed: str, articles: list[str],
                        at: str) -> dict:
    return {"at": at, "alert": rule.name, "kind": "contradiction", "feed": feed, "story": story.get("id"),
            "story_title": story.get("title"), "articles": articles,
            "contradiction": {k: contradiction.get(k) for k in ("topic", "kind", "note", "subject", "claims")}}
