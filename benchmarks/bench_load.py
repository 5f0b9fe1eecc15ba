"""`marsad serve` under load from a second process on loopback: requests/s, latency, errors.

Builds a store of the sample corpus plus N news articles (SaudiNewsNet in ../shared/data/news; the
sample alone when it is absent; `--db PATH` keeps the store for the next run), starts `marsad serve` on
127.0.0.1 in a subprocess, then, from this process (asyncio + httpx):
  1. a paced run at `--rate` requests/s (default 25: five times the ~5 req/s of ten analysts clicking
     through pages and searches), for `--duration` seconds;
  2. a closed loop of `--concurrency` clients sending requests back to back for `--duration` seconds:
     the most the server sustains.
Both send the same mix of pages and API calls (MIX below) and print requests/s, p50/p95/p99 and the
errors (any status but 200, any connection error). Then, when /usr/bin/wrk exists, the same mix with
wrk (-c concurrency, a Lua script rotating over the paths). Every loop is bounded in time and count.

    .venv/bin/python benchmarks/bench_load.py [--n 300] [--rate 25] [--concurrency 8] [--duration 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import islice
from pathlib import Path
from urllib.parse import quote

import httpx
from newsarchive import DEFAULT_DATA

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "marsad" / "sample"
QUERIES = ["السعودية", "وزارة الصحة", "الرياض", '"مجلس الوزراء"', "أسعار النفط", "قاعدة الصقر", "المياه",
           "اليمن", "الملك سلمان", "الأمطار"]
# route -> weight: what an analyst's browser and scripts ask for (pages with their assets, searches, API)
MIX = {"page /": 8, "page story": 12, "page article": 15, "page search": 10, "api search": 20,
       "api article": 15, "api articles": 10, "api stories": 10}
MAX_REQUESTS = 200_000  # a hard bound on any one run, whatever the duration


def build(db: str, n: int, data: Path) -> int:
    from marsad.read import read_inputs
    from marsad.service import ingest_items
    from marsad.store import open_store

    store = open_store(db)
    if (count := store.count_articles()) > 0:
        store.close()
        return count
    files = [str(SAMPLE), *sorted(str(p) for p in data.glob("*.jsonl.gz"))]
    t0 = time.perf_counter()
    report = ingest_items(islice(read_inputs(files), n + 12), store)
    count = store.count_articles()
    store.close()
    print(f"store: {count} articles, {len(report.stories)} stories built in {time.perf_counter() - t0:.0f} s")
    return count


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("MARSAD_TOKEN", "MARSAD_DB")}
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            sys.exit(f"the server stopped: {proc.stderr.read()}")
        time.sleep(0.1)
    proc.kill()
    sys.exit("the server did not answer in 30 s")


def paths(port: int) -> dict[str, list[str]]:
    """The concrete paths of each route, with ids read from the running server."""
    base = f"http://127.0.0.1:{port}"
    articles = [a["id"] for a in httpx.get(f"{base}/api/articles?limit=100", timeout=30).json()["items"]]
    stories = [s["id"] for s in httpx.get(f"{base}/api/stories?limit=50", timeout=30).json()["items"]]
    q = [quote(x) for x in QUERIES]
    return {"page /": ["/"], "page story": [f"/stories/{s}" for s in stories],
            "page article": [f"/articles/{a}" for a in articles], "page search": [f"/search?q={x}" for x in q],
            "api search": [f"/api/search?q={x}&limit=10" for x in q], "api article": [f"/api/articles/{a}" for a in articles],
            "api articles": ["/api/articles?limit=20", "/api/articles?limit=20&offset=20"],
            "api stories": ["/api/stories?limit=20"]}


def warm(port: int, table: dict[str, list[str]]) -> None:
    """One request per route first: the first page of each kind loads its templates."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        for route_paths in table.values():
            client.get(route_paths[0])


class Results:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = {r: [] for r in MIX}
        self.errors: Counter = Counter()

    def add(self, route: str, seconds: float, status: int | str) -> None:
        self.latency[route].append(seconds)
        if status != 200:
            self.errors[f"{route}: {status}"] += 1

    def report(self, title: str, elapsed: float) -> None:
        every = sorted(x for xs in self.latency.values() for x in xs)
        if not every:
            print(f"{title}: no request completed")
            return
        p = statistics.quantiles(every, n=100, method="inclusive")
        print(f"{title}: {len(every)} requests in {elapsed:.1f} s = {len(every) / elapsed:.1f} req/s;"
              f" p50 {p[49] * 1000:.0f} ms, p95 {p[94] * 1000:.0f} ms, p99 {p[98] * 1000:.0f} ms;"
              f" errors {sum(self.errors.values())} {dict(self.errors) or ''}")
        for route, xs in self.latency.items():
            if len(xs) >= 2:
                q = statistics.quantiles(sorted(xs), n=100, method="inclusive")
                print(f"    {route:13} {len(xs):6}  p50 {q[49] * 1000:6.0f} ms  p95 {q[94] * 1000:6.0f} ms")


