"""Intervals, resampling and multiple-testing corrections shared by the comparison functions.

All randomness goes through ``numpy.random.default_rng(seed)`` so results are reproducible.

>>> from mediakit.comparison.stats import wilson_interval
>>> [round(x, 3) for x in wilson_interval(8, 10)]
[0.49, 0.943]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import InputError, SchemaError


def wilson_interval(successes: int, total: int, conf: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion (NaN, NaN when ``total`` is 0)."""
    if total <= 0:
        return (math.nan, math.nan)
    from scipy.stats import norm

    z = float(norm.ppf(0.5 + conf / 2))
    p = successes / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


# resampling is done in blocks of at most this many drawn indices, to bound memory on big corpora
_BLOCK = 4_000_000


def _blocks(n_rows: int, width: int) -> list[int]:
    per = max(1, _BLOCK // max(width, 1))
    return [min(per, n_rows - i) for i in range(0, n_rows, per)]


def bootstrap_mean_ci(
    values: np.ndarray, n_boot: int, rng: np.random.Generator, conf: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (resampling rows)."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0 or n_boot <= 0:
        return (math.nan, math.nan)
    if len(values) == 1:
        return (float(values[0]), float(values[0]))
    n = len(values)
    means = np.concatenate([values[rng.integers(0, n, size=(b, n))].mean(axis=1) for b in _blocks(n_boot, n)])
    alpha = (1 - conf) / 2
    return (float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha)))


def bootstrap_ratio_ci(
    numer: np.ndarray, denom: np.ndarray, n_boot: int, rng: np.random.Generator, conf: float = 0.95, scale: float = 1.0
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``scale * sum(numer) / sum(denom)``, resampling rows."""
    numer = np.asarray(numer, dtype=float)
    denom = np.asarray(denom, dtype=float)
    n = len(numer)
    if n == 0 or n_boot <= 0:
        return (math.nan, math.nan)
    parts = []
    for b in _blocks(n_boot, n):
        idx = rng.integers(0, n, size=(b, n))
        with np.errstate(invalid="ignore", divide="ignore"):
            parts.append(scale * numer[idx].sum(axis=1) / denom[idx].sum(axis=1))
    stats = np.concatenate(parts)
    stats = stats[np.isfinite(stats)]
    if len(stats) == 0:
        return (math.nan, math.nan)
    alpha = (1 - conf) / 2
    return (float(np.quantile(stats, alpha)), float(np.quantile(stats, 1 - alpha)))


def adjust_pvalues(p: Sequence[float], method: str = "holm") -> np.ndarray:
    """Holm (family-wise error) or Benjamini-Hochberg ("bh", false discovery rate) adjustment.

    NaN p-values are left NaN and do not count towards the number of tests.
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    if m == 0:
        return out
    order = np.argsort(q, kind="stable")
    ranked = q[order]
    if method == "holm":
        adj = np.maximum.accumulate((m - np.arange(m)) * ranked)
    elif method in ("bh", "fdr_bh"):
        adj = ranked * m / np.arange(1, m + 1)
        adj = np.minimum.accumulate(adj[::-1])[::-1]
    else:
        raise InputError(f"unknown p-value adjustment {method!r}; use 'holm' or 'bh'")
    res = np.empty(m)
    res[order] = np.minimum(adj, 1.0)
    out[ok] = res
    return out


def require_columns(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what} needs a DataFrame of articles, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SchemaError(
            f"{what} needs the column(s) {', '.join(map(repr, missing))}; the DataFrame has "
            f"{', '.join(map(str, df.columns))}"
        )


def group_values(df: pd.DataFrame, by: str | None, what: str) -> pd.Series:
    """The grouping labels as strings ("all" when ``by`` is None); missing labels are an error."""
    if by is None:
        return pd.Series("all", index=df.index, dtype=object)
    require_columns(df, [by], what)
    labels = df[by]
    if labels.isna().any():
        raise SchemaError(
            f"{what}: {int(labels.isna().sum())} article(s) have no {by!r} value; fill or drop them "
            f"first, e.g. df[{by!r}] = df[{by!r}].fillna('(no {by})') to keep them as a group"
        )
    return labels.astype(str)
