"""CSV files of the analysis document: UTF-8 with a byte-order mark (so Excel reads Arabic right), RFC 4180
quoting and CRLF line ends (the csv module's defaults), one file per record type, in a folder or a zip.

Article text is untrusted, and a spreadsheet may run a cell that starts with = + - @, a tab or a carriage
return as a formula: every text cell starting with one of those gets a leading apostrophe, which shows the
text as written and runs nothing. Numbers are written as numbers and are never touched.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from marsad.export.tables import TABLES, Table

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed timestamp: the same document gives the same zip, byte for byte


def cell(value) -> str | int | float:
    """One CSV cell: null empty, booleans as true/false, numbers as they are, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(table: Table) -> bytes:
    header, rows = table
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def csv_files(doc: dict) -> dict[str, bytes]:
    """File name -> CSV bytes, one file per record type (events.csv, quotes.csv, ...)."""
    return {f"{name}.csv": csv_bytes(build(doc)) for name, build in TABLES.items()}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_folder(files: dict[str, bytes], folder: str | Path) -> list[Path]:
    """Write the files into FOLDER (created when absent); returns their paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        path = target / name
        path.write_bytes(data)
        paths.append(path)
    return paths
