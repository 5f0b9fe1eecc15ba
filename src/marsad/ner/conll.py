"""CoNLL reading for ANERcorp, NewsFANE and Wojood (mapped onto PERS/ORG/LOC/MISC) and
CoNLL exact-span evaluation (micro and per-type precision, recall, F1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

Sentence = tuple[list[str], list[str]]
TYPES = ("PERS", "ORG", "LOC", "MISC")

# NewsFANE fine-grained types (ACE-style taxonomy) -> ANERcorp types; unlisted types become O.
# "Group" marks nationalities/religious groups (العرب, المسلمين), which ANERcorp leaves untagged.
NEWSFANE_MAP = {
    **dict.fromkeys(
        "Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson Lawyer Engineer Police".split(),
        "PERS",
    ),
    **dict.fromkeys(
        "Government Non-Governmental Sports Media Commercial Educational Religious_ORG Entertainment "
        "Medical-Science".split(),
        "ORG",
    ),
    **dict.fromkeys(
        "Nation Population-Center State-or-Province GPE-Cluster Continent County-or-District Water-Body "
        "Land-Region-Natural Building-Grounds Airport Path Subarea-Facility Plant".split(),
        "LOC",
    ),
    **dict.fromkeys("Book Movie Software Hardware Food Drug Projectile Shooting Air Water Land".split(), "MISC"),
}
# Wojood types -> ANERcorp types (NORP, dates, numbers, occupations, websites... become O).
WOJOOD_MAP = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "EVENT": "MISC",
              "CURR": "MISC", "PRODUCT": "MISC", "LAW": "MISC"}
IDENTITY_MAP = {t: t for t in TYPES}


def _map_tag(tag: str, mapping: dict[str, str]) -> str:
    kind, _, typ = tag.partition("-")
    if kind not in ("B", "I") or typ not in mapping:
        return "O"
    return f"{kind}-{mapping[typ]}"


def repair_bio(tags: list[str]) -> list[str]:
    """Turn an I-X that does not continue an X entity into B-X."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def read_conll(path: Path | str, mapping: dict[str, str] | None = None) -> list[Sentence]:
    """Read `token TAG [TAG...]` lines (tab or space separated, blank line between sentences).

    With several tags per token (Wojood nesting, outermost first) the outermost tag whose type
    maps onto a target type is kept. Lines without a token are skipped.
    """
    mapping = IDENTITY_MAP if mapping is None else mapping
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if toks:
            sents.append((toks.copy(), repair_bio(tags)))
        toks.clear()
        tags.clear()

    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                flush()
                continue
            if len(parts) < 2:
                continue
            labels = [p for p in parts[1:] if p == "O" or p[:2] in ("B-", "I-")]
            tag = "O"
            for lab in labels:
                mapped = _map_tag(lab, mapping)
                if mapped != "O":
                    tag = mapped
                    break
            toks.append(parts[0])
            tags.append(tag)
    flush()
    return sents


def read_anercorp(path: Path | str) -> list[Sentence]:
    return read_conll(path, IDENTITY_MAP)


def read_newsfane(path: Path | str) -> list[Sentence]:
    return read_conll(path, NEWSFANE_MAP)


def read_wojood(path: Path | str) -> list[Sentence]:
    return read_conll(path, WOJOOD_MAP)


def chunks(tags: Iterable[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end, type) as conlleval finds them (I- after another type opens a chunk)."""
    out = set()
    start, label = -1, ""
    tags = list(tags)
    for i, t in enumerate([*tags, "O"]):
        kind, _, typ = t.partition("-")
        if label and (kind != "I" or typ != label):
            out.add((start, i, label))
            label = ""
        if kind == "B" or (kind == "I" and not label):
            start, label = i, typ
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def evaluate(gold_sents: Iterable[list[str]], pred_sents: Iterable[list[str]]) -> dict:
    """CoNLL exact-span scores: {"micro": {p, r, f1}, "per_type": {TYPE: {p, r, f1}}}.

    Each argument is a sequence of tag lists (one per sentence); a predicted span counts only if
    its start, end and type all equal a gold span's.
    """
    tp: dict[str, int] = {}
    npred: dict[str, int] = {}
    ngold: dict[str, int] = {}
    for gold, pred in zip(gold_sents, pred_sents, strict=True):
        if len(gold) != len(pred):
            raise ValueError(f"sentence length mismatch: {len(gold)} gold vs {len(pred)} predicted tags")
        g, p = chunks(gold), chunks(pred)
        for _, _, t in g:
            ngold[t] = ngold.get(t, 0) + 1
        for _, _, t in p:
            npred[t] = npred.get(t, 0) + 1
        for _, _, t in g & p:
            tp[t] = tp.get(t, 0) + 1
    types = sorted(set(ngold) | set(npred))
    return {
        "micro": _prf(sum(tp.values()), sum(npred.values()), sum(ngold.values())),
        "per_type": {t: {**_prf(tp.get(t, 0), npred.get(t, 0), ngold.get(t, 0)), "n": ngold.get(t, 0)}
                     for t in types},
    }


def split_tail(sents: list[Sentence], fraction: float = 0.12) -> tuple[list[Sentence], list[Sentence]]:
    """Hold out about the trailing `fraction` of tokens as whole sentences: (train, dev).

    The cut moves back over sentences opening with a conjunction (و/ف), which continue a story,
    so that the dev split starts at the beginning of a document as far as the text shows.
    """
    total = sum(len(t) for t, _ in sents)
    acc, cut = 0, len(sents)
    for i in range(len(sents) - 1, -1, -1):
        acc += len(sents[i][0])
        if acc >= total * fraction:
            cut = i
            break
    for _ in range(15):
        if cut > 0 and sents[cut][0] and sents[cut][0][0][:1] in ("و", "ف"):
            cut -= 1
    return sents[:cut], sents[cut:]


def format_scores(scores: dict, fmt: Callable[[float], str] = lambda x: f"{100 * x:.1f}") -> str:
    """One-line summary: micro F1 and P/R/F1 per type."""
    m = scores["micro"]
    parts = [f"micro P {fmt(m['p'])} R {fmt(m['r'])} F1 {fmt(m['f1'])}"]
    for t, s in scores["per_type"].items():
        parts.append(f"{t} {fmt(s['p'])}/{fmt(s['r'])}/{fmt(s['f1'])}")
    return " | ".join(parts)
