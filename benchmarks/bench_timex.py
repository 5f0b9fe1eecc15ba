"""find_timexes throughput on real articles (SaudiNewsNet), beside dateparser's search_dates; prints articles/s.

    .venv/bin/python benchmarks/bench_timex.py [--n 2000] [--repeat 3] [--data ../shared/data/news]

dateparser is measured only when installed (pip install dateparser, for this benchmark only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import time
from pathlib import Path

from marsad.dates.relative import find_timexes

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"


def load(folder: Path, n: int) -> list[tuple[str, dt.datetime]]:
    """The first `n` articles with a body: (content, date_extracted)."""
    out: list[tuple[str, dt.datetime]] = []
    for path in sorted(folder.glob("saudinewsnet-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("content") and rec.get("date_extracted"):
                    out.append((rec["content"], dt.datetime.fromisoformat(rec["date_extracted"])))
                if len(out) >= n:
                    return out
    return out


def bench_ours(articles: list[tuple[str, dt.datetime]], repeat: int) -> tuple[float, int]:
    find_timexes("أمس", dt.date(2015, 7, 21))  # build the grammar outside the timing
    best, found = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = sum(len(find_timexes(text, when.date())) for text, when in articles)
        best = min(best, time.perf_counter() - t0)
    return len(articles) / best, found


def bench_dateparser(articles: list[tuple[str, dt.datetime]]) -> tuple[float, int] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    search_dates("وصل أمس", languages=["ar"])  # load its language data outside the timing
    t0 = time.perf_counter()
    found = sum(len(search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": when}) or [])
                for text, when in articles)
    return len(articles) / (time.perf_counter() - t0), found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    articles = load(args.data, args.n)
    if not articles:
        print(f"no SaudiNewsNet articles under {args.data}", file=sys.stderr)
        return 2
    chars = sum(len(t) for t, _ in articles)
    print(f"{len(articles):,} articles, {chars / len(articles):,.0f} characters on average")
    ours, n_ours = bench_ours(articles, args.repeat)
    print(f"find_timexes:          {ours:8.1f} articles/s  ({n_ours:,} timexes; best of {args.repeat})")
    theirs = bench_dateparser(articles)
    if theirs is None:
        print("dateparser: not installed, skipped (pip install dateparser to compare)")
        return 0
    print(f"dateparser search_dates: {theirs[0]:6.1f} articles/s  ({theirs[1]:,} dates; one pass)")
    print(f"find_timexes is {ours / theirs[0]:.1f}x as fast")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
