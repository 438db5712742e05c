"""Shared pieces of the news-database readers (Nexis Uni, LexisNexis classic, Factiva).

Each reader finds fields in its own layout and hands them to :func:`build_article`, so every
export becomes the same kind of :class:`~mediakit.article.Article`: corpus fields where they
exist, every other field of the export kept in ``Article.extra`` (one column each in the
corpus DataFrame).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from ..article import Article
from ..errors import FormatError, InputError
from ..text.normalize import decode_bytes, normalize_text, tidy_paragraphs
from .export_dates import find_export_date, language_code

_WORDS = re.compile(r"(\d[\d,.\u202f\u00a0 ]*)\s*(?:words?|wörter|worte|mots?|palabras?)?", re.I)
_BY = re.compile(r"^(?:by|von|par|por)\s+", re.I)
_SPACES = re.compile(r"\s+")


def clean_line(value: Any) -> str:
    """One line of metadata: normalised, whitespace collapsed."""
    if value is None:
        return ""
    text, _ = normalize_text(str(value))
    return _SPACES.sub(" ", text).strip()


def parse_length(value: str | None) -> int | None:
    """'734 words' / '1,204 Wörter' / '734 mots' -> 734; None if no number."""
    if not value:
        return None
    m = _WORDS.search(value)
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(1))
    return int(digits) if digits else None


def clean_author(value: str | None) -> str | None:
    """Byline without a leading 'By'/'Von'/'Par'/'Por'."""
    text = clean_line(value)
    text = _BY.sub("", text).strip(" ,;")
    return text or None


def snake(label: str) -> str:
    """'Publication-Type' -> 'publication_type' (a column name for an export field)."""
    s = re.sub(r"[^\w]+", "_", label.strip().lower(), flags=re.UNICODE).strip("_")
    return s or "field"


def decode_export(path: Path, data: bytes) -> str:
    """Decode an export file's bytes (BOM, UTF-8, then cp1252 and other code pages)."""
    try:
        text, _ = decode_bytes(data)
    except Exception as e:  # noqa: BLE001 - any decoding failure is the file's fault
        raise FormatError(f"{path.name}: cannot decode the export: {e}") from e
    return text


def date_with_fallback(published: datetime | None, load_date_field: str | None
                       ) -> tuple[datetime | None, datetime | None, str | None]:
    """``(published, load_date, published_from)`` for a database record.

    Without a date line, the load date (when the database added the article, usually within a
    day or two of publication) is the best estimate; ``published_from`` says which one was used.
    """
    load_date = find_export_date(load_date_field or "")[0]
    if published is not None:
        return published, load_date, "date line"
    if load_date is not None:
        return load_date, load_date, "load date"
    return None, None, None


def build_article(*, body: list[str], fmt: str, title: str | None = None,
                  outlet: str | None = None, author: str | None = None,
                  published: datetime | None = None, section: str | None = None,
                  url: str | None = None, language: str | None = None,
                  source_path: str | None = None, extra: dict[str, Any] | None = None) -> Article:
    """An Article from fields a reader found; body lines become paragraphs (NFC, repaired)."""
    text, repairs = normalize_text("\n".join(body))
    art = Article(
        text=tidy_paragraphs(text.split("\n")),
        title=clean_line(title) or None,
        outlet=clean_line(outlet) or None,
        author=clean_author(author),
        published=published,
        section=clean_line(section) or None,
        url=clean_line(url) or None,
        language=language_code(language),
        repairs=repairs,
        source_path=source_path,
        format=fmt,
    )
    for key, value in (extra or {}).items():
        if isinstance(value, str):
            value = clean_line(value) or None
        art.extra[key] = value
    return art


def read_as_page(path: Path) -> list[Article]:
    """Read a file that a sniff claimed but that holds no export records as one saved page."""
    from .articles import load_article

    art = load_article(path)
    if not art.text.strip():
        raise InputError("no article text found (the page may be empty, a list page or all navigation)")
    return [art]
