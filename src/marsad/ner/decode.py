"""The CRF's weights read from the model file, and Viterbi decoding of many sentences at once in numpy.

Tagging through pycrfsuite looks up every attribute string of every token in the model's dictionary
(about 30 per token); here attributes are integer rows of a weight matrix, found once per word
(`marsad.ner.wordrows`), and the sentences of an article are decoded together. The arithmetic is
crfsuite's own (crf1d_tag.c, crf1d_context.c), in the same order, so the tags are the same:

- the state score of label j at token t is 0 plus the weight of each of the token's attributes for j,
  added one attribute after the other in the item's order (an attribute without a feature for j, or
  unknown to the model, adds nothing: here it adds 0.0, which leaves every sum as it was);
- alpha[t][j] = max_i(alpha[t-1][i] + trans[i][j]) + state[t][j], ties to the smallest i, and the
  last label is the first of the largest alpha[T-1].

The weights come from the model file's feature chunk (exact doubles; crfsuite's text dump rounds them
to six decimals) and are checked against that dump: a file that does not read back the same gives
None, and the caller keeps tagging through pycrfsuite.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, features, labels, attrs, 5 offsets
_CHUNK = struct.Struct("<4sII")  # chunk id, size, count
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True)
class Weights:
    labels: tuple[str, ...]  # by label id
    rows: dict[str, int]  # attribute -> its row of `state` (attributes with at least one state feature)
    state: np.ndarray  # (attributes + 1, labels); the last row is zeros: "no attribute"
    transition: np.ndarray  # (labels, labels): from i to j

    @property
    def pad(self) -> int:
        """The all-zero row: stands for an absent attribute."""
        return self.state.shape[0] - 1


def read_weights(path: Path, info) -> Weights | None:
    """The weights of a crfsuite CRF1d model file; `info` is pycrfsuite's parsed dump of the same model
    (attribute and label names by id, weights to six decimals) and serves as the check."""
    data = Path(path).read_bytes()
    if len(data) < _HEADER.size:
        return None
    magic, _size, kind, _version, _features, n_labels, _attrs, off_features, *_ = _HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC" or off_features + _CHUNK.size > len(data):
        return None
    chunk, _chunk_size, count = _CHUNK.unpack_from(data, off_features)
    if chunk != b"FEAT" or off_features + _CHUNK.size + count * _FEATURE.itemsize > len(data):
        return None
    feats = np.frombuffer(data, _FEATURE, count=count, offset=off_features + _CHUNK.size)
    labels = sorted(info.labels, key=lambda name: int(info.labels[name]))
    if [int(info.labels[x]) for x in labels] != list(range(n_labels)):
        return None
    name_of = {int(i): name for name, i in info.attributes.items()}
    state_feats, trans_feats = feats[feats["type"] == _STATE], feats[feats["type"] == _TRANSITION]
    used = np.unique(state_feats["src"])
    if len(state_feats) + len(trans_feats) != count or any(int(a) not in name_of for a in used):
        return None
    row_of = np.zeros(int(used.max()) + 1 if len(used) else 1, np.intp)
    row_of[used] = np.arange(len(used))
    state = np.zeros((len(used) + 1, n_labels))
    transition = np.zeros((n_labels, n_labels))
    for table, feats_, rows in ((state, state_feats, row_of[state_feats["src"]]),
                                (transition, trans_feats, trans_feats["src"])):
        cells = rows.astype(np.int64) * n_labels + feats_["dst"]
        if len(np.unique(cells)) != len(cells) or (len(feats_) and feats_["dst"].max() >= n_labels):
            return None  # one feature per (attribute, label): crfsuite never writes two
        table[rows, feats_["dst"]] = feats_["weight"]
    weights = Weights(tuple(labels), {name_of[int(a)]: int(r) for a, r in zip(used, row_of[used], strict=True)},
                      state, transition)
    same_count = len(info.state_features) == len(state_feats) and len(info.transitions) == len(trans_feats)
    return weights if same_count and _agrees(weights, info) else None


def _agrees(w: Weights, info) -> bool:
    """Every weight of the dump (six decimals) matches the one read."""
    lid = {name: i for i, name in enumerate(w.labels)}
    try:
        for (attr, label), value in info.state_features.items():
            if abs(w.state[w.rows[attr], lid[label]] - value) > 1e-6:
                return False
        for (a, b), value in info.transitions.items():
            if abs(w.transition[lid[a], lid[b]] - value) > 1e-6:
                return False
    except KeyError:
        return False
    return True


def viterbi(scores: np.ndarray, lengths: list[int], transition: np.ndarray) -> list[list[int]]:
    """The best label ids of each sentence: `scores` holds the state scores of all sentences' tokens one
    after the other ((tokens, labels)), `lengths` the sentences' lengths (each at least 1).

    The sentences are decoded side by side, one token position at a time (into preallocated arrays:
    at this size numpy's per-call cost is most of the time).
    """
    n_sent, longest, n_labels = len(lengths), max(lengths), scores.shape[1]
    size = np.asarray(lengths)
    starts = np.cumsum(size) - size
    sentence = np.repeat(np.arange(n_sent), size)
    alpha = np.zeros((longest, n_sent, n_labels))
    alpha[np.arange(len(scores)) - starts[sentence], sentence] = scores  # the state scores, then alpha
    into = np.ascontiguousarray(transition.T)  # into[j, i] = transition i -> j
    back = np.zeros((longest, n_sent * n_labels), np.intp)  # back[t][s * L + j]: the best i before (t, j)
    cells = np.arange(n_sent * n_labels) * n_labels  # where each (sentence, j) row of candidates starts
    cand = np.empty((n_sent, n_labels, n_labels))  # cand[s, j, i] = alpha[t-1][s, i] + trans[i, j]
    rows, flat, best = cand.reshape(-1, n_labels), cand.reshape(-1), np.empty(n_sent * n_labels)
    for t in range(1, longest):
        np.add(alpha[t - 1][:, None, :], into, out=cand)
        links = back[t]
        rows.argmax(axis=1, out=links)  # the first i of the largest: crfsuite's strict "<"
        flat.take(links + cells, out=best)
        alpha[t] += best.reshape(n_sent, n_labels)  # max + state score, as crfsuite adds them
    sents = np.arange(n_sent)
    last = size - 1
    final = alpha[last, sents].argmax(axis=1)
    ends = set(last.tolist())
    path = np.empty((longest, n_sent), np.intp)
    path[-1] = cur = final
    base = sents * n_labels
    for t in range(longest - 2, -1, -1):
        cur = back[t + 1].take(base + cur)
        if t in ends:
            cur = np.where(last == t, final, cur)
        path[t] = cur
    return [row[:n] for row, n in zip(path.T.tolist(), lengths, strict=True)]
