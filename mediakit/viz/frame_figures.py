"""Frame figures a researcher can publish: the share of articles that use each frame, by outlet.

The input is the long table of :func:`mediakit.detect_frames` (one row per article and frame,
with a yes/no ``present``). :func:`frame_shares` turns it into the share of a group's articles
that use each frame, with a Wilson 95 % interval (articles are the unit, so a long article
counts once); :func:`frame_share_plot` draws those shares as dots with interval bars on one
0-100 % axis, so no single frame's colour scale hides the others. Frames no article uses are
left out rather than drawn as a row of zeros.

>>> import mediakit as mk
>>> corpus = mk.load_workshop()
>>> shares = mk.viz.frame_shares(mk.detect_frames(corpus), corpus, by="outlet")  # doctest: +SKIP
>>> fig = mk.viz.frame_share_plot(shares)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, SchemaError
from .style import CYCLE, finish_axes, new_axes, styled

_Z = 1.959964  # two-sided 95 %

FRAME_LABELS = {
    "economic": "Economic", "capacity_resources": "Capacity & resources", "morality": "Morality",
    "fairness_equality": "Fairness & equality", "legality": "Legality", "policy": "Policy",
    "crime_punishment": "Crime & punishment", "security_defense": "Security & defense",
    "health_safety": "Health & safety", "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity", "public_opinion": "Public opinion", "political": "Political",
    "external_regulation": "External regulation", "conflict": "Conflict", "human_interest": "Human interest",
    "responsibility": "Responsibility",
}


def wilson_interval(k: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """95 % Wilson score interval for k successes out of n (no zero-width interval at 0 or n)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + _Z**2 / n
        centre = (p + _Z**2 / (2 * n)) / denom
        half = _Z * np.sqrt(p * (1 - p) / n + _Z**2 / (4 * n**2)) / denom
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def frame_shares(detected: pd.DataFrame, corpus: pd.DataFrame | None = None, by: str = "outlet") -> pd.DataFrame:
    """Share of articles using each frame, per group: ``group, frame, n_articles, n_present, share,
    ci_low, ci_high, mean_probability``.

    ``detected`` is ``mk.detect_frames(corpus)``; ``corpus`` supplies the ``by`` column (matched
    on ``doc_id``) unless ``detected`` already has it. ``mean_probability`` is the expected share
    from the calibrated probabilities, a check on the yes/no labels.

    >>> shares = frame_shares(mk.detect_frames(corpus), corpus)  # doctest: +SKIP
    """
    if not isinstance(detected, pd.DataFrame):
        raise InputError(f"frame_shares() needs the table of mk.detect_frames, got {type(detected).__name__}")
    need = {"doc_id", "frame", "present", "probability"}
    missing = need - set(detected.columns)
    if missing:
        raise SchemaError(f"frame_shares() needs the columns of mk.detect_frames(corpus); missing {sorted(missing)}")
    data = detected
    if by not in data.columns:
        if corpus is None or by not in corpus.columns or "doc_id" not in corpus.columns:
            raise SchemaError(f"frame_shares() needs a {by!r} column: pass the corpus (with doc_id and {by!r})")
        data = data.merge(corpus[["doc_id", by]].drop_duplicates("doc_id"), on="doc_id", how="left")
    data = data.assign(_group=data[by].astype(str))
    g = data.groupby(["_group", "frame"], sort=False)
    out = pd.DataFrame({
        "n_articles": g["doc_id"].nunique(),
        "n_present": g["present"].sum().astype(int),
        "mean_probability": g["probability"].mean(),
    }).reset_index().rename(columns={"_group": "group"})
    out["share"] = out["n_present"] / out["n_articles"]
    out["ci_low"], out["ci_high"] = wilson_interval(out["n_present"].to_numpy(), out["n_articles"].to_numpy())
    return out[["group", "frame", "n_articles", "n_present", "share", "ci_low", "ci_high", "mean_probability"]]


@styled
def frame_share_plot(
    shares: pd.DataFrame,
    frames: Sequence[str] | None = None,
    order: Sequence[str] | None = None,
    ax: Any = None,
    title: str | None = None,
) -> Any:
    """Dots (share of articles using the frame) with 95 % interval bars, one colour per group.

    Frames run down the side, sorted by their share over all groups; all frames share one
    0-100 % axis. Frames that no article in any group uses are dropped (named in the caption).

    >>> fig = frame_share_plot(frame_shares(mk.detect_frames(corpus), corpus))  # doctest: +SKIP
    """
    if not isinstance(shares, pd.DataFrame) or shares.empty:
        raise InputError("frame_share_plot() needs the non-empty table of mk.viz.frame_shares")
    data = shares if frames is None else shares[shares["frame"].isin(list(frames))]
    used = data.groupby("frame")["n_present"].sum()
    unused = sorted(used.index[used == 0])
    data = data[data["frame"].isin(used.index[used > 0])]
    if data.empty:
        raise InputError("no article uses any of these frames: there is nothing to draw")
    overall = data.groupby("frame")["n_present"].sum() / data.groupby("frame")["n_articles"].sum()
    frame_order = list(overall.sort_values(ascending=True).index)  # largest at the top
    groups = list(order) if order is not None else sorted(data["group"].unique())
    fig, ax = new_axes(ax, figsize=(7.2, 1.2 + 0.42 * len(frame_order)))
    step = 0.7 / max(len(groups), 1)
    for i, grp in enumerate(groups):
        part = data[data["group"] == grp].set_index("frame").reindex(frame_order)
        y = np.arange(len(frame_order)) + (i - (len(groups) - 1) / 2) * step
        n = int(part["n_articles"].max()) if part["n_articles"].notna().any() else 0
        color = CYCLE[i % len(CYCLE)]
        ax.errorbar(100 * part["share"], y,
                    xerr=[100 * (part["share"] - part["ci_low"]), 100 * (part["ci_high"] - part["share"])],
                    fmt="o", ms=5, color=color, ecolor=color, elinewidth=1.2, capsize=0, label=f"{grp} (n={n})")
    ax.set_yticks(np.arange(len(frame_order)))
    ax.set_yticklabels([FRAME_LABELS.get(f, f) for f in frame_order])
    ax.set_xlim(0, 100)
    ax.set_xlabel("articles using the frame (%), with 95 % interval")
    for y in np.arange(len(frame_order) - 1) + 0.5:
        ax.axhline(y, color="#E5E5E5", linewidth=0.6, zorder=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    caption = "Frames from mk.detect_frames (calibrated frame labels, one vote per article)."
    if unused:
        caption += " Not used by any article: " + ", ".join(FRAME_LABELS.get(f, f) for f in unused) + "."
    ax.set_title(title or "Which frames do the articles use?", loc="left")
    fig.text(0.01, -0.02, caption, fontsize=7.5, color="#555555", ha="left", va="top", wrap=True)
    finish_axes(ax, grid_axis="x")
    return fig
