"""Part files and the manifest of a results folder: names, encoding, reading back.

A part holds one partition's analysed articles in input order, one Article object of the analysis
document per line (`marsad.document.article_to_dict`) plus `raw`, the decoded input before cleaning,
so that `load` stores exactly what `ingest` stores (raw is kept beside the document, for versions and
`where: raw` evidence). Parquet parts hold the same object as a JSON string column `article`, beside
`id`, `published` and `raw` columns for tools that read Parquet.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

from marsad.batch import BatchError

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "marsad.batch/1"
PART_FORMATS = ("jsonl", "parquet")


def part_name(index: int, part_format: str, compress: bool) -> str:
    if part_format == "parquet":
        return f"part-{index:05d}.parquet"  # compressed inside (Parquet pages), never gzipped whole
    return f"part-{index:05d}.jsonl" + (".gz" if compress else "")


def article_line(article_dict: dict, raw: str) -> str:
    return json.dumps({**article_dict, "raw": raw}, ensure_ascii=False)


def encode_jsonl(lines: list[str], compress: bool) -> bytes:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    return gzip.compress(data, compresslevel=6, mtime=0) if compress else data  # mtime 0: same bytes each run


def encode_parquet(rows: list[tuple[str, str | None, str, str]]) -> bytes:
    """(id, published, article JSON, raw) rows -> the bytes of one Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = list(zip(*rows, strict=True)) if rows else [(), (), (), ()]
    table = pa.table({name: pa.array(list(col), type=pa.string())
                      for name, col in zip(("id", "published", "article", "raw"), cols, strict=True)})
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary name, then rename: a crash never leaves half a part under its real name."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def clear_results(folder: Path) -> None:
    """Remove an earlier run's parts and manifest (only files this module names), so no stale part survives."""
    for path in folder.iterdir():
        if path.name == MANIFEST or (path.name.startswith("part-") and
                                     path.name.endswith((".jsonl", ".jsonl.gz", ".parquet", ".tmp"))):
            path.unlink()


def write_manifest(folder: Path, manifest: dict) -> None:
    write_atomic(folder / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BatchError(f"{folder}: no {MANIFEST} (not a batch results folder, or the batch did not finish)") \
            from None
    except (OSError, ValueError) as exc:
        raise BatchError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise BatchError(f"{path}: not a {MANIFEST_FORMAT} manifest")
    return manifest


def read_part(path: Path) -> Iterator[tuple[dict, str]]:
    """(article dict, raw) for each article of a part, in order, streamed (a part is never read whole)."""
    try:
        if path.name.endswith(".parquet"):
            yield from _read_parquet(path)
            return
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    yield _parse(line, path, lineno)
    except (OSError, EOFError, ValueError) as exc:  # ValueError: pyarrow's ArrowInvalid, a bad gzip header
        raise BatchError(f"{path}: unreadable part ({exc})") from None


def _parse(line: str, path: Path, lineno: int) -> tuple[dict, str]:
    try:
        d = json.loads(line)
    except ValueError as exc:
        raise BatchError(f"{path}#{lineno}: invalid JSON ({exc})") from None
    raw = d.pop("raw", "")
    return d, raw


def _read_parquet(path: Path) -> Iterator[tuple[dict, str]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=256, columns=["article", "raw"]):
        for article, raw in zip(batch.column("article").to_pylist(), batch.column("raw").to_pylist(), strict=True):
            yield json.loads(article), raw or ""
