"""The REST API on the sample corpus: envelopes, filters, errors, ingest, delete, tokens, limits."""

from __future__ import annotations

from fastapi.testclient import TestClient

from marsad.web import ServeSettings, create_app


def test_lists_use_the_envelope_and_paginate(client):
    first = client.get("/api/articles?limit=5").json()
    assert first["total"] == 12 and len(first["items"]) == 5
    assert first["next"] == "/api/articles?limit=5&offset=5"
    last = client.get("/api/articles?limit=5&offset=10").json()
    assert len(last["items"]) == 2 and last["next"] is None
    ids = [a["id"] for a in first["items"]] + [a["id"] for a in client.get(first["next"]).json()["items"]]
    assert len(set(ids)) == 10


def test_article_filters_by_outlet_date_story_and_entity(client):
    assert client.get("/api/articles", params={"outlet": "الرافد"}).json()["total"] == 3
    assert client.get("/api/articles", params={"since": "2025-11-01", "until": "2025-11-30"}).json()["total"] == 4
    saqr = next(s for s in client.get("/api/stories").json()["items"] if len(s["articles"]) == 5)
    in_story = client.get("/api/articles", params={"story": saqr["id"], "limit": 50}).json()
    assert sorted(a["id"] for a in in_story["items"]) == sorted(saqr["articles"])
    assert all(a["story"] == saqr["id"] for a in in_story["items"])
    tigris = client.get("/api/articles", params={"entity": "kb-loc-tigris"}).json()
    assert tigris["total"] == 3


def test_one_article_has_all_its_facts(client):
    aid = client.get("/api/articles?limit=1").json()["items"][0]["id"]
    a = client.get(f"/api/articles/{aid[:8]}").json()
    assert a["id"] == aid
    for key in ("entities", "quotes", "timexes", "quantities", "events", "text", "story"):
        assert key in a
    assert all(a["text"][q["start"]:q["end"]] == q["text"] for q in a["quotes"])


def test_stories_timeline_quotes_entities(client):
    stories = client.get("/api/stories").json()
    assert stories["total"] == 5
    saqr = next(s for s in stories["items"] if len(s["articles"]) == 5)
    assert client.get(f"/api/stories/{saqr['id']}").json()["timeline"] == saqr["timeline"]
    line = client.get(f"/api/stories/{saqr['id']}/timeline?limit=2").json()
    assert line["total"] == len(saqr["timeline"]) and len(line["items"]) == 2 and line["next"]
    quotes = client.get("/api/quotes", params={"story": saqr["id"], "limit": 100}).json()
    assert quotes["total"] > 5 and all(q["article"] in saqr["articles"] for q in quotes["items"])
    iraq = client.get("/api/entities/Q796").json()
    assert iraq["canonical"] == "العراق" and iraq["mentions_list"] and iraq["stories"]
    places = client.get("/api/entities", params={"type": "GPE", "q": "بغداد"}).json()
    assert [e["id"] for e in places["items"]] == ["kb-city-iq-baghdad"]


def test_errors_are_json_with_the_right_status(client):
    for url, status, code in [("/api/articles/nope", 404, "not_found"), ("/api/stories/nope", 404, "not_found"),
                              ("/api/nothing", 404, "not_found"), ("/api/articles?limit=0", 422, "invalid")]:
        r = client.get(url)
        assert r.status_code == status and r.json()["error"]["code"] == code, (url, r.text)
    assert client.post("/api/ingest", json={"text": 5}).json()["error"]["message"] == "text must be a string"
    r = client.post("/api/ingest", json={"text": "a", "html": "b"})
    assert r.status_code == 400 and "exactly one" in r.json()["error"]["message"]
    r = client.post("/api/ingest", json={"text": "   "})
    assert r.status_code == 422 and r.json()["error"]["code"] == "skipped"


def test_openapi_document(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/stories/{story_id}/timeline",
                 "/api/quotes", "/api/entities", "/api/entities/{entity_id}", "/api/search", "/api/corrections",
                 "/api/exports/{fmt}", "/api/ingest"):
        assert path in spec["paths"], path


