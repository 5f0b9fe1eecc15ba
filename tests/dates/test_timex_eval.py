"""The `eval timex` scorer: exact figures on hand-made cases, and floors on the Recognizers dev file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.dates.evaluate import evaluate_timex, score, value_matches
from marsad.model import Timex

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "time" / "recognizers-ar-dev.jsonl"

CASES = [
    {"input": "وصل أمس إلى المدينة", "reference_datetime": "2016-11-07T00:00:00", "ignore_resolution": False,
     "not_supported": "", "results": [{"Text": "أمس", "Start": 4, "Length": 3, "Type": "date",
                                       "Value": {"Timex": "2016-11-06"}}]},
    {"input": "بقي هناك 3 أيام ثم غادر", "reference_datetime": "2016-11-07T00:00:00", "ignore_resolution": False,
     "not_supported": "", "results": [{"Text": "3 أيام", "Start": 9, "Length": 6, "Type": "duration",
                                       "Value": {"Timex": "P3D"}}]},
    {"input": "لا شيء هنا", "reference_datetime": None, "ignore_resolution": False, "not_supported": "",
     "results": []},
    {"input": "النطاق من 2014 إلى 2018.", "reference_datetime": "2016-11-07T00:00:00", "ignore_resolution": False,
     "not_supported": "", "results": [{"Text": "من 2014 إلى 2018", "Start": 7, "Length": 16, "Type": "daterange",
                                       "Value": {"Timex": "(2014-01-01,2018-01-01,P4Y)"}}]},
]


def _span(text: str, part: str, **kw) -> Timex:
    start = text.index(part)
    return Timex(start, start + len(part), **kw)


def fake(values: dict[str, str]):
    """A finder that answers fixed timexes: one exact, one overlapping, one false, one range."""
    def find(text, ref):
        if text.startswith("وصل"):
            return [_span(text, "أمس", value=values.get("أمس", "2016-11-06"))]
        if text.startswith("بقي"):
            return [_span(text, "أيام", type="DURATION", value="P3D")]  # overlaps the gold "3 أيام"
        if text.startswith("لا"):
            return [_span(text, "شيء", value="PRESENT_REF")]  # a false positive
        return [_span(text, "2014 إلى 2018", value="2014", range=("2014", "2018"))]
    return find


def test_scores_on_hand_made_cases(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in CASES), encoding="utf-8")
    res = evaluate_timex(path, fake({}))
    # 4 predicted spans, 3 overlap a gold span; all 3 gold spans are found; only "أمس" is exact.
    assert res["extraction"] == {"p": 0.75, "r": 1.0, "f1": 0.8571}
    assert res["extraction_exact"] == {"p": 0.25, "r": 0.3333, "f1": 0.2857}
    assert res["value_accuracy"] == 1.0 and res["cases"] == 4 and res["values_scored"] == 3


def test_a_wrong_value_and_an_ignored_case():
    res = score(CASES, fake({"أمس": "2016-11-05"}))
    assert res["value_accuracy"] == round(2 / 3, 4)
    ignored = [dict(CASES[0], ignore_resolution=True), CASES[1]]
    res = score(ignored, fake({"أمس": "2016-11-05"}))
    assert (res["values_scored"], res["value_accuracy"]) == (1, 1.0)  # only the duration is scored


def test_a_shifted_gold_offset_is_found_by_its_text():
    case = dict(CASES[0], results=[dict(CASES[0]["results"][0], Start=-1)])
    assert score([case], fake({}))["extraction_exact"]["f1"] == 1.0


@pytest.mark.parametrize("pred, gold, ok", [
    (Timex(0, 1, value="2016-Q3"), "(2016-07-01,2016-10-01,P3M)", True),
    (Timex(0, 1, value="2016"), "(2016-01-01,2017-01-01,P1Y)", True),
    (Timex(0, 1, value="197"), "(1970-01-01,1980-01-01,P10Y)", True),
    (Timex(0, 1, value="2014", range=("2014", "2018")), "(2014-01-01,2018-01-01,P4Y)", True),
    (Timex(0, 1, value="XXXX-09-03", range=("XXXX-09-03", "XXXX-09-12")), "(XXXX-09-03,XXXX-09-12,P9D)", True),
    (Timex(0, 1, value="2014", range=("2014", "2017")), "(2014-01-01,2018-01-01,P4Y)", False),
    (Timex(0, 1, value="2016-11-06"), "2016-11-06", True),
    (Timex(0, 1, value="2017-10-02"), "XXXX-10-02", False),
    (Timex(0, 1, value="2017-10-02", stated_value="XXXX-10-02"), "XXXX-10-02", True),
    (Timex(0, 1, value="2017-10-03", range=("2017-10-03", "2017-10-12"), stated_value="XXXX-10-03",
           stated_range=("XXXX-10-03", "XXXX-10-12")), "(XXXX-10-03,XXXX-10-12,P9D)", True),
])
def test_value_matching(pred, gold, ok):
    assert value_matches(pred, gold) is ok


def test_the_stated_value_is_scored_and_the_anchored_value_reported():
    """A year-less date: Recognizers' gold keeps XXXX; our stated_value does, our value is anchored."""
    case = {"input": "وقعت الاتفاقية في 12 مارس", "reference_datetime": "2025-09-30T00:00:00",
            "ignore_resolution": False, "not_supported": "",
            "results": [{"Text": "12 مارس", "Start": 18, "Length": 7, "Type": "date", "Value": {"Timex": "XXXX-03-12"}}]}
    res = score([case])
    assert (res["value_accuracy"], res["value_accuracy_anchored"], res["misses"]) == (1.0, 0.0, [])
    wrong = dict(case, results=[dict(case["results"][0], Value={"Timex": "XXXX-03-13"})])
    res = score([wrong, dict(wrong, ignore_resolution=True)])
    assert res["values_scored"] == 1 and [m["ignored"] for m in res["misses"]] == [False, True]
    assert res["misses"][0]["got"] == "XXXX-03-12" and res["misses"][0]["got_text"] == "12 مارس"


@pytest.mark.skipif(not DEV.is_file(), reason=f"the Recognizers dev cases are not at {DEV}")
def test_dev_file_floors():
    res = evaluate_timex(DEV)
    assert res["cases"] == 772
    # First reached: extraction F1 0.887, exact F1 0.540, value accuracy 0.606 (40/66); then 0.899, 0.572 and
    # 0.667 (44/66) scoring `value`; now 0.917, 0.624 and 0.894 (59/66) scoring `stated_value` (Recognizers keeps
    # X for a year the expression does not state), with `value` at 0.742 (value_accuracy_anchored).
    assert res["extraction"]["f1"] >= 0.90
    assert res["extraction_exact"]["f1"] >= 0.60
    assert res["value_accuracy"] >= 0.87
    assert res["value_accuracy_anchored"] >= 0.72
