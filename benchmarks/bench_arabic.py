"""Throughput of the Arabic text layer: tokenize, split_sentences, normalize, fold (tokens/s).

Synthetic but realistic news paragraphs (our own sentences, repeated to about 1M tokens), one core.

    .venv/bin/python benchmarks/bench_arabic.py [--tokens 1000000]
"""

from __future__ import annotations

import argparse
import time

from marsad.arabic.normalize import fold, normalize
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize

PARAGRAPHS = (
    "أعلنت وزارة الداخلية العراقية، مساء الأحد، أن قواتها أحبطت هجوماً على مبنى حكومي في بغداد. "
    "وقال المتحدث باسم الوزارة لـ\"وكالة الأنباء الرسمية\" إن العملية أسفرت عن اعتقال 3 مشتبه بهم.",
    "وبحسب مصادر محلية، فإن نسبة المشاركة بلغت 41.5 بالمئة في محافظة نينوى، مقارنة بـ٣٨٫٢ في الدورة "
    "السابقة؟ وأكد د. سامي الربيعي أن الأرقام \"ما زالت أولية. وقد تتغير خلال الأيام المقبلة\".",
    "ونقلت صحيفة «الشرق» عن مسؤول في الحكومة اللبنانية قوله إن بيروت تنتظر رداً رسمياً من باريس… "
    "ولفت إلى أن قيمة المساعدات تصل إلى 2,500,000 دولار، وأن الاتفاق سيوقع قبل نهاية العام الحالي.",
    "في المقابل، نفى المكتب الإعلامي للمحافظ ما تداولته مواقع التواصل بشأن إغلاق الطرق المؤدية إلى "
    "كركوك، مشيراً إلى أن الحركة طبيعية، وأن الأجهزة الأمنية تتابع الوضع بالتنسيق مع وزارة الدفاع.",
    "وتأتي هذه التطورات بعد أسبوع من زيارة وزير الخارجية الفرنسي إلى المنطقة، والتي التقى خلالها "
    "بالرئيس ورئيس الوزراء، وبحث معهما ملفات الطاقة والمياه والحدود!",
)


def timed(label: str, fn, text: str, tokens: int) -> None:
    t0 = time.perf_counter()
    result = fn(text)
    dt = time.perf_counter() - t0
    size = len(result) if isinstance(result, list) else len(getattr(result, "text", result))
    print(f"{label:16s} {dt:7.3f} s  {tokens / dt / 1e3:8.0f}k tokens/s  ({size:,} items/chars out)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", type=int, default=1_000_000)
    args = ap.parse_args()
    block = "\n\n".join(PARAGRAPHS) + "\n\n"
    per_block = len(tokenize(block))
    text = block * max(1, args.tokens // per_block)
    n = len(tokenize(text))  # also warms the regexes and tables
    print(f"{n:,} tokens, {len(text):,} characters, {len(split_sentences(text)):,} sentences")
    timed("tokenize", tokenize, text, n)
    timed("split_sentences", split_sentences, text, n)
    timed("normalize", normalize, text, n)
    timed("fold", fold, text, n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
