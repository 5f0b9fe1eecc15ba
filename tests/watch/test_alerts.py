"""Alerts: entity, keyword (folded, any clitic form or spelling variant), event type and modality, new
contradictions in a story; sent to the terminal, a JSON lines file and a webhook."""

from __future__ import annotations

import json
import time

import pytest

from marsad.watch.sinks import alert_line

OWN = ("مناورات", "http://news.test/own", "أعلنت القوات الأمريكية إجراء مناورات في القاعدة الجوية غرب البلاد.")
RULES = [
    {"name": "ta-marbuta", "keyword": "قاعده الصقر"},
    {"name": "hamza", "keyword": "الإنسحاب"},
    {"name": "clitic", "keyword": "وقوات التحالف"},
    {"name": "variant", "keyword": "القوات الأميركية"},
    {"name": "not-adjacent", "keyword": "قاعدة الحبانية"},
    {"name": "absent", "keyword": "ميناء الفاو"},
    {"name": "title-only", "keyword": "يتسلم الحماية"},
    {"name": "army", "entity": "الجيش العراقي"},
    {"name": "anbar", "entity": "kb-prov-iq-anbar"},
    {"name": "ain-al-asad", "entity": "kb-fac-ain-al-asad"},
    {"name": "claimed-withdrawal", "event": "WITHDRAWAL", "modality": "claimed"},
    {"name": "denied-withdrawal", "event": "withdrawal", "modality": "negated"},
    {"name": "army-handover", "entity": "kb-org-iq-army", "event": "HANDOVER"},
]


@pytest.fixture
def round_alerts(server, harness, kit):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07"), OWN]))
    w = harness.watcher({"feeds": [{"url": server.url("/a.xml"), "name": "rafid"}], "alerts": RULES,
                         "outputs": {"jsonl": "out/alerts.jsonl", "webhook": server.url("/hook")}})
    report = w.poll_round()
    return report.alerts


