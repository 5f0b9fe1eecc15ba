"""Recall and value accuracy of `find_timexes` on the hand-labelled news check set.

The set (tests/cases/news_timex_check.yaml) names SaudiNewsNet articles by URL with offsets and TIMEX3 values
read by hand; the texts are read from the archive under ../shared/data/news at test time (skipped without it).
Print the figures and the misses with:
    .venv/bin/python -m marsad.dates.newscheck --misses
"""

from __future__ import annotations

import pytest
import yaml

from marsad.dates.newscheck import CHECK, NEWS, evaluate, load_check

HAVE_NEWS = NEWS.is_dir() and any(NEWS.glob("saudinewsnet-*.jsonl.gz"))


def test_the_check_set_is_well_formed():
    articles = load_check()
    timexes = [t for a in articles for t in a["timexes"]]
    assert len(articles) >= 35 and len(timexes) >= 120
    assert len({a["url"] for a in articles}) == len(articles)
    for a in articles:
        assert str(a["ref"])[:4] == "2015"
        for t in a["timexes"]:
            assert t["type"] in ("DATE", "TIME", "DURATION", "SET") and t["value"] and len(t["text"]) <= 60
    skipped = yaml.safe_load(CHECK.read_text(encoding="utf-8"))["skipped"]
    assert not {s["url"] for s in skipped} & {a["url"] for a in articles}


@pytest.mark.skipif(not HAVE_NEWS, reason=f"the SaudiNewsNet archive is not under {NEWS}")
def test_recall_and_value_accuracy_on_news():
    res = evaluate()
    print(f"\nnews check: {res['gold']} expressions, recall {res['recall']:.3f}, "
          f"value accuracy {res['value_accuracy']:.3f}")
    for m in res["misses"]:
        print("  miss:", m["gold"]["text"], m["gold"]["value"], "->", m["got"] and m["got"]["value"])
    # Reached when written: recall 0.985 (131/133), value accuracy 0.970 (127/131).
    assert res["recall"] >= 0.95
    assert res["value_accuracy"] >= 0.94
