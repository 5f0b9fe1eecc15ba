"""Shared by the benchmarks: the command line (--n, --data) and the SaudiNewsNet archive files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news"


def news_args(default_n: int) -> tuple[argparse.Namespace, list[Path]]:
    """Parse --n and --data; exit with a one-line message when the archive is absent."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=default_n)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    args = ap.parse_args()
    files = sorted(Path(args.data).glob("*.jsonl.gz"))
    if not files:
        print(f"no .jsonl.gz archive in {args.data}; nothing to measure", file=sys.stderr)
        sys.exit(1)
    return args, files
