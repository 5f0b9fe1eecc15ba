"""Per-outlet coverage of a story: which outlets carry it, whom each quotes, what only it reports.

"Only it reports" counts independent sources: a timeline entry (or a speaker) that appears in one
outlet's own articles and nowhere else in the story; a re-run of another outlet's copy adds nothing.
"""

from __future__ import annotations

from collections import defaultdict

from marsad.model import Article


def _outlet_info(name: str | None) -> dict | None:
    try:
        from marsad.outlets import outlet_info
    except ImportError:
        return None
    info = outlet_info(name) if name else None
    if info is None:
        return None
    return {k: getattr(info, k, None) for k in ("country", "ownership", "affiliation")}


def coverage(articles: list[Article], reruns: set[str], timeline: list[dict], claims: list[dict]) -> list[dict]:
    by_outlet: dict[str | None, list[Article]] = defaultdict(list)
    for a in articles:
        by_outlet[a.outlet].append(a)
    outlet_of = {a.id: a.outlet for a in articles}
    several = len(by_outlet) > 1
    speakers_by_outlet: dict[str | None, dict[str, list]] = defaultdict(dict)
    for a in articles:
        for q in a.quotes:
            if q.speaker:
                speakers_by_outlet[a.outlet].setdefault(q.speaker, []).append((a, q))
    out = []
    for outlet in sorted(by_outlet, key=lambda o: (-len(by_outlet[o]), o or "")):
        own = by_outlet[outlet]
        unique: list[dict] = []
        if several:
            for t in timeline:
                indep = {outlet_of[s["article"]] for s in t["sources"] if not s.get("rerun")}
                if indep == {outlet}:
                    s = next(s for s in t["sources"] if not s.get("rerun"))
                    unique.append({"article": s["article"], "start": s["start"], "end": s["end"], "what": "event"})
            for speaker, said in speakers_by_outlet[outlet].items():
                elsewhere = any(speaker in speakers_by_outlet[o] for o in by_outlet if o != outlet)
                if not elsewhere and not all(a.id in reruns for a, _ in said):
                    a, q = next((a, q) for a, q in said if a.id not in reruns)
                    unique.append({"article": a.id, "start": q.start, "end": q.end, "what": "quote"})
        out.append({
            "outlet": outlet,
            "articles": [a.id for a in own],
            "quotes": sum(len(a.quotes) for a in own),
            "speakers": sorted(speakers_by_outlet[outlet]),
            "unique_facts": unique,
            # extensions
            "reruns": [a.id for a in own if a.id in reruns],
            "claims": [c["id"] for c in claims if outlet_of.get(c["article"]) == outlet],
            "info": _outlet_info(outlet),
        })
    return out
