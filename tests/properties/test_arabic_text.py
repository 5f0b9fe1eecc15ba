"""Properties of the Arabic text layer for any Unicode string (and for Arabic-heavy ones): folding and
its offset map (monotonic, in range, slices that fold back exactly), sentences, tokens, stems."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from news import budget, news

from marsad.arabic import chars
from marsad.arabic.normalize import DEFAULT_STEPS, STEP_NAMES, fold, normalize
from marsad.arabic.sentences import split_sentences
from marsad.arabic.stem import stem, stem_all
from marsad.arabic.tokens import tokenize, words

# Characters that make the interesting cases: letters, marks, tatweel, controls, digits of three
# scripts, Arabic and Latin punctuation, quotes, presentation forms, spaces and line breaks.
_ALPHABET = (
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱؤئىةکگیپچژۀ"
    + "\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u06d6\u0610" + chars.TATWEEL
    + "\u200b\u200c\u200d\u200e\u200f\u202b\u202c\u2067\u2069\ufeff\u061c"
    + "0123456789" + chars.EASTERN_DIGITS + chars.PERSIAN_DIGITS
    + "،؛؟٪٫٬۔.,;:!?…-()«»\"“”'’"
    + "ﻻﻷﷺﷲﺑﻐﺪ\ufe70\ufe71\ufc5e"
    + "abcXYZ" + "   \n\r\t\u00a0\u2029"
)
arabic_text = st.text(alphabet=_ALPHABET, max_size=200)
any_text = st.text(max_size=200)
texts = st.one_of(arabic_text, any_text, news(max_pieces=8))
step_sets = st.sets(st.sampled_from(STEP_NAMES))
_STRIP = set(chars.SPACES) | chars.CONTROLS


@given(texts)
@budget(150)
def test_fold_equals_normalize_text_and_is_idempotent(s: str) -> None:
    n = normalize(s)
    assert fold(s) == n.text
    assert fold(n.text) == n.text


@given(texts, step_sets)
def test_any_step_selection(s: str, steps: set[str]) -> None:
    n = normalize(s, tuple(steps))
    assert fold(s, tuple(steps)) == n.text
    assert n.map.length == len(n.text)


@given(texts, step_sets)
@budget(150)
def test_offset_map_is_monotonic_bounded_and_faithful(s: str, steps: set[str]) -> None:
    chosen = tuple(steps) or DEFAULT_STEPS
    n = normalize(s, chosen)
    m = n.map
    starts = [m.to_original(i) for i in range(m.length + 1)]
    assert starts == sorted(starts)
    assert all(0 <= x <= len(s) for x in starts)
    assert starts[-1] == len(s)
    ends = [m.char_end(i) for i in range(m.length)]
    assert ends == sorted(ends)
    assert all(starts[i] < ends[i] <= len(s) for i in range(m.length))
    if m.length:
        a, b = m.original_span(0, m.length)
        assert fold(s[a:b], chosen) == n.text
    for i in range(0, m.length, max(3, m.length // 60)):  # about 60 starts: long texts stay cheap
        for j in (i, i + 1, i + 5, m.length):
            if j > m.length:
                continue
            a, b = m.original_span(i, j)
            assert 0 <= a <= b <= len(s)
            assert n.text[i:j] in fold(s[a:b], chosen)



def _inside_expansion(m, i: int) -> bool:
    """Is boundary i inside the output of one source character (ﷺ -> "صلى الله عليه وسلم")?"""
    return 0 < i < m.length and m.to_original(i) == m.to_original(i - 1)


@given(texts, step_sets, st.data())
@budget(150)
def test_a_normalized_slice_maps_to_an_original_slice_that_folds_back_to_it(s: str, steps, data) -> None:
    """What the stages do: find a word in folded text, report original [a, b); that slice folds to the word."""
    chosen = tuple(steps) or DEFAULT_STEPS
    n = normalize(s, chosen)
    m = n.map
    i = data.draw(st.integers(0, m.length))
    j = data.draw(st.integers(i, m.length))
    a, b = m.original_span(i, j)
    assert 0 <= a <= b <= len(s)
    if not (_inside_expansion(m, i) or _inside_expansion(m, j)):
        assert fold(s[a:b], chosen) == n.text[i:j]
        # and the slice is tight: no kept character of the original lies outside it on either side
        assert fold(s[:a], chosen) == n.text[:i]


@given(news())
@budget(100)
def test_normalize_is_a_pure_function_of_its_input(s: str) -> None:
    """normalize() keeps the last long texts: a cached answer must equal a fresh one, for any step set."""
    first = normalize(s)
    fresh = normalize(s, list(DEFAULT_STEPS))  # not the DEFAULT_STEPS object: no memo, same steps
    assert (first.text, first.map.segments) == (fresh.text, fresh.map.segments)
    assert [first.map.to_original(i) for i in range(first.map.length + 1)] == \
        [fresh.map.to_original(i) for i in range(fresh.map.length + 1)]


def _check_spans(text: str, spans) -> None:
    """Sorted, non-overlapping, non-empty, trimmed, and together covering every visible character."""
    prev, covered = 0, set()
    for sp in spans:
        assert 0 <= prev <= sp.start < sp.end <= len(text)
        piece = sp.slice(text)
        assert piece[0] not in _STRIP and piece[-1] not in _STRIP
        covered.update(range(sp.start, sp.end))
        prev = sp.end
    assert all(i in covered for i, c in enumerate(text) if c not in _STRIP)


@given(texts)
@budget(150)
def test_sentences_are_sorted_trimmed_and_cover_every_visible_character(s: str) -> None:
    spans = split_sentences(s)
    _check_spans(s, spans)
    assert not any(c in chars.LINE_BREAKS for sp in spans for c in sp.slice(s))


@given(texts)
@budget(150)
def test_tokens_are_sorted_non_empty_and_cover_every_visible_character(s: str) -> None:
    toks = tokenize(s)
    _check_spans(s, toks)
    for t in toks:
        assert all(c in "\u200c\u200d" for c in t.slice(s) if c in _STRIP)  # only ZWNJ/ZWJ inside words
        if t.base_start >= 0:
            assert t.start <= t.base_start <= t.base_end == t.end
        else:
            assert t.base_end == -1
    ws = words(s)
    assert set(ws) <= set(toks)
    assert all(t.base_start >= 0 for t in ws)


@given(texts, st.frozensets(st.text(alphabet="ابتسقلمنوهي", min_size=1, max_size=6), max_size=5))
def test_tokenize_with_known_words_keeps_invariants(s: str, known: frozenset[str]) -> None:
    toks = tokenize(s, known)
    _check_spans(s, toks)
    assert [(t.start, t.end) for t in toks] == [(t.start, t.end) for t in tokenize(s)]
    assert all(t.start <= t.base_start <= t.base_end == t.end for t in toks if t.base_start >= 0)


@given(st.lists(texts, max_size=8))
def test_stem_never_fails_and_stem_all_agrees(ws: list[str]) -> None:
    assert stem_all(ws) == [stem(w) for w in ws]
