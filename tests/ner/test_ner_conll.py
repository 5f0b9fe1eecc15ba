"""Evaluator and CoNLL reader tests on hand-made gold/predicted tag sequences."""

from pathlib import Path

import pytest

from marsad.ner.conll import NEWSFANE_MAP, WOJOOD_MAP, chunks, evaluate, read_conll, repair_bio, split_tail


def test_perfect_match():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    s = evaluate(gold, gold)
    assert s["micro"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert s["per_type"]["PERS"]["f1"] == 1.0


def test_partial_overlap_counts_as_error():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG"]]
    pred = [["B-PERS", "O", "O", "B-LOC", "O", "B-ORG", "I-ORG"]]
    s = evaluate(gold, pred)
    # 3 gold, 3 predicted, 2 exact (LOC, ORG); the truncated PERS is both a miss and a false alarm
    assert s["micro"]["p"] == pytest.approx(2 / 3)
    assert s["micro"]["r"] == pytest.approx(2 / 3)
    assert s["micro"]["f1"] == pytest.approx(2 / 3)
    assert s["per_type"]["PERS"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "n": 1}
    assert s["per_type"]["LOC"]["f1"] == 1.0


def test_wrong_type_and_extra_span():
    gold = [["B-ORG", "I-ORG", "O", "O"], ["O", "B-LOC"]]
    pred = [["B-LOC", "I-LOC", "O", "B-MISC"], ["O", "B-LOC"]]
    s = evaluate(gold, pred)
    assert s["micro"]["p"] == pytest.approx(1 / 3)
    assert s["micro"]["r"] == pytest.approx(1 / 2)
    assert s["micro"]["f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert s["per_type"]["LOC"]["p"] == pytest.approx(1 / 2)
    assert s["per_type"]["ORG"]["r"] == 0.0
    assert s["per_type"]["MISC"]["p"] == 0.0


def test_chunks_follow_conlleval():
    assert chunks(["I-PERS", "I-PERS", "B-PERS", "I-LOC"]) == {(0, 2, "PERS"), (2, 3, "PERS"), (3, 4, "LOC")}
    assert repair_bio(["O", "I-ORG", "I-ORG", "I-LOC"]) == ["O", "B-ORG", "I-ORG", "B-LOC"]


def test_empty_prediction():
    s = evaluate([["B-PERS"]], [["O"]])
    assert s["micro"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_read_nested_and_mapped(tmp_path: Path):
    path = tmp_path / "x.conll"
    path.write_text("سكرتير B-OCC\nاللجنة I-OCC B-ORG\nالعليا I-OCC I-ORG\nفي O\nنابلس B-GPE\n\nقال O\n",
                    encoding="utf-8")
    sents = read_conll(path, WOJOOD_MAP)
    assert sents[0] == (["سكرتير", "اللجنة", "العليا", "في", "نابلس"], ["O", "B-ORG", "I-ORG", "O", "B-LOC"])
    assert sents[1] == (["قال"], ["O"])
    assert NEWSFANE_MAP["Politician"] == "PERS" and NEWSFANE_MAP["Population-Center"] == "LOC"
    assert "Group" not in NEWSFANE_MAP


def test_split_tail_holds_out_trailing_sentences():
    sents = [([f"w{i}"] * 10, ["O"] * 10) for i in range(20)]
    train, dev = split_tail(sents, 0.1)
    assert train + dev == sents
    assert len(dev) == 2
