"""One row per article with every measure: hedging, sourcing and framing rates.

``mk.profile`` is the table that comparisons and figures start from. It runs the same on a
pandas DataFrame, a Dask DataFrame (``map_partitions`` with a declared ``meta``) and, through a
pandas UDF, on Spark (see docs/scale.md), because each feature is a pure function of one text.

>>> import mediakit as mk
>>> prof = mk.profile(mk.load_workshop())          # doctest: +SKIP
>>> prof.groupby("outlet")["hedges_per_1k"].mean()  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import InputError
from .corpus_input import iter_documents, iter_texts

MEASURES = ("hedges", "sources", "frames")
# Corpus columns carried into the profile so results can be grouped without a join.
CARRY = ("outlet", "event_id", "published", "title")


def profile(
    df: Any, measures: tuple[str, ...] | list[str] = MEASURES, text_column: str = "text", language: str | None = None
) -> Any:
    """Per-article hedging, sourcing and framing measures.

    ``df`` is a corpus DataFrame (``doc_id`` and ``text`` columns; ``outlet`` and ``event_id``
    are carried along when present), a Series of texts, one string, or a Dask DataFrame with the
    same columns (then a Dask DataFrame is returned, computed lazily partition by partition).
    Each article is analysed once (one :class:`~mediakit.text.doc.Document`) and every measure
    reads that document. ``language``: "en" (default: the corpus's ``language`` column, else "en").
    """
    bad = [m for m in measures if m not in MEASURES]
    if bad:
        raise InputError(f"unknown measure(s) {bad}; choose from {', '.join(MEASURES)}")
    if _is_dask(df):
        meta = profile(_empty_like(df), measures=measures, text_column=text_column, language=language)
        return df.map_partitions(profile, measures=tuple(measures), text_column=text_column, language=language,
                                 meta=meta)
    corpus = _as_corpus(df, text_column)
    out = corpus[["doc_id", *[c for c in CARRY if c in corpus.columns]]].copy()
    # one analysed document per article, shared by the measures below (sentences, quotations and
    # the attribution engine's spans are computed once)
    docs = [doc for _, doc in iter_documents(corpus, text_column, language)]
    texts = corpus[["doc_id"]].copy()
    texts["text"] = pd.Series(docs, index=texts.index, dtype=object)
    if "hedges" in measures:
        from .hedging import hedge_rates

        out = _join(out, hedge_rates(texts))
    if "sources" in measures:
        out = _join(out, _source_columns(texts))
    if "frames" in measures:
        from .framing import score_frames

        frames = score_frames(texts)
        frames = frames.rename(columns={c: f"frame_{c}" for c in frames.columns if c != "doc_id"})
        out = _join(out, frames)
    return out.reset_index(drop=True)


def _source_columns(texts: pd.DataFrame) -> pd.DataFrame:
    """source_profile for every article, including those that cite nobody.

    An article without attributions gets zero counts and undefined (NaN) shares: a share of
    nothing is not 0 %, and comparisons skip it rather than count it as "no officials".
    """
    from .sources import PROFILE_COLUMNS, find_sources, source_profile

    spans = find_sources(texts)
    prof = source_profile(spans) if len(spans) else pd.DataFrame(columns=PROFILE_COLUMNS)
    prof = texts[["doc_id"]].merge(prof, on="doc_id", how="left")
    for col in PROFILE_COLUMNS:
        if col.startswith("n_"):
            prof[col] = prof[col].fillna(0).astype(int)
        elif col.startswith("share_"):
            prof[col] = prof[col].astype(float)
        elif col == "cited_outlets":
            prof[col] = prof[col].fillna("")
    return prof


def _join(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    right = right.drop(columns=[c for c in right.columns if c in left.columns and c != "doc_id"])
    merged = left.merge(right, on="doc_id", how="left", validate="one_to_one")
    return merged


def _as_corpus(df: Any, text_column: str) -> pd.DataFrame:
    if isinstance(df, pd.DataFrame):
        if "doc_id" in df.columns:
            if df["doc_id"].duplicated().any():
                raise InputError("doc_id values must be unique to build a profile (see load_corpus)")
            return df
        return df.assign(doc_id=df.index)
    rows = [{"doc_id": d if d is not None else 0, text_column: t} for d, t in iter_texts(df, text_column)]
    return pd.DataFrame(rows, columns=["doc_id", text_column])


def _is_dask(obj: Any) -> bool:
    return type(obj).__module__.startswith("dask") and hasattr(obj, "map_partitions")


def _empty_like(ddf: Any) -> pd.DataFrame:
    meta = getattr(ddf, "_meta", None)
    if isinstance(meta, pd.DataFrame):
        return meta.iloc[:0]
    return pd.DataFrame(columns=list(ddf.columns))
