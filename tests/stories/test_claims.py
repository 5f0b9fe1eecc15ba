"""Claims: exact spans, values, subject keys equal across spelling variants, dates of events and deadlines,
statuses, and sentences that must give no claim. The sentences are our own."""

from __future__ import annotations

import functools
import re

import pytest

from marsad.model import RawDocument
from marsad.pipeline import Pipeline
from marsad.service import analyse
from marsad.stories.claims import claim_to_dict, find_claims

AIN = "kb-fac-ain-al-asad"


@functools.cache
def _pipeline() -> Pipeline:
    return Pipeline()


def article(text: str, published: str | None = "2025-11-03", outlet: str = "وكالة الاختبار"):
    hints = (("outlet", outlet),) + ((("published", published),) if published else ())
    a = analyse(RawDocument(source="test", text=text, id_basis=text, hints=hints), _pipeline())
    assert hasattr(a, "text"), a
    return a


def claims(text: str, kind: str | None = None, **kw):
    a = article(text, **kw)
    found = find_claims(a)
    for c in found:
        assert a.text[c.start:c.end] == c.text
    return [c for c in found if kind is None or c.kind == kind]


def one(text: str, kind: str, **kw):
    found = claims(text, kind, **kw)
    assert len(found) == 1, [(c.text, c.subject) for c in found]
    return found[0]


# --- quantities ---

def test_quantity_claim_span_value_subject_and_date():
    c = one("وقال مصدر أمني إن نحو 800 جندي من قوات التحالف غادروا قاعدة عين الأسد فجر اليوم.", "quantity")
    assert (c.text, c.value, c.qualifier) == ("نحو 800 جندي", 800, "APPROX")
    assert c.subject == f"soldiers|kb-org-global-coalition|{AIN}|left"
    assert c.as_of == "2025-11-03"
    assert c.subject_text == "عدد الجنود · غادروا · التحالف الدولي · قاعدة عين الأسد الجوية"


@pytest.mark.parametrize("text", [
    "وغادر 800 عسكري أمريكي قاعدة عين الأسد.",
    "غادر نحو 800 جندي أميركي قاعدة عين الأسد الجوية.",
    "وأكد المصدر أن 800 عنصر أميركي انسحبوا من قاعدة الأسد الجوية.",
    "وكانت قاعدة عين الأسد تستضيف قوات أميركية، وقد غادر 800 جندي أميركي القاعدة.",
])
def test_same_subject_across_spellings(text):
    assert one(text, "quantity").subject == f"soldiers|US|{AIN}|left"


def test_figures_in_different_places_or_with_different_fates_get_different_subjects():
    in_iraq = one("ويوجد نحو 2500 عسكري أميركي في العراق.", "quantity")
    in_erbil = one("ويتمركز نحو 900 جندي أميركي في أربيل.", "quantity")
    killed = one("وقتل 12 جنديا أميركيا في العراق.", "quantity")
    assert in_iraq.subject == "soldiers|US|Q796|-"
    assert len({in_iraq.subject, in_erbil.subject, killed.subject}) == 3


@pytest.mark.parametrize("text, span, value, qualifier", [
    ("وغادر أكثر من 1500 جندي أميركي قاعدة عين الأسد.", "أكثر من 1500 جندي", {"low": 1500, "high": None}, "MORE_THAN"),
    ("وتضم قاعدة حرير ما بين 250 و350 مستشارا أميركيا.", "ما بين 250 و350 مستشارا", {"low": 250, "high": 350},
     "BETWEEN"),
    ("وينص الاتفاق على ألا يقل عدد المستشارين في قاعدة حرير عن 200 مستشار.", "200 مستشار",
     {"low": 200, "high": None}, "AT_LEAST"),
])
def test_bounds_and_ranges(text, span, value, qualifier):
    c = one(text, "quantity")
    assert (c.text, c.value, c.qualifier) == (span, value, qualifier)


def test_background_figure_after_a_past_copula_has_no_date():
    c = one("وكان عدد العسكريين الأميركيين في العراق نحو 2500 جندي.", "quantity")
    assert (c.value, c.subject, c.as_of) == (2500, "soldiers|US|Q796|-", None)


@pytest.mark.parametrize("text", [
    "وارتفع المؤشر بنسبة 40% خلال ثلاثة أيام.",  # no subject; a duration
    "وضم التحالف عشرات الدول.",  # vague
    "واستمرت المحادثات ثلاثة أشهر في بغداد.",  # a duration is a timex
])
def test_no_quantity_claim(text):
    assert claims(text, "quantity") == []


# --- rankings ---

def test_ranking_with_ordinal():
    c = one("وتعد قاعدة عين الأسد، الواقعة غرب الأنبار، ثاني أكبر القواعد الجوية في العراق.", "ranking")
    assert (c.text, c.value, c.subject) == ("ثاني أكبر القواعد الجوية في العراق", 2, f"{AIN}|size|bases|Q796")


def test_definite_superlative_after_its_noun_ranks_the_base_named_before():
    c = one("غادرت القوات قاعدة عين الأسد، وهي القاعدة العسكرية الأضخم في العراق.", "ranking")
    assert (c.text, c.value, c.subject) == ("الأضخم في العراق", 1, f"{AIN}|size|bases|Q796")


def test_a_direction_narrows_the_scope():
    c = one("وتقع قاعدة عين الأسد في الأنبار، وتعد أكبر قاعدة جوية في غرب العراق.", "ranking")
    assert (c.text, c.value, c.subject) == ("أكبر قاعدة جوية في غرب العراق", 1, f"{AIN}|size|bases|west:Q796")


