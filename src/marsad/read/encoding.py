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
    # Legacy Arabic code pages: pick the one that yields the most Arabic letters and no controls.
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
    if best and best[0] > 0:
        return best[1], best[2]
    bad = data[utf8_error.start:utf8_error.start + 8]
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        raise InputError(f"undecodable bytes near offset {utf8_error.start} ({bad.hex()})")
    return str(match), match.encoding
