"""The data behind attribution: reporting verbs and nouns, role words, outlets, anonymity markers.

Each table lives in ``mediakit/lexicons/<language>/`` with a header citing where it comes from;
this module only reads them (once per process and language, through the one lexicon reader)
into the shapes the steps need.

>>> reporting_verbs("en")["said"].strength
'strong'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ...lexicons.reader import read_list, read_table


class Verb(NamedTuple):
    form: str
    lemma: str
    category: str
    form_kind: str  # base | 3sg | past | ing | pastpart
    strength: str  # strong | medium | weak
    source: str


@lru_cache(maxsize=4)
def reporting_verbs(language: str = "en") -> dict[str, Verb]:
    """``{form: Verb}`` for every inflected reporting-verb form (phrasal forms use one space)."""
    rows = read_table(language, "reporting_verbs.tsv", exact=True)
    return {r["form"].lower(): Verb(r["form"].lower(), r["lemma"], r["category"], r["form_kind"], r["strength"], r["source"])
            for r in rows}


@lru_cache(maxsize=4)
def roles(language: str = "en") -> dict[str, str]:
    """``{role word or phrase (lower case): speaker_type}``."""
    return {r["term"].lower(): r["speaker_type"] for r in read_table(language, "roles.tsv", exact=True)}


@lru_cache(maxsize=4)
def states(language: str = "en") -> frozenset[str]:
    """Country names and capitals used for governments ("Russia said", "Beijing denied")."""
    return frozenset(read_list(language, "states.txt"))


@lru_cache(maxsize=4)
def outlets(language: str = "en") -> dict[str, str]:
    """``{outlet name as written: kind}`` (agency, newspaper, broadcaster, online, platform ...)."""
    return {r["name"]: r["kind"] for r in read_table(language, "outlets.tsv", exact=True)}


@lru_cache(maxsize=4)
def anonymity_patterns(language: str = "en") -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two compiled alternations: markers on the speaker phrase, markers in the sentence."""
    by_scope: dict[str, list[str]] = {"speaker": [], "context": []}
    for r in read_table(language, "anonymous.tsv", exact=True):
        by_scope.setdefault(r["scope"], []).append(f"(?:{r['pattern']})")
    return (
        re.compile("|".join(by_scope["speaker"]), re.I),
        re.compile("|".join(by_scope["context"]), re.I),
    )


@lru_cache(maxsize=4)
def reporting_nouns(language: str = "en") -> dict[str, tuple[str, frozenset[str]]]:
    """``{noun: (category, complements)}`` for nominal cues ("Trump's claim that ...")."""
    rows = read_table(language, "reporting_verbs_nouns.tsv", exact=True)
    return {r["noun"].lower(): (r["category"], frozenset(r["complements"].split("|"))) for r in rows}


@lru_cache(maxsize=4)
def non_speakers(language: str = "en") -> dict[str, frozenset[str]]:
    """``{"head": words, "alone": words}``: words that never name a speaker (see the file's header)."""
    by_scope: dict[str, set[str]] = {"head": set(), "alone": set()}
    for r in read_table(language, "non_speakers.tsv", exact=True):
        by_scope.setdefault(r["scope"], set()).add(r["word"].lower())
    return {k: frozenset(v) for k, v in by_scope.items()}
