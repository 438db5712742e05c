"""Features of the learned attribution steps: hashed integer features of every token of a text.

The cue tagger (:mod:`.learned`) scores every token from features of itself and its neighbours
(lower-case form, suffix, shape, reporting-lexicon class, word cluster, inside or outside a
quotation, distance to the sentence edges, and conjunctions of these); the source model scores the words
of a cue's sentence from their distance and side to the cue, the quotation marks and commas
between, and their own form. Features are integers computed with NumPy on whole documents at
once (one dictionary look-up per distinct word, then array arithmetic) and hashed into a table
of 2**20 weights, so decoding costs about one regex pass over the words and the weights file
holds only numbers, no word of the training texts. The word clusters
(``mediakit/models/word_clusters.npz``, built by ``scripts/build_word_clusters.py`` from news
text outside PolNeAR) let a verb the annotated articles never showed share the weights of the
verbs used like it ("touted" with "hailed", "tweeted" with "wrote").

>>> from mediakit.text.doc import Document
>>> t = tokens(Document('Clinton called the plan "a disaster."'))
>>> t.feats.shape[0] == len(t.starts) == 9, int(t.quoted[6])
(True, 2)
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ...text.doc import Document
from .lexicon import reporting_nouns, reporting_verbs

BITS = 20  # 2**20 hashed weights
_MASK = (1 << BITS) - 1
TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|''|``|[^\w\s]")

_OPEN = frozenset("“‘«„")
_CLOSE = frozenset("”’»")
_SHAPES = {
    "lower": 1, "cap": 2, "upper": 3, "digit": 4, "open_q": 5, "close_q": 6, "straight_q": 7,
    "comma": 8, "period": 9, "colon": 10, "dash": 11, "paren": 12, "other": 13, "semicolon": 14,
    "apos": 15, "mixed": 16,
}
_MAX_WORD_CACHE = 200_000
# What re's \s matches (str.isspace): every such code point lies at or below U+3000.
_SPACES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)
_SOLID = np.ones(0x3002, dtype=bool)  # code point (U+3001 for any above) -> not whitespace
_SOLID[_SPACES] = False


def _shape(tok: str) -> int:
    c = tok[0]
    if c.isalpha() or c == "_":
        if tok.islower():
            return _SHAPES["lower"]
        if tok.isupper() and len(tok) > 1:
            return _SHAPES["upper"]
        return _SHAPES["cap"] if c.isupper() else _SHAPES["mixed"]
    if c.isdigit():
        return _SHAPES["digit"]
    if tok in ('"', "''", "``"):
        return _SHAPES["straight_q"]
    if c in _OPEN:
        return _SHAPES["open_q"]
    if c in _CLOSE:
        return _SHAPES["apos"] if c == "’" else _SHAPES["close_q"]
    if c == "'":
        return _SHAPES["apos"]
    return {",": 8, ".": 9, ":": 10, ";": 14, "—": 11, "–": 11, "―": 11, "-": 11, "(": 12, ")": 12}.get(c, 13)


def _h(s: str) -> int:
    return zlib.crc32(s.encode("utf-8", "surrogatepass"))  # a lone surrogate is hashed, not a crash


@lru_cache(maxsize=4)
def _lexicon_classes(language: str) -> dict[str, int]:
    """Lower-case word -> small class id: the reporting-verb category and strength of the forms
    (first word of phrasal forms), reporting nouns, "according"."""
    out: dict[str, str] = {}
    for form, v in reporting_verbs(language).items():
        head = form.split()[0]
        out.setdefault(head, f"v:{v.category}:{v.strength}:{v.form_kind}")
    for noun, (category, _c) in reporting_nouns(language).items():
        out.setdefault(noun, f"n:{category}")
    out["according"] = "according"
    return {w: _h(c) & 0xFFFF for w, c in out.items()}


CLUSTER_FILE = "word_clusters.npz"


@lru_cache(maxsize=4)
def _clusters(language: str) -> dict[str, tuple[int, int]]:
    """Lower-case word -> (coarse, fine) cluster number + 1 (0: no cluster), from
    ``mediakit/models/word_clusters.npz`` (built by ``scripts/build_word_clusters.py`` from news
    text outside PolNeAR); English only."""
    if language != "en":
        return {}
    with resources.files("mediakit.models").joinpath(CLUSTER_FILE).open("rb") as fh:
        z = np.load(fh, allow_pickle=False)
        return dict(zip(z["words"].tolist(), zip((z["coarse"].astype(np.int64) + 1).tolist(), (z["fine"].astype(np.int64) + 1).tolist())))


class _WordCache:
    """Per distinct token a row of (lower-case hash, suffix hash, shape, lexicon class, coarse and
    fine cluster), kept per process: a document's tokens cost one dictionary look-up each, then
    one array gather."""

    def __init__(self, language: str) -> None:
        self.classes = _lexicon_classes(language)
        self.clusters = _clusters(language)
        self.index: dict[str, int] = {}
        self.rows = np.zeros((1024, 6), dtype=np.int64)

    def _row(self, tok: str) -> tuple[int, int, int, int, int, int]:
        low = tok.lower()
        coarse, fine = self.clusters.get(low.replace("’", "'"), (0, 0))
        return _h(low), _h(low[-3:]), _shape(tok), self.classes.get(low, 0), coarse, fine

    def info(self, words: list[str]) -> np.ndarray:
        try:  # every word already cached (the usual case): one pass, no list
            return self.rows[np.fromiter(map(self.index.get, words), dtype=np.int64, count=len(words))]
        except TypeError:  # a new word (None)
            pass
        ids = list(map(self.index.get, words))
        if None in ids:
            fresh: list[tuple[int, int, int, int, int, int]] = []
            extra: dict[str, int] = {}
            for k, w in enumerate(words):
                if ids[k] is None:
                    known = self.index.get(w)  # a new word met earlier in this document
                    if known is not None:
                        ids[k] = known
                    elif len(self.index) < _MAX_WORD_CACHE:
                        i = self.index[w] = len(self.index)
                        if i >= len(self.rows):
                            self.rows = np.concatenate([self.rows, np.zeros_like(self.rows)])
                        self.rows[i] = self._row(w)
                        ids[k] = i
                    else:  # a full cache: the word's row is kept for this document only
                        if w not in extra:
                            extra[w] = len(fresh)
                            fresh.append(self._row(w))
                        ids[k] = -1 - extra[w]
            if fresh:
                local = np.array(fresh, dtype=np.int64)
                idx = np.array(ids, dtype=np.int64)
                return np.where((idx >= 0)[:, None], self.rows[np.maximum(idx, 0)], local[np.maximum(-1 - idx, 0)])
        return self.rows[np.array(ids, dtype=np.int64)]


@lru_cache(maxsize=4)
def _cache(language: str) -> _WordCache:
    return _WordCache(language)


_BUCKETS = np.array([1, 2, 3, 6, 11, 21])


def _bucket(a: np.ndarray) -> np.ndarray:
    """0, 1, 2, 3 (3-5), 4 (6-10), 5 (11-20), 6 (>20)."""
    return np.searchsorted(_BUCKETS, a, side="right")


@dataclass(frozen=True)
class Tokens:
    starts: np.ndarray
    ends: np.ndarray
    feats: np.ndarray  # (n_tokens, n_templates) hashed feature ids in [0, 2**BITS)
    word: np.ndarray  # hash of the lower-case form
    shape: np.ndarray
    lex: np.ndarray  # reporting-lexicon class (0: none)
    quoted: np.ndarray  # 0 outside a quotation, 1 inside an unclosed one, 2 inside a closed one
    sentence: np.ndarray  # sentence index


N_TEMPLATES = 48
_THAT = zlib.crc32(b"that")
# rows of the padded per-token array of _tokens
PAD = 3
_W, _SHAPE, _LEX, _CC, _CF, _ISQ, _THAT_ROW, _PRON = 0, 2, 3, 4, 5, 6, 7, 8
_PRONOUN_HASHES = np.array([zlib.crc32(p.encode()) for p in "he she they we i it who".split()], dtype=np.int64)


def tokens(doc: Document) -> Tokens:
    """The document's tokens and their hashed features. Computed per call, not kept on the
    document: the feature matrix holds 48 ids per token (about 400 bytes), which a corpus of
    analysed documents held together (``mk.profile``) would otherwise keep alive; each engine
    step that needs it asks once per document."""
    return _tokens(doc)


def _tokens(doc: Document) -> Tokens:
    text = doc.text
    words = TOKEN_RE.findall(text)
    n = len(words)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Tokens(empty, empty, np.zeros((0, N_TEMPLATES), dtype=np.int64), empty, empty, empty, empty, empty)
    # Every character is either whitespace or inside a token, so the tokens' offsets follow from
    # their lengths and the positions of the non-space characters (no per-token match objects).
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    solid = np.flatnonzero(_SOLID[np.minimum(codes, 0x3001)])
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=n)
    starts = solid[np.cumsum(lengths) - lengths].astype(np.int64)
    ends = starts + lengths
    info = _cache(doc.language).info(words)
    # The per-token rows, padded with PAD fill values either side so that a neighbour's value is a
    # view: at(r, k) is row r's value k tokens before (k > 0) or -k tokens after (k < 0) each
    # token. Words are 11 before the text and 13 after it, every other row 0.
    pad = np.zeros((9, n + 2 * PAD), dtype=np.int64)
    mid = pad[:, PAD:PAD + n]
    mid[:6] = info.T
    pad[_W, :PAD], pad[_W, PAD + n:] = 11, 13
    w, sfx, shape, lex, cc, cf = mid[0], mid[1], mid[2], mid[3], mid[4], mid[5]
    mid[_ISQ] = (shape >= 5) & (shape <= 7)  # a double quotation mark (shapes 5, 6, 7)
    mid[_THAT_ROW] = w == _THAT
    mid[_PRON] = (w[:, None] == _PRONOUN_HASHES).any(axis=1)

    def at(r: int, k: int) -> np.ndarray:
        return pad[r, PAD - k:PAD - k + n]

    wm1, wm2, wp1, wp2 = at(_W, 1), at(_W, 2), at(_W, -1), at(_W, -2)
    sm1, sp1, sm2, sp2 = at(_SHAPE, 1), at(_SHAPE, -1), at(_SHAPE, 2), at(_SHAPE, -2)
    lm1, lp1, lm2 = at(_LEX, 1), at(_LEX, -1), at(_LEX, 2)
    # inside a top-level quotation (closed or not)
    q_in = np.zeros(n, dtype=np.int64)
    if doc.quotes:
        qs = np.array([(q.start, q.end, 1 + q.closed) for q in doc.quotes], dtype=np.int64)
        i = np.searchsorted(qs[:, 0], starts, side="right") - 1
        ok = (i >= 0) & (starts < qs[np.maximum(i, 0), 1]) & (starts > qs[np.maximum(i, 0), 0])
        q_in[ok] = qs[i[ok], 2]
    # position in the sentence
    sent_starts = np.array(doc.sentence_starts or [0], dtype=np.int64)
    sid = np.maximum(np.searchsorted(sent_starts, starts, side="right") - 1, 0)
    first = np.r_[True, sid[1:] != sid[:-1]]
    first_idx = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    last = np.r_[sid[1:] != sid[:-1], True]
    last_idx = np.minimum.accumulate(np.where(last, np.arange(n), n)[::-1])[::-1]
    d_start = _bucket(np.arange(n) - first_idx)
    d_end = _bucket(last_idx - np.arange(n))
    # a double quotation mark within three tokens on either side
    q_near_l = at(_ISQ, 1) | at(_ISQ, 2) | at(_ISQ, 3)
    q_near_r = at(_ISQ, -1) | at(_ISQ, -2) | at(_ISQ, -3)
    wm3, wp3 = at(_W, 3), at(_W, -3)
    that_r = at(_THAT_ROW, -1) | at(_THAT_ROW, -2) | at(_THAT_ROW, -3)
    pron_l = at(_PRON, 1) | at(_PRON, 2)
    cap_l = ((sm1 == 2) & (sm2 == 2)).astype(np.int64)
    cols = [
        wm3, wp3, w * 3 + that_r, w * 5 + pron_l * 2 + cap_l, lex * 7 + that_r * 2 + pron_l, w * 31 + lp1,
        w, wm1, wm2, wp1, wp2, sfx, shape * 31 + sm1, shape * 31 + sp1, lex, lm1, lp1, lm2,
        w * 7 + wp1, wm1 * 7 + w, w * 5 + q_in, lex * 5 + q_in, sm1 * 1009 + w, w * 1013 + sp1,
        d_start, d_end, w * 17 + d_start, w * 19 + d_end, q_in * 3 + q_near_l * 5 + q_near_r * 7,
        w * 23 + q_near_l * 2 + q_near_r, sm2 * 131 + sm1 * 37 + shape, shape * 131 + sp1 * 37 + sp2,
        wm2 * 11 + wm1, wp1 * 11 + wp2, lex * 29 + d_start + 7 * d_end, sfx * 41 + sm1,
        # word clusters: what is learned for a word carries over to words used like it
        cf, cc, at(_CF, 1) * 1000 + 1, at(_CF, -1) * 1000 + 2, cf * 3 + that_r,
        cf * 5 + pron_l * 2 + cap_l, cf * 7 + q_near_l * 2 + q_near_r, cf * 11 + q_in,
        at(_CC, 1) * 401 + cf, cf * 401 + at(_CC, -1), cf * 13 + d_start, cc * 17 + lp1,
    ]
    feats = np.empty((n, N_TEMPLATES), dtype=np.int64)  # filled in place: no list of full copies to stack
    for k, col in enumerate(cols):
        feats[:, k] = col
    return Tokens(starts, ends, fold_inplace(feats), w, shape, lex, q_in, sid)


def fold(cols: list[np.ndarray], salt: int = 0) -> np.ndarray:
    """Feature values (one array per template) -> hashed ids in [0, 2**BITS), template id mixed in
    (unsigned arithmetic wraps, by design)."""
    return fold_inplace(np.stack(cols, axis=1).astype(np.int64, copy=False), salt)


def fold_inplace(feats: np.ndarray, salt: int = 0) -> np.ndarray:
    """:func:`fold` on an (n_tokens, n_templates) int64 array of feature values, overwritten and
    returned. The arithmetic is done in int64, whose wraparound keeps the same low 32 bits as the
    unsigned arithmetic; only those bits are kept before the shift, so the ids are the same."""
    tid = np.arange(salt, salt + feats.shape[1], dtype=np.int64) * 0x85EBCA77
    feats *= 0x9E3779B1  # the low 32 bits of the product depend only on the value's low 32 bits
    feats += tid
    feats &= 0xFFFFFFFF
    feats ^= feats >> 15
    feats &= _MASK
    return feats


STACK_BITS = 16  # the second pass: 2**16 hashed weights, plus one for the first-pass score
STACK_SCALE = 4.0  # the first-pass logit enters the second pass divided by this


def stack_features(t: Tokens, z: np.ndarray) -> np.ndarray:
    """Hashed features of the second cue pass, from the first pass's scores ``z``: each token's
    score (half-logit buckets) beside its neighbours' and its sentence's best score, how many
    tokens of the sentence the first pass keeps, and the token's form. A cue whose neighbours
    also look like cue words ("has long argued") or whose sentence already has a strong cue
    reads differently from a lone candidate."""
    n = len(z)
    if n == 0:
        return np.zeros((0, 10), dtype=np.int64)
    # b padded with 30 two tokens either side: pb[2 - k:2 - k + n] is the value k tokens before
    pb = np.full(n + 4, 30, dtype=np.int64)
    b = pb[2:2 + n]
    np.clip(np.floor(z * 2).astype(np.int64) + 12, 0, 24, out=b)
    bm1, bp1, bm2, bp2 = pb[1:1 + n], pb[3:3 + n], pb[0:n], pb[4:4 + n]
    # the token's sentence's best score (at least -99) and its count of kept tokens; a sentence
    # is a run of tokens (t.sentence never decreases)
    sid = t.sentence
    first = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]])
    size = np.diff(np.r_[first, n])
    best = np.repeat(np.maximum(np.maximum.reduceat(z, first), -99.0), size)
    sb = np.clip(np.floor(best * 2).astype(np.int64) + 12, 0, 24)
    kept = np.minimum(np.repeat(np.add.reduceat((z >= 0).astype(np.int64), first), size), 4)
    feats = np.empty((n, 10), dtype=np.int64)
    for k, col in enumerate([b, bm1 * 31 + 1, bp1 * 31 + 2, bm2 * 31 + 3, bp2 * 31 + 4,
                             b * 31 + sb, b * 7 + kept, b * 1009 + (t.word & 0xFFFF), bm1 * 25 + b, b * 25 + bp1]):
        feats[:, k] = col
    feats = fold_inplace(feats, salt=300)
    feats &= (1 << STACK_BITS) - 1
    return feats


SOURCE_WINDOW = 40  # tokens either side of a cue where its source is looked for


def source_window(t: Tokens, c0: int, c1: int) -> tuple[int, int]:
    """Token range [lo, hi) of the cue's sentence, at most SOURCE_WINDOW tokens either side."""
    sid = t.sentence[c0]
    lo = max(0, c0 - SOURCE_WINDOW)
    hi = min(len(t.starts), c1 + 1 + SOURCE_WINDOW)
    lo += int(np.searchsorted(t.sentence[lo:c0], sid, side="left"))
    hi = c1 + 1 + int(np.searchsorted(t.sentence[c1 + 1:hi], sid, side="right"))
    return lo, hi


