"""Feeds that time out, fail, vanish or send garbage: one log line each, backoff per feed, the rest goes on;
the loop sleeps between rounds, and Ctrl-C stops it cleanly."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "lol">\n'
                  + "\n".join(f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(9))
                  + '\n]>\n<rss version="2.0"><channel><item><title>x</title><description>&j;</description>'
                    "</item></channel></rss>").encode()
QUADRATIC = ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY big "' + "x" * 100_000 + '">\n]>\n'
             '<rss version="2.0"><channel><item><title>x</title><description>' + "&big;" * 20_000
             + "</description></item></channel></rss>").encode()


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"  # nothing listens there any more: the feed has disappeared


def test_every_kind_of_broken_feed_is_one_line_and_the_good_feed_is_ingested(server, harness, kit):
    Route = kit.Route
    server.routes.update({
        "/ok.xml": Route(kit.rss([kit.sample_item("07")])),
        "/500.xml": Route(status=500),
        "/slow.xml": Route(kit.rss([kit.sample_item("09")]), delay=3.0),
        "/html.xml": Route(b"<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>", "text/html"),
        "/bin.xml": Route(bytes(range(256)) * 40, "application/octet-stream"),
        "/cut.xml": Route(kit.rss([kit.sample_item("09")])[:-40]),
        "/bomb.xml": Route(BILLION_LAUGHS),
        "/quad.xml": Route(QUADRATIC),
    })
    bad = {"500": "HTTP 500", "404": "HTTP 404", "slow": "ReadTimeout", "html": "not a feed: an HTML page",
           "bin": "binary data", "cut": "broken feed: cut short", "bomb": "declares XML entities",
           "quad": "declares XML entities", "vanished": "ConnectError"}
    feeds = [{"url": server.url("/ok.xml"), "name": "ok"}]
    feeds += [{"url": server.url(f"/{name}.xml"), "name": name} for name in bad if name != "vanished"]
    feeds.append({"url": _closed_port_url(), "name": "vanished"})
    w = harness.watcher({"feeds": feeds}, timeout=0.5)
    assert w.run(once=True) == 1
    assert [a.url for a in harness.store.list_articles()] == ["http://news.test/07"]
    for name, reason in bad.items():
        [line] = harness.log_lines(f"feed {name}:")
        assert reason in line and line.endswith("next try in 10m (failure 1)"), line
    assert not harness.log_lines("feed ok:")
    assert "9 failed" in harness.logs[-1]
    harness.clock.advance(600)
    t0 = time.perf_counter()
    again = w.poll_round()  # the models are loaded now: this times the fetching and refusing alone
    assert (again.feeds["failed"], again.feeds["not_modified"]) == (9, 1)
    assert time.perf_counter() - t0 < 2.0  # in parallel: the slow feed costs one timeout, the bombs nothing
    state = json.loads(harness.state_path.read_text(encoding="utf-8"))["feeds"]
    assert state[server.url("/500.xml")]["failures"] == 2 and state[server.url("/ok.xml")]["failures"] == 0


def test_a_failing_feed_backs_off_exponentially_up_to_the_cap_and_recovers(server, harness, kit):
    server.routes["/ok.xml"] = kit.Route(kit.rss([]))
    server.routes["/bad.xml"] = kit.Route(status=503)
    w = harness.watcher({"feeds": [server.url("/ok.xml"), {"url": server.url("/bad.xml"), "name": "bad"}]},
                        every=600, max_backoff=2400)
    polled = []
    for step in (0, 300, 300, 600, 600, 1200, 1200, 1200, 1200, 600):
        harness.clock.advance(step)
        w.poll_round()
        polled.append(server.hits["/bad.xml"])
        if len(polled) == 8:
            server.routes["/bad.xml"] = kit.Route(kit.rss([]))  # the feed comes back
    # failures at t=0, 600, 1800, 4200 (waits 600, 1200, 2400, then the cap: 2400); back at 6600
    assert polled == [1, 1, 2, 2, 3, 3, 4, 4, 5, 6]
    assert server.hits["/ok.xml"] == 10
    waits = [line.split("next try in ")[1] for line in harness.log_lines("feed bad:")]
    assert waits == ["10m (failure 1)", "20m (failure 2)", "40m (failure 3)", "40m (failure 4)"]
    waiting = [re.search(r"(\d+) backing off", line).group(1) for line in harness.log_lines("round:")]
    assert waiting == ["0", "1", "0", "1", "0", "1", "0", "1", "0", "0"]


def test_the_loop_sleeps_out_the_interval_and_stops(server, harness, kit):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07")]))
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        harness.clock.advance(seconds)
        if len(sleeps) == 3:
            w.stop()

    w = harness.watcher({"feeds": [server.url("/a.xml")]}, every=600, sleep=sleep)
    assert w.run() == 0
    assert sleeps == [600, 600, 600]
    assert server.hits["/a.xml"] == 3 and len(harness.log_lines("round:")) == 3
    assert harness.state_path.exists()


def test_a_crash_inside_one_feed_does_not_stop_the_round(server, harness, kit, monkeypatch):
    from marsad import service

    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07")]))
    server.routes["/b.xml"] = kit.Route(kit.rss([kit.sample_item("09")]))
    real = service.analyse

    def flaky(doc, *args, **kwargs):
        if doc.url.endswith("/07"):
            raise RuntimeError("disk on fire")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(service, "analyse", flaky)
    w = harness.watcher({"feeds": [{"url": server.url("/a.xml"), "name": "a"}, server.url("/b.xml")]})
    report = w.poll_round()
    assert report.feeds["failed"] == 1 and report.entries["new"] == 1
    [line] = harness.log_lines("feed a:")
    assert "RuntimeError: disk on fire" in line
    monkeypatch.setattr(service, "analyse", real)
    harness.clock.advance(600)
    assert w.poll_round().entries["new"] == 1  # retried: the feed's state was not committed


def _cli(tmp_path: Path, feeds: dict, *args: str) -> subprocess.Popen:
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump(feeds, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "MARSAD_DB": str(tmp_path / "store.db"), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "marsad", "watch", str(path), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_default)


def _ctrl_c_default() -> None:
    """The child gets Ctrl-C as a terminal would give it: a test run started in the background (a CI
    script's `cmd &`) passes SIGINT on as ignored, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_cli_once_prints_alerts_and_exits_1_when_a_feed_failed(server, tmp_path, kit):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07")]))
    feeds = {"feeds": [server.url("/a.xml"), {"url": server.url("/none.xml"), "name": "none"}],
             "alerts": [{"name": "base", "keyword": "قاعدة الصقر"}]}
    proc = _cli(tmp_path, feeds, "--once", "--timeout", "5s")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    [alert] = out.splitlines()
    assert alert.startswith("ALERT [base] keyword: ") and "«قاعدة الصقر»" in alert
    assert "feed none: HTTP 404; next try in 10m (failure 1)" in err and "Traceback" not in err
    assert (tmp_path / "store.db.watch.json").exists()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_stops_the_loop_cleanly(server, tmp_path, kit, signum):
    server.routes["/a.xml"] = kit.Route(kit.rss([kit.sample_item("07")]))
    proc = _cli(tmp_path, {"feeds": [server.url("/a.xml")]}, "--every", "1s")
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while sum("round:" in line for line in lines) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert sum("round:" in line for line in lines) >= 2, lines
    proc.send_signal(signum)
    assert proc.wait(timeout=20) == 0
    reader.join(5)
    assert any("interrupted: stopping" in line for line in lines)
    assert not any("Traceback" in line for line in lines)
    state = json.loads((tmp_path / "store.db.watch.json").read_text(encoding="utf-8"))
    assert state["feeds"][server.url("/a.xml")]["etag"]
