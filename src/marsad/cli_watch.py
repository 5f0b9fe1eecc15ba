"""`marsad watch FEEDS.yaml`: follow feeds and pages, ingest what is new, raise alerts (docs/watch.md)."""

from __future__ import annotations

import signal
import sys

import click


def _duration(ctx, param, value):
    from marsad.errors import UsageError
    from marsad.watch import parse_duration

    try:
        return parse_duration(value)
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from exc


def _sigterm(signum, frame):
    raise KeyboardInterrupt


@click.command()
@click.argument("feeds_file", metavar="FEEDS.yaml", type=click.Path(exists=True, dir_okay=False))
@click.option("--every", default="10m", show_default=True, callback=_duration, metavar="DURATION",
              help="Time between polling rounds (30s, 10m, 1h); also the first backoff step of a failing feed.")
@click.option("--once", is_flag=True, help="Poll every due feed once and exit (1 when a feed failed).")
@click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH",
              help="The store (default: $MARSAD_DB, else marsad.db in the user's data folder).")
@click.option("--state", "state_path", default=None, metavar="PATH",
              help="The feed state file (validators, backoff). Default: the store's path + .watch.json.")
@click.option("--timeout", default="20s", show_default=True, callback=_duration, metavar="DURATION",
              help="Longest wait for one feed or page.")
@click.option("--max-backoff", default="6h", show_default=True, callback=_duration, metavar="DURATION",
              help="Longest pause before retrying a failing feed.")
@click.option("--kb", "kb", multiple=True, metavar="FILE", help="An extra knowledge-base file; repeatable.")
def watch(feeds_file: str, every: float, once: bool, db: str | None, state_path: str | None, timeout: float,
          max_backoff: float, kb: tuple[str, ...]) -> None:
    """Poll the feeds and pages of FEEDS.yaml, ingest what is new, update stories, raise alerts.

    Alerts print one line each (and go to the JSON lines file and webhook the file names); feed
    problems and a summary of each round go to stderr. Ctrl-C stops cleanly.
    """
    from marsad import settings
    from marsad.cli import _kb_files, _open
    from marsad.watch import Watcher, WatchState, default_state_path, load_config

    config = load_config(feeds_file)
    db = db or settings.get("db")
    state = WatchState(state_path or default_state_path(db))
    store = _open(db)
    previous = signal.signal(signal.SIGTERM, _sigterm)
    try:
        watcher = Watcher(config, store, state, every=every, timeout=timeout, max_backoff=max_backoff,
                          max_bytes=settings.get("max_bytes"), kb_files=_kb_files(kb), echo=click.echo)
        code = watcher.run(once=once)
    finally:
        signal.signal(signal.SIGTERM, previous)
        store.close()
    sys.exit(code)


def register(cli: click.Group) -> None:
    cli.add_command(watch)
