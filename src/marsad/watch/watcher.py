"""The polling loop: fetch the due feeds, ingest what is new, raise alerts, back off from failures.

One round: every feed that is not backing off is fetched (in parallel threads, conditionally); then,
feed by feed, its new entries are analysed and stored through `service.ingest_items` (so stories
update), alerts are matched and sent, and the feed's state is saved. Whatever goes wrong with one feed
(timeout, HTTP error, garbage, a bug in a stage) is one log line and a later retry for that feed
only; the round goes on. The clock and the sleep are injectable so tests need no real waiting.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from marsad.errors import InputError
from marsad.identity import article_id, content_hash
from marsad.model import Article, RawDocument, Skipped, SkipReason
from marsad.read import DEFAULT_MAX_BYTES
from marsad.read.fetch import Fetched, fetch_conditional
from marsad.watch import sources
from marsad.watch.alerts import ArticleRules, StoryWatch, article_alert, contradiction_alert
from marsad.watch.config import FeedSpec, WatchConfig
from marsad.watch.sinks import Sinks
from marsad.watch.state import FeedState, WatchState, backoff_delay


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def human(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:g}{unit}" if seconds % size == 0 else f"{seconds / size:.1f}{unit}"
    return f"{seconds:g}s"


def run_parallel(fn: Callable, items: list, workers: int) -> list:
    """fn(item) for every item in daemon threads; each result, or the exception it raised. The main
    thread waits in short joins, so Ctrl-C is never held up by a slow server."""
    results: list = [None] * len(items)
    lock, cursor = threading.Lock(), [0]

    def worker() -> None:
        while True:
            with lock:
                i = cursor[0]
                cursor[0] += 1
            if i >= len(items):
                return
            try:
                results[i] = fn(items[i])
            except Exception as exc:  # noqa: BLE001 - handed back to the caller, one feed at a time
                results[i] = exc

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(min(workers, len(items)))]
    for t in threads:
        t.start()
    for t in threads:
        while t.is_alive():
            t.join(0.1)
    return results


@dataclass
class RoundReport:
    feeds: Counter = field(default_factory=Counter)  # polled, not_modified, unchanged, changed, failed, waiting
    entries: Counter = field(default_factory=Counter)  # known, new, updated, skipped
    alerts: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        f, e = self.feeds, self.entries
        return (f"round: {f['polled']} feeds polled ({f['not_modified']} not modified, {f['unchanged']} unchanged,"
                f" {f['changed']} changed, {f['failed']} failed), {f['waiting']} backing off;"
                f" entries: {e['new']} new, {e['updated']} updated, {e['known']} known, {e['skipped']} skipped;"
                f" {len(self.alerts)} alerts; {self.seconds:.2f} s")


class Watcher:
    def __init__(self, config: WatchConfig, store, state: WatchState, *, every: float = 600.0,
                 timeout: float = 20.0, max_backoff: float = 6 * 3600.0, max_bytes: int = DEFAULT_MAX_BYTES,
                 kb_files: tuple[str, ...] = (), workers: int = 8, echo: Callable[[str], None] = print,
                 log: Callable[[str], None] = _stderr, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] | None = None):
        self.config, self.store, self.state = config, store, state
        self.every, self.timeout, self.max_backoff, self.max_bytes = every, timeout, max_backoff, max_bytes
        self.kb_files, self.workers, self.clock = kb_files, workers, clock
        self._log = log
        self._stop = threading.Event()
        self._sleep = sleep or self._stop.wait
        self.rules = ArticleRules(config.alerts, kb_files)
        self.contradiction_rules = [r for r in config.alerts if r.contradiction is not None]
        self.sinks = Sinks.from_outputs(config.outputs, echo, self.log)
        self._client = None  # one httpx.Client for every fetch (thread-safe; spares a TLS setup per call)
        if state.problem:
            self.log(state.problem)

    # -- the loop ------------------------------------------------------------------------------
    def log(self, message: str) -> None:
        self._log(f"{self._iso()} {message}")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self.clock(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        self.sinks.close()

    @property
    def client(self):
        if self._client is None:
            import httpx

            self._client = httpx.Client()
        return self._client

    def run(self, once: bool = False) -> int:
        """Poll round after round (or once). Returns the exit code: with `once`, 1 when a feed
        failed; otherwise 0 when stopped (stop(), Ctrl-C or SIGTERM turned into KeyboardInterrupt)."""
        try:
            while not self._stop.is_set():
                started = self.clock()
                report = self.poll_round()
                if once:
                    return 1 if report.feeds["failed"] else 0
                self._sleep(max(0.0, started + self.every - self.clock()))
        except KeyboardInterrupt:
            self.log("interrupted: stopping")
        finally:
            self.state.save()
            self.close()
        return 0

    def poll_round(self) -> RoundReport:
        report, t0, now = RoundReport(), time.perf_counter(), self.clock()
        due = [f for f in self.config.feeds if self.state.feed(f.url).retry_at <= now]
        report.feeds["waiting"] = len(self.config.feeds) - len(due)
        _ = self.client  # made here, before the threads share it
        fetched = run_parallel(self._fetch, due, self.workers)
        for feed, got in zip(due, fetched, strict=True):
            report.feeds["polled"] += 1
            try:
                if isinstance(got, Exception):
                    raise got
                self._handle(feed, got, report)
            except Exception as exc:  # noqa: BLE001 - one feed's trouble never stops the round
                self._failed(feed, exc, now)
                report.feeds["failed"] += 1
            self.state.save()
        report.seconds = time.perf_counter() - t0
        self.log(report.line())
        return report

    def _fetch(self, feed: FeedSpec) -> Fetched:
        s = self.state.feed(feed.url)
        return fetch_conditional(feed.url, self.max_bytes, self.timeout, etag=s.etag, last_modified=s.last_modified,
                                 client=self.client)

    def _failed(self, feed: FeedSpec, exc: Exception, now: float) -> None:
        s = self.state.feed(feed.url)
        reason = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        reason = " ".join(reason.split())[:200]
        delay = backoff_delay(s.failures + 1, self.every, self.max_backoff)
        s.failed(reason, now, delay)
        self.log(f"feed {feed.name}: {reason}; next try in {human(delay)} (failure {s.failures})")

    # -- one feed -------------------------------------------------------------------------------
    def _handle(self, feed: FeedSpec, got: Fetched, report: RoundReport) -> None:
        s = self.state.feed(feed.url)
        body_hash = hashlib.sha256(got.body).hexdigest() if got.status != 304 else s.body_hash
        if got.status == 304 or body_hash == s.body_hash:
            report.feeds["not_modified" if got.status == 304 else "unchanged"] += 1
            self._succeeded(s, got, body_hash, s.entries)
            return
        report.feeds["changed"] += 1
        if feed.kind == "feed" or sources.is_feed(got.body):
            items = sources.feed_items(got.body, feed.url)
        else:
            items = sources.page_items(got.body, feed.url)
        keyed = [(sources.entry_key(i), sources.entry_hash(i)) for i in items]
        fresh = [i for i, (key, digest) in zip(items, keyed, strict=True) if s.entries.get(key) != digest]
        report.entries["known"] += len(items) - len(fresh)
        if feed.kind == "page" and sources.is_feed(got.body):
            fresh, unread = self._linked_pages(feed, fresh)
            keyed = [(k, d) for k, d in keyed if k not in unread]  # their pages are tried again next time
        docs = []
        for item in fresh:
            if isinstance(item, Skipped):
                report.entries["skipped"] += 1
            elif self._stored(item):
                report.entries["known"] += 1
            else:
                docs.append(item)
        if docs:
            self._ingest(feed, docs, report)
        self._succeeded(s, got, body_hash, dict(keyed))

    def _succeeded(self, s: FeedState, got: Fetched, body_hash: str | None, entries: dict[str, str]) -> None:
        if got.status != 304:
            s.etag, s.last_modified, s.body_hash, s.entries = got.etag, got.last_modified, body_hash, entries
        s.succeeded(self._iso())

    def _linked_pages(self, feed: FeedSpec, entries: list) -> tuple[list, set[str]]:
        """For a `page` feed: each new entry's linked page (keeping the entry's metadata), or the entry
        text when the page cannot be read; a title-only entry is a Skipped that still names its link.
        Also returns the keys of the entries whose page could not be read."""
        def link(item) -> str | None:
            url = item.url if isinstance(item, RawDocument) else item.source
            return url if url and url.startswith(("http://", "https://")) else None

        def page(item):
            got = fetch_conditional(link(item), self.max_bytes, self.timeout, client=self.client)
            return sources.page_items(got.body, link(item))[0]

        with_link = [i for i in entries if link(i) and (isinstance(i, RawDocument) or i.reason is SkipReason.NO_TEXT)]
        pages = dict(zip(map(id, with_link), run_parallel(page, with_link, self.workers), strict=True))
        out, unread = [], set()
        for item in entries:
            got = pages.get(id(item))
            if isinstance(got, RawDocument):
                out.append(sources.with_entry_hints(got, item) if isinstance(item, RawDocument) else got)
                continue
            if got is not None:
                fallback = "using the entry text" if isinstance(item, RawDocument) else "entry skipped"
                self.log(f"feed {feed.name}: page {link(item)}: {got}; {fallback}")
                unread.add(sources.entry_key(item))
            out.append(item)
        return out, unread

    def _stored(self, doc: RawDocument) -> bool:
        """Is this exact text already stored (and placed in a story)? Then it is not analysed again."""
        aid, digest = article_id(doc.url, doc.id_basis), content_hash(doc.text)
        return any(v[1] == digest for v in self.store.versions(aid)) and self.store.story_of(aid) is not None

    def _ingest(self, feed: FeedSpec, docs: list[RawDocument], report: RoundReport) -> None:
        from marsad.service import ingest_items

        stored: list[tuple[Article, str]] = []

        def collect(result, status: str) -> None:
            if status in ("new", "updated"):
                stored.append((result, status))
            report.entries[status if status in ("new", "updated", "skipped") else "known"] += 1

        watch = StoryWatch(self.store)
        result = ingest_items(docs, watch, kb_files=self.kb_files, on_item=collect)
        at, alerts = self._iso(), []
        for article, status in stored:
            for rule, evidence in self.rules.match(article):
                alerts.append(article_alert(rule, evidence, article, status, feed.name,
                                            self.store.story_of(article.id), at))
        if self.contradiction_rules:
            new_ids = [a.id for a, _ in stored]
            for story, c in watch.new_contradictions(result.stories):
                members = [a for a in new_ids if a in story.get("articles", ())]
                for rule in self.contradiction_rules:
                    if not rule.contradiction or c.get("kind") in rule.contradiction:
                        alerts.append(contradiction_alert(rule, story, c, feed.name, members, at))
        self.sinks.send(alerts)
        report.alerts.extend(alerts)