async def _one(client: httpx.AsyncClient, route: str, path: str, results: Results) -> None:
    t0 = time.perf_counter()
    try:
        status: int | str = (await client.get(path)).status_code
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    results.add(route, time.perf_counter() - t0, status)


def _draw(rng: random.Random, table: dict[str, list[str]]) -> tuple[str, str]:
    route = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    return route, rng.choice(table[route])


async def paced(port: int, table: dict[str, list[str]], rate: float, duration: float) -> tuple[Results, float]:
    """Open loop: one request every 1/rate s whatever the answers' speed (as independent users do)."""
    results, rng = Results(), random.Random(1)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30,
                                 limits=httpx.Limits(max_connections=64)) as client:
        tasks, start = [], time.perf_counter()
        for i in range(min(int(rate * duration), MAX_REQUESTS)):
            await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(_one(client, *_draw(rng, table), results)))
        await asyncio.gather(*tasks)
        return results, time.perf_counter() - start


async def closed(port: int, table: dict[str, list[str]], concurrency: int, duration: float) -> tuple[Results, float]:
    """Closed loop: `concurrency` clients, each sending its next request when the last one is answered."""
    results, rng = Results(), random.Random(2)
    sent = 0

    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30,
                                 limits=httpx.Limits(max_connections=concurrency)) as client:
        start = time.perf_counter()

        async def user() -> None:
            nonlocal sent
            while time.perf_counter() - start < duration and sent < MAX_REQUESTS:
                sent += 1
                await _one(client, *_draw(rng, table), results)

        await asyncio.gather(*(user() for _ in range(concurrency)))
        return results, time.perf_counter() - start


WRK_LUA = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def run_wrk(port: int, table: dict[str, list[str]], concurrency: int, duration: float) -> None:
    wrk = shutil.which("wrk")
    if not wrk:
        print("wrk: not installed (apt-get install wrk); skipped")
        return
    rng = random.Random(3)
    mix = [_draw(rng, table)[1] for _ in range(500)]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_LUA % ", ".join(f'"{p}"' for p in mix))
    try:
        out = subprocess.run([wrk, "-t2", f"-c{concurrency}", f"-d{int(duration)}s", "--latency", "-s", f.name,
                              f"http://127.0.0.1:{port}"], capture_output=True, text=True, timeout=duration + 60)
    finally:
        os.unlink(f.name)
    keep = ("Latency", "50%", "90%", "99%", "Requests/sec", "requests in", "Non-2xx", "Socket errors")
    print(f"wrk -c{concurrency} -d{int(duration)}s, the same mix:")
    for line in out.stdout.splitlines():
        if any(k in line for k in keep):
            print("   ", line.strip())
    if "Non-2xx" not in out.stdout and "Socket errors" not in out.stdout:
        print("    errors: none (no non-2xx answer, no socket error)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300, help="news articles added to the sample")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--db", default=None, help="keep the store here (reused when it has articles)")
    ap.add_argument("--rate", type=float, default=25.0)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--no-wrk", action="store_true")
    args = ap.parse_args()
    tmp = None
    if args.db is None:
        tmp = tempfile.mkdtemp(prefix="marsad-load-")
        args.db = os.path.join(tmp, "load.db")
    data = Path(args.data)
    if not any(data.glob("*.jsonl.gz")):
        print(f"no news archive in {data}: the sample alone")
    count = build(args.db, args.n, data)
    port = free_port()
    server = start_server(args.db, port)
    try:
        table = paths(port)
        warm(port, table)
        print(f"server: marsad serve on 127.0.0.1:{port}, {count} articles, {len(table['page story'])} stories;"
              f" load from pid {os.getpid()} (the server is pid {server.pid}); {os.cpu_count()} cores")
        results, elapsed = asyncio.run(paced(port, table, args.rate, args.duration))
        results.report(f"paced at {args.rate:g} req/s", elapsed)
        results, elapsed = asyncio.run(closed(port, table, args.concurrency, args.duration))
        results.report(f"closed loop, {args.concurrency} clients", elapsed)
        if not args.no_wrk:
            run_wrk(port, table, args.concurrency, args.duration)
    finally:
        server.terminate()
        try:
            _, err = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            _, err = server.communicate()
        if "Traceback" in err:
            print(f"server errors:\n{err[-3000:]}")
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
