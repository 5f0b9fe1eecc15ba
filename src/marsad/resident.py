"""Tables loaded once and kept for the life of the process: out of the garbage collector's way.

A full collection walks every container the collector tracks. The NER model, the knowledge base and
the event lexicon are about a hundred thousand of them, never garbage, and a batch of articles
triggers a full collection every few dozen articles: walking them again was 5% of the analysis time.
`settle()` moves everything alive at that moment to the collector's permanent generation
(`gc.freeze`); reference counting still frees those objects as usual.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Call right after loading a table that lives as long as the process."""
    gc.freeze()
