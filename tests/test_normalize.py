import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediakit.errors import InputError
from mediakit.text.normalize import decode_bytes, normalize_text, repair_mixed_script


def test_cyrillic_lookalike_in_latin_word_is_repaired():
    text, repairs = normalize_text("British Defen\u0441e Secretary")
    assert text == "British Defence Secretary"
    assert repairs == [{"kind": "mixed_script", "offset": 8, "before": "Defen\u0441e", "after": "Defence"}]


def test_latin_lookalike_in_cyrillic_word_is_repaired():
    assert repair_mixed_script("Моск\u0432a") == "Москва"  # Latin 'a' at the end


def test_genuine_cyrillic_and_latin_words_untouched():
    s = "Песков said Peskov"
    assert repair_mixed_script(s) == s


@pytest.mark.parametrize("encoding,sample", [
    ("cp1251", "Пресс-секретарь президента заявил журналистам, что переговоры продолжатся."),
    ("cp1252", "Le président a déclaré à la presse que les négociations continueront."),
    ("utf-16", "Die Regierung könnte die Truppen bald abziehen, sagte ein Sprecher."),
    ("utf-8-sig", "Plain text with a byte-order mark."),
])
def test_decode_detects_encodings(encoding, sample):
    text, _ = decode_bytes(sample.encode(encoding))
    assert text == sample


def test_mojibake_is_repaired_and_recorded():
    text, repairs = normalize_text("The minister\u00e2\u20ac\u2122s caf\u00c3\u00a9")
    assert text == "The minister\u2019s caf\u00e9"
    assert any(r["kind"] == "mojibake" for r in repairs)


def test_line_endings_and_invisibles():
    text, _ = normalize_text("a\r\nb\u200bc\rd")
    assert text == "a\nbc\nd"


def test_decode_rejects_non_bytes():
    with pytest.raises(InputError):
        decode_bytes("already text")  # type: ignore[arg-type]


@given(st.text())
def test_normalize_never_crashes_and_is_idempotent(s):
    once, _ = normalize_text(s)
    twice, _ = normalize_text(once)
    assert twice == once


@given(st.binary(max_size=2000))
def test_decode_any_bytes_gives_text_or_input_error(b):
    try:
        text, enc = decode_bytes(b)
    except InputError:
        return
    assert isinstance(text, str) and enc
