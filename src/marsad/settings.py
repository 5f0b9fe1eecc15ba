"""Every setting in one table: name, default, environment variable, help. CLI and docs use it."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _default_db() -> str:
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("marsad", appauthor=False), "marsad.db")


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: object
    env: str
    help: str


SETTINGS = (
    Setting("db", None, "MARSAD_DB", "The store: a SQLite file path or a postgresql:// URL (default: marsad.db in the user's data folder)."),
    Setting("kb", "", "MARSAD_KB", "Extra knowledge-base files (YAML/TSV), separated by ':' (added to --kb)."),
    Setting("max_bytes", 20 * 1024 * 1024, "MARSAD_MAX_BYTES", "Largest input file or download read, in bytes."),
    Setting("max_chars", 100_000, "MARSAD_MAX_CHARS",
            "Longest article text analysed, in characters (longer ones are skipped: analysis time grows with it)."),
    Setting("head_timeout", 10.0, "MARSAD_HEAD_TIMEOUT",
            "`marsad serve`: seconds a client has to send a request's line and headers, else it is disconnected."),
    Setting("allow_private_urls", False, "MARSAD_ALLOW_PRIVATE_URLS",
            "Fetch URLs on loopback, private and link-local addresses too (1/true; default: refused)."),
)


def get(name: str):
    """The value of a setting: its environment variable if set, else its default."""
    for s in SETTINGS:
        if s.name == name:
            value = os.environ.get(s.env)
            if value is None:
                return _default_db() if name == "db" else s.default
            if isinstance(s.default, bool):
                return value.strip().lower() in ("1", "true", "yes", "on")
            if not isinstance(s.default, int):
                return value
            try:
                return int(value)
            except ValueError:
                from marsad.errors import UsageError

                raise UsageError(f"{s.env}={value!r} is not a whole number") from None
    raise KeyError(name)
