"""The numpy decoder gives pycrfsuite's tags: on sentences written for these tests, on the dev split of
the NER corpus when ../shared is there, and Viterbi itself against every path of small random cases."""

import itertools
from pathlib import Path

import numpy as np
import pytest

from marsad.ner.crf import MODEL_DIR, MODEL_FILE, Tagger, load_tagger
from marsad.ner.decode import read_weights, viterbi
from marsad.ner.items import ItemExtractor

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ner"
needs_model = pytest.mark.skipif(not (MODEL_DIR / MODEL_FILE).exists(), reason="shipped NER model absent")

SENTENCES = [
    "وقال رئيس الوزراء محمد العبدالله إن الحكومة ستواصل دعم المزارعين هذا العام .",
    "وصل الوفد التجاري إلى مصر أمس قادما من الأردن في زيارة تستمر ثلاثة أيام .",
    "أعلنت شركة أرامكو السعودية عن أرباحها في الربع الثاني .",
    "فاز نادي الهلال على النصر بهدفين في مباراة الدوري مساء الجمعة .",  # a sports sentence: topic attributes
    "التقى سامي الخوري بوفد من البنك الدولي في باريس",
    "BBC و CNN نقلتا الخبر عن F-16 في 2024",
    "قال",
    "",
]


def _crfsuite_tags(tagger: Tagger, sents: list[list[str]]) -> list[list[str]]:
    """The reference: pycrfsuite on the attribute strings of a plain extractor (no weight rows at all)."""
    clusters, gazetteer, lexicon, config, known = tagger._resources
    plain = ItemExtractor(clusters, gazetteer, lexicon, config, known=known)
    return [list(tagger._tagger.tag(plain.sentence_items(s))) if s else [] for s in sents]


@needs_model
def test_numpy_tags_equal_crfsuite_tags():
    tagger = load_tagger()
    assert tagger.weights is not None  # the model file reads back: the fast path is the one in use
    sents = [s.split() for s in SENTENCES]
    expected = _crfsuite_tags(tagger, sents)
    assert tagger.tag_sentences(sents) == expected
    assert [tagger.tag(s) for s in sents] == expected  # one at a time: pycrfsuite, items made from rows
    assert tagger.tag_sentences([[]]) == [[]]


@needs_model
def test_one_sentence_goes_through_crfsuite_and_many_through_numpy():
    tagger = Tagger()
    tagger.tag(SENTENCES[0].split())
    assert tagger._bytes_extractor is not None and not tagger._rows.number  # one sentence: pycrfsuite
    tagger.tag_sentences([s.split() for s in SENTENCES])
    assert "الأردن" in tagger._rows.number  # a batch: numpy


@needs_model
@pytest.mark.skipif(not (DATA / "anercorp-train.conll").exists(), reason="../shared/data absent")
def test_numpy_tags_equal_crfsuite_tags_on_the_dev_split():
    from marsad.ner import conll

    _, dev = conll.split_tail(conll.read_anercorp(DATA / "anercorp-train.conll"))
    sents = [toks for toks, _ in dev[:400]]
    tagger = load_tagger()
    assert tagger.tag_sentences(sents) == _crfsuite_tags(tagger, sents)


@needs_model
def test_weights_that_do_not_match_the_dump_are_refused():
    tagger = Tagger()
    info = tagger._tagger.info()
    assert read_weights(MODEL_DIR / MODEL_FILE, info) is not None
    (attr, label), weight = next(iter(info.state_features.items()))
    info.state_features[(attr, label)] = weight + 0.5
    assert read_weights(MODEL_DIR / MODEL_FILE, info) is None


def test_viterbi_finds_the_best_path_of_each_sentence():
    rng = np.random.default_rng(7)
    n_labels = 3
    transition = rng.normal(size=(n_labels, n_labels))
    lengths = [1, 4, 2, 5, 3]
    scores = rng.normal(size=(sum(lengths), n_labels))
    paths = viterbi(scores, lengths, transition)
    at = 0
    for n, path in zip(lengths, paths, strict=True):
        own = scores[at:at + n]
        at += n

        def total(p, own=own):
            return sum(own[t][p[t]] for t in range(len(p))) + sum(transition[a][b] for a, b in zip(p, p[1:], strict=False))

        best = max(itertools.product(range(n_labels), repeat=n), key=total)
        assert path == list(best)


def test_viterbi_ties_go_to_the_first_label():
    # crfsuite keeps the first of equal scores: all zero scores give label 0 everywhere
    assert viterbi(np.zeros((4, 3)), [3, 1], np.zeros((3, 3))) == [[0, 0, 0], [0]]
    # a transition that rewards moving to label 1 after label 0
    transition = np.array([[0.0, 2.0], [0.0, 0.0]])
    assert viterbi(np.array([[1.0, 0.0], [0.0, 0.5]]), [2], transition) == [[0, 1]]


@needs_model
def test_the_word_table_starting_again_changes_no_tag(monkeypatch):
    import marsad.ner.crf as crf
    import marsad.ner.wordrows as wordrows

    tagger = Tagger()
    monkeypatch.setattr(crf, "NUMPY_TOKENS_PER_STEP", 0)  # numpy even for one sentence
    monkeypatch.setattr(wordrows, "MAX_WORDS", 12)  # the table starts again every sentence or two
    sents = [s.split() for s in SENTENCES] * 2
    assert [tagger.tag_sentences([s])[0] for s in sents] == _crfsuite_tags(tagger, sents)
    assert len(tagger._rows.stems) < 40
