"""Tokens per second of the shipped NER model (feature extraction + CRF tagging) on the dev split."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from marsad.ner import conll
from marsad.ner.crf import MODEL_DIR, Tagger


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/ner")
    ap.add_argument("--model", type=Path, default=MODEL_DIR)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sents = conll.read_anercorp(args.data / "anercorp-train.conll")
    _, dev = conll.split_tail(sents)
    ntok = sum(len(t) for t, _ in dev)
    t0 = time.perf_counter()
    tagger = Tagger(args.model)
    print(f"model load: {time.perf_counter() - t0:.2f}s")
    for run in range(args.repeat):
        tagger.extractor.clear_cache()  # cold cache each run: features are recomputed for every word
        t0 = time.perf_counter()
        pred = [tagger.tag(toks) for toks, _ in dev]
        dt = time.perf_counter() - t0
        print(f"run {run + 1}: {ntok} tokens in {dt:.3f}s = {ntok / dt:,.0f} tokens/s (features + tagging, cold cache)")
    t0 = time.perf_counter()
    pred = [tagger.tag(toks) for toks, _ in dev]
    dt = time.perf_counter() - t0
    print(f"warm cache: {ntok / dt:,.0f} tokens/s")
    tagger.extractor.clear_cache()
    t0 = time.perf_counter()
    doc = tagger.tag_document([toks for toks, _ in dev])
    dt = time.perf_counter() - t0
    print(f"tag_document (document pass included), cold cache: {ntok / dt:,.0f} tokens/s")
    stream = args.data / "newsfane-gold.conll"
    if stream.exists():  # a longer text, cold cache at the start: closer to steady-state use
        sents = [toks for toks, _ in conll.read_newsfane(stream)]
        ntok = sum(len(t) for t in sents)
        tagger.extractor.clear_cache()
        t0 = time.perf_counter()
        for toks in sents:
            tagger.tag(toks)
        dt = time.perf_counter() - t0
        print(f"NewsFANE stream: {ntok} tokens in {dt:.2f}s = {ntok / dt:,.0f} tokens/s (cache starts cold)")
    score = conll.evaluate([g for _, g in dev], pred)
    print("dev, sentence by sentence:", conll.format_scores(score))
    print("dev, tag_document:        ", conll.format_scores(conll.evaluate([g for _, g in dev], doc)))


if __name__ == "__main__":
    main()
