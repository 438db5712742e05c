"""Claim alignment: pair sentences that report the same claim in different outlets' articles.

Events come from an ``event_id`` column or, when there is none, from :func:`mk.align_events`
(the learned same-story alignment). Within one event, every sentence of one outlet's article
is compared with every sentence of another outlet's article (TF-IDF cosine over the event's sentences). A pair is kept when each
sentence is the other's best match and the similarity reaches ``threshold``. For each side the
table shows hedges, boosters and attribution cues found in the sentence (when mediakit's hedge
and source finders are available), so "Rasmussen said troops may come" can be set beside
"Troops will come".

The pairing is a similarity guess, not a judgement that the two sentences make the same claim:
``similarity`` is reported for every pair; inspect low ones before drawing conclusions.
A dateline opening a paragraph ("VESSEN, Esmerin (Meridian Wire) —") is not part of a claim:
the sentence starts after it, and a sentence that is only a dateline is skipped.

>>> import mediakit as mk, pandas as pd
>>> df = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["A", "B"], "event_id": ["e1", "e1"],
...     "text": ["The army may send troops to the border town.", "The army will send troops to the border town."]})
>>> mk.align_claims(df)[["group_a", "group_b"]].values.tolist()
[['A', 'B']]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, MediakitError
from ..features.corpus_input import iter_texts
from ..lexicons.dictionary import read_bundled_table
from ..text.sentences import split_sentences
from ..text.tokens import WORD_RE, count_words
from .stats import group_values, require_columns

SIDE = ["doc_id", "group", "sentence_id", "start", "end", "sentence", "hedges", "boosters", "attributed"]
COLUMNS = ["event_id", *[f"{c}_a" for c in SIDE], *[f"{c}_b" for c in SIDE], "similarity"]


def _cue_offsets(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    """(hedge-cue starts with category, attribution-cue starts) for one text; empty if unavailable."""
    hedges: list[tuple[int, str]] = []
    sources: list[int] = []
    try:
        from ..features.hedging import find_hedges

        h = find_hedges(text)
        hedges = list(zip(h["start"].astype(int).tolist(), h["category"].astype(str).tolist()))
    except (ImportError, AttributeError, MediakitError):
        pass
    try:
        from ..features.sources import find_sources

        s = find_sources(text)
        sources = [int(x) for x in s["cue_start"].dropna().tolist()]
    except (ImportError, AttributeError, MediakitError):
        pass
    return hedges, sources


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    """The dateline patterns of the house-style list (the same ones mk.keyness masks)."""
    rows = read_bundled_table("house_style_patterns.txt")
    # the list anchors at a line start ("^"); here the caller checks that the sentence opens a paragraph
    return re.compile("|".join(f"(?:{r['pattern'].lstrip('^')})" for r in rows if r["category"] == "dateline"))


def _sentences(doc_id: Any, group: str, text: str, min_words: int, cues: bool) -> list[dict[str, Any]]:
    hedges, sources = _cue_offsets(text) if cues else ([], [])
    rows = []
    for i, (s, e) in enumerate(split_sentences(text)):
        at_paragraph_start = s == 0 or text[:s].rstrip(" \t").endswith("\n")
        m = _dateline().match(text, s, e) if at_paragraph_start else None
        if m is not None:
            s = m.end()
        sent = text[s:e]
        if count_words(sent) < min_words:
            continue
        rows.append(
            {
                "doc_id": doc_id,
                "group": group,
                "sentence_id": i,
                "start": s,
                "end": e,
                "sentence": " ".join(sent.split()),
                "hedges": sum(1 for p, c in hedges if s <= p < e and c in ("hedge", "approximator")),
                "boosters": sum(1 for p, c in hedges if s <= p < e and c == "booster"),
                "attributed": any(s <= p < e for p in sources),
            }
        )
    return rows


def align_claims(
    df: pd.DataFrame,
    event_id: Any = None,
    by: str = "outlet",
    threshold: float = 0.35,
    min_words: int = 5,
    event_column: str = "event_id",
    text_column: str = "text",
    cues: bool = True,
    window: Any = "auto",
) -> pd.DataFrame:
    """Mutually-best-matching sentence pairs across articles of different groups in each event.

    ``event_id`` restricts to one event (default: every event in ``event_column``; a DataFrame
    without that column is first grouped into stories by :func:`mk.align_events`, with its
    ``window=``). Returns one row per pair with, for each side
    (``_a``, ``_b``, ``group_a < group_b``): ``doc_id, group, sentence_id, start, end`` (offsets
    into that article's text), ``sentence``, ``hedges`` (hedge and approximator cues),
    ``boosters``, ``attributed`` (an attribution cue in the sentence), then ``similarity``
    (cosine, 0-1). Sentences shorter than ``min_words`` words are skipped.

    >>> import mediakit as mk
    >>> pairs = mk.align_claims(mk.load_workshop(), event_id="e01")     # doctest: +SKIP
    >>> pairs[pairs.hedges_a != pairs.hedges_b]                          # doctest: +SKIP
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    require_columns(df, [text_column], "align_claims")
    if not 0.0 < threshold <= 1.0:
        raise InputError(f"threshold is a similarity in (0, 1], got {threshold}")
    groups = group_values(df, by, "align_claims")
    if event_column in df.columns:
        events = group_values(df, event_column, "align_claims")
    elif event_id is not None:
        raise InputError(f"event_id= needs a {event_column!r} column (see mk.align_events)")
    else:
        from .events import align_events

        aligned = align_events(df, window=window, text_column=text_column, column=event_column)
        events = aligned[event_column].astype(str)
    if event_id is not None:
        if str(event_id) not in set(events):
            raise InputError(f"event {event_id!r} not found in column {event_column!r}")
        keep = events == str(event_id)
        df, groups, events = df[keep], groups[keep], events[keep]
    ids = df["doc_id"].tolist() if "doc_id" in df.columns else df.index.tolist()
    texts = [t for _, t in iter_texts(df, text_column)]
    rows = []
    for ev in sorted(set(events)):
        sel = np.flatnonzero((events == ev).to_numpy())
        if len({groups.iloc[i] for i in sel}) < 2:
            continue
        sents: list[dict[str, Any]] = []
        for i in sel:
            text = texts[i]
            sents.extend(_sentences(ids[i], groups.iloc[i], text, min_words, cues))
        if len(sents) < 2:
            continue
        vec = TfidfVectorizer(token_pattern=WORD_RE.pattern, stop_words="english", sublinear_tf=True)
        try:
            X = vec.fit_transform([s["sentence"] for s in sents])
        except ValueError:
            continue
        S = (X @ X.T).toarray()
        doc_of = np.array([str(s["doc_id"]) for s in sents], dtype=object)
        grp_of = np.array([s["group"] for s in sents], dtype=object)
        docs = list(dict.fromkeys(doc_of.tolist()))
        for a_i, da in enumerate(docs):
            for db in docs[a_i + 1:]:
                ia = np.flatnonzero(doc_of == da)
                ib = np.flatnonzero(doc_of == db)
                if grp_of[ia[0]] == grp_of[ib[0]]:
                    continue
                block = S[np.ix_(ia, ib)]
                best_b = block.argmax(axis=1)
                best_a = block.argmax(axis=0)
                for r, c in enumerate(best_b):
                    sim = float(block[r, c])
                    if best_a[c] != r or sim < threshold:
                        continue
                    left, right = sents[ia[r]], sents[ib[c]]
                    if left["group"] > right["group"]:
                        left, right = right, left
                    row = {"event_id": ev}
                    row.update({f"{k}_a": left[k] for k in SIDE})
                    row.update({f"{k}_b": right[k] for k in SIDE})
                    row["similarity"] = round(sim, 4)
                    rows.append(row)
    out = pd.DataFrame(rows, columns=COLUMNS)
    if len(out):
        out = out.sort_values(["event_id", "similarity"], ascending=[True, False], kind="stable").reset_index(drop=True)
    return out
