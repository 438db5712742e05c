"""Figures from mediakit's tables: rates by outlet, source mix, keyness, frames, claim certainty.

Every function takes a DataFrame that a mediakit function produced (or one with the same
columns), accepts ``ax=`` to draw into an existing matplotlib Axes, and returns the Figure.
Axes carry their unit ("per 1,000 words", "share of attributions"); colours come from the
colour-blind-safe Okabe–Ito palette (:mod:`mediakit.viz.style`).

>>> import pandas as pd
>>> from mediakit import viz
>>> prof = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
...                      "hedges_per_1k": [4.0, 6.0, 12.0, 9.0],
...                      "boosters_per_1k": [2.0, 1.0, 0.5, 1.5]})
>>> fig = viz.rates_by_outlet(prof)
>>> viz.save(fig, "/tmp/rates.png")  # doctest: +ELLIPSIS
PosixPath('/tmp/rates.png')
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..comparison.profiles import MIN_ARTICLES_CI, SMALL_N
from ..errors import InputError, SchemaError
from .style import (
    CATEGORY_COLORS,
    CYCLE,
    GREY,
    OKABE_ITO,
    RC,
    SPEAKER_COLORS,
    SPEAKER_TYPES,
    VOICES,
    color_for,
    finish_axes,
    label_for,
    new_axes,
    styled,
    text_color_on,
    unit_for,
)

FRAME_KEYS = (
    "economic", "capacity_resources", "morality", "fairness_equality", "legality", "policy",
    "crime_punishment", "security_defense", "health_safety", "quality_of_life",
    "cultural_identity", "public_opinion", "political", "external_regulation", "other",
)
#: Default hedging measures: the outlet's own voice (quotes left out), as everywhere in mediakit.
DEFAULT_RATES = ("author_hedges_per_1k", "author_boosters_per_1k")
FALLBACK_RATES = ("hedges_per_1k", "boosters_per_1k")
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
TARGET_COLOR = OKABE_ITO["blue"]
REFERENCE_COLOR = OKABE_ITO["orange"]
N_BOOT = 2000


# ---------------------------------------------------------------- rates by outlet


@styled
def rates_by_outlet(
    data: pd.DataFrame,
    measures: Sequence[str] | None = None,
    by: str = "outlet",
    ax: Any = None,
    title: str | None = None,
    order: Sequence[str] | None = None,
) -> Any:
    """Mean rate per outlet with 95% intervals, one marker per measure (a dot-and-whisker plot).

    ``data`` is either the tidy table of ``compare(df, by="outlet")`` (columns ``group, measure,
    n, mean, ci_low, ci_high``) or a per-article profile (``outlet`` plus measure columns such
    as ``author_hedges_per_1k``); for a profile the interval is a percentile bootstrap (2,000
    resamples, fixed seed, so the figure is reproducible). Default measures: hedges and
    boosters in the outlet's own voice (``author_*``, quotes left out), else in all voices.

    Measures with different units (rates per 1,000 words and shares of attributions) are drawn
    in side-by-side panels that share the outlets. ``n`` beside each outlet counts articles;
    an outlet with fewer than 3 articles gets no interval ("too few articles" is written
    instead), and the axis says so when any interval rests on fewer than 10 articles.

    >>> fig = rates_by_outlet(mk.compare(profile, by="outlet"))  # doctest: +SKIP
    """
    table = _rate_table(data, measures, by)
    measures = list(dict.fromkeys(table["measure"]))
    by_unit: dict[str, list[str]] = {}
    for m in measures:
        by_unit.setdefault(unit_for(m), []).append(m)
    groups = _ordered(table["group"], order)
    height = 1.5 + 0.55 * len(groups) * max(1, min(len(v) for v in by_unit.values()) / 2)
    if len(by_unit) > 1:
        if ax is not None:
            raise InputError(
                f"the measures {measures} have different units ({', '.join(sorted(by_unit))}); "
                "draw them in separate axes (pass measures=[...] with one unit), or leave ax=None "
                "to get one panel per unit"
            )
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, len(by_unit), figsize=(4.6 * len(by_unit) + 1.4, height + 0.3),
                                 sharey=True, layout="constrained", squeeze=False)
        for i, (panel, unit_measures) in enumerate(zip(axes[0], by_unit.values())):
            labels = [label_for(m) for m in unit_measures]
            _draw_rates(panel, table, unit_measures, groups, by, ticklabels=i == 0, width=48)
            panel.set_title(_wrap(_rates_title(labels, ""), 52), fontsize=10.5)
        head = title or f"Measures by {by}: mean per article and 95% interval"
        fig.suptitle(_wrap(head, 80), x=0.01, ha="left", fontweight="bold", fontsize=12)
        return fig
    fig, ax = new_axes(ax, figsize=(7.0, height))
    _draw_rates(ax, table, measures, groups, by)
    ax.set_title(_wrap(title if title is not None else _rates_title([label_for(m) for m in measures], by), 62))
    return fig


def _rates_title(labels: list[str], by: str) -> str:
    """``Hedges and boosters in the outlet's own voice, by outlet``: voices stay in the title
    when all measures share one, else they stay in the legend and the title names the measures."""
    short, shared = _split_common_voice(labels)
    if not shared:
        short = [lab.split(" (")[0] for lab in labels]
    title = _join_labels(short) + (f" {shared}" if shared else "") + (f", by {by}" if by else "")
    return title[:1] + title[1:].lower()


def _draw_rates(ax: Any, table: pd.DataFrame, measures: list[str], groups: list[str], by: str,
                ticklabels: bool = True, width: int = 70) -> None:
    labels, _shared = _split_common_voice([label_for(m) for m in measures])
    if not _shared:
        labels = [label_for(m) for m in measures]
    k = len(measures)
    step = 0.7 / k if k > 1 else 0.0
    few = too_few = False
    thin_at: dict[int, float] = {}  # group -> rightmost marker of a group with too few articles
    for i, measure in enumerate(measures):
        rows = table[table["measure"] == measure].set_index("group").reindex(groups)
        y = np.arange(len(groups)) + (i - (k - 1) / 2) * step
        mean = rows["mean"].to_numpy(dtype=float)
        n = rows["n"].to_numpy(dtype=float)
        lo = rows["ci_low"].to_numpy(dtype=float)
        hi = rows["ci_high"].to_numpy(dtype=float)
        # no interval from fewer than MIN_ARTICLES_CI articles, whatever the table holds
        thin = ~np.isnan(n) & (n < MIN_ARTICLES_CI)
        lo, hi = np.where(thin, np.nan, lo), np.where(thin, np.nan, hi)
        err = np.vstack([np.clip(mean - lo, 0, None), np.clip(hi - mean, 0, None)])
        err = np.nan_to_num(err)
        col = color_for(measure, i)
        ax.errorbar(mean, y, xerr=err, fmt=MARKERS[i % len(MARKERS)], color=col, ecolor=col,
                    elinewidth=1.6, capsize=3, markersize=6.5, label=labels[i], zorder=3,
                    clip_on=False)  # a zero rate sits on the axis and must stay visible
        for gi, (xi, t) in enumerate(zip(mean, thin)):
            if t and np.isfinite(xi):
                thin_at[gi] = max(thin_at.get(gi, xi), xi)
        too_few |= bool(thin.any())
        few |= bool((~np.isnan(n) & (n < SMALL_N)).any())
    for gi, xi in thin_at.items():  # once per outlet, right of its rightmost marker
        ax.annotate("too few articles", (xi, gi), xytext=(8, 0), textcoords="offset points",
                    va="center", fontsize=8, color="#666666", fontstyle="italic")
    counts = table.groupby("group")["n"].max().reindex(groups)
    ax.set_yticks(np.arange(len(groups)))
    if ticklabels:
        ax.set_yticklabels([_wrap(f"{g}  (n={_fmt_n(c)})", 28) for g, c in zip(groups, counts)])
    ax.set_ylim(len(groups) - 0.5, -0.5)
    if np.nanmin(table[table["measure"].isin(measures)][["mean", "ci_low"]].to_numpy(dtype=float),
                 initial=0.0) >= 0:
        ax.set_xlim(left=0)
    unit = unit_for(measures[0])
    xlabel = _wrap(f"{unit} (mean and 95% interval per {by}; n = articles)", width)
    if too_few:
        xlabel += "\nno interval for fewer than 3 articles"
    elif few:
        xlabel += "\nintervals from fewer than 10 articles are rough"
    ax.set_xlabel(xlabel)
    if unit.startswith("share of"):
        from matplotlib.ticker import PercentFormatter

        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    finish_axes(ax, "x")
    if k > 1:
        # the legend sits below the tick labels and the x label: their height is fixed in inches,
        # so its offset in axes units grows as the axes get shorter
        lines = xlabel.count("\n") + 1
        axes_h = max(ax.get_position().height * ax.figure.get_size_inches()[1] * 0.85, 1.0)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -(0.32 + 0.18 * lines) / axes_h),
                  ncol=min(k, 2 if len(labels[0]) > 22 else 3), handletextpad=0.3,
                  columnspacing=1.4)


def _rate_table(data: pd.DataFrame, measures: Sequence[str] | None, by: str) -> pd.DataFrame:
    """Normalise either input to columns group, measure, n, mean, ci_low, ci_high."""
    _need_frame(data, "rates_by_outlet")
    if {"group", "measure", "mean"} <= set(data.columns):
        present = list(dict.fromkeys(data["measure"].astype(str)))
        measures = _pick_measures(measures, present, "the 'measure' column of the comparison")
        table = data[data["measure"].isin(measures)].copy()
        for col in ("ci_low", "ci_high"):
            if col not in table.columns:
                table[col] = table["mean"]
        if "n" not in table.columns:
            table["n"] = np.nan
        table["group"] = table["group"].astype(str)
        table["measure"] = pd.Categorical(table["measure"], categories=measures, ordered=True)
        table = table.sort_values("measure")
        table["measure"] = table["measure"].astype(str)
        return table[["group", "measure", "n", "mean", "ci_low", "ci_high"]]
    _need_column(data, by, "rates_by_outlet")
    numeric = [c for c in data.columns if c != by and pd.api.types.is_numeric_dtype(data[c])]
    measures = _pick_measures(measures, numeric, "the profile")
    rows = []
    rng_seed = 0
    for group, part in data.groupby(data[by].astype(str), sort=True):
        for measure in measures:
            values = pd.to_numeric(part[measure], errors="coerce").dropna().to_numpy(dtype=float)
            mean, lo, hi = bootstrap_mean_ci(values, seed=rng_seed)
            if len(values) < MIN_ARTICLES_CI:
                lo = hi = np.nan
            rows.append({"group": group, "measure": measure, "n": len(values), "mean": mean,
                         "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows, columns=["group", "measure", "n", "mean", "ci_low", "ci_high"])


def bootstrap_mean_ci(values: np.ndarray, level: float = 0.95, seed: int = 0,
                      n_boot: int = N_BOOT) -> tuple[float, float, float]:
    """Mean and percentile-bootstrap interval (missing values skipped); the same bootstrap as
    ``mk.compare`` so a figure drawn from a profile matches the comparison table."""
    from ..comparison.stats import bootstrap_mean_ci as interval

    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return (np.nan, np.nan, np.nan)
    lo, hi = interval(values, n_boot, np.random.default_rng(seed), conf=level)
    return (float(values.mean()), lo, hi)


def _pick_measures(measures: Sequence[str] | None, present: list[str], where: str) -> list[str]:
    if measures is None:
        chosen = [m for m in DEFAULT_RATES if m in present] or [m for m in FALLBACK_RATES if m in present]
        if not chosen:
            raise SchemaError(
                f"{where} has none of the default measures {list(DEFAULT_RATES)}; "
                f"pass measures=[...] from: {', '.join(present) or '(none)'}"
            )
        return chosen
    if isinstance(measures, str):
        measures = [measures]
    missing = [m for m in measures if m not in present]
    if missing:
        raise SchemaError(
            f"{where} has no measure {', '.join(map(repr, missing))}; "
            f"available: {', '.join(present) or '(none)'}"
        )
    return list(measures)


# ---------------------------------------------------------------- source composition


@styled
def source_composition(
    data: pd.DataFrame,
    by: str = "outlet",
    ax: Any = None,
    title: str | None = None,
    order: Sequence[str] | None = None,
    min_label: float = 0.07,
) -> Any:
    """Stacked bars: which kinds of sources each outlet cites, as shares of its attributions.

    ``data`` is a profile (``outlet`` plus ``share_official`` ... ``share_other`` and
    ``n_attributions``; shares are pooled over articles, weighted by attributions) or a
    ``find_sources`` table with an ``outlet`` column (one row per attribution).

    >>> fig = source_composition(profile, by="outlet")  # doctest: +SKIP
    """
    _need_frame(data, "source_composition")
    _need_column(data, by, "source_composition")
    counts = _type_counts(data, by)
    articles = _articles_citing(data, by)
    groups = _ordered(pd.Series(counts.index), order)
    counts = counts.reindex(groups).fillna(0.0)
    totals = counts.sum(axis=1)
    shares = counts.div(totals.replace(0, np.nan), axis=0).fillna(0.0)
    types = [t for t in SPEAKER_TYPES if t in shares.columns and shares[t].sum() > 0]
    if not types:
        types = [t for t in SPEAKER_TYPES if t in shares.columns][:1]
    fig, ax = new_axes(ax, figsize=(7.5, 1.6 + 0.5 * len(groups)))
    y = np.arange(len(groups))
    left = np.zeros(len(groups))
    for t in types:
        width = shares[t].to_numpy(dtype=float)
        col = SPEAKER_COLORS[t]
        ax.barh(y, width, left=left, height=0.68, color=col, edgecolor="white", linewidth=0.8,
                label=t, zorder=2)
        for yi, (x0, w) in enumerate(zip(left, width)):
            if w >= min_label:
                ax.text(x0 + w / 2, yi, f"{w:.0%}", ha="center", va="center", fontsize=8.5,
                        color=text_color_on(col), zorder=3)
        left = left + width
    for yi, (g, total) in enumerate(zip(groups, totals)):
        k = articles.get(g) if articles is not None else None
        note = (f"n={_fmt_n(k)} article{'' if k == 1 else 's'}\n"
                f"{_fmt_n(total)} attribution{'' if total == 1 else 's'}") if k is not None \
            else f"{_fmt_n(total)} attribution{'' if total == 1 else 's'}"
        if k is not None and k < MIN_ARTICLES_CI:
            note += "\ntoo few articles"
        ax.text(1.01, yi, note, ha="left", va="center", fontsize=8, linespacing=1.1,
                color="#555555", transform=ax.get_yaxis_transform())
    ax.set_yticks(y)
    ax.set_yticklabels([_wrap(g, 24) for g in groups])
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    from matplotlib.ticker import PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel("share of attributions (pooled over the articles that cite someone)")
    ax.set_title(title or f"Who is cited, by {by}")
    finish_axes(ax, "")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    # the legend sits a fixed distance (in inches) under the axes, clear of the x label however
    # few bars there are (a fraction of the axes height overlapped the label for one outlet)
    height = ax.get_position().height * ax.figure.get_figheight()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.62 / height),
              ncol=min(len(types), 4), handlelength=1.2, columnspacing=1.2)
    return fig


def _articles_citing(data: pd.DataFrame, by: str) -> dict[str, int] | None:
    """Articles with at least one attribution per group (None when the table cannot tell)."""
    key = data[by].astype(str)
    if "speaker_type" in data.columns:
        if "doc_id" not in data.columns:
            return None
        return data.groupby(key)["doc_id"].nunique().astype(int).to_dict()
    if "n_attributions" in data.columns:
        cites = pd.to_numeric(data["n_attributions"], errors="coerce").fillna(0) > 0
    else:
        share_cols = [c for c in data.columns if isinstance(c, str) and c.startswith("share_")]
        cites = data[share_cols].notna().any(axis=1)
    return cites.groupby(key).sum().astype(int).to_dict()


def _type_counts(data: pd.DataFrame, by: str) -> pd.DataFrame:
    """Attributions per speaker type (columns) and group (index)."""
    key = data[by].astype(str)
    if "speaker_type" in data.columns:
        kinds = data["speaker_type"].fillna("other").astype(str)
        unknown = sorted(set(kinds) - set(SPEAKER_TYPES))
        if unknown:
            raise InputError(f"unknown speaker_type value(s) {unknown}; expected {list(SPEAKER_TYPES)}")
        table = pd.crosstab(key, kinds).astype(float)
        return table.reindex(columns=[t for t in SPEAKER_TYPES if t in table.columns])
    share_cols = [f"share_{t}" for t in SPEAKER_TYPES if f"share_{t}" in data.columns]
    if not share_cols:
        raise SchemaError(
            "source_composition needs a profile with share_official ... share_other columns "
            "(from source_profile or mk.profile) or a find_sources table with speaker_type; "
            f"the table has: {', '.join(map(str, data.columns))}"
        )
    shares = data[share_cols].apply(pd.to_numeric, errors="coerce")
    if "n_attributions" in data.columns:
        weight = pd.to_numeric(data["n_attributions"], errors="coerce").fillna(0.0)
        counts = shares.fillna(0.0).mul(weight, axis=0)
    else:
        counts = shares  # no counts: every article weighs the same
    counts.columns = [c.removeprefix("share_") for c in share_cols]
    return counts.groupby(key).sum(min_count=1).fillna(0.0)


# ---------------------------------------------------------------- keyness


# Left out of the keyness bars by default: closed-class words (scikit-learn's English stop list,
# the Glasgow list) and the reporting verbs every news outlet uses. Their keyness is real but says
# how often an outlet quotes or which pronouns it uses, not which words set its coverage apart;
# the keyness table keeps them, and function_words=True draws them.
REPORTING_VERBS = frozenset({"said", "says", "say", "told", "tells", "tell", "added", "according"})


def function_word(term: str) -> bool:
    """True for a stop word ("had", "is"), its contraction ("it's", "didn't") or a reporting verb
    ("said"); word pairs count when every word is one.

    >>> [function_word(w) for w in ("said", "it's", "regime", "of the")]
    [True, True, False, True]
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    def one(word: str) -> bool:
        w = word.lower().replace("’", "'")
        base = w.split("'")[0] if "'" in w else w
        return w in ENGLISH_STOP_WORDS or base in ENGLISH_STOP_WORDS or w in REPORTING_VERBS \
            or w.isdigit()

    words = str(term).split()
    return bool(words) and all(one(w) for w in words)


