"""THE ordered list of analysis stages, and the runner that checks and applies them.

Every stage is a plain function `run(article, ctx) -> Article` with a declared contract
(what it requires and provides). `Pipeline` checks the contracts when it is built, so a
misordered list fails at once with a message naming both stages. `marsad stages` prints it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marsad.errors import PipelineError, StageError
from marsad.model import Article


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage may see besides the article: options and user data, never the store."""

    kb_files: tuple[str, ...] = ()
    options: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: int
    requires: frozenset[str]
    provides: frozenset[str]
    run: Callable[[Article, Context], Article]
    doc: str = ""


def stage(name: str, version: int, requires: Iterable[str], provides: Iterable[str], run, doc: str = "") -> Stage:
    return Stage(name, version, frozenset(requires), frozenset(provides), run, doc)


def _stages() -> tuple[Stage, ...]:
    # Imported here so that `import marsad` stays cheap (nothing heavy at import).
    from marsad.stages import (
        claims,
        clean,
        events,
        language,
        mentions,
        metadata,
        published,
        quantities,
        quotes,
        segment,
        timexes,
    )

    return (
        clean.STAGE,  # raw -> text, boilerplate, summary_box, header lines
        metadata.STAGE,  # title, authors, outlet, cited outlets
        published.STAGE,  # publication date and where it was read
        language.STAGE,  # ISO 639-1 language of the body
        segment.STAGE,  # sentences and tokens
        timexes.STAGE,  # dates, times, durations, sets; relative ones anchored on `published`
        mentions.STAGE,  # people, organisations, places, facilities, NORP; linked; roles
        quantities.STAGE,  # numbers with what they count
        quotes.STAGE,  # who said what
        events.STAGE,  # what happened (or is planned, claimed, denied), when, where, by whom
        claims.STAGE,  # comparable claims, compared across the story
    )


class Pipeline:
    """Applies stages in order; a stage failure becomes StageError naming the stage and article."""

    def __init__(self, stages: tuple[Stage, ...] | None = None):
        self.stages = stages if stages is not None else _stages()
        provided: dict[str, str] = {"raw": "reader", "hints": "reader", "source": "reader"}
        for st in self.stages:
            for need in sorted(st.requires):
                if need not in provided:
                    raise PipelineError(f"stage '{st.name}' requires '{need}', which no earlier stage provides")
            for out in st.provides:
                provided.setdefault(out, st.name)

    def run(self, article: Article, ctx: Context | None = None) -> Article:
        ctx = ctx or Context()
        for st in self.stages:
            try:
                article = st.run(article, ctx)
            except Exception as exc:  # noqa: BLE001 - any stage bug must name the stage, not crash the batch
                raise StageError(st.name, article.id, exc) from exc
        return dataclasses.replace(article, stages=tuple((s.name, s.version) for s in self.stages))

    def table(self) -> list[tuple[str, int, str, str]]:
        return [(s.name, s.version, ",".join(sorted(s.requires)), ",".join(sorted(s.provides))) for s in self.stages]
