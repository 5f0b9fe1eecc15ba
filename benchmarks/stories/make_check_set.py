"""Story-clustering check sets on real news: select the articles, print them for reading, check the labels.

A check set is every news article of the chosen day(s) (by `date_extracted`) from the chosen outlets of
the SaudiNewsNet archive, without opinion columns and sports, and with --area only those whose title
names a politics-or-security subject (rules in selection.yaml). The selection is deterministic: no
sampling, so no seed. The labels (tune.json, test.json and the -mixed pair) are made by reading; see
README.md.

    .venv/bin/python benchmarks/stories/make_check_set.py --day 2015-07-27 --area     # print for reading
    .venv/bin/python benchmarks/stories/make_check_set.py --stats benchmarks/stories/tune.json
    .venv/bin/python benchmarks/stories/make_check_set.py --score-singletons benchmarks/stories/test.json

--stats and --score-singletons rebuild the selection from the label file's `built_by` and check that
every selected article is in exactly one story and that no other article is.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shlex
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = "../shared/data/news/saudinewsnet-2015-07-21_to_08-07.jsonl.gz"  # relative to the repo root
# Every general-news source of the archive, in the order a set lists them (arreyadi* are sports papers).
ALL_OUTLETS = ("sabq", "alweeam", "3alyoum", "okaz", "alwatan", "alyaum", "alriyadh", "aljazirah", "almadina",
               "aleqtisadiya", "aawsat", "was")
RULES = yaml.safe_load((HERE / "selection.yaml").read_text(encoding="utf-8"))


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--day", action="append", default=[], help="date_extracted day, YYYY-MM-DD (repeatable)")
    ap.add_argument("--outlets", default="all", help="comma-separated `source` values, or all")
    ap.add_argument("--area", action="store_true", help="only titles naming a politics/security subject")
    ap.add_argument("--corpus", default=CORPUS, help="archive path, relative to the repo root")
    ap.add_argument("--chars", type=int, default=350, help="characters of the body to print per article")
    ap.add_argument("--urls", action="store_true", help="print only the selected urls")
    ap.add_argument("--stats", metavar="LABELS", help="check a label file and print its figures")
    ap.add_argument("--score-singletons", metavar="LABELS", help="B-cubed of all-singletons on a label file")
    ap.add_argument("--json", action="store_true", help="figures as JSON")
    return ap.parse_args(argv)


# --- selection ---------------------------------------------------------------------------------

def _cue_pattern(words: Iterable[str]) -> re.Pattern[str]:
    # A cue word may carry a conjunction/preposition and the article: والهلال، بالمباراة، للمنتخب.
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)[وفبل]?(?:ال|لل)?({alternatives})(?!\w)")


SPORTS_CUES = _cue_pattern(RULES["sports_cues"])
AREA_WORDS = _cue_pattern(w for family in RULES["area_title_words"].values() for w in family)


def is_opinion(rec: dict) -> bool:
    pattern = RULES["opinion_urls"].get(rec["source"])
    if pattern and re.search(pattern, rec["url"]):
        return True
    byline = rec.get("author", "").strip()
    if not byline:
        return False
    has_mark = any(m in byline for m in RULES["dateline_marks"])
    has_word = any(w in byline for w in RULES["dateline_words"])
    return not (has_mark or has_word)


def is_sports(rec: dict) -> bool:
    pattern = RULES["sports_urls"].get(rec["source"])
    if pattern and re.search(pattern, rec["url"]):
        return True
    lead = rec.get("title", "") + " " + rec.get("content", "")[:300]
    return len(set(SPORTS_CUES.findall(lead))) >= RULES["sports_min_cues"]


def in_area(rec: dict) -> bool:
    return bool(AREA_WORDS.search(rec.get("title", "")))


def read_corpus(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def select(args: argparse.Namespace) -> list[dict]:
    """The set's articles in a fixed order: day, outlet (as listed), then the archive's order."""
    path = (REPO / args.corpus).resolve()
    if not path.exists():
        sys.exit(f"archive not found: {path}")
    days = set(args.day)
    outlets = list(ALL_OUTLETS) if args.outlets == "all" else [o.strip() for o in args.outlets.split(",")]
    chosen = [
        r for r in read_corpus(path)
        if r["date_extracted"][:10] in days and r["source"] in outlets and not is_opinion(r) and not is_sports(r)
        and (in_area(r) or not args.area)
    ]
    chosen.sort(key=lambda r: (r["date_extracted"][:10], outlets.index(r["source"])))  # stable sort
    urls = Counter(r["url"] for r in chosen)
    if any(n > 1 for n in urls.values()):
        sys.exit("urls repeat in the selection: " + ", ".join(u for u, n in urls.items() if n > 1))
    return chosen


def print_for_reading(chosen: list[dict], chars: int) -> None:
    for i, r in enumerate(chosen):
        body = " ".join(r.get("content", "").split())[:chars]
        print(f"[{i}] {r['source']} {r['date_extracted']} {r['url']}")
        print(f"    T: {r.get('title', '')}")
        print(f"    A: {r.get('author', '')}")
        print(f"    B: {body}\n")


# --- labels and scores ---------------------------------------------------------------------------

def bcubed(predicted: list[list[str]], gold: list[list[str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (Bagga & Baldwin 1998): per-item averages, F1 of the two means."""
    pred_of = {item: frozenset(c) for c in predicted for item in c}
    gold_of = {item: frozenset(c) for c in gold for item in c}
    if set(pred_of) != set(gold_of):
        raise ValueError("predicted and gold clusterings cover different items")
    n = len(gold_of)
    p = sum(len(pred_of[i] & gold_of[i]) / len(pred_of[i]) for i in gold_of) / n
    r = sum(len(pred_of[i] & gold_of[i]) / len(gold_of[i]) for i in gold_of) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_labels(path: Path) -> tuple[dict, list[dict]]:
    """The label file and the selection rebuilt from its `built_by`; exits on any coverage error."""
    labels = json.loads(path.read_text(encoding="utf-8"))
    argv = shlex.split(labels["built_by"])[1:]  # drop the script's own path
    chosen = select(parse_args(argv + ["--corpus", labels.get("corpus", CORPUS)]))
    members = [u for s in labels["stories"] for u in s["members"]]
    counts, selected = Counter(members), {r["url"] for r in chosen}
    problems = [f"in {n} stories: {u}" for u, n in counts.items() if n > 1]
    problems += [f"not selected: {u}" for u in counts if u not in selected]
    problems += [f"not labelled: {u}" for u in selected if u not in counts]
    problems += [f"story without members: {s.get('topic')}" for s in labels["stories"] if not s["members"]]
    if problems:
        sys.exit(f"{path}: {len(problems)} problem(s)\n" + "\n".join(problems[:30]))
    return labels, chosen


