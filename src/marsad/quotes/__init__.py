"""Who said what: reported statements, direct and indirect, with their cue, speaker and channel.

Arabic news reports speech mostly verb-first: "وقال X لوكالة Y إن ...". For each cue verb the
speaker is the phrase between the verb and the complementizer (إن/أن), a colon or an opening
quotation mark, minus the channel ("لوكالة ...", "على منصة إكس") and time words; with nothing
there ("وأضاف أن") the speaker in force continues. "بحسب X" attributes the clause before it.
"""

# The package: cues.py (cue words), words.py (a sentence's words), statement.py (the statement at a
# cue verb), speakers.py, content.py, channels.py, frames.py ("نقلت X عن", "بحسب X").

from __future__ import annotations

from marsad.model import Article, Quote
from marsad.quotes.content import OPEN_CLOSE
from marsad.quotes.cues import cue_word_forms, cues
from marsad.quotes.frames import source_frame
from marsad.quotes.statement import quote_at
from marsad.quotes.words import Words

__all__ = ["OPEN_CLOSE", "cues", "find_quotes"]


def find_quotes(article: Article) -> list[Quote]:
    c = cues()
    cue_words = cue_word_forms()
    text = article.text
    out: list[Quote] = []
    in_force: tuple[str | None, str | None, bool] = (None, None, False)  # (speaker, entity id, anonymous)
    for sent in article.sentences:
        if out and sent.end <= out[-1].end:
            continue  # inside a direct quote that ran over sentences
        w = Words.of(text, sent.start, sent.end)
        found: list[Quote] = []
        after = 0  # the first word after the last statement found
        for i in [k for k, f in enumerate(w.forms) if f in cue_words]:  # words that can be a cue
            if i < after:
                continue
            quote = quote_at(article, w, i, sent, c, in_force, found, out)
            if quote is None:
                continue
            found.append(quote)
            if quote.speaker_start is not None:
                in_force = (quote.speaker, quote.speaker_entity_id, quote.anonymous)
            after = next((k for k in range(i + 1, len(w.forms)) if w.spans[k][0] >= quote.end), len(w.forms))
        if not found:
            frame = source_frame(article, w, sent, c)
            found = [frame] if frame else []
            if frame:
                in_force = (frame.speaker, frame.speaker_entity_id, frame.anonymous)
        out.extend(found)
    return out