@styled
def keyness_bars(
    data: pd.DataFrame,
    n: int = 15,
    group: str | None = None,
    ax: Any = None,
    title: str | None = None,
    target_label: str | None = None,
    reference_label: str = "the rest",
    function_words: bool = False,
) -> Any:
    """Diverging bars: the ``n`` words most over-used by the target (right) and by the reference (left).

    ``data`` is a keyness table (``group, term, z`` ..., positive = more frequent in the target
    group). With several groups, pick one with ``group=``. The bars are the ``z`` column (the
    z-score of the log-odds ratio for the default measure; for chi² and G² the signed square
    root, on the same scale), so the axis has one unit whatever the measure: beyond ±1.96 a
    single word's difference would be "significant at 5 %" if words were independent draws,
    which in running text they are not — read it as a ranking, not a test.

    Function words ("had", "is", "it's"), numbers and reporting verbs ("said", "told") are left
    out by default (``function_words=True`` keeps them): their keyness mostly reflects how
    much an outlet quotes, and it buries the vocabulary a reader looks for. A note under the axis
    says how many were left out.

    >>> fig = keyness_bars(mk.keyness(df, by="outlet"), group="The Daily Wire", n=12)  # doctest: +SKIP
    """
    _need_frame(data, "keyness_bars")
    _need_column(data, "term", "keyness_bars")
    column = "z" if "z" in data.columns else "score"
    _need_column(data, column, "keyness_bars")
    if not isinstance(n, int) or n < 1:
        raise InputError(f"n must be a positive whole number, got {n!r}")
    table = data
    if "group" in data.columns:
        groups = list(dict.fromkeys(data["group"].astype(str)))
        if group is None:
            if len(groups) > 1:
                raise InputError(
                    f"the keyness table has {len(groups)} groups ({', '.join(groups[:8])}"
                    f"{' ...' if len(groups) > 8 else ''}); pass group=... to choose one"
                )
            group = groups[0] if groups else None
        elif str(group) not in groups:
            raise InputError(f"group {group!r} is not in the keyness table; groups: {', '.join(groups)}")
        table = data[data["group"].astype(str) == str(group)]
    table = table.assign(score=pd.to_numeric(table[column], errors="coerce")).dropna(subset=["score"])
    dropped = 0
    if not function_words:
        keep = ~table["term"].astype(str).map(function_word)
        unfiltered = pd.concat([table[table["score"] > 0].nlargest(n, "score"),
                                table[table["score"] < 0].nsmallest(n, "score")])
        dropped = int(unfiltered["term"].astype(str).map(function_word).sum())
        table = table[keep]
    pos = table[table["score"] > 0].nlargest(n, "score")
    neg = table[table["score"] < 0].nsmallest(n, "score").iloc[::-1]
    rows = pd.concat([pos, neg])
    target_label = target_label or (str(group) if group is not None else "target")
    fig, ax = new_axes(ax, figsize=(7.0, 1.6 + 0.28 * max(len(rows), 3)))
    y = np.arange(len(rows))
    scores = rows["score"].to_numpy(dtype=float)
    colors = [TARGET_COLOR if s > 0 else REFERENCE_COLOR for s in scores]
    ax.barh(y, scores, color=colors, height=0.72, zorder=2)
    span = float(np.abs(scores).max()) if len(scores) else 1.0
    pad = span * 0.015
    for yi, (term, s) in enumerate(zip(rows["term"].astype(str), scores)):
        # The word sits on the other side of zero from its bar, so long words never cover bars.
        ax.text(-pad if s > 0 else pad, yi, _shorten(term, 28), ha="right" if s > 0 else "left",
                va="center", fontsize=9, color="#222222")
    # Leave room for the words beside zero: a fraction of the axis that grows with word length.
    longest = max((len(_shorten(t, 28)) for t in rows["term"].astype(str)), default=4)
    frac = min(0.45, 0.013 * longest + 0.03)
    max_pos = float(scores.max()) if len(pos) else 0.0
    max_neg = float(-scores.min()) if len(neg) else 0.0
    room = frac * (max_pos + max_neg or 1.0) / (1 - frac)
    left = max(max_neg, room if len(pos) else 0.0) * 1.04
    right = max(max_pos, room if len(neg) else 0.0) * 1.04
    ax.set_xlim(-(left or pad * 4), right or pad * 4)
    ax.axvline(0, color="#444444", linewidth=0.9, zorder=3)
    for edge in (-1.96, 1.96):
        if -(left or pad * 4) < edge < (right or pad * 4):
            ax.axvline(edge, color="#AAAAAA", linewidth=0.8, linestyle=(0, (2, 3)), zorder=1)
    ax.set_yticks([])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.spines["left"].set_visible(False)
    what = {"log_odds_dirichlet": "z-score of the log-odds ratio (Monroe et al. 2008)",
            "chi2": "signed √chi² (a z-score)", "log_likelihood": "signed √G² (a z-score)"}.get(
        data.attrs.get("measure", "log_odds_dirichlet") if column == "z" else "", "keyness score")
    xlabel = (f"{what}; dotted lines at ±1.96\n← more in {reference_label}  |  more in "
              f"{target_label} →")
    if dropped:
        xlabel += (f"\n{dropped} function word(s), number(s) or reporting verb(s) left out "
                   "(function_words=True shows them)")
    ax.set_xlabel(xlabel)
    ax.set_title(_wrap(title or f"Words that set {target_label} apart", 62))
    finish_axes(ax, "x")
    ax.spines["left"].set_visible(False)
    if not len(rows):
        ax.text(0.5, 0.5, "no key terms", transform=ax.transAxes, ha="center", color=GREY)
    return fig


