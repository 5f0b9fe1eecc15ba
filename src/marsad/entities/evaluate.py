"""`marsad eval ner`: the whole recognizer (KB, rules, CRF) scored on a CoNLL file.

Each sentence's tokens are joined with spaces and analysed like an article body; a predicted
mention covers every whitespace token it overlaps (a clitic glued to a name makes the whole
token the entity, as the corpora do). Types map PERSON->PERS, ORG->ORG, GPE/LOC/FAC->LOC,
NORP->MISC (ANALYSIS-FORMAT.md). `mode="model"` scores the CRF alone, for comparison.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from pathlib import Path

from marsad.model import Article, Span

TYPE_MAP = {"PERSON": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}


def _scheme(path: Path, scheme: str | None) -> dict[str, str]:
    from marsad.ner import conll

    name = (scheme or path.name).lower()
    if "newsfane" in name:
        return conll.NEWSFANE_MAP
    if "wojood" in name:
        return conll.WOJOOD_MAP
    return conll.IDENTITY_MAP


def _tags_for(tokens: list[str], mentions, text: str) -> list[str]:
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    ends = [s + len(t) for s, t in zip(starts, tokens, strict=True)]
    tags = ["O"] * len(tokens)
    for m in mentions:
        kind = TYPE_MAP.get(m.type)
        if kind is None:
            continue
        first = bisect_right(ends, m.start)  # first token whose end is after the mention start
        last = bisect_left(starts, m.end) - 1
        if first > last or any(t != "O" for t in tags[first:last + 1]):
            continue
        tags[first] = f"B-{kind}"
        for k in range(first + 1, last + 1):
            tags[k] = f"I-{kind}"
    return tags


def predict(tokens: list[str], mode: str = "full", kb_files: tuple[str, ...] = ()) -> list[str]:
    from marsad.arabic.tokens import tokenize
    from marsad.pipeline import Context
    from marsad.stages import mentions as mention_stage

    text = " ".join(tokens)
    if mode == "model":
        from marsad.ner.crf import tag

        return tag(tokens)  # sentence by sentence, like the full mode
    article = Article(id="eval", content_hash="", source="eval", raw=text, text=text,
                      sentences=(Span(0, len(text)),), tokens=tuple(tokenize(text)))
    result = mention_stage.run(article, Context(kb_files=kb_files))
    return _tags_for(tokens, result.mentions, text)


def evaluate_file(path: str | Path, *, scheme: str | None = None, tail: float | None = None, mode: str = "full",
                  kb_files: tuple[str, ...] = ()) -> dict:
    """{"micro": {p, r, f1}, "per_type": {...}, "tokens_per_s", "sentences", "tokens"}."""
    from marsad.ner.conll import evaluate, read_conll, split_tail

    path = Path(path)
    sents = read_conll(path, _scheme(path, scheme))
    if tail:
        sents = split_tail(sents, tail)[1]
    predict(["تهيئة"], mode, kb_files)  # load models and lexicons outside the timing
    started = time.perf_counter()
    preds = [predict(tokens, mode, kb_files) for tokens, _ in sents]
    elapsed = time.perf_counter() - started
    n_tokens = sum(len(t) for t, _ in sents)
    scores = evaluate([g for _, g in sents], preds)
    scores["tokens_per_s"] = round(n_tokens / elapsed) if elapsed else None
    scores["sentences"], scores["tokens"] = len(sents), n_tokens
    return scores
