"""A story's object (ANALYSIS-FORMAT.md "Story") built from its member articles: a pure function.

Called whenever a story's members change; everything here is derived, nothing is stored elsewhere.
"""

from __future__ import annotations

from marsad.model import Article
from marsad.stories.coverage import coverage
from marsad.stories.duplicates import near_duplicates
from marsad.stories.features import cosine, term_weights
from marsad.stories.summary import summarize
from marsad.stories.timeline import timeline

TITLE_WORDS = 14


def _title(articles: list[Article], terms: dict[str, dict[str, float]], reruns: set[str]) -> str | None:
    """The title of the most central article (highest summed similarity to the others)."""
    pool = [a for a in articles if a.id not in reruns] or articles
    vecs = {a.id: terms.get(a.id) or term_weights(a.title, a.text) for a in pool}
    # The summed cosine to every other member is the dot product with the sum of all vectors less the
    # article's own: linear in the story's size (pairwise cosines took 15 s for a 400-member story).
    total: dict[str, float] = {}
    for a in pool:
        for t, w in vecs[a.id].items():
            total[t] = total.get(t, 0.0) + w

    def centrality(a: Article) -> float:
        v = vecs[a.id]
        return round(cosine(v, total) - cosine(v, v), 9)  # rounded: the summing order must not decide ties

    ranked = sorted(pool, key=lambda a: (-centrality(a), a.title is None, a.published or "", a.id))
    for a in ranked:
        if a.title:
            return a.title
    first = ranked[0].text.split()
    return " ".join(first[:TITLE_WORDS]) + (" …" if len(first) > TITLE_WORDS else "") if first else None


def _claims(articles: list[Article], reruns: set[str]) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """(claims, agreements, contradictions, changes over time), from the claims stored with each
    article (an article analysed before the claims stage existed gets them extracted here)."""
    from marsad.stories.claims import claim_to_dict, find_claims
    from marsad.stories.compare import compare

    claims = [c for a in articles
              for c in (a.claims if any(name == "claims" for name, _ in a.stages) else find_claims(a))]
    result = compare(claims, {a.id: a.outlet for a in articles}, reruns)
    return [claim_to_dict(c) for c in claims], result.agreements, result.contradictions, result.changes


def build_story(story_id: str, articles: list[Article], terms: dict[str, dict[str, float]] | None = None) -> dict:
    articles = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    pairs = near_duplicates(articles)
    reruns = {b for _, b in pairs}
    dates = sorted(a.published[:10] for a in articles if a.published)
    line = timeline(articles, reruns)
    claims, agreements, contradictions, changes = _claims(articles, reruns)
    claim_by_id = {c["id"]: c for c in claims}
    return {
        "id": story_id,
        "title": _title(articles, terms or {}, reruns),
        "articles": [a.id for a in articles],
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "outlets": sorted({a.outlet for a in articles if a.outlet}),
        "summary": summarize(articles, line, contradictions, claim_by_id, dates[-1] if dates else None),
        "timeline": line,
        "claims": claims,
        "agreements": agreements,
        "contradictions": contradictions,
        "near_duplicates": [list(p) for p in pairs],
        "coverage": coverage(articles, reruns, line, claims),
        # extensions
        "changes": changes,
    }
