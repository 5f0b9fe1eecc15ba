"""Stage `events`: typed events with trigger, actors, place, date and modality.

The extraction itself lives in `marsad/events/` (a pure function of the analysed article);
its trigger lexicon and modality cues live in `lang/ar/events.yaml`.
"""

from __future__ import annotations

import dataclasses

from marsad.model import Article
from marsad.pipeline import Context, stage


def run(article: Article, ctx: Context) -> Article:
    from marsad.events import find_events, user_files

    # User trigger files: the `events_file` option, then MARSAD_EVENTS (':'-separated paths).
    extra = user_files(ctx.options.get("events_file"))
    return dataclasses.replace(article, events=tuple(find_events(article, extra)))


STAGE = stage("events", 2, requires={"text", "sentences", "tokens", "timexes", "mentions", "quotes", "published"},
              provides={"events"}, run=run,
              doc="typed events (trigger, actors, place, date, modality) for the timeline")
