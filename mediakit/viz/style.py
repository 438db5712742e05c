"""One look for every mediakit figure and highlight: the Okabe–Ito palette, labelled units, no junk.

The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design") stays distinguishable for the
common forms of colour-vision deficiency, so every colour a figure or a highlight uses comes
from :data:`OKABE_ITO`, and each measure keeps its colour everywhere (hedges are always blue,
boosters always vermillion).

>>> from mediakit.viz.style import color_for, unit_for
>>> color_for("hedges_per_1k"), unit_for("hedges_per_1k")
('#0072B2', 'per 1,000 words')
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#999999"

#: Colour of each cue category (figures); the highlighter uses light tints of the same hues.
CATEGORY_COLORS = {
    "hedge": OKABE_ITO["blue"],
    "booster": OKABE_ITO["vermillion"],
    "approximator": OKABE_ITO["orange"],
}

#: Speaker types in a fixed order (the order of the source_profile share_* columns).
SPEAKER_TYPES = ("official", "expert", "organization", "media", "anonymous", "citizen",
                 "document", "other")
SPEAKER_COLORS = {
    "official": OKABE_ITO["blue"],
    "expert": OKABE_ITO["bluish_green"],
    "organization": OKABE_ITO["orange"],
    "media": OKABE_ITO["reddish_purple"],
    "anonymous": "#333333",
    "citizen": OKABE_ITO["vermillion"],
    "document": OKABE_ITO["sky_blue"],
    "other": GREY,
}

# Fallback cycle for measures that have no colour of their own.
CYCLE = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple",
                                "sky_blue", "yellow", "black")]

RC: dict[str, Any] = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.grid": False,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "svg.hashsalt": "mediakit",
}


def unit_for(measure: str) -> str:
    """The axis unit of a profile / compare measure name."""
    m = measure.lower()
    if m.endswith("_per_1k") or m.startswith("frame_"):
        return "per 1,000 words"
    if m == "hedged_sentence_share":
        return "share of sentences"
    if m.startswith("share_"):
        return "share of attributions"
    if m.startswith(("n_", "words", "sentences")):
        return "count per article"
    return "value"


#: The three voices a hedge or booster can be counted in, as every figure, table and doc names them.
VOICES = {
    "all": "all voices",
    "author": "outlet's own voice",
    "quoted": "quoted",
}


def voice_of(measure: str) -> str | None:
    """Which voice a hedge/booster/approximator measure counts: ``"author"``, ``"quoted"``,
    ``"all"``, or None for a measure that is not about hedging."""
    m = measure.lower()
    if not any(k in m for k in ("hedge", "booster", "approximator")):
        return None
    for voice in ("author", "quoted"):
        if m.startswith(voice + "_"):
            return voice
    return "all"


def label_for(measure: str) -> str:
    """A readable label that says its voice: ``author_hedges_per_1k`` -> ``Hedges (outlet's own voice)``,
    ``hedges_per_1k`` -> ``Hedges (all voices)``, ``quoted_hedges_per_1k`` -> ``Hedges (quoted)``."""
    m = measure.lower()
    if m.startswith("share_"):
        key = m[len("share_"):]
        if key in SPEAKER_TYPES:
            return f"{key.capitalize()} sources"
        if key in ("direct", "indirect"):
            return f"{key.capitalize()} attributions"
    for prefix in ("frame_", "share_"):
        if m.startswith(prefix):
            m = m[len(prefix):]
    voice = voice_of(m)
    if voice in ("author", "quoted"):
        m = m[len(voice) + 1:]
    m = m.removesuffix("_per_1k")
    special = {
        "hedged_sentence_share": "Hedged sentences",
        "capacity_resources": "Capacity & resources",
        "fairness_equality": "Fairness & equality",
        "crime_punishment": "Crime & punishment",
        "security_defense": "Security & defence",
        "health_safety": "Health & safety",
        "quality_of_life": "Quality of life",
        "cultural_identity": "Cultural identity",
        "public_opinion": "Public opinion",
        "external_regulation": "External regulation",
        "n_attributions": "Attributions",
        "n_sources": "Distinct sources",
    }
    text = special.get(m, m.replace("_", " "))
    suffix = f" ({VOICES[voice]})" if voice else ""
    return text[:1].upper() + text[1:] + suffix


def color_for(measure: str, i: int = 0) -> str:
    """The colour a measure always gets (hedges blue, boosters vermillion ...)."""
    m = measure.lower()
    for cat, col in (("approximator", CATEGORY_COLORS["approximator"]),
                     ("booster", CATEGORY_COLORS["booster"]),
                     ("hedge", CATEGORY_COLORS["hedge"])):
        if cat in m:
            return col
    key = m.removeprefix("share_")
    if key in SPEAKER_COLORS:
        return SPEAKER_COLORS[key]
    return CYCLE[i % len(CYCLE)]


def text_color_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (a #RRGGBB colour)."""
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if luminance > 0.45 else "white"


def tint(color: str, alpha: float) -> str:
    """A CSS ``rgba()`` of a #RRGGBB colour (used for highlight backgrounds)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


F = TypeVar("F", bound=Callable[..., Any])


def styled(fn: F) -> F:
    """Draw inside the mediakit rc context, so fonts and spines match without changing globals."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import matplotlib.pyplot as plt

        with plt.rc_context(RC):
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def new_axes(ax: Any = None, figsize: tuple[float, float] = (7.0, 4.5)) -> tuple[Any, Any]:
    """``(fig, ax)``: the given axes and its figure, or a fresh figure."""
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax


def finish_axes(ax: Any, grid_axis: str = "x") -> None:
    """Hide top/right spines and draw a light grid behind the data on one axis."""
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    if grid_axis:
        ax.grid(True, axis=grid_axis, color=RC["grid.color"], linewidth=RC["grid.linewidth"])
    ax.set_axisbelow(True)
    ax.tick_params(length=3)
