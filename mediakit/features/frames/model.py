"""Step 3 of frame detection: from located cue evidence to a calibrated probability per frame.

Every frame of an article is described by the same few numbers (``FEATURES``), computed from
its cue evidence: how much evidence (log count), how dense (per 1,000 words), how spread
(share of sentences with a cue), how prominent against the other frames (share of all frame
evidence), and the article's length. A small logistic model turns them into a probability;
the MFC model reads the evidence count and the article length (the other numbers added
nothing out-of-fold); its coefficients are data in ``mediakit/models/frames_<scheme>.json`` (trained by
``scripts/train_frames.py``; see the model card beside it). Because it is a logistic model
fitted out-of-fold, its output is already a Platt-calibrated probability.

>>> from mediakit.features.frames.evidence import collect_evidence
>>> from mediakit.features.frames.model import frame_features
>>> frame_features(collect_evidence("Taxes rose.", "mfc")).shape
(14, 5)
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np

from ...errors import InputError
from .evidence import Evidence

FEATURES: tuple[str, ...] = ("log_hits", "log_density", "sentence_share", "frame_share", "log_length")


def frame_features(ev: Evidence) -> np.ndarray:
    """frames x ``FEATURES`` for one text (rows in the scheme's frame order)."""
    hits = ev.weights.sum(axis=0) if len(ev.weights) else np.zeros(ev.weights.shape[1])
    n = max(ev.n_words, 1)
    n_sent = max(len(ev.spans), 1)
    covered = (ev.weights >= 1.0).sum(axis=0) / n_sent if len(ev.weights) else np.zeros_like(hits)
    share = hits / (hits.sum() + 1.0)
    length = np.full_like(hits, np.log1p(ev.n_words) / 10.0)
    return np.column_stack([np.log1p(hits), np.log1p(1000.0 * hits / n), covered, share, length])


@lru_cache(maxsize=4)
def load_model(scheme: str) -> dict:
    """The stored model of ``scheme`` (coefficients, threshold, calibration table), read once."""
    name = f"frames_{scheme}.json"
    try:
        text = resources.files("mediakit.models").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"no frame model for scheme {scheme!r} ({name} is missing)") from None
    data = json.loads(text)
    data["coef_"] = np.asarray(data["coef"], dtype=float)
    data["intercept_"] = np.asarray(data["intercept"], dtype=float)
    data["threshold_"] = np.asarray(data["threshold"], dtype=float)
    if data["coef_"].ndim == 1:  # the shared model reads a subset of FEATURES, named in the file
        unknown = [n for n in data["features"] if n not in FEATURES]
        if unknown:
            raise InputError(f"{name}: unknown features {unknown}")
        data["columns_"] = [FEATURES.index(n) for n in data["features"]]
    return data


def probabilities(features: np.ndarray, model: dict) -> np.ndarray:
    """Probability per frame from ``frame_features`` rows (one coefficient row per frame)."""
    coef = model["coef_"]
    if coef.ndim == 1:  # one shared model for all frames
        z = features[:, model["columns_"]] @ coef + model["intercept_"]
    else:  # one model per frame, each row already its design (see generic_design)
        z = np.einsum("fk,fk->f", features, coef) + model["intercept_"]
    return 1.0 / (1.0 + np.exp(-z))


def generic_design(generic: np.ndarray, mfc: np.ndarray) -> np.ndarray:
    """Rows of the generic model: a generic frame's own features, then each MFC frame's share.

    A generic frame such as "responsibility" shows in the policy and legality vocabulary too.
    """
    share = mfc[:, FEATURES.index("frame_share")]
    return np.column_stack([generic, np.tile(share, (generic.shape[0], 1))])
