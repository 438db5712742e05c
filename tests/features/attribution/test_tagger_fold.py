"""The in-place int64 fold gives the ids of the unsigned formula it replaced."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit.features.attribution import tagger


def _old_fold(cols, salt=0):
    feats = (np.stack(cols, axis=1) & 0xFFFFFFFF).astype(np.uint64)
    tid = np.arange(salt, salt + len(cols), dtype=np.uint64)
    feats = (feats * np.uint64(0x9E3779B1) + tid * np.uint64(0x85EBCA77)) & np.uint64(0xFFFFFFFF)
    return ((feats ^ (feats >> np.uint64(15))) & np.uint64(tagger._MASK)).astype(np.int64)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 60), st.integers(1, 50), st.sampled_from([0, 100, 300]), st.integers(0, 2**32 - 1))
def test_fold_matches_unsigned_formula(n, k, salt, seed):
    rng = np.random.default_rng(seed)
    cols = [rng.integers(-(2**62), 2**62, size=n, dtype=np.int64) for _ in range(k)]
    cols[0][: n // 2] = rng.integers(0, 2**32, size=n // 2)  # crc32-sized values too
    assert np.array_equal(tagger.fold(cols, salt), _old_fold(cols, salt))


def test_solid_table_matches_isin():
    codes = np.arange(0x3100, dtype=np.uint32)
    old = ~np.isin(codes, tagger._SPACES)
    assert np.array_equal(tagger._SOLID[np.minimum(codes, 0x3001)], old)
