"""Text normalisation shared by every loader: bytes to clean Unicode, with each repair recorded.

Steps, in order: decode (BOM, then charset detection), mojibake repair (ftfy), Unicode NFC,
mixed-script word repair (a Latin word with a Cyrillic or Greek look-alike letter, as in the
seed's "Defenсe" with a Cyrillic "с", and the reverse for Cyrillic words), and line-ending and
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
_LAT_TO_CYR = {v: k for k, v in _CYR_TO_LAT.items() if k.islower() == v.islower()}
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
    if 0x0400 <= o <= 0x052F:
        return "cyrillic"
    if 0x0370 <= o <= 0x03FF:
        return "greek"
    return "other"


def repair_mixed_script(text: str, repairs: list[dict[str, Any]] | None = None) -> str:
    """Replace look-alike letters in words that mix Latin with Cyrillic or Greek.

    The majority script of the word wins; only letters with a look-alike in that script are
    changed, so genuinely mixed tokens (rare) are left alone and reported as such.
    """
    if text.isascii():
        return text
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        scripts = [_script(c) for c in word]
        lat = scripts.count("latin")
        foreign = scripts.count("cyrillic") + scripts.count("greek")
        if not lat or not foreign:
            continue
        if lat >= foreign:
            new = "".join(_TO_LATIN.get(c, c) if s != "latin" else c for c, s in zip(word, scripts))
        else:
            new = "".join(_LAT_TO_CYR.get(c, c) if s == "latin" else c for c, s in zip(word, scripts))
        if new != word:
            out.append(text[last:m.start()])
            out.append(new)
            last = m.end()
            if repairs is not None:
                repairs.append({"kind": "mixed_script", "offset": m.start(), "before": word, "after": new})
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def tidy_paragraphs(lines: list[str]) -> str:
    """Join lines into paragraphs separated by exactly one blank line (spaces collapsed)."""
    paras = [" ".join(line.split()) for line in lines]
    return "\n\n".join(p for p in paras if p)
