"""Path traversal: every route that serves a file (the /static mount, /assets/*, /api/exports/{fmt})
answers 400/404 to dot-dot, encoded, double-encoded, backslash, absolute and NUL-byte paths, and never
sends a file from outside its folder. Requests go over a raw socket to a live server, so no client
normalises the path on the way."""

from __future__ import annotations

import socket

import pytest

from live_app import served

TARGETS = ["etc/passwd", "app.py", "__init__.py"]  # the system's, and the web package's own sources
LEAKS = ("root:x:0:0", "def create_app", "FastAPI application", "from marsad.web.app import")
PREFIXES = ["/static/", "/static/leaflet/", "/assets/", "/api/exports/", "/assets/report.js/"]


def _attempts(target: str) -> list[str]:
    deep = "../" * 8
    return [
        deep + target, "../" + target, "..%2f" * 8 + target.replace("/", "%2f"), "%2e%2e/" * 8 + target,
        "%2e%2e%2f" * 8 + target, "%252e%252e%252f" * 8 + target, "..%252f" * 8 + target,
        "..\\" * 8 + target.replace("/", "\\"), "..%5c" * 8 + target.replace("/", "%5c"),
        "/" + target, "%2f" + target, "/" * 2 + target, "....//" * 8 + target, "..%c0%af" * 8 + target,
        "%c0%ae%c0%ae/" * 8 + target, deep + target + "%00.css", "app.css%00/" + deep + target,
        ".%2e/" * 8 + target, "%2e./" * 8 + target, "file:///" + target,
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("traversal") / "t.db")
    with served(db, log_level="critical") as port:
        yield port


def raw_get(port: int, path: str) -> tuple[int, bytes]:
    """GET exactly this request target (bytes as written) and return (status, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET " + path.encode("latin-1") + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def test_the_served_files_are_served(server):
    """The control: without it a broken server would pass every refusal below."""
    for path in ("/static/app.css", "/static/map.js", "/static/leaflet/leaflet.js", "/assets/report.js"):
        status, body = raw_get(server, path)
        assert status == 200 and len(body) > 100, path


def test_no_path_leaves_its_folder(server):
    tried = 0
    for prefix in PREFIXES:
        for target in TARGETS:
            for attempt in _attempts(target):
                status, body = raw_get(server, prefix + attempt)
                text = body.decode("utf-8", "replace")
                assert status in (400, 404, 405, 422), (prefix + attempt, status, text[:200])
                assert not any(leak in text for leak in LEAKS), prefix + attempt
                tried += 1
    assert tried == len(PREFIXES) * len(TARGETS) * 20


def test_absolute_request_targets_are_refused(server):
    for target in ("/etc/passwd", "//etc/passwd", "/static//etc/passwd", "/static/%2Fetc%2Fpasswd",
                   "http://127.0.0.1/static/../../etc/passwd", "/api/exports/%2Fetc%2Fpasswd"):
        status, body = raw_get(server, target)
        assert status in (400, 404, 422) and b"root:x:0:0" not in body, (target, status)


def test_export_names_are_a_fixed_list(server):
    """The export route takes a format, never a file name: anything but the five formats is a 400."""
    for fmt in ("json", "md"):
        status, _ = raw_get(server, f"/api/exports/{fmt}")
        assert status == 200
    for fmt in ("passwd", "..", "json%00", "JSON", "md/../json", "html.html"):
        status, body = raw_get(server, f"/api/exports/{fmt}")
        assert status in (400, 404), (fmt, status)
