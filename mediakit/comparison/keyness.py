"""Keyness: which words distinguish one group of articles (an outlet) from the others.

Default measure: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
Quinn 2008, "Fightin' Words", Political Analysis 16(4)), reported as a z-score so that rare
words with unstable ratios do not top the list. Alternatives: Pearson's chi-squared and the
log-likelihood G² (Dunning 1993), both signed (+ = over-used by the target).

Every group is compared with the rest (or with a named reference group), so any number of
outlets works. ``stratify="event_id"`` compares within each event and pools the evidence,
so an outlet that simply covered more stories on, say, immigration does not get "border" as a
"framing word". House-style masking (on by default) blanks honorifics, outlet names, datelines,
bylines and embedded posts first (see :mod:`mediakit.comparison.masking`).

>>> import mediakit as mk, pandas as pd
>>> df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
...                    "text": ["the regime acted", "the regime lied", "the government acted", "the government spoke"]})
>>> mk.keyness(df, min_count=1).query("group == 'A'").iloc[0]["term"]
'regime'
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import chi2 as chi2_dist
from scipy.stats import norm

from ..errors import InputError
from ..features.corpus_input import iter_texts
from ..text.tokens import WORD_RE
from .masking import mask_house_style
from .stats import group_values, require_columns

# Terms are mediakit words, plus two-letter dotted acronyms kept whole ("U.S." -> "u.s.", not
# "u" + "s"). Longer dotted acronyms lose their dots ("F.B.I." -> "fbi"): the dots are house
# style (the New York Times writes F.B.I., most others FBI), not vocabulary.
TERM_PATTERN = r"(?:(?<![\w.])[A-Za-z]\.[A-Za-z]\.)|" + WORD_RE.pattern
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){3,}(?![\w])")


def _undot(m: re.Match[str]) -> str:
    return m.group().replace(".", "")


MEASURES = ("log_odds_dirichlet", "chi2", "log_likelihood")
COLUMNS = ["group", "term", "count_target", "count_reference", "score", "z", "p", "effect"]


def _document_matrix(
    texts: list[str], labels: list[str], mask: bool, ngram_range: tuple[int, int], lowercase: bool,
    stop_words: Any,
) -> tuple[sparse.csr_matrix, np.ndarray]:
    from sklearn.feature_extraction.text import CountVectorizer

    multiword = ngram_range[1] > 1
    if mask:
        names = tuple(sorted(set(labels)))
        # for word pairs, a masked span must break the sequence ("told Fox News he" is not "told he")
        fill = "\x00" if multiword else " "
        texts = [mask_house_style(t, extra_names=names, fill=fill) for t in texts]
    # apostrophes normalised so "Trump’s" and "Trump's" are one term; dotted acronyms too
    texts = [_ACRONYM.sub(_undot, t.replace("’", "'")) for t in texts]
    settings = dict(token_pattern=TERM_PATTERN, lowercase=lowercase, ngram_range=ngram_range, stop_words=stop_words)
    if multiword and mask:
        base = CountVectorizer(**settings).build_analyzer()

        def analyzer(doc: str) -> list[str]:
            return [f for seg in doc.split("\x00") if seg.strip() for f in base(seg)]

        vec = CountVectorizer(analyzer=analyzer, dtype=np.int64)
    else:
        vec = CountVectorizer(**settings, dtype=np.int64)
    try:
        X = vec.fit_transform(texts)
    except ValueError:
        return sparse.csr_matrix((len(texts), 0), dtype=np.int64), np.array([], dtype=object)
    return X.tocsr(), vec.get_feature_names_out()


def _log_odds(yt: np.ndarray, yr: np.ndarray, prior_strength: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al. (2008) eq. 16-22: delta and its variance, informative prior from the pool."""
    pooled = yt + yr
    total = pooled.sum()
    nt, nr = yt.sum(), yr.sum()
    if total == 0:
        return np.zeros_like(yt, dtype=float), np.full(yt.shape, np.inf)
    # prior shaped like the pooled word distribution with alpha_0 pseudo-words in total; by
    # default 1,000 or a tenth of the words compared, whichever is smaller, so that a small
    # corpus is not swamped by its prior
    a_total = prior_strength if prior_strength is not None else min(1000.0, 0.1 * float(total))
    alpha = a_total * pooled / total
    alpha = np.maximum(alpha, 1e-9)
    a0 = alpha.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        # the floor only matters when one term makes up the whole vocabulary
        lt = np.log(yt + alpha) - np.log(np.maximum(nt + a0 - yt - alpha, 1e-9))
        lr = np.log(yr + alpha) - np.log(np.maximum(nr + a0 - yr - alpha, 1e-9))
    delta = lt - lr
    var = 1.0 / (yt + alpha) + 1.0 / (yr + alpha)
    return delta, var


def _chi2_parts(yt: np.ndarray, yr: np.ndarray) -> dict[str, np.ndarray]:
    nt, nr = yt.sum(), yr.sum()
    a, b = yt.astype(float), (nt - yt).astype(float)
    c, d = yr.astype(float), (nr - yr).astype(float)
    n = a + b + c + d
    return {"a": a, "b": b, "c": c, "d": d, "n": n}


