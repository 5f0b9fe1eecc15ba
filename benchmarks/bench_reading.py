"""Reading-stage throughput: read, decode, clean, metadata, publication date, language, split.

Runs the real SaudiNewsNet archive in ../shared/data/news (streamed from the .jsonl.gz) through
every stage of `marsad.pipeline` (no extraction yet), on one core, and prints articles/s and
peak memory (RSS) at checkpoints, so that flat memory in corpus size can be seen.

    .venv/bin/python benchmarks/bench_reading.py [--n 10000] [--data ../shared/data/news]
"""

from __future__ import annotations

import resource
import sys
import time

from newsarchive import news_args

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.service import analyse


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    args, files = news_args(10000)
    reading = ("clean", "metadata", "published", "language", "segment")
    pipeline = Pipeline(tuple(st for st in Pipeline().stages if st.name in reading))
    # Warm up lazy loaders (lexicons, language model) outside the timing.
    analyse(RawDocument("warmup", "قال المتحدث إن الاجتماع انتهى.", "warmup"), pipeline)
    checkpoints = {1000, 2500, 5000, args.n}
    done = skipped = chars = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    read_time = 0.0
    t_read = time.perf_counter()
    print(f"{'articles':>9} {'articles/s':>11} {'per CPU-s':>10} {'MB text':>8} {'peak RSS MB':>12}")
    for item in read_inputs([str(f) for f in files]):
        read_time += time.perf_counter() - t_read
        if isinstance(item, RawDocument):
            result = analyse(item, pipeline)
            chars += len(item.text)
            done += 1
            skipped += not hasattr(result, "text")
        t_read = time.perf_counter()
        if done in checkpoints:
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            print(f"{done:>9} {done / elapsed:>11.1f} {done / cpu:>10.1f} {chars / 1e6:>8.1f} {rss_mb():>12.1f}")
            checkpoints.discard(done)
        if done >= args.n:
            break
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    # CPU time is the honest per-core figure when other work shares the machine.
    print(f"total: {done} articles in {elapsed:.1f} s wall, {cpu:.1f} s CPU = {done / cpu:.1f} articles per CPU-second "
          f"({done / elapsed:.1f}/s wall) on one core "
          f"(reading/decoding share {read_time / elapsed:.0%}); skipped {skipped}; peak RSS {rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
