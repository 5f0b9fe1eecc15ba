"""Quote extraction on table-driven cases (tests/cases/quotes.yaml), including texts with no statement."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.quotes import find_quotes
from marsad.service import analyse

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "quotes.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_quotes_cases(case):
    text = case["text"]
    article = analyse(RawDocument("case", text, text), Pipeline())
    got = find_quotes(article)
    expected = case["quotes"]
    assert len(got) == len(expected), [(q.cue, article.text[q.start:q.end]) for q in got]
    for q, exp in zip(got, expected, strict=True):
        assert article.text[q.start:q.end] == exp["content"]
        assert article.text[q.cue_start:q.cue_end] == q.cue == exp["cue"]
        assert q.speaker_text == exp["speaker_text"]
        assert q.speaker == exp["speaker"]
        assert q.direct == exp["direct"] and q.anonymous == exp["anonymous"]
        assert q.channel == exp["channel"]
        assert q.via == exp.get("via")
        if q.speaker_start is not None:
            assert article.text[q.speaker_start:q.speaker_end] == q.speaker_text
