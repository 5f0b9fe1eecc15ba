"""Count, over a news archive, in how many articles each stem occurs: the background table that
story clustering weighs words with (src/marsad/models/stories/idf.tsv).

    .venv/bin/python scripts/build_story_idf.py ../shared/data/news/*.jsonl.gz

Stems seen in fewer than --min-df articles are left out (a missing stem counts as rare).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from marsad.stories.features import stems

OUT = Path(__file__).resolve().parent.parent / "src" / "marsad" / "models" / "stories" / "idf.tsv"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("archives", nargs="+")
    ap.add_argument("--min-df", type=int, default=3)
    args = ap.parse_args()
    df: Counter[str] = Counter()
    documents = 0
    for path in args.archives:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                df.update(set(stems((rec.get("title") or "") + "\n" + (rec.get("content") or ""))))
                documents += 1
    rows = sorted((t, c) for t, c in df.items() if c >= args.min_df)
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Background document frequency of folded Snowball stems, for story clustering.\n")
        out.write(f"# Built by scripts/build_story_idf.py from {', '.join(Path(p).name for p in args.archives)}"
                  f" (min df {args.min_df}). Terms: see NOTICE.md.\n")
        out.write(f"# documents={documents}\n")
        out.writelines(f"{t}\t{c}\n" for t, c in rows)
    print(f"{documents} documents, {len(rows)} stems -> {OUT}")


if __name__ == "__main__":
    main()