# ---------------------------------------------------------------- cleaning


@styled
def cleaning_summary(
    data: Any,
    ax: Any = None,
    title: str | None = None,
    max_pages: int = 30,
    label_width: int = 50,
) -> Any:
    """Words kept in the body and words removed as page furniture, one bar per page.

    ``data`` is a list of ``Article`` objects (``mk.load_article``: the text and the removed
    ``boilerplate`` lines) or a DataFrame with ``words`` and ``removed_words`` columns. Each page
    is named by its title and outlet (shortened on a word boundary), else its file name. At most
    ``max_pages`` pages are drawn; the title says when there were more.

    >>> arts = [mk.load_article(p) for p in mk.load_sample_pages()]  # doctest: +SKIP
    >>> fig = cleaning_summary(arts)                                 # doctest: +SKIP
    """
    from ..text.tokens import count_words

    if isinstance(data, pd.DataFrame):
        _need_frame(data, "cleaning_summary")
        for col in ("words", "removed_words"):
            _need_column(data, col, "cleaning_summary")
        records = data.to_dict("records")
    else:
        items = list(data) if not isinstance(data, (str, bytes)) else None
        if not items or not all(hasattr(a, "boilerplate") and hasattr(a, "text") for a in items):
            raise InputError("cleaning_summary() needs a list of Articles (mk.load_article) or a "
                             "DataFrame with words and removed_words columns")
        records = [{"words": count_words(a.text), "removed_words": count_words("\n".join(a.boilerplate)),
                    "title": a.title, "outlet": a.outlet, "source_path": a.source_path} for a in items]
    if not isinstance(max_pages, int) or max_pages < 1:
        raise InputError(f"max_pages must be a positive whole number, got {max_pages!r}")
    total = len(records)
    records = records[:max_pages]
    kept = np.array([float(r.get("words") or 0) for r in records])
    removed = np.array([float(r.get("removed_words") or 0) for r in records])
    labels = [_page_label(r, label_width) for r in records]
    fig, ax = new_axes(ax, figsize=(7.5, 1.5 + 0.36 * max(len(records), 2)))
    y = np.arange(len(records))
    ax.barh(y, kept, height=0.68, color=OKABE_ITO["blue"], label="kept: words in the article body",
            zorder=2)
    ax.barh(y, removed, left=kept, height=0.68, color="#BBBBBB",
            label="removed: menus, links, share buttons, footers ...", zorder=2)
    for yi, (k, r) in enumerate(zip(kept, removed)):
        share = k / (k + r) if k + r else float("nan")
        text = f"{share:.0%} kept" if np.isfinite(share) else "empty page"
        ax.text(k + r, yi, "  " + text, va="center", ha="left", fontsize=8, color="#555555")
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8.5)
    ax.set_ylim(len(records) - 0.5, -0.5)
    ax.set_xlim(0, float((kept + removed).max() or 1.0) * 1.18)
    ax.set_xlabel("words on the page")
    head = "What the cleaner kept and removed, per page"
    if total > len(records):
        head += f" (first {len(records)} of {total:,})"
    ax.set_title(_wrap(title or head, 62))
    finish_axes(ax, "x")
    ax.tick_params(axis="y", length=0)
    if ax.figure.get_layout_engine() is not None:
        fig.legend(loc="outside lower center", ncol=2, handlelength=1.2, fontsize=8.5)
    else:  # drawn into the caller's axes: keep the legend inside them
        ax.legend(loc="lower right", fontsize=8, handlelength=1.2)
    return fig


