"""One timeline across outlets: the same real event reported by several articles becomes one entry.

Events of a story are merged when they have the same type, compatible dates (equal at the coarser
precision: "2026-01" and "2026-01-18" agree, "2026-01-17" and "2026-01-18" do not) and no
conflicting place: within one story, that is one event. A plan and a report of the deed with
compatible dates merge only when they share a place, an actor or their wording; the entry is then
shown as happened, with the plan among its sources. Negated events never merge with others.
Undated events join a dated entry whose wording they clearly repeat, else stay out of the timeline
(they remain in their article's `events`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from marsad.model import Article, Event
from marsad.stories.features import stems

WORDING = 0.25  # stem Jaccard of two event phrases that makes them the same event without a shared place
SUMMARY_WORDS = 22
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_DAY, _MONTH, _YEAR = re.compile(r"^\d{4}-\d{2}-\d{2}"), re.compile(r"^\d{4}-\d{2}$"), re.compile(r"^\d{4}$")
_MODALITY_RANK = {"happened": 0, "planned": 1, "claimed": 2, "negated": 3}


def precision(value: str | None, given: str | None = None) -> str | None:
    if not value or value.startswith("X"):
        return None
    if _DAY.match(value):
        return "day"
    if _MONTH.match(value):
        return "month"
    if _YEAR.match(value):
        return "year"
    return given


def _comparable(value: str) -> str:
    """The calendar prefix of a value: "2025-FA" -> "2025", "2026-01-14T10:00" -> day, and a week
    -> its month when it lies in one month ("2025-W45" -> "2025-11"), else its year."""
    w = _WEEK.match(value)
    if w:
        year, week = int(w.group(1)), int(w.group(2))
        try:
            first, last = date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
        except ValueError:
            return w.group(1)
        return f"{first.year}-{first.month:02d}" if (first.year, first.month) == (last.year, last.month) else w.group(1)
    m = re.match(r"^\d{4}(-\d{2}(-\d{2})?)?", value)
    return m.group(0) if m else value


def dates_agree(a: str, b: str) -> bool:
    a, b = _comparable(a), _comparable(b)
    k = min(len(a), len(b))
    return a[:k] == b[:k]


@dataclass
class _Source:
    article: Article
    event: Event
    rerun: bool
    words: frozenset[str] = field(default_factory=frozenset)


@dataclass
class _Entry:
    type: str
    sources: list[_Source]
    negated: bool

    @property
    def dated(self) -> list[_Source]:
        return [s for s in self.sources if s.event.date and precision(s.event.date, s.event.date_precision)]

    def date(self) -> str | None:
        vals = [_comparable(s.event.date) for s in self.dated]
        return max(vals, key=lambda v: (len(v), vals.count(v), v)) if vals else None

    def places(self) -> set[str]:
        return {s.event.place for s in self.sources if s.event.place}

    def actors(self) -> set[str]:
        return {a for s in self.sources for a in s.event.actors}


def _same(entry: _Entry, src: _Source) -> bool:
    ev = src.event
    if entry.type != ev.type or entry.negated != (ev.modality == "negated"):
        return False
    places = entry.places()
    if ev.place and places and ev.place not in places:
        return False  # two places: two events
    planned = (ev.modality == "planned") == (entry.sources[0].event.modality == "planned")
    wording = max(_jaccard(src.words, s.words) for s in entry.sources)
    date = entry.date()
    if date and ev.date:
        if not dates_agree(date, ev.date):
            return False
        if planned:
            return True  # within one story, one type, one date, one modality: one event
        # a plan and a report of the deed: the same event only when they say so (place, actor, words)
        return bool(ev.place and ev.place in places or set(ev.actors) & entry.actors()) or wording >= WORDING
    # an undated report joins only an entry it clearly repeats, and never turns a plan into a deed
    return planned and wording >= 2 * WORDING


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def merge_events(articles: list[Article], reruns: set[str]) -> list[_Entry]:
    sources = [_Source(a, e, a.id in reruns, frozenset(stems(a.text[e.start:e.end])))
               for a in articles for e in a.events]
    dated = [s for s in sources if precision(s.event.date, s.event.date_precision)]
    undated = [s for s in sources if not precision(s.event.date, s.event.date_precision)]
    dated.sort(key=lambda s: (-len(_comparable(s.event.date)), s.article.published or "", s.article.id, s.event.start))
    entries: list[_Entry] = []
    for src in dated + undated:
        for entry in entries:
            if _same(entry, src):
                entry.sources.append(src)
                break
        else:
            if src in dated:
                entries.append(_Entry(src.event.type, [src], src.event.modality == "negated"))
    return entries


def _modality(entry: _Entry) -> str:
    """The strongest modality among the dated, independent sources: one report of the deed makes
    a plan done; undated sources, which join on wording alone, never change it."""
    own = [s for s in entry.dated if not s.rerun] or entry.dated or entry.sources
    return min((s.event.modality for s in own), key=lambda m: _MODALITY_RANK.get(m, 9))


def _summary(entry: _Entry) -> str:
    """The fullest phrase among the independent sources, cut to a readable length."""
    modality = _modality(entry)
    own = [s for s in entry.sources if not s.rerun] or entry.sources
    own = [s for s in own if s.event.modality == modality] or own  # a deed told in the words of the deed
    best = max(own, key=lambda s: (min(s.event.end - s.event.start, 200), -s.event.start))
    words = best.article.text[best.event.start:best.event.end].split()
    text = " ".join(words[:SUMMARY_WORDS]) + (" …" if len(words) > SUMMARY_WORDS else "")
    return text.strip(" ،,.:؛")


def evidence(article: Article, start: int, end: int, **extra) -> dict:
    return {"article": article.id, "start": start, "end": end, "outlet": article.outlet,
            "published": article.published, **extra}


def timeline(articles: list[Article], reruns: set[str]) -> list[dict]:
    """Timeline entries of ANALYSIS-FORMAT.md, by date (coarser dates first within their period)."""
    out = []
    for entry in merge_events(articles, reruns):
        date = entry.date()
        first = entry.sources[0].event
        sources = sorted(entry.sources, key=lambda s: (s.article.published or "", s.article.id, s.event.start))
        key = f"{entry.type}|{date}|{sources[0].article.id}|{sources[0].event.start}"
        out.append({
            "date": date, "date_precision": precision(date, first.date_precision), "type": entry.type,
            "summary": _summary(entry), "modality": _modality(entry),
            "sources": [evidence(s.article, s.event.start, s.event.end, modality=s.event.modality, rerun=s.rerun)
                        for s in sources],
            # extensions
            "id": "t-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10],
            "outlets": sorted({s.article.outlet for s in sources if s.article.outlet and not s.rerun}),
            "planned_before": any(s.event.modality == "planned" for s in sources) and _modality(entry) == "happened",
            "actors": sorted(entry.actors()), "place": sorted(entry.places())[0] if entry.places() else None,
        })
    out.sort(key=lambda e: (e["date"] or "9999", e["id"]))
    return out