def test_ingest_then_delete_keeps_the_store_consistent(fresh_db):
    c = TestClient(create_app(ServeSettings(db=fresh_db)))
    text = ("بغداد - أعلنت قيادة العمليات المشتركة، اليوم الأحد، أن قوات التحالف أكملت انسحابها من قاعدة الصقر الجوية "
            "في الأنبار، وأن الجيش العراقي تسلم حمايتها بالكامل.")
    r = c.post("/api/ingest", json={"text": text, "source_url": "https://example.org/saqr/1"})
    assert r.status_code == 201
    [article] = r.json()["articles"]
    assert article["source"] == "https://example.org/saqr/1" and article["story"]
    again = c.post("/api/ingest", json={"text": text, "source_url": "https://example.org/saqr/1"})
    assert again.status_code == 200 and again.json()["counts"] == {"unchanged": 1}
    assert c.get("/api/articles").json()["total"] == 13
    gone = c.delete(f"/api/articles/{article['id']}")
    assert gone.status_code == 200 and gone.json()["deleted"] == article["id"]
    assert c.get("/api/articles").json()["total"] == 12
    assert c.delete(f"/api/articles/{article['id']}").status_code == 404


def test_writes_need_the_token_beyond_loopback_and_reads_can_too(fresh_db):
    import pytest

    from marsad.errors import UsageError

    with pytest.raises(UsageError):
        create_app(ServeSettings(db=fresh_db, host="0.0.0.0"))
    c = TestClient(create_app(ServeSettings(db=fresh_db, host="0.0.0.0", token="s3cret")))
    assert c.post("/api/ingest", json={"text": "نص"}).status_code == 401
    assert c.delete("/api/articles/x", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.delete("/api/articles/x", headers={"Authorization": "Bearer s3cret"}).status_code == 404
    assert c.get("/api/articles").status_code == 200
    locked = TestClient(create_app(ServeSettings(db=fresh_db, token="s3cret", protect_reads=True)))
    assert locked.get("/api/articles").status_code == 401
    assert locked.get("/api/articles", headers={"X-Marsad-Token": "s3cret"}).status_code == 200


def test_request_size_limit(fresh_db):
    c = TestClient(create_app(ServeSettings(db=fresh_db, max_body=1000)))
    r = c.post("/api/ingest", json={"text": "س" * 2000})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert c.get("/api/articles").json()["total"] == 12


def test_corrections_through_the_api_show_in_the_story_and_can_be_undone(fresh_db):
    c = TestClient(create_app(ServeSettings(db=fresh_db)))
    saqr = next(s for s in c.get("/api/stories").json()["items"] if len(s["articles"]) == 5)
    contradiction = next(x for x in saqr["contradictions"] if x["kind"] == "quantity")
    target = f"{saqr['id']}:contradiction:" + "+".join(sorted(contradiction["claims"]))
    made = c.post("/api/corrections", json={"kind": "resolve_contradiction", "target": target,
                                            "value": "الرقم الأعلى يشمل المتعاقدين", "by": "ليلى"})
    assert made.status_code == 201, made.text
    story = c.get(f"/api/stories/{saqr['id']}").json()
    fixed = next(x for x in story["contradictions"] if x["kind"] == "quantity")
    assert fixed["resolved"]["by"] == "ليلى" and made.json()["id"] in fixed["corrections"]
    assert "محسوم" in c.get(f"/stories/{saqr['id']}").text
    listed = c.get("/api/corrections").json()
    assert listed["total"] == 1 and listed["items"][0]["kind"] == "resolve_contradiction"
    bad = c.post("/api/corrections", json={"kind": "paint_it_red", "target": "x"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_request"
    assert c.delete(f"/api/corrections/{made.json()['id']}").status_code == 200
    assert "resolved" not in next(x for x in c.get(f"/api/stories/{saqr['id']}").json()["contradictions"]
                                  if x["kind"] == "quantity")
    assert c.delete(f"/api/corrections/{made.json()['id']}").status_code == 404


def test_exports_from_the_api(client):
    import io
    import zipfile

    r = client.get("/api/exports/csv")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert {"events.csv", "quotes.csv", "entities.csv", "claims.csv"} <= set(names)
    geo = client.get("/api/exports/geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert client.get("/api/exports/pdf").json()["error"]["code"] == "bad_request"
    saqr = next(s for s in client.get("/api/stories").json()["items"] if len(s["articles"]) == 5)
    one = client.get("/api/exports/json", params={"story": saqr["id"]}).json()
    assert sorted(a["id"] for a in one["articles"]) == sorted(saqr["articles"])


def test_search_api(client):
    r = client.get("/api/search", params={"q": "امريكيه"}).json()
    assert r["total"] >= 1
    hit = r["items"][0]
    assert {"article_id", "snippet", "highlights", "sentence_start", "sentence_end"} <= set(hit)
    assert client.get("/api/search", params={"q": '"; DROP TABLE articles; --'}).status_code == 200
    assert client.get("/api/search").status_code == 422
