"""Language data files: valid shape, canonical Arabic (NFC, no tatweel, no diacritics)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from marsad.lexicon import all_names, load

_BAD = re.compile(r"[\u0640\u064B-\u065F\u0670\uFB50-\uFDFF\uFE70-\uFEFF]")




@pytest.mark.parametrize("name", all_names())
def test_lexicon_entries_are_canonical(name, yaml_strings):
    for s in yaml_strings(load(name)):
        assert unicodedata.normalize("NFC", s) == s, (name, s)
        assert not _BAD.search(s), (name, s)


def test_lexicon_outlet_aliases_do_not_collide():
    from marsad.textlines import fold

    seen: dict[str, str] = {}
    for entry in load("outlets")["outlets"]:
        names = (entry["canonical"], *entry.get("aliases", ()), *entry.get("domains", ()), *entry.get("ids", ()))
        for alias in names:
            key = fold(alias)
            assert seen.get(key, entry["canonical"]) == entry["canonical"], alias
            seen[key] = entry["canonical"]
