"""The watch file: the documented example loads as documented, mistakes fail with their place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from marsad.errors import UsageError
from marsad.watch import load_config, parse_config, parse_duration
from marsad.watch.state import backoff_delay, default_state_path

DOC = Path(__file__).resolve().parents[2] / "docs" / "watch.md"


def _example() -> str:
    [block] = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return block


def test_documented_example_loads_as_described(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text(_example(), encoding="utf-8")
    config = load_config(path)
    assert [(f.kind, f.name) for f in config.feeds] == [
        ("feed", "example-rss"), ("page", "example.org/arabic/atom.xml"),
        ("page", "example.org/live/ain-al-asad.html"), ("feed", "example.net/feed")]
    withdrawal, keyword, entity, handover, contradiction = config.alerts
    assert (withdrawal.name, withdrawal.event, withdrawal.modality) == ("coalition withdrawal", "WITHDRAWAL", ("happened",))
    assert keyword.keyword == "القوات الأمريكية" and keyword.name == "القوات الأمريكية"
    assert entity.entity == "عين الأسد"
    assert (handover.entity, handover.event, handover.contradiction) == ("kb-org-iq-army", "HANDOVER", None)
    assert contradiction.contradiction == ()
    out = config.outputs
    assert out.terminal and out.jsonl == tmp_path / "alerts.jsonl"
    assert (out.webhook, out.webhook_timeout) == ("http://127.0.0.1:9000/marsad", 5.0)
    assert out.webhook_headers == (("Authorization", "Bearer change-me"),)


@pytest.mark.parametrize(("raw", "message"), [
    ({"feeds": []}, "'feeds' must be a non-empty list"),
    ({"feeds": [{"name": "x"}]}, "feeds[0].url: expected a non-empty text"),
    ({"feeds": ["ftp://example.org/f"]}, "not an http(s) URL"),
    ({"feeds": [{"url": "http://a.test/f", "kind": "video"}]}, "'video' is not one of feed, page"),
    ({"feeds": [{"url": "http://a.test/f", "every": "5m"}]}, "feeds[0]: unknown key 'every'"),
    ({"feeds": ["http://a.test/f", "http://a.test/f"]}, "listed twice"),
    ({"feeds": ["http://a.test/f"], "alerts": [{"keywrd": "x"}]}, "alerts[0]: unknown key 'keywrd'"),
    ({"feeds": ["http://a.test/f"], "alerts": [{"name": "nothing"}]}, "give at least one of"),
    ({"feeds": ["http://a.test/f"], "alerts": [{"modality": "planned", "keyword": "x"}]}, "'modality' needs 'event'"),
    ({"feeds": ["http://a.test/f"], "alerts": [{"event": "WITHDRAWAL", "modality": "maybe"}]}, "'maybe' is not one of"),
    ({"feeds": ["http://a.test/f"], "alerts": [{"contradiction": True, "keyword": "x"}]}, "takes no entity"),
    ({"feeds": ["http://a.test/f"], "alerts": [{"contradiction": "size"}]}, "'size' is not one of quantity"),
    ({"feeds": ["http://a.test/f"], "outputs": {"webhook": "file:///tmp/x"}}, "not an http(s) URL"),
    ({"feeds": ["http://a.test/f"], "outputs": {"email": "a@b"}}, "unknown key 'email'"),
    ({"feeds": ["http://a.test/f"], "outputs": {"webhook": {"url": "http://h.test", "timeout": "soon"}}},
     "not a duration"),
])
def test_mistakes_are_usage_errors_naming_their_place(raw, message):
    with pytest.raises(UsageError) as err:
        parse_config(raw, "feeds.yaml")
    assert message in str(err.value) and str(err.value).startswith("feeds.yaml")


def test_broken_yaml_is_a_usage_error(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds: [http://a.test/f\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not valid YAML"):
        load_config(path)
    assert yaml.safe_load(_example())  # the documented example itself is valid


def test_event_type_is_upper_cased_and_modalities_listed():
    config = parse_config({"feeds": ["http://a.test/f"],
                           "alerts": [{"event": "withdrawal", "modality": ["planned", "Happened"]},
                                      {"contradiction": ["quantity", "date"]}]})
    assert (config.alerts[0].event, config.alerts[0].modality) == ("WITHDRAWAL", ("planned", "happened"))
    assert config.alerts[1].contradiction == ("quantity", "date")


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("10m", 600), ("1.5h", 5400),
                                               ("1d", 86400), ("250ms", 0.25)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "10 minutes", "m"])
def test_bad_durations(text):
    with pytest.raises(UsageError):
        parse_duration(text)


def test_backoff_doubles_from_the_interval_up_to_the_cap():
    assert [backoff_delay(n, 600, 3600) for n in range(1, 6)] == [600, 1200, 2400, 3600, 3600]
    assert backoff_delay(3, 7200, 3600) == 7200  # the cap never undercuts the interval


def test_state_file_sits_next_to_a_sqlite_store():
    assert str(default_state_path("/data/marsad.db")) == "/data/marsad.db.watch.json"
    assert str(default_state_path("sqlite:////data/m.db")) == "/data/m.db.watch.json"
    assert default_state_path(":memory:") is None
    server = default_state_path("postgresql://u:secret@h/db")
    assert server.name.startswith("watch-") and "secret" not in str(server)
