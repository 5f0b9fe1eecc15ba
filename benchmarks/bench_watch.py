"""One `marsad watch` polling round over local feeds: all new, then the ways of being unchanged.

Serves --feeds RSS feeds of --entries real articles each (SaudiNewsNet, ../shared/data/news) from a
local HTTP server on 127.0.0.1, and times one round of `marsad.watch.Watcher.poll_round` when every
entry is new (analysis, storage, stories), and when nothing is: a 304 to every conditional GET; the
same bytes again from a server without validators (body hash); a changed document whose entries are
all known (the state's entry map); the same after the state file is lost (the store's content hashes).
The pipeline is warmed up outside the timing. One core for the analysis; fetching runs in 8 threads.
Wall and CPU seconds are both printed: on a shared machine the CPU time is the steadier figure.

    .venv/bin/python benchmarks/bench_watch.py [--feeds 20] [--entries 20] [--data ../shared/data/news]
"""

from __future__ import annotations

import argparse
import http.server
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path
from xml.sax.saxutils import escape

from newsarchive import DEFAULT_DATA

from marsad.model import RawDocument
from marsad.read import read_inputs
from marsad.service import ingest_items
from marsad.store import open_store
from marsad.watch import Watcher, WatchState, parse_config


def rss(docs: list[RawDocument], stamp: str) -> bytes:
    items = "".join(f"<item><title>{escape(dict(d.hints).get('title', ''))}</title><link>{escape(d.url or '')}</link>"
                    f"<description>{escape(d.text)}</description></item>" for d in docs)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title>'
            f"<lastBuildDate>{stamp}</lastBuildDate>{items}</channel></rss>").encode()


class Server:
    def __init__(self):
        self.bodies: dict[str, bytes] = {}
        self.validators = True
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                body = outer.bodies[self.path]
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if outer.validators and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                if outer.validators:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        http.server.ThreadingHTTPServer.request_queue_size = 64  # the default 5 drops SYNs: 1 s retries
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=20)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    args = ap.parse_args()
    files = sorted(str(p) for p in Path(args.data).glob("*.jsonl.gz"))
    if not files:
        print(f"no .jsonl.gz archive in {args.data}; nothing to measure")
        return 1
    n = args.feeds * args.entries
    docs = [d for d in islice((i for i in read_inputs(files) if isinstance(i, RawDocument) and i.url), n)]
    server = Server()
    groups = [docs[i * args.entries:(i + 1) * args.entries] for i in range(args.feeds)]
    for i, group in enumerate(groups):
        server.bodies[f"/f{i}.xml"] = rss(group, "1")
    config = parse_config({"feeds": [server.base + f"/f{i}.xml" for i in range(args.feeds)],
                           "alerts": [{"keyword": "وزير الخارجية"}, {"event": "WITHDRAWAL"}, {"contradiction": True}],
                           "outputs": {"terminal": False}})
    with tempfile.TemporaryDirectory() as tmp:
        ingest_items([RawDocument("warmup", "قال وزير الخارجية إن الاجتماع انتهى أمس في بغداد.", "warmup")],
                     open_store(":memory:"))  # load the lexicons and models outside the timing
        store = open_store(str(Path(tmp) / "store.db"))
        state_path = Path(tmp) / "store.db.watch.json"
        w = Watcher(config, store, WatchState(state_path), log=lambda line: None, clock=time.time)
        print(f"{args.feeds} feeds x {args.entries} entries ({len(docs)} articles), one polling round:")

        def timed(label: str, watcher: Watcher) -> None:
            t0, c0 = time.perf_counter(), time.process_time()
            report = watcher.poll_round()
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            e, f = report.entries, report.feeds
            print(f"  {label:<48} {seconds:8.3f} s wall {cpu:8.3f} s CPU   new {e['new']:>3}  known {e['known']:>3}"
                  f"  304 {f['not_modified']:>2}  unchanged {f['unchanged']:>2}  failed {f['failed']}")

        timed("all new (analyse, store, stories)", w)
        timed("unchanged: 304 Not Modified", w)
        server.validators = False
        timed("unchanged: same bytes, no validators (1st)", w)  # the state still has validators: full read
        timed("unchanged: same bytes, no validators", w)
        for i, group in enumerate(groups):
            server.bodies[f"/f{i}.xml"] = rss(group, "2")
        timed("document changed, every entry known (state)", w)
        w.close()
        state_path.unlink()
        for i, group in enumerate(groups):
            server.bodies[f"/f{i}.xml"] = rss(group, "3")
        fresh = Watcher(config, store, WatchState(state_path), log=lambda line: None)
        timed("state file lost: entries known by content hash", fresh)
        fresh.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
