"""Run `marsad ARGS...` with a pause at a chosen point, so that a test can SIGKILL it exactly there.

    python rel_paused_ingest.py POINT N MARKER -- ingest FOLDER --db URL

POINT is `put` (inside the transaction of the N-th stored article: its row and mentions are written,
its search rows not yet, nothing committed) or `story` (right after the N-th rebuilt story was
committed, the others still stale). At that point the process writes MARKER and sleeps.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def _pause_on(cls: type, name: str, n: int, marker: Path, after: bool) -> None:
    original = getattr(cls, name)
    calls = [0]

    def wrapper(self, *args, **kwargs):
        calls[0] += 1
        if not after and calls[0] == n:
            marker.write_text(name)
            time.sleep(300)
        result = original(self, *args, **kwargs)
        if after and calls[0] == n:
            marker.write_text(name)
            time.sleep(300)
        return result

    setattr(cls, name, wrapper)


def main() -> None:
    point, n, marker = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    assert sys.argv[4] == "--"
    from marsad.store.sqlite import SQLiteStore

    classes = [SQLiteStore]
    try:
        from marsad.store.postgres import PostgresStore

        classes.append(PostgresStore)
    except ImportError:
        pass
    for cls in classes:
        if point == "put":
            _pause_on(cls, "_index_search", n, marker, after=False)
        else:
            _pause_on(cls, "put_story", n, marker, after=True)
    sys.argv = ["marsad", *sys.argv[5:]]
    from marsad.cli import main as marsad_main

    marsad_main()


if __name__ == "__main__":
    main()
