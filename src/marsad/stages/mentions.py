"""Stage `mentions`: people, organisations, places, facilities and NORP adjectives, linked and with roles.

Four sources, merged by span: the knowledge base (aliases, clitics handled by tokens), Arabic
rules (head words, titles before names), outlet names, and the CRF trained on the NER corpora.
Overlaps go to the longest span, then to the more reliable source (kb > rule > model).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from bisect import bisect_left

from marsad.arabic.normalize import fold
from marsad.entities.link import local_id, outlet_id
from marsad.entities.match import find_kb_matches
from marsad.entities.rules import (
    Candidate,
    RoleSpan,
    find_roles,
    head_names,
    name_run,
    norp_mentions,
    role_after,
)
from marsad.entities.tokenview import TokenView
from marsad.model import Article, Mention
from marsad.pipeline import Context, stage
from marsad.stages.language import is_arabic

_PRIORITY = {"kb": 3, "rule": 2, "model": 1}
_MODEL_TYPES = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOC"}


@functools.cache
def _exclusions() -> frozenset[str]:
    from marsad.lexicon import load

    return frozenset(fold(w) for w in load("entity_rules").get("model_exclusions", ()))


def _tagger():
    """The CRF tagging function, or None when no trained model is shipped (rules and KB still run)."""
    try:
        from marsad.ner.crf import load_tagger, tag_document

        load_tagger()
        return tag_document
    except (ImportError, OSError, ValueError, RuntimeError):
        return None


def _kb(ctx: Context):
    from marsad.kb import load_kb

    return load_kb(tuple(ctx.kb_files))


def _token_index(tokens, offset: int) -> int:
    starts = getattr(tokens, "starts", None) or [t.start for t in tokens]
    return bisect_left(starts, offset)


def _kb_candidates(text, tokens, kb, roles: dict[int, RoleSpan], model_tokens: set[int], matches) -> list[Candidate]:
    full_names = {eid for m in matches if m.alias_tokens > 1 for eid in m.entry_ids}
    out = []
    for m in matches:
        entries = [kb.get(e) for e in m.entry_ids]
        entry = next((e for e in entries if e.id in full_names), entries[0])
        if entry.type == "PERSON" and m.alias_tokens == 1 and entry.id not in full_names \
                and m.first_token not in roles:
            continue  # a bare surname ("السوداني" is also "the Sudanese") needs the full name or a title
        if entry.ambiguous and m.alias_tokens == 1 and m.first_token not in model_tokens \
                and not _after_place_head(tokens, m.first_token):
            continue  # "عنه" (Anah) is mostly "about it": a place name that is also a word needs support
        start, first = m.start, m.first_token
        if entry.type == "GPE" and m.alias_tokens > 1 and fold(text[tokens[first].start:tokens[first].end]) \
                in _GPE_HEADS:
            start, first = tokens[first + 1].start, first + 1  # "محافظة الأنبار": the mention is the name
        out.append(Candidate(start, m.end, first, m.last_token, entry.type, "kb", entry.id, 3))
    return out


_GPE_HEADS = {"محافظه", "مدينه", "قضاء", "ناحيه", "بلده", "ولايه", "العاصمه"}


def _after_place_head(tokens, i: int) -> bool:
    whole = getattr(tokens, "whole", None)
    return bool(whole) and i > 0 and whole[i - 1].removeprefix("ب").removeprefix("و") in _GPE_HEADS


def _drop_heads_over_kb(cands: list[Candidate]) -> list[Candidate]:
    """Resolve rule-versus-KB conflicts before length decides.

    A rule span that starts where a KB name starts over-extended it ("معسكر فيكتوريا الملاصق"); a
    head word before a KB name of the same type adds nothing ("قوات التحالف الدولي"). A head word
    before a KB name of another type makes a new name ("مطار بغداد الدولي": FAC around a GPE).
    """
    kb = [c for c in cands if c.how == "kb"]
    keep = []
    for c in cands:
        if c.how == "rule" and c.priority < 4:
            clash = [k for k in kb if k.first <= c.last and c.first <= k.last]
            if any(k.first <= c.first for k in clash) or any(k.type == c.type for k in clash):
                continue
        keep.append(c)
    return keep


# An agency's name includes "وكالة" ("وكالة الأناضول"); "موقع/صحيفة X" only describe X.
_HEAD_BEFORE = re.compile(r"(?:^|(?<=[\s\"«(]))[وفلب]?(?P<head>وكالة أنباء|وكالة)\s+$")


def _outlet_candidates(text, tokens) -> list[Candidate]:
    """Outlets are organisations too; "وكالة الرافد" keeps its head word in the mention."""
    from marsad.outlets import find_mentions

    out = []
    for o in find_mentions(text):
        start = o.start
        head = _HEAD_BEFORE.search(text, max(0, start - 20), start)
        if head:
            start = head.start("head")
        first, last = _token_index(tokens, start), _token_index(tokens, o.end) - 1
        if 0 <= first <= last:
            out.append(Candidate(start, o.end, first, last, "ORG", "rule", outlet_id(o.canonical), 2))
    return out


def _model_candidates(article: Article, kb, view: TokenView | None = None) -> list[Candidate]:
    tag = _tagger()
    if tag is None:
        return []
    text, tokens = article.text, article.tokens
    out: list[Candidate] = []
    starts = view.starts if view is not None else [t.start for t in tokens]
    pieces = view.pieces if view is not None else [text[t.start:t.end] for t in tokens]
    bounds = [(bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in article.sentences]
    bounds = [(lo, hi) for lo, hi in bounds if hi > lo]
    # One call for the whole article: the tagger's document pass makes repeated names agree.
    tagged = tag([pieces[lo:hi] for lo, hi in bounds])
    for (lo, _hi), tags in zip(bounds, tagged, strict=True):
        after = 0  # the first token after the last span read
        for i in [k for k, t in enumerate(tags) if t != "O"]:
            if i < after:
                continue
            if tags[i].startswith("B-") or tags[i].startswith("I-"):
                kind = tags[i][2:]
                j = i
                while j + 1 < len(tags) and tags[j + 1] == f"I-{kind}":
                    j += 1
                if kind in _MODEL_TYPES and not (i == j and fold(tokens[lo + i].text(text) if hasattr(
                        tokens[lo + i], "text") else text[tokens[lo + i].start:tokens[lo + i].end]) in _exclusions()):
                    first, last = lo + i, lo + j
                    tok = tokens[first]
                    start = tok.base_start if tok.base_start > tok.start else tok.start
                    type_ = _MODEL_TYPES[kind]
                    if type_ == "LOC":
                        found = kb.lookup(text[start:tokens[last].end])
                        type_ = found[0].type if found and found[0].type in ("GPE", "LOC", "FAC") else "LOC"
                    out.append(Candidate(start, tokens[last].end, first, last, type_, "model"))
                after = j + 1
    return out


def _role_people(text, tokens, roles: dict[int, RoleSpan], taken: list[Candidate]) -> list[Candidate]:
    """A name right after a title that no other source found: take the run of name-like words."""
    covered = {i for c in taken for i in range(c.first, c.last + 1)}
    out = []
    for i, role in roles.items():
        if i in covered:
            continue
        last = name_run(text, tokens, i, max_len=4, person=True)
        if last >= i + 1 or (last == i and role.group in ("military", "honorific")):
            tok = tokens[i]
            start = tok.base_start if tok.base_start > tok.start else tok.start
            out.append(Candidate(start, tokens[last].end, i, last, "PERSON", "rule"))
    return out


def _surnames(text, tokens, chosen: list[Candidate], roles: dict | None = None) -> list[Candidate]:
    """"الشمري" after "حامد عبد الرزاق الشمري": the family name alone, later or earlier in the article."""
    from marsad.arabic.normalize import fold

    used = {i for c in chosen for i in range(c.first, c.last + 1)}
    family = {}
    for c in chosen:
        words = text[c.start:c.end].split()
        titled = roles is not None and c.first in roles  # a name right after a title is a name
        if c.type == "PERSON" and len(words) > 1 and len(words[-1]) >= 4 and (c.how != "rule" or titled) or (
                c.type == "PERSON" and len(words) > 2):
            family.setdefault(fold(words[-1]), c)
    out: list[Candidate] = []
    if not family:
        return out
    bases = tokens.base if hasattr(tokens, "base") else [
        fold(text[max(t.base_start, t.start):t.end]) for t in tokens]
    for i in [k for k, form in enumerate(bases) if form in family]:  # one set lookup per token
        if i in used:
            continue
        tok = tokens[i]
        start = tok.base_start if tok.base_start > tok.start else tok.start
        out.append(Candidate(start, tok.end, i, i, "PERSON", "rule"))
    return out


def _trim_titles(tokens, cands: list[Candidate], roles: dict[int, RoleSpan]) -> list[Candidate]:
    """"الكولونيل دانيال ويتمور" from the model: the rank belongs to the role, not to the name."""
    out = []
    for c in cands:
        role = next((r for r in roles.values() if r.first <= c.first <= r.last < c.last and r.name_token <= c.last), None)
        if c.type == "PERSON" and c.how != "kb" and role is not None:
            # the rank was the model's first word: the name may also run on past the model's end
            last = max(c.last, name_run(tokens.text, tokens, role.name_token, max_len=4, person=True))
            c = dataclasses.replace(c, first=role.name_token, start=tokens[role.name_token].start,
                                    last=last, end=tokens[last].end)
        out.append(c)
    return out


def _prefer_model_people(cands: list[Candidate]) -> list[Candidate]:
    """Where the model found a person, its boundaries beat a rule's guess at the name's end."""
    people = [c for c in cands if c.how == "model" and c.type == "PERSON"]
    return [c for c in cands if not (c.how == "rule" and c.type == "PERSON" and c.priority < 4 and any(
        p.first <= c.last and c.first <= p.last for p in people))]


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then the more reliable source."""
    cands = _prefer_model_people([c for c in cands if c.end > c.start])  # a bare "بـ" has an empty base
    chosen: list[Candidate] = []
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: (-(c.last - c.first), -c.priority, -_PRIORITY[c.how], c.start)):
        span = set(range(c.first, c.last + 1))
        if span & used:
            continue
        chosen.append(c)
        used |= span
    return sorted(chosen, key=lambda c: c.start)


