"""`marsad export`: the whole store (or some stories) as JSON, CSV, GeoJSON, Markdown or the HTML report."""

from __future__ import annotations

from pathlib import Path

import click

from marsad.errors import MarsadError, UsageError
from marsad.export import FORMATS

# -o's extension -> format, when --format is not given (a folder means csv).
_BY_SUFFIX = {".json": "json", ".zip": "csv", ".csv": "csv", ".geojson": "geojson", ".md": "md", ".html": "html", ".htm": "html"}
_NEEDS_OUTPUT = ("csv", "html")  # a folder of files, or a page a terminal cannot show


def _format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if not output:
        return "json"
    if output.endswith(("/", "\\")) or Path(output).is_dir():
        return "csv"
    by_suffix = _BY_SUFFIX.get(Path(output).suffix.lower())
    if by_suffix is None:
        raise UsageError(f"cannot tell the format from '{output}': give --format ({'|'.join(FORMATS)})")
    return by_suffix


def _check_output(fmt: str, output: str | None) -> None:
    if fmt in _NEEDS_OUTPUT and not output:
        where = "a folder or a .zip" if fmt == "csv" else "a file"
        raise UsageError(f"--format {fmt} needs -o ({where})")
    if fmt == "csv" and output and not output.lower().endswith(".zip"):
        if Path(output).suffix.lower() == ".csv":
            raise UsageError(f"csv writes one file per record type: give -o a folder or a .zip, not '{output}'")
        if Path(output).exists() and not Path(output).is_dir():
            raise UsageError(f"'{output}' is a file: give -o a folder or a .zip for csv")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="json (the analysis document), csv (a folder or a .zip of tables), geojson (places), md,"
                   " html; default: from -o's extension, else json.")
@click.option("-o", "--output", "output", default=None, metavar="PATH",
              help="Write to PATH (a file; for csv a folder or a .zip). Default: stdout (json, md, geojson).")
@click.option("--story", "stories", multiple=True, metavar="ID",
              help="Only this story's articles (an id or a unique prefix); repeatable. Default: the whole store.")
@click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH", help="The store (default: $MARSAD_DB).")
@click.option("--kb", "kb", multiple=True, metavar="FILE",
              help="An extra knowledge-base file (YAML/TSV); repeatable. Also $MARSAD_KB.")
def export(fmt: str | None, output: str | None, stories: tuple[str, ...], db: str | None,
           kb: tuple[str, ...]) -> None:
    """Export the store (or --story ID ...): json, csv, geojson, md or the self-contained html report."""
    from marsad.cli import _kb_files, _open
    from marsad.export import document_of, export_document, write_folder, zip_bytes

    fmt = _format(fmt, output)
    _check_output(fmt, output)
    store = _open(db)
    try:
        doc = document_of(store, stories, _kb_files(kb))
    finally:
        store.close()
    data = export_document(doc, fmt)
    if not output:
        click.get_binary_stream("stdout").write(data)  # only json, md and geojson get here: bytes, not files
        return
    try:
        if isinstance(data, dict) and not output.lower().endswith(".zip"):
            write_folder(data, output)
        else:
            Path(output).write_bytes(zip_bytes(data) if isinstance(data, dict) else data)
    except OSError as exc:
        raise MarsadError(f"cannot write '{output}': {exc.strerror or exc}") from None
    if isinstance(data, dict):
        counts = ", ".join(f"{name.removesuffix('.csv')} {_rows(body)}" for name, body in data.items())
        click.echo(f"wrote {output}: {counts}", err=True)
        return
    click.echo(f"wrote {output}: {len(doc['stories'])} stories, {len(doc['articles'])} articles,"
               f" {len(doc['entities'])} entities", err=True)


def _rows(csv_data: bytes) -> int:
    """Records in a CSV file (its header left out); a quoted cell may span lines, so parse, don't count."""
    import csv
    import io

    return sum(1 for _ in csv.reader(io.StringIO(csv_data.decode("utf-8-sig")))) - 1


def register(cli: click.Group) -> None:
    cli.add_command(export)
