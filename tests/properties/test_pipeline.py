"""Properties of the whole pipeline and of every extractor on any text: no exception, every span inside the
article text, every span's text equal to the field that states it (cue, speaker, trigger, claim, evidence),
nested spans inside their fact, a deterministic result and a JSON document that reads back the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from hypothesis import example, given
from hypothesis import strategies as st
from news import any_text, article, budget, decorated, news, texts

from marsad.document import article_from_dict, article_to_dict
from marsad.model import Article, RawDocument, Skipped, SkipReason
from marsad.pipeline import Context, Pipeline, stage
from marsad.service import analyse, to_article

PIPELINE = Pipeline()
ARABIC_LINES = st.lists(st.sampled_from([
    "قال المتحدث باسم الوزارة إن الاجتماع سيعقد في بغداد الأسبوع المقبل لبحث الملفات العالقة.",
    "وكالة النهرين- بغداد", "نشر في: 3 نوفمبر، 2025: 09:15 م", "الرئيسية", "TOP", "facebook twitter",
    "مقالات ذات صلة", "ترجمة سعاد كريم", "", "   ", "صحيفة الغد > سياسة > عنوان", "• نقطة أولى في الملخص هنا.",
    "وأضاف أن «الاتفاق سيوقع قريبا»، بحسب وكالة \"الفجر\".", "date 2025-01-02 - نقطة من الملخص الأول هنا - ثانية هنا أيضا",
    "وقال رئيس الوزراء العراقي محمد شياع السوداني لـ\"الفجر\" إن نحو 2500 جندي غادروا أمس قاعدة عين الأسد.",
    "ونقلت وكالة الرافد عن مصدر أمني قوله: “انتهى الأمر”، مشيرا إلى أن بـ”الكلاب” لا.", "قائلاً: “", "بحسب",
]), max_size=12).map("\n".join)


def _inside(text: str, start, end, what) -> None:
    assert isinstance(start, int) and isinstance(end, int), what
    assert 0 <= start < end <= len(text), what
    piece = text[start:end]
    assert piece.strip() == piece, f"span with outer white space {piece!r}: {what}"


def check_article(a: Article) -> None:
    """Every offset of an analysed article against its text (and raw, for raw evidence)."""
    text = a.text
    for span in a.sentences:
        _inside(text, span.start, span.end, span)
    assert list(a.sentences) == sorted(a.sentences, key=lambda s: s.start)
    previous = 0
    for t in a.tokens:
        _inside(text, t.start, t.end, t)
        assert previous <= t.start, t  # in order, not overlapping
        previous = t.end
        # a bare proclitic ("لـ" before a quoted name) has an empty base at its end
        assert t.base_start == -1 or t.start <= t.base_start <= t.base_end == t.end, t
    for ev in (a.outlet_evidence, a.published_evidence):
        if ev is None or ev.start == -1:
            continue
        source = text if ev.where == "text" else a.raw
        assert 0 <= ev.start < ev.end <= len(source) and source[ev.start:ev.end] == ev.text, ev
    if a.published:
        dt.date.fromisoformat(a.published[:10])  # a real calendar day
        assert len(a.published) in (10, 16), a.published
    for m in a.mentions:
        _inside(text, m.start, m.end, m)
    for t in a.timexes:
        _inside(text, t.start, t.end, t)
    for q in a.quantities:
        _inside(text, q.start, q.end, q)
        for v in (q.value, q.low, q.high):
            assert v is None or v == v and abs(v) != float("inf"), q  # JSON has no NaN or Infinity
    for q in a.quotes:
        _inside(text, q.start, q.end, q)
        _inside(text, q.cue_start, q.cue_end, q)
        assert text[q.cue_start:q.cue_end] == q.cue, q
        if q.speaker_start is not None:
            _inside(text, q.speaker_start, q.speaker_end, q)
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text, q
    for e in a.events:
        _inside(text, e.start, e.end, e)
        _inside(text, e.trigger_start, e.trigger_end, e)
        assert e.start <= e.trigger_start < e.trigger_end <= e.end, e
        assert text[e.trigger_start:e.trigger_end] == e.trigger, e
        if e.date_start is not None:
            assert any((t.start, t.end) == (e.date_start, e.date_end) for t in a.timexes), e
    for c in a.claims:
        _inside(text, c.start, c.end, c)
        assert text[c.start:c.end] == c.text and c.article == a.id, c


def analysed(raw: str) -> Article:
    """The article from the whole pipeline; any stage exception fails the test (analyse() would skip it)."""
    result = analyse(RawDocument("x", raw, raw), PIPELINE)
    if isinstance(result, Skipped):
        assert result.reason == SkipReason.NO_TEXT, result.line()  # never STAGE_FAILED
        assert "\n" not in result.line()
        return PIPELINE.run(to_article(RawDocument("x", raw, raw)))
    return result


@budget(120)
@given(texts)
@example("النهرين  الجديدة- بغداد\nقال الوزير إن الاجتماع سيعقد في بغداد.")  # dateline: ValueError
@example("وقال الوزير “ ” للصحفيين.")  # a quote of one space
@example("ونفى\u00a0المتحدث\u00a0أن\u00a0الخميس")  # a statement starting with NBSP
@example("9" * 309 + " يوم")  # int(inf) in the time expressions
def test_pipeline_on_any_text_gives_exact_spans(raw: str) -> None:
    check_article(analysed(raw))


@budget(60)
@given(ARABIC_LINES)
def test_pipeline_on_web_like_lines_gives_exact_spans(raw: str) -> None:
    check_article(analysed(raw))


@budget(60)
@given(st.one_of(news(), article(), decorated()), st.one_of(st.none(), st.dates(), st.sampled_from(
    [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29)])))
@example("غدا", dt.date(9999, 12, 31))  # OverflowError past the calendar's last day
@example("نقلت وكالة الأنباء عن مصدر مسؤول قوله إن « ", None)  # a quote of one space
def test_every_extractor_on_uncleaned_text(text: str, published: dt.date | None) -> None:
    """The stages after `clean` run on a text the cleaner never saw (marks, controls, CR, NUL left in),
    with any publication date, the calendar's first and last days included."""
    article = dataclasses.replace(to_article(RawDocument("x", text, text)), text=text,
                                  published=published.isoformat() if published else None)
    for st_ in PIPELINE.stages[3:]:  # language, segment, timexes, mentions, ..., claims
        article = st_.run(article, Context())
    check_article(article)


@budget(40)
@given(st.one_of(news(), any_text))
def test_the_analysis_is_deterministic_and_its_json_reads_back(raw: str) -> None:
    a = analysed(raw)
    again = PIPELINE.run(to_article(RawDocument("x", raw, raw)))
    assert again == a
    d = article_to_dict(a)
    back = article_from_dict(json.loads(json.dumps(d, ensure_ascii=False, allow_nan=False)), raw=a.raw)
    assert article_to_dict(back) == d


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
