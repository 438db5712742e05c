"""Near-duplicate articles: syndicated copies, re-publications and updated versions.

Database exports and crawls are full of the same story: a wire report printed by twenty
papers, an article updated four times, a web and a print version. Counted as separate
articles they inflate whatever is measured. :func:`find_duplicates` groups them.

How: each text is lower-cased and cut into overlapping word *shingles* (5 consecutive words
by default, words as :mod:`mediakit.text.tokens` defines them, punctuation ignored). Two
texts are near-duplicates when the **Jaccard similarity** of their shingle sets (shared
shingles / all distinct shingles) is at least ``threshold`` — or, with
``measure="containment"``, when the shorter text's shingles are mostly inside the longer
one (shared / shingles of the shorter), which catches copies an outlet trimmed. Candidate
pairs come from MinHash signatures with locality-sensitive banding; every candidate is then
checked with the *exact* similarity, so no pair below the threshold is ever flagged. Groups
are the connected components of the flagged pairs.

What the default ``threshold=0.8`` (5-word shingles, Jaccard) means in practice: a copy with
a new headline and a changed sentence or two is flagged; a story rewritten or extended by
a third is not (its Jaccard falls to about 0.6). See docs/research_formats.md for measured
similarities of typical edits.

``df[~df.is_duplicate]`` keeps one row per distinct story, and counting ``dup_group`` per
outlet counts stories, not copies:

>>> import mediakit as mk
>>> df = mk.find_duplicates(corpus)                          # doctest: +SKIP
>>> distinct = df[~df.is_duplicate]                          # doctest: +SKIP
>>> df.groupby("outlet").dup_group.nunique()                  # doctest: +SKIP
"""

from __future__ import annotations

import string
import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, SchemaError

MEASURES = ("jaccard", "containment")
_PUNCT_TO_SPACE = str.maketrans({c: " " for c in string.punctuation + "\u2018\u2019\u201a\u201c\u201d"
                                 "\u201e\u00ab\u00bb\u2039\u203a\u2013\u2014\u2026\u00b7\u00a0"})
KEEP = ("first", "longest", "earliest")
_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_MIX3 = np.uint64(0x94D049BB133111EB)
# Buckets bigger than this are paired as a star plus a chain, not all pairs, so thousands of
# identical texts (a repeated notice) cost linear, not quadratic, time.
_MAX_BUCKET_PAIRS = 40
_LOW40 = (1 << 40) - 1


def find_duplicates(data: Any, threshold: float = 0.8, *, text_column: str = "text",
                    shingle_size: int = 5, measure: str = "jaccard", keep: str = "first",
                    within: str | None = None, num_perm: int = 64, seed: int = 1) -> pd.DataFrame:
    """Flag near-duplicate articles; return a copy of the table with group columns added.

    Added columns: ``dup_group`` (int; rows of one story share it, every row has one, so
    ``df.dup_group.nunique()`` counts distinct stories), ``dup_group_size``, ``is_duplicate``
    (True for every copy except the one kept), ``duplicate_of`` (the ``doc_id`` — or index
    label — of the kept row, None for kept rows) and ``dup_similarity`` (exact similarity to
    the kept row, None for kept rows).

    ``keep`` chooses which member of a group counts as the original: ``"first"`` (row order),
    ``"longest"`` (most words) or ``"earliest"`` (smallest ``published``). ``within="outlet"``
    only pairs rows with the same value in that column (updated versions inside one outlet,
    not syndication across outlets).
    Empty texts are never duplicates.

    >>> df = pd.DataFrame({"text": ["The storm may reach the coast on Tuesday, officials said.",
    ...                             "The storm may reach the coast on Tuesday, officials said today.",
    ...                             "Parliament passed the budget after a long night of debate."]})
    >>> find_duplicates(df)["is_duplicate"].tolist()
    [False, True, False]
    """
    df = _as_frame(data, text_column)
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise InputError(f"threshold must be a number in (0, 1], not {threshold!r}")
    if measure not in MEASURES:
        raise InputError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if keep not in KEEP:
        raise InputError(f"keep must be one of {', '.join(KEEP)}, not {keep!r}")
    if not isinstance(shingle_size, int) or shingle_size < 1:
        raise InputError(f"shingle_size must be a positive integer, not {shingle_size!r}")
    if not isinstance(num_perm, int) or num_perm < 8:
        raise InputError(f"num_perm must be an integer of at least 8, not {num_perm!r}")
    if within is not None and within not in df.columns:
        raise SchemaError(f"within={within!r}: the table has no such column")
    if keep == "earliest" and "published" not in df.columns:
        raise SchemaError("keep='earliest' needs a 'published' column")

    texts = ["" if not isinstance(t, str) else t for t in df[text_column].tolist()]
    shingles = ShingleSets(texts, shingle_size)
    sig = shingles.signatures(num_perm, seed)
    # Containment of a text half as long as its copy is reached at a Jaccard of about half the
    # threshold; search candidates that low, verify exactly.
    lsh_threshold = threshold if measure == "jaccard" else max(0.05, threshold / 2)
    rows = _rows_per_band(lsh_threshold, num_perm)
    pairs = _candidate_pairs(sig, rows, shingles.nonempty)
    parent = list(range(len(texts)))
    checked = 0
    scope = df[within].tolist() if within is not None else None
    for i, j in pairs:
        if scope is not None and scope[i] != scope[j]:
            continue
        checked += 1
        if shingles.similarity(i, j, measure) >= threshold:
            _union(parent, i, j)
    return _label(df, parent, shingles, measure, keep, threshold, checked)


