"""State scores of a whole article's tokens in numpy, from the attribute rows of each word.

A token's attributes (`ItemExtractor.sentence_items`, in that order) are: bias, the word's own,
its topic attributes in a sports sentence, then those it gets as the neighbour of its tokens at -1
(or BOS), the -1 bigram, -2 (or BOS2 / nothing), +1 (or EOS), the +1 bigram, +2 (or EOS2 /
nothing). Each spelling is given a number once, with the weight-matrix rows of its six parts (own,
-1, +1, -2, +2, topic) padded to a common width with the zero row; a token's rows are then those of
its word and its neighbours' words, gathered for the whole article at once. The padding rows add
0.0, so each label's sum is the one crfsuite makes (see `marsad.ner.decode`).
"""

from __future__ import annotations

import itertools

import numpy as np

from marsad.ner.decode import Weights
from marsad.ner.items import ItemExtractor

OWN, BEFORE1, AFTER1, BEFORE2, AFTER2, TOPIC = range(6)  # `ItemExtractor.word_items` at 0, 1, 2, 3, 4, 7
NONE, EDGE = 0, 1  # two made-up words: no attributes at all; BOS / EOS / BOS2 / EOS2 as neighbours
MAX_WORDS = 300_000  # then the table starts again (memory stays bounded on a long stream)
_NO_PAIRS: dict = {}


