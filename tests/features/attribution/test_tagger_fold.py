"""The faster tagger helpers give exactly what the formulas they replaced gave."""

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


def _shift(a, k, fill):
    """The old helper: the value k tokens before (k > 0) or -k tokens after (k < 0) each token."""
    out = np.full_like(a, fill)
    if k > 0:
        out[k:] = a[:-k]
    else:
        out[:k] = a[-k:]
    return out


def _old_stack_features(t, z):
    b = np.clip(np.floor(z * 2).astype(np.int64) + 12, 0, 24)
    sid = t.sentence
    best = np.full(int(sid[-1]) + 1, -99.0)
    np.maximum.at(best, sid, z)
    sb = np.clip(np.floor(best[sid] * 2).astype(np.int64) + 12, 0, 24)
    kept = np.minimum(np.bincount(sid, weights=(z >= 0).astype(np.float64), minlength=int(sid[-1]) + 1)[sid].astype(np.int64), 4)
    sh = _shift
    cols = [b, sh(b, 1, 30) * 31 + 1, sh(b, -1, 30) * 31 + 2, sh(b, 2, 30) * 31 + 3, sh(b, -2, 30) * 31 + 4,
            b * 31 + sb, b * 7 + kept, b * 1009 + (t.word & 0xFFFF), sh(b, 1, 30) * 25 + b, b * 25 + sh(b, -1, 30)]
    return _old_fold(cols, salt=300) & ((1 << tagger.STACK_BITS) - 1)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 80), st.floats(0.1, 300), st.integers(0, 2**32 - 1))
def test_stack_features_match_old_formula(n, scale, seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(0, scale, n)
    sid = np.cumsum(rng.integers(0, 3, n) * (rng.random(n) < 0.2))  # runs, gaps allowed
    word = rng.integers(0, 2**32, n)
    t = tagger.Tokens(*(np.zeros(n, dtype=np.int64),) * 2, np.zeros((n, tagger.N_TEMPLATES), dtype=np.int64),
                      word, np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64), sid)
    assert np.array_equal(tagger.stack_features(t, z), _old_stack_features(t, z))
