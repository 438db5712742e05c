"""Showing results: figures (matplotlib), highlighted articles (HTML) and a notebook explorer.

>>> import mediakit as mk
>>> html = mk.highlight("Officials said the dam may fail.")
>>> "<mark" in str(html) or "mk-" in str(html)
True

Figures (``mk.viz.rates_by_outlet`` ...) load matplotlib, and the explorer loads ipywidgets, only
when first used, so ``Article._repr_html_`` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

from .highlight import Highlighted, highlight

_LAZY = {
    "rates_by_outlet": "mediakit.viz.figures",
    "source_composition": "mediakit.viz.figures",
    "keyness_bars": "mediakit.viz.figures",
    "frame_heatmap": "mediakit.viz.figures",
    "frame_shares": "mediakit.viz.frame_figures",
    "frame_share_plot": "mediakit.viz.frame_figures",
    "claim_certainty": "mediakit.viz.figures",
    "claims_from_pairs": "mediakit.viz.figures",
    "cleaning_summary": "mediakit.viz.figures",
    "save": "mediakit.viz.figures",
    "explore": "mediakit.viz.widgets",
    "Explorer": "mediakit.viz.widgets",
}

__all__ = [
    "Explorer", "Highlighted", "claim_certainty", "claims_from_pairs", "cleaning_summary", "explore",
    "frame_heatmap", "frame_share_plot", "frame_shares", "highlight",
    "keyness_bars", "rates_by_outlet", "save", "source_composition",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'mediakit.viz' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
