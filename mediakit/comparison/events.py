"""Event alignment: group articles from different outlets that report the same story.

The default method (``method="learned"``) reads, for each article, its headline, lead, body,
capitalised names, figures and date; keeps as candidates only pairs within the date window
that share rare words (so 100,000 articles never form a 100,000 x 100,000 matrix); scores each
candidate pair with a small logistic regression trained on AllSides and BASIL stories
(``mediakit/models/alignment.json`` and its card); and groups articles by average linkage over
those probabilities within the date window. ``method="tfidf"`` is the earlier word +
character TF-IDF cosine with average linkage, kept for comparison. Deterministic: no random
initialisation, ties broken by input order.

>>> import mediakit as mk, pandas as pd
>>> df = pd.DataFrame({"title": ["Flood hits the river town of Elmbridge", "Elmbridge is flooded",
...                              "Senate passes the farm bill"], "text": ["", "", ""]})
>>> mk.align_events(df, window=None)["event_id"].tolist()
['e0001', 'e0001', 'e0002']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..features.corpus_input import iter_texts
from ..text.tokens import WORD_RE
from .stats import require_columns

MAX_DOCS = 15000


CHAR_WORDS = 60


def _texts(
    df: pd.DataFrame, text_column: str, title_column: str | None, lead_words: int | None
) -> tuple[list[str], list[str]]:
    """(word-level texts, char-level texts): the latter are headline + lead only, for speed."""
    words_out, chars_out = [], []
    titles = df[title_column].tolist() if title_column and title_column in df.columns else [None] * len(df)
    for title, (_, body) in zip(titles, iter_texts(df, text_column)):
        tokens = body.split()
        if lead_words is not None:
            tokens = tokens[:lead_words]
            body = " ".join(tokens)
        head = title if isinstance(title, str) else ""
        # the headline is counted twice: it states the event most densely
        words_out.append(f"{head}\n{head}\n{body}" if head else body)
        chars_out.append(f"{head}\n" + " ".join(tokens[:CHAR_WORDS]))
    return words_out, chars_out


def event_similarity(
    texts: list[str],
    char_weight: float = 0.5,
    max_df: float = 0.5,
    min_df: int = 1,
    char_texts: list[str] | None = None,
) -> np.ndarray:
    """Dense cosine-similarity matrix: word TF-IDF blended with char-3-5-gram TF-IDF.

    ``char_texts`` (default: ``texts``) feed the character part; align_events passes headline
    and lead only, since character n-grams of whole articles cost much and add little.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(texts)
    if n == 0:
        return np.zeros((0, 0))
    # max_df cannot drop everything on a tiny corpus, so it applies only from 10 documents on
    mdf = max_df if n >= 10 else 1.0
    sims = np.zeros((n, n))
    weights = []
    word = TfidfVectorizer(
        token_pattern=WORD_RE.pattern, stop_words="english", sublinear_tf=True, max_df=mdf, min_df=min_df
    )
    parts = [(word, 1.0 - char_weight)]
    if char_weight > 0:
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_df=mdf, min_df=min_df)
        parts.append((char, char_weight))
    for i, (vec, w) in enumerate(parts):
        if w <= 0:
            continue
        try:
            X = vec.fit_transform(texts if i == 0 or char_texts is None else char_texts)
        except ValueError:  # empty vocabulary (all texts empty or stop words only)
            continue
        sims += w * (X @ X.T).toarray()
        weights.append(w)
    if weights:
        sims /= sum(weights)
    np.fill_diagonal(sims, 1.0)
    return np.clip(sims, 0.0, 1.0)


_AUTO: Any = "auto"
METHODS = ("learned", "tfidf")


def _warn_no_dates(date_column: str, window_param: str, stacklevel: int = 3) -> None:
    # a corpus without dates is still worth aligning; say so rather than fail or stay silent
    import warnings

    warnings.warn(
        f"align_events: no {date_column!r} column, so dates are ignored (text similarity only); "
        f"pass date_column=... to name the date column, or {window_param}=None to silence this",
        stacklevel=stacklevel,
    )


