"""The curated knowledge base that entity mentions link to: countries, places, facilities, organisations and
people from `lang/ar/kb/`, plus nationality adjectives (NORP) and titles. User files in the same TSV/YAML
formats add entries or replace them by id.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from marsad.arabic.normalize import fold
from marsad.errors import LexiconError
from marsad.resident import settle

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml keeps loading well under 0.1 s

ENTRY_FILES = ("countries.tsv", "places.tsv", "facilities.yaml", "organizations.yaml", "people.yaml")
TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_ENTRY_KEYS = ("entries", "countries", "places", "facilities", "organizations", "people")
_TOP_KEYS = frozenset({*_ENTRY_KEYS, "norp", "titles", "open"})
_CORE = frozenset({"id", "canonical", "english", "type", "aliases", "wikidata", "lat", "lon", "country", "merge"})
_ID = re.compile(r"[A-Za-z0-9_-]+")
_QID = re.compile(r"Q[1-9][0-9]*")
_EDGE = "\"'“”«»‹›„‟()[]{}.,،:;؛!?؟-–— \t\n"
# Forms of a nisba adjective ending in ي: عراقي, عراقية, عراقيون, عراقيين, عراقيان, عراقيتان, عراقيتين, عراقيات.
_NISBA = ("", "ة", "ون", "ين", "ان", "تان", "تين", "ات")


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One entity. `extra` holds the remaining keys as (key, value) pairs; mappings inside are frozen to
    (key, value) pairs too and lists to tuples, so entries stay hashable."""

    id: str
    canonical: str
    english: str | None
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()

    def info(self, key: str, default: Any = None) -> Any:
        return next((v for k, v in self.extra if k == key), default)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)

    @property
    def ambiguous(self) -> bool:
        """The name is also an ordinary word or another entry's name: it needs context to link."""
        return bool(self.info("ambiguous", False))

    @property
    def roles(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.info("roles", ())]


def _key(name: str) -> str:
    return " ".join(fold(name).split()).strip(_EDGE)


def _variants(key: str) -> list[str]:
    """`key` and the same name without a leading proclitic: و/ف, then ب/ل, and لل -> ال (للعراق -> العراق)."""
    first, sep, rest = key.partition(" ")
    out = [key]
    for conj in ("", "و", "ف"):
        if not first.startswith(conj):
            continue
        word = first[len(conj):]
        cands = [word] if conj else []
        if word.startswith("لل"):
            cands.append("ال" + word[2:])
        elif word.startswith(("ب", "ل")):
            cands.append(word[1:])
        out += [w + sep + rest for w in cands if len(w) >= 3]
    return list(dict.fromkeys(out))


class KnowledgeBase:
    """Entries by id, a folded-alias index (built on the first lookup), NORP adjectives and titles."""

    def __init__(self, entries: dict[str, KBEntry], norp: dict[str, str | None],
                 titles: list[tuple[str, str]], open_titles: frozenset[str] = frozenset()):
        self._entries, self._norp, self._titles, self.open_titles = entries, norp, titles, open_titles
        self._index: dict[str, tuple[KBEntry, ...]] | None = None
        self._norp_forms: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def get(self, entry_id: str) -> KBEntry | None:
        return self._entries.get(entry_id)

    def all(self) -> list[KBEntry]:
        return list(self._entries.values())

    def _alias_index(self) -> dict[str, tuple[KBEntry, ...]]:
        if self._index is None:
            index: dict[str, dict[str, KBEntry]] = {}
            for e in self._entries.values():
                for name in e.names:
                    index.setdefault(_key(name), {}).setdefault(e.id, e)
            # Entries whose name is also a common word come after the others (sorted() is stable).
            self._index = {k: tuple(sorted(v.values(), key=lambda e: e.ambiguous)) for k, v in index.items()}
        return self._index

    def lookup(self, name: str) -> list[KBEntry]:
        """Entries named `name` (folded), trying it as written, then without a proclitic (والعراق,
        بالعراق, للعراق), then with/without ال for non-person entries (عراق -> العراق)."""
        key = _key(name)
        if not key:
            return []
        index, variants = self._alias_index(), _variants(key)
        for v in variants:
            if v in index:
                return list(index[v])
        for v in variants:
            # Person names do not take or drop the article freely (سوداني is not السوداني), and a name that is
            # also a word must be written as listed (المشهد "the scene" is not مشهد, Mashhad).
            other = v[2:] if v.startswith("ال") and len(v) > 4 else "ال" + v
            hits = [e for e in index.get(other, ()) if e.type != "PERSON" and not e.ambiguous]
            if hits:
                return hits
        return []

    def norp(self, adjective: str) -> str | None:
        """The entity id a nationality/group adjective links to (الأميركية -> "Q30"); None when the
        adjective is unknown or links to nothing (شيعي)."""
        return next((self._norp[v] for v in _variants(_key(adjective)) if v in self._norp), None)

    def norp_forms(self) -> frozenset[str]:
        """Every folded NORP form (for a fast first check before `norp()`)."""
        if getattr(self, "_norp_forms", None) is None:
            self._norp_forms = frozenset(self._norp)
        return self._norp_forms

    def is_norp(self, adjective: str) -> bool:
        return any(v in self._norp for v in _variants(_key(adjective)))

    def titles(self) -> list[tuple[str, str]]:
        """(title, group) pairs: groups are political, military, expert, honorific, religious."""
        return list(self._titles)


