"""`marsad load`: put a results folder's parts into a store, then build the stories incrementally.

Articles go in part order and, within a part, input order: the order `ingest` stores them in. Each
article is its own transaction (`store.put_article`, as in ingest), so an interrupted load keeps what it
stored and a second load finds those articles unchanged. Stories come after every article is stored,
over the stored facts: the new and changed articles (and any without a story) are placed in
publication order with `marsad.stories.update.update_stories`, in chunks of ids so that an archive's
articles are never all in memory at once (placing a chunk after the previous one's is the same as
placing them one by one, which the incremental story update guarantees gives the same stories).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from marsad.batch import BatchError
from marsad.batch.parts import read_manifest, read_part
from marsad.document import article_from_dict
from marsad.model import Skipped, SkipReason
from marsad.service import StoreCounts
from marsad.store import Store
from marsad.stories.update import update_stories

STORY_CHUNK = 2000  # articles placed per update_stories call


@dataclass
class LoadReport(StoreCounts):
    counts: Counter = field(default_factory=Counter)  # new, updated, reanalysed, unchanged
    parts: int = 0
    skipped: int = 0  # inputs the batch skipped (from its manifest)
    failed_partitions: int = 0
    stories: list[str] = field(default_factory=list)  # ids of the stories rebuilt

    def summary(self) -> str:
        failed = f" ({self.failed_partitions} partitions failed in the batch)" if self.failed_partitions else ""
        return (f"loaded {self.parts} parts: ingested {self.ingested}, unchanged {self.unchanged}, skipped"
                f" {self.skipped}{failed}; {len(self.stories)} stories rebuilt")


def _order(published: str | None, article_id: str) -> tuple:
    return (published is None, published or "", article_id)  # the order of marsad.stories.update


def load_results(folder: str | Path, store: Store, *, kb_files: tuple[str, ...] = (), story_chunk: int = STORY_CHUNK,
                 on_article: Callable[[str, str], None] | None = None) -> LoadReport:
    """Load every part listed in the folder's manifest, record its skips, then update the stories."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    report = LoadReport(skipped=len(manifest.get("skipped", ())),
                        failed_partitions=len(manifest.get("failed_partitions", ())))
    to_place: dict[str, tuple] = {}  # id -> publication-order key (small: no article is kept)
    for part in sorted(manifest.get("parts", ()), key=lambda p: p["index"]):
        path = folder / part["file"]
        if not path.is_file():
            raise BatchError(f"{path}: part listed in the manifest is missing")
        for n, (d, raw) in enumerate(read_part(path), 1):
            try:
                article = article_from_dict(d, raw)
            except (KeyError, TypeError, ValueError) as exc:
                raise BatchError(f"{path}: record {n} is not an Article object ({type(exc).__name__}: {exc})") \
                    from None
            status = store.put_article(article)
            report.counts[status] += 1
            if status != "unchanged" or store.story_of(article.id) is None:
                to_place[article.id] = _order(article.published, article.id)
            if on_article:
                on_article(article.id, status)
        report.parts += 1
    for s in manifest.get("skipped", ()):
        store.record_skip(Skipped(s["source"], SkipReason(s["reason"]), s.get("detail", "")))
    ids = sorted(to_place, key=to_place.__getitem__)
    rebuilt: dict[str, None] = {}
    for start in range(0, len(ids), story_chunk):
        chunk = ids[start:start + story_chunk]
        rebuilt.update(dict.fromkeys(update_stories(store, (store.get_article(i) for i in chunk), kb_files=kb_files)))
    report.stories = list(rebuilt)
    return report
