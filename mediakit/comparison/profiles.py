"""Compare groups (outlets) on per-article measures, with intervals and permutation tests.

Input: one row per article with numeric measure columns (the output of ``mk.profile``) and a
grouping column. For each measure and group: the group mean, a percentile bootstrap interval
(resampling the group's articles), the difference from the mean of all other articles, a
two-sided permutation p-value for that difference, and a p-value adjusted for the number of
tests (Holm by default; Benjamini-Hochberg with ``adjust="bh"``).

>>> import mediakit as mk, pandas as pd
>>> prof = pd.DataFrame({"outlet": ["A"] * 5 + ["B"] * 5, "hedges_per_1k": [9, 8, 9, 10, 9, 1, 2, 1, 0, 1]})
>>> res = mk.compare(prof, by="outlet", n_boot=200, n_perm=200)
>>> res.loc[res.group == "A", ["mean", "diff"]].values.tolist()
[[9.0, 8.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import InputError, MediakitError
from .stats import adjust_pvalues, bootstrap_mean_ci, group_values, require_columns

COLUMNS = ["group", "measure", "n", "mean", "ci_low", "ci_high", "diff", "p_value", "p_adjusted"]
# numeric columns that identify or size an article rather than measure it
NOT_MEASURES = frozenset({"doc_id", "event_id", "words", "sentences", "year", "index", "event_size"})


def _measures_from_text(df: pd.DataFrame, text_column: str) -> pd.DataFrame:
    """Per-article measures computed from the text: frames always; hedges and sources if built.

    Hedging and sourcing live in sibling modules; when one is missing or fails, the frames are
    still compared and a warning names what was skipped (also in ``attrs["skipped"]``).
    """
    import warnings

    from ..features.framing import score_frames

    texts = pd.DataFrame({"doc_id": np.arange(len(df)), "text": df[text_column].to_numpy()})
    parts = []
    skipped = []

    def hedges() -> pd.DataFrame:
        from ..features.hedging import hedge_rates

        return hedge_rates(texts)

    def sources() -> pd.DataFrame:
        from ..features.sources import find_sources, source_profile

        return source_profile(find_sources(texts))

    for name, step in (("hedges", hedges), ("sources", sources)):
        try:
            parts.append(step())
        except (ImportError, AttributeError, MediakitError) as exc:
            skipped.append(f"{name}: {exc}")
    # "other" has no cues, so its lexicon score is always 0: nothing to compare
    frames = score_frames(texts).drop(columns="other")
    parts.append(frames.rename(columns={c: f"frame_{c}" for c in frames.columns if c != "doc_id"}))
    out = pd.DataFrame({"doc_id": np.arange(len(df))})
    for part in parts:
        part = part.drop(columns=[c for c in part.columns if c in out.columns and c != "doc_id"])
        out = out.merge(part, on="doc_id", how="left")
    out = out.drop(columns="doc_id")
    out.index = df.index
    if skipped:
        warnings.warn("compare: some measures were skipped: " + "; ".join(skipped), stacklevel=3)
    out.attrs["skipped"] = skipped
    return out


def _default_measures(df: pd.DataFrame, by: str | None, strata: str | None) -> list[str]:
    skip = set(NOT_MEASURES) | {c for c in (by, strata) if c}
    cols = []
    for c in df.columns:
        if c in skip or not pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c]):
            continue
        if str(c).startswith("n_"):  # raw counts depend on article length; rates are compared
            continue
        if df[c].nunique(dropna=True) <= 1:  # a constant (e.g. frame_other) tells nothing, costs power
            continue
        cols.append(c)
    return cols


def compare(
    df: pd.DataFrame,
    by: str = "outlet",
    measures: Sequence[str] | None = None,
    n_boot: int = 2000,
    n_perm: int = 2000,
    seed: int = 0,
    conf: float = 0.95,
    adjust: str = "holm",
    strata: str | None = None,
    text_column: str = "text",
) -> pd.DataFrame:
    """Per-group means with bootstrap intervals and permutation tests against the rest.

    ``measures``: the numeric columns to compare (default: every numeric column except ids,
    ``words``/``sentences``, raw ``n_*`` counts and columns that are constant). Every row is a
    test: with Holm's adjustment over m rows the smallest reachable adjusted p is
    m / (n_perm + 1), so ``n_perm`` should be at least 20·m (a warning says when it is not). If ``df`` has a ``text`` column and no
    measure columns, the measures are computed first (frame scores as ``frame_<key>``, plus
    hedge and source rates where mediakit provides them).

    Returns the tidy table ``group, measure, n, mean, ci_low, ci_high, diff, p_value,
    p_adjusted``: ``diff`` = group mean minus the mean of all other articles; ``p_value`` is
    the two-sided permutation p-value for that difference ((k + 1) / (n_perm + 1), with group
    labels shuffled ``n_perm`` times — within each stratum when ``strata="event_id"`` so every
    event keeps its mix of outlets); ``p_adjusted`` corrects over all rows (Holm's
    family-wise method by default, or ``adjust="bh"`` for Benjamini-Hochberg). Articles with a
    missing value are left out of that measure. The same ``seed`` gives the same numbers.

    >>> import mediakit as mk
    >>> mk.compare(mk.profile(df), by="outlet", strata="event_id")   # doctest: +SKIP
    """
    require_columns(df, [], "compare")
    if n_boot < 0 or n_perm < 0:
        raise InputError("n_boot and n_perm must be 0 or more")
    if adjust not in ("holm", "bh"):
        raise InputError(f"unknown adjustment {adjust!r}; use 'holm' or 'bh'")
    labels = group_values(df, by, "compare")
    skipped: list[str] = []
    if measures is None:
        measures = _default_measures(df, by, strata)
        if not measures and text_column in df.columns:
            computed = _measures_from_text(df, text_column)
            skipped = computed.attrs.get("skipped", [])
            df = pd.concat([df, computed], axis=1)
            measures = _default_measures(computed, None, None)
        if not measures:
            raise InputError(
                "compare found no numeric measure columns that vary between articles; pass the output "
                "of mk.profile(df) or name the columns with measures=[...]"
            )
    else:
        measures = list(measures)
        require_columns(df, measures, "compare")
        bad = [m for m in measures if not pd.api.types.is_numeric_dtype(df[m])]
        if bad:
            raise InputError(f"measure column(s) {bad} are not numeric")
    groups = sorted(set(labels.tolist()))
    # integer codes keep the permutation matrix small (n_perm x n articles)
    lab = np.searchsorted(np.asarray(groups, dtype=object), labels.to_numpy()).astype(np.int32)
    if len(groups) < 2:
        raise InputError(f"compare needs at least two groups in {by!r}, found {groups}")
    strata_vals = group_values(df, strata, "compare (strata)").to_numpy() if strata else None

    rng = np.random.default_rng(seed)
    rows = []
    for measure in measures:
        values = pd.to_numeric(df[measure], errors="coerce").to_numpy(dtype=float)
        ok = ~np.isnan(values)
        v, g = values[ok], lab[ok]
        s = strata_vals[ok] if strata_vals is not None else None
        stats = {}
        for code in range(len(groups)):
            mask = g == code
            k = int(mask.sum())
            mean = float(v[mask].mean()) if k else float("nan")
            lo, hi = bootstrap_mean_ci(v[mask], n_boot, rng, conf) if k else (float("nan"), float("nan"))
            diff = mean - float(v[~mask].mean()) if k and (~mask).any() else float("nan")
            stats[code] = (k, mean, lo, hi, diff)
        observed = {c: st[4] for c, st in stats.items() if not np.isnan(st[4])}
        pvals = _permutation_pvalues(v, g, s, observed, n_perm, seed) if n_perm and observed else {}
        for code, grp in enumerate(groups):
            k, mean, lo, hi, diff = stats[code]
            rows.append(
                {"group": grp, "measure": measure, "n": k, "mean": mean, "ci_low": lo, "ci_high": hi,
                 "diff": diff, "p_value": pvals.get(code, float("nan"))}
            )
    out = pd.DataFrame(rows, columns=COLUMNS[:-1])
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(), adjust)
    m = int(out["p_value"].notna().sum())
    if n_perm and m and adjust == "holm" and m / (n_perm + 1) > 0.05:
        import warnings

        # the smallest permutation p-value is 1 / (n_perm + 1); Holm multiplies it by m
        warnings.warn(
            f"compare: with {m} tests and n_perm={n_perm}, no adjusted p-value can fall below 0.05; "
            f"use n_perm >= {20 * m} or fewer measures",
            stacklevel=2,
        )
    out.attrs.update({"skipped": skipped, "adjust": adjust, "n_boot": n_boot, "n_perm": n_perm, "seed": seed, "strata": strata, "conf": conf})
    return out


def _permutation_pvalues(
    values: np.ndarray,
    labels: np.ndarray,
    strata: np.ndarray | None,
    observed: dict[int, float],
    n_perm: int,
    seed: int,
) -> dict[int, float]:
    """Two-sided permutation p-values of (group mean - rest mean) for every group code at once.

    Labels are shuffled ``n_perm`` times (within strata when given), in blocks so memory stays
    bounded; the shuffles depend only on ``seed`` and the rows present, so measures with the
    same missing rows are tested against the same shuffles.
    """
    from .stats import _blocks

    rng = np.random.default_rng([seed, 7])
    n = len(values)
    total = values.sum()
    extreme = dict.fromkeys(observed, 0)
    valid = dict.fromkeys(observed, 0)
    if strata is not None:
        # shuffling within strata = sorting each stratum's rows by a random key
        codes = np.unique(strata, return_inverse=True)[1]
        slots = np.argsort(codes, kind="stable")
    for size in _blocks(n_perm, n):
        perms = np.empty((size, n), dtype=labels.dtype)
        for i in range(size):
            if strata is None:
                perms[i] = labels[rng.permutation(n)]
            else:
                shuffled = np.lexsort((rng.random(n), codes))
                perms[i, slots] = labels[shuffled]
        for code, obs in observed.items():
            member = perms == code
            k = member.sum(axis=1)
            sums = member @ values
            with np.errstate(divide="ignore", invalid="ignore"):
                diffs = sums / k - (total - sums) / (n - k)
            ok = np.isfinite(diffs)
            # a small tolerance so ties with the observed value count as "as extreme"
            extreme[code] += int((np.abs(diffs[ok]) >= abs(obs) - 1e-12 * max(1.0, abs(obs))).sum())
            valid[code] += int(ok.sum())
    return {c: (extreme[c] + 1) / (valid[c] + 1) if valid[c] else float("nan") for c in observed}
