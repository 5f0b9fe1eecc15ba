"""Runtime tagging with the shipped CRF model (python-crfsuite, standard library only).

`tag(tokens)` returns BIO tags over PERS/ORG/LOC/MISC; `spans(tokens, tags)` groups them into entities.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.ner.decode import read_weights, viterbi
from marsad.ner.features import FeatureConfig, fold, read_table, strip_clitics
from marsad.ner.items import BytesFromRows, ItemExtractor
from marsad.ner.wordrows import WordRows
from marsad.resident import settle

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"
MODEL_FILE = "ner.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
GAZETTEER_FILE = "gazetteer.tsv"
LEXICON_FILE = "lexicon.tsv"
META_FILE = "ner.json"

_lock = threading.Lock()


@dataclass(frozen=True)
class Span:
    """An entity: token offsets [start, end) and its type."""

    start: int
    end: int
    label: str
    text: str


WARM_WORDS = 30_000


def read_resources(model_dir: Path) -> tuple[dict, dict, dict]:
    """Load (clusters, gazetteer, lexicon) tables from a model folder; missing files give empty tables."""
    tables = []
    for name in (CLUSTERS_FILE, GAZETTEER_FILE, LEXICON_FILE):
        path = model_dir / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                tables.append(read_table(fh))
        else:
            tables.append({})
    return tables[0], tables[1], tables[2]


def model_config(model_dir: Path) -> FeatureConfig:
    """Feature configuration recorded at training time (defaults when absent)."""
    path = model_dir / META_FILE
    if path.exists():
        cfg = json.loads(path.read_text(encoding="utf-8")).get("features", {})
        return FeatureConfig(**cfg)
    return FeatureConfig()


class Tagger:
    """A crfsuite tagger with its feature extractor (restricted to attributes the model knows)."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        import pycrfsuite

        path = model_dir / MODEL_FILE
        if not path.exists():
            raise FileNotFoundError(f"NER model not found: {path} (run python -m marsad.ner.train)")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        info = self._tagger.info()
        known = frozenset(attr for attr, _label in info.state_features)
        clusters, gazetteer, lexicon = read_resources(model_dir)
        self._resources = (clusters, gazetteer, lexicon, model_config(model_dir), known)
        # Decoding in numpy gives crfsuite's tags at a fraction of its cost (marsad.ner.decode); the
        # extractor then encodes attributes as weight rows. pycrfsuite stays the tagger when the model
        # file does not read back exactly.
        self.weights = read_weights(path, info)
        encode = self.weights.rows.__getitem__ if self.weights is not None else str.encode
        self.extractor = ItemExtractor(*self._resources[:4], known=known, encode=encode)
        self._bytes_extractor = None if self.weights is not None else self.extractor
        # The clusters table is ordered by news frequency: the features of its first words are built
        # now, once, so the first articles tagged are as fast as the thousandth.
        self.extractor.warm(itertools.islice(clusters, WARM_WORDS))
        self._rows = WordRows(self.extractor, self.weights) if self.weights is not None else None

    def tag(self, tokens: list[str]) -> list[str]:
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for each sentence, each decoded on its own (together in numpy when that pays)."""
        return self._decode(sentences)[0]

    def _decode(self, sentences: list[list[str]]) -> tuple[list[list[str]], list[list[str]] | None]:
        """The tags of each sentence and, from the numpy decoder, each token's `propagate` key."""
        filled = [s for s in sentences if s]
        if self._rows is None or not filled or not _numpy_pays([len(s) for s in filled]):
            return [self.tag_with_crfsuite(s) for s in sentences], None
        with _lock:  # the word table grows as new words come
            scores, words = self._rows.scores(filled)
            stems = list(map(self._rows.stems.__getitem__, words))  # = _key(token): fold, clitics off
        paths = iter(viterbi(scores, [len(s) for s in filled], self.weights.transition))
        labels = self.weights.labels
        tags, keys, at = [], [], 0
        for s in sentences:
            tags.append([labels[k] for k in next(paths)] if s else [])
            keys.append(stems[at:at + len(s)])
            at += len(s)
        return tags, keys

    def tag_with_crfsuite(self, tokens: list[str]) -> list[str]:
        """The same tags through pycrfsuite (the reference the numpy decoder is tested against)."""
        if not tokens:
            return []
        if self._bytes_extractor is None:  # the numpy decoder's extractor exists: its words serve here
            *tables, known = self._resources
            names = [b""] * (self.weights.pad + 1)
            for attr, row in self.weights.rows.items():
                names[row] = attr.encode()
            self._bytes_extractor = BytesFromRows(self.extractor, names, *tables, known=known)
        extractor = self._bytes_extractor
        feats = extractor.sentence_items(tokens)  # UTF-8 bytes: pycrfsuite takes them as they are
        for cache in {extractor, self.extractor}:
            if cache.cache_size() > 500_000:
                cache.clear_cache()
        with _lock:
            return list(self._tagger.tag(feats))

    def tag_document(self, sentences: list[list[str]], window: int = 10) -> list[list[str]]:
        """Tag consecutive sentences of one text, then label repeats of names found nearby.

        An untagged token run equal (folded, clitics stripped) to an entity predicted within `window`
        sentences gets that entity's (majority) type: names recur within a news story.
        """
        tags, keys = self._decode(sentences)
        return propagate(sentences, tags, window, keys)


