"""split_sentences: where Arabic news sentences end, and where they must not."""

from __future__ import annotations

import doctest

import pytest

from marsad.arabic import sentences as sentences_module
from marsad.arabic.sentences import split_sentences
from marsad.model import Span


def parts(text: str) -> list[str]:
    return [s.slice(text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل الوفد إلى بغداد. وبدأت المحادثات فوراً.", ["وصل الوفد إلى بغداد.", "وبدأت المحادثات فوراً."]),
        ("هل انتهت الأزمة؟ لا أحد يعرف!", ["هل انتهت الأزمة؟", "لا أحد يعرف!"]),
        ("حقاً؟! لا أصدق ذلك.", ["حقاً؟!", "لا أصدق ذلك."]),
        ("Did it end? Nobody knows.", ["Did it end?", "Nobody knows."]),
        ("انتظر الجميع… ثم جاء الخبر.", ["انتظر الجميع…", "ثم جاء الخبر."]),
        ("قال إنه سيعود... لكنه لم يفعل.", ["قال إنه سيعود...", "لكنه لم يفعل."]),
        ("انتهى.. وعاد الهدوء", ["انتهى..", "وعاد الهدوء"]),
        ("وقع ذلك عام 2003. ثم تغير كل شيء.", ["وقع ذلك عام 2003.", "ثم تغير كل شيء."]),
        ("انتهى الاجتماع.وغادر الوزراء.", ["انتهى الاجتماع.", "وغادر الوزراء."]),  # missing space
        ("قرأت الخبر۔ ثم نمت۔", ["قرأت الخبر۔", "ثم نمت۔"]),
        # closing quotes and brackets stay with the sentence they end
        ('قال إن "انتهى الأمر." ثم غادر القاعة.', ['قال إن "انتهى الأمر."', "ثم غادر القاعة."]),
        ("وأضاف: «لن نتراجع.» وانتهى اللقاء.", ["وأضاف: «لن نتراجع.»", "وانتهى اللقاء."]),
        ("وكتب: “لن نتراجع!” ثم صمت.", ["وكتب: “لن نتراجع!”", "ثم صمت."]),
        ("وقالت (في بيان مقتضب.) إنها ستعود.", ["وقالت (في بيان مقتضب.)", "إنها ستعود."]),
        # lines are never joined
        ("العنوان الرئيسي\nنص الخبر هنا", ["العنوان الرئيسي", "نص الخبر هنا"]),
        ("سطر أول\r\nسطر ثان\r\n\r\nسطر ثالث.", ["سطر أول", "سطر ثان", "سطر ثالث."]),
        ("جملة بلا نقطة\u2029فقرة أخرى", ["جملة بلا نقطة", "فقرة أخرى"]),
        # an unpaired quote does not swallow the rest of the line
        ('قال "هذا خطأ. ثم سكت.', ['قال "هذا خطأ.', "ثم سكت."]),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert parts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ارتفع المؤشر 2.5 نقطة اليوم.",
        "بلغت النسبة ٣.٥ بالمئة.",
        "التقى د. أحمد الجبوري بالوزير.",
        "حضر أ.د. سامي الحسني المؤتمر.",
        "وأشرف م. علي كاظم على المشروع.",
        "قال: «انتهى الأمر. سنعود غداً» ثم غادر.",
        'وأضاف: "لا نريد الحرب. نريد السلام" وفق البيان.',
        "وأضاف: “لا نريد الحرب! نريد السلام” وفق البيان.",
        "نشر الخبر على موقع aljazeera.net اليوم.",
        "رفض الوزير التعليق؛ لكنه وعد ببيان.",  # semicolons do not end sentences
        "1. افتتاح الجلسة",  # list number
        "U.S. officials met in Baghdad.",
        "بغداد",
    ],
)
def test_does_not_split(text: str) -> None:
    assert parts(text) == [text]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u200f \u200e"])
def test_nothing_but_space(text: str) -> None:
    assert split_sentences(text) == []


def test_spans_are_trimmed_exact_offsets() -> None:
    text = "  \u200fالجملة الأولى.   الثانية؟ \n\n  الثالثة  "
    spans = split_sentences(text)
    assert spans == [Span(3, 17), Span(20, 28), Span(33, 40)]
    assert [s.slice(text) for s in spans] == ["الجملة الأولى.", "الثانية؟", "الثالثة"]


def test_single_letter_word_versus_sentence_end() -> None:
    text = "وصل د. خالد إلى بغداد. ثم زار كربلاء."
    assert parts(text) == ["وصل د. خالد إلى بغداد.", "ثم زار كربلاء."]


def test_quote_spanning_lines_is_closed_per_line() -> None:
    # Multi-paragraph quotes often open on every line and close only at the end.
    text = "قال: «الوضع صعب. لكننا صامدون.\n«وسنواصل العمل. مهما حدث»."
    assert parts(text) == ["قال: «الوضع صعب.", "لكننا صامدون.", "«وسنواصل العمل. مهما حدث»."]


def test_closing_quote_of_an_earlier_line_does_not_pair_with_the_next_opener() -> None:
    text = 'وأضاف أن الوضع مستقر"، مؤكداً أن: "الحكومة مستعدة.. والجيش جاهز". ثم انصرف.'
    assert parts(text) == ['وأضاف أن الوضع مستقر"، مؤكداً أن: "الحكومة مستعدة.. والجيش جاهز".', "ثم انصرف."]


def test_docstring_examples() -> None:
    assert doctest.testmod(sentences_module).failed == 0
