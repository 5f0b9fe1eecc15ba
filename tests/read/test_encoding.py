"""Decoding: UTF-8 with/without BOM, UTF-16, Windows-1256, ISO-8859-6, damaged UTF-8, binary."""

from __future__ import annotations

import codecs

import pytest

from marsad.errors import InputError
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


def test_utf8_and_cp1256_lines_in_one_file_are_decoded_line_by_line():
    other = "وقال المتحدث إن التوزيع يبدأ الأسبوع المقبل."
    text, found = decode(TEXT.encode("utf-8") + b"\n" + other.encode("cp1256"))
    assert (text, found) == (f"{TEXT}\n{other}", "utf-8 and cp1256 lines")


def test_a_cp1256_file_with_short_lines_stays_cp1256():
    lines = ["2025 م", TEXT, "ص 3"]  # one Arabic letter on a line must not pass for damaged UTF-8
    assert decode("\n".join(lines).encode("cp1256")) == ("\n".join(lines), "cp1256")


def test_utf8_with_a_few_broken_bytes_per_line_is_not_read_as_cp1256():
    data = TEXT.encode("utf-8")
    text, found = decode(data[:10] + b"\xd8" + data[10:60] + b"\xff\xfe" + data[60:])
    assert found == "utf-8 (damaged)" and text.count("\ufffd") == 3 and "عن خطة لتوزيع الحصص" in text


def test_random_high_bytes_are_not_text_although_cp1256_decodes_them():
    junk = bytes((i * 37 + 11) % 128 + 128 for i in range(4000))
    with pytest.raises(InputError, match="not text in any encoding read"):
        decode(junk)
