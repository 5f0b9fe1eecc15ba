"""Bytes -> text: detect UTF-8 (with or without BOM), UTF-16, Windows-1256 and ISO-8859-6.

Detection looks at the bytes, never at the file name. Arabic legacy code pages are told apart
by how much Arabic the decoding yields, since a generic detector often guesses wrong on short
Arabic texts.
"""

from __future__ import annotations

import codecs
import re

from marsad.errors import InputError

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CONTROL = re.compile(r"[\x00-\x08\x0E-\x1F\x7F]")
_LEGACY = ("cp1256", "iso8859_6")
_SPACE = re.compile(r"\s")


def _looks_like_text(text: str) -> bool:
    """Words separated by white space: random high bytes decode as Windows-1256 too, but as one
    endless "word" (a space, the NBSP 0xA0, comes once in ~128 bytes; in Arabic prose once in ~6)."""
    return len(text) < 40 or len(_SPACE.findall(text)) * 25 >= len(text)


def _legacy(data: bytes) -> tuple[str, str] | None:
    """The Arabic code page that yields the most Arabic letters and no control characters."""
    best: tuple[int, str, str] | None = None
    for enc in _LEGACY:
        try:
            cand = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(cand):
            continue
        score = len(_ARABIC.findall(cand))
        if best is None or score > best[0]:
            best = (score, cand, enc)
    return (best[1], best[2]) if best and best[0] > 0 else None


def _line_by_line(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with broken bytes on some lines, or two sources pasted into one file (UTF-8 lines and
    Windows-1256 lines): each line decoded on its own. None unless some line is UTF-8 with non-ASCII
    text and every line decodes one way or the other."""
    lines, utf8, legacy = [], 0, 0
    for raw in data.split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
            utf8 += not raw.isascii()
            continue
        except UnicodeDecodeError:
            pass
        lossy = raw.decode("utf-8", errors="replace")
        bad = lossy.count("\ufffd")
        good = sum(1 for c in lossy if c > "\x7f") - bad
        if bad <= max(3, len(lossy) // 20) and good >= 5 * bad:  # UTF-8 text with a few broken bytes
            lines.append(lossy)
            utf8 += 1
            continue
        got = _legacy(raw)
        if got is None:
            return None
        lines.append(got[0])
        legacy += 1
    if not utf8:
        return None
    return "\n".join(lines), "utf-8 and cp1256 lines" if legacy else "utf-8 (damaged)"


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 by NUL bytes on one parity (Latin) or Arabic high bytes 0x06."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for enc, hi in (("utf-16-le", odd), ("utf-16-be", even)):
        share = sum(1 for b in hi if b in (0, 6)) / len(hi)
        if share > 0.7:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (images, archives, executables)."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(data[:8192]) is not None:
        return False
    nul = sample.count(0)
    controls = len(_CONTROL.findall(sample.decode("latin-1")))
    return nul > 0 or controls / len(sample) > 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError when no encoding fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:4000]:  # NUL bytes are valid UTF-8 but mean BOM-less UTF-16 in practice
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Mostly UTF-8 with a few broken bytes (a truncated download, a pasted fragment): keep it.
    # Checked before the legacy code pages, since UTF-8 Arabic read as cp1256 also "looks Arabic".
    lossy = data.decode("utf-8", errors="replace")
    if lossy.count("\ufffd") <= max(2, len(lossy) // 200) and _ARABIC.search(lossy):
        return lossy, "utf-8 (damaged)"
    by_line = _line_by_line(data)
    if by_line is not None:
        return by_line
    legacy = _legacy(data)
    if legacy and _looks_like_text(legacy[0]):
        return legacy
    bad = data[utf8_error.start:utf8_error.start + 8]
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None or not _looks_like_text(str(match)):
        raise InputError(f"undecodable bytes near offset {utf8_error.start} ({bad.hex()}): not text in any"
                         " encoding read (UTF-8, UTF-16, Windows-1256, ISO-8859-6)")
    return str(match), match.encoding
