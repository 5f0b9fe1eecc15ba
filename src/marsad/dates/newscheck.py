"""Score `find_timexes` on the hand-labelled news check set (tests/cases/news_timex_check.yaml).

The check set names SaudiNewsNet articles by URL and gives, for each, the reference date (the crawl day) and
the temporal expressions a careful reader finds, with their offsets and TIMEX3 values. The texts are read from
the archive at run time (they are not kept in the repository). Recall: a gold span is found when a predicted
span overlaps it; value accuracy: over the found ones, the value of the prediction that overlaps it most
(and, for gold that gives a range, the range) equals the gold value. Run:
    .venv/bin/python -m marsad.dates.newscheck [--json] [--misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from marsad.dates.relative import find_timexes
from marsad.model import Timex

_ROOT = Path(__file__).resolve().parents[3]
CHECK = _ROOT / "tests" / "cases" / "news_timex_check.yaml"
NEWS = _ROOT.parent / "shared" / "data" / "news"

Finder = Callable[[str, dt.date | None], list[Timex]]


def load_check(path: Path = CHECK) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["articles"]


def load_texts(urls: set[str], folder: Path = NEWS) -> dict[str, str]:
    """The `content` of each wanted URL in the SaudiNewsNet archives under `folder` (first record wins)."""
    out: dict[str, str] = {}
    for path in sorted(folder.glob("saudinewsnet-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("url") in urls and rec["url"] not in out:
                    out[rec["url"]] = rec.get("content") or ""
    return out


def score(articles: list[dict[str, Any]], texts: dict[str, str], find: Finder = find_timexes) -> dict[str, Any]:
    gold = found = right = 0
    misses: list[dict[str, Any]] = []
    for art in articles:
        text = texts.get(art["url"])
        if text is None:
            raise KeyError(f"article not in the archive: {art['url']}")
        ref = dt.date.fromisoformat(str(art["ref"]))
        preds = find(text, ref)
        for t in art["timexes"]:
            s, e = int(t["start"]), int(t["start"]) + len(t["text"])
            if text[s:e] != t["text"]:
                raise ValueError(f"{art['url']}: {t['text']!r} is not at {s}")
            gold += 1
            over = [(min(p.end, e) - max(p.start, s), p) for p in preds if p.start < e and s < p.end]
            if not over:
                misses.append({"url": art["url"], "gold": t, "got": None})
                continue
            found += 1
            best = max(over, key=lambda op: op[0])[1]
            ok = best.value == str(t["value"]) and (not t.get("range") or list(best.range or ()) == t["range"])
            right += ok
            if not ok:
                misses.append({"url": art["url"], "gold": t,
                               "got": {"text": text[best.start:best.end], "value": best.value, "type": best.type}})
    return {"articles": len(articles), "gold": gold, "found": found, "right": right,
            "recall": round(found / gold, 4) if gold else 0.0,
            "value_accuracy": round(right / found, 4) if found else 0.0, "misses": misses}


def evaluate(check: Path = CHECK, news: Path = NEWS, find: Finder = find_timexes) -> dict[str, Any]:
    articles = load_check(check)
    return score(articles, load_texts({a["url"] for a in articles}, news), find)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m marsad.dates.newscheck", description=__doc__.splitlines()[0])
    ap.add_argument("--check", type=Path, default=CHECK)
    ap.add_argument("--news", type=Path, default=NEWS, help="folder of saudinewsnet-*.jsonl.gz")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list the expressions missed or valued wrong")
    args = ap.parse_args(argv)
    if not args.news.is_dir() or not any(args.news.glob("saudinewsnet-*.jsonl.gz")):
        print(f"no SaudiNewsNet archive under {args.news}", file=sys.stderr)
        return 2
    res = evaluate(args.check, args.news)
    if args.json:
        print(json.dumps(res if args.misses else {k: v for k, v in res.items() if k != "misses"},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{res['gold']} expressions in {res['articles']} articles: recall {res['recall']:.3f} "
          f"({res['found']}), value accuracy {res['value_accuracy']:.3f} ({res['right']}/{res['found']})")
    if args.misses:
        for m in res["misses"]:
            g, got = m["gold"], m["got"]
            print(f"  {g['text']!r} gold {g['value']} | " + (f"got {got['text']!r} {got['value']}" if got else "missed"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
