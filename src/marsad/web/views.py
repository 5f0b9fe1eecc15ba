"""What the API and the pages both show about one entity, built from the store."""

from __future__ import annotations

from marsad.errors import NotFound


def entity_view(store, entity_id: str, kb_files: tuple[str, ...] = ()) -> dict:
    """The entity (with corrections applied), its roles, mentions with evidence, quotes it made, stories."""
    from marsad.document import quote_to_dict

    article_ids = store.articles_mentioning(entity_id)
    quoted = [(a, q) for a in store.list_articles() for q in a.quotes if q.speaker_entity_id == entity_id]
    ids = list(dict.fromkeys(article_ids + [a.id for a, _ in quoted]))
    if not ids:
        raise NotFound(f"no entity with id '{entity_id}'")
    from marsad.service import document_for

    doc = document_for(store, ids, kb_files)
    entity = next((e for e in doc["entities"] if e["id"] == entity_id), None)
    if entity is None:
        raise NotFound(f"no entity with id '{entity_id}'")
    mentions, roles = [], {}
    for a in doc["articles"]:
        for m in a["entities"]:
            if m["entity_id"] == entity_id:
                mentions.append({"article": a["id"], "start": m["start"], "end": m["end"], "text": m["text"],
                                 "role": m["role"], "outlet": a["outlet"], "published": a["published"],
                                 "title": a["title"]})
                if m["role"]:
                    roles[m["role"]] = roles.get(m["role"], 0) + 1
    quotes = [{**quote_to_dict(a.text, q), "article": a.id, "outlet": a.outlet, "published": a.published}
              for a, q in quoted]
    stories = {}
    for aid in ids:
        sid = store.story_of(aid)
        if sid and sid not in stories:
            s = store.get_story(sid)
            stories[sid] = {"id": sid, "title": s["title"], "first_date": s["first_date"], "last_date": s["last_date"]}
    return {**entity, "roles": sorted(roles, key=lambda r: -roles[r]), "mentions_list": mentions, "quotes": quotes,
            "stories": list(stories.values())}
