"""Stage `clean`: raw decoded text -> clean body, with every removed line kept for audit.

General rules that hold on any Arabic news site, not a list of one site's strings:
- the body runs from the first paragraph-like line to the last one before an end marker
  (comment box, "related articles" block, author box); everything after an end marker goes;
- header lines before the body are classified (summary box, date, byline, site/breadcrumb,
  navigation, title); the metadata stages read them from `Article.boilerplate` by reason;
- inside the body only unmistakable junk goes (share bars, Latin-only menu lines in an Arabic
  article, counters); short lines between paragraphs are subheadings and stay;
- runs of empty lines fold to one paragraph break.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from marsad.lexicon import load
from marsad.model import Article, Removed
from marsad.pipeline import Context, stage
from marsad.textlines import INVISIBLE, SENTENCE_END, arabic_share, fold, word_count

_BULLET = re.compile(r"^\s*[-•*▪◦·]\s+")
_SUMMARY_SPLIT = re.compile(r"(?<!\s)\s+-\s+")  # from a run's first space: linear on 80,000 spaces
_DATE_LABEL = re.compile(r"^\s*(date|تاريخ|التاريخ)\s*:?\s*", re.I)
_ONLY_NOISE = re.compile(r"^[\W\d_]+$")


@dataclass(slots=True)
class _Line:
    no: int  # 1-based line number in the raw text
    text: str  # stripped, invisible characters removed
    kind: str = "text"  # blank | para | short | junk:<reason> | header:<reason>


@functools.cache
def _signals():
    data = load("boilerplate")
    groups = {g: tuple(fold(p) for p in phrases) for g, phrases in data["phrases"].items()}
    # One regex per group: a phrase as whole words anywhere in a (short) line.
    patterns = {g: re.compile(r"(?:^|\s|\d)(?:" + "|".join(re.escape(p) for p in ps) + r")(?:$|\s|[:.!])")
                for g, ps in groups.items()}
    social = frozenset(fold(w) for w in data["social_words"])
    seps = tuple(data["nav_separators"])
    return groups, social, frozenset(data["end_markers"]), seps, patterns


def _matches_group(folded: str, words: int, group: str) -> bool:
    groups, patterns = _signals()[0], _signals()[4]
    if group == "navigation":
        return words <= 4 and any(folded == p or folded.startswith(p + " ") for p in groups[group])
    return words <= 10 and bool(patterns[group].search(folded))


def _is_social_bar(folded: str) -> bool:
    social = _signals()[1]
    tokens = re.findall(r"[\w\-]+", folded)
    return bool(tokens) and sum(t in social for t in tokens) / len(tokens) >= 0.6


def _is_breadcrumb(text: str) -> bool:
    seps = [s for s in _signals()[3] if s != "/"]
    parts = [p.strip() for p in re.split("|".join(re.escape(s) for s in seps), text)]
    return len(parts) >= 3 and all(0 < word_count(p) <= 14 for p in parts)


def _is_paragraph(text: str, arabic_article: bool) -> bool:
    """Running prose, not a headline: headlines are short and carry no comma or final stop."""
    words = word_count(text, cap=25)  # only compared with 25 and less
    if arabic_article and arabic_share(text) < 0.5:
        return False
    if words >= 25:
        return True
    if SENTENCE_END.search(text):
        return words >= 6
    return words >= 12 and bool(re.search(r"[،,.;؛]", text))


def _junk_reason(line: _Line, arabic_article: bool) -> str | None:
    """Why a line is boilerplate wherever it stands, or None."""
    words = word_count(line.text, cap=15)
    if words > 14:  # prose: only share bars and menus are junk, and they are short
        return None
    folded = fold(line.text)
    if _is_social_bar(folded) or _matches_group(folded, words, "social"):
        return "social"
    for group in ("comments", "related", "author_box"):
        if _matches_group(folded, words, group):
            return group
    if _is_breadcrumb(line.text):
        return "navigation"
    if _matches_group(folded, words, "navigation"):
        return "navigation"
    if _ONLY_NOISE.match(line.text):
        return "noise"
    if arabic_article and arabic_share(line.text) == 0 and words <= 12:
        return "latin"
    return None


def _summary_box(text: str) -> list[str] | None:
    """' date 2026-01-14 - bullet one. - bullet two.' -> [bullets], if the line is such a box."""
    from marsad.dates import find_dates

    parts = _SUMMARY_SPLIT.split(text.strip())
    if len(parts) < 2:
        return None
    head = _DATE_LABEL.sub("", parts[0])
    dates = find_dates(head)
    if not dates or word_count(head) > word_count(dates[0].text) + 1:
        return None
    bullets = [p.strip() for p in parts[1:] if word_count(p) >= 4 and not _is_date_line(p)]
    return bullets or None


def _is_date_line(text: str) -> bool:
    from marsad.dates import find_dates

    dates = find_dates(text)
    if not dates:
        return False
    rest = text
    for d in dates:
        rest = rest.replace(d.text, " ")
    return word_count(rest) <= 4


def _classify(lines: list[_Line], arabic_article: bool) -> tuple[int, int, int]:
    """Mark each line's kind; return (first body line, last body line, end marker) indexes."""
    end_markers = _signals()[2]
    first = last = end = None
    previous: _Line | None = None  # the last non-blank line
    for i, line in enumerate(lines):
        if not line.text:
            line.kind = "blank"
            continue
        prev_kind, previous = (previous.kind if previous else ""), line
        if first is None and (_summary_box(line.text) or _is_date_line(line.text)):
            line.kind = "header:summary_box" if _summary_box(line.text) else "header:date"
            continue
        if first is None and _BULLET.match(line.text) and prev_kind in ("header:date", "header:summary_box"):
            line.kind = "header:summary_box"  # a bullet under the date line: the site's own summary
            continue
        reason = _junk_reason(line, arabic_article)
        if reason:
            line.kind = f"junk:{reason}"
            if reason in end_markers and first is not None:
                end = i
                break
            continue
        if _is_paragraph(line.text, arabic_article):
            line.kind = "para"
            first = i if first is None else first
            last = i
        else:
            line.kind = "short"
    end = len(lines) if end is None else end
    for line in lines[end:]:
        if line.kind == "text":
            line.kind = "junk:after_end" if line.text else "blank"
    if first is None:  # no paragraph at all (a short note, a headline-only feed entry): keep all text
        first, last = 0, end - 1
    return first, last, end