def _link(text: str, chosen: list[Candidate], kb) -> list[tuple[Candidate, str, str]]:
    """(candidate, entity id, canonical name); a surname links to the full name met in the article."""
    people: dict[str, tuple[str, str]] = {}  # last word -> (id, full name)
    out = []
    for c in chosen:
        name = text[c.start:c.end]
        if c.entity_id:
            entry = kb.get(c.entity_id)
            canonical = entry.canonical if entry else name
            eid = c.entity_id
        elif c.type == "PERSON" and len(name.split()) == 1 and name in people:
            eid, canonical = people[name]
        else:
            canonical, eid = name, local_id(c.type, name)
        if c.type == "PERSON" and len(canonical.split()) > 1:
            people.setdefault(canonical.split()[-1], (eid, canonical))
        out.append((c, eid, canonical))
    # a surname seen before its full name in the same article
    return [(c, *people[text[c.start:c.end]]) if c.type == "PERSON" and not c.entity_id
            and len(text[c.start:c.end].split()) == 1 and text[c.start:c.end] in people else (c, e, n)
            for c, e, n in out]


def _affiliation(text, tokens, role: RoleSpan, chosen: list[Candidate]) -> str | None:
    lo, hi = tokens[role.first].start, tokens[role.last].end
    inside = [c for c in chosen if lo <= c.start and c.end <= hi and c.type in ("ORG", "GPE", "NORP")]
    orgs = [c for c in inside if c.type == "ORG"] or inside
    return orgs[0].entity_id if orgs and orgs[0].entity_id else (local_id(orgs[0].type, text[orgs[0].start:orgs[0].end])
                                                                    if orgs else None)


