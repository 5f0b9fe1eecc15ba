"""Word clusters from raw Arabic news: PPMI context vectors, truncated SVD, k-means at several sizes.

Training-time only (needs numpy, scipy, scikit-learn). Run `python -m marsad.ner.clusters --help`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from marsad.ner.features import fold

TOKEN = re.compile(r"[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff\u0640]+|[0-9\u0660-\u0669]+|[A-Za-z]+|[^\s\w]")
DEFAULT_SIZES = (64, 256, 1024, 4096)


def tokenize(text: str) -> list[str]:
    """Split text into Arabic words, digit runs, Latin words and single punctuation marks."""
    return TOKEN.findall(text)


def read_news(paths: list[Path]) -> list[list[str]]:
    """Folded token lists, one per paragraph of `title` and `content` of each JSONL article."""
    docs = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                for part in [art.get("title") or ""] + (art.get("content") or "").split("\n"):
                    toks = [fold(t) for t in tokenize(part)]
                    if toks:
                        docs.append(toks)
    return docs


def build(
    news: list[Path], out: Path, vocab_size: int = 100_000, contexts: int = 12_000, dim: int = 200,
    sizes: tuple[int, ...] = DEFAULT_SIZES, min_count: int = 3, seed: int = 0,
) -> dict:
    """Build clusters and write `word<TAB>id1<TAB>id2...` (coarse to fine) to `out`; return stats."""
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.utils.extmath import randomized_svd

    t0 = time.time()
    docs = read_news(news)
    counts = Counter(t for d in docs for t in d)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(contexts, len(vocab))
    ids = np.fromiter((index.get(t, -1) for d in docs for t in d + ["<s>"]), dtype=np.int64)
    ntok = int(len(ids))
    rows, cols = [], []
    for k, off in enumerate((-2, -1, 1, 2)):
        a = ids[max(0, -off): ntok - max(0, off)]
        b = ids[max(0, off): ntok - max(0, -off) if off < 0 else ntok]
        b = b[: len(a)]
        keep = (a >= 0) & (b >= 0) & (b < n_ctx)
        rows.append(a[keep])
        cols.append(b[keep] + k * n_ctx)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    mat = sparse.coo_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(len(vocab), 4 * n_ctx)).tocsr()
    mat.sum_duplicates()
    # PPMI with context-distribution smoothing (alpha = 0.75)
    total = mat.sum()
    row_sum = np.asarray(mat.sum(axis=1)).ravel()
    col_sum = np.asarray(mat.sum(axis=0)).ravel() ** 0.75
    col_p = col_sum / col_sum.sum()
    coo = mat.tocoo()
    pmi = np.log((coo.data / total) / ((row_sum[coo.row] / total) * col_p[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=mat.shape)
    u, s, _ = randomized_svd(ppmi, n_components=dim, n_iter=5, random_state=seed)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    labels = []
    for k in sizes:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=100)
        labels.append(km.fit_predict(vec))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        fh.write("# word clusters (k-means of PPMI-SVD vectors) from SaudiNewsNet; sizes " +
                 ",".join(map(str, sizes)) + "\n")
        for i, w in enumerate(vocab):
            if "\t" in w or "\n" in w:
                continue
            fh.write(w + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n")
    return {"tokens": ntok, "vocab": len(vocab), "seconds": round(time.time() - t0, 1), "sizes": sizes}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--news", type=Path, default=Path("../shared/data/news"), help="folder of *.jsonl.gz")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "models/ner/clusters.tsv")
    ap.add_argument("--vocab", type=int, default=100_000)
    ap.add_argument("--dim", type=int, default=200)
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    args = ap.parse_args(argv)
    paths = sorted(args.news.glob("*.jsonl.gz"))
    if not paths:
        print(f"no *.jsonl.gz under {args.news}", file=sys.stderr)
        return 1
    sizes = tuple(int(x) for x in args.sizes.split(","))
    stats = build(paths, args.out, vocab_size=args.vocab, dim=args.dim, sizes=sizes)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