_SITE_HEAD = re.compile(r"^(موقع|جريدة|صحيفة|وكالة|قناة|شبكة|مجلة|إذاعة|راديو)\s")


def _header_reason(line: _Line, have_title: bool) -> str:
    """Classify a line before the body: what it is tells the metadata stage where to look."""
    from marsad.stages.metadata import is_byline, looks_like_dateline

    text = line.text
    if line.kind.startswith("header:"):
        return line.kind.split(":", 1)[1]
    if is_byline(text):
        return "byline"
    if _is_date_line(text):
        return "date"
    if looks_like_dateline(text):
        return "dateline"  # kept: "وكالة X- بغداد" opens the article text
    if _SITE_HEAD.match(text) and word_count(text) <= 6:
        return "site"
    headline = word_count(text) >= 3 and arabic_share(text) >= 0.5
    if headline and not have_title:
        return "title"
    if headline and word_count(text) >= 5:
        return "subtitle"  # kept: a standfirst is written by the outlet as part of the article
    return "header"


def clean_text(raw: str) -> tuple[str, list[Removed], list[str] | None]:
    """Return (body, removed lines, summary box bullets)."""
    raw_lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_Line(no, INVISIBLE.sub("", t).strip()) for no, t in enumerate(raw_lines, 1)]
    arabic_article = arabic_share(raw[:20000]) >= 0.5
    first, last, end = _classify(lines, arabic_article)
    removed: list[Removed] = []
    kept: list[_Line] = []
    summary: list[str] | None = None
    have_title = False
    previous = ""
    for i, line in enumerate(lines):
        if line.kind == "blank":
            continue
        if line.kind.startswith("junk:"):
            removed.append(Removed(line.no, line.text, line.kind[5:]))
        elif i < first:
            reason = _header_reason(line, have_title)
            have_title = have_title or reason == "title"
            if _BULLET.match(line.text) and (reason == "summary_box" or previous in ("date", "summary_box")):
                summary = (summary or []) + [_BULLET.sub("", line.text)]
                reason = "summary_box"
            elif reason == "summary_box":
                summary = _summary_box(line.text)
            previous = reason
            if reason in ("dateline", "subtitle"):
                kept.append(line)
                continue
            removed.append(Removed(line.no, line.text, reason))
        elif i > last and i < end and line.kind == "short" and not _is_credit(line.text):
            removed.append(Removed(line.no, line.text, "trailer"))
        else:
            kept.append(line)
    body_parts: list[str] = []
    for i, line in enumerate(kept):
        if i:
            body_parts.append(_separator(kept[i - 1], line))
        body_parts.append(line.text)
    return "".join(body_parts), removed, summary


_CONTINUES = re.compile(r"[^.!?؟…:\"”»)\]]\s*$")


def _separator(prev: _Line, line: _Line) -> str:
    """Line break between two kept lines; a paragraph cut mid-sentence by the page is joined again."""
    if prev.kind == "para" and line.kind == "para" and _CONTINUES.search(prev.text):
        return " "
    return "\n" if line.no == prev.no + 1 else "\n\n"


_CREDIT = re.compile(r"^(عن|المصدر|نقلا عن|نقلاً عن|بتصرف عن)\s*:?\s*\S", re.I)


def _is_credit(text: str) -> bool:
    return bool(_CREDIT.match(text)) and word_count(text) <= 10


def run(article: Article, ctx: Context) -> Article:
    body, removed, summary = clean_text(article.raw)
    return dataclasses.replace(article, text=body, boilerplate=tuple(removed),
                               summary_box=tuple(summary) if summary else None)


STAGE = stage("clean", 1, requires={"raw"}, provides={"text", "boilerplate", "summary_box"}, run=run,
              doc="boilerplate removal; removed lines kept with their reason")
