"""Tagging sentences written for these tests with the shipped model; corpus checks skip without data."""

from pathlib import Path

import pytest

from marsad.ner.crf import MODEL_DIR, MODEL_FILE, load_tagger, propagate, spans, tag

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ner"
needs_model = pytest.mark.skipif(not (MODEL_DIR / MODEL_FILE).exists(), reason="shipped NER model absent")


def _ents(sentence: str) -> set[tuple[str, str]]:
    toks = sentence.split()
    return {(s.label, s.text) for s in spans(toks, tag(toks))}


def test_spans_helper():
    toks = ["زار", "خالد", "العمري", "مدينة", "جدة", "أمس"]
    out = spans(toks, ["O", "B-PERS", "I-PERS", "O", "B-LOC", "I-ORG"])
    assert [(s.start, s.end, s.label, s.text) for s in out] == [
        (1, 3, "PERS", "خالد العمري"), (4, 5, "LOC", "جدة"), (5, 6, "ORG", "أمس")]
    assert spans([], []) == []


@needs_model
def test_person_after_prime_minister_title():
    ents = _ents("وقال رئيس الوزراء محمد العبدالله إن الحكومة ستواصل دعم المزارعين هذا العام .")
    assert ("PERS", "محمد العبدالله") in ents


@needs_model
def test_countries():
    ents = _ents("وصل الوفد التجاري إلى مصر أمس قادما من الأردن في زيارة تستمر ثلاثة أيام .")
    assert ("LOC", "مصر") in ents and ("LOC", "الأردن") in ents


@needs_model
def test_organisations_after_party_and_company_heads():
    # ANERcorp leaves ministries untagged ("وزارة الصحة" is O in its guidelines), so the model does too;
    # parties, companies and clubs are ORG.
    toks = "أعلن حزب العمال البريطاني فوزه في الانتخابات المحلية .".split()
    tags = tag(toks)
    assert tags[1:3] == ["B-ORG", "I-ORG"]
    ents = _ents("أعلنت شركة أرامكو السعودية عن أرباحها في الربع الثاني .")
    assert any(label == "ORG" and text.startswith("أرامكو") for label, text in ents)


@needs_model
def test_tags_are_bio_and_aligned():
    toks = "التقى الرئيس الفرنسي في باريس وفدا من البنك الدولي برئاسة سامي الخوري .".split()
    tags = tag(toks)
    assert len(tags) == len(toks)
    assert all(t == "O" or t[:2] in ("B-", "I-") and t[2:] in ("PERS", "ORG", "LOC", "MISC") for t in tags)
    assert tag([]) == []
    assert load_tagger() is load_tagger()


def test_propagate_repeats_and_last_names():
    sents = [["قال", "سامي", "الخوري", "إن", "شركة", "نور", "تنمو"], ["وأضاف", "الخوري", "أن", "نور", "رابحة"]]
    tags = [["O", "B-PERS", "I-PERS", "O", "O", "B-ORG", "O"], ["O", "O", "O", "O", "O"]]
    out = propagate(sents, tags)
    assert out[0] == tags[0]
    assert out[1] == ["O", "B-PERS", "O", "B-ORG", "O"]


@pytest.mark.skipif(not (DATA / "anercorp-train.conll").exists(), reason="../shared/data absent")
def test_read_corpora_and_split():
    from marsad.ner import conll

    sents = conll.read_anercorp(DATA / "anercorp-train.conll")
    train, dev = conll.split_tail(sents)
    assert train + dev == sents
    assert 0.10 < sum(len(t) for t, _ in dev) / sum(len(t) for t, _ in sents) < 0.16
    tags = {t for _, tt in sents for t in tt}
    assert tags <= {"O"} | {f"{b}-{t}" for b in "BI" for t in conll.TYPES}
    fane = conll.read_newsfane(DATA / "newsfane-gold.conll")
    assert {t[2:] for _, tt in fane for t in tt if t != "O"} == set(conll.TYPES)
