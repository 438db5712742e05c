"""Cited sources: every quote and attribution, who said it, what kind of source, through which outlet.

>>> import mediakit as mk
>>> df = mk.find_sources('"It is not going to happen," Ben Wallace told the BBC.')
>>> df[["speaker", "kind", "cue", "outlet"]].values.tolist()
[['Ben Wallace', 'direct', 'told', 'BBC']]

Rules checked by a small trained model, offline (see docs/sources.md): reporting verbs from a
lexicon with provenance, "according to", dashes under quotes and "Name:" headlines as cues, each
kept unless a token tagger trained on PolNeAR rejects it; speakers found next to the cue and
resolved across the article (surnames, pronouns, role nouns); speaker types from role lexicons.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import InputError, SchemaError
from ..text.doc import Document
from .attribution import COLUMNS, SPEAKER_TYPES, attributions
from .attribution.table import frame, rows
from .corpus_input import iter_documents

SPEAKER_TYPES = list(SPEAKER_TYPES)
PROFILE_COLUMNS = [
    "doc_id", "n_attributions", "n_sources", "n_direct", "n_indirect", "share_direct",
    *[f"share_{t}" for t in SPEAKER_TYPES], "share_no_speaker", "share_author_voice", "cited_outlets",
]
__all__ = ["COLUMNS", "PROFILE_COLUMNS", "SPEAKER_TYPES", "find_sources", "source_profile"]


def find_sources(text: Any, text_column: str = "text", language: str | None = None, cues: str | None = None) -> pd.DataFrame:
    """One row per attribution in ``text`` (a str, a :class:`~mediakit.text.doc.Document`, a
    Series of texts or a corpus DataFrame; then a ``doc_id`` column comes first).

    ``language``: the language of the texts ("en"; default: a corpus's ``language`` column,
    else "en"); any other raises an error naming the supported languages.

    ``cues``: which cue decisions to use. "hybrid" (the default): the rule engine on the cues a
    token tagger trained on PolNeAR does not reject, so every row is the rules' own and the
    tagger only removes rule cues; "rules": the rule engine alone (about 40 % faster); "learned":
    the tagger also adds cues no list holds, with a learned speaker where the rules find none
    (docs/sources.md, "Cue decisions"; held-out figures in docs/accuracy.md and
    mediakit/models/attribution_tagger.md).

    >>> import mediakit as mk
    >>> mk.find_sources("According to Peskov, talks are over.")["speaker"].tolist()
    ['Peskov']
    """
    if isinstance(text, (str, Document)):
        doc = text if isinstance(text, Document) else Document(text, language)
        if isinstance(text, Document) and language is not None:
            next(iter_documents(text, language=language))  # a clear error on a mismatch
        return frame(rows(attributions(doc, cues)))
    if not isinstance(text, (pd.Series, pd.DataFrame)):
        raise InputError(
            f"find_sources expects article text as str, a Document, a pandas Series of texts or a corpus "
            f"DataFrame, got {type(text).__name__}"
        )
    found: list[dict] = []
    ids: list = []
    for doc_id, doc in iter_documents(text, text_column, language):
        part = rows(attributions(doc, cues))
        found.extend(part)
        ids.extend([doc_id] * len(part))
    return frame(found, ids)


def source_profile(df: pd.DataFrame) -> pd.DataFrame:
    """One row per article: how many attributions and sources, quotes vs paraphrase, source types.

    Takes the output of :func:`find_sources` on a corpus (with ``doc_id``) or on one text.
    ``share_<type>`` are the shares of the speaker types (they sum to 1); ``share_no_speaker`` is
    the share of attributions that name nobody ("it was reported that ...", "it is believed"),
    which are typed ``other`` and so are part of ``share_other``; ``share_author_voice`` is the
    share whose speaker is the text's own "I", "we" or "you" outside quotations (the writer, not a
    cited source; also typed ``other``; 0 when the table has no ``author_voice`` column).

    >>> import mediakit as mk
    >>> rows = mk.find_sources(pd.Series({"a1": "Officials said the bridge will close."}))
    >>> mk.source_profile(rows)[["doc_id", "n_attributions", "share_anonymous"]].values.tolist()
    [['a1', 1, 1.0]]
    """
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"source_profile expects the DataFrame returned by find_sources, got {type(df).__name__}")
    missing = [c for c in ("speaker", "speaker_type", "kind", "outlet") if c not in df.columns]
    if missing:
        raise SchemaError(
            f"source_profile needs the output of mk.find_sources; columns missing: {', '.join(missing)}"
        )
    data = df if "doc_id" in df.columns else df.assign(doc_id=None)
    # One pass over plain column lists instead of a pandas groupby: per-group Series operations
    # cost more than finding the sources. factorize orders groups by first appearance and keeps
    # missing ids as one group, exactly like groupby(sort=False, dropna=False).
    codes, keys = pd.factorize(data["doc_id"], sort=False, use_na_sentinel=False)
    k = len(keys)
    n = [0] * k
    n_direct = [0] * k
    names: list[set] = [set() for _ in range(k)]
    types: list[dict] = [dict.fromkeys(SPEAKER_TYPES, 0) for _ in range(k)]
    outlets: list[list] = [[] for _ in range(k)]
    code_list = codes.tolist()
    for c in code_list:
        n[c] += 1
    for c, direct in zip(code_list, data["kind"].isin(["direct"]).tolist()):
        if direct:
            n_direct[c] += 1
    # the same vectorised string steps as before, applied to the whole column at once
    speakers = data["speaker"].reset_index(drop=True).dropna().astype(str).str.strip()
    speakers = speakers[speakers != ""].str.lower()
    for pos, name in zip(speakers.index.tolist(), speakers.tolist()):
        names[code_list[pos]].add(name)
    # rows that name nobody ("it was reported", "it is believed"): typed other, counted apart too
    no_speaker = [0] * k
    for c, none in zip(code_list, (data["speaker"].isna() | (data["speaker"].astype(str).str.strip() == "")).tolist()):
        if none:
            no_speaker[c] += 1
    author = [0] * k
    if "author_voice" in data.columns:
        for c, own in zip(code_list, data["author_voice"].fillna(False).astype(bool).tolist()):
            if own:
                author[c] += 1
    stypes = data["speaker_type"].reset_index(drop=True).dropna()
    for pos, t in zip(stypes.index.tolist(), stypes.tolist()):
        counts = types[code_list[pos]]
        if t in counts:
            counts[t] += 1
    cited = data["outlet"].reset_index(drop=True).dropna().astype(str)
    for pos, o in zip(cited.index.tolist(), cited.tolist()):
        seen = outlets[code_list[pos]]
        if o and o not in seen:
            seen.append(o)
    out = [_profile_row(keys[g], n[g], n_direct[g], names[g], types[g], outlets[g], no_speaker[g], author[g])
           for g in range(k)]
    result = pd.DataFrame(out, columns=PROFILE_COLUMNS)
    # Articles with no attribution keep their row when find_sources saw them (span_table drops empty parts).
    return result


def _profile_row(doc_id: Any, n: int, n_direct: int, names: set, types: dict, outlets: list, no_speaker: int,
                 author: int) -> dict:
    row = {
        "doc_id": doc_id,
        "n_attributions": n,
        "n_sources": len(names),
        "n_direct": n_direct,
        "n_indirect": n - n_direct,
        "share_direct": n_direct / n if n else 0.0,
        "cited_outlets": "; ".join(outlets),
    }
    for t in SPEAKER_TYPES:
        row[f"share_{t}"] = float(types[t]) / n if n else 0.0
    row["share_no_speaker"] = no_speaker / n if n else 0.0
    row["share_author_voice"] = author / n if n else 0.0
    return row