def _g2(yt: np.ndarray, yr: np.ndarray) -> np.ndarray:
    nt, nr = float(yt.sum()), float(yr.sum())
    n = nt + nr
    if n == 0:
        return np.zeros_like(yt, dtype=float)
    pooled = yt + yr
    et = pooled * nt / n
    er = pooled * nr / n
    with np.errstate(divide="ignore", invalid="ignore"):
        g = 2 * (
            np.where(yt > 0, yt * np.log(yt / et), 0.0)
            + np.where(yr > 0, yr * np.log(yr / er), 0.0)
        )
    return np.nan_to_num(g)


def _signed_effect(yt: np.ndarray, yr: np.ndarray) -> np.ndarray:
    """log2 ratio of relative frequencies with +0.5 smoothing (a readable effect size)."""
    nt, nr = max(yt.sum(), 1), max(yr.sum(), 1)
    return np.log2(((yt + 0.5) / nt) / ((yr + 0.5) / nr))


def _score_strata(
    strata: list[tuple[np.ndarray, np.ndarray]], measure: str, prior_strength: float | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Combine per-stratum target/reference counts into (score, z, p, effect)."""
    yt_all = sum(s[0] for s in strata)
    yr_all = sum(s[1] for s in strata)
    if measure == "log_odds_dirichlet":
        # fixed-effect (inverse-variance) pooling of the per-stratum log-odds ratios
        num = np.zeros(len(yt_all))
        den = np.zeros(len(yt_all))
        for yt, yr in strata:
            delta, var = _log_odds(yt, yr, prior_strength)
            w = 1.0 / var
            num += w * delta
            den += w
        with np.errstate(divide="ignore", invalid="ignore"):
            effect = np.where(den > 0, num / den, 0.0)
            z = np.where(den > 0, effect * np.sqrt(den), 0.0)
        p = 2 * norm.sf(np.abs(z))
        return z, z, p, effect
    if measure == "chi2":
        if len(strata) == 1:
            t = _chi2_parts(*strata[0])
            a, b, c, d, n = t["a"], t["b"], t["c"], t["d"], t["n"]
            with np.errstate(divide="ignore", invalid="ignore"):
                stat = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
            stat = np.nan_to_num(stat)
            sign = np.sign(a * d - b * c)
        else:
            # Cochran-Mantel-Haenszel: sum of (observed - expected) over strata, pooled variance
            dev = np.zeros(len(yt_all))
            var = np.zeros(len(yt_all))
            for yt, yr in strata:
                t = _chi2_parts(yt, yr)
                a, b, c, d, n = t["a"], t["b"], t["c"], t["d"], t["n"]
                with np.errstate(divide="ignore", invalid="ignore"):
                    dev += a - (a + b) * (a + c) / n
                    v = (a + b) * (c + d) * (a + c) * (b + d) / (n * n * (n - 1))
                var += np.nan_to_num(v)
            with np.errstate(divide="ignore", invalid="ignore"):
                stat = np.where(var > 0, dev**2 / var, 0.0)
            sign = np.sign(dev)
        p = chi2_dist.sf(stat, 1)
        z = sign * np.sqrt(stat)
        return sign * stat, z, p, _signed_effect(yt_all, yr_all)
    effect = _signed_effect(yt_all, yr_all)
    if len(strata) == 1:
        stat = _g2(*strata[0])
        sign = np.sign(effect)
        p = chi2_dist.sf(stat, 1)
        return sign * stat, sign * np.sqrt(stat), p, effect
    # stratified: each stratum's signed sqrt(G²) is a z; combine with Stouffer's method weighted
    # by sqrt(stratum size), so only a consistent direction across strata adds up
    num = np.zeros(len(yt_all))
    wsq = 0.0
    for yt, yr in strata:
        w = np.sqrt(float(yt.sum() + yr.sum()))
        num += w * np.sign(_signed_effect(yt, yr)) * np.sqrt(_g2(yt, yr))
        wsq += w * w
    z = num / np.sqrt(wsq)
    p = 2 * norm.sf(np.abs(z))
    return np.sign(z) * z**2, z, p, effect


def keyness(
    df: pd.DataFrame,
    by: str = "outlet",
    target: str | list[str] | None = None,
    reference: str | list[str] = "rest",
    measure: str = "log_odds_dirichlet",
    stratify: str | None = None,
    mask: bool = True,
    min_count: int = 5,
    min_docs: int = 1,
    top: int | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    prior_strength: float | None = None,
    lowercase: bool = True,
    stop_words: str | list[str] | None = None,
    text_column: str = "text",
) -> pd.DataFrame:
    """Distinctive terms of each group (``target``) against the ``reference``.

    Returns one row per (group, term): ``group, term, count_target, count_reference, score, z,
    p, effect`` sorted by ``score`` descending within each group. ``score`` is the ranking
    statistic: the z-scored log-odds for ``"log_odds_dirichlet"`` (so ``score == z``), signed
    chi² for ``"chi2"``, signed G² for ``"log_likelihood"``. ``z`` is on one scale for all three
    (for ranking across measures), ``p`` is two-sided, and ``effect`` is the size of the
    difference (the pooled log-odds ratio, or log2 relative-frequency ratio for chi²/G²).

    ``target=None`` gives every group against the rest. ``reference`` is ``"rest"`` or a
    group (list of groups). ``stratify="event_id"`` computes the comparison inside each stratum
    (only strata where both sides have text) and pools: inverse-variance weighting of log-odds,
    Cochran-Mantel-Haenszel for chi², Stouffer-combined signed sqrt(G²) for log-likelihood
    (weights sqrt(stratum size); ``score`` is then the signed z²). Terms with fewer than
    ``min_count`` occurrences in the compared articles, or used in fewer than ``min_docs``
    articles, are dropped (``min_docs=3`` keeps one article that repeats a name forty times from
    topping the list: the model counts words as independent draws, articles are not). ``prior_strength`` is the
    Dirichlet prior's total pseudo-count (alpha_0), spread like the pooled word distribution
    (default: 1,000 or a tenth of the words compared, whichever is smaller, per stratum).

    >>> import mediakit as mk
    >>> df = mk.load_corpus("articles/")                        # doctest: +SKIP
    >>> mk.keyness(df, by="outlet", stratify="event_id").groupby("group").head(20)  # doctest: +SKIP
    """
    require_columns(df, [text_column], "keyness")
    if measure not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    if min_count < 1 or min_docs < 1:
        raise InputError("min_count and min_docs must be at least 1")
    labels = group_values(df, by, "keyness")
    groups = sorted(labels.unique())
    if target is None:
        targets = groups
    else:
        targets = [target] if isinstance(target, str) else list(target)
        unknown = [t for t in targets if t not in groups]
        if unknown:
            raise InputError(f"target group(s) {unknown} not found in column {by!r} (groups: {groups})")
    if reference != "rest":
        refs = [reference] if isinstance(reference, str) else list(reference)
        unknown = [r for r in refs if r not in groups]
        if unknown:
            raise InputError(f"reference group(s) {unknown} not found in column {by!r} (groups: {groups})")
    else:
        refs = None
    if len(groups) < 2:
        raise InputError(f"keyness needs at least two groups in {by!r}, found {groups}")

    # missing text counts as empty; any other non-text value is an error (iter_texts says which)
    texts = [t for _, t in iter_texts(df, text_column)]
    X, terms = _document_matrix(texts, labels.tolist(), mask, ngram_range, lowercase, stop_words)
    lab = labels.to_numpy()
    if stratify is not None:
        strata_labels = group_values(df, stratify, "keyness (stratify)").to_numpy()
    else:
        strata_labels = np.full(len(df), "all", dtype=object)
    strata_names = sorted(set(strata_labels.tolist()))

    frames = []
    skipped: list[str] = []
    for tgt in targets:
        is_t = lab == tgt
        is_r = np.isin(lab, refs) if refs is not None else ~is_t
        if refs is not None and tgt in refs:
            raise InputError(f"group {tgt!r} cannot be both target and reference")
        parts = []
        for s in strata_names:
            in_s = strata_labels == s
            tm, rm = is_t & in_s, is_r & in_s
            if not tm.any() or not rm.any():
                continue
            yt = np.asarray(X[tm].sum(axis=0)).ravel()
            yr = np.asarray(X[rm].sum(axis=0)).ravel()
            if yt.sum() == 0 or yr.sum() == 0:
                continue
            parts.append((yt, yr))
        if not parts:
            skipped.append(tgt)
            continue
        yt_all = sum(p[0] for p in parts)
        yr_all = sum(p[1] for p in parts)
        keep = (yt_all + yr_all) >= min_count
        if min_docs > 1:
            used = is_t | is_r
            keep &= np.asarray((X[used] > 0).sum(axis=0)).ravel() >= min_docs
        if not keep.any():
            continue
        parts = [(yt[keep], yr[keep]) for yt, yr in parts]
        score, z, p, effect = _score_strata(parts, measure, prior_strength)
        out = pd.DataFrame(
            {
                "group": tgt,
                "term": terms[keep],
                "count_target": yt_all[keep].astype(int),
                "count_reference": yr_all[keep].astype(int),
                "score": score.astype(float),
                "z": z.astype(float),
                "p": p.astype(float),
                "effect": effect.astype(float),
            }
        )
        out = out.sort_values(["score", "term"], ascending=[False, True], kind="stable")
        if top is not None:
            out = out.head(top)
        frames.append(out)
    if skipped:
        import warnings

        warnings.warn(
            f"keyness: no words to compare for group(s) {skipped} (empty texts on one side"
            + (", or no stratum where both sides have text" if stratify else "") + ")",
            stacklevel=2,
        )
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(COLUMNS, [object, object, int, int, float, float, float, float])})
    result = pd.concat(frames, ignore_index=True)
    result.attrs["measure"] = measure
    result.attrs["stratify"] = stratify
    result.attrs["mask"] = mask
    return result
