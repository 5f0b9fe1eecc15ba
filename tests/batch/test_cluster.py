"""`marsad batch` on a two-worker local cluster, then `marsad load`, equals one-process `marsad ingest`,
fact for fact; and the command's failures are one line."""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from live_app import free_port

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "src" / "marsad" / "sample"
NEWS = REPO / ".." / "shared" / "data" / "news"
N_NEWS = 200  # with the 12 sample articles: a few hundred, under a minute on 2 cores


def marsad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def _inputs(tmp_path: Path) -> list[str]:
    """The sample corpus, plus the first N_NEWS records of the news archive when it is here."""
    archives = sorted(NEWS.glob("*.jsonl.gz"))
    if not archives:
        return [str(SAMPLE)]
    subset = tmp_path / "news.jsonl.gz"
    with gzip.open(archives[0], "rt", encoding="utf-8") as src, gzip.open(subset, "wt", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, N_NEWS))
    return [str(subset), str(SAMPLE)]


def test_two_worker_batch_and_load_equal_one_process_ingest(tmp_path, store_snapshot):
    snapshot = store_snapshot
    pytest.importorskip("distributed", reason="Dask is not installed (pip install 'marsad[scale]')")
    inputs = [*_inputs(tmp_path), str(tmp_path / "missing.jsonl.gz")]  # one input to skip
    results, batch_db, ingest_db = tmp_path / "results", str(tmp_path / "batch.db"), str(tmp_path / "ingest.db")

    run = marsad("batch", *inputs, "--engine", "local", "--workers", "2", "--out", str(results),
                 "--partition-size", "25", "--gzip", "-q")
    assert run.returncode == 1, run.stderr  # the skipped input, as ingest
    assert run.stderr.splitlines() == [f"{inputs[-1]}: skipped (not found: no such file or folder)"]
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    n = manifest["counts"]["articles"]
    assert n == (N_NEWS + 12 if len(inputs) == 3 else 12)
    assert manifest["counts"]["skipped"] == 1 and not manifest["failed_partitions"]
    assert manifest["skipped"][0]["reason"] == "not found"
    if len(manifest["parts"]) >= 6:  # with only the sample (one partition) one worker may take it all
        assert len({p["worker"] for p in manifest["parts"]}) == 2  # both workers took partitions
    assert [p["file"] for p in manifest["parts"]] == [f"part-{i:05d}.jsonl.gz" for i in range(-(-(n + 1) // 25))]
    assert manifest["stages"]["mentions"] >= 1 and manifest["settings"]["workers"] == 2

    loaded = marsad("load", str(results), "--db", batch_db)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith(f"loaded {len(manifest['parts'])} parts: ingested {n}, unchanged 0, skipped 1;")
    ingested = marsad("ingest", *inputs, "--db", ingest_db, "-q")
    assert ingested.returncode == 1 and ingested.stdout.strip() == f"ingested {n}, unchanged 0, skipped 1"

    batch, single = snapshot(batch_db), snapshot(ingest_db)
    assert len(batch["articles"]) == n and len(batch["stories"]) >= 1
    assert batch["articles"] == single["articles"]  # every fact of every article, offsets included
    assert batch["raw"] == single["raw"] and batch["versions"] == single["versions"]
    assert batch["story_of"] == single["story_of"]
    assert batch["stories"] == single["stories"]  # members, timeline, claims, contradictions, summary

    # Parts keep input order: their ids, part after part, are the order ingest stored the articles in.
    part_ids = [json.loads(line)["id"] for p in manifest["parts"]
                for line in gzip.open(results / p["file"], "rt", encoding="utf-8")]
    assert part_ids == list(_ids_in_insertion_order(ingest_db))

    again = marsad("load", str(results), "--db", batch_db)
    assert again.returncode == 0, again.stderr
    assert f"ingested 0, unchanged {n}, skipped 1; 0 stories rebuilt" in again.stdout
    assert snapshot(batch_db) == batch


def _ids_in_insertion_order(db_path: str):
    import sqlite3

    con = sqlite3.connect(db_path)
    try:
        yield from (r[0] for r in con.execute("SELECT id FROM articles ORDER BY rowid"))
    finally:
        con.close()


def test_unreachable_scheduler_is_one_line_and_exit_1(tmp_path):
    pytest.importorskip("distributed", reason="Dask is not installed (pip install 'marsad[scale]')")
    address = f"tcp://127.0.0.1:{free_port()}"
    run = marsad("batch", str(SAMPLE), "--engine", "dask", "--scheduler", address, "--connect-timeout", "1",
                 "--out", str(tmp_path / "results"))
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.splitlines() == [run.stderr.strip()]
    assert run.stderr.startswith(f"error: cannot reach the Dask scheduler at {address}:")
    assert not (tmp_path / "results").exists()


def test_dask_engine_without_scheduler_is_a_usage_error(tmp_path):
    run = marsad("batch", str(SAMPLE), "--engine", "dask", "--out", str(tmp_path / "results"))
    assert run.returncode == 2
    assert run.stderr.strip() == "error: --engine dask needs --scheduler tcp://HOST:PORT (or $MARSAD_SCHEDULER)"


def test_load_of_a_folder_without_manifest_is_one_line_and_exit_1(tmp_path):
    run = marsad("load", str(tmp_path), "--db", str(tmp_path / "store.db"))
    assert run.returncode == 1
    assert run.stderr.strip() == f"error: {tmp_path}: no manifest.json (not a batch results folder, or the batch" \
                                 " did not finish)"
