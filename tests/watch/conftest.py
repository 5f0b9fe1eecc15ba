"""Local HTTP servers for the watch tests (127.0.0.1 only), feeds built from the sample corpus, a fake
clock, and a factory for watchers that log into lists instead of the terminal."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from xml.sax.saxutils import escape

import pytest

from marsad.store import open_store
from marsad.watch import Watcher, WatchState, parse_config

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"


def sample(prefix: str) -> str:
    """The text of one sample-corpus file (written for Marsad) by its number, e.g. "07"."""
    [path] = SAMPLE.glob(f"{prefix}_*")
    return path.read_text(encoding="utf-8")


def rss(items: list[tuple[str, str, str]], title: str = "موقع الاختبار") -> bytes:
    """An RSS 2.0 document; items are (title, link, text)."""
    body = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                   f"<description>{escape(text)}</description></item>" for t, link, text in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link>{body}</channel></rss>").encode()


def sample_item(prefix: str, host: str = "http://news.test") -> tuple[str, str, str]:
    text = sample(prefix)
    return text.splitlines()[0].strip(), f"{host}/{prefix}", text


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # the default 5 drops connections under parallel polling (1 s SYN retries)


@dataclass
class Route:
    body: bytes = b""
    ctype: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    validators: bool = True  # send ETag and Last-Modified, answer 304 when they match
    delay: float = 0.0


class FeedServer:
    """A ThreadingHTTPServer whose routes the test changes between polls. Records every request."""

    def __init__(self):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                server.hits[self.path] += 1
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.status != 200:
                    self.send_error(route.status)
                    return
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                if route.validators and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", route.ctype)
                self.send_header("Content-Length", str(len(route.body)))
                if route.validators:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", "Mon, 03 Nov 2025 08:00:00 GMT")
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except OSError:  # the client gave up (a timeout test)
                    pass

            def do_POST(self):  # noqa: N802
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                route = server.routes.get(self.path, Route(status=204))
                if route.delay:
                    time.sleep(route.delay)
                server.posts.append((self.path, json.loads(data)))
                self.send_response(route.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.routes: dict[str, Route] = {}
        self.hits: Counter = Counter()
        self.requests: list[tuple[str, dict]] = []
        self.posts: list[tuple[str, dict]] = []
        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def kit():
    """The builders above, for the test modules (conftest is not importable under importlib mode)."""
    return SimpleNamespace(rss=rss, sample=sample, sample_item=sample_item, Route=Route, SAMPLE=SAMPLE)


@pytest.fixture(autouse=True)
def _loopback_allowed(monkeypatch):
    """The feed servers are on 127.0.0.1, which Marsad refuses to fetch from unless the setting allows it."""
    monkeypatch.setenv("MARSAD_ALLOW_PRIVATE_URLS", "1")


@pytest.fixture
def server():
    s = FeedServer()
    yield s
    s.close()


class Clock:
    """A fake wall clock: tests move it forward instead of waiting."""

    def __init__(self, t: float = 1_762_156_800.0):  # 2025-11-03T08:00:00Z
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock():
    return Clock()


class Harness:
    """A store, a state file and the watcher's output, for one test."""

    def __init__(self, tmp_path: Path, clock: Clock):
        self.tmp, self.clock = tmp_path, clock
        self.store = open_store(str(tmp_path / "store.db"))
        self.state_path = tmp_path / "store.db.watch.json"
        self.logs: list[str] = []
        self.lines: list[str] = []
        self.watchers: list[Watcher] = []

    def watcher(self, raw: dict, **kwargs) -> Watcher:
        options = {"every": 600.0, "timeout": 1.0, "max_backoff": 6 * 3600.0, "clock": self.clock,
                   "log": self.logs.append, "echo": self.lines.append, **kwargs}
        w = Watcher(parse_config(raw, "test", self.tmp), self.store, WatchState(self.state_path), **options)
        self.watchers.append(w)
        return w

    def log_lines(self, needle: str) -> list[str]:
        return [line for line in self.logs if needle in line]


@pytest.fixture
def harness(tmp_path, clock):
    h = Harness(tmp_path, clock)
    yield h
    for w in h.watchers:
        w.close()
    h.store.close()
