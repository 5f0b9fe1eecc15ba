"""Search latency (p50/p95) on a store of the sample corpus plus N real articles (SaudiNewsNet).

Builds the store once (analysis + put_article, which indexes each article in its own transaction;
`--db PATH` keeps it for the next run), then runs a fixed set of queries (common and rare words,
spelling variants, clitic forms, phrases, filters) `--repeat` times each, one core, warm cache, and
prints the latency percentiles of `marsad.search.search` (ranking, snippets, highlights included).

    .venv/bin/python benchmarks/bench_search.py [--n 2000] [--repeat 20] [--db /tmp/bench_search.db]
    .venv/bin/python benchmarks/bench_search.py --db /tmp/bench_search.db --copies 50 --repeat 3   # ~100k
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from newsarchive import DEFAULT_DATA

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.search import article_index, search
from marsad.service import analyse
from marsad.store import open_store

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "marsad" / "sample"
QUERIES = [
    "السعودية", "الرياض", "امريكيه", "الأميركية", "سوريا", "سورية", "داعش", "اليمن", "الحوثيين", "مسؤول",
    "مسئول", "والقوات", "قوات", "وزارة الصحة", '"وزارة الصحة"', '"خادم الحرمين الشريفين"', "الملك سلمان",
    "أسعار النفط", '"مجلس الوزراء"', "الهلال النصر", "كورونا", "الأمطار الغزيرة", "التعليم العالي",
    "قاعدة الصقر", "امريكيه سوريا داعش", '"القوات الأمريكية"', "الإرهاب", "ايران", "الاتفاق النووي", "2015",
]


def build(db: str, n: int, data: str) -> tuple[float, float, int]:
    """Analyse and store the sample and the first `n` archive articles; (indexing s, store s, articles)."""
    store = open_store(db)
    pipeline = Pipeline()
    files = [str(SAMPLE), *sorted(str(p) for p in Path(data).glob("*.jsonl.gz"))]
    index_s = store_s = 0.0
    count = 0
    for item in read_inputs(files):
        if not isinstance(item, RawDocument):
            continue
        article = analyse(item, pipeline)
        if not hasattr(article, "sentences"):
            continue
        t0 = time.perf_counter()
        article_index(article)  # what put_article adds for search, timed on its own
        t1 = time.perf_counter()
        store.put_article(article)
        store_s += time.perf_counter() - t1
        index_s += t1 - t0
        count += 1
        if count >= n + 12:
            break
    store.close()
    return index_s, store_s, count


def replicate(db: str, copies: int) -> str:
    """A copy of the store whose articles appear `copies` times (ids suffixed -1, -2 ...): the search
    rows and the article columns search reads are copied; the analysis documents are not."""
    target = f"{db}.x{copies}"
    if Path(target).exists():
        return target
    store = open_store(db)
    store.db.execute("VACUUM INTO ?", (target,))
    store.close()
    store = open_store(target)
    top = store.db.execute("SELECT max(doc) + 1 FROM search_docs").fetchone()[0]
    for k in range(1, copies):
        with store._write():
            store.db.execute(
                "INSERT INTO articles (id, content_hash, source, url, outlet, published, title, language, words, doc,"
                " raw, ingested_at, updated_at) SELECT id || ?, content_hash, source, url, outlet, published, title,"
                " language, words, '{}', '', ingested_at, updated_at FROM articles WHERE instr(id, '-') = 0",
                (f"-{k}",))
            store.db.execute("INSERT INTO search_docs SELECT doc + ?, article_id || ?, outlet, published"
                             " FROM search_docs WHERE doc < ?",
                             (k * top, f"-{k}", top))
            store.db.execute("INSERT INTO search_sentences SELECT doc + ?, n, start, end_, text, spans"
                             " FROM search_sentences WHERE doc < ?", (k * top, top))
            store.db.execute("INSERT INTO search_fts (rowid, title, body) SELECT rowid + ?, title, body"
                             " FROM search_fts WHERE rowid < ?", (k * top, top))
            store.db.execute("INSERT INTO search_entities SELECT entity, doc + ? FROM search_entities WHERE doc < ?",
                             (k * top, top))
    store.close()
    return target


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--db", default=None, help="Keep the store here (reused when it exists).")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--copies", type=int, default=1,
                    help="Measure on a store where every article appears this many times (a synthetic large store).")
    args = ap.parse_args()
    db = args.db or f"/tmp/marsad-bench-search-{os.getpid()}.db"
    if not Path(db).exists():
        if not list(Path(args.data).glob("*.jsonl.gz")):
            print(f"no .jsonl.gz archive in {args.data}; nothing to measure", file=sys.stderr)
            return 1
        index_s, store_s, count = build(db, args.n, args.data)
        print(f"built {db}: {count} articles; keys {index_s:.1f} s ({count / index_s:.0f} articles/s),"
              f" put_article with the index {store_s:.1f} s")
    if args.copies > 1:
        db = replicate(db, args.copies)
    store = open_store(db)
    articles = store.count_articles()
    outlet = store.db.execute("SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    entity = store.db.execute("SELECT entity_id FROM mentions GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1"
                              ).fetchone()[0]
    runs = [(q, {}) for q in QUERIES] + [(q, f) for q in QUERIES[:10] for f in
                                         ({"outlet": outlet}, {"since": "2015-07-25"}, {"entity": entity})]
    for q, f in runs:  # warm up: caches, stemmer, pages
        search(store, q, **f)
    times, cpu, hits = [], [], []
    for _ in range(args.repeat):
        for q, f in runs:
            t0, c0 = time.perf_counter(), time.thread_time()
            page = search(store, q, **f)
            cpu.append((time.thread_time() - c0) * 1000)
            times.append((time.perf_counter() - t0) * 1000)
            hits.append(page.total)
    size = os.path.getsize(db) / 1e6
    fts = store.db.execute("SELECT count(*) FROM search_sentences").fetchone()[0]
    print(f"{articles} articles, {fts} indexed sentences, store {size:.0f} MB; {len(runs)} queries x {args.repeat}")
    print(f"latency ms, wall: p50 {percentile(times, 0.5):.1f}  p95 {percentile(times, 0.95):.1f}"
          f"  max {max(times):.1f}  mean {statistics.mean(times):.1f}")
    print(f"latency ms, CPU of the one thread: p50 {percentile(cpu, 0.5):.1f}  p95 {percentile(cpu, 0.95):.1f}"
          f"  max {max(cpu):.1f}   (hits per query: median {statistics.median(hits):.0f}, max {max(hits)})")
    slow = sorted(((t, q, f) for t, (q, f) in zip(times, runs * args.repeat, strict=True)), reverse=True)[:5]
    for t, q, f in slow:
        print(f"  slowest: {t:.1f} ms  {q} {f or ''}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
