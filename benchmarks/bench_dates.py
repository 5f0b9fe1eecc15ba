"""find_dates throughput on ~5 MB (UTF-8) of generated news-like Arabic text; prints MB/s.

    .venv/bin/python benchmarks/bench_dates.py [--mb 5] [--repeat 3] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time

from marsad.dates import find_dates

WORDS = ("قال أعلن المتحدث باسم الحكومة أن الوزارة قررت تمديد العمل بالخطة الأمنية في المحافظات الشمالية "
         "بعد اجتماع مطول مع ممثلي الكتل السياسية والقوات المشتركة وأكد مصدر مطلع لوكالة الأنباء "
         "أن المفاوضات ما تزال مستمرة بشأن انسحاب القوات الأجنبية وتسليم القواعد إلى الجيش "
         "وأضاف البيان الذي تلقته الصحيفة أن اللجنة العليا ستعقد جلستها المقبلة لمناقشة الموازنة "
         "مارس الضغط على الأطراف والقوى الإقليمية من أجل التهدئة وضبط الحدود ومكافحة الإرهاب").split()
NUMBERS = ["2500 جندي", "85 دولة", "12 شهراً", "بنسبة 15%", "نحو 3.5 مليار دولار", "الـ 12",
           "0770-123-4567", "في 2024", "المادة 140", "1.2 مليون"]
DATES = ["6 يناير 2026", "٦ كانون الثاني ٢٠٢٦", "الثلاثاء 6 يناير، 2026", "سبتمبر/ أيلول 2025",
         "أيلول/سبتمبر 2025", "27 يناير/ كانون الثاني", "في 17 سبتمبر", "عام 2014", "العام 2024",
         "14/01/2026", "2026-01-14", "15 رجب 1447 هـ", "رمضان 1446هـ", "19 يناير, 2026: 12:07 ص",
         "5 جويلية 2024", "تموز (يوليو) 2023"]


def generate(mb: float, seed: int) -> str:
    """Sentences of 15-40 words; about one number per sentence and one date every other sentence."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < mb * 1_000_000:
        words = rng.choices(WORDS, k=rng.randint(15, 40))
        words.insert(rng.randrange(len(words)), rng.choice(NUMBERS))
        if rng.random() < 0.5:
            words.insert(rng.randrange(len(words)), rng.choice(DATES))
        sentence = " ".join(words) + (".\n" if rng.random() < 0.2 else ". ")
        parts.append(sentence)
        size += len(sentence.encode("utf-8"))
    return "".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    text = generate(args.mb, args.seed)
    size = len(text.encode("utf-8")) / 1_000_000
    find_dates("6 يناير 2026")  # build the grammar outside the timing
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = find_dates(text)
        best = min(best, time.perf_counter() - t0)
    lines = text.splitlines()
    t0 = time.perf_counter()
    for line in lines:
        find_dates(line)
    per_line = time.perf_counter() - t0
    print(f"text: {size:.2f} MB UTF-8, {len(text):,} characters, {len(found):,} dates found")
    print(f"one call:  {size / best:6.1f} MB/s ({len(text) / best / 1e6:.1f} M chars/s), best of {args.repeat}")
    print(f"per line:  {size / per_line:6.1f} MB/s over {len(lines):,} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
