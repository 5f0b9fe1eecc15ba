"""`marsad search`: Arabic full-text search over the store (registered on the main group)."""

from __future__ import annotations

import json

import click

from marsad import render


@click.command()
@click.argument("query")
@click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH", help="The store (default: $MARSAD_DB).")
@click.option("--outlet", default=None, help="Only articles of this outlet.")
@click.option("--since", default=None, metavar="DATE", help="Published on or after DATE (2026-01-05, 2026-01).")
@click.option("--until", default=None, metavar="DATE", help="Published on or before DATE (2026-01 = all of January).")
@click.option("--entity", default=None, metavar="ID", help="Only articles that mention this entity id.")
@click.option("--story", default=None, metavar="ID", help="Only articles of this story id.")
@click.option("--limit", type=click.IntRange(min=0, max=500), default=20, show_default=True, help="Results per page.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many results.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="table (default on a terminal) or json.")
def search(query: str, db: str | None, outlet: str | None, since: str | None, until: str | None,
           entity: str | None, story: str | None, limit: int, offset: int, fmt: str | None) -> None:
    """Find articles by words and "quoted phrases", in any spelling (أميركية/أمريكية, hamza,
    diacritics) and clitic form (والقوات/القوات/قوات); best first, with the matching sentence."""
    from marsad.cli import _fmt, _open
    from marsad.search import search as run_search

    store = _open(db)
    try:
        page = run_search(store, query, outlet=outlet, since=since, until=until, entity=entity, story=story,
                          limit=limit, offset=offset)
    finally:
        store.close()
    if _fmt(fmt) == "json":
        click.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
        return
    rows = [[h.article_id, f"{h.score:.2f}", h.published or "", h.outlet or "", (h.title or "")[:50],
             _marked(h.snippet, h.highlights)[:100]] for h in page.items]
    click.echo(render.table(["article", "score", "published", "outlet", "title", "sentence"], rows))
    click.echo(f"{len(page.items)} of {page.total}")


def _marked(text: str, highlights) -> str:
    """The sentence with its matched words in [brackets], on one line."""
    out, last = [], 0
    for s, e in highlights:
        out += [text[last:s], "[", text[s:e], "]"]
        last = e
    out.append(text[last:])
    return " ".join("".join(out).split())


def register(cli: click.Group) -> None:
    cli.add_command(search)
