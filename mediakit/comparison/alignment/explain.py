"""Why a story was formed and how sure the grouping is, in terms a reader can check.

``confidence`` of an article in a story is the mean same-story probability to the other
articles of its story; of an article left alone, one minus its best probability to any other
article (so an article that nearly joined a story has low confidence either way).
``why`` lists the names, figures and words that most articles of the story share, rarest first.

>>> import numpy as np
>>> confidence(np.array([0, 0, 1]), np.array([[0, 1], [1, 2]]), np.array([0.9, 0.3])).round(2).tolist()
[0.9, 0.9, 0.7]
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .fields import Fields
from .pair_features import Vectors, _bag

WHY_TERMS = 5


def confidence(labels: np.ndarray, pairs: np.ndarray, probs: np.ndarray) -> np.ndarray:
    n = len(labels)
    a, b = (pairs[:, 0], pairs[:, 1]) if len(pairs) else (np.zeros(0, int), np.zeros(0, int))
    same = labels[a] == labels[b]
    size = np.bincount(labels, minlength=labels.max() + 1)[labels] if n else np.zeros(0)
    inside = np.zeros(n)
    np.add.at(inside, a[same], probs[same])
    np.add.at(inside, b[same], probs[same])
    best_out = np.zeros(n)
    np.maximum.at(best_out, a[~same], probs[~same])
    np.maximum.at(best_out, b[~same], probs[~same])
    grouped = size > 1
    out = 1.0 - best_out
    out[grouped] = inside[grouped] / (size[grouped] - 1)
    return out


def cohesion(labels: np.ndarray, pairs: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Mean probability to the story's other articles; NaN for an article alone."""
    n = len(labels)
    size = np.bincount(labels, minlength=labels.max() + 1)[labels] if n else np.zeros(0)
    c = confidence(labels, pairs, probs)
    return np.where(size > 1, c, np.nan)


def why(labels: np.ndarray, fields: Fields, vectors: Vectors, k: int = WHY_TERMS) -> list[str]:
    """One string per article: what the articles of its story share ("" for an article alone)."""
    n = len(labels)
    if n == 0:
        return []
    n_events = int(labels.max()) + 1
    G = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(n_events, n))
    size = np.asarray(G.sum(axis=1)).ravel()
    names = [{x for x in s} | f for s, f in zip(fields.names, fields.figures)]
    M, vocab = _bag(names)
    # whole names beat their parts ("joe manchin" over "manchin"): longer terms weigh more
    df = np.asarray(M.sum(axis=0)).ravel()
    weight = (np.log((n + 1) / (df + 1)) + 1.0) * np.array([1.0 + v.count(" ") for v in vocab] or [1.0])
    counts = sp.csr_matrix(G @ M)
    words = vectors.all.copy()
    words.data[:] = 1.0
    wcounts = sp.csr_matrix(G @ words)
    per_event = [""] * n_events
    for e in np.flatnonzero(size > 1):
        need = max(2, int(np.ceil(size[e] / 2)))
        row = counts[e]
        cols = row.indices[row.data >= need]
        chosen: list[str] = []
        for c in cols[np.argsort(-weight[cols], kind="stable")]:
            term = vocab[c]
            # a word already inside a chosen name adds nothing
            if any(term in t.split() for t in chosen):
                continue
            chosen.append(term)
            if len(chosen) >= k:
                break
        if len(chosen) < k and vectors.vocabulary:
            wrow = wcounts[e]
            wcols = wrow.indices[wrow.data >= need]
            for c in wcols[np.argsort(-vectors.idf[wcols], kind="stable")]:
                term = vectors.vocabulary[c]
                if any(term in t.split() for t in chosen):
                    continue
                chosen.append(term)
                if len(chosen) >= k:
                    break
        per_event[e] = ", ".join(chosen)
    return [per_event[lab] for lab in labels]