def _role_of(text, tokens, c: Candidate, roles: dict[int, RoleSpan], kb) -> RoleSpan | None:
    """The role stated with a person: before the name, or right after it ("X، مدير المكتب ...").

    A role that follows another person's name belongs to that person up to "لـ" + title:
    "ربيع نادر مدير المكتب الإعلامي لرئيس الوزراء محمد شياع السوداني" gives Nader the office and
    al-Sudani "رئيس الوزراء".
    """
    if c.type != "PERSON":
        return None
    role = roles.get(c.first)
    if role and role.first > 0 and _is_person_token(tokens, role.first - 1, roles):
        split = next((k for k in range(role.first + 1, role.last + 1) if tokens.whole[k][:1] == "ل"
                      and role_after(text, tokens, k, kb) is None and _title_start(text, tokens, k, kb)), None)
        if split is not None:
            return RoleSpan(split, role.last, role.name_token, "lam")  # the ل of "لرئيس" is left out
    if role:
        return role
    nxt = c.last + 1
    if nxt < len(tokens) and text[tokens[nxt].start:tokens[nxt].end] in ("،", ","):
        nxt += 1  # "سرمد البياتي، الخبير الأمني،"
    if nxt < len(tokens) and c.last + 1 < len(tokens):
        found = role_after(text, tokens, nxt, kb)
        if found:
            return RoleSpan(found[0], found[1], c.first, "after")
    return None


