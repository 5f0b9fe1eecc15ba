"""Story update time for one new article added to a store of ~100,000 articles (SQLite).

The 100,000-article store is built, never committed, in two steps:
1. a base store: the first `--base` SaudiNewsNet articles, analysed and ingested
   as `marsad ingest` does (put_article, then update_stories), kept at `--db`.base;
2. `--copies` copies of it in one file (`--db`): every row of every article table (articles with their
   analysis documents, mentions, search rows, story features and term index, stories) is repeated with
   new ids and URLs, its dates moved back by whole spans of the base's date range plus a week, so that each
   copy is a news period of its own, as in a longer archive. Each term's posting list grows with the copies,
   as it does with archive size; a real archive's rare names would be rarer than here (a pessimistic store).
Then the `--new` articles that follow the base in the archive (the next reports of the same days) are
added one at a time, as `marsad ingest` adds them: analysis, put_article (search index included), and the
story update (placement through the term index, then the rebuild of every story it touched). Prints p50,
p95 and max of each part.

    .venv/bin/python benchmarks/bench_story_update.py [--base 2000] [--copies 50] [--new 40] [--db /tmp/marsad-stories.db]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench_search import percentile
from newsarchive import DEFAULT_DATA

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.service import analyse
from marsad.store import open_store
from marsad.stories.update import update_stories


def archive_articles(data: str, pipeline: Pipeline, skip: int, n: int):
    """Analysed articles number skip .. skip+n of the archive, in reading order."""
    files = sorted(str(p) for p in Path(data).glob("*.jsonl.gz"))
    seen = 0
    for item in read_inputs(files):
        if not isinstance(item, RawDocument):
            continue
        seen += 1
        if seen <= skip:
            continue
        article = analyse(item, pipeline)
        if hasattr(article, "sentences"):
            yield article
        if seen >= skip + n:
            return


def build_base(db: str, n: int, data: str, pipeline: Pipeline) -> None:
    store = open_store(db)
    t0 = time.perf_counter()
    batch = []
    for article in archive_articles(data, pipeline, 0, n):
        store.put_article(article)
        batch.append(article)
        if len(batch) == 200:  # as an ingest of many files does: the stories after each batch of puts
            update_stories(store, batch)
            batch = []
    update_stories(store, batch)
    print(f"base {db}: {store.count_articles()} articles, {store.count_stories()} stories"
          f" in {time.perf_counter() - t0:.0f} s", flush=True)
    store.close()


def _shift(value: str | None, days: int) -> str | None:
    """An ISO date or date-time moved back by `days` (its time part kept)."""
    if not value or len(value) < 10:
        return value
    try:
        day = date.fromisoformat(value[:10]) - timedelta(days=days)
    except ValueError:
        return value
    return day.isoformat() + value[10:]


# Per table: the INSERT ... SELECT that repeats its base rows for one copy. :sfx = id suffix, :days = days
# back, :off = search rowid offset, :top = the first rowid of the copies (base rows lie below it).
COPY_SQL = (
    "INSERT INTO articles (id, version, content_hash, source, url, outlet, published, title, language, words, doc,"
    " raw, ingested_at, updated_at) SELECT id || :sfx, version, content_hash, source || :sfx, url || '#copy' || :sfx,"
    " outlet, shift(published, :days), title, language, words,"
    " json_set(doc, '$.id', id || :sfx, '$.published', shift(published, :days)), '', ingested_at, updated_at"
    " FROM articles WHERE id NOT LIKE '%-c%'",
    "INSERT INTO mentions SELECT article_id || :sfx, start, end_, text, type, entity_id, canonical, role"
    " FROM mentions WHERE article_id NOT LIKE '%-c%'",
    "INSERT INTO search_docs SELECT doc + :off, article_id || :sfx, outlet, shift(published, :days) FROM search_docs"
    " WHERE doc < :top",
    "INSERT INTO search_sentences SELECT doc + :off, n, start, end_, text, spans FROM search_sentences WHERE doc < :top",
    "INSERT INTO search_fts (rowid, title, body) SELECT rowid + :off, title, body FROM search_fts WHERE rowid < :top",
    "INSERT INTO search_entities SELECT entity, doc + :off FROM search_entities WHERE doc < :top",
    "INSERT INTO story_features SELECT article_id || :sfx, story_id || :sfx, shift(published, :days), entities, terms,"
    " body, grams FROM story_features WHERE article_id NOT LIKE '%-c%'",
    "INSERT INTO story_terms SELECT kind, term, article_id || :sfx, weight FROM story_terms"
    " WHERE article_id NOT LIKE '%-c%'",
    "INSERT INTO stories (id, title, first_date, last_date, articles, stale, doc, members, lead_sum, body_sum,"
    " updated_at) SELECT id || :sfx, title, shift(first_date, :days), shift(last_date, :days), articles, stale, doc,"
    " members, lead_sum, body_sum, updated_at FROM stories WHERE id NOT LIKE '%-c%'",
)


def replicate(base: str, target: str, copies: int) -> None:
    store = open_store(base)
    store.db.execute("VACUUM INTO ?", (target,))
    store.close()
    store = open_store(target)
    db = store.db
    db.create_function("shift", 2, _shift, deterministic=True)
    dates = [r[0][:10] for r in db.execute("SELECT published FROM articles WHERE published >= '1900'")]
    span = (date.fromisoformat(max(dates)) - date.fromisoformat(min(dates))).days + 7
    top = db.execute("SELECT max(doc) + 1 FROM search_docs").fetchone()[0]
    t0 = time.perf_counter()
    for k in range(1, copies):
        with store._write():
            for sql in COPY_SQL:
                db.execute(sql, {"sfx": f"-c{k}", "days": k * span, "off": k * top, "top": top})
        if k % 10 == 0:
            print(f"  copy {k}/{copies - 1} ({time.perf_counter() - t0:.0f} s)", flush=True)
    db.execute("ANALYZE")
    print(f"store {target}: {store.count_articles()} articles, {store.count_stories()} stories, copies"
          f" {span} days apart, {os.path.getsize(target) / 2**30:.1f} GiB", flush=True)
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=int, default=2000, help="Archive articles analysed for the base store.")
    ap.add_argument("--copies", type=int, default=50, help="The store holds the base this many times.")
    ap.add_argument("--new", type=int, default=40, help="Articles added one by one and timed.")
    ap.add_argument("--db", default="/tmp/marsad-bench-stories.db", help="Kept for the next run (reused).")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    args = ap.parse_args()
    if not list(Path(args.data).glob("*.jsonl.gz")):
        print(f"no .jsonl.gz archive in {args.data}; nothing to measure", file=sys.stderr)
        return 1
    pipeline = Pipeline()
    base = args.db + ".base"
    if not Path(base).exists():
        build_base(base, args.base, args.data, pipeline)
    if not Path(args.db).exists():
        replicate(base, args.db, args.copies)
    new = list(archive_articles(args.data, pipeline, args.base, args.new))
    run = args.db + ".run"  # the additions go to a copy: the built store stays as it was for the next run
    shutil.copyfile(args.db, run)
    store = open_store(run)
    print(f"adding {len(new)} new articles one at a time to {store.count_articles()} articles"
          f" ({store.count_stories()} stories)", flush=True)
    puts, stories, sizes = [], [], []
    for article in new:
        t0 = time.perf_counter()
        store.put_article(article)
        t1 = time.perf_counter()
        rebuilt = update_stories(store, [article])
        t2 = time.perf_counter()
        puts.append(t1 - t0)
        stories.append(t2 - t1)
        sizes.append(max((len(store.story_members(s)) for s in rebuilt), default=0))
    for name, values in (("put_article (article, facts, search index)", puts), ("story update (place + rebuild)", stories),
                         ("both", [a + b for a, b in zip(puts, stories, strict=True)])):
        print(f"{name}: p50 {percentile(values, 0.5) * 1000:.0f} ms, p95 {percentile(values, 0.95) * 1000:.0f} ms,"
              f" max {max(values) * 1000:.0f} ms")
    joined = sum(1 for s in sizes if s > 1)
    print(f"{joined} of {len(new)} joined an existing story (largest rebuilt: {max(sizes)} members)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
