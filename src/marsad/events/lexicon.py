"""The trigger lexicon of `lang/ar/events.yaml` (plus a user file), folded and inflected once, cached.

Every surface form a trigger can take in a token (proclitics, tense, person, pronoun suffixes) is
generated here, so matching is one dict lookup per token.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from marsad.arabic.normalize import fold
from marsad.errors import LexiconError
from marsad.lexicon import SCHEMAS, load
from marsad.resident import settle

ENV = "MARSAD_EVENTS"
MENTION_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_LISTS = ("negators", "negation_auxiliaries", "noun_negators", "denials", "planned", "future_auxiliaries",
          "deadlines", "not_dating", "clause_openers", "clause_lead_words", "relatives", "references",
          "conditionals", "actor_skip", "today_words", "locatives", "planned_after", "free_relatives",
          "phrase_stops", "when_words", "prepositions", "lead_report_verbs", "concessions", "content_preps",
          "content_types", "embedding_preps", "licensing", "demonstratives")
_ENTRY_KEYS = frozenset({"type", "verb", "noun", "phrase", "forms", "next", "next_mention", "near", "prev",
                         "not_prev", "not_next", "subject"})
_NOUN_PREFIXES = ("", "و", "ف", "ب", "ك", "ل", "وب", "فب", "ول", "فل", "وك")
_DEF_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "لل", "ولل", "فلل")
_SUFFIXES = ("ه", "ها", "هم", "هما", "هن")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry. `rest` holds, for a multiword phrase, the allowed forms of each later word."""

    type: str  # an event type, or "" for an aspectual verb/noun
    pos: str  # verb | noun
    rest: tuple[frozenset[str], ...] = ()
    next: frozenset[str] | None = None
    next_mention: frozenset[str] = frozenset()
    near: frozenset[str] | None = None
    prev: frozenset[str] | None = None
    not_prev: frozenset[str] | None = None
    not_next: frozenset[str] | None = None
    subject: frozenset[str] = frozenset()

    @property
    def aspectual(self) -> bool:
        return not self.type


@dataclass(frozen=True, slots=True)
class Form:
    trigger: Trigger
    tense: str  # past | present | future | noun


@dataclass(frozen=True, slots=True)
class Lexicon:
    forms: dict[str, tuple[Form, ...]]  # folded token -> what it can be, in priority order
    cues: dict[str, frozenset[str]]  # single-word cue lists (folded)
    phrases: dict[str, dict[str, tuple[tuple[str, ...], ...]]]  # multiword cues by their first word
    parties: dict[str, frozenset[str]]
    max_phrase: int
    verbs: frozenset[str]  # every folded verb form of the lexicon (they end the phrase of a noun)


def noun_forms(word: str) -> set[str]:
    """A folded noun with its proclitics, article, accusative alef and possessive pronouns.

    >>> sorted(noun_forms("انسحاب"))[:4]
    ['الانسحاب', 'انسحاب', 'انسحابا', 'انسحابه']
    """
    stem = word[:-1] + "ت" if word.endswith("ه") else word
    bare = {word, *(stem + s for s in _SUFFIXES)}
    if not word.endswith(("ه", "ات", "ا", "ي")):
        bare.add(word + "ا")
    out = {p + b for p in _NOUN_PREFIXES for b in bare}
    core = word[2:] if word.startswith("ال") else word
    out |= {p + core for p in _DEF_PREFIXES if p.endswith("ال")}
    out |= {p + core for p in _DEF_PREFIXES if p.endswith("لل")}
    return out


def verb_forms(past: str, present: str) -> dict[str, str]:
    """Folded 3rd-person forms of a verb (past, present, future with س), with و/ف (and ل before the
    present) and object pronouns, each mapped to its tense. "اتفق" -> اتفقت, اتفقوا, اتفقا, يتفق,
    تتفق, ستتفق, واتفقت ..."""
    past_f = {past, past + "ت", past + "وا", past + "ا", past + "تا"}
    if past.endswith("ي"):  # أنهى -> أنهت, أنهوا
        past_f |= {past[:-1] + "ت", past[:-1] + "وا", past[:-1] + "تا"}
    pres = {present, "ت" + present[1:], present + "ون", present + "ان", "ت" + present[1:] + "ان"}
    if present.endswith("ي"):
        pres |= {present[:-1] + "ون", "ت" + present[1:-1] + "ون"}
    base = {**dict.fromkeys(past_f, "past"), **dict.fromkeys(pres, "present"),
            **{"س" + p: "future" for p in pres}}
    with_obj = dict(base)
    for f, tense in base.items():
        stem = f[:-1] if f.endswith("وا") else f
        # no "ه" after a past form: "بقيه" is the noun بقية ("the rest"), not "بقي" + "him"
        for s in _SUFFIXES[1 if tense == "past" else 0:4]:
            with_obj.setdefault(stem + s, tense)
    out: dict[str, str] = {}
    for f, tense in with_obj.items():
        for pre in ("", "و", "ف") + (("ل", "ول", "فل") if tense == "present" else ()):
            out.setdefault(pre + f, tense)
    return out


def class_forms(words: list[str]) -> frozenset[str]:
    """Listed words as they stand, with ال, with و ف ب ل, لل, and possessive pronouns ("جنوده")."""
    out: set[str] = set()
    for w in words:
        w = fold(w)
        core = w[2:] if w.startswith("ال") else w
        stem = core[:-1] + "ت" if core.endswith("ه") else core
        owned = () if core.endswith("ي") else tuple(stem + s for s in ("ه", "ها", "هم"))  # not عسكري -> عسكرية
        for b in {w, "ال" + core, *owned}:
            out |= {p + b for p in ("", "و", "ف", "ب", "ل", "وب", "ول")}
        out.add("لل" + core)
    return frozenset(out)


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or ())


