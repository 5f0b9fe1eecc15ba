"""Gazetteers for the NER features: place and person-name lists from ../shared/data/gazetteers
(GeoNames, name lists, Wikidata) plus a hand-written list of country names, folded, one word a line.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from marsad.ner.features import fold, strip_clitics

# Arabic country and region names written for Marsad (common spellings; multiword names split below).
COUNTRIES = """
السعودية المملكة_العربية_السعودية الإمارات قطر البحرين الكويت عمان سلطنة_عمان اليمن العراق سوريا سورية
الأردن لبنان فلسطين إسرائيل مصر ليبيا تونس الجزائر المغرب موريتانيا السودان الصومال جيبوتي جزر_القمر
إيران تركيا أفغانستان باكستان الهند بنغلاديش سريلانكا نيبال الصين اليابان كوريا كوريا_الشمالية
كوريا_الجنوبية منغوليا تايوان الفلبين إندونيسيا ماليزيا سنغافورة تايلاند فيتنام كمبوديا لاوس ميانمار
بورما كازاخستان أوزبكستان تركمانستان قرغيزستان طاجيكستان أذربيجان أرمينيا جورجيا روسيا أوكرانيا
بيلاروسيا روسيا_البيضاء مولدوفا بولندا ألمانيا فرنسا بريطانيا المملكة_المتحدة إنجلترا إنكلترا اسكتلندا
إيرلندا أيرلندا إسبانيا البرتغال إيطاليا اليونان قبرص مالطا سويسرا النمسا بلجيكا هولندا لوكسمبورغ
الدنمارك الدانمارك السويد النرويج فنلندا آيسلندا إستونيا لاتفيا ليتوانيا التشيك تشيكيا سلوفاكيا المجر
هنغاريا رومانيا بلغاريا صربيا كرواتيا البوسنة الهرسك سلوفينيا مقدونيا ألبانيا الجبل_الأسود كوسوفو
الولايات_المتحدة أمريكا أميركا كندا المكسيك كوبا غواتيمالا هندوراس نيكاراغوا بنما كوستاريكا السلفادور
هايتي جامايكا الدومينيكان البرازيل الأرجنتين تشيلي بيرو كولومبيا فنزويلا الإكوادور بوليفيا باراغواي
الأوروغواي أوروغواي نيجيريا النيجر مالي تشاد السنغال غانا ساحل_العاج الكاميرون إثيوبيا أثيوبيا إريتريا
أريتريا كينيا أوغندا تنزانيا رواندا بوروندي الكونغو أنغولا زامبيا زيمبابوي موزمبيق مدغشقر ناميبيا
بوتسوانا جنوب_أفريقيا جنوب_إفريقيا غينيا ليبيريا سيراليون توغو بنين بوركينا_فاسو غامبيا الغابون
أستراليا استراليا نيوزيلندا الفاتيكان موناكو أندورا
أوروبا أفريقيا إفريقيا آسيا أمريكا_اللاتينية أميركا_اللاتينية الشرق_الأوسط الخليج المشرق المغرب_العربي
القارة_الأوروبية الضفة_الغربية قطاع_غزة غزة القدس كردستان دارفور الشيشان كشمير التبت
"""

NAME_FILES_FIRST = ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt")
NAME_FILES_LAST = ("last-names-in-arabic.txt",)


def _add(table: dict[str, set[str]], name: str, cls: str) -> None:
    words = [fold(w) for w in name.replace("_", " ").split()]
    words = [w for w in words if len(w) >= 2]
    if len(words) == 1:
        table[words[0]].add(cls)
    else:
        for w in words:
            if w not in ("ال",):
                table[w].add(cls + "_PART")


def build_gazetteer(gaz_dir: Path) -> dict[str, set[str]]:
    """word -> set of classes (COUNTRY, CITY, FIRST, LAST, PERSWD and *_PART for multiword names)."""
    table: dict[str, set[str]] = defaultdict(set)
    for name in COUNTRIES.split():
        _add(table, name, "COUNTRY")
    cities = gaz_dir / "geonames-cities-ar.tsv"
    if cities.exists():
        with cities.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                pop = int(row.get("population") or 0)
                cls = "CITY" if pop < 1_000_000 else "BIGCITY"
                for name in (row.get("names_ar") or "").split("|"):
                    if name.strip():
                        _add(table, name, cls)
    names = gaz_dir / "names"
    for files, cls in ((NAME_FILES_FIRST, "FIRST"), (NAME_FILES_LAST, "LAST")):
        for fname in files:
            path = names / fname
            if path.exists():
                for line in path.read_text(encoding="utf-8-sig").splitlines():
                    if line.strip():
                        _add(table, line.strip(), cls)
    wd = names / "wikidata-arabic-name-tokens.txt"
    if wd.exists():
        for line in wd.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3:
                word = fold(parts[1].replace(" ", ""))
                count = int(parts[2]) if parts[2].isdigit() else 1
                if len(word) >= 3:
                    table[word].add("PERSWD" if count >= 3 else "PERSWD1")
    return table


def training_lexicon(sents, min_count: int = 1) -> dict[str, set[str]]:
    """Entity-word memory from annotated sentences: word -> {TYPE (mostly that type), TYPE? (sometimes)}.

    Counts folded, clitic-stripped words inside entities against all their occurrences.
    """
    ent: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total: dict[str, int] = defaultdict(int)
    for toks, tags in sents:
        for tok, tag in zip(toks, tags, strict=True):
            stem = strip_clitics(fold(tok))[1]
            total[stem] += 1
            if tag != "O":
                ent[stem][tag[2:]] += 1
    out: dict[str, set[str]] = {}
    for word, types in ent.items():
        classes = set()
        for typ, c in types.items():
            if c < min_count:
                continue
            ratio = c / total[word]
            if ratio >= 0.5:
                classes.add(typ)
            elif ratio >= 0.1:
                classes.add(typ + "?")
        if classes:
            out[word] = classes
    return out


def write_table(table: dict[str, set[str]], path: Path, header: str) -> int:
    """Write `word<TAB>class,class` lines sorted by word; returns the number of entries."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"# {header}\n")
        for word in sorted(table):
            if table[word] and "\t" not in word:
                fh.write(word + "\t" + ",".join(sorted(table[word])) + "\n")
    return len(table)
