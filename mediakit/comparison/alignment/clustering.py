"""Stories from pair scores: average linkage inside the connected parts of the score graph.

Two groups merge when their articles are on average at least ``threshold`` likely to be the
same story (a pair that was never a candidate counts as 0). Under average linkage every merge
needs at least one pair at or above the threshold, so the graph of such pairs splits the corpus
into parts that can be clustered one at a time: memory follows the largest part, not the corpus.
Hard constraints enter as distances: pairs outside the date window, two articles of one outlet
(when forbidden) and articles pinned to different known stories can never end in one story;
articles pinned to the same known story always do.

>>> import numpy as np
>>> cluster(4, np.array([[0, 1], [2, 3]]), np.array([0.9, 0.2]), threshold=0.5).tolist()
[0, 0, 1, 2]
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

#: the largest part clustered at once (a dense part x part distance matrix); bigger parts are
#: first cut along their weakest links
MAX_PART = 2500


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    from scipy.sparse.csgraph import connected_components

    G = sp.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    return connected_components(G, directed=False)[1]


def cluster(
    n: int,
    pairs: np.ndarray,
    probs: np.ndarray,
    threshold: float,
    days: np.ndarray | None = None,
    window: float | None = None,
    exclusive: np.ndarray | None = None,
    pins: np.ndarray | None = None,
) -> np.ndarray:
    """Integer labels (0-based, in order of first appearance) for ``n`` articles.

    ``exclusive``: one value per article (e.g. outlet); two articles with the same value never
    share a story. ``pins``: one value per article, None/NaN where unknown.
    """
    from scipy.cluster.hierarchy import fcluster, linkage

    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    probs = np.asarray(probs, dtype=float)
    strong = probs >= threshold
    a, b = pairs[strong, 0], pairs[strong, 1]
    pin_codes = None
    if pins is not None:
        known = np.array([p is not None and p == p for p in pins], dtype=bool)
        pin_codes = np.full(n, -1, dtype=np.int64)
        if known.any():
            _, pin_codes[known] = np.unique(np.asarray(pins, dtype=object)[known].astype(str), return_inverse=True)
            idx = np.flatnonzero(known)
            first = {}
            pa, pb = [], []
            for i in idx:
                c = pin_codes[i]
                if c in first:
                    pa.append(first[c])
                    pb.append(i)
                else:
                    first[c] = i
            a = np.concatenate([a, np.array(pa, dtype=np.int64)])
            b = np.concatenate([b, np.array(pb, dtype=np.int64)])
    labels = np.full(n, -1, dtype=np.int64)
    next_label = 0
    P = sp.coo_matrix((probs, (pairs[:, 0], pairs[:, 1])), shape=(n, n)).tocsr() if len(pairs) else sp.csr_matrix((n, n))
    P = P.maximum(P.T).tocsr()
    todo = [(np.arange(n), a, b, threshold)]
    while todo:
        members, ea, eb, cut = todo.pop()
        comp = _components(n, ea, eb)[members]
        for c in np.unique(comp):
            part = members[comp == c]
            if len(part) == 1:
                labels[part] = next_label
                next_label += 1
                continue
            if len(part) > MAX_PART and cut < 0.999:
                # keep only this part's stronger links and split again
                inside = np.isin(ea, part) & np.isin(eb, part)
                w = np.asarray(P[ea[inside], eb[inside]]).ravel()
                higher = min(0.999, cut + (1.0 - cut) / 4)
                keep = (w >= higher) | _pinned(pin_codes, ea[inside], eb[inside])
                todo.append((part, ea[inside][keep], eb[inside][keep], higher))
                continue
            D = 1.0 - P[part][:, part].toarray()
            far = 10.0 * len(part) ** 2
            if days is not None and window is not None:
                gap = np.abs(days[part][:, None] - days[part][None, :])
                D[np.nan_to_num(gap, nan=0.0) > window] = far
            if exclusive is not None:
                v = exclusive[part]
                D[v[:, None] == v[None, :]] = far
            if pin_codes is not None:
                pc = pin_codes[part]
                both = (pc[:, None] >= 0) & (pc[None, :] >= 0)
                D[both & (pc[:, None] != pc[None, :])] = far
                D[both & (pc[:, None] == pc[None, :])] = 0.0
            np.fill_diagonal(D, 0.0)
            iu = np.triu_indices(len(part), 1)
            Z = linkage(D[iu], method="average")
            sub = fcluster(Z, t=1.0 - threshold, criterion="distance")
            for s in np.unique(sub):
                labels[part[sub == s]] = next_label
                next_label += 1
    # number by first appearance so that labels depend on the input order only
    _, first_idx, inv = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first_idx), dtype=np.int64)
    rank[np.argsort(first_idx)] = np.arange(len(first_idx))
    return rank[inv]


def _pinned(pin_codes: np.ndarray | None, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if pin_codes is None:
        return np.zeros(len(a), dtype=bool)
    return (pin_codes[a] >= 0) & (pin_codes[a] == pin_codes[b])
