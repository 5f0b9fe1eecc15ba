"""Sweep the story-clustering parameters on a label file (tune only: never on test).

    .venv/bin/python benchmarks/stories/tune_params.py benchmarks/stories/tune.json

Analyses the labelled articles once, then replays the incremental clustering as the store does it
(articles in publication order, every earlier article a candidate, each article joining the story of
its best link, linked stories merging, the centroid guard on stories of 3+ members) for each
parameter setting, and prints the best settings by B-cubed F1. The store also limits candidates to
the best 200 by the term index and reads the n-gram vector only above a lead floor: on one day of
news that changes nothing (`marsad eval stories` prints the same figures).
"""

from __future__ import annotations

import itertools
import sys

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.service import analyse
from marsad.store.sqlite_stories import _add
from marsad.stories.cluster import Candidate, Centroid, Params, decide
from marsad.stories.evaluate import bcubed, load_labels
from marsad.stories.features import cosine, features


def replay(feats, params: Params) -> dict[str, str]:
    story_of: dict[str, str] = {}
    sums: dict[str, tuple[int, dict, dict]] = {}
    done = []
    for f in feats:
        cands = [Candidate(g.article, story_of[g.article], cosine(f.terms, g.terms), cosine(f.body, g.body),
                           g.entities, g.published, cosine(f.grams, g.grams)) for g in done]
        centroids = {sid: Centroid(*sums[sid]) for sid in {c.story for c in cands}}
        sid, merged = decide(f, cands, params, centroids)
        size, lead, body = sums.pop(sid, (0, {}, {}))
        for m in merged:
            n, lead2, body2 = sums.pop(m)
            size, lead, body = size + n, _add(lead, lead2), _add(body, body2)
            for a, s in story_of.items():
                if s == m:
                    story_of[a] = sid
        sums[sid] = (size + 1, _add(lead, f.terms), _add(body, f.body))
        story_of[f.article] = sid
        done.append(f)
    return story_of


def main() -> None:
    corpus, gold = load_labels(sys.argv[1])
    pipeline, feats, key = Pipeline(), [], {}
    for item in read_inputs([str(corpus)]):
        if isinstance(item, RawDocument) and item.url in gold:
            a = analyse(item, pipeline)
            feats.append(features(a))
            key[a.id] = item.url
    feats.sort(key=lambda f: (f.published is None, f.published or "", f.article))
    results = []
    for th, gw in itertools.product([0.30, 0.32, 0.34, 0.35, 0.36, 0.38, 0.40, 0.42], [0.0, 0.25, 0.5, 1.0]):
        p = Params(threshold=th, gram_weight=gw)
        pred = {key[a]: s for a, s in replay(feats, p).items()}
        results.append((bcubed(gold, pred), p))
    for score, p in sorted(results, key=lambda x: -x[0]["f1"])[:12]:
        print(score, p)


if __name__ == "__main__":
    main()
