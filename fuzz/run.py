"""Run the atheris fuzz targets for a bounded time and report executions, coverage and crashes.

    python fuzz/run.py --seconds 60 [--jobs 2] [--json out.json] [TARGET ...]   (default: every target)

Each target runs in its own process (atheris.Fuzz() never returns), seeded from fuzz/corpus/TARGET/;
inputs it finds interesting go to a scratch folder, never into the seeds. A crash (any exception but the
project's own InputError, a failed check, a hang past --timeout seconds, memory past 2 GB) is written to
fuzz/crashes/TARGET-crash-*; replay one with `python fuzz/targets.py TARGET FILE`. Exit status 1 when
any target crashed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("read", "html", "feed", "records", "clean")  # as in targets.py (not imported: no atheris needed)
_STAT = re.compile(r"^stat::(\w+):\s*(\d+)", re.M)
_DONE = re.compile(r"cov: (\d+) ft: (\d+) corp: (\d+)/")
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
_EXCEPTION = re.compile(r"=== Uncaught Python exception: ===\n(.+)")


@dataclass
class Result:
    target: str
    seconds: float
    executions: int = 0
    per_second: int = 0
    edges: int = 0  # libFuzzer "cov": instrumented edges of Marsad's code reached
    features: int = 0  # libFuzzer "ft": edges and their hit counts
    corpus: int = 0  # inputs kept as interesting (seeds included)
    crashes: list[str] = field(default_factory=list)  # artifact files: crash-, timeout-, oom-
    slow: list[str] = field(default_factory=list)  # inputs over 10 s (libFuzzer's slow-unit report): not a crash
    error: str = ""  # the exception (or libFuzzer's reason) of the first crash
    exit_code: int = 0


def run_target(target: str, seconds: int, timeout: int, max_len: int, crash_dir: Path) -> Result:
    seeds = HERE / "corpus" / target
    crash_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"marsad-fuzz-{target}-") as work:
        cmd = [sys.executable, str(HERE / "targets.py"), target, f"-max_total_time={seconds}",
               f"-timeout={timeout}", "-rss_limit_mb=2048", f"-max_len={max_len}", "-print_final_stats=1",
               f"-artifact_prefix={crash_dir}/{target}-", work, str(seeds)]
        started = time.monotonic()
        # The wall-clock guard only stops a fuzzer that ignores its own limits (startup, a stuck input).
        proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                              timeout=seconds + timeout + 120)
        elapsed = time.monotonic() - started
    log = proc.stderr
    stats = {k: int(v) for k, v in _STAT.findall(log)}
    done = _DONE.findall(log)
    result = Result(target, round(elapsed, 1), stats.get("number_of_executed_units", 0),
                    stats.get("average_exec_per_sec", 0), exit_code=proc.returncode)
    if done:
        result.edges, result.features, result.corpus = map(int, done[-1])
    artifacts = _ARTIFACT.findall(log)
    result.crashes = [a for a in artifacts if "slow-unit-" not in a]
    result.slow = [a for a in artifacts if "slow-unit-" in a]
    if proc.returncode != 0:
        found = _EXCEPTION.search(log)
        reason = re.search(r"ERROR: libFuzzer: (.+)", log)
        result.error = (found.group(1) if found else reason.group(1) if reason else log[-500:]).strip()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("targets", nargs="*", help=f"targets to run: {', '.join(TARGETS)} (default: all)")
    ap.add_argument("--seconds", type=int, default=60, help="fuzzing time per target")
    ap.add_argument("--jobs", type=int, default=1, help="targets run at the same time")
    ap.add_argument("--timeout", type=int, default=20, help="seconds one input may take before it is a hang")
    ap.add_argument("--max-len", type=int, default=16384, help="largest input in bytes")
    ap.add_argument("--crash-dir", type=Path, default=HERE / "crashes")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    targets = args.targets or list(TARGETS)
    unknown = sorted(set(targets) - set(TARGETS))
    if unknown:
        ap.error(f"unknown target(s) {', '.join(unknown)}; known: {', '.join(TARGETS)}")
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(lambda t: run_target(t, args.seconds, args.timeout, args.max_len, args.crash_dir),
                                targets))
    print(f"{'target':8} {'seconds':>7} {'execs':>9} {'execs/s':>7} {'edges':>6} {'features':>8} {'corpus':>6}  crashes")
    for r in results:
        print(f"{r.target:8} {r.seconds:7.1f} {r.executions:9d} {r.per_second:7d} {r.edges:6d} {r.features:8d} "
              f"{r.corpus:6d}  {len(r.crashes) or ('-' if not r.exit_code else 'exit ' + str(r.exit_code))}")
        for path in r.crashes:
            print(f"  {path}: {r.error}")
        for path in r.slow:
            print(f"  slow input (over 10 s, not a crash): {path}")
        if r.exit_code and not r.crashes:
            print(f"  failed without an artifact: {r.error}")
    total = sum(r.executions for r in results)
    print(f"total: {total} executions in {sum(r.seconds for r in results):.0f} s (wall time per target, startup included)")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    return 1 if any(r.exit_code or r.crashes for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
