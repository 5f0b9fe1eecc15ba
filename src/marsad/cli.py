"""The `marsad` command: each command parses its options, calls one service, renders the result."""

from __future__ import annotations

import json
import sys

import click

from marsad import render, settings
from marsad.errors import MarsadError, NotFound, UsageError

FORMATS = click.Choice(["table", "json"])


def _db_option(f):
    return click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH",
                        help="The store (a SQLite file or a postgresql:// URL). Default: $MARSAD_DB, else marsad.db in the user's data folder.")(f)


def _kb_option(f):
    return click.option("--kb", "kb", multiple=True, metavar="FILE",
                        help="An extra knowledge-base file (YAML/TSV); repeatable. Also $MARSAD_KB.")(f)


def _kb_files(kb: tuple[str, ...]) -> tuple[str, ...]:
    extra = tuple(p for p in str(settings.get("kb") or "").split(":") if p)
    return (*extra, *kb)


def _open(db: str | None):
    from marsad.store import open_store

    return open_store(db or settings.get("db"))


def _fmt(fmt: str | None) -> str:
    return fmt or ("table" if sys.stdout.isatty() else "json")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def cli() -> None:
    """Marsad: Arabic news into a sourced, structured picture of a story."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@_db_option
@_kb_option
@click.option("--quiet", "-q", is_flag=True, help="Print only skipped inputs and the summary.")
def ingest(inputs: tuple[str, ...], db: str | None, kb: tuple[str, ...], quiet: bool) -> None:
    """Read files, folders, URLs or feeds; analyse and store every article.

    Ends with "ingested N, unchanged K, skipped M"; exit code 1 when something was skipped.
    """
    from marsad.service import ingest as run_ingest

    store = _open(db)
    progress = render.Progress(enabled=sys.stdout.isatty() and sys.stderr.isatty() and not quiet)
    try:
        report = run_ingest(inputs, store, max_bytes=settings.get("max_bytes"), kb_files=_kb_files(kb),
                            on_item=progress.update)
    finally:
        progress.close()
        store.close()
    for skipped in report.skipped:
        click.echo(skipped.line(), err=True)
    if not quiet:
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary())
    sys.exit(1 if report.skipped else 0)


@cli.command()
@_db_option
@click.option("--format", "fmt", type=FORMATS, default=None, help="table (default on a terminal) or json.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Show at most N articles.")
@click.option("--outlet", default=None, help="Only articles of this outlet.")
def articles(db: str | None, fmt: str | None, limit: int | None, outlet: str | None) -> None:
    """List stored articles: id, outlet, published, title, words."""
    from marsad.store import ArticleFilter

    store = _open(db)
    try:
        items = store.list_articles(ArticleFilter(outlet=outlet, limit=limit))
    finally:
        store.close()
    if _fmt(fmt) == "json":
        click.echo(render.json_list(items))
    else:
        click.echo(render.articles_table(items))


@cli.command()
@click.argument("article_id")
@_db_option
@click.option("--format", "fmt", type=FORMATS, default=None, help="table (default on a terminal) or json.")
def show(article_id: str, db: str | None, fmt: str | None) -> None:
    """Show one article: clean text, metadata, and the boilerplate that was removed."""
    store = _open(db)
    try:
        article = store.get_article(article_id)
    finally:
        store.close()
    if _fmt(fmt) == "json":
        from marsad.document import article_to_dict

        click.echo(json.dumps(article_to_dict(article), ensure_ascii=False, indent=2))
    else:
        click.echo(render.article_text(article))


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "table", "md", "html"]), default=None,
              help="json (the analysis document), html (one self-contained report), md, table; default: from"
                   " -o's extension, else table on a terminal.")
@click.option("-o", "--output", "output", default=None, metavar="FILE", help="Write the result to FILE.")
@click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH",
              help="Also keep the analysis in this store (default: a throwaway in-memory store).")
@_kb_option
def analyze(inputs: tuple[str, ...], fmt: str | None, output: str | None, db: str | None, kb: tuple[str, ...]) -> None:
    """Analyse inputs and print (or write) the analysis document for exactly these inputs."""
    from marsad.service import document_for
    from marsad.service import ingest as run_ingest
    from marsad.store import open_store

    fmt = fmt or _format_from_path(output) or ("table" if sys.stdout.isatty() and not output else "json")
    store = open_store(db or ":memory:")
    try:
        report = run_ingest(inputs, store, max_bytes=settings.get("max_bytes"), kb_files=_kb_files(kb))
        doc = document_for(store, report.article_ids, _kb_files(kb))
    finally:
        store.close()
    for skipped in report.skipped:
        click.echo(skipped.line(), err=True)
    out = _render_document(doc, fmt)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(out + "\n")
        click.echo(f"wrote {output}: {len(doc['stories'])} stories, {len(doc['articles'])} articles,"
                   f" {len(doc['entities'])} entities", err=True)
    else:
        click.echo(out)
    sys.exit(1 if report.skipped else 0)


def _render_document(doc: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2)
    if fmt == "html":
        from marsad.report.html import render_html

        return render_html(doc)
    if fmt == "md":
        from marsad.report.markdown import render_markdown

        return render_markdown(doc)
    return render.document_table(doc)


def _format_from_path(path: str | None) -> str | None:
    if not path:
        return None
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return {"json": "json", "md": "md", "html": "html", "htm": "html", "txt": "table"}.get(suffix)


@cli.command()
@_db_option
@_kb_option
@click.option("--format", "fmt", type=FORMATS, default=None, help="table (default on a terminal) or json.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Show at most N entities.")
@click.option("--type", "type_", default=None, help="Only this type (PERSON, ORG, GPE, LOC, FAC).")
def entities(db: str | None, kb: tuple[str, ...], fmt: str | None, limit: int | None, type_: str | None) -> None:
    """List entities in the store: canonical name, type, aliases, mentions, articles."""
    from marsad.document import entity_to_dict
    from marsad.service import list_entities

    store = _open(db)
    try:
        items = [e for e in list_entities(store, _kb_files(kb)) if not type_ or e.type == type_.upper()]
    finally:
        store.close()
    items = items[:limit] if limit is not None else items
    if _fmt(fmt) == "json":
        click.echo(json.dumps([entity_to_dict(e) for e in items], ensure_ascii=False, indent=2))
    else:
        click.echo(render.entities_table(items))


@cli.command()
@_db_option
@_kb_option
@click.option("--speaker", default=None, help="Only this speaker: a name, an alias or an entity id.")
@click.option("--format", "fmt", type=FORMATS, default=None, help="table (default on a terminal) or json.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Show at most N quotes.")
def quotes(db: str | None, kb: tuple[str, ...], speaker: str | None, fmt: str | None, limit: int | None) -> None:
    """Who said what: statements across the stored articles, by speaker."""
    from marsad.document import quote_to_dict
    from marsad.service import list_quotes

    store = _open(db)
    try:
        items = list_quotes(store, speaker, _kb_files(kb))
    finally:
        store.close()
    items = items[:limit] if limit is not None else items
    if _fmt(fmt) == "json":
        click.echo(json.dumps([{"article": a.id, **quote_to_dict(a.text, q)} for a, q in items],
                              ensure_ascii=False, indent=2))
    else:
        click.echo(render.quotes_table(items))


@cli.group("eval")
def eval_group() -> None:
    """Score Marsad on labelled data (scoring rules in ANALYSIS-FORMAT.md)."""


@eval_group.command("ner")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False), help="A CoNLL file.")
@click.option("--json", "as_json", is_flag=True, help="Print {micro, per_type, tokens_per_s} as JSON.")
@click.option("--scheme", type=click.Choice(["anercorp", "newsfane", "wojood"]), default=None,
              help="Tag set of the file (default: from its name; ANERcorp's otherwise).")
@click.option("--tail", type=click.FloatRange(0, 1, min_open=True), default=None,
              help="Score only this trailing share of the file (the development split used in training).")
@click.option("--model-only", is_flag=True, help="Score the CRF alone, without the knowledge base and rules.")
@_kb_option
def eval_ner(data: str, as_json: bool, scheme: str | None, tail: float | None, model_only: bool,
             kb: tuple[str, ...]) -> None:
    """Precision, recall and F1 per type and micro-averaged, CoNLL exact spans."""
    from marsad.entities.evaluate import evaluate_file

    scores = evaluate_file(data, scheme=scheme, tail=tail, mode="model" if model_only else "full",
                           kb_files=_kb_files(kb))
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    rows = [(t, f"{v['p']:.3f}", f"{v['r']:.3f}", f"{v['f1']:.3f}", v.get("n", "")) for t, v in scores["per_type"].items()]
    m = scores["micro"]
    rows.append(("micro", f"{m['p']:.3f}", f"{m['r']:.3f}", f"{m['f1']:.3f}", ""))
    click.echo(render.table(["type", "P", "R", "F1", "gold"], rows))
    click.echo(f"{scores['sentences']} sentences, {scores['tokens']} tokens, {scores['tokens_per_s']} tokens/s")


@eval_group.command("timex")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Recognizers-style cases (JSONL: input, reference_datetime, results).")
@click.option("--json", "as_json", is_flag=True, help="Print {extraction, extraction_exact, value_accuracy, cases}.")
@click.option("--misses", is_flag=True, help="Also list the wrong or missed values, grouped by pattern.")
def eval_timex(data: str, as_json: bool, misses: bool) -> None:
    """Temporal expressions: extraction P/R/F1 (overlap and exact) and value accuracy.

    The value scored is each timex's `stated_value`: like the Recognizers gold, it keeps X for a year or week
    the expression does not state ("2 أكتوبر" XXXX-10-02) and resolves deictic words (غدا، الأسبوع المقبل).
    `value_accuracy_anchored` scores `value`, which also fills those from the publication date.
    """
    from marsad.dates.evaluate import confusions, evaluate_timex

    scores = evaluate_timex(data)
    wrong = scores.pop("misses")
    if as_json:
        click.echo(json.dumps(scores | ({"misses": wrong} if misses else {}), indent=2, ensure_ascii=False))
        return
    rows = [(name, f"{scores[name]['p']:.3f}", f"{scores[name]['r']:.3f}", f"{scores[name]['f1']:.3f}")
            for name in ("extraction", "extraction_exact")]
    click.echo(render.table(["measure", "P", "R", "F1"], rows))
    click.echo(f"value accuracy {scores['value_accuracy']:.3f} (stated_value; value: "
               f"{scores['value_accuracy_anchored']:.3f}) over {scores['values_scored']} values in "
               f"{scores['cases']} cases")
    if misses:
        click.echo(confusions(wrong))


@cli.group("train")
def train_group() -> None:
    """Rebuild the shipped models from the corpora."""


@train_group.command("ner")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False), help="Folder of the NER corpora.")
@click.option("--out", default=None, type=click.Path(file_okay=False),
              help="Where to write the model (default: the package's models/ner).")
def train_ner(data: str, out: str | None) -> None:
    """Train the CRF of the entity recognizer (reports the development-split scores)."""
    from pathlib import Path

    from marsad.ner.train import train

    target = Path(out) if out else Path(__file__).resolve().parent / "models" / "ner"
    scores = train(Path(data), target)
    click.echo(json.dumps(scores, indent=2, default=str))


from marsad.cli_stories import register as _register_story_commands  # noqa: E402

_register_story_commands(cli, eval_group)

from marsad.cli_corrections import register as _register_correction_commands  # noqa: E402

_register_correction_commands(cli)

from marsad.cli_serve import register as _register_serve  # noqa: E402

_register_serve(cli)

from marsad.cli_export import register as _register_export_command  # noqa: E402

_register_export_command(cli)

from marsad.cli_search import register as _register_search_command  # noqa: E402

_register_search_command(cli)

from marsad.cli_watch import register as _register_watch_command  # noqa: E402

_register_watch_command(cli)

from marsad.cli_batch import register as _register_batch_commands  # noqa: E402

_register_batch_commands(cli)


@cli.command()
def stages() -> None:
    """Print the analysis pipeline: stage, version, requires, provides."""
    from marsad.pipeline import Pipeline

    click.echo(render.table(["stage", "version", "requires", "provides"], Pipeline().table()))


def main() -> None:
    """Entry point: no traceback reaches the user for a known error."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except UsageError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except NotFound as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except MarsadError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
