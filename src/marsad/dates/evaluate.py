"""`marsad eval timex`: score `find_timexes` on Recognizers-Text style cases (ANALYSIS-FORMAT.md).

Extraction: a predicted span is right when it overlaps a gold span, a gold span is found when a predicted
span overlaps it (exact-span F1 too). Value: the TIMEX3 value of the prediction overlapping a gold span most
must equal the case's timex; for a range "(a,b,d)" both ends must match. The value scored is the timex's
`stated_value` (and `stated_range`): Recognizers keeps X for what an expression does not state even when the
case has a reference date ("2 أكتوبر" XXXX-10-02, "الجمعة" XXXX-WXX-5) and resolves only deictic words
(غدا، الأسبوع المقبل), which is what `stated_value` holds; `value`, which also fills a year or a week from
the context as news needs, is scored as `value_accuracy_anchored`. Run:
    .venv/bin/python -m marsad.dates.evaluate --data ../shared/data/time/recognizers-ar-dev.jsonl [--json] [--misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from marsad.arabic.normalize import normalize
from marsad.dates.relative import find_timexes
from marsad.model import Timex

Finder = Callable[[str, dt.date | None], list[Timex]]
_DEV = Path(__file__).resolve().parents[4] / "shared" / "data" / "time" / "recognizers-ar-dev.jsonl"


def _locate(text: str, gold: str, start: int) -> tuple[int, int] | None:
    """Where a gold text sits in the input; some cases give Start -1 or a shifted Start, some a spelling
    that differs only in marks ("غدا" for "غدًا"). Spans are trimmed of surrounding spaces."""
    g = gold.strip()
    if not g:
        return None
    lead = len(gold) - len(gold.lstrip())
    if 0 <= start and text[start + lead:start + lead + len(g)] == g:
        return start + lead, start + lead + len(g)
    hits = [m.start() for m in re.finditer(re.escape(g), text)]
    if hits:
        s = min(hits, key=lambda h: abs(h - start))
        return s, s + len(g)
    n = normalize(text)
    folded = normalize(g).text
    pos = n.text.find(folded)
    return n.original_span(pos, pos + len(folded)) if pos >= 0 else None


def _gold_timex(result: dict[str, Any]) -> str | None:
    value = result.get("Value")
    if isinstance(value, dict) and value.get("Timex"):
        return str(value["Timex"])
    res = result.get("Resolution")
    if isinstance(res, dict) and res.get("values"):
        return res["values"][0].get("timex")
    return None


def _first_day(v: str) -> str:
    """The first day of a TIMEX3 period, so that 2014, 2014-01 and 2014-01-01 compare as one start."""
    if re.fullmatch(r"\d{4}", v):
        return f"{v}-01-01"
    if re.fullmatch(r"\d{3}", v):
        return f"{v}0-01-01"  # a decade: 197 -> 1970
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        return f"{m.group(1)}-{3 * int(m.group(2)) - 2:02d}-01"
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}", v):
        return f"{v}-01"
    return v


def _after(v: str) -> str | None:
    """The first day after a TIMEX3 period (its exclusive end), or None when it is not a calendar period."""
    try:
        if re.fullmatch(r"\d{4}", v):
            return f"{int(v) + 1}-01-01"
        if re.fullmatch(r"\d{3}", v):
            return f"{int(v) + 1}0-01-01"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m.group(1)), int(m.group(2))
            return f"{y + q // 4}-{(3 * q) % 12 + 1:02d}-01"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m.group(1)), int(m.group(2))
            return f"{y + mo // 12}-{mo % 12 + 1:02d}-01"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return (dt.date.fromisoformat(v) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return None
    return None


def stated(pred: Timex) -> tuple[str, tuple[str, str] | None]:
    """The value and range as the expression states them (`value`/`range` when the finder set none)."""
    if pred.stated_value is None:
        return pred.value, pred.range
    return pred.stated_value, pred.stated_range


def value_matches(pred: Timex, gold: str, anchored: bool = False) -> bool:
    """Our stated value (`anchored`: our value) equals the gold timex; for a gold range "(a,b,d)" our range
    (or our period) has both ends."""
    value, rng = (pred.value, pred.range) if anchored else stated(pred)
    parts = gold.strip("()").split(",")
    if len(parts) != 3:
        return value == gold
    a, b = _first_day(parts[0]), _first_day(parts[1])
    if rng is not None:
        return _first_day(rng[0]) == a and _first_day(rng[1]) == b
    return _first_day(value) == a and _after(value) == b


def _shape(v: str) -> str:
    """A value's pattern, to group confusions: 2016-11-07 -> 9999-99-99, (XXXX-09-03,...) -> (XXXX-99-99,...)."""
    return re.sub(r"\d", "9", v)


