"""SSRF: Marsad refuses to fetch from loopback, private, link-local, unspecified, multicast and reserved
addresses (IPv4, IPv6, IPv4 inside IPv6, legacy numeric forms, names resolving there), on the first
request and on every redirect, before any connection is made, unless MARSAD_ALLOW_PRIVATE_URLS allows it.

The network is simulated: `net` replaces the resolver (socket.getaddrinfo) for names under .test and
socket.create_connection for everything, so a "public" address such as 93.184.216.34 is in fact the
local recording server, and any other connection attempt is recorded and fails. That is how a redirect
from a public first hop to a private address is tested without leaving the machine.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from marsad.errors import InputError
from marsad.read.fetch import MAX_REDIRECTS, fetch_conditional

PUBLIC = "93.184.216.34"  # a global address; the simulated network sends it to the recorder
ARTICLE = "بغداد - قالت وزارة النقل العراقية إن الطريق الدولي سيعاد افتتاحه مطلع الشهر المقبل بعد الصيانة."


@dataclass
class Net:
    recorder: object  # conftest.Recorder
    names: dict[str, list] = field(default_factory=dict)  # name -> addresses, or a list of answers in turn
    lookups: list[str] = field(default_factory=list)
    dials: list[tuple[str, int]] = field(default_factory=list)


@pytest.fixture
def net(recorder, monkeypatch):
    recorder.routes["/ok"] = (200, {"Content-Type": "text/plain; charset=utf-8"}, ARTICLE.encode())
    monkeypatch.delenv("MARSAD_ALLOW_PRIVATE_URLS", raising=False)
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    n = Net(recorder)
    real_lookup, real_dial = socket.getaddrinfo, socket.create_connection

    def lookup(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name.endswith(".test"):
            n.lookups.append(name)
            answers = n.names.get(name)
            if not answers:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            addresses = answers.pop(0) if isinstance(answers[0], list) else answers
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                    for a in addresses]
        return real_lookup(host, port, *args, **kwargs)

    def dial(address, *args, **kwargs):
        n.dials.append((address[0], address[1]))
        if address[0] == PUBLIC or address[0] == "127.0.0.1" and os.environ.get("MARSAD_ALLOW_PRIVATE_URLS"):
            return real_dial(("127.0.0.1", address[1]), *args, **kwargs)
        raise OSError(f"test network: no route to {address[0]}")

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket, "create_connection", dial)
    return n


def refused(url: str) -> str:
    with pytest.raises(InputError) as caught:
        fetch_conditional(url, 100_000, timeout=5)
    message = str(caught.value)
    assert "\n" not in message
    return message


FORBIDDEN = [  # (host as written in the URL, what the refusal calls it)
    ("127.0.0.1", "loopback"), ("127.0.0.2", "loopback"), ("2130706433", "loopback"), ("0x7f.1", "loopback"),
    ("0x7f000001", "loopback"), ("017700000001", "loopback"), ("127.1", "loopback"), ("[::1]", "loopback"),
    ("[::ffff:127.0.0.1]", "loopback"), ("[::ffff:7f00:1]", "loopback"), ("[64:ff9b::7f00:1]", "loopback"),
    ("[2002:7f00:1::]", "loopback"), ("localhost", "this machine"), ("LOCALHOST.", "this machine"),
    ("api.localhost", "this machine"), ("0", "unspecified"), ("0.0.0.0", "unspecified"), ("[::]", "unspecified"),
    ("169.254.169.254", "link-local"), ("[fe80::1]", "link-local"), ("[::ffff:169.254.169.254]", "link-local"),
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.0.1", "private"), ("[fc00::1]", "private"),
    ("[fd00:ec2::254]", "private"), ("198.18.0.1", "private"), ("100.64.0.1", "not a public address"),
    ("224.0.0.251", "multicast"), ("[ff02::1]", "multicast"), ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"), ("0177.0.0.1", "not a valid URL"),
]


@pytest.mark.parametrize(("host", "kind"), FORBIDDEN)
def test_forbidden_addresses_are_refused_before_any_connection(net, host, kind):
    url = f"http://{host}:{net.recorder.port}/ok"
    message = refused(url)
    assert message.startswith(url) and kind in message, message
    if kind != "not a valid URL":
        assert message.endswith("(MARSAD_ALLOW_PRIVATE_URLS=1 allows it)")
    assert net.dials == [] and net.recorder.hits == []


@pytest.mark.parametrize(("name", "addresses", "kind"), [
    ("intranet.test", ["10.1.2.3"], "10.1.2.3, which is a private address"),
    ("metadata.test", ["169.254.169.254"], "169.254.169.254, which is a link-local address"),
    ("v6.test", ["::1"], "::1, which is a loopback address"),
    ("mixed.test", [PUBLIC, "127.0.0.1"], "127.0.0.1, which is a loopback address"),  # one bad address is enough
])
def test_names_resolving_to_forbidden_addresses_are_refused(net, name, addresses, kind):
    net.names[name] = addresses
    message = refused(f"http://{name}:{net.recorder.port}/ok")
    assert f"refused: {name} resolves to {kind}" in message
    assert net.dials == [] and net.recorder.hits == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/_x",
                                 "dict://127.0.0.1:11211/stats", "javascript:alert(1)", "data:text/plain,hi"])
def test_other_schemes_are_refused(net, url):
    assert "only http and https URLs are fetched" in refused(url)
    assert net.dials == []


def test_the_setting_allows_private_addresses(net, recorder, monkeypatch):
    url = f"http://127.0.0.1:{recorder.port}/ok"
    for off in ("0", "false", "no", ""):
        monkeypatch.setenv("MARSAD_ALLOW_PRIVATE_URLS", off)
        assert "refused" in refused(url)
    assert recorder.hits == []
    for on in ("1", "true", "YES"):
        monkeypatch.setenv("MARSAD_ALLOW_PRIVATE_URLS", on)
        assert fetch_conditional(url, 100_000, timeout=5).body.decode() == ARTICLE
    assert recorder.hits == ["/ok"] * 3


@pytest.mark.parametrize("location", [
    "http://127.0.0.1:{port}/ok", "//127.0.0.1:{port}/ok", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:{port}/ok", "http://localhost:{port}/ok", "http://2130706433:{port}/ok",
    "http://intranet.test:{port}/ok", "file:///etc/passwd", "gopher://127.0.0.1:{port}/_x",
])
def test_a_redirect_to_a_forbidden_address_is_refused(net, recorder, location):
    net.names.update({"news.test": [PUBLIC], "intranet.test": ["192.168.1.1"]})
    target = location.format(port=recorder.port)
    recorder.routes["/r"] = (302, {"Location": target}, b"")
    message = refused(f"http://news.test:{recorder.port}/r")
    assert message.startswith("redirected to ") and "refused" in message
    assert recorder.hits == ["/r"] and recorder.hosts == [f"news.test:{recorder.port}"]
    assert net.dials == [(PUBLIC, recorder.port)]  # the first hop only


def test_redirects_between_public_hosts_are_followed_and_bounded(net, recorder):
    net.names.update({"news.test": [PUBLIC], "www.news.test": [PUBLIC]})
    recorder.routes["/r"] = (301, {"Location": f"http://www.news.test:{recorder.port}/r2"}, b"")
    recorder.routes["/r2"] = (307, {"Location": "/ok"}, b"")  # relative
    got = fetch_conditional(f"http://news.test:{recorder.port}/r", 100_000, timeout=5)
    assert got.body.decode() == ARTICLE and recorder.hits == ["/r", "/r2", "/ok"]
    assert recorder.hosts == [f"news.test:{recorder.port}"] + [f"www.news.test:{recorder.port}"] * 2
    recorder.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    assert refused(f"http://news.test:{recorder.port}/loop") == f"more than {MAX_REDIRECTS} redirects"
    assert recorder.hits.count("/loop") == MAX_REDIRECTS + 1


def test_dns_rebinding_cannot_switch_the_address_after_the_check(net, recorder):
    """The name answers a public address, then 127.0.0.1: the request goes to the address checked."""
    net.names["flip.test"] = [[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]]
    got = fetch_conditional(f"http://flip.test:{recorder.port}/ok", 100_000, timeout=5)
    assert got.body.decode() == ARTICLE
    assert net.lookups == ["flip.test"] and net.dials == [(PUBLIC, recorder.port)]
    assert recorder.hosts == [f"flip.test:{recorder.port}"]  # the server still sees the name


def test_readers_api_and_cli_refuse_with_one_line(net, recorder, tmp_path):
    from fastapi.testclient import TestClient

    from marsad.model import Skipped, SkipReason
    from marsad.read import read_inputs
    from marsad.web import ServeSettings, create_app

    url = f"http://127.0.0.1:{recorder.port}/ok"
    [item] = list(read_inputs([url]))
    assert isinstance(item, Skipped) and item.reason is SkipReason.FETCH_FAILED
    assert item.line() == (f"{url}: skipped (fetch failed: {url} refused: 127.0.0.1 is a loopback address "
                           "(MARSAD_ALLOW_PRIVATE_URLS=1 allows it))")
    client = TestClient(create_app(ServeSettings(db=str(tmp_path / "api.db"))))
    for body in ({"url": "http://169.254.169.254/latest/meta-data/"}, {"feed": f"http://localhost:{recorder.port}/"}):
        r = client.post("/api/ingest", json=body)
        assert r.status_code == 422 and "refused" in r.json()["error"]["message"], r.text
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_ALLOW_PRIVATE_URLS"}
    cli = subprocess.run([sys.executable, "-m", "marsad", "ingest", url, "--db", str(tmp_path / "cli.db")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    assert f"{url}: skipped (fetch failed: {url} refused: 127.0.0.1 is a loopback address" in cli.stderr
    assert recorder.hits == [] and net.dials == []


def test_the_watcher_refuses_private_feeds_and_private_links_in_feeds(net, recorder, tmp_path):
    from xml.sax.saxutils import escape

    from marsad.store import open_store
    from marsad.watch import Watcher, WatchState, parse_config

    net.names["news.test"] = [PUBLIC]
    secret = f"http://127.0.0.1:{recorder.port}/secret"
    rss = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع</title>'
           f"<item><title>خبر الطريق</title><link>{escape(secret)}</link><description>{ARTICLE}</description>"
           "</item></channel></rss>").encode()
    recorder.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss)
    raw = {"feeds": [{"url": f"http://127.0.0.1:{recorder.port}/feed.xml", "name": "private"},
                     {"url": f"http://news.test:{recorder.port}/feed.xml", "name": "public", "kind": "page"}]}
    logs: list[str] = []
    store = open_store(str(tmp_path / "w.db"))
    watcher = Watcher(parse_config(raw, "test", tmp_path), store, WatchState(tmp_path / "w.json"), timeout=5.0,
                      log=logs.append, echo=lambda line: None)
    try:
        report = watcher.poll_round()
    finally:
        watcher.close()
    assert report.feeds["failed"] == 1
    assert any("feed private: " in line and "refused: 127.0.0.1 is a loopback address" in line for line in logs)
    assert any(f"page {secret}: {secret} refused" in line and "using the entry text" in line for line in logs), logs
    assert recorder.hits == ["/feed.xml"] and store.count_articles() == 1  # the public feed, its entry text
    store.close()
