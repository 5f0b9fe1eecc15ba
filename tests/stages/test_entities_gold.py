"""Entities on the sample corpus and the seeds against the reviewed gold files.

Floors are what the recognizer reaches today; they only go up. Each failure lists what was
missed so that a regression is readable.
"""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CASES = HERE.parent / "cases"
SAMPLE = HERE.parents[1] / "src" / "marsad" / "sample"
SEEDS = HERE.parents[2] / "shared" / "seeds"

# floors: must_find recall, role accuracy; must_not_find and different_entities must be clean
FLOORS = {"sample": (0.88, 0.77), "seed": (0.92, 0.94)}








def _check(kind, articles, gold_name):
    import sys

    sys.path.insert(0, str(HERE))
    from entity_gold import Report, score_cross, score_file

    gold = yaml.safe_load((CASES / gold_name).read_text(encoding="utf-8"))
    total = Report()
    for case in gold["files"]:
        total.add(score_file(articles[case["file"]], case))
    cross = score_cross(articles, gold.get("cross_article", []))
    role_acc = total.roles_right / total.roles_expected if total.roles_expected else 1.0
    print(f"\n{kind}: must_find recall {total.recall:.3f} ({total.found}/{total.expected}), "
          f"roles {role_acc:.3f} ({total.roles_right}/{total.roles_expected}), false {len(total.false)}, "
          f"unlinked groups {len(total.unlinked)}, merged pairs {len(total.merged)}, cross-article problems {len(cross)}")
    for name in ("missing", "wrong_role", "false", "unlinked", "merged"):
        for item in getattr(total, name):
            print(f"  {name}: {item}")
    for item in cross:
        print(f"  cross: {item}")
    recall_floor, role_floor = FLOORS[kind]
    assert total.recall >= recall_floor
    assert role_acc >= role_floor
    assert not total.false and not total.merged  # no false entity on a trap, no merge of different entities
    return total, cross


def test_entities_sample_gold(sample_articles):
    _check("sample", sample_articles, "sample_entities.yaml")


def test_entities_seed_gold(seed_articles):
    _check("seed", seed_articles, "seed_entities.yaml")