def _as_frame(data: Any, text_column: str) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        if text_column not in data.columns:
            raise SchemaError(f"the DataFrame has no column {text_column!r}; pass text_column=...")
        return data.copy()
    if isinstance(data, pd.Series):
        return data.rename(text_column).to_frame()
    if isinstance(data, Iterable) and not isinstance(data, (str, bytes)):
        items = list(data)
        if not all(isinstance(t, str) or t is None for t in items):
            raise InputError("find_duplicates takes a DataFrame, a Series or a list of texts")
        return pd.DataFrame({text_column: items})
    raise InputError(f"find_duplicates takes a DataFrame, a Series or a list of texts, not {type(data).__name__}")


class ShingleSets:
    """Sorted, distinct 64-bit shingle hashes per text (word ids, so hashing is deterministic)."""

    def __init__(self, texts: list[str], k: int, batch: int = 2000):
        self.k = k
        self.sets: list[np.ndarray] = []
        for start in range(0, len(texts), batch):
            self.sets.extend(_batch_shingles(texts[start:start + batch], k))
        self.nonempty = np.array([len(s) > 0 for s in self.sets], dtype=bool)

    def signatures(self, num_perm: int, seed: int) -> np.ndarray:
        """MinHash signature per text (rows of empty texts are unique sentinels)."""
        rng = np.random.default_rng(seed)
        a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
        b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        n = len(self.sets)
        sig = np.empty((n, num_perm), dtype=np.uint64)
        lengths = np.array([len(s) for s in self.sets], dtype=np.int64)
        # Process texts in batches so the (shingles x permutations) product stays small.
        order = np.arange(n)
        batch: list[int] = []
        size = 0
        for i in order:
            batch.append(i)
            size += lengths[i]
            if size >= 200_000 or i == n - 1:
                self._fill(sig, batch, lengths, a, b)
                batch, size = [], 0
        if not self.nonempty.all():
            empty = np.flatnonzero(~self.nonempty)
            sig[empty] = (empty.astype(np.uint64)[:, None] | np.uint64(1 << 63))
        return sig

    def _fill(self, sig: np.ndarray, batch: list[int], lengths: np.ndarray,
              a: np.ndarray, b: np.ndarray) -> None:
        docs = [i for i in batch if lengths[i]]
        if not docs:
            return
        flat = np.concatenate([self.sets[i] for i in docs])
        starts = np.concatenate([[0], np.cumsum(lengths[docs])[:-1]])
        with np.errstate(over="ignore"):
            for p in range(len(a)):
                sig[docs, p] = np.minimum.reduceat(flat * a[p] + b[p], starts)

    def similarity(self, i: int, j: int, measure: str) -> float:
        x, y = self.sets[i], self.sets[j]
        if not len(x) or not len(y):
            return 0.0
        inter = len(np.intersect1d(x, y, assume_unique=True))
        if measure == "containment":
            return inter / min(len(x), len(y))
        return inter / (len(x) + len(y) - inter)


def _word_ids(text: str) -> np.ndarray:
    # Lower-case words with punctuation removed; crc32 keeps word hashing in C and the same in
    # every process (Python's hash() is salted per process). +1 keeps 0 out of the alphabet.
    words = text.lower().translate(_PUNCT_TO_SPACE).encode("utf-8").split()
    return np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words)) + np.uint64(1)


def _batch_shingles(texts: list[str], k: int) -> list[np.ndarray]:
    """Distinct sorted shingle hashes for each text of a batch, computed in a few array passes."""
    ids = [_word_ids(t) for t in texts]
    lengths = np.array([len(x) for x in ids], dtype=np.int64)
    out: list[np.ndarray] = [np.empty(0, dtype=np.uint64)] * len(texts)
    # A text shorter than one shingle is one shingle of all its words.
    for i in np.flatnonzero((lengths > 0) & (lengths < k)):
        out[i] = _mix(_window_hash(ids[i], int(lengths[i]))) >> np.uint64(24)
    full = np.flatnonzero(lengths >= k)
    if not len(full):
        return out
    flat = np.concatenate([ids[i] for i in full])
    lens = lengths[full]
    ends = np.cumsum(lens)
    h = _mix(_window_hash(flat, k))  # one hash per window start; some cross text boundaries
    doc = np.repeat(np.arange(len(full)), lens)[: len(h)]
    valid = np.arange(len(h)) + k <= ends[doc]
    # Sort (text, hash) pairs packed in one integer: 40 hash bits are plenty to tell a text's
    # few thousand shingles apart, and one np.sort is far faster than a two-key lexsort.
    key = np.sort((doc[valid].astype(np.uint64) << np.uint64(40)) | (h[valid] >> np.uint64(24)))
    if len(key) > 1:  # np.unique's hash path is slower than sort + neighbour test here
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]
    h, doc = key & np.uint64(_LOW40), (key >> np.uint64(40)).astype(np.int64)
    counts = np.bincount(doc, minlength=len(full))
    for i, part in zip(full, np.split(h, np.cumsum(counts)[:-1])):
        out[i] = part
    return out


