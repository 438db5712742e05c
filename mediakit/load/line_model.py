"""The learned part of the plain-text page cleaner: line features, a small network, a decoder.

Each non-blank line of a page becomes a vector of features that carry across sites and
languages (length, sentence ends, function-word share, capitals, cue phrases from the
boilerplate lexicon, dates, comment marks, lines repeated on the page or across a site's
pages, and the same for its neighbours and for wider windows around it). A one-hidden-layer
network, trained by ``scripts/train_page_cleaner.py`` and stored in
``mediakit/models/page_cleaner.npz`` (card: ``page_cleaner.md``), gives each line the
probability that it belongs to the article body. A two-state decoder then picks whole regions
(body / not body) with a price for every switch, so one contiguous article wins over scattered
prose, and inline holes (a caption, a "Read also" line) stay out.

>>> from mediakit.load.textpage import clean_text_page
>>> clean_text_page("Menu\\nCats nap a lot\\n\\nCats sleep up to sixteen hours a day, "
...                 "vets say.").paragraphs
['Cats sleep up to sixteen hours a day, vets say.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .textpage import _Line

# cue categories of mediakit/lexicons/boilerplate_cues.txt (+ "repeated", set by the cleaner)
CUE_CATEGORIES = ("nav", "related", "cta", "ad", "share", "footer", "credit", "dateline",
                  "cookie", "language", "comments", "repeated")

AGO_RE = re.compile(r"(?<!\w)(?:\d+|an?|one)\s+(?:sec|min|minute|hour|hr|day|week|month|year)s?\s+ago\b"
                  r"|\bhace\s+\d+|\bil y a\s+\d+|\bvor\s+\d+\s+(?:min|stunde|tag)|\d+\s+(?:мин|час|дн)",
                  re.I)
REPLY_RE = re.compile(r"^(?:reply|report|flag|like|share|quote|permalink|responder|répondre|antworten|"
                    r"ответить|upvote|downvote|\d+\s*(?:likes?|replies|points?|votes?|comments?))\b",
                    re.I)
_HANDLE = re.compile(r"(?:^|\s)@\w{2,}|\w+@\w+\.\w+|https?://|www\.\w")
_SEPARATORS = re.compile(r"\s[|•·/]\s|\s»\s|\s>\s")
_NUMERIC_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")

# neighbour offsets whose short feature summary is added to a line's vector
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_WINDOWS = (4, 12, 40)


@dataclass(frozen=True)
class LineModel:
    """A trained line scorer: standardisation, one tanh layer, a logistic output, decoder."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: float
    switch: float       # decoder: price of entering or leaving the body
    bias: float         # decoder: shift of the body/not-body log-odds
    names: tuple[str, ...]

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(body) for each row of a feature matrix."""
        h = np.tanh(((x - self.mean) / self.scale) @ self.w1 + self.b1)
        z = h @ self.w2 + self.b2
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {"mean": self.mean, "scale": self.scale, "w1": self.w1, "b1": self.b1,
                "w2": self.w2, "b2": np.array(self.b2), "switch": np.array(self.switch),
                "bias": np.array(self.bias), "names": np.array(self.names)}

    @classmethod
    def from_arrays(cls, a) -> LineModel:
        names = tuple(str(n) for n in a["names"])
        if names != feature_names():
            raise ValueError("page-cleaner weights do not match this version's features; "
                             "rerun scripts/train_page_cleaner.py")
        return cls(mean=a["mean"], scale=a["scale"], w1=a["w1"], b1=a["b1"], w2=a["w2"],
                   b2=float(a["b2"]), switch=float(a["switch"]), bias=float(a["bias"]), names=names)


@lru_cache(maxsize=1)
def default_model() -> LineModel:
    """The shipped weights (read once, on first use)."""
    ref = resources.files("mediakit.models").joinpath("page_cleaner.npz")
    with ref.open("rb") as f, np.load(f, allow_pickle=False) as a:
        return LineModel.from_arrays({k: a[k] for k in a.files})


_BASE = ("log_words", "log_chars", "terminal", "stop", "caps", "nums", "cue", *[f"cue_{c}" for c in
         CUE_CATEGORIES], "end", "template", "dated", "gap_before", "gap_after", "log_block",
         "block_pos", "repeated", "ago", "reply", "handle", "separators", "colon_end", "time",
         "prose", "heading", "byline", "short", "long", "alpha", "unspaced", "quote")
_NEIGHBOUR = ("log_words", "terminal", "stop", "cue", "prose", "gap_before")


@lru_cache(maxsize=1)
def feature_names() -> tuple[str, ...]:
    names = list(_BASE)
    for off in _OFFSETS:
        names += [f"{n}@{off:+d}" for n in _NEIGHBOUR]
    for w in _WINDOWS:
        names += [f"prose_words_pm{w}", f"cue_pm{w}", f"prose_above{w}", f"prose_below{w}"]
    names += ["rel_pos", "prose_share_above", "end_above", "comments_above", "log_lines",
              "paragraph_style", "dist_peak", "after_peak", "page_stop_fallback"]
    return tuple(names)


def line_features(lines: list[_Line], bylines: list[bool], stop_fallback: bool) -> np.ndarray:
    """The feature matrix (one row per line, columns as :func:`feature_names`)."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(feature_names())))
    cue_col = {c: 7 + k for k, c in enumerate(CUE_CATEGORIES)}
    n_cues = len(CUE_CATEGORIES)
    rows = []
    for i, ln in enumerate(lines):
        t = ln.text
        w = ln.words
        cues = [0.0] * n_cues
        k = cue_col.get(ln.cue) if ln.cue is not None else None
        if k is not None:
            cues[k - 7] = 1.0
        head = t[:200]
        prose = (w >= 8 and ln.terminal and ln.stop >= 0.12) or (w >= 18 and ln.stop >= 0.2) or \
            (w >= 30 and ln.terminal)
        rows.append((
            w, len(t), ln.terminal, ln.stop, ln.caps, ln.nums, ln.cue is not None, *cues,
            ln.end, ln.template, ln.dated, ln.gap_before, ln.gap_after, ln.block,
            (ln.idx - ln.block_start) / ln.block, 0.0,
            w <= 12 and AGO_RE.search(head) is not None, w <= 6 and REPLY_RE.search(head) is not None,
            _HANDLE.search(head) is not None, len(_SEPARATORS.findall(head)),
            t.endswith(":"), w <= 12 and _NUMERIC_TIME.search(head) is not None,
            prose, w >= 2 and not ln.terminal and ln.caps >= 0.6 and w <= 20, bylines[i],
            w <= 3, w >= 40, sum(map(str.isalpha, head)) / max(1, len(head)),
            w > 0 and _is_unspaced(head), t[:1] in "\"“«„'‘",
        ))
    base = np.array(rows, dtype=np.float64)
    for col in ("log_words", "log_chars", "log_block"):  # counts enter as logs
        j = _BASE.index(col)
        base[:, j] = np.log1p(base[:, j])
    # repeats on the page
    counts: dict[str, int] = {}
    for ln in lines:
        if len(ln.text) < 300:
            counts[ln.text] = counts.get(ln.text, 0) + 1
    rep = _BASE.index("repeated")
    for i, ln in enumerate(lines):
        base[i, rep] = min(3, counts.get(ln.text, 1) - 1)

    parts = [base]
    pick = [_BASE.index(c) for c in _NEIGHBOUR]
    small = base[:, pick]
    for off in _OFFSETS:
        shifted = np.zeros_like(small)
        shifted[:, 3] = 1.0  # beyond the page edge counts as boilerplate
        if off < 0 and n > -off:
            shifted[-off:] = small[:off]
        elif off > 0 and n > off:
            shifted[:-off] = small[off:]
        parts.append(shifted)

    words = np.array([ln.words for ln in lines], dtype=np.float64)
    prose_col = base[:, _BASE.index("prose")]
    prose_words = np.minimum(words, 150) * prose_col
    cue_any = base[:, 6]
    cp = np.concatenate([[0.0], np.cumsum(prose_words)])
    cc = np.concatenate([[0.0], np.cumsum(cue_any)])
    idx = np.arange(n)
    for w in _WINDOWS:
        lo = np.maximum(0, idx - w)
        hi = np.minimum(n, idx + w + 1)
        win = np.stack([
            np.log1p(cp[hi] - cp[lo]),
            (cc[hi] - cc[lo]) / (hi - lo),
            np.log1p(cp[idx] - cp[lo]),
            np.log1p(cp[hi] - cp[idx + 1]),
        ], axis=1)
        parts.append(win)

    total = max(1.0, cp[-1])
    end_col = base[:, _BASE.index("end")]
    comments_col = base[:, cue_col["comments"]] + base[:, _BASE.index("ago")] + \
        base[:, _BASE.index("reply")]
    end_above = np.concatenate([[0.0], np.cumsum(end_col)[:-1]])
    comments_above = np.concatenate([[0.0], np.cumsum(comments_col)[:-1]])
    # the densest stretch of prose on the page, and where the line is relative to it
    if n:
        lo = np.maximum(0, idx - 12)
        hi = np.minimum(n, idx + 13)
        dens = cp[hi] - cp[lo]
        peak = int(np.argmax(dens))
    else:
        peak = 0
    paragraph_style = _paragraph_style(lines, prose_col)
    glob = np.stack([
        idx / max(1, n - 1),
        cp[idx] / total,
        np.log1p(end_above),
        np.log1p(comments_above),
        np.full(n, np.log1p(n)),
        np.full(n, paragraph_style),
        np.tanh((idx - peak) / 30.0),
        (idx > peak).astype(np.float64),
        np.full(n, float(stop_fallback)),
    ], axis=1)
    parts.append(glob)
    return np.concatenate(parts, axis=1)


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")


