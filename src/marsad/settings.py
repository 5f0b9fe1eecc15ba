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
)


def get(name: str):
    """The value of a setting: its environment variable if set, else its default."""
    for s in SETTINGS:
        if s.name == name:
            value = os.environ.get(s.env)
            if value is None:
                return _default_db() if name == "db" else s.default
            return int(value) if isinstance(s.default, int) else value
    raise KeyError(name)
