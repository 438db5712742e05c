"""Entity labels: the words each outlet puts around a named actor.

For every mention of the entity, three kinds of label are read off the surrounding words:

- ``title``: a capitalised title phrase right before the name ("Attorney General", "Sen.",
  "Senate Majority Leader"); a title word from ``house_style_titles.txt`` ends the phrase.
- ``modifier``: lowercase words right before the name or title ("embattled", "former").
- ``appositive``: a noun phrase after a comma ("X, the ousted leader, ...") or a relative
  clause ("X, who ..."), up to the next comma or sentence end.

These are surface patterns, not a parser: they miss labels far from the name and sometimes
catch a list ("Lee, Kim and Park"). Read the counts with :func:`mediakit.kwic` at hand.

>>> import mediakit as mk, pandas as pd
>>> df = pd.DataFrame({"outlet": ["A"], "text": ["The embattled President Lee, a former judge, spoke."]})
>>> mk.entity_labels(df, "Lee")[["kind", "label"]].values.tolist()
[['appositive', 'a former judge'], ['modifier', 'embattled'], ['title', 'president']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from ..errors import InputError
from ..features.corpus_input import iter_texts
from ..lexicons.dictionary import read_bundled_table
from .stats import group_values, require_columns

COLUMNS = ["group", "entity", "kind", "label", "count", "docs"]

_WORD = re.compile(r"[\w][\w'’\-.]*")
# words that end a run of pre-modifiers: determiners, prepositions, verbs of saying, conjunctions
_STOP = frozenset(
    "a an the this that these those of in on at by for with to from and or but as said says told "
    "asked when while after before since because if than then so is was are were be been has have had "
    "his her their its our your my we they he she it i you who whom whose which what including about "
    "against between into whether also how not like over under during without within toward towards "
    "upon via per among amid despite both either neither even only just why where told urged".split()
)
_DETERMINERS = frozenset("a an the this that these those his her their its our your my".split())
_APPOS_START = frozenset("a an the who whom whose which another one".split())


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(r["entry"] for r in read_bundled_table("house_style_titles.txt"))


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").rstrip(".")


def _labels_before(text: str, start: int, max_words: int = 6) -> list[tuple[str, str]]:
    """(kind, label) pairs from the words directly before a mention."""
    # walk back over words separated only by spaces (punctuation other than "." ends the run)
    words: list[str] = []
    starts: list[int] = []
    pos = start
    while len(words) < max_words + 3:
        m = re.search(r"([\w][\w'’\-.]*)[ \t]+$", text[max(0, pos - 60):pos])
        if not m:
            break
        word = m.group(1)
        words.append(word)
        pos = pos - len(m.group(0))
        starts.append(pos)
    # words[0] is nearest. Skip capitalised non-title words (first names, initials).
    i = 0
    while i < len(words) and words[i][:1].isupper() and _norm(words[i]) not in _titles():
        i += 1
    out: list[tuple[str, str]] = []
    title: list[str] = []
    if i < len(words) and _norm(words[i]) in _titles():
        # the title phrase: the title word and the capitalised words before it
        while i < len(words) and words[i][:1].isupper() and _norm(words[i]) not in _STOP:
            title.append(words[i])
            i += 1
        out.append(("title", " ".join(_norm(w) for w in reversed(title))))
    mods: list[str] = []
    while i < len(words) and len(mods) < 3:
        w = words[i]
        if not w[:1].islower() or _norm(w) in _STOP or w.endswith("."):
            break
        if re.search(r"[^su]s$", _norm(w)) and not _norm(w).endswith(("ous", "ious")):
            # a plural noun or a verb ("the comments Lee made", "she says Lee"), not a modifier
            break
        mods.append(_norm(w))
        i += 1
    # lowercase words count as modifiers only inside a noun phrase: before a title ("former
    # President"), after a determiner ("the embattled Lee") or at a clause start; otherwise
    # they are usually a verb or preposition ("called Lee", "against Lee")
    if i < len(words):
        starts_phrase = _norm(words[i]) in _DETERMINERS
    else:
        before = text[:starts[-1] if starts else start].rstrip()
        starts_phrase = not before or before[-1] in ".!?\"“”\n"
    if mods and starts_phrase:
        out.extend(("modifier", m) for m in reversed(mods))
    return out


def _labels_after(text: str, end: int, max_words: int = 12) -> list[tuple[str, str]]:
    m = re.match(r"\s*,\s+([^,.;:!?()\"“”]{1,160})(?=[,.;:!?)\"“”]|$)", text[end:end + 200])
    if not m:
        return []
    phrase = " ".join(m.group(1).split())
    words = phrase.split()
    if not words or len(words) > max_words:
        return []
    first = words[0].lower()
    if first in _APPOS_START:
        kind = "relative" if first in ("who", "whom", "whose", "which") else "appositive"
        return [(kind, phrase[0].lower() + phrase[1:] if phrase[:1].isupper() and first not in ("who",) else phrase)]
    return []


def entity_labels(
    df: pd.DataFrame,
    entity: str | Iterable[str],
    by: str | None = "outlet",
    text_column: str = "text",
) -> pd.DataFrame:
    """Titles, pre-modifiers, appositives and relative clauses attached to ``entity``, counted.

    ``entity`` is a name or a list of aliases (``["Donald Trump", "Trump"]``), matched as whole
    words, case-sensitively (names are capitalised; this keeps "trump card" out). Returns
    ``group, entity, kind, label, count, docs`` sorted by group, count (descending), kind, label;
    ``kind`` is ``title``, ``modifier``, ``appositive`` or ``relative``.

    >>> import mediakit as mk
    >>> mk.entity_labels(df, ["Vladimir Putin", "Putin"], by="outlet")   # doctest: +SKIP
    """
    require_columns(df, [text_column], "entity_labels")
    aliases = [entity] if isinstance(entity, str) else list(entity)
    aliases = [" ".join(a.split()) for a in aliases if isinstance(a, str) and a.strip()]
    if not aliases:
        raise InputError("entity_labels needs the entity's name (or a list of its aliases)")
    name = aliases[0]
    alt = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(set(aliases), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’\-])(?:{alt})(?:['’]s)?(?![\w\-])")
    labels = group_values(df, by, "entity_labels").tolist()
    counts: dict[tuple[str, str, str], int] = {}
    docs: dict[tuple[str, str, str], int] = {}
    for g, (_, text) in zip(labels, iter_texts(df, text_column)):
        seen = set()
        for m in pattern.finditer(text):
            found = _labels_before(text, m.start()) + _labels_after(text, m.end())
            for kind, label in found:
                if not label:
                    continue
                key = (g, kind, label)
                counts[key] = counts.get(key, 0) + 1
                seen.add(key)
        for key in seen:
            docs[key] = docs.get(key, 0) + 1
    rows = [
        {"group": g, "entity": name, "kind": k, "label": lab, "count": c, "docs": docs[(g, k, lab)]}
        for (g, k, lab), c in counts.items()
    ]
    out = pd.DataFrame(rows, columns=COLUMNS)
    if len(out):
        out = out.sort_values(["group", "count", "kind", "label"], ascending=[True, False, True, True], kind="stable")
    return out.reset_index(drop=True)
