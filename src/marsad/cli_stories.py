"""The story commands of `marsad`: stories, timeline, and `eval stories` (registered on the main group)."""

from __future__ import annotations

import json

import click

from marsad import render


def _open(db):
    from marsad.cli import _open as open_store

    return open_store(db)


@click.command()
@click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH", help="The store (default: $MARSAD_DB).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="table (default on a terminal) or json.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Show at most N stories.")
def stories(db: str | None, fmt: str | None, limit: int | None) -> None:
    """List the stories in the store: id, dates, articles, outlets, title (latest first)."""
    from marsad.cli import _fmt

    store = _open(db)
    try:
        items = store.list_stories(limit=limit)
    finally:
        store.close()
    if _fmt(fmt) == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    rows = [[s["id"], f"{s['first_date'] or '?'} .. {s['last_date'] or '?'}", str(len(s["articles"])),
             "، ".join(s["outlets"])[:60], (s["title"] or "")[:70]] for s in items]
    click.echo(render.table(["story", "dates", "articles", "outlets", "title"], rows))


@click.command()
@click.argument("story_id")
@click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH", help="The store (default: $MARSAD_DB).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="table (default on a terminal) or json.")
def timeline(story_id: str, db: str | None, fmt: str | None) -> None:
    """A story's timeline: dated events (with the date's precision), modality, summary, sources."""
    from marsad.cli import _fmt

    store = _open(db)
    try:
        story = store.get_story(story_id)
    finally:
        store.close()
    if _fmt(fmt) == "json":
        click.echo(json.dumps(story["timeline"], ensure_ascii=False, indent=2))
        return
    rows = [[t["date"] or "", t["date_precision"] or "", t["type"], t["modality"], t["summary"][:80],
             f"{len(t['sources'])} ({'، '.join(t.get('outlets', ()))})"] for t in story["timeline"]]
    click.echo(f"{story['id']}  {story['title'] or ''}")
    click.echo(render.table(["date", "precision", "type", "modality", "summary", "sources"], rows))


@click.command("stories")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False),
              help='Labels: {"corpus": PATH, "stories": [{"members": [url, ...]}]}.')
@click.option("--json", "as_json", is_flag=True, help="Print {p, r, f1, articles, ...} as JSON.")
def eval_stories(data: str, as_json: bool) -> None:
    """B-cubed precision, recall and F1 of story clustering against labelled stories."""
    from marsad.stories.evaluate import evaluate

    result = evaluate(data)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(f"B-cubed P {result['p']:.3f}  R {result['r']:.3f}  F1 {result['f1']:.3f}  "
                   f"({result['articles']} articles, {result['gold_stories']} labelled stories, "
                   f"{result['predicted_stories']} predicted; all-singletons F1 {result['baseline_singletons_f1']:.3f})")


def register(cli: click.Group, eval_group: click.Group) -> None:
    cli.add_command(stories)
    cli.add_command(timeline)
    eval_group.add_command(eval_stories)