def _condition(value: Any, classes: dict[str, frozenset[str]], where: str) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        if value not in classes:
            raise LexiconError(f"{where}: unknown class '{value}'; known: {sorted(classes)}")
        return classes[value]
    words = _as_list(value)
    # a listed phrase of two words is matched as it stands ("إلى حد")
    return class_forms([w for w in words if " " not in w]) | {fold(w) for w in words if " " in w}


def _add(forms: dict[str, list[Form]], key: str, form: Form) -> None:
    forms.setdefault(key, []).append(form)


def _entry_forms(entry: dict, classes: dict[str, frozenset[str]], where: str,
                 forms: dict[str, list[Form]]) -> None:
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}")
    kinds = [k for k in ("verb", "noun", "phrase") if k in entry]
    if len(kinds) != 1:
        raise LexiconError(f"{where}: give exactly one of verb, noun, phrase")
    mention_types = frozenset(_as_list(entry.get("next_mention"))) | frozenset(_as_list(entry.get("subject")))
    if mention_types - MENTION_TYPES:
        raise LexiconError(f"{where}: unknown mention type(s) {sorted(mention_types - MENTION_TYPES)}")
    common = dict(next=_condition(entry.get("next"), classes, where),
                  next_mention=frozenset(_as_list(entry.get("next_mention"))),
                  near=_condition(entry.get("near"), classes, where),
                  prev=_condition(entry.get("prev"), classes, where),
                  not_prev=_condition(entry.get("not_prev"), classes, where),
                  not_next=_condition(entry.get("not_next"), classes, where),
                  subject=frozenset(_as_list(entry.get("subject"))))
    etype = entry.get("type", "")
    if "verb" in entry:
        pair = _as_list(entry["verb"])
        if len(pair) != 2:
            raise LexiconError(f"{where}: verb must be [past, present]")
        trig = Trigger(etype, "verb", **common)
        for f, tense in verb_forms(fold(pair[0]), fold(pair[1])).items():
            _add(forms, f, Form(trig, tense))
        for extra in _as_list(entry.get("forms")):
            f = fold(extra)
            tense = "present" if f.startswith("ي") else "past"
            for pre in ("", "و", "ف"):
                _add(forms, pre + f, Form(trig, tense))
    elif "noun" in entry:
        trig = Trigger(etype, "noun", **common)
        for word in _as_list(entry["noun"]):
            for f in noun_forms(fold(word)):
                _add(forms, f, Form(trig, "noun"))
    else:
        for phrase in _as_list(entry["phrase"]):
            words = fold(phrase).split()
            if len(words) < 2:
                raise LexiconError(f"{where}: a phrase needs two words or more")
            rest = tuple(frozenset({w}) for w in words[1:-1]) + (frozenset(noun_forms(words[-1])),)
            trig = Trigger(etype, "noun", rest=rest, **common)
            for pre in _NOUN_PREFIXES:
                _add(forms, pre + words[0], Form(trig, "noun"))


def _read(path: str) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the events file ({exc})") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: top level must be a mapping")
    for key, typ in SCHEMAS.get("events", {}).items():
        if key in data and not isinstance(data[key], typ):
            raise LexiconError(f"{path}: key '{key}' must be a {typ.__name__}")
    return data


def user_files(option: str | None = None) -> tuple[str, ...]:
    """Extra event files: the Context option, then MARSAD_EVENTS (':'-separated)."""
    paths = [option] if option else []
    paths += [p for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    return tuple(paths)


@functools.cache
def lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The built-in lexicon with the user files in `extra` merged over it (their triggers first)."""
    sources = [(p, _read(p)) for p in extra] + [("lang/ar/events.yaml", load("events"))]
    raw_classes: dict[str, list[str]] = {}
    for _, data in reversed(sources):
        for name, words in (data.get("classes") or {}).items():
            raw_classes.setdefault(name, []).extend(_as_list(words))
    classes = {name: class_forms(words) for name, words in raw_classes.items()}
    forms: dict[str, list[Form]] = {}
    for where, data in sources:
        for i, entry in enumerate(data.get("triggers") or ()):
            if not isinstance(entry, dict) or not entry.get("type"):
                raise LexiconError(f"{where}: trigger {i + 1} needs a type")
            _entry_forms(entry, classes, f"{where}: trigger {i + 1}", forms)
        for i, entry in enumerate(data.get("aspectual") or ()):
            _entry_forms({k: v for k, v in entry.items() if k != "type"}, classes, f"{where}: aspectual {i + 1}", forms)
    cues: dict[str, frozenset[str]] = {}
    phrases: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
    for key in _LISTS:
        items = [x if key == "content_types" else fold(x) for _, data in sources for x in _as_list(data.get(key))]
        cues[key] = frozenset(x for x in items if " " not in x)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted({tuple(x.split()) for x in items if " " in x}, key=len, reverse=True):
            by_first.setdefault(words[0], []).append(words)
        phrases[key] = {k: tuple(v) for k, v in by_first.items()}
    parties: dict[str, set[str]] = {}
    for _, data in sources:
        for etype, preps in (data.get("parties") or {}).items():
            parties.setdefault(etype, set()).update(fold(p) for p in _as_list(preps))
    max_phrase = next((int(d["max_phrase"]) for _, d in sources if "max_phrase" in d), 14)
    verbs = frozenset(k for k, v in forms.items() if any(f.trigger.pos == "verb" for f in v))
    lex = Lexicon({k: tuple(v) for k, v in forms.items()}, cues, phrases,
                  {k: frozenset(v) for k, v in parties.items()}, max_phrase, verbs)
    settle()  # some 20,000 forms
    return lex