class WordRows:
    """Each spelling's attribute rows, numbered as they are met; scores for a batch of sentences.

    A token's sum starts with bias and its own attributes, which depend on its spelling alone: that
    part of the sum is kept per word (`_own`), added in the same order, so it is the same number.
    """

    def __init__(self, extractor: ItemExtractor, weights: Weights) -> None:
        self.extractor, self.weights = extractor, weights
        self.pad = pad = weights.pad
        self.bias = weights.rows.get("bias", pad)
        # stem a -> stem b -> (row of "b-=a|b" or pad, row of "b+=a|b" or pad)
        self._bigrams = {a: {b: (p[0][0] if p[0] else pad, p[1][0] if p[1] else pad) for b, p in row.items()}
                         for a, row in (extractor._bigrams or {}).items()}
        self.reset()

    def reset(self) -> None:
        self.number: dict[str, int] = {}
        self.stems: list[str] = []
        self._sport: list[bool] = []
        self._pairs: list[dict] = []  # word -> its bigram rows by the next word's stem
        self._tables = [np.zeros((0, 0), np.int32) for _ in range(6)]  # word -> rows of a part, padded
        self._widths = [np.zeros(0, np.int32) for _ in range(6)]  # word -> how many of them are real
        self._own = np.zeros((0, self.weights.state.shape[1]))  # word -> bias + own attributes, summed
        self._sports = np.zeros(0, bool)
        self._pending: list[tuple[tuple[int, ...], ...]] = []  # parts of words numbered, not yet in the tables
        row = self.weights.rows.get
        for parts in (((),) * 6,  # NONE
                      ((), (row("BOS", self.pad),), (row("EOS", self.pad),), (row("BOS2", self.pad),),
                       (row("EOS2", self.pad),), ())):  # EDGE
            self._pending.append(parts)
            self.stems.append("")
            self._sport.append(False)
            self._pairs.append(_NO_PAIRS)

    def word(self, spelling: str) -> int:
        """The number of a spelling (its rows go to the tables at the next `_flush`)."""
        hit = self.number.get(spelling)
        if hit is None:
            items = self.extractor.word_items(spelling)  # weight rows (the extractor encodes to rows)
            self._pending.append((items[0], items[1], items[2], items[3], items[4], items[7]))
            hit = self.number[spelling] = len(self.stems)
            self.stems.append(items[5])
            self._sport.append(items[6])
            self._pairs.append(self._bigrams.get(items[5], _NO_PAIRS))
        return hit

    def _flush(self) -> None:
        """Put the pending words into the tables, all at once (a few array operations in all)."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        n, total = len(pending), len(self.stems)
        start = total - n
        sizes = np.fromiter(map(len, itertools.chain.from_iterable(pending)), np.intp, n * 6)
        flat = np.fromiter(itertools.chain.from_iterable(itertools.chain.from_iterable(pending)), np.int32,
                           int(sizes.sum()))
        block = np.full((n * 6, max(1, int(sizes.max()))), self.pad, np.int32)  # row 6w + k: part k of word w
        block[np.repeat(np.arange(n * 6), sizes), np.arange(len(flat)) - np.repeat(np.cumsum(sizes) - sizes, sizes)] = flat
        block, sizes = block.reshape(n, 6, -1), sizes.reshape(n, 6)
        state = self.weights.state
        sums = np.repeat(state[self.bias][None, :], n, axis=0)
        for column in block[:, OWN, :int(sizes[:, OWN].max())].T:  # in the order of the attributes
            sums += state.take(column, axis=0)
        if total > len(self._own):
            self._own = _grown(self._own, total, 0.0)
            self._sports = _grown(self._sports, total, False)
        self._own[start:total] = sums
        self._sports[start:total] = self._sport[start:total]
        for k in (BEFORE1, AFTER1, BEFORE2, AFTER2, TOPIC):
            width, table = int(sizes[:, k].max()), self._tables[k]
            if total > table.shape[0] or width > table.shape[1]:
                self._tables[k] = table = _grown(table, total, self.pad, width)
                self._widths[k] = _grown(self._widths[k], total, 0)
            table[start:total, :width] = block[:, k, :width]
            self._widths[k][start:total] = sizes[:, k]

    def scores(self, sentences: list[list[str]]) -> tuple[np.ndarray, list[int]]:
        """(tokens, labels) state scores of the tokens of all sentences (none empty), one after the other,
        and the tokens' word numbers."""
        if len(self.stems) > MAX_WORDS:
            self.reset()
            self.extractor.clear_cache()
        number, word, stems, by_next = self.number, self.word, self.stems, self._pairs
        words = [number.get(t) or word(t) for t in itertools.chain.from_iterable(sentences)]
        no_pair = (self.pad, self.pad)
        # the bigram rows of every two tokens in a row; those across a sentence end are dropped below
        pairs = [by_next[a].get(stems[b], no_pair) for a, b in zip(words, words[1:], strict=False)]
        pairs = np.array(pairs, np.intp).reshape(-1, 2)
        self._flush()
        w = np.asarray(words, np.intp)
        lengths = np.fromiter(map(len, sentences), np.intp, len(sentences))
        starts = np.cumsum(lengths) - lengths
        pos = np.arange(len(w)) - np.repeat(starts, lengths)
        left = np.repeat(lengths, lengths) - 1 - pos  # tokens after this one in its sentence
        before_pair = np.where(pos > 0, np.concatenate(([self.pad], pairs[:, 0])), self.pad)  # "b-=prev|this"
        after_pair = np.where(left > 0, np.concatenate((pairs[:, 1], [self.pad])), self.pad)  # "b+=this|next"
        sport = np.repeat(np.logical_or.reduceat(self._sports[w], starts), lengths)  # a sports sentence
        state = self.weights.state
        total = self._own.take(w, axis=0)  # bias and the own attributes
        for part, who in (  # the rest in crfsuite's order: topic, -1, -1 bigram, -2, +1, +1 bigram, +2
                (TOPIC, np.where(sport, w, NONE)),
                (BEFORE1, np.where(pos > 0, np.roll(w, 1), EDGE)),
                (before_pair, None),
                (BEFORE2, np.where(pos > 1, np.roll(w, 2), np.where(pos == 1, EDGE, NONE))),
                (AFTER1, np.where(left > 0, np.roll(w, -1), EDGE)),
                (after_pair, None),
                (AFTER2, np.where(left > 1, np.roll(w, -2), np.where(left == 1, EDGE, NONE)))):
            if who is None:  # a bigram: one row or the zero row
                total += state.take(part, axis=0)
                continue
            width = int(self._widths[part].take(who).max())
            if width:
                rows = self._tables[part].take(who, axis=0)[:, :width]
                for column in rows.T:  # one attribute after the other, as crfsuite adds them
                    total += state.take(column, axis=0)
        return total, words


def _grown(table: np.ndarray, rows: int, fill, width: int = 0) -> np.ndarray:
    """`table` with room for at least `rows` rows (doubling) and `width` columns, the new cells `fill`."""
    shape = (max(rows, 2 * table.shape[0]), *([max(width, table.shape[1])] if table.ndim == 2 else []))
    out = np.full(shape, fill, table.dtype)
    out[tuple(slice(0, n) for n in table.shape)] = table
    return out
