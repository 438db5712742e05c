"""The evidence for one pair of articles being about the same story, one column per clue.

Bag-of-words similarity alone confuses two stories about the same people in the same week
(two Manchin stories in October 2021). So each candidate pair also gets: headline similarity,
headline-against-lead similarity, lead similarity with words weighted by how rare they are
*within the time window* (a name that is in every article that week says little), shared
names (capitalised sequences) and figures weighted by rarity, the distance in days, and how far
the pair falls below each article's best match (the best match of an article is usually its
story; a pair well below it usually is not).

>>> from mediakit.comparison.alignment.pair_features import FEATURES
>>> FEATURES[:3]
['cos_all', 'log_cos_all', 'cos_title']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ...text.tokens import WORD_RE
from .fields import Fields

FEATURES = [
    "cos_all",  # TF-IDF cosine of headline (twice) + body
    "log_cos_all",  # its log: a very low similarity is strong evidence against, whatever else
    "cos_title",  # headlines
    "cos_cross",  # the better of headline(a)~lead(b), headline(b)~lead(a)
    "cos_local",  # headline + lead, term weights from document frequency within the window
    "char_title",  # character 3-5-grams of the headlines (inflections, compounds)
    "names",  # shared capitalised sequences, rarity-weighted cosine
    "n_names",  # log(1 + number of shared names)
    "n_figures",  # log(1 + number of shared numbers)
    "days",  # |date difference| in days, capped at 7; 0 when a date is unknown
    "no_date",  # 1 when either date is unknown
    "below_best_max",  # the larger of (best cos_all of a) - cos_all, (best of b) - cos_all
    "below_best_min",
    "headline_only",  # 1 when either article has no body
]


@dataclass
class Vectors:
    """Sparse, row-normalised representations shared by blocking and pair features."""

    all: sp.csr_matrix
    title: sp.csr_matrix
    lead: sp.csr_matrix
    local: sp.csr_matrix
    char_title: sp.csr_matrix
    names: sp.csr_matrix
    names_bin: sp.csr_matrix
    figures_bin: sp.csr_matrix
    vocabulary: list[str]
    idf: np.ndarray


def _normalise(X: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ X)


def _bag(sets: list[set[str]]) -> tuple[sp.csr_matrix, list[str]]:
    vocab: dict[str, int] = {}
    indptr, indices = [0], []
    for s in sets:
        for w in sorted(s):
            indices.append(vocab.setdefault(w, len(vocab)))
        indptr.append(len(indices))
    data = np.ones(len(indices))
    M = sp.csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(sets), max(len(vocab), 1)))
    return M, list(vocab)


def _local_weights(counts: sp.csr_matrix, days: np.ndarray, window: float | None) -> sp.csr_matrix:
    """Sublinear tf x idf where the idf counts documents within about ``window`` days of each row."""
    n = counts.shape[0]
    binary = counts.copy()
    binary.data[:] = 1.0
    tf = counts.copy()
    tf.data = 1.0 + np.log(tf.data)
    global_df = np.asarray(binary.sum(axis=0)).ravel()
    global_idf = np.log((n + 1) / (global_df + 1)) + 1.0
    known = ~np.isnan(days)
    if window is None or not known.any():
        return _normalise(sp.csr_matrix(tf.multiply(global_idf[None, :])))
    width = max(float(window), 1.0)
    bucket = np.zeros(n, dtype=np.int64)
    bucket[known] = np.floor((days[known] - np.nanmin(days)) / width).astype(np.int64)
    nb = int(bucket[known].max()) + 1
    rows = np.flatnonzero(known)
    B = sp.csr_matrix((np.ones(len(rows)), (bucket[rows], rows)), shape=(nb, n))
    per_bucket = sp.csr_matrix(B @ binary)  # documents per (bucket, term)
    band = sp.diags([np.ones(nb - 1), np.ones(nb), np.ones(nb - 1)], [-1, 0, 1], shape=(nb, nb), format="csr")
    near = sp.csr_matrix(band @ per_bucket)  # the bucket and its neighbours: about +-window days
    docs_near = band @ np.bincount(bucket[rows], minlength=nb).astype(float)
    weighted = []
    for b in np.unique(bucket[rows]):
        members = rows[bucket[rows] == b]
        part = tf[members]
        dfs = near[b].toarray().ravel()
        idf = np.log((docs_near[b] + 1) / (dfs + 1)) + 1.0
        weighted.append((members, sp.csr_matrix(part.multiply(idf[None, :]))))
    undated = np.flatnonzero(~known)
    if len(undated):
        weighted.append((undated, sp.csr_matrix(tf[undated].multiply(global_idf[None, :]))))
    order = np.concatenate([m for m, _ in weighted])
    stacked = sp.vstack([w for _, w in weighted]).tocsr()
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.arange(n)
    return _normalise(stacked[inverse])


def build_vectors(fields: Fields, window: float | None) -> Vectors:
    """Fit the vocabularies on this corpus (rarity is relative to what the researcher has)."""
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    n = len(fields.titles)
    whole = [f"{t}\n{t}\n{b}" for t, b in zip(fields.titles, fields.bodies)]
    # max_df drops words in most articles; it cannot apply to a handful of articles
    word = TfidfVectorizer(
        token_pattern=WORD_RE.pattern, stop_words="english", sublinear_tf=True, max_df=0.5 if n >= 10 else 1.0
    )
    try:
        X = word.fit_transform(whole).tocsr()
        vocab = list(word.get_feature_names_out())
        idf = word.idf_
    except ValueError:  # nothing but stop words or empty texts
        empty = sp.csr_matrix((n, 1))
        return Vectors(empty, empty, empty, empty, empty, empty, empty, empty, [], np.ones(1))
    T = _normalise(word.transform(fields.titles).tocsr())
    L = _normalise(word.transform(fields.leads).tocsr())
    counter = CountVectorizer(token_pattern=WORD_RE.pattern, stop_words="english", vocabulary=word.vocabulary_)
    local = _local_weights(counter.transform([f"{t}\n{ld}" for t, ld in zip(fields.titles, fields.leads)]).tocsr(),
                           fields.days, window)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
    try:
        C = char.fit_transform(fields.titles).tocsr()
    except ValueError:
        C = sp.csr_matrix((n, 1))
    names_bin, _ = _bag(fields.names)
    ndf = np.asarray(names_bin.sum(axis=0)).ravel()
    names = _normalise(sp.csr_matrix(names_bin.multiply((np.log((n + 1) / (ndf + 1)) + 1.0)[None, :])))
    figures_bin, _ = _bag(fields.figures)
    return Vectors(X, T, L, local, C, names, names_bin, figures_bin, vocab, idf)


def _rowdot(A: sp.csr_matrix, a: np.ndarray, B: sp.csr_matrix, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products A[a[i]] . B[b[i]] without forming a pairs x pairs product."""
    if len(a) == 0:
        return np.zeros(0)
    out = np.empty(len(a))
    step = 20_000
    for s in range(0, len(a), step):
        out[s:s + step] = np.asarray(A[a[s:s + step]].multiply(B[b[s:s + step]]).sum(axis=1)).ravel()
    return out


