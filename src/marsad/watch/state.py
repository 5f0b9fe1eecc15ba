"""What the watcher remembers per feed between polls, in a JSON file next to the store.

The file (default `<db>.watch.json`) holds, per feed URL: the validators of the last document fully
handled (ETag, Last-Modified, the sha256 of its body), the entries of that document already handled
(key -> hash, so an unchanged entry costs nothing and a `page` feed does not fetch its link again),
and the failure count with the time of the next try. Deleting it is harmless: the next poll is
unconditional and the store's content hashes still keep stored articles from being analysed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

FORMAT = 1


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    entries: dict[str, str] = field(default_factory=dict)  # entry key (link, else text hash) -> content hash
    failures: int = 0  # consecutive failed polls
    retry_at: float = 0.0  # epoch seconds: not polled before this
    last_error: str | None = None
    last_ok: str | None = None  # ISO time of the last successful poll

    def succeeded(self, at_iso: str) -> None:
        self.failures, self.retry_at, self.last_error, self.last_ok = 0, 0.0, None, at_iso

    def failed(self, reason: str, now: float, delay: float) -> None:
        self.failures += 1
        self.last_error = reason
        self.retry_at = now + delay


def backoff_delay(failures: int, every: float, cap: float) -> float:
    """Seconds before the next try after `failures` consecutive failures: the polling interval, doubled
    for each further failure, at most `cap` (never less than the interval itself)."""
    return min(every * 2 ** max(0, failures - 1), max(cap, every))


class WatchState:
    """Feed states by URL, loaded from and saved to `path` (None: kept in memory only)."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None
        self.feeds: dict[str, FeedState] = {}
        self.problem: str | None = None  # why an existing file could not be read (the state starts empty)
        if self.path and self.path.exists():
            self._load()

    def _load(self) -> None:
        known = {f.name for f in fields(FeedState)}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            for url, value in raw["feeds"].items():
                self.feeds[url] = FeedState(**{k: v for k, v in value.items() if k in known})
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self.feeds = {}
            self.problem = f"state file {self.path} unreadable ({type(exc).__name__}); starting afresh"

    def feed(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        """Write atomically (a temporary file renamed over the old one), so an interrupted save
        never leaves half a file."""
        if not self.path:
            return
        data = {"format": FORMAT, "feeds": {url: asdict(s) for url, s in sorted(self.feeds.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def default_state_path(db: str) -> Path | None:
    """`<db>.watch.json` for a SQLite path; None (memory only) for ":memory:"; for a server URL, a file
    in the user's data folder named by a hash of the URL (which may hold a password)."""
    if db == ":memory:":
        return None
    if "://" in db and not db.startswith("sqlite"):
        from platformdirs import user_data_dir

        digest = hashlib.sha256(db.encode("utf-8")).hexdigest()[:16]
        return Path(user_data_dir("marsad", appauthor=False)) / f"watch-{digest}.json"
    path = db.removeprefix("sqlite:///").removeprefix("sqlite://")
    return Path(path + ".watch.json")
