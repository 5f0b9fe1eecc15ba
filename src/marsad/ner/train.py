"""Train the NER CRF from CoNLL corpora (dev split = trailing sentences of ANERcorp train) and write
the model folder: `python -m marsad.ner.train --data ../shared/data/ner --out src/marsad/models/ner`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

from marsad.ner import conll
from marsad.ner.crf import (
    CLUSTERS_FILE,
    GAZETTEER_FILE,
    LEXICON_FILE,
    META_FILE,
    MODEL_DIR,
    MODEL_FILE,
    Tagger,
    propagate,
)
from marsad.ner.features import FeatureConfig, FeatureExtractor, fold, read_table
from marsad.ner.gazetteers import build_gazetteer, training_lexicon, write_table

DEFAULT_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.minfreq": 1,
                  "feature.possible_transitions": True}
DOC_WINDOW = 10


def _freeze(table: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    return {w: tuple(sorted(v)) for w, v in table.items()}


def jackknife_features(sents, clusters, gazetteer, config: FeatureConfig, folds: int = 5):
    """Features for training sentences; the training-data lexicon of each fold comes from the others."""
    xs = []
    n = len(sents)
    bounds = [round(i * n / folds) for i in range(folds + 1)]
    for k in range(folds):
        part = sents[bounds[k]: bounds[k + 1]]
        rest = sents[: bounds[k]] + sents[bounds[k + 1]:]
        lex = _freeze(training_lexicon(rest)) if config.lexicon else {}
        ext = FeatureExtractor(clusters, gazetteer, lex, config)
        xs.extend(ext.sentence_features(toks) for toks, _ in part)
    return xs


def _dev_overlap_filter(dev, width: int = 24):
    """Predicate: does a sentence share a `width`-character stretch (folded, spaces removed) with dev?"""
    grams = set()
    for toks, _ in dev:
        s = fold("".join(toks))
        grams.update(s[i: i + width] for i in range(0, max(1, len(s) - width + 1), 4))

    def overlaps(toks) -> bool:
        s = fold("".join(toks))
        return any(s[i: i + width] in grams for i in range(max(1, len(s) - width + 1)))

    return overlaps


def load_extra(data_dir: Path, names: list[str], dev) -> list:
    """Extra training sentences: `wojood` (sample train), `newsfane` (mapped, minus dev-overlapping text)."""
    out = []
    for name in names:
        if name == "wojood":
            out += conll.read_wojood(data_dir / "wojood-sample-train.conll")
        elif name == "newsfane":
            overlaps = _dev_overlap_filter(dev)
            out += [s for s in conll.read_newsfane(data_dir / "newsfane-gold.conll") if not overlaps(s[0])]
    return out


def tag_all(tagger, sents) -> list[list[str]]:
    return [tagger.tag(toks) if toks else [] for toks, _ in sents]


def fit(train_sents, clusters, gazetteer, config, params, model_path: Path, extra=()) -> float:
    """Train one CRF; returns seconds spent."""
    import pycrfsuite

    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    xs = jackknife_features(train_sents, clusters, gazetteer, config)
    for x, (_, y) in zip(xs, train_sents, strict=True):
        trainer.append(x, y)
    if extra:
        lex = _freeze(training_lexicon(train_sents)) if config.lexicon else {}
        ext = FeatureExtractor(clusters, gazetteer, lex, config)
        for toks, y in extra:
            trainer.append(ext.sentence_features(toks), y)
    algorithm = params.get("algorithm", "lbfgs")
    trainer.select(algorithm)
    trainer.set_params({k: v for k, v in params.items() if k != "algorithm"})
    trainer.train(str(model_path))
    return time.time() - t0


def write_resources(out_dir: Path, clusters_path: Path | None, gazetteer, lexicon) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    if clusters_path is not None and clusters_path.resolve() != (out_dir / CLUSTERS_FILE).resolve():
        shutil.copyfile(clusters_path, out_dir / CLUSTERS_FILE)
    write_table(gazetteer, out_dir / GAZETTEER_FILE, "NER gazetteer: GeoNames, name lists, Wikidata, own list")
    write_table(lexicon, out_dir / LEXICON_FILE, "entity-word memory from ANERcorp training sentences")


def train(
    data_dir: Path, out_dir: Path = MODEL_DIR, gaz_dir: Path | None = None, clusters_path: Path | None = None,
    config: FeatureConfig | None = None, params: dict | None = None, extra: list[str] | None = None,
    dev_fraction: float = 0.12, full: bool = False, log=print,
) -> dict:
    """Train on ANERcorp (minus the dev tail), score on dev and out-of-domain sets, write `out_dir`.

    By default the written model is the one scored (trained without the dev split, lexicon from the
    training portion only). With `full` it is then retrained on all of ANERcorp train (dev included)
    with the same settings; the reported dev scores stay those of the model trained without it.
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    gaz_dir = Path(gaz_dir) if gaz_dir else data_dir.parent / "gazetteers"
    config = config or FeatureConfig()
    params = dict(params or {})
    if params.get("algorithm", "lbfgs") == "lbfgs":
        params = {**DEFAULT_PARAMS, **params}
    else:
        params.setdefault("feature.possible_transitions", True)
    if clusters_path is None and (out_dir / CLUSTERS_FILE).exists():
        clusters_path = out_dir / CLUSTERS_FILE
    clusters = {}
    if config.clusters and clusters_path is not None:
        with open(clusters_path, encoding="utf-8") as fh:
            clusters = read_table(fh)
    gazetteer = build_gazetteer(gaz_dir) if config.gazetteers else {}
    sents = conll.read_anercorp(data_dir / "anercorp-train.conll")
    train_sents, dev = conll.split_tail(sents, dev_fraction)
    extra_sents = load_extra(data_dir, extra or [], dev)

    work = out_dir / "_work"
    work.mkdir(parents=True, exist_ok=True)
    lexicon = training_lexicon(train_sents) if config.lexicon else {}
    write_resources(work, clusters_path, gazetteer, lexicon)
    (work / META_FILE).write_text(json.dumps({"features": asdict(config)}), encoding="utf-8")
    secs = fit(train_sents, clusters, _freeze(gazetteer), config, params, work / MODEL_FILE, extra_sents)
    tagger = Tagger(work)
    t0 = time.time()
    pred = tag_all(tagger, dev)
    dev_tokens = sum(len(t) for t, _ in dev)
    speed = dev_tokens / (time.time() - t0)
    result = {
        "config": asdict(config), "params": params, "extra": extra or [],
        "train_sentences": len(train_sents), "dev_sentences": len(dev), "dev_tokens": dev_tokens,
        "train_seconds": round(secs, 1), "tokens_per_second": round(speed),
        "dev": conll.evaluate([g for _, g in dev], pred),
        "dev_doc": conll.evaluate([g for _, g in dev], propagate([t for t, _ in dev], pred, DOC_WINDOW)),
    }
    ood = {"wojood_val": (conll.read_wojood, "wojood-sample-val.conll"),
           "newsfane": (conll.read_newsfane, "newsfane-gold.conll")}
    for key, (reader, fname) in ood.items():
        if (data_dir / fname).exists():
            gold = reader(data_dir / fname)
            pred = tag_all(tagger, gold)
            result[key] = conll.evaluate([g for _, g in gold], pred)
            result[key + "_doc"] = conll.evaluate([g for _, g in gold], propagate([t for t, _ in gold], pred))
            if key == "newsfane":  # NewsFANE re-annotates ANERcorp text: its dev-split part is unseen
                overlaps = _dev_overlap_filter(dev)
                gold = [s for s in gold if overlaps(s[0])]
                pred = tag_all(tagger, gold)
                result["newsfane_dev"] = conll.evaluate([g for _, g in gold], pred)
                result["newsfane_dev_doc"] = conll.evaluate([g for _, g in gold], propagate([t for t, _ in gold], pred))
                result["newsfane_dev"]["sentences"] = len(gold)
    log(f"dev: {conll.format_scores(result['dev'])}  ({result['train_seconds']}s, {result['tokens_per_second']} tok/s)")
    for key in ("dev_doc", "wojood_val", "wojood_val_doc", "newsfane", "newsfane_dev", "newsfane_dev_doc"):
        if key in result:
            log(f"{key}: {conll.format_scores(result[key])}")
    if full:
        lexicon = training_lexicon(sents) if config.lexicon else {}
        write_resources(work, clusters_path, gazetteer, lexicon)
        result["full_train_seconds"] = round(
            fit(sents, clusters, _freeze(gazetteer), config, params, work / MODEL_FILE, extra_sents), 1)
    result["model_bytes"] = (work / MODEL_FILE).stat().st_size
    meta = {"features": asdict(config), "scores": result, "trained_on_dev_split_too": full}
    (work / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    for name in (MODEL_FILE, CLUSTERS_FILE, GAZETTEER_FILE, LEXICON_FILE, META_FILE):
        if (work / name).exists():
            shutil.move(str(work / name), out_dir / name)
    shutil.rmtree(work, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ner"))
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--gazetteers", type=Path, default=None)
    ap.add_argument("--clusters", type=Path, default=None, help="clusters TSV (default: the one in --out)")
    ap.add_argument("--no-gazetteers", action="store_true")
    ap.add_argument("--no-clusters", action="store_true")
    ap.add_argument("--no-lexicon", action="store_true")
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--extra", default="", help="comma list: wojood,newsfane")
    ap.add_argument("--algorithm", default="lbfgs")
    ap.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    ap.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    ap.add_argument("--minfreq", type=float, default=DEFAULT_PARAMS["feature.minfreq"])
    ap.add_argument("--full", action="store_true", help="retrain on train+dev after scoring, for release")
    ap.add_argument("--json", type=Path, default=None, help="also write the scores here")
    args = ap.parse_args(argv)
    config = FeatureConfig(gazetteers=not args.no_gazetteers, clusters=not args.no_clusters,
                           lexicon=not args.no_lexicon, window=args.window)
    params = {"algorithm": args.algorithm, "max_iterations": args.iterations, "feature.minfreq": args.minfreq}
    if args.algorithm == "lbfgs":
        params.update({"c1": args.c1, "c2": args.c2})
    result = train(args.data, args.out, args.gazetteers, args.clusters, config, params,
                   [x for x in args.extra.split(",") if x], full=args.full)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
