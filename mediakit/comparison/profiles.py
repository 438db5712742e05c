"""Compare groups (outlets) on per-article measures: intervals, an omnibus test, then follow-ups.

Input: one row per article with numeric measure columns (the output of ``mk.profile``) and a
grouping column. For each measure and group: the number of articles ``n``, the group mean, a
percentile bootstrap interval over the group's articles (only when ``n >= 3``; otherwise the
``note`` says "too few articles"), the difference from the mean of all other articles and
p-values.

The default procedure (``tests="omnibus"``) is the one a researcher would report for "do the
outlets differ on this measure, and which one?": a one-way permutation test per measure (do
the group means differ at all?), adjusted across measures; then, for each group, a
permutation test of its mean against the rest, adjusted across the groups of that measure.
A group's ``p_adjusted`` is the larger of the two, so it is small only when the measure
differs between outlets *and* that outlet stands out.

>>> import mediakit as mk, pandas as pd
>>> prof = pd.DataFrame({"outlet": ["A"] * 5 + ["B"] * 5, "hedges_per_1k": [9, 8, 9, 10, 9, 1, 2, 1, 0, 1]})
>>> res = mk.compare(prof, by="outlet", n_boot=200)
>>> res.loc[res.group == "A", ["n", "mean", "diff"]].values.tolist()
[[5.0, 9.0, 8.0]]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import InputError, MediakitError
from .stats import adjust_pvalues, bootstrap_mean_ci, group_values, require_columns

COLUMNS = ["group", "measure", "n", "mean", "ci_low", "ci_high", "diff", "p_value", "p_adjusted",
           "p_omnibus", "note"]
TESTS = ("omnibus", "all")
#: No interval from fewer articles than this: the row's note says "too few articles" instead.
MIN_ARTICLES_CI = 3
#: Below this many articles a percentile bootstrap interval is too narrow; the note says so.
SMALL_N = 10
TOO_FEW = "too few articles"
FEW = "few articles"
AUTO_MIN_PERM = 2000
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
    n_perm: int | None = None,
    seed: int = 0,
    conf: float = 0.95,
    adjust: str = "holm",
    strata: str | None = None,
    text_column: str = "text",
    tests: str = "omnibus",
) -> pd.DataFrame:
    """Per-group means with bootstrap intervals, an omnibus test per measure and follow-up tests.

    ``measures``: the numeric columns to compare (default: every numeric column except ids,
    ``words``/``sentences``, raw ``n_*`` counts and columns that are constant). If ``df`` has a
    ``text`` column and no measure columns, the measures are computed first (frame scores as
    ``frame_<key>``, plus hedge and source rates where mediakit provides them).

    Returns the tidy table ``group, measure, n, mean, ci_low, ci_high, diff, p_value,
    p_adjusted, p_omnibus, note``, one row per group and measure:

    - ``n`` is always a number of **articles** (those with a value for that measure: an article
      that cites nobody has no ``share_anonymous``).
    - ``ci_low``/``ci_high``: percentile bootstrap interval of the mean (``n_boot`` resamples of
      the group's articles), only when ``n >= 3``; with 1 or 2 articles it is NaN and ``note``
      says "too few articles". ``note`` says "few articles" for 3 to 9, where a percentile
      bootstrap is known to be too narrow.
    - ``diff`` = group mean minus the mean of all other articles.
    - ``p_omnibus``: one-way permutation test of the measure (statistic: the between-group sum
      of squares, equivalent to the ANOVA F under permutation), adjusted across measures
      (Holm's family-wise method by default, ``adjust="bh"`` for Benjamini-Hochberg).
    - ``p_value``: two-sided permutation p-value of ``diff`` (unadjusted).
    - ``p_adjusted``: with ``tests="omnibus"`` (default) the larger of ``p_omnibus`` and the
      group's p-value adjusted across the groups of that measure (an omnibus test, then
      follow-ups only where it is significant: the usual ANOVA-then-post-hoc practice). With
      ``tests="all"`` every row is one test adjusted across the whole table (strict, and with
      many measures often unable to reach significance).

    Labels are shuffled ``n_perm`` times (within each stratum when ``strata="event_id"``, so
    every event keeps its mix of outlets). ``n_perm=None`` chooses enough shuffles that the
    smallest reachable adjusted p-value is at most 0.005: at least 2,000, and 100 per
    adjusted test (the smallest permutation p is 1 / (n_perm + 1), and Holm multiplies it by
    the number of tests). A warning says when a given ``n_perm`` cannot reach 0.05. Articles
    with a missing value are left out of that measure. The same ``seed`` gives the same
    numbers.

    >>> import mediakit as mk
    >>> mk.compare(mk.profile(df), by="outlet", strata="event_id")   # doctest: +SKIP
    """
    require_columns(df, [], "compare")
    if n_boot < 0 or (n_perm is not None and n_perm < 0):
        raise InputError("n_boot and n_perm must be 0 or more")
    if adjust not in ("holm", "bh"):
        raise InputError(f"unknown adjustment {adjust!r}; use 'holm' or 'bh'")
    if tests not in TESTS:
        raise InputError(f"unknown tests={tests!r}; use 'omnibus' (default) or 'all'")
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
        measures = [measures] if isinstance(measures, str) else list(measures)
        require_columns(df, measures, "compare")
        bad = [m for m in measures if not pd.api.types.is_numeric_dtype(df[m])]
        if bad:
            raise InputError(f"measure column(s) {bad} are not numeric")
    groups = sorted(set(labels.tolist()))
    if len(groups) < 2:
        raise InputError(
            f"compare needs at least two groups in {by!r}, found {groups}: with one {by} there is "
            "nothing to compare (describe it with df.describe() instead)"
        )
    # integer codes keep the permutation matrix small (n_perm x n articles)
    lab = np.searchsorted(np.asarray(groups, dtype=object), labels.to_numpy()).astype(np.int32)
    strata_vals = group_values(df, strata, "compare (strata)").to_numpy() if strata else None
    n_tests = len(measures) if tests == "omnibus" else len(measures) * len(groups)
    auto_perm = n_perm is None
    if auto_perm:
        n_perm = max(AUTO_MIN_PERM, 100 * max(n_tests, len(groups)))

    rng = np.random.default_rng(seed)
    rows = []
    omnibus = []
    for measure in measures:
        values = pd.to_numeric(df[measure], errors="coerce").to_numpy(dtype=float)
        ok = ~np.isnan(values)
        v, g = values[ok], lab[ok]
        s = strata_vals[ok] if strata_vals is not None else None
        sizes = np.bincount(g, minlength=len(groups))
        for code, grp in enumerate(groups):
            mask = g == code
            k = int(sizes[code])
            mean = float(v[mask].mean()) if k else math.nan
            lo, hi = bootstrap_mean_ci(v[mask], n_boot, rng, conf) if k >= MIN_ARTICLES_CI else (math.nan, math.nan)
            diff = mean - float(v[~mask].mean()) if k and (~mask).any() else math.nan
            rows.append({"group": grp, "measure": measure, "n": k, "mean": mean, "ci_low": lo,
                         "ci_high": hi, "diff": diff, "note": _note(k)})
        p_omni, p_groups = _permutation_tests(v, g, s, len(groups), n_perm, seed) if n_perm else (math.nan, {})
        omnibus.append(p_omni)
        for code in range(len(groups)):
            rows[-len(groups) + code]["p_value"] = p_groups.get(code, math.nan)
    out = pd.DataFrame(rows)
    omni_adj = dict(zip(measures, adjust_pvalues(omnibus, adjust)))
    out["p_omnibus"] = out["measure"].map(omni_adj).astype(float)
    if tests == "all":
        out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(), adjust)
    else:
        within = np.full(len(out), math.nan)
        for _, idx in out.groupby("measure", sort=False).indices.items():
            raw = out["p_value"].to_numpy()[idx]
            # with two groups "A vs the rest" and "B vs the rest" are one test: nothing to adjust
            within[idx] = raw if np.isfinite(raw).sum() == 2 else adjust_pvalues(raw, adjust)
        # a follow-up can only be significant where its measure's omnibus test is
        out["p_adjusted"] = np.fmax(within, out["p_omnibus"].to_numpy())
        out.loc[np.isnan(within), "p_adjusted"] = math.nan
    out = out[COLUMNS]
    m = n_tests
    if n_perm and m and not auto_perm and m / (n_perm + 1) > 0.05 and adjust == "holm":
        import warnings

        # the smallest permutation p-value is 1 / (n_perm + 1); Holm multiplies it by m
        warnings.warn(
            f"compare: with {m} adjusted tests and n_perm={n_perm}, no adjusted p-value can fall "
            f"below 0.05; use n_perm >= {20 * m} (or leave n_perm=None) or fewer measures",
            stacklevel=2,
        )
    small = sorted({r["group"] for r in rows if r["n"] < MIN_ARTICLES_CI})
    out.attrs.update({"skipped": skipped, "adjust": adjust, "tests": tests, "n_boot": n_boot,
                      "n_perm": n_perm, "seed": seed, "strata": strata, "conf": conf,
                      "too_few_articles": small})
    return out


def _note(n: int) -> str:
    if n < MIN_ARTICLES_CI:
        return TOO_FEW
    if n < SMALL_N:
        return FEW
    return ""


def _permutation_tests(
    values: np.ndarray,
    labels: np.ndarray,
    strata: np.ndarray | None,
    n_groups: int,
    n_perm: int,
    seed: int,
) -> tuple[float, dict[int, float]]:
    """The omnibus p-value and each group's two-sided p-value of (group mean - rest mean).

    Both come from the same ``n_perm`` shuffles of the labels (within strata when given), drawn
    in blocks so memory stays bounded. Group sizes do not change under a shuffle, so the
    between-group sum of squares reduces to ``sum(S_g**2 / n_g)`` (S_g: the group's sum). The
    shuffles depend only on ``seed`` and the rows present, so measures with the same missing
    rows are tested against the same shuffles.
    """
    from .stats import _blocks

    n = len(values)
    sizes = np.bincount(labels, minlength=n_groups).astype(float)
    present = sizes > 0
    if n == 0 or present.sum() < 2:
        return math.nan, {}
    total = values.sum()

    def statistics(sums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # sums: (..., n_groups); returns the omnibus statistic and the per-group differences
        with np.errstate(divide="ignore", invalid="ignore"):
            between = (sums[..., present] ** 2 / sizes[present]).sum(axis=-1)
            diffs = sums / sizes - (total - sums) / (n - sizes)
        return between, diffs

    obs_between, obs_diffs = statistics(np.bincount(labels, weights=values, minlength=n_groups))
    # a small tolerance so ties with the observed value count as "as extreme"
    tol_b = 1e-9 * max(1.0, abs(obs_between))
    rng = np.random.default_rng([seed, 7])
    extreme_b = 0
    extreme = np.zeros(n_groups)
    if strata is not None:
        codes = np.unique(strata, return_inverse=True)[1].astype(float)
        slots = np.argsort(codes, kind="stable")
    for size in _blocks(n_perm, n):
        if strata is None:
            perms = rng.permuted(np.broadcast_to(labels, (size, n)), axis=1)
        else:
            # shuffling within strata = sorting by stratum, ties broken by a random key
            order = np.argsort(codes[None, :] + rng.random((size, n)), axis=1)
            perms = np.empty((size, n), dtype=labels.dtype)
            perms[:, slots] = labels[order]
        flat = (perms + n_groups * np.arange(size)[:, None]).ravel()
        sums = np.bincount(flat, weights=np.broadcast_to(values, (size, n)).ravel(),
                           minlength=size * n_groups).reshape(size, n_groups)
        between, diffs = statistics(sums)
        extreme_b += int((between >= obs_between - tol_b).sum())
        tol = 1e-12 * np.maximum(1.0, np.abs(obs_diffs))
        extreme += (np.abs(diffs) >= np.abs(obs_diffs) - tol).sum(axis=0)
    p_omni = (extreme_b + 1) / (n_perm + 1)
    p_groups = {c: float((extreme[c] + 1) / (n_perm + 1)) for c in range(n_groups)
                if present[c] and sizes[c] < n}
    return float(p_omni), p_groups
