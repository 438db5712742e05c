"""Keywords in context (quanteda's ``kwic``): every match of a pattern with the words around it.

>>> import mediakit as mk
>>> k = mk.kwic("Officials said the regime had fallen. The regime denied it.", "regime", window=2)
>>> k[["pre", "keyword", "post"]].values.tolist()
[['said the', 'regime', 'had fallen'], ['fallen. The', 'regime', 'denied it']]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..errors import InputError
from ..features.corpus_input import iter_texts
from ..lexicons.dictionary import tokenize
from .patterns import as_pattern_list, build_matcher
from .stats import group_values

COLUMNS = ["doc_id", "pre", "keyword", "post", "start", "end", "pattern"]


def _clean(s: str) -> str:
    return " ".join(s.split())


def kwic(
    df: Any,
    pattern: str | Iterable[str],
    window: int = 5,
    by: str | None = None,
    valuetype: str = "glob",
    case_insensitive: bool = True,
    text_column: str = "text",
) -> pd.DataFrame:
    """One row per match: ``doc_id, pre, keyword, post, start, end, pattern`` (+ the ``by`` column).

    ``pattern`` is a word, a phrase (``"illegal immigra*"``: words separated by spaces) or a
    list of them. ``valuetype``: ``"glob"`` (``*`` = any characters within a word, the
    default), ``"regex"`` (each word of the pattern is a regular expression searched in the
    token) or ``"fixed"`` (literal). Matching is case-insensitive (``case_insensitive=False``
    then keeps only matches whose text has the pattern's case, for glob/fixed). ``start``/``end``
    are character offsets of the keyword in the article text; ``pre``/``post`` hold ``window``
    words (with their punctuation) on either side.

    >>> import mediakit as mk
    >>> df = mk.load_corpus("articles/")                      # doctest: +SKIP
    >>> mk.kwic(df, "undocumented immigra*", by="outlet")     # doctest: +SKIP
    """
    if window < 0:
        raise InputError("window must be 0 or more words")
    patterns = as_pattern_list(pattern)
    matcher = build_matcher({p: [p] for p in patterns}, valuetype)
    if isinstance(df, pd.DataFrame) and by is not None:
        groups = group_values(df, by, "kwic").tolist()
    else:
        if by is not None:
            raise InputError("by= needs a DataFrame of articles with that column")
        groups = None
    rows = []
    for i, (doc_id, text) in enumerate(iter_texts(df, text_column)):
        tokens = tokenize(text)
        for m in matcher.find(tokens):
            start, end = tokens[m.first][1], tokens[m.last - 1][2]
            keyword = text[start:end]
            if not case_insensitive and valuetype != "regex" and _case_differs(keyword, m.entry):
                continue
            lo = max(0, m.first - window)
            hi = min(len(tokens), m.last + window)
            pre = text[tokens[lo][1]:start] if m.first > lo else ""
            post = text[end:tokens[hi - 1][2]] if hi > m.last else ""
            row = {
                "doc_id": doc_id,
                "pre": _clean(pre),
                "keyword": keyword,
                "post": _clean(post),
                "start": start,
                "end": end,
                "pattern": m.label,
            }
            if groups is not None:
                row[by] = groups[i]
            rows.append(row)
    cols = COLUMNS + ([by] if groups is not None else [])
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out[["start", "end"]] = out[["start", "end"]].astype(int)
    return out


def _case_differs(keyword: str, entry: str) -> bool:
    import fnmatch

    words = keyword.split()
    pats = entry.split()
    if len(words) != len(pats):
        return False
    return not all(fnmatch.fnmatchcase(w, p) for w, p in zip(words, pats))