# ---------------------------------------------------------------- parsing


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((str(k), _freeze(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _coord(value: Any, where: str, what: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise LexiconError(f"{where}: {what} {value!r} is not a number") from None


def _entry(raw: Any, where: str) -> KBEntry:
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: an entry must be a mapping, not {type(raw).__name__}")
    eid = raw.get("id")
    if not isinstance(eid, str) or not _ID.fullmatch(eid):
        raise LexiconError(f"{where}: bad id {eid!r} (use only letters, digits, '-' and '_')")
    where = f"{where}: entry {eid}"
    canonical, typ, aliases = raw.get("canonical"), raw.get("type"), raw.get("aliases") or ()
    if not isinstance(canonical, str) or not canonical.strip():
        raise LexiconError(f"{where}: canonical name missing")
    if typ not in TYPES:
        raise LexiconError(f"{where}: type {typ!r} is not one of {', '.join(sorted(TYPES))}")
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split("|") if a]
    if not isinstance(aliases, list | tuple) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise LexiconError(f"{where}: aliases must be a list of names")
    for k in ("wikidata", "country", "english"):
        if raw.get(k) not in (None, "") and not isinstance(raw[k], str):
            raise LexiconError(f"{where}: {k} must be text, not {raw[k]!r}")
    wikidata = raw.get("wikidata") or None
    if wikidata and not _QID.fullmatch(wikidata):
        raise LexiconError(f"{where}: wikidata {wikidata!r} is not a Q-id")
    roles = raw.get("roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, dict) and isinstance(r.get("title"), str) for r in roles):
        raise LexiconError(f"{where}: roles must be a list of mappings, each with a title")
    # Dates come as YYYY (an int to YAML), YYYY-MM (text) or YYYY-MM-DD (a date): all become ISO text.
    raw = raw | {"roles": [{k: str(v) if k in ("from", "to") else v for k, v in r.items()} for r in roles]}
    extra = tuple((k, _freeze(v)) for k, v in raw.items() if k not in _CORE and v not in (None, "", [], {}))
    return KBEntry(eid, canonical, raw.get("english") or None, typ, tuple(aliases), wikidata,
                   _coord(raw.get("lat"), where, "lat"), _coord(raw.get("lon"), where, "lon"),
                   raw.get("country") or raw.get("iso") or None, extra)


def _tsv_rows(text: str, where: str) -> list[dict[str, Any]]:
    header: list[str] | None = None
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            if "id" not in cells or "canonical" not in cells:
                raise LexiconError(f"{where}: line {n}: the header row must name the columns id and canonical")
            header = cells
            continue
        if len(cells) != len(header):
            raise LexiconError(f"{where}: line {n}: {len(cells)} columns, the header has {len(header)}")
        row: dict[str, Any] = dict(zip(header, cells, strict=True))
        if "ambiguous" in row.pop("flags", "").split(","):
            row["ambiguous"] = True
        rows.append(row)
    return rows


@dataclass
class _Parsed:
    entries: list[KBEntry]
    merge: set[str]
    norp: list[tuple[str, str | None]]
    titles: list[tuple[str, str]]
    open_titles: list[str]


def _parse(text: str, where: str, suffix: str) -> _Parsed:
    out = _Parsed([], set(), [], [], [])
    if suffix == ".tsv":
        raws: Iterable[Any] = _tsv_rows(text, where)
    elif suffix in (".yaml", ".yml"):
        try:
            data = yaml.load(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise LexiconError(f"{where}: not valid YAML ({' '.join(str(exc).split())})") from exc
        if not isinstance(data, dict):
            raise LexiconError(f"{where}: the top level must be a mapping")
        unknown = sorted(set(data) - _TOP_KEYS)
        if unknown:
            raise LexiconError(f"{where}: unknown top-level key(s) {unknown}; known: {sorted(_TOP_KEYS)}")
        for k in _ENTRY_KEYS:
            if not isinstance(data.get(k, []), list):
                raise LexiconError(f"{where}: '{k}' must be a list of entries")
        raws = [r for k in _ENTRY_KEYS for r in data.get(k, ())]
        _parse_norp(data.get("norp", []), where, out)
        titles = data.get("titles", {})
        if not isinstance(titles, dict) or not all(isinstance(v, list) for v in titles.values()):
            raise LexiconError(f"{where}: 'titles' must map each group to a list of titles")
        out.titles = [(str(t), str(g)) for g, ts in titles.items() for t in ts]
        out.open_titles = [str(t) for t in data.get("open", [])]
    else:
        raise LexiconError(f"{where}: unknown file type (use .tsv, .yaml or .yml)")
    for raw in raws:
        entry = _entry(raw, where)
        if isinstance(raw, dict) and raw.get("merge"):
            out.merge.add(entry.id)
        out.entries.append(entry)
    return out


def _parse_norp(items: Any, where: str, out: _Parsed) -> None:
    if not isinstance(items, list):
        raise LexiconError(f"{where}: 'norp' must be a list")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("stems", []), list):
            raise LexiconError(f"{where}: a norp item must be a mapping with a list of stems")
        target = item.get("target")
        if target is not None and not (isinstance(target, str) and _ID.fullmatch(target)):
            raise LexiconError(f"{where}: norp target {target!r} is not an id")
        for stem in item.get("stems", []):
            if not isinstance(stem, str) or not stem.endswith("ي"):
                raise LexiconError(f"{where}: norp stem {stem!r} must end in ي")
            out.norp += [(p + stem + s, target) for s in _NISBA for p in ("", "ال")]
        out.norp += [(str(f), target) for f in item.get("forms", [])]


def _merged(old: KBEntry, new: KBEntry) -> KBEntry:
    """A `merge: true` user entry adds its aliases and extra keys to `old` and replaces what it sets."""
    extra = dict(old.extra) | dict(new.extra)
    return replace(old, canonical=new.canonical, type=new.type, english=new.english or old.english,
                   aliases=tuple(dict.fromkeys(old.aliases + new.aliases)), wikidata=new.wikidata or old.wikidata,
                   lat=old.lat if new.lat is None else new.lat, lon=old.lon if new.lon is None else new.lon,
                   country=new.country or old.country, extra=tuple(extra.items()))


def _build(extra_files: tuple[str, ...]) -> KnowledgeBase:
    folder = resources.files("marsad") / "lang" / "ar" / "kb"
    entries: dict[str, KBEntry] = {}
    norp: dict[str, str | None] = {}
    titles: list[tuple[str, str]] = []
    open_titles: list[str] = []
    sources = [(f"lang/ar/kb/{n}", (folder / n).read_text(encoding="utf-8"), False)
               for n in (*ENTRY_FILES, "norp.yaml", "titles.yaml")]
    for f in extra_files:
        try:
            sources.append((str(f), Path(f).read_text(encoding="utf-8"), True))
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{f}: cannot read ({exc})") from exc
    for where, text, user in sources:
        parsed = _parse(text, where, Path(where).suffix)
        for e in parsed.entries:
            if not user and e.id in entries:
                raise LexiconError(f"{where}: duplicate id {e.id}")
            entries[e.id] = _merged(entries[e.id], e) if e.id in parsed.merge and e.id in entries else e
        for form, target in parsed.norp:
            norp[_key(form)] = target
        titles += [t for t in parsed.titles if t not in titles]
        open_titles += parsed.open_titles
    return KnowledgeBase(entries, norp, titles, frozenset(open_titles))


@functools.cache
def _default_kb() -> KnowledgeBase:
    kb = _build(())
    settle()
    return kb


def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The knowledge base (cached; with user files, for as long as their contents stay the same).
    `extra_files` (.tsv/.yaml in the same formats) add entries or replace them by id; a bad file raises
    LexiconError naming it."""
    if not extra_files:
        return _default_kb()
    files = tuple(str(f) for f in extra_files)
    try:  # the stage asks for every article: reading and hashing the files is far cheaper than parsing
        contents = tuple(hashlib.blake2b(Path(f).read_bytes(), digest_size=16).digest() for f in files)
    except OSError:
        return _build(files)  # raises the error naming the file
    return _user_kb(files, contents)


@functools.lru_cache(maxsize=4)
def _user_kb(files: tuple[str, ...], contents: tuple[bytes, ...]) -> KnowledgeBase:
    return _build(files)