def _ref(case: dict[str, Any]) -> dt.date | None:
    ref = case.get("reference_datetime")
    return dt.date.fromisoformat(ref[:10]) if ref else None


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score(cases: Iterable[dict[str, Any]], find: Finder = find_timexes) -> dict[str, Any]:
    """Scores over parsed cases (see the module docstring); `misses` lists the wrong or missed values, those
    of cases with `ignore_resolution` too (marked `ignored`, never scored)."""
    n_pred = n_gold = tp_pred = tp_gold = exact = n_cases = scored = right = anchored = unlocated = 0
    misses: list[dict[str, Any]] = []
    for case in cases:
        n_cases += 1
        text = case["input"]
        preds = find(text, _ref(case))
        spans = [(t.start, t.end) for t in preds]
        golds = []
        for r in case.get("results", []):
            loc = _locate(text, r.get("Text", ""), int(r.get("Start", -1)))
            unlocated += loc is None
            golds.append((loc, r))
        n_pred += len(preds)
        n_gold += len(golds)
        tp_pred += sum(any(loc and s < loc[1] and loc[0] < e for loc, _ in golds) for s, e in spans)
        tp_gold += sum(bool(loc and any(s < loc[1] and loc[0] < e for s, e in spans)) for loc, _ in golds)
        exact += sum(loc in spans for loc, _ in golds if loc)
        ignored = bool(case.get("ignore_resolution") or case.get("not_supported"))
        for loc, r in golds:
            gold = _gold_timex(r)
            if not gold:
                continue
            over = [(min(t.end, loc[1]) - max(t.start, loc[0]), t) for t in preds if loc] if loc else []
            over = [(o, t) for o, t in over if o > 0]
            best = max(over, key=lambda ot: ot[0])[1] if over else None
            ok = best is not None and value_matches(best, gold)
            if not ignored:
                scored += 1
                right += ok
                anchored += best is not None and value_matches(best, gold, anchored=True)
            if not ok:
                got = stated(best) if best else None
                misses.append({"input": text, "gold_text": r.get("Text", ""), "gold": gold, "ignored": ignored,
                               "got_text": text[best.start:best.end] if best else None,
                               "got": got and (f"({got[1][0]},{got[1][1]})" if got[1] else got[0])})
    return {"extraction": _prf(tp_pred, n_pred, tp_gold, n_gold),
            "extraction_exact": _prf(exact, n_pred, exact, n_gold),
            "value_accuracy": round(right / scored, 4) if scored else 0.0,
            "cases": n_cases, "gold_spans": n_gold, "predicted_spans": n_pred, "values_scored": scored,
            "value_accuracy_anchored": round(anchored / scored, 4) if scored else 0.0,
            "gold_unlocated": unlocated, "misses": misses}


def confusions(misses: list[dict[str, Any]]) -> str:
    """The misses grouped by pattern (gold shape -> our shape), largest group first, scored ones first."""
    groups: dict[tuple[bool, str, str], list[dict[str, Any]]] = {}
    for m in misses:
        key = (m["ignored"], _shape(m["gold"]), _shape(m["got"]) if m["got"] else "(none)")
        groups.setdefault(key, []).append(m)
    lines = []
    for (ignored, g, p), ms in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0])):
        lines.append(f"{len(ms):3}  {'ignored ' if ignored else ''}gold {g}  got {p}")
        lines += [f"       {m['gold_text'].strip()!r} {m['gold']} | got {m['got_text']!r} {m['got']}  <- {m['input']}"
                  for m in ms]
    return "\n".join(lines)


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_timex(path: str | Path = _DEV, find: Finder = find_timexes) -> dict[str, Any]:
    """Scores of `find` on the JSONL cases at `path`: extraction and exact P/R/F1, value accuracy, cases."""
    return score(load_cases(path), find)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="marsad eval timex", description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(_DEV), help="Recognizers-style JSONL cases")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--misses", action="store_true", help="print the value confusions grouped by pattern")
    args = ap.parse_args(argv)
    if not Path(args.data).is_file():
        print(f"no such file: {args.data}", file=sys.stderr)
        return 2
    res = evaluate_timex(args.data)
    misses = res.pop("misses")
    if args.json:
        print(json.dumps(res | ({"misses": misses} if args.misses else {}), indent=2, ensure_ascii=False))
        return 0
    for key in ("extraction", "extraction_exact"):
        print(f"{key:17} P {res[key]['p']:.3f}  R {res[key]['r']:.3f}  F1 {res[key]['f1']:.3f}")
    print(f"value accuracy    {res['value_accuracy']:.3f} over {res['values_scored']} gold values "
          f"(stated_value; anchored value: {res['value_accuracy_anchored']:.3f})")
    print(f"cases {res['cases']}, gold spans {res['gold_spans']}, predicted {res['predicted_spans']}")
    if args.misses:
        print(confusions(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
