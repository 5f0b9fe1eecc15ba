"""Sweep the story-clustering parameters on a label file (tune only: never on test).

    .venv/bin/python benchmarks/stories/tune_params.py benchmarks/stories/tune.json

Analyses the labelled articles once, then replays the incremental clustering (articles in
publication order, each joining the story of its best link, linked stories merging) for each
parameter setting, and prints the best settings by B-cubed F1.
"""

from __future__ import annotations

import itertools
import sys

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.read import read_inputs
from marsad.service import analyse
from marsad.stories.cluster import Candidate, Params, decide
from marsad.stories.evaluate import bcubed, load_labels
from marsad.stories.features import cosine, features


def replay(feats, params: Params) -> dict[str, str]:
    story_of: dict[str, str] = {}
    done = []
    for f in feats:
        cands = [Candidate(g.article, story_of[g.article], cosine(f.terms, g.terms), cosine(f.body, g.body),
                           g.entities, g.published) for g in done]
        sid, merged = decide(f, cands, params)
        for a, s in story_of.items():
            if s in merged:
                story_of[a] = sid
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
    for th, bth, ew in itertools.product([0.25, 0.30, 0.35, 0.40, 0.45], [0.25, 0.30, 0.35], [0.0, 0.15]):
        p = Params(threshold=th, body_threshold=bth, entity_weight=ew)
        pred = {key[a]: s for a, s in replay(feats, p).items()}
        results.append((bcubed(gold, pred), p))
    for score, p in sorted(results, key=lambda x: -x[0]["f1"])[:12]:
        print(score, p)


if __name__ == "__main__":
    main()
