"""Tokens: every write route of the app (enumerated from the app, so a route added later is checked
too) refuses a missing, wrong or wrong-length token and accepts the right one; reads follow
`protect_reads`; the server refuses to listen beyond loopback without a token; and, with no token on
loopback, a browser page elsewhere cannot write (cross-site and DNS-rebinding requests)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from marsad.errors import UsageError
from marsad.web import ServeSettings, create_app

TOKEN = "s3cret-token-0123456789"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
WRONG = {"missing": {}, "wrong, same length": {"authorization": "Bearer " + "x" * len(TOKEN)},
         "shorter": {"authorization": "Bearer " + TOKEN[:-1]}, "longer": {"authorization": "Bearer " + TOKEN + "0"},
         "empty bearer": {"authorization": "Bearer "}, "wrong header": {"x-marsad-token": TOKEN[::-1]},
         "basic scheme": {"authorization": "Basic " + TOKEN}, "case": {"authorization": "Bearer " + TOKEN.upper()},
         "prefix only": {"authorization": "Bearer " + TOKEN[:4]}}
RIGHT = {"bearer": {"authorization": "Bearer " + TOKEN}, "header": {"x-marsad-token": TOKEN}}


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "tokens.db")


def _concrete(path: str) -> str:
    return re.sub(r"{\w+}", "x-1", path)


def _routes(app, walk, methods: set[str]) -> list[tuple[str, str]]:
    return sorted((m, _concrete(p)) for p, ms, _ in walk(app.routes) for m in ms & methods)


def test_every_write_route_needs_the_token(db, routes):
    app = create_app(ServeSettings(db=db, token=TOKEN))
    writes = _routes(app, routes, WRITES)
    assert {("POST", "/api/ingest"), ("POST", "/api/corrections"), ("DELETE", "/api/articles/x-1"),
            ("DELETE", "/api/corrections/x-1")} <= set(writes)
    client = TestClient(app)
    for method, path in writes:
        for name, headers in WRONG.items():
            r = client.request(method, path, headers=headers, json={})
            assert r.status_code == 401, (method, path, name)
            assert r.json()["error"]["code"] == "unauthorized" and r.headers["www-authenticate"] == "Bearer"
        r = client.request(method, path + "?token=" + TOKEN, json={})  # never from the query string
        assert r.status_code == 401, (method, path)
        for name, headers in RIGHT.items():
            r = client.request(method, path, headers=headers, json={})
            assert r.status_code != 401 and r.status_code < 500, (method, path, name, r.status_code)


def test_a_write_route_added_later_is_protected_too(db, routes):
    """The guard works by method, not by a list of routes: a new write route is covered at once."""
    app = create_app(ServeSettings(db=db, token=TOKEN))
    calls = []

    @app.put("/api/added-later")
    def added(body: dict) -> dict:
        calls.append(body)
        return {"ok": True}

    client = TestClient(app)
    assert ("PUT", "/api/added-later") in _routes(app, routes, WRITES)
    assert client.put("/api/added-later", json={"a": 1}).status_code == 401 and calls == []
    assert client.put("/api/added-later", json={"a": 1}, headers=RIGHT["bearer"]).status_code == 200
    assert calls == [{"a": 1}]


def test_reads_follow_protect_reads(db, routes):
    for protect in (False, True):
        app = create_app(ServeSettings(db=db, token=TOKEN, protect_reads=protect))
        client = TestClient(app)
        reads = [p for m, p in _routes(app, routes, {"GET"}) if p.startswith("/api/")]
        assert "/api/articles" in reads and "/api/search" in reads
        for path in reads:
            r = client.get(path)
            if protect and path not in ("/api/openapi.json", "/api/docs"):  # the API's description stays public
                assert r.status_code == 401, path
                assert client.get(path, headers=RIGHT["bearer"]).status_code != 401, path
            else:
                assert r.status_code != 401, (protect, path)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "news.example", "localhost.",
                                  "127.0.0.1.nip.io"])
def test_listening_beyond_loopback_without_a_token_refuses_to_start(db, host):
    for token in (None, ""):
        with pytest.raises(UsageError, match="listening beyond loopback needs a token"):
            create_app(ServeSettings(db=db, host=host, token=token))
    create_app(ServeSettings(db=db, host=host, token=TOKEN))  # with a token it starts


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_starts_without_a_token(db, host):
    create_app(ServeSettings(db=db, host=host))


def test_serve_command_refuses_in_one_line(db):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "MARSAD_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "marsad", "serve", "--db", db, "--host", "0.0.0.0"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("error: --host 0.0.0.0: listening beyond loopback needs a token"
                             " (--token or MARSAD_TOKEN)\n")


def test_without_a_token_no_page_elsewhere_can_write(db, routes):
    """Loopback, no token: a cross-site form (text/plain, urlencoded, multipart) is never read as JSON,
    and a write carrying a foreign Origin (a page reaching us by DNS rebinding) is refused."""
    from marsad.store import open_store

    app = create_app(ServeSettings(db=db))
    client = TestClient(app)
    body = '{"text": "بغداد - قال وزير الخارجية إن المحادثات ستستمر الأسبوع المقبل في العاصمة العراقية."}'
    for _method, path in _routes(app, routes, {"POST"}):
        for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b"):
            r = client.post(path, content=body.encode(), headers={"content-type": ctype})
            assert r.status_code in (400, 422), (path, ctype, r.status_code)
    for method, path in _routes(app, routes, WRITES):
        for origin in ("http://evil.example:8000", "null", "http://127.0.0.1.evil.example"):
            r = client.request(method, path, json={"text": body}, headers={"origin": origin})
            assert r.status_code == 403 and "needs a token" in r.json()["error"]["message"], (method, path, origin)
    store = open_store(db)
    assert store.count_articles() == 0 and store.list_corrections() == []
    store.close()
    r = client.post("/api/ingest", json={"text": body[10:-2]}, headers={"origin": "http://127.0.0.1:8000"})
    assert r.status_code == 201  # the app's own pages on loopback may still write
    preflight = client.options("/api/ingest", headers={"origin": "http://evil.example",
                                                       "access-control-request-method": "DELETE"})
    assert "access-control-allow-origin" not in preflight.headers