def align_events(
    df: pd.DataFrame,
    threshold: float | None = None,
    window_days: float | None = _AUTO,
    date_column: str = "published",
    text_column: str = "text",
    title_column: str | None = "title",
    lead_words: int | None = None,
    char_weight: float = 0.5,
    exclusive_by: str | None = None,
    column: str = "event_id",
    prefix: str = "e",
    *,
    window: float | None = _AUTO,
    allow_same_outlet: bool = True,
    outlet_column: str = "outlet",
    pin: str | None = None,
    method: str = "learned",
) -> pd.DataFrame:
    """A copy of ``df`` with an ``event_id`` column grouping articles about the same story.

    Parameters
    ----------
    threshold
        Minimum average same-story probability (0-1) for two groups of articles to be merged;
        lower gives bigger, looser stories. ``None`` takes the cross-validated default stored
        with the model (see docs/accuracy.md). With ``method="tfidf"`` it is a cosine
        similarity instead (default 0.10 with a date window, 0.15 without).
    window, window_days
        Articles further apart in time than this many days are never put in one story
        (``window_days`` is the older name of the same option). Default: the cross-validated
        window stored with the model. ``None`` ignores dates (so does a DataFrame without
        ``date_column``, with a warning). Articles without a date are compared with all.
    title_column
        Headlines are used when this column exists; headlines alone (empty text) work too.
    lead_words
        Use only the first ``lead_words`` words of each body.
    allow_same_outlet
        ``False`` forbids two articles of one outlet (``outlet_column``) in one story, e.g. when
        you know each outlet wrote once per story, as in BASIL. ``exclusive_by`` names any
        other such column.
    pin
        A column with known stories for some articles (other rows empty): articles with the
        same value always share a story, with different values never; the others may join
        them. Pinned stories keep their given id.
    method
        ``"learned"`` (default) or ``"tfidf"`` (the earlier method, all pairs, at most
        15,000 articles; ``char_weight`` applies to it only).

    Also in the result: ``event_size``, ``event_cohesion`` (mean same-story probability to
    the other articles of the story; NaN for an article alone), ``confidence`` (the same for
    grouped articles; for an article alone, one minus its best probability to any other) and
    ``event_why`` (names, figures and words most articles of the story share).
    ``df.attrs["align_events"]`` records the parameters.

    >>> import mediakit as mk
    >>> df = mk.align_events(mk.load_corpus("articles/"), window=2)   # doctest: +SKIP
    """
    from .alignment import score_corpus
    from .alignment.clustering import cluster
    from .alignment.explain import cohesion, confidence, why
    from .alignment.scorer import load_model, same_story_probability

    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if window is not _AUTO and window_days is not _AUTO and window != window_days:
        raise InputError("window= and window_days= are the same option; pass one of them")
    win = window if window is not _AUTO else window_days
    require_columns(df, [text_column], "align_events")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold is between 0 and 1, got {threshold}")
    if win is not _AUTO and win is not None and not (isinstance(win, (int, float)) and win >= 0):
        raise InputError(f"window is a number of days >= 0 or None, got {win!r}")
    if not allow_same_outlet:
        if exclusive_by not in (None, outlet_column):
            raise InputError("allow_same_outlet=False and exclusive_by= name two columns; pass one")
        exclusive_by = outlet_column
    if win is not None and date_column not in df.columns:
        _warn_no_dates(date_column, "window")
        win = None
    if method == "tfidf":
        if pin is not None:
            raise InputError('pin= needs method="learned"')
        return _align_tfidf(df, threshold, 3 if win is _AUTO else win, date_column, text_column,
                            title_column, lead_words, char_weight, exclusive_by, column, prefix)
    model = load_model()
    if win is _AUTO:
        win = float(model["defaults"]["window"])
    if threshold is None:
        threshold = float(model["defaults"]["threshold"])
    if exclusive_by is not None:
        require_columns(df, [exclusive_by], "align_events (exclusive_by)")
    if pin is not None:
        require_columns(df, [pin], "align_events (pin)")
    out = df.copy()
    n = len(df)
    data = df
    if lead_words is not None:
        data = df.assign(**{text_column: [" ".join(t.split()[:lead_words]) for _, t in iter_texts(df, text_column)]})
    scored = score_corpus(data, win, text_column, title_column, date_column if win is not None else None)
    probs = same_story_probability(scored.features, model)
    excl = df[exclusive_by].astype(str).to_numpy() if exclusive_by is not None else None
    pins = df[pin].to_numpy(dtype=object) if pin is not None else None
    labels = (cluster(n, scored.pairs, probs, threshold, scored.fields.days, win, excl, pins)
              if n else np.zeros(0, dtype=np.int64))
    out[column] = _event_ids(labels, pins, prefix)
    out["event_size"] = np.bincount(labels)[labels] if n else np.zeros(0, dtype=int)
    out["event_cohesion"] = cohesion(labels, scored.pairs, probs) if n else np.zeros(0)
    out["confidence"] = confidence(labels, scored.pairs, probs) if n else np.zeros(0)
    out["event_why"] = why(labels, scored.fields, scored.vectors)
    out.attrs["align_events"] = {
        "method": method,
        "threshold": threshold,
        "window": win,
        "lead_words": lead_words,
        "exclusive_by": exclusive_by,
        "pin": pin,
        "candidate_pairs": int(len(scored.pairs)),
    }
    return out


def _event_ids(labels: np.ndarray, pins: np.ndarray | None, prefix: str) -> np.ndarray:
    """Ids by first appearance (``e0001`` ...); a story holding pinned articles keeps their id."""
    given: dict[int, str] = {}
    if pins is not None:
        for lab, p in zip(labels.tolist(), pins.tolist()):
            if p is not None and p == p and lab not in given:
                given[lab] = str(p)
    used = set(given.values())
    names: dict[int, str] = {}
    counter = 0
    for lab in labels.tolist():
        if lab in names:
            continue
        if lab in given:
            names[lab] = given[lab]
            continue
        while True:
            counter += 1
            name = f"{prefix}{counter:04d}"
            if name not in used:
                break
        names[lab] = name
    return np.array([names[lab] for lab in labels.tolist()], dtype=object)



