"""`marsad batch` (analyse an archive on a Dask cluster into part files) and `marsad load` (parts -> store)."""

from __future__ import annotations

import sys

import click

from marsad.errors import UsageError


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a cluster of worker processes on this machine; dask: an existing scheduler.")
@click.option("--scheduler", envvar="MARSAD_SCHEDULER", default=None, metavar="tcp://HOST:PORT",
              help="The Dask scheduler (--engine dask). Also $MARSAD_SCHEDULER.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the local engine (one thread each).")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="The results folder: part-NNNNN files and manifest.json (an earlier run's are replaced).")
@click.option("--format", "part_format", type=click.Choice(["jsonl", "parquet"]), default="jsonl",
              show_default=True, help="Part files: JSON lines (one Article object per line) or Parquet (pyarrow).")
@click.option("--partition-size", type=click.IntRange(min=1), default=100, show_default=True,
              help="Records (articles or skipped inputs) per partition, and so per part file.")
@click.option("--gzip", "compress", is_flag=True, help="Gzip the JSON lines parts (part-NNNNN.jsonl.gz).")
@click.option("--in-flight", type=click.IntRange(min=1), default=None,
              help="Partitions submitted at once (default: twice the workers' threads); bounds the memory.")
@click.option("--connect-timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds to wait for the scheduler (--engine dask).")
@click.option("--kb", "kb", multiple=True, metavar="FILE",
              help="An extra knowledge-base file (YAML/TSV); repeatable. Also $MARSAD_KB. Workers must see it.")
@click.option("--quiet", "-q", is_flag=True, help="Print only skipped inputs and the summary.")
def batch(inputs: tuple[str, ...], engine: str, scheduler: str | None, workers: int, out: str, part_format: str,
          partition_size: int, compress: bool, in_flight: int | None, connect_timeout: float, kb: tuple[str, ...],
          quiet: bool) -> None:
    """Analyse files, folders or .jsonl.gz archives on a Dask cluster into part files in --out.

    Archives are streamed: memory stays flat however large the input. Then `marsad load DIR` stores the
    articles and builds the stories. Exit code 1 when something was skipped or a partition failed.
    """
    from marsad import settings
    from marsad.batch.cluster import open_client
    from marsad.batch.run import run_batch
    from marsad.cli import _kb_files

    if engine == "dask" and not scheduler:
        raise UsageError("--engine dask needs --scheduler tcp://HOST:PORT (or $MARSAD_SCHEDULER)")
    if compress and part_format == "parquet":
        raise UsageError("--gzip applies to jsonl parts; Parquet parts are compressed inside")

    def progress(result) -> None:
        if not quiet:
            click.echo(f"part {result.index:05d}: {result.articles} articles, {len(result.skipped)} skipped,"
                       f" {result.wall_seconds:.1f} s on {result.worker}", err=True)

    with open_client(engine, scheduler, workers, connect_timeout) as client:
        report = run_batch(inputs, out, client, partition_size=partition_size, part_format=part_format,
                           compress=compress, kb_files=_kb_files(kb), max_bytes=settings.get("max_bytes"),
                           in_flight=in_flight, on_part=progress,
                           settings={"engine": engine, "scheduler": scheduler,
                                     "workers": workers if engine == "local" else None})
    for _partition, skipped in report.skipped:
        click.echo(skipped.line(), err=True)
    click.echo(f"{report.summary()}; wrote {out}")
    sys.exit(1 if report.skipped or report.failed else 0)


@click.command()
@click.argument("results", type=click.Path(exists=True, file_okay=False))
@click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH",
              help="The store (a SQLite file or a postgresql:// URL). Default: $MARSAD_DB, else marsad.db in the user's data"
                   " folder.")
@click.option("--kb", "kb", multiple=True, metavar="FILE",
              help="An extra knowledge-base file (YAML/TSV); repeatable. Also $MARSAD_KB. Use the batch's.")
def load(results: str, db: str | None, kb: tuple[str, ...]) -> None:
    """Store the analysed articles of a `marsad batch` results folder, then build their stories.

    Idempotent: loading the same folder twice stores nothing new. Ends with "loaded P parts: ingested N,
    unchanged K, skipped M; S stories rebuilt" (skipped: inputs the batch skipped, from its manifest).
    """
    from marsad.batch.load import load_results
    from marsad.cli import _kb_files, _open

    store = _open(db)
    try:
        report = load_results(results, store, kb_files=_kb_files(kb))
    finally:
        store.close()
    click.echo(report.summary())


def register(cli: click.Group) -> None:
    cli.add_command(batch)
    cli.add_command(load)
