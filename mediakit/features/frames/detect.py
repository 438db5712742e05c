"""Step 4 of frame detection: the public table — which frames an article uses, and why.

``mk.detect_frames`` runs lexicon -> evidence -> model for each text and returns a long table,
one row per (article, frame): ``doc_id`` (for a corpus), ``frame``, ``probability`` (calibrated
out-of-fold on coded articles; see the model card in ``mediakit/models/``), ``present`` (the
probability reached the frame's threshold, chosen by cross-validation), ``n_words``, ``cues``
(the cue phrases that fired, with counts) and ``evidence`` (the sentences that carry most of the
frame's cue weight, as ``(start, end)`` offsets into the text as passed in).

>>> import mediakit as mk
>>> t = mk.detect_frames("The tax cut will cost billions and hurt jobs, economists said.")
>>> bool(t.set_index("frame").loc["economic", "present"])
True
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...errors import InputError
from ..corpus_input import iter_texts
from .evidence import Evidence, collect_evidence
from .lexicon import SCHEME_FRAMES, load_lexicon
from .model import frame_features, generic_design, load_model, probabilities

COLUMNS = ["frame", "probability", "present", "n_words", "cues", "evidence"]
_TOP_SENTENCES = 3
_TOP_CUES = 6


def detect_frames(
    text: Any,
    scheme: str = "mfc",
    language: str | None = None,
    text_column: str = "text",
    evidence: bool = True,
) -> pd.DataFrame:
    """Which frames each article uses: a calibrated probability and a yes/no label per frame.

    ``scheme="mfc"`` (default): the 14 Media Frames Corpus dimensions (keys of ``mk.FRAMES``
    without "other"). ``scheme="generic"``: conflict, economic, human_interest, morality,
    responsibility (Semetko & Valkenburg 2000). ``text`` is a str, a list or Series of texts, or
    a corpus DataFrame (then ``doc_id`` comes first: the corpus' ``doc_id``, else the index). ``language`` must be English (``None``/"en"): the
    lexicons are English. ``evidence=False`` skips the cue and sentence columns (faster tables).

    >>> import mediakit as mk
    >>> t = mk.detect_frames("Police arrested two suspects; prosecutors charged them with murder.")
    >>> t.loc[t.present, "frame"].tolist()
    ['crime_punishment']
    """
    if scheme not in SCHEME_FRAMES:
        raise InputError(f"unknown frame scheme {scheme!r}; choose 'mfc' or 'generic'")
    if language not in (None, "en", "english", "English"):
        raise InputError(
            f"detect_frames has English lexicons only; got language={language!r}. "
            "For other languages train mk.FrameClassifier on texts you coded."
        )
    lex = load_lexicon(scheme)
    model = load_model(scheme)
    mfc_lex = load_lexicon("mfc") if scheme == "generic" else None
    threshold = np.broadcast_to(model["threshold_"], (len(lex.frames),))
    columns = COLUMNS if evidence else COLUMNS[:4]

    def one(doc: str) -> dict[str, Any]:
        ev = collect_evidence(doc, scheme, lex)
        feats = frame_features(ev)
        if mfc_lex is not None:  # the generic model also reads how prominent each MFC frame is
            mfeats = frame_features(collect_evidence(doc, "mfc", mfc_lex))
            feats = generic_design(feats, mfeats)
        p = probabilities(feats, model)
        out: dict[str, Any] = {
            "frame": list(lex.frames),
            "probability": p,
            "present": p >= threshold,
            "n_words": [ev.n_words] * len(lex.frames),
        }
        if evidence:
            cues, spans = _explain(ev, lex)
            out["cues"], out["evidence"] = cues, spans
        return out

    if isinstance(text, str):
        return pd.DataFrame(one(text), columns=columns)
    if isinstance(text, list | tuple):  # a plain list of texts: doc_id is the position
        text = pd.Series(list(text), dtype=object)
    parts = []
    ids = []
    for doc_id, doc in iter_texts(text, text_column):
        parts.append(one(doc))
        ids.append(doc_id)
    if not parts:
        return pd.DataFrame(columns=["doc_id", *columns])
    n = len(lex.frames)
    table = {"doc_id": np.repeat(np.asarray(ids, dtype=object), n)}
    for c in columns:
        if c in ("probability",):
            table[c] = np.concatenate([p[c] for p in parts])
        elif c == "present":
            table[c] = np.concatenate([p[c] for p in parts]).astype(bool)
        else:
            table[c] = [v for p in parts for v in p[c]]
    return pd.DataFrame(table, columns=["doc_id", *columns])


def _explain(ev: Evidence, lex) -> tuple[list[str], list[tuple[tuple[int, int], ...]]]:
    """Per frame: "cue ×n; ..." for the most frequent cues, and the top sentences' offsets."""
    n = len(lex.frames)
    per_frame: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    if len(ev.hit_entry):
        entries, counts = np.unique(ev.hit_entry, return_counts=True)
        for e, k in zip(entries.tolist(), counts.tolist()):
            per_frame[lex.frame_of[e]].append((k, lex.cues[e]))
    cues = []
    for items in per_frame:
        items.sort(key=lambda kc: -kc[0])  # stable: equal counts keep lexicon order
        cues.append("; ".join(f"{c} ×{k}" for k, c in items[:_TOP_CUES]))
    spans: list[tuple[tuple[int, int], ...]] = [() for _ in range(n)]
    if len(ev.weights):
        top = np.argsort(-ev.weights, axis=0, kind="stable")[:_TOP_SENTENCES]  # sentences x frames
        for f in np.flatnonzero(ev.weights.max(axis=0) > 0).tolist():
            rows = sorted(i for i in top[:, f].tolist() if ev.weights[i, f] > 0)
            spans[f] = tuple(ev.spans[i] for i in rows)
    return cues, spans