def _is_person_token(tokens, i: int, roles) -> bool:
    return getattr(tokens, "person_tokens", set()).__contains__(i)


def _title_start(text, tokens, k: int, kb) -> bool:
    """Does "لـ" + title start at token k ("لرئيس الوزراء")?"""
    from marsad.entities.rules import _title_at, _title_index, _title_longest

    index = _title_index(kb)
    longest = _title_longest(kb)
    whole = tokens.whole[k]
    saved = tokens.whole[k], tokens.base[k]
    tokens.whole[k] = tokens.base[k] = whole[1:]
    try:
        return _title_at(text, tokens, k, index, longest) is not None
    finally:
        tokens.whole[k], tokens.base[k] = saved


def run(article: Article, ctx: Context) -> Article:
    if not is_arabic(article.language):  # Arabic name rules on Persian or Urdu find only noise
        return dataclasses.replace(article, mentions=())
    kb = _kb(ctx)
    text = article.text
    tokens = TokenView(text, article.tokens)
    matches = find_kb_matches(text, tokens, kb)
    # names of bodies inside a role ("عضو ائتلاف دولة القانون، ...") continue the role
    tokens.kb_tokens = {i for m in matches if kb.get(m.entry_ids[0]).type in ("ORG", "GPE", "FAC")
                        for i in range(m.first_token, m.last_token + 1)}
    roles = {r.name_token: r for r in find_roles(text, tokens, kb)}
    model = _model_candidates(article, kb, tokens)
    model_tokens = {i for c in model for i in range(c.first, c.last + 1)}
    rules = [c for c in head_names(text, tokens, kb)
             if not (c.type == "GPE" and c.how == "rule" and c.first not in model_tokens
                     and not kb.lookup(text[c.start:c.end]))]  # "من ناحية التعاون": "aspect", not a district
    cands = _kb_candidates(text, tokens, kb, roles, model_tokens, matches) + _outlet_candidates(text, tokens) + rules + model
    cands = _trim_titles(tokens, cands, roles)
    cands += _role_people(text, tokens, roles, cands)
    chosen = _select(_drop_heads_over_kb(cands))
    chosen = sorted(chosen + [c for c in _surnames(text, tokens, chosen, roles) if c.end > c.start], key=lambda c: c.start)
    # NORP adjectives stand beside other mentions ("القوات الأميركية"), so they are added after selection.
    used = {i for c in chosen for i in range(c.first, c.last + 1)}
    chosen += [n for n in norp_mentions(text, tokens, kb) if n.first not in used]
    chosen.sort(key=lambda c: c.start)
    tokens.person_tokens = {i for c in chosen if c.type == "PERSON" for i in range(c.first, c.last + 1)}
    mentions = []
    for c, eid, canonical in _link(text, chosen, kb):
        role = _role_of(text, tokens, c, roles, kb)
        role_start = (tokens[role.first].start + (1 if role.group == "lam" else 0)) if role else 0
        role_text = text[role_start:tokens[role.last].end].rstrip("،, ") if role else None
        affiliation = _affiliation(text, tokens, role, chosen) if role else None
        mentions.append(Mention(c.start, c.end, c.type, eid, role_text, affiliation, canonical, c.how))
    return dataclasses.replace(article, mentions=tuple(mentions))


STAGE = stage("mentions", 2, requires={"text", "tokens", "sentences", "language"}, provides={"mentions"}, run=run,
              doc="people, organisations, places, facilities, NORP; linked to the KB; roles")
