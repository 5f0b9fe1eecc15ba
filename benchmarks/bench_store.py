"""SQLite against PostgreSQL: ingest speed (articles/s) and search latency (p50/p95) on the same articles.

Analyses the sample corpus and the first N SaudiNewsNet articles once, then for each backend, on an
empty store: put_article for every article (one transaction each, search index included), the stories
of all of them (update_stories, as `marsad ingest` does after its puts), the same puts again (all
unchanged: re-ingest), and the search queries of bench_search.py with its filters, `--repeat` times,
warm. End-to-end ingest articles/s = articles / (analysis + puts + stories). PostgreSQL runs in a
schema of its own in the database of `--pg`, dropped at the end.

    .venv/bin/python benchmarks/bench_store.py --pg postgresql://user:pw@127.0.0.1:5432/db [--n 1000] [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from bench_search import QUERIES, SAMPLE, percentile
from newsarchive import DEFAULT_DATA

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.search import search
from marsad.service import analyse
from marsad.store import open_store
from marsad.stories.update import update_stories


def analysed(n: int, data: str) -> tuple[list, float]:
    pipeline, out = Pipeline(), []
    files = [str(SAMPLE), *sorted(str(p) for p in Path(data).glob("*.jsonl.gz"))]
    t0 = time.perf_counter()
    for item in read_inputs(files):
        if isinstance(item, RawDocument) and hasattr(article := analyse(item, pipeline), "sentences"):
            out.append(article)
            if len(out) >= n + 12:
                break
    return out, time.perf_counter() - t0


def measure(name: str, db: str, articles: list, analysis_s: float, repeat: int) -> None:
    store = open_store(db)
    t0 = time.perf_counter()
    statuses = Counter(store.put_article(a) for a in articles)
    t1 = time.perf_counter()
    update_stories(store, articles)
    t2 = time.perf_counter()
    again = Counter(store.put_article(a) for a in articles)
    t3 = time.perf_counter()
    n = len(articles)
    print(f"{name}: {n} articles {dict(statuses)}, {store.count_stories()} stories")
    print(f"  put_article {t1 - t0:.1f} s ({n / (t1 - t0):.0f} articles/s); stories {t2 - t1:.1f} s"
          f" ({n / (t2 - t1):.0f} articles/s); store total {n / (t2 - t0):.0f} articles/s")
    print(f"  ingest end to end (analysis {analysis_s:.1f} s + store): {n / (analysis_s + t2 - t0):.1f} articles/s;"
          f" re-ingest {dict(again)} {n / (t3 - t2):.0f} articles/s")
    outlet = Counter(a.outlet for a in articles).most_common(1)[0][0]
    entity = Counter(m.entity_id for a in articles for m in a.mentions if m.entity_id).most_common(1)[0][0]
    runs = [(q, {}) for q in QUERIES] + [(q, f) for q in QUERIES[:10] for f in
                                         ({"outlet": outlet}, {"since": "2015-07-25"}, {"entity": entity})]
    for q, f in runs:  # warm up
        search(store, q, **f)
    times, hits = [], []
    for _ in range(repeat):
        for q, f in runs:
            t = time.perf_counter()
            hits.append(search(store, q, **f).total)
            times.append((time.perf_counter() - t) * 1000)
    print(f"  search ({len(runs)} queries x {repeat}): p50 {percentile(times, 0.5):.1f} ms"
          f"  p95 {percentile(times, 0.95):.1f} ms  max {max(times):.1f} ms  (hits per query: max {max(hits)})")
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", default=os.environ.get("MARSAD_TEST_PG"), help="A PostgreSQL database URL.")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    args = ap.parse_args()
    if not args.pg:
        print("give --pg postgresql://... (or set MARSAD_TEST_PG)", file=sys.stderr)
        return 2
    if not list(Path(args.data).glob("*.jsonl.gz")):
        print(f"no .jsonl.gz archive in {args.data}; nothing to measure", file=sys.stderr)
        return 1
    import psycopg

    articles, analysis_s = analysed(args.n, args.data)
    print(f"analysed {len(articles)} articles in {analysis_s:.1f} s ({len(articles) / analysis_s:.1f} articles/s,"
          " one core)")
    schema = f"bench_{os.getpid()}"
    with psycopg.connect(args.pg, autocommit=True) as admin, tempfile.TemporaryDirectory() as tmp:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            measure("SQLite", str(Path(tmp) / "bench.db"), articles, analysis_s, args.repeat)
            sep = "&" if "?" in args.pg else "?"
            pg = f"{args.pg}{sep}options={quote(f'-csearch_path={schema}')}"
            measure(f"PostgreSQL {admin.info.server_version}", pg, articles, analysis_s, args.repeat)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
