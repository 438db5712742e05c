import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediakit.errors import InputError
from mediakit.text.normalize import decode_bytes, normalize_text, repair_mixed_script


def test_cyrillic_lookalike_in_latin_word_is_repaired():
    text, repairs = normalize_text("British Defen\u0441e Secretary")
    assert text == "British Defence Secretary"
    assert repairs == [{"kind": "mixed_script", "offset": 8, "before": "Defen\u0441e", "after": "Defence"}]


def test_mainly_cyrillic_word_is_never_rewritten():
    # only mainly Latin words are repaired: a Cyrillic word keeps every letter it has
    assert repair_mixed_script("Моск\u0432a") == "Моск\u0432a"


def test_glued_language_switcher_is_left_as_is():
    # a language menu glues its items: neither half is rewritten, and no space is inserted
    for s in ("РусскийDeutsch", "DeutschРусский", "EnglishΕλληνικάFrançais", "УкраїнськаEnglish"):
        text, repairs = normalize_text(s)
        assert text == s and not repairs


def test_several_lookalikes_in_a_latin_word_are_repaired():
    assert repair_mixed_script("S\u0435\u0441retary Def\u0435nse") == "Secretary Defense"


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


_ALPHABETS = {
    "russian": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "ukrainian": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ",
    "serbian": "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰςΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏ",
}


@pytest.mark.parametrize("language", sorted(_ALPHABETS))
def test_cyrillic_and_greek_text_comes_back_unchanged(language):
    letters = st.sampled_from(_ALPHABETS[language])
    words = st.text(letters, min_size=1, max_size=12)
    glue = st.sampled_from([" ", ", ", ". ", "\n", "\n\n", " «", "» ", " 2026 ", "-"])
    # Latin words beside them, apart or glued on as in a language menu, change nothing either
    latin = st.sampled_from(["Deutsch", "NATO", "iPhone", "EU", "English"])
    menu = st.tuples(st.text(letters, min_size=3, max_size=12), latin).map("".join)

    @given(st.lists(st.tuples(st.one_of(words, menu), glue, st.sampled_from(["", " EU", " iPhone"])),
                    max_size=30))
    def check(parts):
        s = "".join(w + g + x + " " for w, g, x in parts)
        text, repairs = normalize_text(s)
        assert text == s
        assert not [r for r in repairs if r["kind"] == "mixed_script"]

    check()