def _page_label(record: dict[str, Any], width: int) -> str:
    title = record.get("title")
    outlet = record.get("outlet")
    title = None if _blank(title) else " ".join(str(title).split())
    outlet = None if _blank(outlet) else str(outlet).strip()
    if title:
        label = _shorten_words(title, width - (len(outlet) + 3 if outlet and len(outlet) < 24 else 0))
        return f"{label} — {outlet}" if outlet and len(outlet) < 24 else label
    path = record.get("source_path")
    name = Path(str(path)).name if not _blank(path) else "(untitled page)"
    return _shorten(f"{name} — {outlet}" if outlet else name, width)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip()


# ---------------------------------------------------------------- frames


@styled
def frame_heatmap(
    data: pd.DataFrame,
    by: str = "outlet",
    frames: Sequence[str] | None = None,
    ax: Any = None,
    title: str | None = None,
    order: Sequence[str] | None = None,
    annotate: bool = True,
    relative: bool = False,
) -> Any:
    """Heatmap of mean frame-cue rates: frames down the side, outlets across, values in the cells.

    ``data`` is a profile (``outlet`` plus ``frame_economic`` ... columns) or the output of
    ``score_frames`` on a corpus, merged with the corpus' ``outlet`` column. With
    ``relative=True`` each cell is the outlet's mean minus the mean of all articles, so a frame
    every outlet uses a lot (often "economic") no longer hides the differences.

    >>> fig = frame_heatmap(mk.profile(df), by="outlet")  # doctest: +SKIP
    """
    import matplotlib.colors as mcolors

    _need_frame(data, "frame_heatmap")
    _need_column(data, by, "frame_heatmap")
    columns = _frame_columns(data, frames)
    matrix = (data[columns].apply(pd.to_numeric, errors="coerce")
              .groupby(data[by].astype(str)).mean())
    groups = _ordered(pd.Series(matrix.index), order)
    matrix = matrix.reindex(groups).T  # frames as rows: long labels stay horizontal
    labels = [label_for(c) for c in columns]
    fig, ax = new_axes(ax, figsize=(2.6 + 0.95 * len(groups), 1.3 + 0.36 * len(columns)))
    values = matrix.to_numpy(dtype=float)
    if relative:
        overall = data[columns].apply(pd.to_numeric, errors="coerce").mean().to_numpy(dtype=float)
        values = values - overall[:, None]
        cmap = mcolors.LinearSegmentedColormap.from_list(
            "mediakit_diverging", ["#8A5A00", OKABE_ITO["orange"], "#FFFFFF",
                                   OKABE_ITO["sky_blue"], OKABE_ITO["blue"]])
        span = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
        norm = mcolors.Normalize(vmin=-(span or 1.0), vmax=span or 1.0)
        fmt, unit = "{:+.1f}", "difference from the mean of all articles\n(frame cues per 1,000 words)"
    else:
        cmap = mcolors.LinearSegmentedColormap.from_list(
            "mediakit_blue", ["#FFFFFF", OKABE_ITO["sky_blue"], OKABE_ITO["blue"], "#00304D"])
        vmax = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
        norm = mcolors.Normalize(vmin=0, vmax=vmax or 1.0)
        fmt, unit = "{:.1f}", "frame cues per 1,000 words (mean)"
    image = ax.imshow(values, aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
    ax.set_xticks(np.arange(len(groups)))
    sizes = data[by].astype(str).value_counts()
    ax.set_xticklabels([_wrap(g, 12) + f"\n(n={_fmt_n(sizes.get(g))})" for g in groups])
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(len(columns)))
    ax.set_yticklabels(labels)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if annotate:
        for (r, c), v in np.ndenumerate(values):
            if np.isnan(v):
                continue
            hexcol = mcolors.to_hex(cmap(norm(v)))
            text = fmt.format(v)
            text = "0.0" if text in ("+0.0", "-0.0") else text.replace("-", "\u2212")
            ax.text(c, r, text, ha="center",
                    va="center", fontsize=8, color=text_color_on(hexcol))
    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label(unit)
    bar.outline.set_visible(False)
    default = f"Frame profile by {by}" + (" (relative to all articles)" if relative else "")
    ax.set_title(title or default, pad=10)
    return fig


