"""Decoding: UTF-8 with/without BOM, UTF-16, Windows-1256, ISO-8859-6, damaged UTF-8, binary."""

from __future__ import annotations

import codecs

import pytest

from marsad.read.encoding import decode, looks_binary

TEXT = "أعلنت وزارة الموارد المائية، صباح اليوم، عن خطة لتوزيع الحصص على المحافظات."


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16"),
    (TEXT.encode("cp1256"), "cp1256"),
])
def test_decode_detects_encoding(data, encoding):
    text, found = decode(data)
    assert text == TEXT
    assert found == encoding


def test_decode_iso_8859_6():
    plain = "قال الوزير ان الاتفاق سيوقع غدا في بغداد"  # ISO-8859-6 has no hamza-on-alef forms issue here
    text, found = decode(plain.encode("iso8859_6"))
    assert text == plain
    assert found in ("iso8859_6", "cp1256")


def test_decode_keeps_mostly_utf8_with_a_broken_byte():
    data = TEXT.encode("utf-8") * 3 + b"\xff" + TEXT.encode("utf-8")
    text, found = decode(data)
    assert found == "utf-8 (damaged)"
    assert text.count("\ufffd") == 1 and TEXT in text


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), b"PK\x03\x04\x00\x00" * 50])
def test_binary_is_recognised(data):
    assert looks_binary(data)


@pytest.mark.parametrize("data", [TEXT.encode("utf-8"), TEXT.encode("utf-16"), TEXT.encode("cp1256")])
def test_text_is_not_binary(data):
    assert not looks_binary(data)
