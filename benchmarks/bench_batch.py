"""`marsad batch` on real news: articles/s with 1 and 2 local workers (the Dask speed-up), and the
driver's peak memory at two archive sizes (flat means the archive streams).

Takes the first N records of ../shared/data/news (SaudiNewsNet) into a temporary .jsonl.gz, runs the
batch on a local cluster of 1, then 2 worker processes (models loaded on every worker before the clock
starts), and then, each in a fresh process, a 2-worker batch over each --rss size, printing that
driver process's peak RSS (the workers are other processes; the scheduler lives in the driver).

    .venv/bin/python benchmarks/bench_batch.py [--n 2000] [--rss 2000,8000] [--partition-size 50]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsarchive import DEFAULT_DATA

from marsad.batch.cluster import open_client
from marsad.batch.run import run_batch
from marsad.batch.work import warm_up


def _subset(src: Path, n: int, dst: Path) -> Path:
    with gzip.open(src, "rt", encoding="utf-8") as fin, gzip.open(dst, "wt", encoding="utf-8") as fout:
        fout.writelines(itertools.islice(fin, n))
    return dst


def _timed_batch(archive: Path, out: Path, workers: int, partition_size: int) -> tuple[int, float, float, float]:
    """(articles, seconds to start the cluster and load the models, seconds of the batch itself, worker CPU s)."""
    t0 = time.perf_counter()
    with open_client("local", workers=workers) as client:
        client.run(warm_up)
        ready = time.perf_counter()
        report = run_batch([str(archive)], out, client, partition_size=partition_size)
        done = time.perf_counter()
    return report.articles, ready - t0, done - ready, report.cpu_seconds


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(archive: Path, out: Path, partition_size: int) -> None:
    """One batch in this process; prints `articles peak_rss_mb`."""
    articles, _start, _run, _cpu = _timed_batch(archive, out, 2, partition_size)
    print(articles, f"{_peak_rss_mb():.1f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--rss", default="2000,8000", help="archive sizes for the driver's peak memory")
    ap.add_argument("--partition-size", type=int, default=50)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--child", nargs=2, metavar=("ARCHIVE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.partition_size)
        return 0
    files = sorted(Path(args.data).glob("*.jsonl.gz"))
    if not files:
        print(f"no .jsonl.gz archive in {args.data}; nothing to measure", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        archive = _subset(files[0], args.n, tmp / f"news-{args.n}.jsonl.gz")
        rates = {}
        for workers in (1, 2):
            n, start, run, cpu = _timed_batch(archive, tmp / f"out-{workers}", workers, args.partition_size)
            rates[workers] = n / run
            print(f"{workers} worker{'s' if workers > 1 else ' '}: {n} articles in {run:.1f} s = {rates[workers]:.1f}"
                  f" articles/s, {n / cpu:.1f} per worker CPU-second (cluster start and model loading before"
                  f" that: {start:.1f} s; load average {os.getloadavg()[0]:.2f})")
        print(f"speed-up with 2 workers: {rates[2] / rates[1]:.2f}x")
        for size in (int(s) for s in args.rss.split(",") if s):
            sized = _subset(files[0], size, tmp / f"news-rss-{size}.jsonl.gz")
            out = subprocess.run([sys.executable, __file__, "--partition-size", str(args.partition_size),
                                  "--child", str(sized), str(tmp / f"rss-{size}")],
                                 capture_output=True, text=True, check=True).stdout.split()
            print(f"driver peak RSS, 2 workers, {out[0]} articles: {out[1]} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
