"""The batch driver and load on an in-process cluster: bad inputs, failed partitions, bounded read-ahead,
deterministic parts, Parquet, and idempotent loading."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from marsad.batch import BatchError
from marsad.batch import work as batch_work
from marsad.batch.load import load_results
from marsad.batch.parts import encode_jsonl, read_part
from marsad.batch.run import run_batch
from marsad.batch.work import PartResult, stage_versions
from marsad.model import RawDocument
from marsad.pipeline import Context, Pipeline, stage
from marsad.store import open_store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "sample"
TRIPWIRE = "عبارة_تفجر_المرحلة"  # a stage added by the test raises on any article holding this word


def _tripwire(article, _ctx):
    if TRIPWIRE in article.raw:
        raise ValueError("tripwire")
    return article


def _bad_inputs(folder: Path) -> list[str]:
    folder.mkdir()
    for name in ("01_ankara-water-talks.txt", "05_basra-date-harvest.txt", "11_riyadh-stocks.txt"):
        shutil.copy(SAMPLE / name, folder / name)
    (folder / "02_empty.txt").write_bytes(b"")
    (folder / "03_binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "04_records.jsonl").write_text(
        '{"title": "سجل أول", "text": "قال وزير النقل إن الطريق الجديد يفتح أمام السيارات الشهر المقبل."}\n'
        '{"title": "سجل مقطوع", "text": "بلا نهاية\n'
        f'{{"title": "سجل ثالث", "text": "وصل الوفد إلى عمان صباح اليوم. {TRIPWIRE}"}}\n', encoding="utf-8")
    return [str(folder), str(folder / "missing.txt")]


def test_bad_inputs_are_recorded_and_the_rest_goes_on(tmp_path, client, monkeypatch):
    base = Pipeline()
    monkeypatch.setitem(batch_work._PIPELINES, (), (Pipeline((stage("tripwire", 1, ["raw"], [], _tripwire),
                                                              *base.stages)), Context()))
    out = tmp_path / "results"
    report = run_batch(_bad_inputs(tmp_path / "in"), out, client, partition_size=2)

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    skipped = [(s["partition"], Path(s["source"].split("#")[0]).name + ("#" + s["source"].split("#")[1]
               if "#" in s["source"] else ""), s["reason"]) for s in manifest["skipped"]]
    assert skipped == [(0, "02_empty.txt", "empty"), (1, "03_binary.txt", "binary"),
                       (2, "04_records.jsonl#2", "malformed"), (2, "04_records.jsonl#3", "stage failed"),
                       (4, "missing.txt", "not found")]
    assert "tripwire" in manifest["skipped"][3]["detail"]
    assert manifest["counts"] == {"records": 9, "articles": 4, "skipped": 5, "warnings": 0, "partitions": 5,
                                  "parts": 5, "failed_partitions": 0}
    assert report.articles == 4 and not report.failed
    titles = [d["title"] for p in manifest["parts"] for d, _raw in read_part(out / p["file"])]
    assert len(titles) == 4 and titles[1] == "سجل أول"

    store = open_store(str(tmp_path / "store.db"))
    try:
        loaded = load_results(out, store)
        assert (loaded.ingested, loaded.skipped) == (4, 5)
        assert store.count_articles() == 4
    finally:
        store.close()
    con = sqlite3.connect(tmp_path / "store.db")
    reasons = dict(con.execute("SELECT source, reason FROM skipped").fetchall())
    con.close()
    assert sorted(reasons.values()) == ["binary", "empty", "malformed", "not found", "stage failed"]


def _fail_partition_one(index, items, kb_files=(), part_format="jsonl", compress=False):
    if index == 1:
        raise MemoryError("worker ran out of memory")
    return _echo(index, items, kb_files, part_format, compress)


def _echo(index, items, kb_files=(), part_format="jsonl", compress=False):
    """Synthetic work: one line per document with its source, no analysis (fast, thread-safe)."""
    lines = [json.dumps({"id": item.source, "raw": item.text}, ensure_ascii=False) for item in items]
    return PartResult(index, encode_jsonl(lines, compress), len(lines), stages=stage_versions(), worker="test")


def _docs(n: int, counter: list[int] | None = None):
    for i in range(n):
        if counter is not None:
            counter[0] += 1
        yield RawDocument(f"doc{i:03d}", f"نص الخبر رقم {i}", f"نص الخبر رقم {i}")


def test_a_failed_partition_lists_its_records_and_the_others_are_written(tmp_path, client, monkeypatch):
    monkeypatch.setattr("marsad.batch.run.read_inputs", lambda inputs, max_bytes: _docs(7))
    report = run_batch(["synthetic"], tmp_path, client, partition_size=3, work=_fail_partition_one)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [p["file"] for p in manifest["parts"]] == ["part-00000.jsonl", "part-00002.jsonl"]
    assert manifest["failed_partitions"] == [{"index": 1, "records": 3,
                                              "reason": "MemoryError: worker ran out of memory"}]
    assert [s["source"] for s in manifest["skipped"]] == ["doc003", "doc004", "doc005"]
    assert {s["reason"] for s in manifest["skipped"]} == {"stage failed"}
    assert report.articles == 4 and "1 partitions failed" in report.summary()


def test_read_ahead_is_bounded_by_the_partitions_in_flight(tmp_path, client, monkeypatch):
    read = [0]
    seen: list[int] = []
    monkeypatch.setattr("marsad.batch.run.read_inputs", lambda inputs, max_bytes: _docs(200, read))

    def check(result):  # when a part arrives, the reader is at most `in_flight` partitions ahead
        seen.append(read[0] - 5 * (len(seen) + 1))

    run_batch(["synthetic"], tmp_path, client, partition_size=5, in_flight=3, on_part=check, work=_echo)
    assert len(seen) == 40
    assert max(seen) <= 3 * 5 and max(seen) > 0


def _slow_first(index, items, kb_files=(), part_format="jsonl", compress=False):
    time.sleep(0.3 if index % 2 == 0 else 0.0)  # even partitions finish after odd ones
    return _echo(index, items, kb_files, part_format, compress)


def test_parts_are_named_by_index_and_hold_input_order_whatever_finishes_first(tmp_path, two_thread_client,
                                                                               monkeypatch):
    monkeypatch.setattr("marsad.batch.run.read_inputs", lambda inputs, max_bytes: _docs(23))
    finished: list[int] = []
    run_batch(["synthetic"], tmp_path / "a", two_thread_client, partition_size=5, compress=True,
              on_part=lambda r: finished.append(r.index), work=_slow_first)
    assert finished != sorted(finished)  # the test really finished out of order
    names = sorted(p.name for p in (tmp_path / "a").glob("part-*"))
    assert names == [f"part-{i:05d}.jsonl.gz" for i in range(5)]
    ids = [json.loads(line)["id"] for name in names for line in gzip.open(tmp_path / "a" / name, "rt")]
    assert ids == [f"doc{i:03d}" for i in range(23)]
    run_batch(["synthetic"], tmp_path / "b", two_thread_client, partition_size=5, compress=True, work=_echo)
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)


def test_a_rerun_replaces_the_earlier_parts(tmp_path, client, monkeypatch):
    monkeypatch.setattr("marsad.batch.run.read_inputs", lambda inputs, max_bytes: _docs(10))
    run_batch(["synthetic"], tmp_path, client, partition_size=2, work=_echo)
    run_batch(["synthetic"], tmp_path, client, partition_size=5, work=_echo)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "part-00000.jsonl", "part-00001.jsonl"]


def test_a_worker_with_other_stage_versions_fails_its_partition(tmp_path, client, monkeypatch):
    def other_versions(index, items, *args):
        result = _echo(index, items)
        result.stages = [(name, version + 1) for name, version in result.stages]
        return result

    monkeypatch.setattr("marsad.batch.run.read_inputs", lambda inputs, max_bytes: _docs(2))
    report = run_batch(["synthetic"], tmp_path, client, partition_size=2, work=other_versions)
    assert report.articles == 0 and "other stage versions" in report.failed[0]["reason"]


def test_parquet_parts_load_like_jsonl_parts_and_loading_is_idempotent(tmp_path, client, store_snapshot):
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'marsad[parquet]')")
    import pyarrow.parquet as pq

    run_batch([str(SAMPLE)], tmp_path / "pq", client, partition_size=5, part_format="parquet")
    run_batch([str(SAMPLE)], tmp_path / "js", client, partition_size=5)
    table = pq.read_table(tmp_path / "pq" / "part-00000.parquet")
    assert table.column_names == ["id", "published", "article", "raw"] and table.num_rows == 5
    stores = {}
    for name in ("pq", "js"):
        db = str(tmp_path / f"{name}.db")
        store = open_store(db)
        try:
            first = load_results(tmp_path / name, store, story_chunk=3 if name == "pq" else 2000)
            again = load_results(tmp_path / name, store)
        finally:
            store.close()
        assert (first.ingested, again.ingested, again.unchanged, again.stories) == (12, 0, 12, [])
        stores[name] = store_snapshot(db)
    # Parquet equals JSON lines; placing stories in chunks of 3 equals placing all at once.
    assert stores["pq"] == stores["js"] and len(stores["js"]["stories"]) >= 3


def test_a_broken_or_missing_part_is_an_error_not_a_silent_gap(tmp_path, client, monkeypatch):
    monkeypatch.setattr("marsad.batch.run.read_inputs", lambda inputs, max_bytes: _docs(4))
    run_batch(["synthetic"], tmp_path, client, partition_size=2, work=_echo)  # lines that are no Article
    store = open_store(":memory:")
    try:
        with pytest.raises(BatchError, match=r"part-00000.jsonl: record 1 is not an Article object \(KeyError"):
            load_results(tmp_path, store)
        (tmp_path / "part-00000.jsonl").unlink()
        with pytest.raises(BatchError, match="part-00000.jsonl: part listed in the manifest is missing"):
            load_results(tmp_path, store)
    finally:
        store.close()
