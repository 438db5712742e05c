"""Patterns users type (globs, phrases, regular expressions), matched on tokens with offsets.

Shared by :func:`mediakit.kwic`, :func:`mediakit.word_choice` and
:func:`mediakit.dictionary_rates`, so ``"illegal immigra*"`` means the same thing everywhere.

>>> from mediakit.comparison.patterns import find_pattern_spans
>>> text = "An illegal immigrant spoke."
>>> [text[s:e] for s, e, _ in find_pattern_spans(text, {"x": ["illegal immigra*"]})]
['illegal immigrant']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..errors import InputError
from ..lexicons.dictionary import PhraseMatcher, non_overlapping, tokenize

VALUETYPES = ("glob", "regex", "fixed")


def as_pattern_list(pattern: str | Iterable[str]) -> list[str]:
    if isinstance(pattern, str):
        items = [pattern]
    else:
        try:
            items = list(pattern)
        except TypeError:
            raise InputError(f"a pattern must be a str or a list of str, got {type(pattern).__name__}") from None
    items = [p for p in items if isinstance(p, str) and p.strip()]
    if not items:
        raise InputError("the pattern is empty; give at least one word or phrase")
    return items


def build_matcher(groups: Mapping[str, Iterable[str]], valuetype: str = "glob") -> PhraseMatcher:
    if valuetype not in VALUETYPES:
        raise InputError(f"unknown valuetype {valuetype!r}; use one of {', '.join(VALUETYPES)}")
    return PhraseMatcher(groups, regex=(valuetype == "regex"), fixed=(valuetype == "fixed"))


def find_pattern_spans(
    text: str,
    groups: Mapping[str, Iterable[str]],
    valuetype: str = "glob",
    exclusive: bool = False,
    matcher: PhraseMatcher | None = None,
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every match; ``exclusive`` keeps the longest of overlapping ones."""
    m = matcher or build_matcher(groups, valuetype)
    tokens = tokenize(text)
    found = m.find(tokens)
    if exclusive:
        found = non_overlapping(found)
    out = [(tokens[x.first][1], tokens[x.last - 1][2], x.label) for x in found]
    return sorted(out)
