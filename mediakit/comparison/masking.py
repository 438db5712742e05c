"""House-style masking: blank out what an outlet's format adds, so it is not read as framing.

Outlets differ in style as much as in substance: the New York Times writes "Mr. Trump", wires
open with "GENEVA (Reuters) —", web outlets embed posts ("— Name (@handle) May 3, 2019") and
print their own name. :func:`mask_house_style` replaces such spans with spaces (so offsets are
kept and no words are glued together). The lists are data files
``mediakit/lexicons/house_style_*.txt``.

>>> from mediakit.comparison.masking import mask_house_style
>>> mask_house_style("GENEVA (Meridian Wire) — Mr. Lee told Fox News he would stay.").split()
['Lee', 'told', 'he', 'would', 'stay.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..lexicons.dictionary import read_bundled_table


@lru_cache(maxsize=1)
def _base_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    structural = [row["pattern"] for row in read_bundled_table("house_style_patterns.txt")]
    struct_re = re.compile("|".join(f"(?:{p})" for p in structural), re.MULTILINE)
    rows = read_bundled_table("house_style_honorifics.txt")
    abbrev = sorted({r["entry"] for r in rows if r["category"] != "spelled_title"}, key=len, reverse=True)
    spelled = sorted({r["entry"] for r in rows if r["category"] == "spelled_title"}, key=len, reverse=True)
    # abbreviations anywhere (any case); spelled-out titles only with a capital, before a name
    hon_re = re.compile(
        r"(?<![\w'’\-])(?:(?i:" + "|".join(map(re.escape, abbrev)) + r")\.?"
        + r"|(?:" + "|".join(re.escape(w[0].upper() + w[1:]) for w in spelled) + r")(?=\s+[A-Z]))(?![\w'’\-])"
    )
    outlets = sorted({row["entry"] for row in read_bundled_table("house_style_outlets.txt")}, key=len, reverse=True)
    out_re = re.compile(r"(?<![\w'’\-])(?:" + "|".join(map(re.escape, outlets)) + r")(?:['’]s)?(?![\w\-])")
    return struct_re, hon_re, out_re


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    names = tuple(" ".join(n.split()) for n in names if n and n.strip())
    if not names:
        return None
    alts = {re.escape(n).replace(r"\ ", r"\s+") for n in names}
    # "The Daily Flare" also appears as "Daily Flare" and, in its own pages, as "the Flare";
    # the short form is matched only capitalised, so an ordinary word is left alone
    short = set()
    for n in names:
        words = n.split()
        if words and words[0].lower() == "the" and len(words) > 2:
            alts.add(re.escape(" ".join(words[1:])).replace(r"\ ", r"\s+"))
        if len(words) >= 2 and words[-1][:1].isupper():
            short.add(r"[Tt]he\s+" + re.escape(words[-1]))
    body = "(?i:" + "|".join(sorted(alts, key=len, reverse=True)) + ")"
    if short:
        body += "|" + "|".join(sorted(short))
    return re.compile(r"(?<![\w'’\-])(?:" + body + r")(?:['’]s)?(?![\w\-])")


def _blanker(fill: str):
    def blank(match: re.Match[str]) -> str:
        # keep newlines so line-anchored patterns and paragraph structure still work afterwards
        return re.sub(r"[^\n]", fill, match.group())

    return blank


def mask_house_style(
    text: str,
    extra_names: Iterable[str] = (),
    honorifics: bool = True,
    outlets: bool = True,
    structure: bool = True,
    fill: str = " ",
) -> str:
    """``text`` with house-style material blanked to spaces (same length, same offsets).

    ``extra_names`` are further names to mask case-insensitively (mk.keyness passes the outlet
    labels of the corpus, e.g. ``"fox"``, ``"hpo"``). ``fill`` is the character that replaces
    masked characters (mk.keyness uses ``"\\x00"`` to stop word pairs bridging a masked span).
    """
    if len(fill) != 1:
        raise ValueError("fill must be a single character")
    _blank = _blanker(fill)
    if not text:
        return text
    struct_re, hon_re, out_re = _base_patterns()
    if structure:
        text = struct_re.sub(_blank, text)
    if outlets:
        text = out_re.sub(_blank, text)
    names = _names_pattern(tuple(sorted(set(extra_names))))
    if names is not None:
        text = names.sub(_blank, text)
    if honorifics:
        text = hon_re.sub(_blank, text)
    return text