def _window_hash(ids: np.ndarray, k: int) -> np.ndarray:
    n = len(ids)
    with np.errstate(over="ignore"):
        h = np.zeros(n - k + 1, dtype=np.uint64)
        for j in range(k):
            h = h * _MIX1 + ids[j: n - k + 1 + j]
    return h


def _mix(h: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(31))
        h = h * _MIX2
        h = h ^ (h >> np.uint64(29))
        h = h * _MIX3
        h = h ^ (h >> np.uint64(32))
    return h


def _rows_per_band(threshold: float, num_perm: int) -> int:
    """The most rows per band that still makes a pair at ``threshold`` a candidate with
    probability >= 0.995 (fewer rows = more candidates to verify, never fewer true pairs)."""
    best = 1
    for r in range(1, num_perm + 1):
        bands = num_perm // r
        if 1 - (1 - threshold ** r) ** bands >= 0.995:
            best = r
    return best


def _candidate_pairs(sig: np.ndarray, rows: int, nonempty: np.ndarray) -> set[tuple[int, int]]:
    n, num_perm = sig.shape
    pairs: set[tuple[int, int]] = set()
    idx = np.flatnonzero(nonempty)
    if len(idx) < 2:
        return pairs
    with np.errstate(over="ignore"):
        for start in range(0, num_perm - rows + 1, rows):
            key = np.zeros(len(idx), dtype=np.uint64)
            for col in range(start, start + rows):
                key = key * _MIX1 + sig[idx, col]
            order = np.argsort(key, kind="stable")
            sorted_keys = key[order]
            starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
            sizes = np.diff(np.append(starts, len(sorted_keys)))
            # Buckets of two (the usual case) are paired in one array step; bigger ones in a loop.
            two = starts[sizes == 2]
            if len(two):
                a, b = idx[order[two]], idx[order[two + 1]]
                pairs.update(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist()))
            for s, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist()):
                members = sorted(idx[order[s:s + size]].tolist())
                if len(members) <= _MAX_BUCKET_PAIRS:
                    pairs.update((members[x], members[y]) for x in range(len(members))
                                 for y in range(x + 1, len(members)))
                else:
                    first = members[0]
                    pairs.update((first, m) for m in members[1:])
                    pairs.update(zip(members[1:-1], members[2:]))
    return pairs


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def _label(df: pd.DataFrame, parent: list[int], shingles: ShingleSets, measure: str,
           keep: str, threshold: float, checked: int) -> pd.DataFrame:
    n = len(parent)
    roots = [_find(parent, i) for i in range(n)]
    members: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        members.setdefault(r, []).append(i)
    if keep == "longest":
        sizes = [len(s) for s in shingles.sets]
        kept = {r: min(m, key=lambda i: (-sizes[i], i)) for r, m in members.items()}
    elif keep == "earliest":
        when = pd.to_datetime(df["published"], errors="coerce", utc=True, format="mixed")
        stamps = [t.value if not pd.isna(t) else np.iinfo(np.int64).max for t in when]
        kept = {r: min(m, key=lambda i: (stamps[i], i)) for r, m in members.items()}
    else:
        kept = {r: m[0] for r, m in members.items()}
    group_ids = {r: g for g, r in enumerate(sorted(members, key=lambda r: members[r][0]))}
    ids = df["doc_id"].tolist() if "doc_id" in df.columns else df.index.tolist()
    dup_of: list[Any] = []
    sim: list[float | None] = []
    for i, r in enumerate(roots):
        k = kept[r]
        if k == i:
            dup_of.append(None)
            sim.append(None)
        else:
            dup_of.append(ids[k])
            sim.append(round(shingles.similarity(i, k, measure), 4))
    df["dup_group"] = np.array([group_ids[r] for r in roots], dtype=np.int64)
    df["dup_group_size"] = np.array([len(members[r]) for r in roots], dtype=np.int64)
    df["is_duplicate"] = np.array([kept[r] != i for i, r in enumerate(roots)], dtype=bool)
    df["duplicate_of"] = pd.Series(dup_of, index=df.index, dtype=object)
    df["dup_similarity"] = pd.Series(sim, index=df.index, dtype="Float64")
    df.attrs["duplicates"] = {
        "threshold": threshold, "measure": measure, "shingle_size": shingles.k,
        "pairs_verified": checked, "groups": len(members),
        "duplicates": int(df["is_duplicate"].sum()),
    }
    return df
