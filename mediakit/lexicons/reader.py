"""The one reader of lexicon files: tab-separated tables and word lists, per language folder.

A lexicon file lives in ``mediakit/lexicons/<language>/``: ``#`` lines are comments (the header
comment cites the source of the entries), the first other line names the columns, each row is
one entry. Word lists (``.txt``) hold one entry per line. Every bundled lexicon is read here,
so a format error names the file and line the same way everywhere.

>>> rows = read_table("en", "roles.tsv", exact=True)
>>> rows[0]["speaker_type"]
'official'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from ..errors import FormatError


def lexicon_file(language: str, name: str) -> Traversable:
    """The bundled file ``mediakit/lexicons/<language>/<name>``."""
    return resources.files("mediakit.lexicons").joinpath(language, name)


def parse_table(lines: Iterable[str], name: str, exact: bool = False, required: str | None = None) -> list[dict[str, str]]:
    """Rows of a tab-separated table as ``{column: value}`` (values stripped).

    ``exact``: every row must have as many fields as the header (else a row may leave trailing
    columns empty). ``required``: a column the header must name.
    """
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\n\r")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if header is None:  # the first non-comment line names the columns
            header = [p.strip().lower() for p in parts]
            if required is not None and required not in header:
                raise FormatError(f"{name}, line {lineno}: the header must name a {required!r} column, got {line!r}")
            continue
        if len(parts) > len(header) or (exact and len(parts) != len(header)):
            raise FormatError(
                f"{name}, line {lineno}: expected {len(header)} tab-separated columns, got {len(parts)}"
            )
        rows.append(dict(zip(header, [p.strip() for p in parts])))
    return rows


def read_table(language: str, name: str, exact: bool = False) -> list[dict[str, str]]:
    """Rows of the bundled table ``lexicons/<language>/<name>`` (see :func:`parse_table`)."""
    text = lexicon_file(language, name).read_text(encoding="utf-8")
    return parse_table(text.splitlines(), f"{language}/{name}", exact=exact)


def read_list(language: str, name: str) -> list[str]:
    """Entries of the bundled word list ``lexicons/<language>/<name>`` (one per line)."""
    text = lexicon_file(language, name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=16)
def word_sets(language: str, name: str) -> dict[str, frozenset[str]]:
    """``{set name: words}`` from a table with ``set``, ``word`` and ``source`` columns: the
    closed word classes the rules of a feature consult (determiners, modal verbs, joining words).

    >>> "the" in word_sets("en", "attribution_words.tsv")["determiners"]
    True
    """
    out: dict[str, set[str]] = {}
    for row in read_table(language, name, exact=True):
        out.setdefault(row["set"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in out.items()}


def word_set(language: str, name: str, set_name: str) -> frozenset[str]:
    """One set of :func:`word_sets`; an error names the file when the set is missing."""
    sets = word_sets(language, name)
    if set_name not in sets:
        raise FormatError(f"{language}/{name}: no word set {set_name!r} (sets: {', '.join(sorted(sets))})")
    return sets[set_name]
