"""Who held an office: "رئيس الوزراء العراقي" said it, so the speaker is the person in that post then.

Reads the dated roles of people in the knowledge base. A title matches a role when their folded
words agree (رئيس الوزراء = رئيس مجلس الوزراء, an equivalence kept here), the country follows from the
NORP adjective or is left open, and the role covers the article's date (no date: the open role).
"""

from __future__ import annotations

import functools

from marsad.arabic.normalize import fold

# Titles written in several ways for one office.
_SAME_OFFICE = {"رئيس الوزراء": "رئيس مجلس الوزراء", "رئيس الحكومه": "رئيس مجلس الوزراء",
                "رئيس البرلمان": "رئيس مجلس النواب"}


def _office(title: str) -> str:
    key = " ".join(fold(title).split())
    return _SAME_OFFICE.get(key, key)


@functools.cache
def _holders(kb) -> dict[str, list]:
    out: dict[str, list] = {}
    for entry in kb.all():
        if entry.type != "PERSON":
            continue
        for role in entry.roles:
            if role.get("title"):
                out.setdefault(_office(role["title"]), []).append((entry, role))
    return out


def office_holder(kb, phrase: str, date: str | None):
    """The KB person holding the office named by `phrase` on `date` (YYYY-MM-DD...), or None."""
    words = phrase.split()
    country = None
    while words and kb.is_norp(words[-1]):  # "رئيس الوزراء العراقي": the adjective names the country
        target = kb.get(kb.norp(words[-1]) or "")
        country = target.country if target is not None else None
        words.pop()
    holders = _holders(kb).get(_office(" ".join(words)), [])
    day = (date or "")[:10]
    found = [entry for entry, role in holders
             if (country is None or role.get("country") in (None, country))
             and (not day or (str(role.get("from") or "") <= day and (not role.get("to") or day <= str(role["to"]))))
             and (day or not role.get("to"))]
    unique = {e.id: e for e in found}
    return next(iter(unique.values())) if len(unique) == 1 else None
