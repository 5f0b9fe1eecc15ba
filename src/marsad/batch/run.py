"""The driver of `marsad batch`: read lazily, submit partitions with a bounded number in flight, write
each part as it completes, then the manifest.

Memory stays flat in archive size: the reader streams, at most `in_flight` partitions exist at once
(the ones being analysed), and a finished part goes to disk and is released before the next is read.
Parts are named by partition index and hold their articles in input order, so the output does not
depend on which worker finished first.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from marsad.batch import BatchError
from marsad.batch.cluster import worker_slots
from marsad.batch.partitions import Partition, partitions
from marsad.batch.parts import (
    MANIFEST_FORMAT,
    PART_FORMATS,
    clear_results,
    part_name,
    write_atomic,
    write_manifest,
)
from marsad.batch.work import PartResult, analyse_partition, stage_versions
from marsad.model import Skipped, SkipReason
from marsad.read import DEFAULT_MAX_BYTES, read_inputs


@dataclass
class BatchReport:
    parts: list[dict] = field(default_factory=list)  # one per written part, by index
    skipped: list[tuple[int, Skipped]] = field(default_factory=list)  # (partition, skip), in input order
    failed: list[dict] = field(default_factory=list)  # partitions the cluster could not analyse
    articles: int = 0
    records: int = 0  # documents and skipped inputs read
    warnings: int = 0
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0

    def summary(self) -> str:
        rate = self.articles / self.wall_seconds if self.wall_seconds else 0.0
        failed = f", {len(self.failed)} partitions failed" if self.failed else ""
        return (f"analysed {self.articles} articles in {len(self.parts)} parts, skipped {len(self.skipped)}{failed}"
                f" ({rate:.1f} articles/s)")


def run_batch(inputs: Iterable[str], out: str | Path, client, *, partition_size: int = 100,
              part_format: str = "jsonl", compress: bool = False, kb_files: tuple[str, ...] = (),
              max_bytes: int = DEFAULT_MAX_BYTES, in_flight: int | None = None, settings: dict | None = None,
              on_part: Callable[[PartResult], None] | None = None, work: Callable = analyse_partition) -> BatchReport:
    """Analyse the inputs on the client's cluster into part files and a manifest in `out`."""
    from distributed import as_completed

    if part_format not in PART_FORMATS:
        raise BatchError(f"unknown part format {part_format!r}; use one of {', '.join(PART_FORMATS)}")
    if part_format == "parquet":
        _need_pyarrow()
    inputs = list(inputs)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    clear_results(folder)
    stages = stage_versions()
    started, wall0 = _now(), time.perf_counter()
    report = BatchReport()
    limit = in_flight or 2 * max(1, worker_slots(client))
    run_id = uuid.uuid4().hex[:8]
    parts = partitions(read_inputs(inputs, max_bytes), partition_size)
    pending: dict[str, Partition] = {}
    done = as_completed(loop=client.loop)

    def submit_next() -> bool:
        part = next(parts, None)
        if part is None:
            return False
        report.records += len(part.items)
        future = client.submit(work, part.index, part.items, tuple(kb_files), part_format, compress,
                               key=f"marsad-batch-{run_id}-{part.index:06d}")
        pending[future.key] = part
        done.add(future)
        return True

    while len(pending) < limit and submit_next():
        pass
    for future in done:
        part = pending.pop(future.key)
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker or a crash fails this partition, not the run
            if client.status != "running":  # the scheduler is gone: every later partition would fail too
                raise BatchError(f"lost the Dask scheduler after {len(report.parts)} parts ({type(exc).__name__}:"
                                 f" {exc}); no manifest written") from None
            _fail(report, part, f"{type(exc).__name__}: {exc}")
        else:
            _write(folder, result, part_format, compress, stages, report, part)
            if on_part:
                on_part(result)
        future.release()
        while len(pending) < limit and submit_next():
            pass
    report.wall_seconds = time.perf_counter() - wall0
    report.parts.sort(key=lambda p: p["index"])
    report.skipped.sort(key=lambda s: s[0])  # stable: input order within a partition
    report.failed.sort(key=lambda f: f["index"])
    write_manifest(folder, _manifest(report, inputs, stages, started, partition_size, part_format, compress,
                                     kb_files, limit, settings or {}))
    return report


def _write(folder: Path, result: PartResult, part_format: str, compress: bool, stages: list, report: BatchReport,
           part: Partition) -> None:
    if [tuple(s) for s in result.stages] != [tuple(s) for s in stages]:
        _fail(report, part, f"worker {result.worker} runs other stage versions ({result.stages}) than this machine")
        return
    name = part_name(result.index, part_format, compress)
    write_atomic(folder / name, result.payload)
    report.articles += result.articles
    report.warnings += result.warnings
    report.cpu_seconds += result.cpu_seconds
    report.skipped.extend((result.index, s) for s in result.skipped)
    report.parts.append({"index": result.index, "file": name, "records": len(part.items),
                         "articles": result.articles, "skipped": len(result.skipped),
                         "seconds": round(result.wall_seconds, 3), "worker": result.worker})


def _fail(report: BatchReport, part: Partition, reason: str) -> None:
    """The whole partition is skipped: each of its records is listed, so nothing is silently lost."""
    report.failed.append({"index": part.index, "records": len(part.items), "reason": reason})
    for source in part.sources:
        report.skipped.append((part.index, Skipped(source, SkipReason.STAGE_FAILED,
                                                   f"partition {part.index} failed on the cluster: {reason}")))


def _manifest(report: BatchReport, inputs: list[str], stages: list, started: str, partition_size: int,
              part_format: str, compress: bool, kb_files: tuple[str, ...], in_flight: int, settings: dict) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    try:
        marsad_version = version("marsad")
    except PackageNotFoundError:
        marsad_version = None
    wall = report.wall_seconds
    return {
        "format": MANIFEST_FORMAT,
        "marsad": marsad_version,
        "inputs": inputs,
        "settings": {**settings, "partition_size": partition_size, "part_format": part_format, "gzip": compress,
                     "kb_files": list(kb_files), "in_flight": in_flight},
        "stages": dict(stages),
        "counts": {"records": report.records, "articles": report.articles, "skipped": len(report.skipped),
                   "warnings": report.warnings, "partitions": len(report.parts) + len(report.failed),
                   "parts": len(report.parts), "failed_partitions": len(report.failed)},
        "parts": report.parts,
        "failed_partitions": report.failed,
        "skipped": [{"partition": i, "source": s.source, "reason": s.reason.value, "detail": s.detail}
                    for i, s in report.skipped],
        "timings": {"started": started, "finished": _now(), "wall_seconds": round(wall, 3),
                    "worker_cpu_seconds": round(report.cpu_seconds, 3),
                    "articles_per_second": round(report.articles / wall, 2) if wall else None},
    }


def _need_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise BatchError("Parquet parts need pyarrow: pip install 'marsad[parquet]'") from None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