# numpy decodes the sentences side by side, one position at a time, for a fixed cost per position
# (about what pycrfsuite spends on two or three tokens): it pays when the batch holds this many tokens
# per position of its longest sentence. One sentence alone (`tag`) goes through pycrfsuite.
NUMPY_TOKENS_PER_STEP = 3


def _numpy_pays(lengths: list[int]) -> bool:
    return sum(lengths) >= NUMPY_TOKENS_PER_STEP * max(lengths)


_KEYS: dict[str, str] = {}


def _key(token: str) -> str:
    """The folded, clitic-stripped form of a token, cached per spelling (a plain dict: no call overhead)."""
    hit = _KEYS.get(token)
    if hit is None:
        if len(_KEYS) > 262_144:
            _KEYS.clear()
        hit = _KEYS[token] = strip_clitics(fold(token))[1]
    return hit


def propagate(sentences: list[list[str]], tags: list[list[str]], window: int = 10,
              keys: list[list[str]] | None = None) -> list[list[str]]:
    """Document-level consistency pass over tagged sentences (see :meth:`Tagger.tag_document`).

    `keys`: each token's `_key`, when the caller has them already.
    """
    if keys is None:
        get = _KEYS.get
        keys = [[get(t) or _key(t) for t in s] for s in sentences]
    found: list[dict[tuple[str, ...], str]] = []
    for k, t in zip(keys, tags, strict=True):
        ents: dict[tuple[str, ...], str] = {}
        if t.count("O") < len(t):  # a sentence without entities has no spans
            for sp in spans(k, t):
                key = tuple(k[sp.start:sp.end])
                if sum(len(x) for x in key) >= 3:
                    ents[key] = sp.label
                if sp.label == "PERS" and len(key) >= 2 and len(key[-1]) >= 3:
                    ents.setdefault(key[-1:], "PERS")  # a person is later named by the last name alone
        found.append(ents)
    if not any(found):
        return [list(t) for t in tags]
    out = []
    for i, (k, t) in enumerate(zip(keys, tags, strict=True)):
        # only names whose first word occurs in this sentence can be relabelled here
        present = set(k)
        votes: dict[tuple[str, ...], dict[str, int]] = {}
        for j in range(max(0, i - window), min(len(found), i + window + 1)):
            for key, label in found[j].items():
                if key[0] in present:
                    count = votes.setdefault(key, {})
                    count[label] = count.get(label, 0) + 1
        new = list(t)
        for key in sorted(votes, key=len, reverse=True):
            label = max(votes[key].items(), key=lambda kv: kv[1])[0]
            n = len(key)
            first = key[0]
            for a in [a for a, x in enumerate(k) if x == first]:
                if a + n > len(k) or new[a] != "O" or k[a + n - 1] != key[-1]:
                    continue  # cheap tests first: a long run (24,000 dashes) was compared at every position
                if tuple(k[a:a + n]) == key and all(x == "O" for x in new[a:a + n]):
                    if a + n < len(new) and new[a + n].startswith("I-"):
                        continue
                    new[a:a + n] = ["B-" + label] + ["I-" + label] * (n - 1)
        out.append(new)
    return out


@lru_cache(maxsize=4)
def load_tagger(model_dir: Path | str = MODEL_DIR) -> Tagger:
    """Load (once) the tagger for a model folder; the shipped model by default."""
    tagger = Tagger(Path(model_dir))
    settle()
    return tagger


def tag(tokens: list[str]) -> list[str]:
    """BIO tags (B-PERS, I-ORG, ..., O) for one tokenized sentence, using the shipped model."""
    return load_tagger().tag(list(tokens))


def tag_document(sentences: list[list[str]]) -> list[list[str]]:
    """Tags for the consecutive sentences of one text, with the document-level consistency pass."""
    return load_tagger().tag_document([list(s) for s in sentences])


def spans(tokens: list[str], tags: list[str]) -> list[Span]:
    """Group BIO tags into entity spans (an I- tag without a matching open entity starts a new one)."""
    out: list[Span] = []
    start, label = -1, ""
    for i, t in enumerate([*tags, "O"]):
        kind, _, typ = t.partition("-")
        if label and (kind != "I" or typ != label):
            out.append(Span(start, i, label, " ".join(tokens[start:i])))
            label = ""
        if kind == "B" or (kind == "I" and not label):
            start, label = i, typ
    return out
