"""The learned same-story score: a small logistic regression over the pair features.

The weights are data (``mediakit/models/alignment.json``, read once, lazily); the model card
``alignment.md`` beside them says what they were trained on and how well they do on stories
they never saw. ``scripts/train_alignment.py`` rebuilds them from ../shared.

>>> import numpy as np
>>> from mediakit.comparison.alignment.pair_features import FEATURES
>>> same_story_probability(np.zeros((0, len(FEATURES)))).shape
(0,)
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from .pair_features import FEATURES

MODEL_FILE = "alignment.json"


def design(F: np.ndarray) -> np.ndarray:
    """Features plus their products with ``headline_only``: headlines alone weigh clues differently."""
    h = F[:, FEATURES.index("headline_only")][:, None]
    return np.hstack([F, F[:, :-1] * h])


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    text = resources.files("mediakit.models").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    model = json.loads(text)
    if model["features"] != FEATURES:
        raise RuntimeError(f"{MODEL_FILE} was trained on other features; rerun scripts/train_alignment.py")
    return model


def same_story_probability(F: np.ndarray, model: dict[str, Any] | None = None) -> np.ndarray:
    """P(same story) for each row of a pair-feature matrix."""
    m = model or load_model()
    if len(F) == 0:
        return np.zeros(0)
    mean, scale, coef = np.asarray(m["mean"]), np.asarray(m["scale"]), np.asarray(m["coef"])
    logit = np.empty(len(F))
    step = 100_000  # in chunks: the design matrix of millions of pairs would double the memory
    for s in range(0, len(F), step):
        logit[s:s + step] = ((design(F[s:s + step]) - mean) / scale) @ coef
    logit += float(m["intercept"])
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))
