"""The data behind attribution finding: reporting verbs, role words, outlets, anonymity markers.

Each table lives in ``mediakit/lexicons/*.tsv`` with a header citing where it comes from; this
module only reads them (once per process) into the shapes the extractor needs.

>>> from mediakit.features.sources_lexicon import reporting_verbs
>>> reporting_verbs()["said"].strength
'strong'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..errors import FormatError


class Verb(NamedTuple):
    form: str
    lemma: str
    category: str
    form_kind: str  # base | 3sg | past | ing | pastpart
    strength: str  # strong | medium | weak
    source: str


def _rows(name: str, ncols: int) -> list[list[str]]:
    text = resources.files("mediakit.lexicons").joinpath(name).read_text(encoding="utf-8")
    rows = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if not header_seen:  # the first non-comment line names the columns
            header_seen = True
            continue
        if len(parts) != ncols:
            raise FormatError(f"{name}, line {lineno}: expected {ncols} tab-separated columns, got {len(parts)}")
        rows.append([p.strip() for p in parts])
    return rows


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, Verb]:
    """``{form: Verb}`` for every inflected reporting-verb form (phrasal forms use one space)."""
    return {r[0].lower(): Verb(r[0].lower(), r[1], r[2], r[3], r[4], r[5]) for r in _rows("reporting_verbs.tsv", 6)}


@lru_cache(maxsize=1)
def roles() -> dict[str, str]:
    """``{role word or phrase (lower case): speaker_type}``."""
    return {r[0].lower(): r[1] for r in _rows("roles.tsv", 3)}


@lru_cache(maxsize=1)
def states() -> frozenset[str]:
    """Country names and capitals used for governments ("Russia said", "Beijing denied")."""
    text = resources.files("mediakit.lexicons").joinpath("states.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    """``{outlet name as written: kind}`` (agency, newspaper, broadcaster, online, platform ...)."""
    return {r[0]: r[1] for r in _rows("outlets.tsv", 3)}


@lru_cache(maxsize=1)
def anonymity_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two compiled alternations: markers on the speaker phrase, markers in the sentence."""
    by_scope: dict[str, list[str]] = {"speaker": [], "context": []}
    for pattern, scope, _source in _rows("anonymous.tsv", 3):
        by_scope.setdefault(scope, []).append(f"(?:{pattern})")
    return (
        re.compile("|".join(by_scope["speaker"]), re.I),
        re.compile("|".join(by_scope["context"]), re.I),
    )


@lru_cache(maxsize=1)
def reporting_nouns() -> dict[str, tuple[str, frozenset[str]]]:
    """``{noun: (category, complements)}`` for nominal cues ("Trump's claim that ...")."""
    return {r[0].lower(): (r[1], frozenset(r[2].split("|"))) for r in _rows("reporting_verbs_nouns.tsv", 4)}
