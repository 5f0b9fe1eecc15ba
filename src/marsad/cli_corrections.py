"""`marsad corrections`: list, add and undo analysts' corrections (registered on the main group)."""

from __future__ import annotations

import json

import click

from marsad import render
from marsad.corrections import TARGET_FORMS, parse_value

_DB = click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH", help="The store (default: $MARSAD_DB).")


def _open(db):
    from marsad.cli import _open as open_store

    return open_store(db)


@click.group("corrections")
def corrections() -> None:
    """Analysts' corrections: overrides kept with who and when, applied to every document built."""


@corrections.command("list")
@_DB
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="table (default on a terminal) or json.")
def list_cmd(db: str | None, fmt: str | None) -> None:
    """Every correction, oldest first; `orphan` when its target no longer exists in the store."""
    from marsad.cli import _fmt

    store = _open(db)
    try:
        items = store.list_corrections()
    finally:
        store.close()
    if _fmt(fmt) == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    rows = [[c["id"], c["kind"], c["target"], json.dumps(c["value"], ensure_ascii=False)[:60], c["by"], c["at"],
             "orphan" if c["orphan"] else ""] for c in items]
    click.echo(render.table(["id", "kind", "target", "value", "by", "at", "status"], rows))


@corrections.command("add", epilog="Targets: " + "; ".join(f"{k}: {v}" for k, v in TARGET_FORMS.items())
                     + ". Values per kind: docs/analysis-format.md, \"Correction\".")
@click.argument("kind", metavar="KIND")
@click.argument("target")
@click.argument("value", required=False)
@_DB
@click.option("--by", default=None, metavar="NAME", help="Who makes it (default: $USER, else analyst).")
def add_cmd(kind: str, target: str, value: str | None, db: str | None, by: str | None) -> None:
    """Add a correction: KIND of TARGET, with VALUE as JSON or plain text.

    KIND: merge_entities, split_entity, set_entity, set_speaker, reject_fact, resolve_contradiction.
    Prints the stored record (JSON) with its id; `marsad corrections undo ID` removes it.
    """
    store = _open(db)
    try:
        record = store.add_correction(kind, target, parse_value(value), by)
    finally:
        store.close()
    click.echo(json.dumps(record, ensure_ascii=False))


@corrections.command("undo")
@click.argument("correction_id", metavar="ID")
@_DB
def undo_cmd(correction_id: str, db: str | None) -> None:
    """Remove a correction (the documents built afterwards no longer apply it)."""
    store = _open(db)
    try:
        record = store.delete_correction(correction_id)
    finally:
        store.close()
    click.echo(f"removed {record['id']}: {record['kind']} {record['target']}")


def register(cli: click.Group) -> None:
    cli.add_command(corrections)