def _frame_columns(data: pd.DataFrame, frames: Sequence[str] | None) -> list[str]:
    prefixed = [c for c in data.columns if isinstance(c, str) and c.startswith("frame_")]
    bare = [k for k in FRAME_KEYS if k in data.columns]
    available = prefixed or bare
    if not available:
        raise SchemaError(
            "frame_heatmap needs frame columns (frame_economic ... from mk.profile, or the "
            f"columns of score_frames); the table has: {', '.join(map(str, data.columns))}"
        )
    if frames is None:
        return available
    chosen = []
    for f in frames:
        for cand in (f, f"frame_{f}"):
            if cand in available:
                chosen.append(cand)
                break
        else:
            raise SchemaError(f"no frame column {f!r}; available: {', '.join(available)}")
    return chosen


# ---------------------------------------------------------------- claim certainty


@styled
def claim_certainty(
    data: pd.DataFrame,
    event: str | None = None,
    outlet: str = "outlet",
    claim: str = "claim",
    certainty: str = "certainty",
    ax: Any = None,
    title: str | None = None,
    max_claims: int = 10,
) -> Any:
    """How certainly each outlet states the same claims of one event (a dot plot per claim).

    ``data`` has one row per outlet and claim: ``outlet``, ``claim`` (a short label of the
    aligned claim) and ``certainty`` (negative = hedged, positive = boosted). Without a
    ``certainty`` column, ``boosters - hedges`` (columns ``boosters``/``hedges`` or
    ``n_boosters``/``n_hedges``) is used. With an ``event_id`` column, pick one event with ``event=``.
    The sentence pairs of ``align_claims`` are accepted too: pairs that share a sentence are
    joined into one claim (see :func:`claims_from_pairs`), at most ``max_claims`` of them.

    >>> claims = pd.DataFrame({"outlet": ["Wire", "Tabloid"], "claim": ["dam failed"] * 2,
    ...                        "certainty": [-1, 2]})
    >>> fig = claim_certainty(claims)
    """
    _need_frame(data, "claim_certainty")
    from_pairs = _is_claim_pairs(data)
    if from_pairs:
        data = claims_from_pairs(data, event=event, max_claims=max_claims)
        if event is None and "event_id" in data.columns:
            event = str(data["event_id"].iloc[0])
    _need_column(data, outlet, "claim_certainty")
    _need_column(data, claim, "claim_certainty")
    table = data
    if "event_id" in data.columns:
        events = list(dict.fromkeys(data["event_id"].astype(str)))
        if event is None and len(events) > 1:
            raise InputError(f"the table covers {len(events)} events ({', '.join(events[:8])}); "
                             "pass event=... to draw one")
        if event is not None:
            if str(event) not in events:
                raise InputError(f"event {event!r} is not in the table; events: {', '.join(events)}")
            table = data[data["event_id"].astype(str) == str(event)]
    xlabel = "certainty score  (← hedged  |  boosted →)"
    if from_pairs:
        xlabel = "boosters − hedges in the outlet's sentence  (← hedged  |  boosted →)"
    if certainty in table.columns:
        values = pd.to_numeric(table[certainty], errors="coerce")
    else:
        pair = next(((b, h) for b, h in (("boosters", "hedges"), ("n_boosters", "n_hedges"))
                     if b in table.columns and h in table.columns), None)
        if pair is None:
            raise SchemaError(
                f"claim_certainty needs a {certainty!r} column, or boosters and hedges counts; "
                f"the table has: {', '.join(map(str, table.columns))}"
            )
        values = pd.to_numeric(table[pair[0]]) - pd.to_numeric(table[pair[1]])
        xlabel = "boosters − hedges in the claim  (← hedged  |  boosted →)"
    table = table.assign(_value=values, _claim=table[claim].astype(str), _outlet=table[outlet].astype(str))
    claims = list(dict.fromkeys(table["_claim"]))
    outlets = sorted(dict.fromkeys(table["_outlet"]))  # sorted: an outlet keeps its colour
    labels = [_wrap(_shorten_words(c, 90), 36) for c in claims]
    height = sum(max(0.5, 0.19 * (lab.count("\n") + 1) + 0.18) for lab in labels)
    fig, ax = new_axes(ax, figsize=(7.5, 1.8 + max(height, 1.0)))
    k = len(outlets)
    for ci, c in enumerate(claims):
        vals = table.loc[table["_claim"] == c, "_value"].dropna()
        if len(vals) > 1:
            ax.plot([vals.min(), vals.max()], [ci, ci], color="#BBBBBB", linewidth=2.5,
                    solid_capstyle="round", zorder=1)
    # Markers sit on the claim's line; outlets that give the same score are fanned out vertically.
    offsets = {}
    for c, part in table.groupby("_claim", sort=False):
        for _value, tied in part.groupby("_value", sort=False):
            names = list(tied["_outlet"])
            for j, o in enumerate(names):
                offsets[(c, o)] = (j - (len(names) - 1) / 2) * 0.16
    for oi, o in enumerate(outlets):
        part = table[table["_outlet"] == o]
        ys = [claims.index(c) + offsets.get((c, o), 0.0) for c in part["_claim"]]
        ax.scatter(part["_value"], ys, s=52, marker=MARKERS[oi % len(MARKERS)],
                   color=CYCLE[oi % len(CYCLE)], edgecolor="white", linewidth=0.6, label=o, zorder=3)
    finite = table["_value"].dropna()
    if len(finite) and finite.min() <= 0 <= finite.max():
        ax.axvline(0, color="#777777", linewidth=0.8, linestyle=(0, (3, 3)), zorder=0)
    if len(finite):
        lo, hi = float(finite.min()), float(finite.max())
        margin = max((hi - lo) * 0.08, 0.5)
        ax.set_xlim(lo - margin, hi + margin)
    if len(finite) and np.allclose(finite, np.round(finite)):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_yticks(np.arange(len(claims)))
    ax.set_yticklabels(labels)
    ax.set_ylim(len(claims) - 0.5, -0.5)
    ax.set_xlabel(xlabel)
    head = f"Claim certainty across outlets{f' — {event}' if event is not None else ''}"
    ax.set_title(title or head)
    finish_axes(ax, "x")
    ax.grid(True, axis="y", color="#F0F0F0", linewidth=0.8)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15 - 0.04 * (len(claims) < 4)),
              ncol=min(k, 3), handletextpad=0.2, columnspacing=1.2)
    return fig


