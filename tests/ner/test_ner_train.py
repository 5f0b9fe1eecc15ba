"""The training entry point on a tiny synthetic corpus (no shared data needed)."""

from pathlib import Path

from marsad.ner.crf import Tagger
from marsad.ner.train import train

SENTS = [
    ("قال رئيس الوزراء سمير حداد في عمان", "O B-PERS I-PERS O B-LOC"),
    ("زار الوفد مدينة حلب أمس", "O O O B-LOC O"),
    ("أعلن حزب النور فوزه", "O B-ORG I-ORG O"),
    ("التقى سمير حداد بوفد من حزب النور", "O B-PERS I-PERS O O B-ORG I-ORG"),
]


def _write(path: Path, n: int) -> None:
    lines = []
    for i in range(n):
        text, tags = SENTS[i % len(SENTS)]
        toks = text.split()
        tag_list = tags.split()
        tag_list += ["O"] * (len(toks) - len(tag_list))
        lines += [f"{t} {g}" for t, g in zip(toks, tag_list, strict=True)] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_train_writes_a_working_model(tmp_path: Path):
    data, out = tmp_path / "ner", tmp_path / "model"
    data.mkdir()
    _write(data / "anercorp-train.conll", 40)
    (tmp_path / "gazetteers").mkdir()
    scores = train(data, out, params={"max_iterations": 30}, log=lambda *_: None)
    assert set(scores["dev"]) == {"micro", "per_type"}
    assert scores["dev_sentences"] > 0 and scores["train_sentences"] > scores["dev_sentences"]
    for name in ("ner.crfsuite", "gazetteer.tsv", "lexicon.tsv", "ner.json"):
        assert (out / name).exists()
    tags = Tagger(out).tag("التقى سمير حداد في عمان".split())
    assert len(tags) == 5
