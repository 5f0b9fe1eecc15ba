"""The places of the analysis document as GeoJSON (RFC 7946): a FeatureCollection of Points, one per place
entity (GPE, LOC, FAC) whose coordinates the knowledge base knows, with the events that happened there.
Properties keep the meaning they have in the document's Entity (`articles` is the list of article ids);
`events` are the articles' events whose `place` is this entity (`status`: rejected, date_rejected or null
after an analyst's correction), `stories` the stories that mention it.

Coordinates are [lon, lat] as RFC 7946 says (not lat/lon). A place without coordinates is left out: a map
cannot show it, and the CSV entities table still lists it.
"""

from __future__ import annotations

from marsad.export.tables import status, story_of_articles

PLACE_TYPES = ("GPE", "LOC", "FAC")


def places_geojson(doc: dict) -> dict:
    story = story_of_articles(doc)
    events: dict[str, list[dict]] = {}
    for a in doc.get("articles", ()):
        for e in a.get("events", ()):
            if e.get("place"):
                events.setdefault(e["place"], []).append(
                    {"article": a["id"], "type": e["type"], "date": e.get("date"), "modality": e.get("modality"),
                     "text": e["text"], "status": status(e)})
    features = []
    for entity in doc.get("entities", ()):
        lat, lon = entity.get("lat"), entity.get("lon")
        if entity.get("type") not in PLACE_TYPES or lat is None or lon is None:
            continue
        articles = entity.get("articles") or []
        features.append({
            "type": "Feature",
            "id": entity["id"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": entity["id"], "canonical": entity.get("canonical"), "english": entity.get("english"),
                "type": entity["type"], "mentions": entity.get("mentions"), "articles": list(articles),
                "events": events.get(entity["id"], []),
                "stories": list(dict.fromkeys(story[aid] for aid in articles if aid in story)),
            },
        })
    return {"type": "FeatureCollection", "features": features}