_PAIR_COLUMNS = {"group_a", "group_b", "sentence_a", "sentence_b", "hedges_a", "hedges_b",
                 "boosters_a", "boosters_b"}


def _is_claim_pairs(data: pd.DataFrame) -> bool:
    return set(data.columns) >= _PAIR_COLUMNS


def claims_from_pairs(pairs: pd.DataFrame, event: str | None = None,
                      max_claims: int | None = 10) -> pd.DataFrame:
    """Turn ``align_claims`` sentence pairs into one row per outlet and claim.

    Sentences linked by pairs (A~B, B~C) form one claim. Its label is the sentence of the
    best-matching pair; an outlet's certainty is boosters minus hedges in its sentence (the
    mean when it has several). Claims told by the most outlets come first.

    >>> claims = claims_from_pairs(mk.align_claims(df, event_id="e01"))  # doctest: +SKIP
    """
    if "event_id" in pairs.columns:
        events = list(dict.fromkeys(pairs["event_id"].astype(str)))
        if event is None and len(events) > 1:
            raise InputError(f"the claim pairs cover {len(events)} events ({', '.join(events[:8])}); "
                             "pass event=... to draw one")
        if event is not None:
            if str(event) not in events:
                raise InputError(f"event {event!r} is not in the table; events: {', '.join(events)}")
            pairs = pairs[pairs["event_id"].astype(str) == str(event)]
        elif len(events) == 1:
            event = events[0]
    if "similarity" in pairs.columns:
        pairs = pairs.sort_values("similarity", ascending=False, kind="stable")
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    nodes: dict[Any, dict[str, Any]] = {}
    order: list[Any] = []
    for rec in pairs.to_dict("records"):
        keys = []
        for side in ("a", "b"):
            key = (rec.get(f"doc_id_{side}", rec[f"group_{side}"]), rec.get(f"sentence_id_{side}"),
                   rec[f"sentence_{side}"])
            if key not in nodes:
                nodes[key] = {"outlet": str(rec[f"group_{side}"]),
                              "sentence": str(rec[f"sentence_{side}"]),
                              "value": float(rec[f"boosters_{side}"]) - float(rec[f"hedges_{side}"])}
                order.append(key)
            keys.append(key)
        ra, rb = find(keys[0]), find(keys[1])
        if ra != rb:
            parent[rb] = ra
    claims: dict[Any, list[Any]] = {}
    for key in order:  # best pairs first, so each claim is labelled by its best match
        claims.setdefault(find(key), []).append(key)
    rows = []
    ranked = sorted(claims.values(), key=lambda ks: -len({nodes[k]["outlet"] for k in ks}))
    for members in ranked[:max_claims] if max_claims else ranked:
        label = " ".join(nodes[members[0]]["sentence"].split())
        per_outlet: dict[str, list[float]] = {}
        for k in members:
            per_outlet.setdefault(nodes[k]["outlet"], []).append(nodes[k]["value"])
        for o, vals in per_outlet.items():
            rows.append({"event_id": event, "outlet": o, "claim": label,
                         "certainty": float(np.mean(vals))})
    out = pd.DataFrame(rows, columns=["event_id", "outlet", "claim", "certainty"])
    if event is None:
        out = out.drop(columns="event_id")
    if out.empty:
        raise InputError("no claims were matched across outlets for this event; try a lower "
                         "threshold= in align_claims")
    return out


