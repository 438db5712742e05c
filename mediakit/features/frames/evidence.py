"""Step 2 of frame detection: where in a text each frame's cues fire, sentence by sentence.

The text is cut into sentences at end punctuation followed by space, and at blank lines (a
fast cut, good enough to show a reader why a frame was detected; abbreviations such as "Mr."
may split a sentence in two). Each sentence gets a weighted cue count per frame.

>>> from mediakit.features.frames.evidence import collect_evidence
>>> ev = collect_evidence("Taxes rose. The court ruled.", "mfc")
>>> ev.n_words, len(ev.spans)
(5, 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...text.tokens import WORD_RE
from .lexicon import NO_CUES, Lexicon, _norm, load_lexicon, rest_matches

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+|\n\s*\n")


@dataclass(frozen=True)
class Evidence:
    """Cue hits of one text: per sentence (rows, ``spans`` order) and frame (columns) weights."""

    scheme: str
    n_words: int
    spans: list[tuple[int, int]]  # sentence (start, end) offsets into the text as passed in
    weights: np.ndarray  # sentences x frames, summed cue weights
    hit_sentence: np.ndarray  # one entry per cue hit: sentence index
    hit_entry: np.ndarray  # one entry per cue hit: lexicon entry id


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Half-open sentence offsets (a fast cut at end punctuation + space, and blank lines)."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start() + (1 if text[m.start()] in ".!?" else 0)))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans


def match_words(words: list[str], lex: Lexicon) -> list[tuple[int, int, int]]:
    """Cue matches in one sentence's lowercased words: ``(first word, number of words, entry)``.

    A word counts once per frame: the longest cue wins ("supreme court", not also "court"), and
    "campaign" is not counted again by "campaign*".
    """
    cand = lex.candidates
    get = lex._cache.get
    frame_of, weight = lex.frame_of, lex.weight
    last = len(words) - 1
    covered: dict[int, int] = {}  # frame -> last word already counted for it
    out: list[tuple[int, int, int]] = []
    # most words start no cue: skip them in one comprehension (the hot path)
    for i in [i for i, w in enumerate(words) if get(w) is not NO_CUES]:
        found = get(words[i]) or cand(words[i])
        if not found:  # a new word form that starts no cue (now cached)
            continue
        single, by_second, wild = found
        matches = [(1, e) for e in single]
        if i < last and (by_second or wild):
            nxt = words[i + 1]
            for rest, e in by_second.get(nxt) or by_second.get(_norm(nxt), ()):
                if not rest or rest_matches(words, i + 2, rest):
                    matches.append((2 + len(rest), e))
            for rest, e in wild:
                if rest_matches(words, i + 1, rest):
                    matches.append((1 + len(rest), e))
        best: dict[int, tuple[int, int]] = {}
        for n, e in matches:
            f = frame_of[e]
            if covered.get(f, -1) >= i:
                continue
            held = best.get(f)
            if held is None or n > held[0] or (n == held[0] and weight[e] > weight[held[1]]):
                best[f] = (n, e)
        for f, (n, e) in best.items():
            out.append((i, n, e))
            covered[f] = i + n - 1
    return out


def collect_evidence(text: str, scheme: str = "mfc", lexicon: Lexicon | None = None) -> Evidence:
    """Cue hits of ``text`` for every frame of ``scheme``, located in sentences."""
    lex = lexicon or load_lexicon(scheme)
    low = text.lower().replace("’", "'")  # same length: offsets stay valid
    spans = sentence_spans(text)
    findall = WORD_RE.findall
    hs: list[int] = []
    he: list[int] = []
    n_words = 0
    for s, (a, b) in enumerate(spans):
        words = findall(low, a, b)
        n_words += len(words)
        for _, _, e in match_words(words, lex):
            hs.append(s)
            he.append(e)
    n_frames = len(lex.frames)
    weights = np.zeros((len(spans), n_frames))
    hit_sentence = np.asarray(hs, dtype=np.int64)
    hit_entry = np.asarray(he, dtype=np.int64)
    if len(he):
        frames_arr, weights_arr = _arrays(lex)
        np.add.at(weights, (hit_sentence, frames_arr[hit_entry]), weights_arr[hit_entry])
    return Evidence(lex.scheme, n_words, spans, weights, hit_sentence, hit_entry)


def frame_cue_spans(text: str, scheme: str = "mfc") -> pd.DataFrame:
    """Every cue that fired, with character offsets: ``start, end, text, cue, frame, weight, source``.

    For a highlighter (mark the words behind a frame label) and for auditing the lexicon.

    >>> frame_cue_spans("The Supreme Court ruled.")[["text", "frame"]].values.tolist()
    [['Supreme Court', 'legality'], ['ruled', 'legality']]
    """
    lex = load_lexicon(scheme)
    low = text.lower().replace("’", "'")
    rows = []
    for a, b in sentence_spans(text):
        found = list(WORD_RE.finditer(low, a, b))
        for i, n, e in match_words([m[0] for m in found], lex):
            start, end = found[i].start(), found[i + n - 1].end()
            rows.append({"start": start, "end": end, "text": text[start:end], "cue": lex.cues[e],
                         "frame": lex.frames[lex.frame_of[e]], "weight": lex.weight[e], "source": lex.source[e]})
    columns = ["start", "end", "text", "cue", "frame", "weight", "source"]
    return pd.DataFrame(rows, columns=columns)


_ARRAYS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _arrays(lex: Lexicon) -> tuple[np.ndarray, np.ndarray]:
    got = _ARRAYS.get(id(lex))
    if got is None:
        got = (np.asarray(lex.frame_of, dtype=np.int64), np.asarray(lex.weight, dtype=float))
        _ARRAYS[id(lex)] = got
    return got
