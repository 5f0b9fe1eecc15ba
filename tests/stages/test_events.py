"""Events: typed triggers with exact spans, actors, place, date and modality, on short Arabic texts written
for these tests; texts that hold no event; the sample corpus and the seeds against reviewed golden files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marsad.errors import LexiconError
from marsad.events import find_events, user_files
from marsad.events.dating import date_of
from marsad.events.lexicon import ENV, noun_forms, verb_forms
from marsad.model import RawDocument, Timex
from marsad.pipeline import Context, Pipeline
from marsad.service import analyse

CASES = Path(__file__).resolve().parents[1] / "cases"
PIPELINE = Pipeline()


def analysed(text: str, published: str | None = "2025-10-21"):
    hints = (("published", published),) if published else ()
    return analyse(RawDocument("case", text, text, hints=hints), PIPELINE)


def summary(text: str, published: str | None = "2025-10-21") -> list[tuple]:
    """(type, trigger, span text, date, precision, how, modality) of each event."""
    a = analysed(text, published)
    return [(e.type, e.trigger, a.text[e.start:e.end], e.date, e.date_precision, e.date_how, e.modality)
            for e in a.events]


def the_event(text: str, trigger: str, published: str | None = "2025-10-21"):
    a = analysed(text, published)
    [e] = [e for e in a.events if e.trigger == trigger]
    assert a.text[e.trigger_start:e.trigger_end] == trigger
    assert e.start <= e.trigger_start < e.trigger_end <= e.end
    return a, e


# --- types, spans, dates -------------------------------------------------------------------------

def test_announcement_and_planned_handover_with_their_own_dates():
    text = ("أعلنت قيادة العمليات المشتركة، اليوم الثلاثاء، أن قوات التحالف الدولي ستسلم قاعدة عين الأسد "
            "إلى الجيش العراقي مطلع الشهر المقبل.")
    assert summary(text) == [
        ("ANNOUNCEMENT", "أعلنت", "أعلنت قيادة العمليات المشتركة", "2025-10-21", "day", "timex", "happened"),
        ("HANDOVER", "ستسلم", "ستسلم قاعدة عين الأسد إلى الجيش العراقي مطلع الشهر المقبل", "2025-11", "month",
         "timex", "planned"),
    ]
    a, e = the_event(text, "ستسلم")
    assert e.actors == ("kb-org-global-coalition", "kb-org-iq-army")  # who hands over, and to whom
    assert e.place == "kb-fac-ain-al-asad"
    assert a.text[e.date_start:e.date_end] == "مطلع الشهر المقبل"


def test_founding_dated_by_the_year_in_its_phrase():
    a, e = the_event("وتأسس التحالف الدولي بقيادة الولايات المتحدة في أيلول 2014 لمكافحة تنظيم داعش.", "وتأسس")
    assert (e.type, e.date, e.date_precision, e.modality) == ("FOUNDING", "2014-09", "month", "happened")
    assert e.actors == ("kb-org-global-coalition",)
    assert a.text[e.date_start:e.date_end] == "أيلول 2014"


def test_a_timex_opening_its_clause_dates_the_verb_after_it():
    assert summary("وفي أيلول 2014، تأسس التحالف الدولي لمكافحة داعش.") == [
        ("FOUNDING", "تأسس", "تأسس التحالف الدولي لمكافحة داعش", "2014-09", "month", "timex", "happened")]


def test_agreement_year_and_its_deadline_are_two_events():
    assert summary("وكانت واشنطن وبغداد قد اتفقتا في عام 2024 على إنهاء مهمة التحالف بحلول أيلول 2025.") == [
        ("AGREEMENT", "اتفقتا", "اتفقتا في عام 2024 على إنهاء مهمة التحالف بحلول أيلول 2025", "2024", "year",
         "timex", "happened"),
        ("WITHDRAWAL", "إنهاء", "إنهاء مهمة التحالف بحلول أيلول 2025", "2025-09", "month", "timex", "planned"),
    ]
    _, e = the_event("وكانت واشنطن وبغداد قد اتفقتا في عام 2024 على إنهاء مهمة التحالف.", "اتفقتا")
    assert e.actors == ("kb-city-us-washington", "kb-city-iq-baghdad")  # the subject before "قد"


def test_a_deadline_reaches_back_across_a_comma():
    assert summary("اتفق الطرفان على إنهاء المهمة، على ألا يتجاوز نهاية أيلول 2026.")[1] == (
        "WITHDRAWAL", "إنهاء", "إنهاء المهمة", "2026-09", "month", "timex", "planned")


def test_a_relative_date_not_before_its_own_deadline_gives_no_date():
    # "last year" from January 2026 is 2025: an agreement in 2025-09 on a deadline in 2025-09 is a
    # carried-over sentence; no date is better than a wrong one.
    got = summary("وفي أيلول من العام الماضي، اتفقت بغداد وواشنطن على إنهاء مهمة التحالف بحلول نهاية أيلول 2025.",
                  "2026-01-14")
    assert [(g[0], g[3], g[6]) for g in got] == [("AGREEMENT", None, "happened"), ("WITHDRAWAL", "2025-09", "planned")]


def test_phased_plan_verbs_take_the_type_of_the_event_named_before_them():
    text = "ويأتي هذا الانسحاب ضمن خطة من مرحلتين، من المقرر أن تبدأ في أيلول 2025، وتستكمل في أيلول 2026."
    assert summary(text, None) == [
        ("WITHDRAWAL", "تبدأ", "تبدأ في أيلول 2025", "2025-09", "month", "timex", "planned"),
        ("WITHDRAWAL", "وتستكمل", "وتستكمل في أيلول 2026", "2026-09", "month", "timex", "planned"),
    ]


def test_one_event_per_signing():
    assert summary("وقع العراق وتركيا اليوم مذكرة تفاهم لتنظيم المياه.") == [
        ("AGREEMENT", "وقع", "وقع العراق وتركيا اليوم مذكرة تفاهم لتنظيم المياه", "2025-10-21", "day", "timex",
         "happened")]


# --- the publication date ------------------------------------------------------------------------

def test_the_lead_report_takes_the_publication_date():
    a, e = the_event("كشف مصدر أمني عراقي عن مغادرة جميع أفراد القوات الأميركية قاعدة عين الأسد في محافظة الأنبار.",
                     "مغادرة")
    assert (e.type, e.modality, e.date, e.date_how, e.date_start) == ("WITHDRAWAL", "claimed", "2025-10-21",
                                                                      "published", None)
    assert e.actors == ("kb-org-us-armed-forces",) and e.place == "kb-fac-ain-al-asad"
    assert a.text[e.start:e.end] == "مغادرة جميع أفراد القوات الأميركية قاعدة عين الأسد في محافظة الأنبار"


def test_now_takes_the_publication_date_outside_the_lead():
    text = "خبر أول عن الطقس في المدينة اليوم. والآن، غادر جميع أفراد القوات الأميركية القاعدة."
    assert summary(text) == [("WITHDRAWAL", "غادر", "غادر جميع أفراد القوات الأميركية القاعدة", "2025-10-21", "day",
                              "published", "happened")]


def test_a_lead_with_a_date_of_its_own_is_not_a_report_of_today():
    # Sunday dates what the minister said, not the withdrawal; the publication day (Tuesday) is no date
    # for it either.
    assert summary("وقال الوزير يوم الأحد إن القوات انسحبت من المدينة الحدودية أخيرا.") == [
        ("WITHDRAWAL", "انسحبت", "انسحبت من المدينة الحدودية أخيرا", None, None, None, "claimed")]


def test_a_habit_takes_no_publication_date():
    assert summary("كل أسبوع، يجتمع مجلس الوزراء العراقي في بغداد لمناقشة الملفات العالقة.")[0][3:] == (
        None, None, None, "happened")


def test_a_date_of_the_noun_that_embeds_the_event_is_not_its_date():
    # the parliament got its copy two days ago; the agreement is older
    assert summary("وحصل البرلمان على نسخة من الاتفاق النووي أول من أمس لدراسته.") == [
        ("AGREEMENT", "الاتفاق", "الاتفاق النووي أول من أمس لدراسته", None, None, None, "happened")]


def test_a_relative_clause_verb_keeps_its_own_date_and_modality():
    # "خطة" before the relative pronoun plans nothing for the verb after it
    assert summary("وتعثرت خطة السلام التي أبرمت في شباط الماضي بين الطرفين المتحاربين.") == [
        ("AGREEMENT", "أبرمت", "أبرمت في شباط الماضي بين الطرفين المتحاربين", "2025-02", "month", "timex",
         "happened")]


def test_since_dates_nothing():
    assert summary("وتنتشر القوات التركية على الحدود منذ عام 2019.")[0][3] is None


def test_the_date_of_a_statement_does_not_date_what_it_says():
    text = "وأكد المتحدث أن الجانبين اتفقا على استئناف المفاوضات في بغداد يوم الاثنين المقبل."
    assert summary(text) == [
        ("AGREEMENT", "اتفقا", "اتفقا على استئناف المفاوضات في بغداد يوم الاثنين المقبل", None, None, None, "claimed"),
        ("NEGOTIATION", "المفاوضات", "المفاوضات في بغداد يوم الاثنين المقبل", "2025-10-27", "day", "timex", "planned"),
    ]


# --- modality ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("لم تنسحب القوات التركية من المنطقة الحدودية حتى الآن.", "تنسحب", "negated"),
    ("نفى المتحدث انسحاب القوات من المدينة الحدودية.", "انسحاب", "negated"),
    ("ورحب الوزير بعدم الانسحاب من المعسكر في الوقت الحالي.", "الانسحاب", "negated"),
    ("ستنسحب القوات الفرنسية من المنطقة بحلول نهاية العام المقبل.", "ستنسحب", "planned"),
    ("ومن المقرر أن تنسحب القوات من المعسكر خلال أسابيع.", "تنسحب", "planned"),
    ("وتحدث المسؤول عن خطة لإنهاء وجود القوات الأجنبية في البلاد.", "لإنهاء", "planned"),
    ("وقال المتحدث إن القوات انسحبت من المدينة الحدودية.", "انسحبت", "claimed"),
    ("وانسحبت القوات من المدينة الحدودية بعد معارك عنيفة.", "وانسحبت", "happened"),
])
def test_modality(text, trigger, modality):
    assert the_event(text, trigger)[1].modality == modality


# --- nothing to extract --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "وقال الوزير إن الوضع مستقر في المحافظات الجنوبية.",  # a reporting verb alone
    "وأكد المسؤول أهمية التعاون بين البلدين في المرحلة المقبلة.",
    "وأوضح المتحدث، في بيان، أن العمل مستمر.",  # a statement's channel is no STATEMENT event
    "الملف مسحوب من التداول منذ أشهر.",  # مسحوب is no withdrawal
    "اتفقنا على أن نلتقي في المقهى مساء.",  # first person: someone talking
    "درس علم الاجتماع في جامعة بغداد.",  # sociology, not a meeting
    "سجل المهاجم هدفا من هجمة مرتدة ثم ضربة رأسية.",  # football
    "وتقع القاعدة قرب المدينة على بعد كيلومترات.",  # يقع "is located"
    "نشرت الصحيفة تقريرا مطولا عن القوات.",  # publishing a report is no deployment
    "وشاهدت الشاحنات تغادر المصافي باتجاه الشمال.",  # trucks leaving, no troops
    "أكد المتحدث أن الحكومة لن تسمح بأي اتفاق جديد قبل الانتخابات.",  # no specific agreement
    "إذا توصل الطرفان إلى اتفاق فستعود المياه إلى مجاريها.",  # a condition
])
def test_no_event(text):
    assert summary(text) == []


def test_no_event_in_a_heading():
    a = analysed("انسحاب القوات\nقالت الحكومة إنها ستراجع الملف خلال الأسبوع المقبل.")
    assert a.events == ()


# --- the lexicon and user files ------------------------------------------------------------------

def test_verb_and_noun_forms():
    verbs = verb_forms("انسحب", "ينسحب")
    assert verbs["ستنسحب"] == "future" and verbs["وانسحبت"] == "past" and verbs["ينسحبون"] == "present"
    assert "انسحبنا" not in verbs and "ننسحب" not in verbs  # no first person
    assert verb_forms("غادر", "يغادر")["غادرها"] == "past"  # with an object pronoun
    assert "بقيه" not in verb_forms("بقي", "يبقي")  # that is the noun بقية, "the rest"
    assert {"مغادره", "المغادره", "للمغادره", "بمغادره", "مغادرتها"} <= noun_forms("مغادره")


def test_a_user_file_adds_a_type(tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_text("triggers:\n  - {type: ELECTION, noun: انتخابات}\n", encoding="utf-8")
    a = analysed("وجرت انتخابات مجالس المحافظات في أجواء هادئة.")
    assert a.events == ()
    got = find_events(a, (str(path),))
    assert [(e.type, e.trigger, e.modality) for e in got] == [("ELECTION", "انتخابات", "happened")]
    text = "وجرت انتخابات مجالس المحافظات في أجواء هادئة."
    via_option = analyse(RawDocument("case", text, text), PIPELINE, Context(options={"events_file": str(path)}))
    assert [e.type for e in via_option.events] == ["ELECTION"]  # the stage passes the pipeline option on
    monkeypatch.setenv(ENV, str(path))
    assert user_files(None) == (str(path),)
    assert user_files("/other.yaml") == ("/other.yaml", str(path))
    assert [e.type for e in analysed(text).events] == ["ELECTION"]  # and MARSAD_EVENTS


def test_a_bad_user_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("triggers:\n  - {type: X, noun: كلمة, nxt: forces}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="bad.yaml"):
        find_events(analysed("نص قصير."), (str(path),))


@pytest.mark.parametrize(("value", "mod", "rng", "expected"), [
    ("2025-11-03TMO", None, None, ("2025-11-03", "day")),
    ("2025-09", "END", None, ("2025-09", "month")),
    ("2025-W45", None, None, ("2025-W45", "month")),  # 3-9 November
    ("2025-W27", None, None, ("2025-W27", "year")),  # 30 June - 6 July
    ("2025-FA", None, None, ("2025-FA", "year")),
    ("2025-XX-15", None, None, ("2025", "year")),
    ("XXXX-09-17", None, None, None),
    ("2014", "BEFORE", None, None),
    ("2015-06", None, ("2015-06-18", "2015-07-16"), ("2015", "year")),  # a Hijri month over two months
])
def test_date_and_precision_of_a_timex(value, mod, rng, expected):
    assert date_of(Timex(0, 1, value=value, mod=mod, range=rng)) == expected


# --- the sample corpus and the seeds -------------------------------------------------------------

def _d(value) -> str | None:
    """A golden date as the extractor writes it (YAML reads 2025-07-14 as a date and 2026 as a number)."""
    return None if value is None else str(value)


def _dated(article) -> set[tuple]:
    return {(e.type, e.trigger, e.date, e.modality) for e in article.events if e.date}


def _check_spans(article):
    seen = set()
    for e in article.events:
        assert 0 <= e.start <= e.trigger_start < e.trigger_end <= e.end <= len(article.text)
        assert article.text[e.trigger_start:e.trigger_end] == e.trigger
        assert (e.trigger_start, e.trigger_end) not in seen  # one event per trigger
        seen.add((e.trigger_start, e.trigger_end))
        assert (e.date is None) == (e.date_precision is None) == (e.date_how is None)
        if e.date_how == "timex":
            assert any((t.start, t.end) == (e.date_start, e.date_end) for t in article.timexes)
        else:
            assert e.date_start is None and e.date_end is None


SAMPLE_GOLD = yaml.safe_load((CASES / "events_sample.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SAMPLE_GOLD))
def test_sample_timeline_events(sample_articles, name):
    article = sample_articles[name]
    _check_spans(article)
    gold = SAMPLE_GOLD[name] or []
    got = {(e.type, e.trigger, e.date, e.modality) for e in article.events}
    want = {(g["type"], g["trigger"], _d(g.get("date")), g["modality"]) for g in gold}
    assert want <= got, want - got
    # every dated event was reviewed: none may carry a date the golden file does not list
    assert _dated(article) <= want, _dated(article) - want
    if not gold:
        assert article.events == ()


SEED_GOLD = yaml.safe_load((CASES / "events_seeds.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", sorted(SEED_GOLD["dated"]))
def test_seed_events_dated_only_as_reviewed(seed_articles, seed):
    article = seed_articles[seed]
    _check_spans(article)
    expected = {(d["type"], d["trigger"], _d(d["date"]), d["modality"]) for d in SEED_GOLD["dated"][seed] or []}
    assert _dated(article) == expected


@pytest.mark.parametrize("key", sorted(SEED_GOLD["key_events"]))
def test_seed_key_events(seed_articles, key):
    """The events a careful reader puts on the timeline of the five seeds, found with their date."""
    spec = SEED_GOLD["key_events"][key]
    date = _d(spec.get("date"))
    for seed in spec["found_in"]:
        matches = [e for e in seed_articles[seed].events
                   if e.type == spec["type"] and e.date == date and e.modality in spec["modality"]
                   and (not spec.get("places") or e.place in spec["places"])]
        assert matches, (key, seed)