# ---------------------------------------------------------------- saving


def save(fig: Any, path: str | Path, dpi: int = 150) -> Path:
    """Write ``fig`` (PNG at 150 dpi by default; .svg/.pdf by suffix), byte-identical on re-runs.

    >>> save(fig, "figures/rates.png")  # doctest: +SKIP
    """
    path = Path(path)
    if not hasattr(fig, "savefig"):
        raise InputError(f"save() needs a matplotlib Figure, got {type(fig).__name__}")
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    # Drop the version and date stamps so the same data gives the same bytes.
    metadata: dict[str, Any] | None = {
        ".png": {"Software": None},
        ".svg": {"Date": None, "Creator": None},
        ".pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    }.get(suffix or ".png")
    import matplotlib.pyplot as plt

    # Constrained layout refines itself on every draw; lay out once, then hold it while saving.
    engine = fig.get_layout_engine()
    if engine is not None:
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
    try:
        with plt.rc_context({"svg.hashsalt": RC["svg.hashsalt"]}):
            fig.savefig(path, dpi=dpi, bbox_inches="tight", facecolor="white", metadata=metadata,
                        format=None if suffix else "png")
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    return path


# ---------------------------------------------------------------- shared checks


def _need_frame(data: Any, fn: str) -> None:
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"{fn}() needs a pandas DataFrame, got {type(data).__name__}")
    if data.empty:
        raise InputError(f"{fn}() got an empty table: there is nothing to draw")