def pair_features(vec: Vectors, fields: Fields, pairs: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """A ``len(pairs) x len(FEATURES)`` matrix of evidence for each candidate pair."""
    n = len(fields.titles)
    a, b = pairs[:, 0], pairs[:, 1]
    best = np.zeros(n)
    if len(pairs):
        np.maximum.at(best, a, sims)
        np.maximum.at(best, b, sims)
    cross = np.maximum(_rowdot(vec.title, a, vec.lead, b), _rowdot(vec.title, b, vec.lead, a))
    gap = np.abs(fields.days[a] - fields.days[b])
    no_date = np.isnan(gap)
    below_a, below_b = best[a] - sims, best[b] - sims
    cols = [
        sims,
        np.log(sims + 0.02),
        _rowdot(vec.title, a, vec.title, b),
        cross,
        _rowdot(vec.local, a, vec.local, b),
        _rowdot(vec.char_title, a, vec.char_title, b),
        _rowdot(vec.names, a, vec.names, b),
        np.log1p(_rowdot(vec.names_bin, a, vec.names_bin, b)),
        np.log1p(_rowdot(vec.figures_bin, a, vec.figures_bin, b)),
        np.minimum(np.nan_to_num(gap, nan=0.0), 7.0),
        no_date.astype(float),
        np.maximum(below_a, below_b),
        np.minimum(below_a, below_b),
        (~(fields.has_body[a] & fields.has_body[b])).astype(float),
    ]
    return np.column_stack(cols) if len(pairs) else np.zeros((0, len(FEATURES)))
