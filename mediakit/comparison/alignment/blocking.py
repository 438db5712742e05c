"""Which pairs of articles are worth scoring: near in time and sharing rare words.

Scoring every pair of 100,000 articles is 5 billion pairs; but an article can only be about the
same story as an article published within the date window that shares some of its rarer words.
The corpus is sorted by date and walked in chunks; each chunk is multiplied (sparse TF-IDF,
rare words weigh most) only with the articles inside its window, and each article keeps its
``k`` most similar neighbours. Memory grows with ``n * k``, never ``n * n``.

>>> import numpy as np, scipy.sparse as sp
>>> X = sp.csr_matrix(np.array([[1.0, 0], [1.0, 0], [0, 1.0]]))
>>> candidate_pairs(X, np.array([0.0, 1.0, 1.0]), window=2, k=5)[0].tolist()
[[0, 1]]
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

#: how many entries of a dense similarity block one chunk may hold (16 MB of float64)
BLOCK_CELLS = 2_000_000


def candidate_pairs(
    X: sp.csr_matrix, days: np.ndarray, window: float | None, k: int = 30, min_sim: float = 0.02
) -> tuple[np.ndarray, np.ndarray]:
    """``(pairs, sims)``: unique ``i < j`` pairs in one another's top-``k`` within ``window`` days.

    ``X`` holds L2-normalised rows, so ``X @ X.T`` is cosine similarity. Articles without a date
    are compared with every article (they cannot be placed in time).
    """
    n = X.shape[0]
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    days = np.asarray(days, dtype=float)
    known = ~np.isnan(days)
    use_window = window is not None and known.any()
    order = np.argsort(np.where(known, days, np.inf), kind="stable") if use_window else np.arange(n)
    n_known = int(known.sum()) if use_window else n
    undated = order[n_known:]  # sorted last
    sorted_days = days[order[:n_known]]
    rows_out: list[np.ndarray] = []
    cols_out: list[np.ndarray] = []
    sims_out: list[np.ndarray] = []
    start = 0
    Xo = X[order].tocsr()
    rd = np.concatenate([sorted_days, np.full(n - n_known, np.nan)])
    while start < n:
        if use_window and start < n_known:
            # size the chunk so that (chunk x its window) stays within BLOCK_CELLS
            lo = int(np.searchsorted(sorted_days, sorted_days[start] - window, "left"))
            guess_hi = int(np.searchsorted(sorted_days, sorted_days[start] + window, "right"))
            width = guess_hi - lo + len(undated)
            end = min(n_known, start + max(1, BLOCK_CELLS // max(width, 1)))
            while True:
                hi = int(np.searchsorted(sorted_days, sorted_days[end - 1] + window, "right"))
                if (end - start) * (hi - lo + len(undated)) <= BLOCK_CELLS or end - start == 1:
                    break
                end = start + max(1, (end - start) // 2)
            cols = np.concatenate([np.arange(lo, hi), np.arange(n_known, n)])
        else:
            end = min(n, start + max(1, BLOCK_CELLS // n))
            cols = np.arange(n)
        block = (Xo[start:end] @ Xo[cols].T).toarray()
        rows = np.arange(start, end)
        block[cols[None, :] == rows[:, None]] = 0.0
        if use_window:
            gap = np.abs(rd[rows][:, None] - rd[cols][None, :])
            block[np.nan_to_num(gap, nan=0.0) > window] = 0.0
        kk = min(k, block.shape[1])
        top = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
        vals = np.take_along_axis(block, top, axis=1)
        keep = vals >= min_sim
        r = np.repeat(rows, kk).reshape(-1, kk)[keep]
        rows_out.append(order[r])
        cols_out.append(order[cols[top[keep]]])
        sims_out.append(vals[keep])
        start = end
    a = np.concatenate(rows_out)
    b = np.concatenate(cols_out)
    s = np.concatenate(sims_out)
    lo_, hi_ = np.minimum(a, b), np.maximum(a, b)
    key = lo_.astype(np.int64) * n + hi_
    key, first = np.unique(key, return_index=True)
    pairs = np.stack([key // n, key % n], axis=1)
    return pairs, s[first]