def _need_column(data: pd.DataFrame, col: str, fn: str) -> None:
    if col not in data.columns:
        hint = ""
        if col in ("outlet", "event_id") and "doc_id" in data.columns:
            hint = (f"; add it from the corpus first: "
                    f"table.merge(corpus[['doc_id', '{col}']], on='doc_id')")
        raise SchemaError(
            f"{fn}() needs a {col!r} column; the table has: "
            f"{', '.join(map(str, data.columns))}{hint}"
        )


def _ordered(values: pd.Series, order: Sequence[str] | None) -> list[str]:
    present = sorted(dict.fromkeys(values.astype(str)))
    if order is None:
        return present
    order = [str(o) for o in order]
    missing = [o for o in order if o not in present]
    if missing:
        raise InputError(f"order= names {missing} that are not in the data ({', '.join(present)})")
    return order + [p for p in present if p not in order]


def _wrap(text: str, width: int) -> str:
    """Wrap on word boundaries only ("RT International", never "RT Internati / onal")."""
    lines = textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or str(text)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _shorten_words(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–- ") + " …"


def _fmt_n(n: Any) -> str:
    try:
        f = float(n)
    except (TypeError, ValueError):
        return "?"
    return "?" if np.isnan(f) else f"{int(round(f)):,}"


def _split_common_voice(labels: list[str]) -> tuple[list[str], str]:
    """``["Hedges (outlet's own voice)", "Boosters (outlet's own voice)"]`` -> short labels + "in the
    outlet's own voice" (or the labels unchanged and "" when the voices differ)."""
    voices = {lab[lab.index(" ("):] for lab in labels if lab.endswith(")") and " (" in lab}
    if len(voices) != 1 or not all(lab.endswith(next(iter(voices))) for lab in labels):
        return labels, ""
    (voice,) = voices
    shared = {f" ({VOICES['author']})": f"in the {VOICES['author']}",
              f" ({VOICES['quoted']})": "in quoted speech",
              f" ({VOICES['all']})": f"in {VOICES['all']}"}.get(voice, voice.strip())
    return [lab[: -len(voice)] for lab in labels], shared


def _join_labels(labels: list[str]) -> str:
    if len(labels) <= 2:
        return " and ".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


__all__ = ["rates_by_outlet", "source_composition", "keyness_bars", "frame_heatmap", "cleaning_summary",
           "claim_certainty", "claims_from_pairs", "save", "bootstrap_mean_ci",
           "CATEGORY_COLORS"]