def _is_unspaced(head: str) -> bool:
    return len(_UNSPACED.findall(head)) >= 4


def _paragraph_style(lines: list[_Line], prose: np.ndarray) -> float:
    """1.0 when three prose lines in a row each stand alone (a browser copy of <p>s)."""
    run = 0
    for ln, p in zip(lines, prose):
        run = run + 1 if p and ln.block == 1 else 0
        if run >= 3:
            return 1.0
    return 0.0


def decode(p: np.ndarray, words: np.ndarray, switch: float, bias: float) -> np.ndarray:
    """Two-state Viterbi over lines (0 = not body, 1 = body): each line earns its log-odds of
    being body, weighted by its length, and every change of state costs ``switch``; this keeps
    the article in one piece and drops isolated prose-like lines elsewhere on the page."""
    n = len(p)
    if n == 0:
        return np.zeros(0, dtype=bool)
    eps = 1e-6
    gain = (np.log(p + eps) - np.log(1 - p + eps) + bias) * (1.0 + np.log1p(words))
    back = np.zeros((n, 2), dtype=np.int8)
    s0, s1 = 0.0, -switch  # starting inside the body costs one switch
    back_rows = back
    for i in range(n):
        g = gain[i]
        stay0, from1 = s0, s1 - switch
        n0 = stay0 if stay0 >= from1 else from1
        back_rows[i, 0] = 0 if stay0 >= from1 else 1
        stay1, from0 = s1, s0 - switch
        n1 = (stay1 if stay1 >= from0 else from0) + g
        back_rows[i, 1] = 1 if stay1 >= from0 else 0
        s0, s1 = n0, n1
    state = 0 if s0 >= s1 else 1
    out = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):
        out[i] = state == 1
        state = back[i, state]
    return out
