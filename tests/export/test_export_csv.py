"""CSV export of the sample corpus: exact headers, one row per record of the document, Arabic intact,
spreadsheet formulas from article text neutralised, and the zip of the files."""

from __future__ import annotations

import csv
import io
import zipfile

from marsad.export import csv_files, export_document, export_response, zip_bytes
from marsad.export.csv_files import cell

HEADERS = {
    "events.csv": ["article", "outlet", "published", "start", "end", "text", "type", "trigger", "modality", "date",
                   "date_precision", "actors", "place", "story", "status", "corrections"],
    "quotes.csv": ["article", "outlet", "published", "speaker", "speaker_entity_id", "anonymous", "direct", "cue",
                   "text", "channel", "via", "when_value", "start", "end", "story", "status", "corrections"],
    "entities.csv": ["id", "canonical", "english", "type", "aliases", "mentions", "articles", "lat", "lon",
                     "wikidata", "corrections"],
    "claims.csv": ["story", "id", "article", "outlet", "kind", "subject", "subject_text", "value", "as_of", "text",
                   "start", "end", "status", "corrections"],
    "timeline.csv": ["story", "date", "date_precision", "type", "modality", "summary", "sources", "outlets",
                     "status", "corrections"],
    "contradictions.csv": ["story", "kind", "topic", "note", "claims", "status", "corrections"],
    "corrections.csv": ["id", "kind", "target", "value", "by", "at"],
}


