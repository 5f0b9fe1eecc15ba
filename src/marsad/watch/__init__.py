"""Follow live sources: `marsad watch FEEDS.yaml` polls feeds and pages, ingests what is new, raises alerts.

config.py (the watch file) -> watcher.py (the loop: fetch, ingest through marsad.service, back off)
-> sources.py (a fetched body -> documents, refusing XML entity declarations) -> alerts.py (rules,
new contradictions) -> sinks.py (terminal, JSON lines, webhook); state.py keeps validators and
backoff per feed in a JSON file next to the store. The format is documented in docs/watch.md.
"""

from marsad.watch.config import WatchConfig, load_config, parse_config, parse_duration
from marsad.watch.state import WatchState, default_state_path
from marsad.watch.watcher import RoundReport, Watcher

__all__ = ["RoundReport", "WatchConfig", "WatchState", "Watcher", "default_state_path", "load_config",
           "parse_config", "parse_duration"]
