"""A short dated summary of a story, lifted from its articles (extractive, multi-document).

The date is that of the latest dated event reported as done (happened, or claimed by a source). Bullets, 3 to 5, in this order: what
happened most recently, the key background (the earliest and the best-sourced events), then what is
open: plans still ahead and figures the outlets disagree on. Each bullet is the sentence its evidence
sits in, with a dangling connector removed; a sentence too close to one already chosen is skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.normalize import fold
from marsad.lexicon import load
from marsad.model import Article
from marsad.stories.features import stems

MAX_BULLETS = 5
MAX_WORDS = 40
REDUNDANT = 0.45  # stem Jaccard above which two bullets say the same thing
# "بغداد/المرصد اليومي: ", "الرياض - واس: ": a dateline that opens an article's first sentence
_DATELINE = re.compile(r"^[^\s:،.]+(?: [^\s:،.]+)?\s?[/\-–]\s?[^:،.\n]{2,40}:\s*")
_CHAINED = re.compile(r"^\s*[وف](أضاف|اضاف|تابع|أكد|اكد|أشار|اشار|قال|أوضح|اوضح)")


@lru_cache(maxsize=1)
def _connectors() -> list[str]:
    return sorted({fold(c) for c in load("summary")["connectors"]}, key=len, reverse=True)


def clean_sentence(text: str) -> str:
    """Drop a leading connector and the comma after it; cut a long sentence at a clause boundary."""
    text = text.strip()
    folded = fold(text)
    for c in _connectors():
        if folded.startswith(c) and (len(folded) == len(c) or not folded[len(c)].isalpha()):
            text = text[len(c):].lstrip(" ،,:؛-–")
            break
    words = text.split()
    if len(words) > MAX_WORDS:
        cut = " ".join(words[:MAX_WORDS])
        comma = max(cut.rfind("،"), cut.rfind(","))
        text = (cut[:comma] if comma > len(cut) // 2 else cut).rstrip(" ،,") + " …"
    return text


def sentence_at(article: Article, start: int, end: int) -> tuple[int, int]:
    for s in article.sentences:
        if s.start <= start < s.end or s.start < end <= s.end:
            return s.start, s.end
    return start, end


def _bullet(articles: dict[str, Article], sources: list[dict], role: str) -> dict | None:
    for ev in sources:
        if ev.get("rerun"):
            continue
        a = articles.get(ev["article"])
        if a is None:
            continue
        s, e = sentence_at(a, ev["start"], ev["end"])
        if _CHAINED.match(a.text[s:e]):
            continue
        lifted = a.text[s:e]
        if a.sentences and s == a.sentences[0].start:
            lifted = _DATELINE.sub("", lifted, count=1)
        text = clean_sentence(lifted)
        if len(text.split()) >= 4:
            return {"text": text, "sources": [{"article": a.id, "start": s, "end": e, "outlet": a.outlet,
                                                "published": a.published}] + [x for x in sources if x is not ev],
                    "role": role}
    return None


def summarize(articles: list[Article], timeline: list[dict], contradictions: list[dict],
              claims: dict[str, dict], last_date: str | None) -> dict:
    by_id = {a.id: a for a in articles}
    happened = [t for t in timeline if t["date"] and t["modality"] in ("happened", "claimed")]
    date = max((t["date"] for t in happened), default=None) or last_date
    picks: list[tuple[list[dict], str]] = []
    if happened:
        latest = max(happened, key=lambda t: (t["date"], len(t["sources"])))
        picks.append((latest["sources"], "latest"))
    background = sorted((t for t in timeline if t["date"]), key=lambda t: (-len(t.get("outlets", ())), t["date"]))
    earliest = sorted((t for t in timeline if t["date"]), key=lambda t: t["date"])[:1]
    for t in earliest + background[:3]:
        picks.append((t["sources"], "background"))
    future = [t for t in timeline if t["modality"] == "planned" and t["date"] and date and t["date"] > date[:len(t["date"])]]
    for t in future[:1]:
        picks.append((t["sources"], "open"))
    bullets: list[dict] = []
    seen: list[frozenset[str]] = []
    for sources, role in picks:
        b = _bullet(by_id, sources, role)
        if b is None:
            continue
        words = frozenset(stems(b["text"]))
        if any(len(words & w) / max(1, len(words | w)) > REDUNDANT for w in seen):
            continue
        bullets.append(b)
        seen.append(words)
        if len(bullets) >= MAX_BULLETS - (1 if contradictions else 0):
            break
    lead = load("summary")["contradiction_lead"]
    for c in contradictions[:1]:
        evs = [{"article": claims[i]["article"], "start": claims[i]["start"], "end": claims[i]["end"]}
               for i in c["claims"] if i in claims]
        bullets.append({"text": f"{lead} {c['topic']}: {c.get('note') or ''}".strip(" :"), "sources": evs,
                        "role": "open"})
    return {"date": date, "bullets": bullets}
