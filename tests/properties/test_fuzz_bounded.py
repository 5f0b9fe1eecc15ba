"""Every atheris target (fuzz/targets.py) fuzzed for a few seconds: the readers and the first stages never
crash, whatever bytes they get. Skips when atheris is not installed (`pip install -e '.[fuzz]'`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 8  # per target; the five run side by side, so about 25 s of wall time in all


def test_fuzz_targets_run_bounded_without_a_crash(tmp_path):
    pytest.importorskip("atheris", reason="atheris is not installed (extra 'fuzz')")
    out = tmp_path / "fuzz.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "run.py"), "--seconds", str(SECONDS), "--jobs", "5",
         "--crash-dir", str(tmp_path / "crashes"), "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    print(proc.stdout)
    results = {r["target"]: r for r in json.loads(out.read_text(encoding="utf-8"))}
    assert set(results) == {"read", "html", "feed", "records", "clean"}
    for name, r in results.items():
        assert r["crashes"] == [] and r["exit_code"] == 0, f"{name}: {r['error']}\n{proc.stdout}"
        seeds = len(list((ROOT / "fuzz" / "corpus" / name).iterdir()))
        assert r["executions"] > seeds, f"{name} ran only {r['executions']} inputs\n{proc.stdout}"
        assert r["edges"] > 0, f"{name}: no coverage reported (instrumentation lost?)\n{proc.stdout}"
    assert proc.returncode == 0, proc.stdout