def source_features(t: Tokens, c0: int, c1: int, lo: int, hi: int) -> np.ndarray:
    """Hashed features of tokens [lo, hi) as candidates for the source of the cue at tokens
    [c0, c1] (both inclusive): the token, its neighbours, its distance and side to the cue, the
    quotation marks and commas between."""
    j = np.arange(lo, hi)
    d = np.where(j < c0, j - c0, np.where(j > c1, j - c1, 0))
    rel = np.sign(d) * _bucket(np.abs(d)) + 8
    w, shape, lex = t.word[lo:hi], t.shape[lo:hi], t.lex[lo:hi]
    n = len(t.starts)
    wm1 = t.word[np.maximum(j - 1, 0)]
    wp1 = t.word[np.minimum(j + 1, n - 1)]
    sm1 = t.shape[np.maximum(j - 1, 0)]
    sp1 = t.shape[np.minimum(j + 1, n - 1)]
    cw = np.full_like(j, t.word[c0])
    isq = np.isin(t.shape[lo:hi], (5, 6, 7)).astype(np.int64)
    comma = (t.shape[lo:hi] == 8).astype(np.int64)
    cq, cc = np.cumsum(isq), np.cumsum(comma)
    k0, k1 = c0 - lo, c1 - lo
    # quotation marks / commas strictly between the token and the cue
    q_between = np.where(j < c0, cq[max(k0 - 1, 0)] - cq, np.where(j > c1, cq - isq - cq[k1], 0))
    c_between = np.where(j < c0, cc[max(k0 - 1, 0)] - cc, np.where(j > c1, cc - comma - cc[k1], 0))
    qb, cb = np.minimum(q_between, 3), np.minimum(c_between, 3)
    quoted = t.quoted[lo:hi]
    cols = [
        rel, rel * 7919 + w, rel * 31 + shape, rel * 37 + lex, w, shape, rel * 7877 + cw,
        w * 7 + wp1, wm1 * 7 + w, sm1 * 997 + shape * 31 + sp1, quoted * 17 + rel, qb * 19 + rel,
        cb * 23 + rel, w * 13 + cw, qb * 5 + cb + rel * 29 + shape * 1031, sm1 * 31 + rel * 3 + 1,
    ]
    return fold(cols, salt=100)


def runs(t: Tokens, keep: np.ndarray, text: str) -> list[tuple[int, int]]:
    """Character spans of the runs of kept tokens (a run breaks at a line break)."""
    idx = np.flatnonzero(keep)
    if len(idx) == 0:
        return []
    out: list[tuple[int, int]] = []
    s, e, last = int(t.starts[idx[0]]), int(t.ends[idx[0]]), idx[0]
    for i in idx[1:].tolist():
        if i == last + 1 and "\n" not in text[e:t.starts[i]]:
            e = int(t.ends[i])
        else:
            out.append((s, e))
            s, e = int(t.starts[i]), int(t.ends[i])
        last = i
    out.append((s, e))
    return out
