"""Use cases shared by the CLI (and later the API): ingest inputs, list and show articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marsad.errors import StageError
from marsad.identity import article_id, content_hash
from marsad.model import Article, RawDocument, Skipped, SkipReason
from marsad.pipeline import Context, Pipeline
from marsad.read import DEFAULT_MAX_BYTES, read_inputs
from marsad.store import Store
from marsad.stories.update import update_stories


def to_article(doc: RawDocument) -> Article:
    """The initial record of a read document: identity and raw text, before any stage."""
    return Article(id=article_id(doc.url, doc.id_basis), content_hash=content_hash(doc.text), source=doc.source,
                   raw=doc.text, url=doc.url, hints=doc.hints)


def analyse(doc: RawDocument, pipeline: Pipeline, ctx: Context | None = None) -> Article | Skipped:
    try:
        article = pipeline.run(to_article(doc), ctx)
    except StageError as exc:
        return Skipped(doc.source, SkipReason.STAGE_FAILED, str(exc))
    if not article.text.strip():
        return Skipped(doc.source, SkipReason.NO_TEXT, "nothing left after removing boilerplate")
    return article


class StoreCounts:
    """How a run's articles landed in the store, read from `counts` (put_article's statuses)."""

    counts: Counter

    @property
    def ingested(self) -> int:
        return self.counts["new"] + self.counts["updated"]

    @property
    def unchanged(self) -> int:
        return self.counts["unchanged"] + self.counts["reanalysed"]


@dataclass
class IngestReport(StoreCounts):
    counts: Counter = field(default_factory=Counter)  # new, updated, reanalysed, unchanged, skipped
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # ids of the stories rebuilt

    def summary(self) -> str:
        return f"ingested {self.ingested}, unchanged {self.unchanged}, skipped {len(self.skipped)}"


def ingest(inputs: Iterable[str], store: Store, *, max_bytes: int = DEFAULT_MAX_BYTES, kb_files: tuple[str, ...] = (),
           on_item: Callable[[Article | Skipped, str], None] | None = None) -> IngestReport:
    """Read, analyse and store every article of the inputs (files, folders, URLs, feeds)."""
    return ingest_items(read_inputs(inputs, max_bytes), store, kb_files=kb_files, on_item=on_item)


def ingest_items(items: Iterable[RawDocument | Skipped], store: Store, *, kb_files: tuple[str, ...] = (),
                 on_item: Callable[[Article | Skipped, str], None] | None = None) -> IngestReport:
    """Analyse and store read documents (one transaction per article), then place the new and changed
    articles in their stories and rebuild the stories they touched."""
    pipeline = Pipeline()
    ctx = Context(kb_files=kb_files)
    report = IngestReport()
    to_place: list[str] = []
    for item in items:
        result = analyse(item, pipeline, ctx) if isinstance(item, RawDocument) else item
        if isinstance(result, Skipped):
            report.skipped.append(result)
            store.record_skip(result)
            status = "skipped"
        else:
            status = store.put_article(result)
            report.counts[status] += 1
            report.article_ids.append(result.id)
            report.warnings.extend(f"{result.source}: {w}" for w in result.warnings)
            if status != "unchanged" or store.story_of(result.id) is None:
                to_place.append(result.id)
        if on_item:
            on_item(result, status)
    report.stories = update_stories(store, (store.get_article(i) for i in dict.fromkeys(to_place)), kb_files=kb_files)
    return report


def document_for(store: Store, article_ids: Iterable[str], kb_files: tuple[str, ...] = ()) -> dict:
    """The analysis document for exactly these stored articles, with the store's corrections applied
    (every output, from `analyze` JSON to reports, API and exports, is built here)."""
    from marsad.corrections import apply_corrections
    from marsad.document import build_document
    from marsad.entities.link import build_entities
    from marsad.kb import load_kb

    articles = [store.get_article(i) for i in dict.fromkeys(article_ids)]
    story_ids = dict.fromkeys(s for s in (store.story_of(a.id) for a in articles) if s)
    stories = [store.get_story(s) for s in story_ids]
    stories.sort(key=lambda s: (-len(s["articles"]), s["first_date"] or "", s["id"]))
    doc = build_document(articles, build_entities(articles, load_kb(kb_files)), stories)
    return apply_corrections(doc, store.list_corrections(check_targets=False))


def list_entities(store: Store, kb_files: tuple[str, ...] = ()) -> list:
    from marsad.entities.link import build_entities
    from marsad.kb import load_kb

    return build_entities(store.list_articles(), load_kb(kb_files))


def list_quotes(store: Store, speaker: str | None = None, kb_files: tuple[str, ...] = ()) -> list[tuple[Article, object]]:
    """(article, quote) pairs across the store, optionally for one speaker (name, alias or entity id)."""
    from marsad.arabic.normalize import fold

    wanted: set[str] = set()
    key = fold(speaker).strip() if speaker else None
    if speaker:
        from marsad.kb import load_kb

        kb = load_kb(kb_files)
        wanted = {e.id for e in kb.lookup(speaker)} | {speaker}
    out = []
    for article in store.list_articles():
        for q in article.quotes:
            if speaker and not (q.speaker_entity_id in wanted or key in fold(q.speaker or "")
                                or key in fold(q.speaker_text or "")):
                continue
            out.append((article, q))
    return out
