"""Text normalisation shared by every loader: bytes to clean Unicode, with each repair recorded.

Steps, in order: decode (BOM, then charset detection), mojibake repair (ftfy), Unicode NFC,
mixed-script word repair (a mainly Latin word with an isolated Cyrillic or Greek look-alike
letter, as in the seed's "Defenсe" with a Cyrillic "с"; Cyrillic and Greek words are never
rewritten), and line-ending and
invisible-character clean-up. Every change is reported as a dict so a researcher can audit it.

>>> from mediakit.text.normalize import normalize_text
>>> text, repairs = normalize_text("British Defen\\u0441e Secretary")
>>> text, repairs[0]["kind"]
('British Defence Secretary', 'mixed_script')
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any

from ..errors import InputError

# Cyrillic and Greek letters that render like Latin ones (Unicode confusables, letters only).
_CYR_TO_LAT = {
    "а": "a", "в": "B", "е": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p", "с": "c",
    "т": "T", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
}
_GRK_TO_LAT = {
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i", "κ": "k",
}
_TO_LATIN = {**_CYR_TO_LAT, **_GRK_TO_LAT}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes to text and return ``(text, encoding)``.

    A byte-order mark decides first (UTF-8/16/32); then strict UTF-8; then charset-normalizer's
    best guess (cp1251, latin-1, cp1252, ...). Raises :class:`InputError` if nothing fits.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as e:
                raise InputError(f"bytes start with a {enc} byte-order mark but do not decode: {e}") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is not None and best.encoding:
        try:
            guess = data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            guess = None
        if guess is not None:
            # On short inputs the detector often picks a Central European code page for
            # Western text ("naďve"); prefer cp1252 when it reads as plainly or better.
            if best.encoding not in ("cp1252", "latin_1", "cp1251", "utf_8") and len(data) < 20_000:
                try:
                    western = data.decode("cp1252")
                except UnicodeDecodeError:
                    western = None
                if western is not None and _oddness(western) <= _oddness(guess[0]):
                    return western, "cp1252"
            return guess
    if data.count(b"\x00") > len(data) // 4:
        raise InputError("the bytes look binary (many NUL bytes) and match no text encoding")
    return data.decode("cp1252", errors="replace"), "cp1252"


def _oddness(text: str) -> int:
    """Letters outside ASCII, Latin-1, Cyrillic and Greek, plus high symbols inside words."""
    odd = 0
    for i, ch in enumerate(text):
        o = ord(ch)
        if o < 0x80 or 0xC0 <= o <= 0xFF and o not in (0xD7, 0xF7) or 0x370 <= o <= 0x4FF:
            continue
        # A symbol glued to letters ("w³aœnie") is the surest sign of a wrong code page.
        glued = not ch.isalpha() and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
        odd += 3 if glued else 1
    return odd


def normalize_text(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Repair and normalise text; returns ``(text, repairs)``.

    Line ends become ``\\n``; zero-width characters and soft hyphens are removed; mojibake is
    fixed; the result is NFC; mixed-script words are repaired. Paragraph layout is kept.
    """
    if not isinstance(text, str):
        raise InputError(f"expected str, got {type(text).__name__}")
    repairs: list[dict[str, Any]] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\xa0", " ").replace("\t", " ")
    cleaned = _CONTROL.sub("", _INVISIBLE.sub("", text))
    if cleaned != text:
        repairs.append({"kind": "invisible", "count": len(text) - len(cleaned)})
        text = cleaned
    text = _fix_mojibake(text, repairs)
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        repairs.append({"kind": "nfc"})
        text = nfc
    text = repair_mixed_script(text, repairs)
    return text, repairs


def _fix_mojibake(text: str, repairs: list[dict[str, Any]]) -> str:
    # ftfy is only worth its cost when tell-tale sequences are present (Ã©, â€™, Ð¿ ...).
    if not re.search("[ÃÂâÐÑ][\x80-\xbf\u0152-\u2122]", text):
        return text
    import ftfy

    fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False, fix_line_breaks=False,
                          unescape_html=False, fix_character_width=False)
    if fixed != text:
        repairs.append({"kind": "mojibake", "chars_before": len(text), "chars_after": len(fixed)})
    return fixed


def _script(ch: str) -> str:
    if "a" <= ch.lower() <= "z":
        return "latin"
    o = ord(ch)
    if 0xC0 <= o <= 0x24F and o not in (0xD7, 0xF7):  # accented Latin ("Défense")
        return "latin"
    if 0x0400 <= o <= 0x052F:
        return "cyrillic"
    if 0x0370 <= o <= 0x03FF:
        return "greek"
    return "other"


def repair_mixed_script(text: str, repairs: list[dict[str, Any]] | None = None) -> str:
    """Replace isolated Cyrillic or Greek look-alike letters inside a mainly Latin word.

    Only a word that is mainly Latin (at least twice as many Latin letters as others) whose
    other letters stand alone (runs of one or two) and all have a Latin twin is changed, as in
    the seed's "Defen\u0441e". A word that is wholly or mainly Cyrillic or Greek is never
    rewritten, and neither is a glued pair such as a language switcher's "<Russian>Deutsch":
    it is left as it stands, not split, because a space would change the word count and the
    ``\\w+`` tokens the text is compared by, and Article.text promises no silently changed word.

    >>> repair_mixed_script("Defen\u0441e")
    'Defence'
    """
    if text.isascii():
        return text
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        new = _latin_repair(word)
        if new is not None:
            out.append(text[last:m.start()])
            out.append(new)
            last = m.end()
            if repairs is not None:
                repairs.append({"kind": "mixed_script", "offset": m.start(), "before": word, "after": new})
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _latin_repair(word: str) -> str | None:
    """The Latin spelling of a mainly Latin word with isolated look-alikes, else None."""
    lat = foreign = run = 0
    prev = ""
    for ch in word:
        script = _script(ch)
        # a capital right after a small letter across scripts starts a glued word ("...chА")
        if prev and script != _script(prev) and prev.islower() and ch.isupper():
            return None
        prev = ch
        if script == "latin":
            lat += 1
            run = 0
        elif script == "other":
            return None  # another alphabet is there: not a look-alike slip
        else:
            if ch not in _TO_LATIN:
                return None
            foreign += 1
            run += 1
            if run > 2:
                return None
    if not foreign or lat < 2 * foreign:
        return None
    return "".join(_TO_LATIN.get(c, c) for c in word)


def tidy_paragraphs(lines: list[str]) -> str:
    """Join lines into paragraphs separated by exactly one blank line (spaces collapsed)."""
    paras = [" ".join(line.split()) for line in lines]
    return "\n\n".join(p for p in paras if p)
