"""What a worker runs: the per-article pipeline over one partition, returned as the part file's bytes.

Runs in Dask worker processes, so it lives in an importable module and keeps one Pipeline per process
(the models and knowledge base load once per worker, not once per partition). The worker encodes the
part itself: the driver only writes bytes, and never holds analysed Article objects.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field

from marsad.batch.parts import article_line, encode_jsonl, encode_parquet
from marsad.model import RawDocument, Skipped, SkipReason
from marsad.pipeline import Context, Pipeline

_PIPELINES: dict[tuple[str, ...], tuple[Pipeline, Context]] = {}
# The models are shared per process and not thread-safe (one CRF tagger): a worker with several threads
# analyses one partition at a time. Threads add nothing to CPU-bound Python anyway; use processes.
_ANALYSIS_LOCK = threading.Lock()


@dataclass(slots=True)
class PartResult:
    index: int
    payload: bytes  # the part file
    articles: int
    skipped: list[Skipped] = field(default_factory=list)  # in input order
    warnings: int = 0
    stages: list[tuple[str, int]] = field(default_factory=list)  # the worker's stage versions
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    worker: str = ""  # host:pid


def _pipeline(kb_files: tuple[str, ...]) -> tuple[Pipeline, Context]:
    if kb_files not in _PIPELINES:
        _PIPELINES[kb_files] = (Pipeline(), Context(kb_files=kb_files))
    return _PIPELINES[kb_files]


def stage_versions() -> list[tuple[str, int]]:
    return [(name, version) for name, version, _req, _prov in Pipeline().table()]


def warm_up(kb_files: tuple[str, ...] = ()) -> str:
    """Load the models and tables on this worker (run once per worker with `client.run`)."""
    from marsad.service import analyse

    pipeline, ctx = _pipeline(tuple(kb_files))
    with _ANALYSIS_LOCK:
        analyse(RawDocument("warm-up", "قال الوزير إن الاجتماع انتهى أمس في بغداد.", "warm-up"), pipeline, ctx)
    return f"{socket.gethostname()}:{os.getpid()}"


def analyse_partition(index: int, items: tuple[RawDocument | Skipped, ...], kb_files: tuple[str, ...] = (),
                      part_format: str = "jsonl", compress: bool = False) -> PartResult:
    """Analyse every document of one partition; a document that fails becomes a Skipped, the rest goes on."""
    from marsad.document import article_to_dict
    from marsad.service import analyse

    wall0, cpu0 = time.perf_counter(), time.process_time()
    pipeline, ctx = _pipeline(tuple(kb_files))
    lines: list[str] = []
    rows: list[tuple[str, str | None, str, str]] = []
    result = PartResult(index, b"", 0, stages=stage_versions(), worker=f"{socket.gethostname()}:{os.getpid()}")
    for item in items:
        if isinstance(item, RawDocument):
            try:
                with _ANALYSIS_LOCK:
                    item = analyse(item, pipeline, ctx)
            except Exception as exc:  # noqa: BLE001 - one bad document must not lose its partition
                item = Skipped(item.source, SkipReason.STAGE_FAILED, f"{type(exc).__name__}: {exc}")
        if isinstance(item, Skipped):
            result.skipped.append(item)
            continue
        result.articles += 1
        result.warnings += len(item.warnings)
        if part_format == "parquet":
            rows.append((item.id, item.published, json.dumps(article_to_dict(item), ensure_ascii=False), item.raw))
        else:
            lines.append(article_line(article_to_dict(item), item.raw))
    result.payload = encode_parquet(rows) if part_format == "parquet" else encode_jsonl(lines, compress)
    result.cpu_seconds = time.process_time() - cpu0
    result.wall_seconds = time.perf_counter() - wall0
    return result
