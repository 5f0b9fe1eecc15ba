"""Where it was said: the outlet or platform a statement was given to ("لوكالة ...", "على منصة إكس")."""

from __future__ import annotations

import re

from marsad.arabic.normalize import fold
from marsad.quotes.cues import Cues, cues
from marsad.quotes.words import Words


def _strip_lam(form: str) -> str:
    return form[1:] if form.startswith("ل") and len(form) > 3 else form


def is_channel(w: Words, i: int, hi: int, c: Cues) -> bool:
    form = w.forms[i]
    return ((form in ("في", "خلال") and any(w.match(i, op) for op in c.openers)) or any(w.match(i, p) for p in c.platforms)
            or (form.startswith("ل") and _strip_lam(form) in c.channel_heads) or form in ("لـ", "ل")
            or (form == "علي" and i + 1 < hi and w.forms[i + 1] in ("منصه", "حسابه", "حسابها", "موقع")))


def channel_name(phrase: str) -> str:
    """'لوكالة شفق نيوز' -> 'شفق نيوز'; 'في بيان على منصة إكس' -> 'منصة إكس'; 'لـ"العربي الجديد"' -> 'العربي الجديد'."""
    from marsad.outlets import bare, find_mentions

    c = cues()
    folded = fold(phrase)
    for platform in c.platforms:
        if " ".join(platform) in folded.replace("(", "").replace(")", ""):
            return "منصة إكس" if platform[-1] in ("اكس", "x") else " ".join(platform)
    found = find_mentions(phrase)
    if found:
        return found[0].canonical
    phrase = re.sub(r"^في\s+\S+(\s+(له|لها|مع))?\s*", "", phrase.strip())
    phrase = re.sub(r"^(على\s+)", "", phrase)
    phrase = re.sub(r"^لـ?\s*", "", phrase).strip(" \"«»“”،,()")
    return bare(phrase) if phrase else phrase
