"""Dictionary rates: how often each category of a user dictionary occurs, per 1,000 words.

>>> import mediakit as mk, pandas as pd
>>> df = pd.DataFrame({"outlet": ["A", "B"], "text": ["Fear and danger everywhere.", "Hope returns."]})
>>> r = mk.dictionary_rates(df, {"threat": ["fear*", "danger*"]}, by="outlet", n_boot=200)
>>> r[["group", "category", "count", "rate"]].values.tolist()
[['A', 'threat', 2, 500.0], ['B', 'threat', 0, 0.0]]
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..features.corpus_input import iter_texts
from ..lexicons.dictionary import load_dictionary, normalized_words
from .patterns import build_matcher
from .profiles import MIN_ARTICLES_CI
from .stats import bootstrap_ratio_ci, group_values

GROUP_COLUMNS = ["group", "category", "n", "words", "count", "rate", "ci_low", "ci_high", "mean_doc_rate"]


def dictionary_counts(df: Any, dictionary: Any, text_column: str = "text") -> pd.DataFrame:
    """One row per article: ``doc_id, words`` and the count of each category."""
    d = dictionary if isinstance(dictionary, dict) and all(isinstance(v, list) for v in dictionary.values()) else None
    d = load_dictionary(dictionary if d is None else d)
    matcher = build_matcher(d)
    cats = list(d)
    rows = []
    for doc_id, text in iter_texts(df, text_column):
        words = normalized_words(text)
        counts = matcher.count(words)
        rows.append([doc_id, len(words), *[counts.get(c, 0) for c in cats]])
    return pd.DataFrame(rows, columns=["doc_id", "words", *cats])


def dictionary_rates(
    df: Any,
    dictionary: str | Path | Mapping[str, Any],
    by: str | None = None,
    n_boot: int = 1000,
    conf: float = 0.95,
    seed: int = 0,
    level: str = "group",
    text_column: str = "text",
) -> pd.DataFrame:
    """Rates per 1,000 words of each dictionary category, per group, with bootstrap intervals.

    ``dictionary``: a path (YAML, CSV/TSV, LIWC ``.dic``, ``.txt``) or a dict, read with
    :func:`mediakit.load_dictionary`. With ``level="group"`` (default) returns one row per
    (group, category): ``group, category, n`` (articles), ``words, count``, ``rate`` = 1,000 x
    count / words pooled over the group's articles, ``ci_low, ci_high`` (percentile bootstrap
    over articles, ``n_boot`` resamples, seeded; NaN for a group of fewer than 3 articles, as in
    :func:`mediakit.compare`) and ``mean_doc_rate`` (the unweighted mean of
    the articles' own rates). ``by=None`` treats the corpus as one group ``"all"``.
    ``level="document"`` returns one row per article instead: ``doc_id, words`` and a
    ``<category>_per_1k`` column per category.

    >>> import mediakit as mk
    >>> mk.dictionary_rates(df, "moral_foundations.dic", by="outlet")   # doctest: +SKIP
    """
    if level not in ("group", "document"):
        raise InputError("level must be 'group' or 'document'")
    counts = dictionary_counts(df, dictionary, text_column)
    cats = [c for c in counts.columns if c not in ("doc_id", "words")]
    words = counts["words"].to_numpy(dtype=float)
    if level == "document":
        out = counts[["doc_id", "words"]].copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            for c in cats:
                out[f"{c}_per_1k"] = np.where(words > 0, 1000.0 * counts[c].to_numpy() / np.maximum(words, 1), 0.0)
        return out
    if isinstance(df, pd.DataFrame):
        labels = group_values(df, by, "dictionary_rates").to_numpy()
    else:
        if by is not None:
            raise InputError("by= needs a DataFrame of articles with that column")
        labels = np.full(len(counts), "all", dtype=object)
    rng = np.random.default_rng(seed)
    rows = []
    for g in sorted(set(labels.tolist())):
        sel = labels == g
        w = words[sel]
        for c in cats:
            k = counts[c].to_numpy(dtype=float)[sel]
            total_w = w.sum()
            rate = 1000.0 * k.sum() / total_w if total_w > 0 else float("nan")
            # resampling one or two articles gives a point or a coin toss, not an interval
            lo, hi = (bootstrap_ratio_ci(k, w, n_boot, rng, conf, scale=1000.0) if sel.sum() >= MIN_ARTICLES_CI
                      else (float("nan"), float("nan")))
            with np.errstate(divide="ignore", invalid="ignore"):
                doc_rates = np.where(w > 0, 1000.0 * k / np.maximum(w, 1), np.nan)
            rows.append(
                {
                    "group": g,
                    "category": c,
                    "n": int(sel.sum()),
                    "words": int(total_w),
                    "count": int(k.sum()),
                    "rate": rate,
                    "ci_low": lo,
                    "ci_high": hi,
                    "mean_doc_rate": float(np.nanmean(doc_rates)) if np.isfinite(doc_rates).any() else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)