def _by_name(alerts: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for a in alerts:
        out.setdefault(a["alert"], []).append(a)
    return out


def test_article_alerts_match_what_they_should_and_nothing_else(round_alerts):
    got = {name: sorted(a["url"] for a in alerts) for name, alerts in _by_name(round_alerts).items()}
    s07 = ["http://news.test/07"]
    assert got == {"ta-marbuta": s07, "hamza": s07, "clitic": s07, "variant": ["http://news.test/own"],
                   "title-only": s07, "army": s07, "anbar": s07, "claimed-withdrawal": s07, "army-handover": s07}


def test_evidence_is_an_exact_span_of_the_article(round_alerts, harness):
    found = {}
    for a in round_alerts:
        article = harness.store.get_article(a["article"])
        for e in a["evidence"]:
            if e["in"] == "title":
                assert e["text"] == article.title and "يتسلم الحماية" not in article.text
            else:
                assert article.text[e["start"]:e["end"]] == e["text"]
            found[a["alert"], e["type"]] = e["text"]
    assert found["ta-marbuta", "keyword"] == "قاعدة الصقر"
    assert found["hamza", "keyword"] == "الانسحاب"
    assert found["clitic", "keyword"] == "قوات التحالف"
    assert found["variant", "keyword"] == "القوات الأمريكية"
    assert found["army", "entity"] == "الجيش العراقي"
    assert found["anbar", "entity"] == "الأنبار"
    assert found["claimed-withdrawal", "event"].startswith("مغادرة آخر دفعة")
    [both] = [a for a in round_alerts if a["alert"] == "army-handover"]
    assert both["kind"] == "entity+event" and [e["detail"] for e in both["evidence"]] == \
        ["kb-org-iq-army", "HANDOVER (claimed)"]
    assert both["feed"] == "rafid" and both["status"] == "new" and both["story"].startswith("s-")


def test_jsonl_file_webhook_and_terminal_get_every_alert(round_alerts, harness, server):
    lines = (harness.tmp / "out" / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == round_alerts
    assert [body for path, body in server.posts] == round_alerts
    assert harness.lines == [alert_line(a) for a in round_alerts]
    assert all("\n" not in line and line.startswith("ALERT [") for line in harness.lines)


def _story_feeds(server, kit, paths):
    outlets = {"07": "وكالة الرافد", "08": "موقع الضفة نيوز", "09": "صحيفة الأفق الغربي"}
    for p in paths:
        server.routes[f"/{p}.xml"] = kit.Route(kit.rss([kit.sample_item(p)], title=outlets[p]))
    return [server.url(f"/{p}.xml") for p in paths]


def test_a_new_contradiction_alerts_once_and_a_joined_one_does_not(server, harness, kit):
    server.routes["/10.html"] = kit.Route((kit.SAMPLE / "10_saqr-base-ceremony-reactions.html").read_bytes(),
                                          ctype="text/html; charset=utf-8")
    alerts = [{"name": "any", "contradiction": True}, {"name": "numbers", "contradiction": "quantity"}]
    feeds = _story_feeds(server, kit, ["07", "09"])
    first = harness.watcher({"feeds": feeds, "alerts": alerts}).poll_round()
    assert first.entries["new"] == 2 and first.alerts == []  # 07 and 09 agree

    feeds.append({"url": server.url("/10.html"), "kind": "page", "name": "marsad-daily"})
    second = harness.watcher({"feeds": feeds, "alerts": alerts}).poll_round()
    got = sorted((a["alert"], a["contradiction"]["kind"]) for a in second.alerts)
    assert got == [("any", "date"), ("any", "quantity"), ("any", "ranking"), ("numbers", "quantity")]
    [numbers] = [a for a in second.alerts if a["alert"] == "numbers"]
    assert numbers["feed"] == "marsad-daily" and numbers["contradiction"]["topic"] == "عدد الجنود · غادروا · قاعدة الصقر الجوية"
    assert "1200" in numbers["contradiction"]["note"] and "1500" in numbers["contradiction"]["note"]
    [new_article] = numbers["articles"]
    assert harness.store.get_article(new_article).url == server.url("/10.html")

    feeds += _story_feeds(server, kit, ["08"])  # the rerun of 07: joins the soldiers contradiction
    third = harness.watcher({"feeds": feeds, "alerts": alerts}).poll_round()
    assert third.entries["new"] == 1 and third.alerts == []
    story = harness.store.get_story(numbers["story"])
    [soldiers] = [c for c in story["contradictions"] if c["kind"] == "quantity"]
    assert len(soldiers["claims"]) > len(numbers["contradiction"]["claims"])  # it grew, and stayed quiet


def test_a_failing_webhook_is_one_line_per_round_and_the_file_still_gets_everything(server, harness, kit):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07")]))
    server.routes["/hook"] = kit.Route(status=200, delay=2.0)  # slower than the webhook timeout
    w = harness.watcher({"feeds": [server.url("/a.xml")],
                         "alerts": [{"keyword": "قاعدة الصقر"}, {"keyword": "الجيش العراقي"},
                                    {"event": "WITHDRAWAL"}],
                         "outputs": {"terminal": False, "jsonl": "alerts.jsonl",
                                     "webhook": {"url": server.url("/hook"), "timeout": "300ms"}}})
    t0 = time.perf_counter()
    report = w.poll_round()
    assert len(report.alerts) == 3
    [line] = harness.log_lines("webhook")
    assert "ReadTimeout" in line and line.endswith("3 alert(s) not posted this round")
    assert time.perf_counter() - t0 < 8  # one timeout, not one per alert (and no retries)
    assert len((harness.tmp / "alerts.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    assert harness.lines == []  # terminal: false

    server.routes["/hook"] = kit.Route(status=500)
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07"), kit.sample_item("09")]))
    w.poll_round()
    [_, line] = harness.log_lines("webhook")
    assert line.endswith("HTTP 500; 2 alert(s) not posted this round")  # the first POST failed: no more


def test_a_keyword_without_words_is_a_usage_error(harness):
    from marsad.errors import UsageError

    with pytest.raises(UsageError, match="has no word to match"):
        harness.watcher({"feeds": ["http://a.test/f"], "alerts": [{"name": "dots", "keyword": "«...»"}]})
