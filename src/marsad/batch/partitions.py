"""Cut the stream of read records into numbered partitions, lazily: one partition in memory at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from marsad.model import RawDocument, Skipped


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    items: tuple[RawDocument | Skipped, ...]  # in input order; a reader's Skipped rides along to the manifest

    @property
    def sources(self) -> list[str]:
        return [item.source for item in self.items]


def partitions(items: Iterable[RawDocument | Skipped], size: int) -> Iterator[Partition]:
    """Partitions of `size` records (documents or skipped inputs), numbered from 0, in input order."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    chunk: list[RawDocument | Skipped] = []
    index = 0
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield Partition(index, tuple(chunk))
            index += 1
            chunk = []
    if chunk:
        yield Partition(index, tuple(chunk))
