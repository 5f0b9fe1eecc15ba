"""Loads the language knowledge in `marsad/lang/ar/*.yaml` once, checks its shape, and caches it.

Contributors edit YAML, never Python. Each file declares its keys at the top level; `SCHEMAS`
below lists the keys every file must have and their types, and `load()` refuses a file that
does not match with a message naming the file and the key.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from marsad.errors import LexiconError

# file stem -> {top-level key: expected type}. A file not listed here only needs to be a mapping.
SCHEMAS: dict[str, dict[str, type]] = {
    "boilerplate": {"phrases": dict, "social_words": list, "end_markers": list, "nav_separators": list},
    # each outlet entry (country, ownership, domains ...) is checked by outlets.py when it loads
    "outlets": {"outlets": list, "outlet_heads": list, "dateline_cities": list, "name_trailers": list},
    "bylines": {"author": list, "translator": list, "editor": list},
    "entity_rules": {"org_heads": list, "fac_heads": list, "loc_heads": list, "gpe_heads": list, "name_stops": list},
    "quote_cues": {"verbs": list, "participles": list, "complementizers": list, "source_frames": list},
    "stories": {"protocol_words": list},
    "spelling_variants": {"words": dict, "prefixes": dict},
    "summary": {"connectors": list, "open_question_lead": str, "contradiction_lead": str},
    "months": {"families": dict, "weekdays": dict, "publication_labels": list, "year_words": list},
    "claims": {"unit_classes": dict, "predicates": dict, "superlatives": dict, "ordinals": dict, "events": dict,
               "status_phrases": list, "deadline_words": list, "window_days": int},
    "events": {"triggers": list, "aspectual": list, "classes": dict, "negators": list, "planned": list,
               "deadlines": list, "clause_openers": list, "references": list, "parties": dict},
}


@functools.cache
def load(name: str, lang: str = "ar") -> dict[str, Any]:
    """Return the parsed `lang/<lang>/<name>.yaml`, validated against `SCHEMAS`."""
    path = resources.files("marsad") / "lang" / lang / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LexiconError(f"lang/{lang}/{name}.yaml: file missing") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"lang/{lang}/{name}.yaml: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"lang/{lang}/{name}.yaml: top level must be a mapping")
    for key, typ in SCHEMAS.get(name, {}).items():
        if not isinstance(data.get(key), typ):
            raise LexiconError(f"lang/{lang}/{name}.yaml: key '{key}' must be a {typ.__name__}")
    return data


def all_names(lang: str = "ar") -> list[str]:
    folder = resources.files("marsad") / "lang" / lang
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
