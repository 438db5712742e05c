"""Word choice: how often each group uses one label rather than its competitor.

"Illegal immigrant" or "undocumented immigrant"? "Regime" or "government"? For each pair (or
set) of competing labels, count each alternative per group and report its share of all the
alternatives' uses, with a Wilson interval.

>>> import mediakit as mk, pandas as pd
>>> df = pd.DataFrame({"outlet": ["A", "B"], "text": ["The regime fell.", "The government fell."]})
>>> mk.word_choice(df, [("regime", "government")])[["group", "term", "count", "share"]].values.tolist()
[['A', 'regime', 1, 1.0], ['A', 'government', 0, 0.0], ['B', 'regime', 0, 0.0], ['B', 'government', 1, 1.0]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..errors import InputError
from ..features.corpus_input import iter_texts
from ..lexicons.dictionary import non_overlapping, tokenize
from .patterns import as_pattern_list, build_matcher
from .stats import group_values, require_columns, wilson_interval

COLUMNS = ["pair", "group", "term", "count", "docs", "total", "share", "ci_low", "ci_high"]


def _alternatives(pair: Any) -> list[tuple[str, list[str]]]:
    if isinstance(pair, str) or not isinstance(pair, Sequence | tuple | list):
        raise InputError(
            f"each pair must be a tuple of competing labels like ('regime', 'government'), got {pair!r}"
        )
    alts = []
    for alt in pair:
        pats = as_pattern_list(alt)
        alts.append((" / ".join(pats), pats))
    if len(alts) < 2:
        raise InputError(f"a pair needs at least two competing labels, got {pair!r}")
    names = [a[0] for a in alts]
    if len(set(names)) != len(names):
        raise InputError(f"the labels of a pair must differ, got {pair!r}")
    return alts


def word_choice(
    df: pd.DataFrame,
    pairs: Iterable[Any],
    by: str | None = "outlet",
    conf: float = 0.95,
    valuetype: str = "glob",
    text_column: str = "text",
) -> pd.DataFrame:
    """Counts and shares of competing labels per group.

    ``pairs``: a list of tuples; each element of a tuple is a pattern (glob/phrase, see
    :func:`mediakit.kwic`) or a list of synonymous patterns, e.g.
    ``[("illegal immigra*", ["undocumented immigra*", "undocumented migrant*"])]``. Where the
    alternatives overlap in a text (``"immigrant*"`` vs ``"illegal immigrant*"``) the longer
    match is counted, once. Returns one row per (pair, group, alternative): ``pair, group, term,
    count, docs`` (articles using it), ``total`` (uses of all alternatives in the group),
    ``share = count / total`` and its Wilson interval ``ci_low, ci_high`` (NaN when total is 0).
    The interval treats uses as independent; uses cluster within articles, so read it as a
    lower bound on the uncertainty.

    >>> import mediakit as mk
    >>> mk.word_choice(df, [("illegal immigra*", "undocumented immigra*")], by="outlet")  # doctest: +SKIP
    """
    require_columns(df, [text_column], "word_choice")
    pairs = list(pairs) if not isinstance(pairs, tuple) or not all(isinstance(p, str) for p in pairs) else [pairs]
    if not pairs:
        raise InputError("give at least one pair of competing labels")
    labels = group_values(df, by, "word_choice").tolist()
    groups = sorted(set(labels))
    texts = [t for _, t in iter_texts(df, text_column)]
    token_lists = [tokenize(t) for t in texts]
    rows = []
    for pair in pairs:
        alts = _alternatives(pair)
        pair_name = " | ".join(a[0] for a in alts)
        matcher = build_matcher({name: pats for name, pats in alts}, valuetype)
        counts = {(g, a[0]): 0 for g in groups for a in alts}
        docs = dict.fromkeys(counts, 0)
        for g, tokens in zip(labels, token_lists):
            found = non_overlapping(matcher.find(tokens))
            seen = set()
            for m in found:
                counts[(g, m.label)] += 1
                seen.add(m.label)
            for name in seen:
                docs[(g, name)] += 1
        for g in groups:
            total = sum(counts[(g, a[0])] for a in alts)
            for name, _ in alts:
                c = counts[(g, name)]
                lo, hi = wilson_interval(c, total, conf)
                rows.append(
                    {
                        "pair": pair_name,
                        "group": g,
                        "term": name,
                        "count": c,
                        "docs": docs[(g, name)],
                        "total": total,
                        "share": c / total if total else float("nan"),
                        "ci_low": lo,
                        "ci_high": hi,
                    }
                )
    return pd.DataFrame(rows, columns=COLUMNS)
