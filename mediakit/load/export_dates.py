"""Dates and languages as news databases print them, parsed without the machine's locale.

Nexis, LexisNexis and Factiva write dates in the language of the user interface or of the
outlet ("March 5, 2021 Friday", "5. März 2021", "vendredi 5 mars 2021", "5 de marzo de 2021").
``strptime("%B")`` depends on the locale of the machine that runs the code, so a German
researcher's laptop would parse a different set of files than a US server. These tables make
the result the same everywhere.

>>> from mediakit.load.export_dates import parse_export_date
>>> parse_export_date("Freitag, 5. März 2021")
datetime.datetime(2021, 3, 5, 0, 0)
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone

# Month names and abbreviations (English, German, French, Spanish), written by the team.
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero"),
    3: ("march", "mar", "märz", "maerz", "mär", "mars", "marzo"),
    4: ("april", "apr", "avril", "avr", "abril", "abr"),
    5: ("may", "mai", "mayo"),
    6: ("june", "jun", "juni", "juin", "junio"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio"),
    8: ("august", "aug", "août", "aout", "agosto", "ago"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre"),
    11: ("november", "nov", "novembre", "noviembre"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic"),
}
MONTHS: dict[str, int] = {name: num for num, names in _MONTHS.items() for name in names}

# Time-zone abbreviations news databases print after a time (hours from UTC).
TZ_OFFSETS: dict[str, float] = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 1, "ist": 1, "cet": 1, "mez": 1, "cest": 2,
    "mesz": 2, "eet": 2, "eest": 3, "msk": 3, "est": -5, "edt": -4, "et": -5, "cst": -6,
    "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "aest": 10, "aedt": 11, "jst": 9,
    "hkt": 8, "sgt": 8,
}

# Language names as exports print them (English, German, French, Spanish) -> ISO 639-1.
LANGUAGE_CODES: dict[str, str] = {
    "english": "en", "englisch": "en", "anglais": "en", "inglés": "en", "ingles": "en",
    "german": "de", "deutsch": "de", "allemand": "de", "alemán": "de", "aleman": "de",
    "french": "fr", "französisch": "fr", "franzosisch": "fr", "français": "fr", "francais": "fr",
    "francés": "fr", "frances": "fr",
    "spanish": "es", "spanisch": "es", "espagnol": "es", "español": "es", "espanol": "es",
    "castellano": "es",
    "italian": "it", "italienisch": "it", "italien": "it", "italiano": "it",
    "dutch": "nl", "niederländisch": "nl", "néerlandais": "nl", "nederlands": "nl",
    "portuguese": "pt", "portugiesisch": "pt", "portugais": "pt", "português": "pt", "portugués": "pt",
    "russian": "ru", "russisch": "ru", "russe": "ru", "ruso": "ru",
    "polish": "pl", "polnisch": "pl", "polonais": "pl",
    "swedish": "sv", "danish": "da", "norwegian": "no", "finnish": "fi", "turkish": "tr",
    "chinese": "zh", "japanese": "ja", "arabic": "ar", "ukrainian": "uk",
}

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_TZ_ALT = "|".join(sorted(TZ_OFFSETS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º|°)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_MON = rf"(?P<month>{_MONTH_ALT})\.?"
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<year>(?:1[89]|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:1[89]|20)\d\d)(?!\d)"),
    re.compile(rf"(?<![\w]){_DAY}\s*(?:de\s+)?{_MON}(?![^\W\d_])[\s,]*(?:de\s+|del\s+)?{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<![\w]){_MON}(?![^\W\d_])\s*{_DAY},?\s*{_YEAR}(?!\d)", re.I),
    # month and year alone, but not the tail of an impossible "31 February 2021"
    re.compile(rf"(?<![\w])(?<![\d.] ){_MON}(?![^\W\d_])[\s,]*(?:de\s+)?{_YEAR}(?!\d)", re.I),
    re.compile(r"^\s*(?P<year>(?:1[89]|20)\d\d)(?P<mnum>[01]\d)(?P<day>[0-3]\d)(?:T|\s|$)"),
]
_TIME = re.compile(
    rf"(?<!\d)(?P<h>[0-2]?\d)[:.h](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?!\d)\s*"
    rf"(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?\s*(?:\(?(?P<tz>{_TZ_ALT})\)?(?![a-z]))?"
    r"(?:\s*(?P<off>[+-]\d\d:?\d\d))?",
    re.I,
)


def find_export_date(text: str) -> tuple[datetime | None, tuple[int, int] | None]:
    """The first date in ``text`` (with a following time and zone if any) and its span."""
    if not isinstance(text, str) or not text.strip():
        return None, None
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            date = _build(m)
            if date is None:
                continue
            start, end = m.span()
            # A time may follow after a weekday or an edition word ("Friday 10:34 PM EST").
            tm = _TIME.search(text, end, min(len(text), end + 40))
            if tm and (tm.group("ampm") or tm.group("tz") or tm.group("off") or re.search("[:hH]", tm.group(0))):
                with_time = _with_time(date, tm)
                if with_time is not None:
                    return with_time, (start, tm.end())
            return date, (start, end)
    return None, None


def parse_export_date(text: str | None) -> datetime | None:
    """Parse a date as printed by a news database; None when there is none.

    Naive when no time zone is printed (``load_corpus`` then reads it as UTC); aware when a
    zone abbreviation or offset follows the time.

    >>> parse_export_date("March 5, 2021 Friday 10:34 PM EST").isoformat()
    '2021-03-05T22:34:00-05:00'
    """
    return find_export_date(text or "")[0]


def language_code(name: str | None) -> str | None:
    """'ENGLISH' -> 'en', 'Deutsch' -> 'de', 'fr' -> 'fr'; unknown names come back lower-cased."""
    if not isinstance(name, str) or not name.strip():
        return None
    key = " ".join(name.split()).strip(" .;").lower()
    key = key.split(";")[0].split(",")[0].strip()
    if len(key) == 2 and key.isalpha():
        return key
    return LANGUAGE_CODES.get(key, LANGUAGE_CODES.get(_strip_accents(key), key))


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _build(m: re.Match[str]) -> datetime | None:
    gd = m.groupdict()
    if gd.get("mnum"):
        month = int(gd["mnum"])
    else:
        month = MONTHS.get(gd["month"].lower()) or MONTHS.get(_strip_accents(gd["month"].lower()), 0)
    day = int(gd["day"]) if gd.get("day") else 1
    try:
        return datetime(int(gd["year"]), month, day)
    except (ValueError, TypeError):
        return None


def _with_time(date: datetime, m: re.Match[str]) -> datetime | None:
    hour, minute = int(m.group("h")), int(m.group("m"))
    second = int(m.group("s") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    out = date.replace(hour=hour, minute=minute, second=second)
    if m.group("off"):
        off = m.group("off").replace(":", "")
        sign = -1 if off[0] == "-" else 1
        out = out.replace(tzinfo=timezone(sign * timedelta(hours=int(off[1:3]), minutes=int(off[3:5]))))
    elif m.group("tz"):
        out = out.replace(tzinfo=timezone(timedelta(hours=TZ_OFFSETS[m.group("tz").lower()])))
    return out