def read(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def header(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_one_file_per_record_type_with_exact_headers(sample_doc):
    files = csv_files(sample_doc)
    assert list(files) == list(HEADERS)
    for name, data in files.items():
        assert header(data) == HEADERS[name], name
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), "RFC 4180 line ends"


def test_row_counts_are_the_documents_facts(sample_doc):
    files = csv_files(sample_doc)
    articles, stories = sample_doc["articles"], sample_doc["stories"]
    expected = {
        "events.csv": sum(len(a["events"]) for a in articles),
        "quotes.csv": sum(len(a["quotes"]) for a in articles),
        "entities.csv": len(sample_doc["entities"]),
        "claims.csv": sum(len(a["claims"]) for a in articles),
        "timeline.csv": sum(len(s["timeline"]) for s in stories),
        "contradictions.csv": sum(len(s["contradictions"]) for s in stories),
        "corrections.csv": 0,
    }
    assert expected["events.csv"] > 20 and expected["quotes.csv"] > 20 and expected["contradictions.csv"] > 0
    assert {name: len(read(data)) for name, data in files.items()} == expected


def test_events_and_quotes_round_trip_arabic_spans(sample_doc):
    files = csv_files(sample_doc)
    by_id = {a["id"]: a for a in sample_doc["articles"]}
    story_of = {aid: s["id"] for s in sample_doc["stories"] for aid in s["articles"]}
    for name in ("events.csv", "quotes.csv"):
        rows = read(files[name])
        for row in rows:
            article = by_id[row["article"]]
            assert article["text"][int(row["start"]):int(row["end"])] == row["text"]
            assert row["outlet"] == (article["outlet"] or "") and row["story"] == story_of[article["id"]]
    ankara = [r for r in read(files["events.csv"]) if r["place"] == "kb-city-tr-ankara" and r["type"] == "NEGOTIATION"]
    assert ankara and "المفاوضات" in ankara[0]["text"] and ankara[0]["actors"].split(" | ") == ["Q796", "Q43"]
    quotes = read(files["quotes.csv"])
    assert {r["direct"] for r in quotes} == {"true", "false"} and {r["anonymous"] for r in quotes} <= {"true", "false"}


def test_entities_and_claims_cells(sample_doc):
    files = csv_files(sample_doc)
    iraq = next(r for r in read(files["entities.csv"]) if r["id"] == "Q796")
    entity = next(e for e in sample_doc["entities"] if e["id"] == "Q796")
    assert iraq["canonical"] == "العراق" and iraq["aliases"] == " | ".join(entity["aliases"])
    assert int(iraq["articles"]) == len(entity["articles"]) and float(iraq["lat"]) == entity["lat"]
    claims = read(files["claims.csv"])
    assert any(r["kind"] == "quantity" and r["value"].startswith('{"high": ') for r in claims)  # {low, high}
    assert any(r["kind"] == "quantity" and float(r["value"]) > 0 for r in claims if r["value"][:1].isdigit())
    assert any(r["kind"] == "date" and r["value"].startswith('"') for r in claims)  # a JSON string
    contradiction = read(files["contradictions.csv"])[0]
    assert all(c.startswith("c-") for c in contradiction["claims"].split(" | "))


def test_cells_that_start_a_formula_are_neutralised():
    assert [cell(v) for v in ("=1+1", "+9647", "-x", "@SUM(A1)", "\t=1", "\r=1")] == \
        ["'=1+1", "'+9647", "'-x", "'@SUM(A1)", "'\t=1", "'\r=1"]
    assert [cell(v) for v in ("قال =1", "2025-11", -3, 1.5, None, True)] == ["قال =1", "2025-11", -3, 1.5, "", "true"]


def test_formulas_in_article_text_never_reach_a_spreadsheet():
    text = '=HYPERLINK("http://x","انقر") @SUM(1) -قال'
    doc = {"articles": [{"id": "a1", "outlet": "+وكالة", "published": None, "text": text,
                         "events": [{"start": 0, "end": 29, "text": text[:29], "type": "OTHER", "trigger": "=",
                                     "actors": [], "place": None, "date": None, "date_precision": None,
                                     "modality": "happened"}],
                         "quotes": [{"start": 30, "end": 37, "text": "@SUM(1)", "speaker": "-قال", "direct": True,
                                     "anonymous": False}],
                         "claims": [{"id": "c-1", "article": "a1", "start": 38, "end": 42, "text": "-قال",
                                     "kind": "quantity", "subject": "x", "value": -3, "as_of": None}]}],
           "entities": [], "stories": [], "corrections": []}
    files = csv_files(doc)
    event = read(files["events.csv"])[0]
    assert event["text"] == "'" + text[:29] and event["trigger"] == "'=" and event["outlet"] == "'+وكالة"
    quote = read(files["quotes.csv"])[0]
    assert quote["text"] == "'@SUM(1)" and quote["speaker"] == "'-قال"
    claim = read(files["claims.csv"])[0]
    assert claim["text"] == "'-قال" and claim["value"] == "-3" and claim["story"] == ""  # a number stays a number
    for data in files.values():
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
            assert not any(c[:1] in ("=", "+", "@", "\t", "\r") for c in row)


def test_corrections_show_as_status_and_ids(sample_doc):
    """An analyst's corrections, as apply_corrections marks them in the document, reach every table."""
    import copy

    doc = copy.deepcopy(sample_doc)
    story = doc["stories"][0]
    event = next(a for a in doc["articles"] if a["id"] in story["articles"] and a["events"])["events"][0]
    event.update(date_rejected=True, corrections=["k-1"])
    story["contradictions"][0].update(resolved={"note": "ok", "by": "hala", "at": "2026-01-20T10:00:00Z"},
                                      corrections=["k-2"])
    doc["corrections"] = [{"id": "k-1", "kind": "reject_fact", "target": f"x:event:{event['start']}",
                           "value": {"field": "date", "note": None}, "by": "hala", "at": "2026-01-20T09:00:00Z"}]
    files = csv_files(doc)
    events = read(files["events.csv"])
    assert [(r["status"], r["corrections"]) for r in events if r["corrections"]] == [("date_rejected", "k-1")]
    assert sum(1 for r in events if r["status"]) == 1
    contradiction = read(files["contradictions.csv"])[0]
    assert contradiction["status"] == "resolved" and contradiction["corrections"] == "k-2"
    [correction] = read(files["corrections.csv"])
    assert correction["target"] == f"x:event:{event['start']}"
    assert correction["value"] == '{"field": "date", "note": null}' and correction["by"] == "hala"


def test_zip_holds_the_same_files_and_is_reproducible(sample_doc):
    files = csv_files(sample_doc)
    data = zip_bytes(files)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == list(HEADERS)
        assert {n: archive.read(n) for n in archive.namelist()} == files
    assert zip_bytes(csv_files(sample_doc)) == data
    body, media_type, filename = export_response(sample_doc, "csv")
    assert body == data and media_type == "application/zip" and filename.endswith(".zip")
    assert export_document(sample_doc, "csv") == files
