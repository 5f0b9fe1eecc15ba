"""Entity ids and the entity table: KB ids when the KB knows the entity, stable hashes otherwise."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from marsad.arabic.normalize import fold
from marsad.model import Article, Entity

_DESCRIPTIVE = ("الجويه", "الجوي", "العسكريه", "العسكري", "البحريه", "الدوليه", "الدولي")


def local_id(type_: str, name: str) -> str:
    """Stable id of an entity the KB does not know: type + folded name, hashed (URL-safe).

    A facility's descriptive adjective does not make another entity: "قاعدة الصقر الجوية" and
    "قاعدة الصقر" share one id.
    """
    words = fold(name).replace('"', " ").split()
    while type_ == "FAC" and len(words) > 2 and words[-1] in _DESCRIPTIVE:
        words.pop()
    key = f"{type_}|{' '.join(words)}"
    return "e-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def outlet_id(name: str) -> str:
    return local_id("ORG", name)


def build_entities(articles: list[Article], kb) -> list[Entity]:
    """One Entity per distinct entity_id over the articles' mentions (NORP mentions count for their target)."""
    forms: dict[str, dict[str, int]] = defaultdict(dict)
    types: dict[str, dict[str, int]] = defaultdict(dict)
    arts: dict[str, list[str]] = defaultdict(list)
    count: dict[str, int] = defaultdict(int)
    canon: dict[str, str] = {}
    for a in articles:
        for m in a.mentions:
            eid = m.entity_id
            count[eid] += 1
            if a.id not in arts[eid]:
                arts[eid].append(a.id)
            if m.type != "NORP":
                text = a.text[m.start:m.end]
                forms[eid][text] = forms[eid].get(text, 0) + 1
                types[eid][m.type] = types[eid].get(m.type, 0) + 1
                if m.canonical and (eid not in canon or len(m.canonical) > len(canon[eid])):
                    canon[eid] = m.canonical
    out = []
    for eid in sorted(count, key=lambda e: (-count[e], e)):
        entry = kb.get(eid)
        seen = sorted(forms[eid], key=lambda f: (-forms[eid][f], f))
        if entry is not None:
            aliases = tuple(dict.fromkeys([*entry.aliases, *(f for f in seen if f != entry.canonical)]))
            out.append(Entity(eid, entry.canonical, entry.type, entry.english, aliases, entry.wikidata,
                              entry.lat, entry.lon, count[eid], tuple(arts[eid])))
            continue
        if not seen and eid not in canon:
            continue  # a NORP target unknown to the KB: nothing to describe
        name = canon.get(eid) or seen[0]
        type_ = max(types[eid], key=types[eid].get) if types[eid] else "ORG"
        out.append(Entity(eid, name, type_, None, tuple(f for f in seen if f != name), None, None, None,
                          count[eid], tuple(arts[eid])))
    return out
