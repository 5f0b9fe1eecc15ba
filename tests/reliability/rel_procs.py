"""Subprocesses of the reliability tests: `marsad ingest` (optionally paused at a chosen point), a
server on a free loopback port, and bounded waits."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARSAD = [sys.executable, "-m", "marsad"]


def env() -> dict[str, str]:
    out = dict(os.environ)
    for name in ("MARSAD_DB", "MARSAD_TOKEN", "MARSAD_KB"):
        out.pop(name, None)
    return out


def start_ingest(folder: Path, url: str, pause: tuple[str, int, Path] | None = None) -> subprocess.Popen:
    args = ["ingest", str(folder), "--db", url, "-q"]
    if pause:
        point, n, marker = pause
        cmd = [sys.executable, str(HERE / "rel_paused_ingest.py"), point, str(n), str(marker), "--", *args]
    else:
        cmd = [*MARSAD, *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())


def wait_for(what: str, check: Callable[[], bool], proc: subprocess.Popen | None = None,
             timeout: float = 90, every: float = 0.02) -> None:
    """Poll `check` until it holds; fails when the process ended first or the time is up."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        if proc is not None and proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the process ended (rc {proc.returncode}) before {what}: {out} {err}")
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


def kill9(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def finish(proc: subprocess.Popen, timeout: float = 180) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"the process did not finish in {timeout} s: {err[-2000:]}") from None
    return proc.returncode, out, err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, port: int, **settings: str) -> subprocess.Popen:
    """`marsad serve` on 127.0.0.1:port (with these MARSAD_* settings); returns once it answers."""
    import httpx

    proc = subprocess.Popen([*MARSAD, "serve", "--db", url, "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**env(), **settings})

    def up() -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for("the server answers", up, proc, timeout=60, every=0.1)
    except AssertionError:
        proc.kill()
        raise
    return proc


def stop(proc: subprocess.Popen) -> tuple[str, str]:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            return proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.communicate()
