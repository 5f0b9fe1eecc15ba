"""Quantities throughput: `find_quantities` on real SaudiNewsNet articles; prints articles/s.

Reads the first N records with a body (`content`) from ../shared/data/news/saudinewsnet-*.jsonl.gz
(streamed, never committed) and times the stage function alone on the bodies as they are (no
cleaning), best of --repeat runs. Skips with a message (exit 0) when the archive is absent.

    .venv/bin/python benchmarks/bench_quantities.py [--n 2000] [--repeat 3] [--data ../shared/data/news]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import time
from pathlib import Path

from marsad.stages.quantities import find_quantities


def load_bodies(folder: Path, n: int) -> list[str]:
    bodies: list[str] = []
    for path in sorted(folder.glob("saudinewsnet-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                body = (json.loads(line).get("content") or "").strip()
                if body:
                    bodies.append(body)
                    if len(bodies) >= n:
                        return bodies
    return bodies


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", default=str(here.parent / "shared" / "data" / "news"))
    args = ap.parse_args()
    bodies = load_bodies(Path(args.data), args.n)
    if not bodies:
        print(f"skipped: no saudinewsnet-*.jsonl.gz with bodies in {args.data}")
        return 0
    find_quantities("نحو 2500 جندي")  # load the lexicon outside the timing
    best, best_cpu, found = float("inf"), float("inf"), []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        found = [find_quantities(b) for b in bodies]
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    chars = sum(map(len, bodies))
    total = sum(map(len, found))
    print(f"articles: {len(bodies):,} ({chars / 1e6:.1f} M characters), quantities found: {total:,} "
          f"({total / len(bodies):.1f} per article)")
    print(f"articles/s: {len(bodies) / best:,.0f} wall, {len(bodies) / best_cpu:,.0f} per CPU-second "
          f"({chars / best / 1e6:.1f} M chars/s), best of {args.repeat}")
    quals = collections.Counter(q.qualifier for qs in found for q in qs)
    units = collections.Counter(q.unit for qs in found for q in qs)
    print("qualifiers:", ", ".join(f"{k} {v}" for k, v in quals.most_common()))
    print("top units:", ", ".join(f"{k} {v}" for k, v in units.most_common(12)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
