"""GeoJSON places, the json/md/html exports and the HTTP triple, and the document of some stories."""

from __future__ import annotations

import json

import pytest

from marsad.errors import NotFound, UsageError
from marsad.export import document_of, export_document, export_response, places_geojson
from marsad.kb import load_kb


def test_geojson_places_carry_kb_coordinates_lon_first(sample_doc):
    collection = json.loads(export_document(sample_doc, "geojson"))
    assert collection["type"] == "FeatureCollection"
    kb = load_kb()
    features = collection["features"]
    placed = [e for e in sample_doc["entities"] if e["type"] in ("GPE", "LOC", "FAC") and e["lat"] is not None]
    assert len(features) == len(placed) > 10
    for f in features:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        entry = kb.get(f["properties"]["id"])
        assert entry is not None and f["geometry"]["coordinates"] == [entry.lon, entry.lat]
        assert f["properties"]["type"] in ("GPE", "LOC", "FAC")
        assert -180 <= entry.lon <= 180 and -90 <= entry.lat <= 90
    ankara = next(f for f in features if f["id"] == "kb-city-tr-ankara")
    assert ankara["geometry"]["coordinates"] == pytest.approx([32.85427, 39.91987])  # lon, lat
    assert ankara["properties"]["canonical"] == "أنقرة"
    assert any(e["type"] == "NEGOTIATION" and "المفاوضات" in e["text"] for e in ankara["properties"]["events"])
    assert ankara["properties"]["stories"]


def test_geojson_events_are_the_events_placed_there(sample_doc):
    placed = {}
    for a in sample_doc["articles"]:
        for e in a["events"]:
            placed.setdefault(e["place"], []).append((a["id"], e["text"]))
    for f in places_geojson(sample_doc)["features"]:
        got = [(e["article"], e["text"]) for e in f["properties"]["events"]]
        assert got == placed.get(f["id"], [])
        assert all(e["status"] is None for e in f["properties"]["events"])  # no correction in the sample


def test_geojson_leaves_out_people_and_places_without_coordinates():
    doc = {"articles": [], "stories": [], "entities": [
        {"id": "p", "canonical": "زيد", "type": "PERSON", "lat": 1.0, "lon": 2.0, "articles": []},
        {"id": "l", "canonical": "وادي", "type": "LOC", "lat": None, "lon": None, "articles": []},
        {"id": "g", "canonical": "مدينة", "type": "GPE", "lat": 10.5, "lon": -3.25, "articles": ["a1"]}]}
    [feature] = places_geojson(doc)["features"]
    assert feature["id"] == "g" and feature["geometry"]["coordinates"] == [-3.25, 10.5]
    assert feature["properties"]["events"] == [] and feature["properties"]["stories"] == []


def test_json_md_html_exports(sample_doc):
    from marsad.report import render_html, render_markdown

    assert json.loads(export_document(sample_doc, "json")) == sample_doc
    assert export_document(sample_doc, "md").decode("utf-8") == render_markdown(sample_doc)
    html = export_document(sample_doc, "html").decode("utf-8")
    assert html.rstrip("\n") == render_html(sample_doc).rstrip("\n") and 'dir="rtl"' in html
    for fmt, media in [("json", "application/json"), ("geojson", "application/geo+json"),
                       ("md", "text/markdown; charset=utf-8"), ("html", "text/html; charset=utf-8")]:
        body, media_type, filename = export_response(sample_doc, fmt)
        assert body == export_document(sample_doc, fmt) and media_type == media and filename.startswith("marsad")
    with pytest.raises(UsageError, match="unknown export format 'xlsx'"):
        export_response(sample_doc, "xlsx")


def test_document_of_stories(sample_store, sample_doc):
    biggest = sample_doc["stories"][0]
    doc = document_of(sample_store, [biggest["id"][:8]])
    assert [s["id"] for s in doc["stories"]] == [biggest["id"]]
    assert sorted(a["id"] for a in doc["articles"]) == sorted(biggest["articles"])
    assert len(sample_doc["articles"]) == 12 and len(doc["articles"]) < 12
    with pytest.raises(NotFound):
        document_of(sample_store, ["s-nope"])
