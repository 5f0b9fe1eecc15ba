"""`marsad eval stories`: B-cubed precision, recall and F1 of story clustering against labels.

Labels: {"corpus": PATH (a JSONL/.jsonl.gz archive, relative to the label file or the current
folder), "stories": [{"members": [url or article id, ...]}, ...]}. Every labelled article is read from
the corpus, analysed, and placed in stories exactly as `marsad ingest` does (in an in-memory store);
then each article's predicted story is compared with its labelled one.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from marsad.errors import UsageError
from marsad.stories.cluster import DEFAULT, Params


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """B-cubed over the items of `gold` (item -> cluster label); an item missing from `pred` is alone."""
    items = list(gold)
    pred = {i: pred.get(i, "__alone__" + i) for i in items}
    by_gold: dict[str, set[str]] = {}
    by_pred: dict[str, set[str]] = {}
    for i in items:
        by_gold.setdefault(gold[i], set()).add(i)
        by_pred.setdefault(pred[i], set()).add(i)
    p = r = 0.0
    for i in items:
        same_pred, same_gold = by_pred[pred[i]], by_gold[gold[i]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    n = len(items) or 1
    p, r = p / n, r / n
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def load_labels(path: str) -> tuple[Path, dict[str, str]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        stories = data["stories"]
        gold = {m: f"g{k}" for k, s in enumerate(stories) for m in s["members"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: not a stories label file ({exc.__class__.__name__}: {exc})") from exc
    corpus = data.get("corpus")
    if not corpus:
        raise UsageError(f"{path}: no 'corpus' named")
    for base in (Path(path).resolve().parent, Path.cwd()):
        if (base / corpus).exists():
            return (base / corpus), gold
    raise UsageError(f"{path}: corpus {corpus} not found")


def evaluate(path: str, params: Params = DEFAULT) -> dict:
    from marsad.model import RawDocument
    from marsad.pipeline import Pipeline
    from marsad.read import read_inputs
    from marsad.service import analyse
    from marsad.store import open_store
    from marsad.stories.update import update_stories

    corpus, gold = load_labels(path)
    store = open_store(":memory:")
    pipeline = Pipeline()
    t0 = time.perf_counter()
    key_of: dict[str, str] = {}
    articles = []
    for item in read_inputs([str(corpus)]):
        if not isinstance(item, RawDocument):
            continue
        key = item.url if item.url in gold else None
        if key is None:
            continue
        result = analyse(item, pipeline)
        if hasattr(result, "text"):
            store.put_article(result)
            key_of[result.id] = key
            articles.append(result)
    t1 = time.perf_counter()
    update_stories(store, articles, params)
    t2 = time.perf_counter()
    pred = {key_of[a.id]: store.story_of(a.id) for a in articles}
    scores = bcubed(gold, pred)
    singletons = bcubed(gold, {})
    return {**scores, "articles": len(gold), "found": len(articles), "gold_stories": len(set(gold.values())),
            "predicted_stories": len(set(pred.values())), "baseline_singletons_f1": singletons["f1"],
            "analysis_s": round(t1 - t0, 1), "clustering_s": round(t2 - t1, 2)}
