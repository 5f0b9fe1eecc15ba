"""Whole analysis and each extractor on real news, beside dateparser's search_dates on the same articles.

Reads N articles (default 300) of ../shared/data/news (SaudiNewsNet, streamed), times every stage of
`marsad.pipeline` on one core (CPU time), and then dateparser.search_dates on the same texts (what a
user would otherwise reach for just to find Arabic dates). Prints articles per CPU-second.

    .venv/bin/python benchmarks/bench_analysis.py [--n 300]
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import defaultdict

from newsarchive import news_args

from marsad.model import RawDocument
from marsad.pipeline import Context, Pipeline
from marsad.read import read_inputs
from marsad.service import to_article


def main() -> int:
    args, files = news_args(300)
    docs = []
    for item in read_inputs([str(f) for f in files]):
        if isinstance(item, RawDocument):
            docs.append(item)
        if len(docs) >= args.n:
            break
    pipeline, ctx = Pipeline(), Context()
    pipeline.run(to_article(RawDocument("warmup", "قال الوزير إن الاجتماع انتهى أمس في بغداد.", "warmup")), ctx)
    per_stage: dict[str, float] = defaultdict(float)
    tokens = 0
    started = time.process_time()
    for doc in docs:
        article = to_article(doc)
        for st in pipeline.stages:
            t0 = time.process_time()
            article = st.run(article, ctx)
            per_stage[st.name] += time.process_time() - t0
        tokens += len(article.tokens)
        article = dataclasses.replace(article)
    total = time.process_time() - started
    n = len(docs)
    print(f"{n} articles, {tokens} tokens ({tokens / n:.0f} per article)")
    print(f"{'stage':<12} {'CPU s':>7} {'articles/s':>11}")
    for st in pipeline.stages:
        print(f"{st.name:<12} {per_stage[st.name]:>7.2f} {n / per_stage[st.name]:>11.0f}")
    print(f"{'whole':<12} {total:>7.2f} {n / total:>11.1f}   ({tokens / total:,.0f} tokens/s)")
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed: pip install dateparser to compare")
        return 0
    search_dates("أمس", languages=["ar"])  # warm up its language data
    t0 = time.process_time()
    for doc in docs:
        search_dates(doc.text, languages=["ar"])
    dp = time.process_time() - t0
    print(f"{'dateparser':<12} {dp:>7.2f} {n / dp:>11.1f}   search_dates alone, languages=['ar']")
    print(f"whole Marsad analysis / dateparser date search: {dp / total:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
