"""Token features for the Arabic NER CRF: normalized and clitic-stripped forms, affixes, shape,
word clusters, gazetteer classes and trigger words, with per-word caching for speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f\u202a-\u202e\ufeff]")
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي",
        **{chr(0x660 + i): str(i) for i in range(10)},
        **{chr(0x6F0 + i): str(i) for i in range(10)},
    }
)
_DIGITS = re.compile(r"\d")
_ARABIC = re.compile("[\u0621-\u064a]")

# clitic prefixes, longest first: conjunction + preposition + article
_PREFIXES = ("ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_PREFIX_SET = frozenset(_PREFIXES)


def fold(word: str) -> str:
    """Orthographic normalization: drop diacritics/tatweel/bidi marks, fold alef, hamza, ى, ة, digits."""
    return _DIACRITICS.sub("", word).translate(_FOLD)


def strip_clitics(folded: str) -> tuple[str, str]:
    """Split a folded word into (proclitics, stem), keeping a stem of at least 2 letters."""
    size = len(folded)
    for k in (3, 2, 1):
        p = folded[:k]
        if p in _PREFIX_SET and size - k >= (3 if k == 1 else 2):
            return p, folded[k:]
    return "", folded


def shape(word: str) -> str:
    """Collapsed character-class shape: A (Arabic), 0 (digit), X/x (Latin case), other chars kept."""
    out = []
    for ch in word:
        if "\u0621" <= ch <= "\u064a":
            c = "A"
        elif ch.isdigit():
            c = "0"
        elif ch.isalpha():
            c = "X" if ch.isupper() else "x"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def _folded_set(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


# trigger classes (folded forms, matched on the folded word or its clitic-stripped stem)
TRIGGERS: dict[str, frozenset[str]] = {
    "TITLE": _folded_set(
        "رئيس الرئيس رئيسة وزير الوزير وزيرة الشيخ شيخ السيد السيدة الملك ملك الأمير أمير الأميرة الدكتور د "
        "المهندس العقيد اللواء الجنرال النائب المستشار الأمين السفير البابا الإمام القاضي المدير مدير "
        "المتحدث الناطق نائب الزعيم زعيم قائد القائد المرشح اللاعب المدرب الفنان الكاتب الشاعر الممثل "
        "المغني المطرب الحاج المطربة الفنانة الكاتبة الرئيسة الوزيرة المستشارة السلطان سلطان الجنرال "
        "العاهل ولي المبعوث المفوض الأب الكاردينال الحاخام آية النجم المخرج الروائي الباحث البروفيسور "
        "مستشار سفير المحامي الصحفي الزميل المراسل"
    ),
    "ORGHEAD": _folded_set(
        "وزارة حزب شركة جامعة وكالة مجلس منظمة اتحاد بنك هيئة جمعية حركة مؤسسة نادي صندوق مصرف محكمة "
        "لجنة جبهة معهد مركز صحيفة جريدة قناة إذاعة تلفزيون مجموعة منتخب فريق جيش الأمم مكتب إدارة "
        "رابطة نقابة كلية أكاديمية مجمع مستشفى بورصة سوق برنامج شبكة مجلة دائرة قوات الجيش"
    ),
    "LOCHEAD": _folded_set(
        "مدينة عاصمة ولاية محافظة منطقة دولة جمهورية مملكة إقليم بلدة قرية جزيرة جزر بحر نهر جبل "
        "مخيم حي ميناء مطار شارع بلاد إمارة قطاع الضفة شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي"
    ),
    "PREP": _folded_set("في من إلى الى عبر نحو داخل خارج قرب على عن مع بين لدى حول"),
    "SAY": _folded_set(
        "قال أعلن صرح أكد أضاف أوضح ذكر أفاد أشار أعرب اتهم اعتبر قالت أعلنت أكدت أضافت ذكرت أوضحت "
        "يقول تقول وصف دعا طالب التقى استقبل زار بحث"
    ),
    "NAMEPART": _folded_set("بن ابن بنت أبو أبي أبا عبد أم آل"),
}
_CLUSTER_KEYS = tuple(f"c{i}=" for i in range(16))
_TRIGGER_INDEX: dict[str, tuple[str, ...]] = {}
for _name, _words in TRIGGERS.items():
    for _w in _words:
        _TRIGGER_INDEX[_w] = (*_TRIGGER_INDEX.get(_w, ()), _name)

# words that mark a sentence as sports news, where city names usually denote clubs
SPORT = _folded_set(
    "مباراة المباراة مباريات الدوري دوري هدف هدفا أهداف الأهداف فريق الفريق منتخب المنتخب لاعب اللاعب لاعبي "
    "المدرب مدرب بطولة البطولة كأس الكأس نادي النادي الملعب ملعب فوز الفوز فاز تعادل التعادل الشوط مرمى "
    "المرمى ركلة جزاء الموسم الذهاب الإياب الهداف مهاجم المهاجم الحارس تأهل النهائي نهائي مجموعة"
)


@dataclass(frozen=True)
class FeatureConfig:
    """Which feature groups to emit (for ablations)."""

    gazetteers: bool = True
    clusters: bool = True
    lexicon: bool = True
    window: int = 2


class FeatureExtractor:
    """Builds crfsuite attribute lists per sentence; word-level parts are cached in a dict."""

    def __init__(
        self,
        clusters: dict[str, tuple[str, ...]] | None = None,
        gazetteer: dict[str, tuple[str, ...]] | None = None,
        lexicon: dict[str, tuple[str, ...]] | None = None,
        config: FeatureConfig | None = None,
        known: set[str] | frozenset[str] | None = None,
    ) -> None:
        self.clusters = clusters or {}
        self.gazetteer = gazetteer or {}
        self.lexicon = lexicon or {}
        self.config = config or FeatureConfig()
        self.known = known
        self._cache: dict[str, tuple[list[str], ...]] = {}
        self._core_cache: dict[str, tuple] = {}
        # the clusters table is ordered by news frequency: a rank bucket tells rare words from common ones
        self._rank = {w: i.bit_length() for i, w in enumerate(self.clusters)} if self.config.clusters else {}

    # -- word level -------------------------------------------------------------------------------
    def _lookup(self, table: dict[str, tuple[str, ...]], n: str, stem: str) -> tuple[str, ...]:
        hit = table.get(n)
        if hit is None and stem != n:
            hit = table.get(stem)
            if hit is None and not stem.startswith("ال"):
                hit = table.get("ال" + stem)
        return hit or ()

    def word_features(self, word: str) -> tuple[list[str], ...]:
        """(offset 0, -1, +1, -2, +2) attribute lists for one word, cached.

        Most attributes depend only on the folded word; they are computed once per folded form
        (`_core`, which `warm()` can fill at load time) and only "w=", "shp=" and "nonar" per
        spelling. The attribute sets are exactly those the model was trained with.
        """
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        own, near_m, near_p, n = self._own(word)
        core = self._core(n)
        out = (own + list(core[0]), near_m + list(core[1]), near_p + list(core[2]), list(core[3]),
               list(core[4]), list(core[5]), list(core[6]))
        self._cache[word] = out
        return out

    def _own(self, word: str) -> tuple[list[str], list[str], list[str], str]:
        """The attributes of a spelling ("w=", "shp=", "nonar"; shape beside it) and its folded form."""
        shp = "shp=" + shape(_DIACRITICS.sub("", word))
        own = ["w=" + word, shp]
        if not _ARABIC.search(word):
            own.append("nonar")
        known = self.known
        if known is not None:
            own = [f for f in own if f in known]
            near_m = [f for f in ("-1" + shp,) if f in known]
            near_p = [f for f in ("+1" + shp,) if f in known]
        else:
            near_m, near_p = ["-1" + shp], ["+1" + shp]
        return own, near_m, near_p, fold(word)

    def _core(self, n: str) -> tuple:
        """The attributes of a folded word (prefixed for each position, filtered to the model's).

        Tuples, not lists: the cache holds tens of thousands of words, and tuples of strings drop
        out of the garbage collector's scans where lists would be walked at every full collection.
        """
        hit = self._core_cache.get(n)
        if hit is not None:
            return hit
        parts, stem, sport = self._core_parts(n)
        known = self.known
        if known is not None:
            parts = [[f for f in part if f in known] for part in parts]
        out = (*(tuple(p) for p in parts[:5]), (stem, sport), tuple(parts[5]))
        self._core_cache[n] = out
        return out

    def _core_parts(self, n: str) -> tuple[tuple[list[str], ...], str, bool]:
        """Unfiltered (0, -1, +1, -2, +2, topic) attribute lists of a folded word, its stem, sport."""
        f0, ctx1, ctx2, topic, stem, sport = self._core_lists(n)
        parts = (
            f0,
            ["-1" + f for f in ctx1],
            ["+1" + f for f in ctx1],
            ["-2" + f for f in ctx2] if self.config.window >= 2 else [],
            ["+2" + f for f in ctx2] if self.config.window >= 2 else [],
            topic,
        )
        return parts, stem, sport

    def _core_lists(self, n: str) -> tuple[list[str], list[str], list[str], list[str], str, bool]:
        """A folded word's own attributes, those its neighbours at -1/+1 and -2/+2 get (before the
        position prefix), its topic attributes, its stem and whether it is a sports word."""
        cfg = self.config
        nd = _DIGITS.sub("0", n)
        pre, stem = strip_clitics(n)
        base = stem[2:] if stem.startswith("ال") else stem
        get = _TRIGGER_INDEX.get
        trig = sorted(set(get(n, ()) + get(stem, ()) + get(base, ())))
        sport = n in SPORT or stem in SPORT or base in SPORT
        clus = self._lookup(self.clusters, n, stem) if cfg.clusters else ()
        gaz = self._lookup(self.gazetteer, n, stem) if cfg.gazetteers else ()
        lex = self.lexicon.get(stem, ()) if cfg.lexicon else ()
        word_n, word_s, end2 = "n=" + nd, "s=" + stem, "x2=" + n[-2:]  # also in the neighbours' lists
        f0 = [
            word_n, word_s, "pre=" + pre,
            "len=" + str(min(len(n), 10)),
            "p2=" + n[:2], "p3=" + n[:3], "p4=" + n[:4],
            "x1=" + n[-1:], end2, "x3=" + n[-3:], "x4=" + n[-4:],
            "sx2=" + stem[-2:], "sx3=" + stem[-3:], "sp3=" + base[:3],
        ]
        tf = ["t=" + t for t in trig] if trig else []
        gf = ["g=" + g for g in gaz] if gaz else []
        lf = ["l=" + x for x in lex] if lex else []
        cf = [p + c for p, c in zip(_CLUSTER_KEYS, clus, strict=False)]
        f0 += tf + cf + gf + lf
        if cfg.clusters:
            rank = self._rank.get(n)
            f0.append("fr=" + (str(rank) if rank is not None else "oov"))
            if not clus:
                f0.append("c=none")
        ctx1 = [word_n, word_s, end2, *tf, *cf[1:3], *gf, *lf]
        ctx2 = [word_s, *tf, *cf[1:2], *gf]
        topic = ["S|c0=" + clus[0]] if clus else ["S|s=" + stem]
        if gf or lf:
            topic += ["S|" + f for f in gf + lf]
        return f0, ctx1, ctx2, topic, stem, sport

    def warm(self, words) -> None:
        """Fill the folded-word cache for frequent words (at model load, so articles start fast)."""
        for n in words:
            self._core(n)

    # -- sentence level ---------------------------------------------------------------------------
    def sentence_features(self, tokens: list[str]) -> list[list[str]]:
        """One attribute list per token, combining the word's own and its neighbours' features."""
        wf = [self.word_features(t) for t in tokens]
        size = len(tokens)
        known = self.known
        sport = any(w[5][1] for w in wf)
        out = []
        for i in range(size):
            feats = ["bias"]
            feats += wf[i][0]
            if sport:
                feats += wf[i][6]
            if i > 0:
                feats += wf[i - 1][1]
                bg = "b-=" + wf[i - 1][5][0] + "|" + wf[i][5][0]
                if known is None or bg in known:
                    feats.append(bg)
                if i > 1:
                    feats += wf[i - 2][3]
                else:
                    feats.append("BOS2")
            else:
                feats.append("BOS")
            if i + 1 < size:
                feats += wf[i + 1][2]
                bg = "b+=" + wf[i][5][0] + "|" + wf[i + 1][5][0]
                if known is None or bg in known:
                    feats.append(bg)
                if i + 2 < size:
                    feats += wf[i + 2][4]
                else:
                    feats.append("EOS2")
            else:
                feats.append("EOS")
            out.append(feats)
        return out

    def clear_cache(self) -> None:
        self._cache.clear()
        self._core_cache.clear()


def read_table(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Parse `word<TAB>v1<TAB>v2...` (or comma-separated values) lines into a lookup table."""
    table: dict[str, tuple[str, ...]] = {}
    for line in lines:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition("\t")
        vals = tuple(v for v in re.split("[\t,]", rest) if v)
        if vals:
            table[word] = vals
    return table