def _align_tfidf(
    df: pd.DataFrame,
    threshold: float | None = None,
    window_days: float | None = 3,
    date_column: str = "published",
    text_column: str = "text",
    title_column: str | None = "title",
    lead_words: int | None = None,
    char_weight: float = 0.5,
    exclusive_by: str | None = None,
    column: str = "event_id",
    prefix: str = "e",
) -> pd.DataFrame:
    """The earlier method (``method="tfidf"``): word + char TF-IDF cosine, average linkage, all pairs."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    require_columns(df, [text_column], "align_events")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold is a similarity between 0 and 1, got {threshold}")
    if not 0.0 <= char_weight <= 1.0:
        raise InputError(f"char_weight must be between 0 and 1, got {char_weight}")
    n = len(df)
    if n > MAX_DOCS:
        raise InputError(
            f"align_events compares every pair of articles and is limited to {MAX_DOCS} at a time; "
            f"split the corpus by period (e.g. month) first (got {n})"
        )
    out = df.copy()
    if n == 0:
        out[column] = pd.Series(dtype=object)
        out["event_size"] = pd.Series(dtype=int)
        out["event_cohesion"] = pd.Series(dtype=float)
        return out
    texts, char_texts = _texts(df, text_column, title_column, lead_words)
    sims = event_similarity(texts, char_weight=char_weight, char_texts=char_texts)
    dist = 1.0 - sims
    # so large that one forbidden pair pushes the average of any merge containing it past any cut
    far = 10.0 * n * n
    if window_days is not None and date_column not in df.columns:
        _warn_no_dates(date_column, "window_days", stacklevel=4)
        window_days = None
    if window_days is not None:
        dates = pd.to_datetime(df[date_column], errors="coerce", utc=True)
        days = (dates - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds().to_numpy() / 86400.0
        gap = np.abs(days[:, None] - days[None, :])
        dist[np.nan_to_num(gap, nan=0.0) > window_days] = far
    if exclusive_by is not None:
        require_columns(df, [exclusive_by], "align_events (exclusive_by)")
        vals = df[exclusive_by].astype(str).to_numpy()
        same = vals[:, None] == vals[None, :]
        np.fill_diagonal(same, False)
        dist[same] = far
    if threshold is None:
        # with a date window, the window already separates look-alike stories from other weeks,
        # so a lower similarity suffices; on text alone, stricter
        threshold = 0.10 if window_days is not None else 0.15
    np.fill_diagonal(dist, 0.0)
    if n == 1:
        labels = np.array([1])
    else:
        Z = linkage(squareform(dist, checks=False), method="average")
        labels = fcluster(Z, t=1.0 - threshold, criterion="distance")
    # number events by first appearance so ids are stable for a given input order
    order: dict[int, str] = {}
    for lab in labels:
        if lab not in order:
            order[lab] = f"{prefix}{len(order) + 1:04d}"
    ids = np.array([order[lab] for lab in labels], dtype=object)
    out[column] = ids
    sizes = pd.Series(ids).map(pd.Series(ids).value_counts()).to_numpy()
    out["event_size"] = sizes
    cohesion = np.full(n, np.nan)
    for eid in order.values():
        idx = np.flatnonzero(ids == eid)
        if len(idx) > 1:
            block = sims[np.ix_(idx, idx)]
            cohesion[idx] = (block.sum(axis=1) - 1.0) / (len(idx) - 1)
    out["event_cohesion"] = cohesion
    out.attrs["align_events"] = {
        "threshold": threshold,
        "window_days": window_days,
        "char_weight": char_weight,
        "lead_words": lead_words,
        "exclusive_by": exclusive_by,
    }
    return out


def pairwise_scores(true: Any, pred: Any) -> dict[str, float]:
    """Adjusted Rand index and pairwise precision/recall/F1 of a predicted grouping.

    Counted from the contingency table, so 100,000 articles cost no 100,000 x 100,000 matrix.

    >>> pairwise_scores(["a", "a", "b"], [1, 1, 2])["pair_precision"]
    1.0
    """
    from sklearn.metrics import adjusted_rand_score

    t = pd.Series(list(true), dtype=object).astype(str)
    p = pd.Series(list(pred), dtype=object).astype(str)
    if len(t) != len(p):
        raise InputError("true and predicted labels differ in length")

    def pairs(counts: pd.Series) -> float:
        c = counts.to_numpy(dtype=float)
        return float((c * (c - 1) / 2).sum())

    tp = pairs(pd.DataFrame({"t": t, "p": p}).value_counts()) if len(t) else 0.0
    prec = tp / max(pairs(p.value_counts()), 1.0)
    rec = tp / max(pairs(t.value_counts()), 1.0)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"ari": float(adjusted_rand_score(t, p)), "pair_precision": prec, "pair_recall": rec, "pair_f1": f1}
