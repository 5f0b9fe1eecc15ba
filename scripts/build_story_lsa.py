"""Learn a small topic space for story clustering: latent semantic analysis (a truncated SVD of the
tf-idf term-document matrix) over the same folded, stemmed words that features.py weighs.

    .venv/bin/pip install -e '.[train]'   # scipy
    .venv/bin/python scripts/build_story_lsa.py ../shared/data/news/*.jsonl.gz

Two reports of one story told in different words ("وقف إطلاق النار" / "الهدنة") share no stem but
their stems co-occur across the archive, so their topic vectors point the same way.
Writes src/marsad/models/stories/lsa.npz: `terms` (the --terms most frequent stems, protocol words and
stems in more than half the articles left out) and `vectors` (terms x --dims, float16: each row a
term's left singular vector; an article's topic vector is the weighted sum of its terms' rows).

Not shipped: on the tune sets the topic cosine did not improve clustering (BENCHMARKS.md, "Story
clustering"), so no lsa.npz is in the package; the script stays so that the result can be reproduced.

HONESTY: articles dated 2015-07-27 or 2015-08-03 (`date_extracted`) are left out of training: those are
the days of the story-clustering check sets (benchmarks/stories/*.json), tune and test alike.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import time
from collections import Counter
from pathlib import Path

import numpy as np

from marsad.stories.features import protocol_stems, stems

OUT = Path(__file__).resolve().parent.parent / "src" / "marsad" / "models" / "stories" / "lsa.npz"
HELD_OUT_DAYS = ("2015-07-27", "2015-08-03")  # the check sets' days: never trained on


def documents(paths: list[str]) -> tuple[list[Counter[str]], int]:
    docs, skipped = [], 0
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if (rec.get("date_extracted") or "")[:10] in HELD_OUT_DAYS:
                    skipped += 1
                    continue
                docs.append(Counter(stems((rec.get("title") or "") + "\n" + (rec.get("content") or ""))))
    return docs, skipped


def main() -> None:
    from scipy.sparse import csr_matrix
    from scipy.sparse.linalg import svds

    ap = argparse.ArgumentParser()
    ap.add_argument("archives", nargs="+")
    ap.add_argument("--terms", type=int, default=16000)
    ap.add_argument("--dims", type=int, default=80)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs, skipped = documents(args.archives)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    stop, n = protocol_stems(), len(docs)
    vocab = sorted((t for t, c in df.items() if c >= 3 and c <= n / 2 and t not in stop),
                   key=lambda t: (-df[t], t))[:args.terms]
    index = {t: i for i, t in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for j, d in enumerate(docs):
        ws = {index[t]: (1 + math.log(c)) * math.log((n + 1) / (df[t] + 1)) for t, c in d.items() if t in index}
        norm = math.sqrt(sum(w * w for w in ws.values())) or 1.0
        for i, w in ws.items():
            rows.append(i)
            cols.append(j)
            vals.append(w / norm)
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(vocab), n), dtype=np.float64)
    u, s, _ = svds(matrix, k=args.dims, random_state=0)
    order = np.argsort(-s)
    vectors = u[:, order].astype(np.float16)
    np.savez_compressed(args.out, terms=np.array(vocab), vectors=vectors, singular=s[order].astype(np.float32))
    size = Path(args.out).stat().st_size
    print(f"{n} documents ({skipped} held out: {', '.join(HELD_OUT_DAYS)}), {len(vocab)} terms x {args.dims} dims"
          f" -> {args.out} ({size / 1e6:.2f} MB) in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
