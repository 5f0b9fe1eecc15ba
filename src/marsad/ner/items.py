"""What the tagger hands to crfsuite: the extractor's attributes as UTF-8 bytes, from per-word caches.

`ItemExtractor.sentence_items(tokens)` equals `[[f.encode() for f in item] for item in
sentence_features(tokens)]`, the same attributes in the same order, only cheaper to build:
pycrfsuite encodes every str attribute again on each call (bytes pass straight through), each
word's parts are encoded once per spelling, and a token's list is one concatenation of cached tuples.
The numpy decoder (`marsad.ner.wordrows`) takes the same per-word parts encoded as weight rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from marsad.ner.features import _ARABIC, _DIACRITICS, _FOLD, FeatureExtractor, shape

_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_NO_PAIR: tuple[tuple[bytes, ...], tuple[bytes, ...]] = ((), ())
_NEAR = ("-1", "+1", "-2", "+2")  # the position prefixes of the neighbours' parts, in their order


class ItemExtractor(FeatureExtractor):
    """A FeatureExtractor whose per-sentence output is ready for pycrfsuite (see the module doc).

    `encode` turns an attribute into what the tagger takes: UTF-8 bytes for pycrfsuite (the default),
    or the attribute's row in the model's weights for `marsad.ner.decode` (then every attribute must
    be one the model knows: `known`). `sentence_items` is for the bytes form only.
    """

    def __init__(self, *args, encode: Callable[[str], object] = str.encode, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.encode = encode
        self._bcore_cache: dict[str, tuple] = {}  # folded form -> encoded core parts
        self._items: dict[str, tuple] = {}  # spelling -> (own, -1, +1, -2, +2, stem, sport, topic)
        self._shape_items: dict[tuple[str, bool], tuple] = {}
        self._bigrams = _bigram_table(self.known, encode) if self.known is not None else None
        # position prefix -> attribute without it -> encoded: a neighbour's attributes are looked up
        # without building "-1n=..." for every word (most are not in the model)
        self._near: dict[str, dict[str, object]] = {p: {} for p in _NEAR}
        for attr in self.known or ():
            if attr[:2] in self._near:
                self._near[attr[:2]][attr[2:]] = encode(attr)

    def _core_items(self, n: str) -> tuple:
        """`_core` encoded (tuples of bytes, or of weight rows), cached per folded form (straight from the parts)."""
        hit = self._bcore_cache.get(n)
        if hit is None:
            known, encode = self.known, self.encode
            if known is None:
                parts, stem, sport = self._core_parts(n)
                enc = [tuple(map(encode, part)) for part in parts]
            else:
                f0, ctx1, ctx2, topic, stem, sport = self._core_lists(n)
                near = self._near
                enc = [tuple(map(encode, filter(known.__contains__, f0)))]
                for prefix, ctx in zip(_NEAR, (ctx1, ctx1, ctx2, ctx2), strict=True):
                    table = near[prefix]  # "-1" + f is known exactly when f is in the table
                    enc.append(tuple(map(table.__getitem__, filter(table.__contains__, ctx)))
                               if prefix[1] == "1" or self.config.window >= 2 else ())
                enc.append(tuple(map(encode, filter(known.__contains__, topic))))
            hit = (*enc[:5], (stem, sport), enc[5])
            self._bcore_cache[n] = hit
        return hit

    def warm(self, words) -> None:
        """Fill the encoded folded-word cache for frequent words (at model load)."""
        for n in words:
            self._core_items(n)

    def word_items(self, word: str) -> tuple:
        """`word_features` as crfsuite receives them: (own, -1, +1, -2, +2, stem, sport, topic)."""
        hit = self._items.get(word)
        if hit is not None:
            return hit
        known = self.known
        if known is None:
            own, near_m, near_p, n = self._own(word)
            parts = (tuple(map(self.encode, own)), tuple(map(self.encode, near_m)), tuple(map(self.encode, near_p)))
        else:
            # the same attributes as _own, with the shape's part looked up (a handful of shapes)
            bare = _DIACRITICS.sub("", word)
            if bare and _ARABIC_WORD.fullmatch(bare):
                key = ("A", True)  # shape() of Arabic letters only
            else:
                key = (shape(bare), bool(_ARABIC.search(word)))
            by_shape = self._shape_items.get(key)
            if by_shape is None:
                by_shape = self._shape_items[key] = self._shape_parts(*key)
            w = "w=" + word
            parts = (((self.encode(w),) + by_shape[0]) if w in known else by_shape[0], by_shape[1], by_shape[2])
            n = bare.translate(_FOLD)  # = fold(word)
        c = self._core_items(n)
        hit = (parts[0] + c[0], parts[1] + c[1], parts[2] + c[2], c[3], c[4], c[5][0], c[5][1], c[6])
        self._items[word] = hit
        return hit

    def _shape_parts(self, shp: str, arabic: bool) -> tuple[tuple[bytes, ...], ...]:
        """The encoded, model-known attributes a shape gives: own ("shp=", "nonar"), -1 and +1."""
        known, encode = self.known or (), self.encode
        own = ["shp=" + shp] + ([] if arabic else ["nonar"])
        return tuple(tuple(encode(f) for f in fs if f in known) for fs in (own, ("-1shp=" + shp,), ("+1shp=" + shp,)))

    def sentence_items(self, tokens: list[str]) -> list[list[bytes]]:
        """`sentence_features` encoded as UTF-8, built from cached per-word parts.

        Bigrams are looked up in a table of the model's own bigram attributes instead of being
        built as strings for every pair of tokens.
        """
        bigrams = self._bigrams
        if bigrams is None:
            return [[f.encode() for f in item] for item in self.sentence_features(tokens)]
        items = self._items
        wf = [items.get(t) or self.word_items(t) for t in tokens]
        size = len(wf)
        if not size:
            return []
        sport = any(w[6] for w in wf)
        # pairs[k]: the bigram attributes of tokens k and k + 1, as (b- for k + 1, b+ for k)
        pairs = []
        for a, b in zip(wf, wf[1:], strict=False):
            row = bigrams.get(a[5])
            pairs.append(row.get(b[5], _NO_PAIR) if row else _NO_PAIR)
        out: list[list[bytes]] = []
        append = out.append
        for i in range(size):
            w = wf[i]
            topic = w[7] if sport else ()
            if 1 < i < size - 2:  # the common case: two neighbours on each side
                append([b"bias", *w[0], *topic, *wf[i - 1][1], *pairs[i - 1][0], *wf[i - 2][3],
                        *wf[i + 1][2], *pairs[i][1], *wf[i + 2][4]])
                continue
            item = [b"bias", *w[0], *topic]
            if i > 0:
                item += wf[i - 1][1]
                item += pairs[i - 1][0]
                item += wf[i - 2][3] if i > 1 else (b"BOS2",)
            else:
                item.append(b"BOS")
            if i + 1 < size:
                item += wf[i + 1][2]
                item += pairs[i][1]
                item += wf[i + 2][4] if i + 2 < size else (b"EOS2",)
            else:
                item.append(b"EOS")
            append(item)
        return out

    def cache_size(self) -> int:
        return len(self._items)

    def clear_cache(self) -> None:
        super().clear_cache()
        self._bcore_cache.clear()
        self._items.clear()


class BytesFromRows(ItemExtractor):
    """pycrfsuite's items (bytes) for the words of an extractor that encodes weight rows: each word's
    parts are that extractor's, row by row renamed, so its caches (warmed at load) serve both."""

    def __init__(self, rows: ItemExtractor, names: list[bytes], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._rows, self._names = rows, names  # names[row]: the attribute of a row, as UTF-8

    def word_items(self, word: str) -> tuple:
        hit = self._items.get(word)
        if hit is None:
            own, near_m, near_p, far_m, far_p, stem, sport, topic = self._rows.word_items(word)
            name = self._names.__getitem__
            hit = self._items[word] = (*(tuple(map(name, part)) for part in (own, near_m, near_p, far_m, far_p)),
                                       stem, sport, tuple(map(name, topic)))
        return hit


def _bigram_table(known, encode) -> dict[str, dict[str, tuple]]:
    """stem a -> stem b -> (("b-=a|b",) or (), ("b+=a|b",) or ()) for the bigrams the model knows (encoded).

    Every split at a "|" is entered, so a stem that contains "|" is still found exactly.
    """
    table: dict[str, dict[str, list]] = {}
    for attr in known:
        side = {"b-=": 0, "b+=": 1}.get(attr[:3])
        if side is None:
            continue
        rest = attr[3:]
        for k, ch in enumerate(rest):
            if ch == "|":
                pair = table.setdefault(rest[:k], {}).setdefault(rest[k + 1:], [(), ()])
                pair[side] = (encode(attr),)
    return {a: {b: tuple(p) for b, p in row.items()} for a, row in table.items()}