def figures(labels: dict, chosen: list[dict]) -> dict:
    gold = [s["members"] for s in labels["stories"]]
    sizes = Counter(len(m) for m in gold)
    source = {r["url"]: r["source"] for r in chosen}
    outlets_per_story = Counter(len({source[u] for u in m}) for m in gold if len(m) > 1)
    p, r, f = bcubed([[u] for m in gold for u in m], gold)
    return {
        "articles": len(chosen),
        "stories": len(gold),
        "multi_member_stories": sum(n for k, n in sizes.items() if k > 1),
        "articles_in_multi_member_stories": sum(k * n for k, n in sizes.items() if k > 1),
        "singletons": sizes.get(1, 0),
        "size_distribution": {str(k): sizes[k] for k in sorted(sizes)},
        "outlets_per_multi_member_story": {str(k): outlets_per_story[k] for k in sorted(outlets_per_story)},
        "articles_per_outlet": dict(Counter(r["source"] for r in chosen)),
        "all_singletons_bcubed": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    label_file = args.stats or args.score_singletons
    if label_file:
        stats = figures(*load_labels(Path(label_file)))
        if args.score_singletons:
            stats = {"file": label_file, "articles": stats["articles"], **stats["all_singletons_bcubed"]}
        if args.json:
            print(json.dumps(stats, ensure_ascii=False, indent=1))
        else:
            for key, value in stats.items():
                print(f"{key:>34}: {value}")
        return 0
    if not args.day:
        sys.exit("give --day (or --stats/--score-singletons LABELS)")
    chosen = select(args)
    if args.urls:
        print("\n".join(r["url"] for r in chosen))
    else:
        print_for_reading(chosen, args.chars)
        print(f"{len(chosen)} articles: {dict(Counter(r['source'] for r in chosen))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
