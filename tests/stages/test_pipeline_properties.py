"""Properties of the reading stages on any text: no exception, exact spans, stable ids."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import RawDocument, Skipped
from marsad.pipeline import Pipeline, stage
from marsad.service import analyse

ARABIC_LINES = st.lists(st.sampled_from([
    "قال المتحدث باسم الوزارة إن الاجتماع سيعقد في بغداد الأسبوع المقبل لبحث الملفات العالقة.",
    "وكالة النهرين- بغداد", "نشر في: 3 نوفمبر، 2025: 09:15 م", "الرئيسية", "TOP", "facebook twitter",
    "مقالات ذات صلة", "ترجمة سعاد كريم", "", "   ", "صحيفة الغد > سياسة > عنوان", "• نقطة أولى في الملخص هنا.",
    "وأضاف أن «الاتفاق سيوقع قريبا»، بحسب وكالة \"الفجر\".", "date 2025-01-02 - نقطة من الملخص الأول هنا - ثانية هنا أيضا",
    "وقال رئيس الوزراء العراقي محمد شياع السوداني لـ\"الفجر\" إن نحو 2500 جندي غادروا أمس قاعدة عين الأسد.",
    "ونقلت وكالة الرافد عن مصدر أمني قوله: “انتهى الأمر”، مشيرا إلى أن بـ”الكلاب” لا.", "قائلاً: “", "بحسب",
]), max_size=12).map("\n".join)


def _check(result):
    if isinstance(result, Skipped):
        assert "\n" not in result.line()
        return
    a = result
    for span in (*a.sentences, *a.tokens):
        assert 0 <= span.start < span.end <= len(a.text)
    if a.outlet_evidence and a.outlet_evidence.where == "text":
        assert a.text[a.outlet_evidence.start:a.outlet_evidence.end] == a.outlet_evidence.text
    if a.published_evidence and a.published_evidence.start >= 0:
        assert a.raw[a.published_evidence.start:a.published_evidence.end] == a.published_evidence.text
    if a.published:
        assert len(a.published) in (10, 16)
    for fact in (*a.mentions, *a.timexes, *a.quantities, *a.quotes):
        assert 0 <= fact.start < fact.end <= len(a.text), fact
    for q in a.quotes:
        assert 0 <= q.cue_start < q.cue_end <= len(a.text) and a.text[q.cue_start:q.cue_end] == q.cue
        if q.speaker_start is not None:
            assert a.text[q.speaker_start:q.speaker_end] == q.speaker_text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_pipeline_any_unicode_never_raises(text):
    _check(analyse(RawDocument("x", text, text), Pipeline()))


@settings(max_examples=150, deadline=None)
@given(ARABIC_LINES)
def test_pipeline_web_like_lines_give_exact_spans(text):
    _check(analyse(RawDocument("x", text, text), Pipeline()))


def test_identity_survives_a_better_cleaner():
    """The id hashes the raw input, so changing the clean stage never renumbers the archive."""
    text = "الرئيسية\nقال الوزير إن المفاوضات ستستأنف في أنقرة خلال الشهر المقبل بحضور الخبراء.\nTOP"
    doc = RawDocument("x.txt", text, text)
    base = analyse(doc, Pipeline())
    pipe = Pipeline()
    clean = pipe.stages[0]
    better = dataclasses.replace(clean, version=clean.version + 1,
                                 run=lambda a, ctx: dataclasses.replace(clean.run(a, ctx), text=a.raw.strip()))
    improved = analyse(doc, Pipeline((better, *pipe.stages[1:])))
    assert improved.text != base.text
    assert improved.id == base.id and improved.content_hash == base.content_hash


def test_pipeline_refuses_a_stage_whose_input_nobody_provides():
    import pytest

    from marsad.errors import PipelineError

    orphan = stage("verdicts", 1, requires={"rulings"}, provides={"verdicts"}, run=lambda a, c: a)
    with pytest.raises(PipelineError, match="'verdicts' requires 'rulings'"):
        Pipeline((*Pipeline().stages, orphan))


def test_pipeline_bare_clitic_before_a_quoted_word_gives_no_empty_mention():
    text = "وقال المواطن إن المقدم وصف الأطفال بـ”الكلاب”، قائلاً: “ارتق بمفردات حديثك”."
    article = analyse(RawDocument("x", text, text), Pipeline())
    assert all(m.end > m.start for m in article.mentions)
    assert all(article.text[q.start:q.end] for q in article.quotes)
