"""Where a story's outlets agree, where they contradict each other, and what changed over time.

The rules:
- Only claims of the same kind and subject are compared (`stories.claims` builds the subject key), and a
  plan is never compared with a report (quantities and statuses carry a modality).
- Sources: claims from one outlet, or from an article and its near-duplicate re-run, are one source. An
  article with no known outlet is a source of its own; a re-run given alone (by id) counts for no source.
- Agreement: values that agree (equal; approximate figures within their tolerance; closed ranges that
  overlap; dates of the same precision that overlap) from two or more independent sources, about a period
  not known to differ.
- Contradiction: values that cannot both be true, from different sources, about the same period: their
  `as_of` dates at most `window_days` apart (claims.yaml: 31 days, one day for tolls of the dead, wounded
  and arrested, which grow by the day). A claim of unknown date contradicts nothing. Rankings are timeless:
  the size of a base does not change from one month to the next.
- Change over time: values that differ between reports further apart than the window. They are returned
  apart (`changes`, an extension of the format), so a report can show "then X, now Y".
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import NamedTuple

from marsad.stories.claim_text import data
from marsad.stories.claims import Claim

Independent = Callable[[str, str], bool] | Iterable | None
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_THIRDS = {"START": (1, 10), "MID": (11, 20), "END": (21, 31)}
_YEAR_PARTS = {"START": (1, 3), "MID": (4, 9), "END": (10, 12)}


class Comparison(NamedTuple):
    agreements: list[dict]
    contradictions: list[dict]
    changes: list[dict]


def compare(claims: Iterable[Claim | dict], outlet_of: dict[str, str | None],
            independent: Independent = None) -> Comparison:
    """(agreements, contradictions, changes) of ANALYSIS-FORMAT.md's Story, with `subject` (and `outlets` for
    agreements) added. `independent` is a callable (article id, article id) -> bool, or the near-duplicate
    pairs [(original, re-run)], or the set of re-run article ids."""
    items = [c if isinstance(c, Claim) else Claim(**c) for c in claims]
    source = _sources(items, outlet_of, independent)
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in items:
        groups[(c.kind, c.subject)].append(c)
    out = Comparison([], [], [])
    for (kind, subject), group in sorted(groups.items()):
        if len({c.article for c in group}) < 2:
            continue
        window = _window(kind, subject)
        agree_edges, clashes, changes = [], [], []
        for a, b in combinations(group, 2):
            if a.article == b.article or a.modality != b.modality:
                continue
            period = True if kind == "ranking" else _same_period(a.as_of, b.as_of, window)
            relation = _relation(a, b)
            if relation == "agree" and period is not False:
                agree_edges.append((a, b))
            elif relation == "clash" and period and _distinct(source, a, b):
                clashes.append((a, b))
            elif relation == "clash" and period is False:
                changes.append((a, b))
        topic = group[0].subject_text or subject
        for members in _components(agree_edges, {c.id: c for c in group}):
            sources = {source[c.article] for c in members} - {None}
            if len(sources) >= 2:
                out.agreements.append({"topic": topic, "claims": [c.id for c in members], "kind": kind,
                                       "subject": subject, "outlets": _outlets(members, outlet_of)})
        if clashes:
            members = _ordered({c.id: c for pair in clashes for c in pair}.values())
            out.contradictions.append({"topic": topic, "kind": kind, "claims": [c.id for c in members],
                                       "note": _note(members, outlet_of, " مقابل "), "subject": subject})
        if changes:
            members = sorted({c.id: c for pair in changes for c in pair}.values(), key=lambda c: (c.as_of or "", c.start))
            out.changes.append({"topic": topic, "kind": kind, "claims": [c.id for c in members],
                                "note": _note(members, outlet_of, " ثم ", dated=True), "subject": subject})
    return out


# --- sources ----------------------------------------------------------------------------------------------

def _sources(claims: list[Claim], outlet_of: dict[str, str | None], independent: Independent) -> dict:
    """Article id -> its source (a representative article id), or None for a re-run that counts for nothing."""
    arts = sorted({c.article for c in claims})
    parent = {a: a for a in arts}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: str, b: str) -> None:
        if a in parent and b in parent:
            parent[find(b)] = find(a)

    by_outlet: dict[str, str] = {}
    for a in arts:
        name = outlet_of.get(a)
        if name:
            union(by_outlet.setdefault(name, a), a)
    reruns: set[str] = set()
    if callable(independent):
        for a, b in combinations(arts, 2):
            if not independent(a, b):
                union(a, b)
    elif independent is not None:
        for x in independent:
            if isinstance(x, str):
                reruns.add(x)
            else:
                union(*tuple(x)[:2])
    return {a: None if a in reruns else find(a) for a in arts}


def _distinct(source: dict, a: Claim, b: Claim) -> bool:
    sa, sb = source[a.article], source[b.article]
    return sa is None or sb is None or sa != sb


def _components(edges: list[tuple[Claim, Claim]], by_id: dict[str, Claim]) -> list[list[Claim]]:
    """Groups of claims linked by agreement (claim values may be dicts: work on ids)."""
    links: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        links[a.id].add(b.id)
        links[b.id].add(a.id)
    seen: set[str] = set()
    out = []
    for start in _ordered(by_id[i] for i in links):
        if start.id in seen:
            continue
        stack, comp = [start.id], set()
        while stack:
            i = stack.pop()
            if i not in comp:
                comp.add(i)
                stack.extend(links[i] - comp)
        seen |= comp
        out.append(_ordered(by_id[i] for i in comp))
    return out


def _ordered(claims) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.as_of or "", c.article, c.start))


def _outlets(claims: list[Claim], outlet_of: dict) -> list[str]:
    return list(dict.fromkeys(o for c in claims if (o := outlet_of.get(c.article))))


def _note(claims: list[Claim], outlet_of: dict, joiner: str, dated: bool = False) -> str:
    """"نحو 1200 جندي (الرافد، الضفة نيوز) مقابل أكثر من 1500 جندي (المرصد اليومي)"."""
    sides: dict[str, list[Claim]] = {}
    for c in claims:
        key = c.as_of if dated else json.dumps([c.value, c.qualifier], ensure_ascii=False, sort_keys=True)
        sides.setdefault(f"{key}", []).append(c)
    parts = []
    for members in sides.values():
        text = members[0].value_text or str(members[0].value)
        if members[0].kind == "date":
            text += f" = {members[0].value}"
        who = "، ".join(_outlets(members, outlet_of))
        when = f"، {members[0].as_of}" if dated and members[0].as_of else ""
        parts.append(f"{text} ({who}{when})" if who or when else text)
    return joiner.join(dict.fromkeys(parts))


# --- values -----------------------------------------------------------------------------------------------

def _relation(a: Claim, b: Claim) -> str:
    """"agree", "clash" or "compatible" (neither: "more than 1000" and "about 1200")."""
    if a.kind in ("ranking", "status"):
        return "agree" if a.value == b.value else "clash"
    if a.kind == "date":
        ia, ib = date_interval(a.value, a.qualifier), date_interval(b.value, b.qualifier)
        if ia is None or ib is None:
            return "compatible"
        if not _overlap(ia, ib):
            return "clash"
        return "agree" if _precision(a.value) == _precision(b.value) else "compatible"
    ia, ib = _number_interval(a), _number_interval(b)
    if not _overlap(ia, ib):
        return "clash"
    open_a, open_b = math.inf in ia or -math.inf in ia, math.inf in ib or -math.inf in ib
    if open_a or open_b:
        return "agree" if ia == ib else "compatible"
    return "agree"


def _number_interval(c: Claim) -> tuple[float, float]:
    v = c.value
    if isinstance(v, dict):
        low, high = v.get("low"), v.get("high")
        return (-math.inf if low is None else low, math.inf if high is None else high)
    if c.qualifier == "APPROX":
        tol = data().approx_tolerance
        return (v * (1 - tol), v * (1 + tol))
    return (v, v)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _precision(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    return "season" if re.fullmatch(r"\d{4}-(SP|SU|FA|WI|Q[1-4])", value) else "year"


def date_interval(value: str | None, mod: str | None = None) -> tuple[dt.date, dt.date] | None:
    """The days a TIMEX3 date value covers: "2025-09" + END -> 21..30 September; "2025" + END -> Oct..Dec."""
    if not value:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = dt.date(*map(int, m.groups()))
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            last = calendar.monthrange(y, mo)[1]
            lo, hi = _THIRDS.get(mod or "", (1, last))
            return dt.date(y, mo, lo), dt.date(y, mo, min(hi, last))
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI|Q[1-4])", value):
            y = int(m[1])
            first, last = _SEASONS.get(m[2]) or (3 * int(m[2][1]) - 2, 3 * int(m[2][1]))
            return _months(y, first, last)
        if re.fullmatch(r"\d{4}", value):
            first, last = _YEAR_PARTS.get(mod or "", (1, 12))
            return _months(int(value), first, last)
    except ValueError:
        return None
    return None


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    y2, m2 = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), dt.date(y2, m2, calendar.monthrange(y2, m2)[1])


def _same_period(a: str | None, b: str | None, window: int) -> bool | None:
    ia, ib = date_interval(a), date_interval(b)
    if ia is None or ib is None:
        return None
    gap = (max(ia[0], ib[0]) - min(ia[1], ib[1])).days
    return gap <= window


def _window(kind: str, subject: str) -> int:
    d = data()
    if kind == "quantity":
        pred = subject.rsplit("|", 1)[-1]
        return d.predicates.get(pred, {}).get("window_days", d.window_days)
    return d.window_days