@pytest.mark.parametrize("text", [
    "وتعد قاعدة عين الأسد من أكبر القواعد الجوية في العراق.",  # one of the largest
    "وتعد قاعدة عين الأسد إحدى أكبر القواعد الجوية في العراق.",
    "وهو الإخلاء الأول من نوعه لقاعدة عين الأسد.",
    "وقال إن التحدي الأكبر يبقى في تأمين الحدود.",  # nothing named is ranked
])
def test_no_ranking(text):
    assert claims(text, "ranking") == []


# --- dates ---

def test_deadline_of_the_mission_end():
    c = one("واتفقت بغداد وواشنطن على إنهاء مهمة التحالف الدولي بحلول نهاية أيلول 2025.", "date")
    assert (c.value, c.qualifier, c.role) == ("2025-09", "END", "deadline")
    assert c.subject == "mission_end|-|deadline|kb-org-global-coalition"
    assert c.text.endswith("نهاية أيلول 2025")


def test_date_of_an_agreement_and_its_parties():
    c = one("وكانت واشنطن وبغداد قد اتفقتا في عام 2024 على جدول زمني.", "date")
    assert (c.text, c.value, c.subject) == ("اتفقتا في عام 2024", "2024", "agreement|-|occurrence|IQ+US")


def test_completion_date_of_a_withdrawal():
    c = one("وأكد مسؤولون اكتمال الانسحاب من قاعدة عين الأسد يوم الجمعة.", "date", published="2026-01-19")
    assert (c.value, c.subject) == ("2026-01-16", f"withdrawal|complete|occurrence|{AIN}")


@pytest.mark.parametrize("text", [
    "وأعلن الجيش، اليوم الاثنين، انسحاب القوات من قاعدة عين الأسد.",  # the day it was said
    "وقال مسؤولون يوم السبت إن القوات انسحبت من قاعدة عين الأسد.",
    "وعقد المجلس جلسته يوم الاثنين في بغداد.",  # no event of the list
])
def test_no_date_claim_for_statements_or_other_events(text):
    assert claims(text, "date") == []


# --- status ---

def test_all_forces_left_and_a_unit_stayed():
    left = one("وقال مسؤول إن جميع القوات الأميركية غادرت قاعدة عين الأسد.", "status")
    stayed = one("ولا تزال القوات الأميركية تحتفظ بوجود لها في أربيل.", "status")
    assert (left.value, left.subject, left.as_of) == ("withdrawn", f"US|{AIN}", "2025-11-03")
    assert left.text == "جميع القوات الأميركية غادرت قاعدة عين الأسد"
    assert (stayed.value, stayed.subject) == ("remaining", "US|kb-city-iq-erbil")


def test_an_earlier_state_has_no_date_and_a_plan_is_a_plan():
    past = one("وكانت وحدة صغيرة من المستشارين الأميركيين بقيت في قاعدة عين الأسد.", "status")
    plan = one("ومن المقرر انسحاب كامل للقوات الأميركية من قاعدة عين الأسد.", "status")
    assert (past.value, past.as_of) == ("remaining", None)
    assert (plan.value, plan.modality) == ("withdrawn", "planned")


@pytest.mark.parametrize("text", [
    "وجرى ذلك من دون انسحاب كامل للقوات الأميركية من قاعدة عين الأسد.",  # denied
    "وقال إن القوات الأميركية انسحبت بالكامل من قاعدة جوية في غرب العراق.",  # the base is not named
    "ولا تزال المفاوضات جارية في بغداد.",  # no forces
])
def test_no_status_claim(text):
    assert claims(text, "status") == []


# --- records ---

def test_ids_are_stable_url_safe_and_the_contract_comes_first():
    text = "وغادر 800 جندي أميركي قاعدة عين الأسد، وتعد قاعدة عين الأسد ثاني أكبر القواعد الجوية في العراق."
    first, again = claims(text), claims(text)
    assert [c.id for c in first] == [c.id for c in again] and len({c.id for c in first}) == 2
    assert all(re.fullmatch(r"c-[0-9a-f]{12}", c.id) for c in first)
    d = claim_to_dict(first[0])
    assert list(d)[:9] == ["id", "article", "start", "end", "text", "kind", "subject", "value", "as_of"]


def test_an_article_read_back_without_tokens_gives_the_same_claims():
    from marsad.document import article_from_dict, article_to_dict

    a = article("وقال المصدر إن نحو 800 جندي أميركي غادروا قاعدة عين الأسد، وتعد قاعدة عين الأسد ثاني أكبر القواعد "
                "الجوية في العراق، ولا تزال القوات الأميركية تحتفظ بوجود لها في أربيل.")
    back = article_from_dict(article_to_dict(a), raw=a.raw)
    assert not back.tokens and len(find_claims(a)) == 3
    assert find_claims(back) == find_claims(a)


def test_word_forms_drop_proclitics_the_article_and_a_pronoun():
    from marsad.stories.claim_text import word_forms

    assert word_forms("وبالقاعدة") == {"وبالقاعده", "بالقاعده", "القاعده", "قاعده"}
    assert word_forms("للعراق") == {"للعراق", "العراق", "عراق"}
    assert word_forms("قواتها") == {"قواتها", "قوات"}
    assert word_forms("القوة") == {"القوه", "قوه"}  # a final ة folds to ه but is no pronoun
    assert word_forms("في") == {"في"}
