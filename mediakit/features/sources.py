"""Cited sources: every quote and attribution, who said it, what kind of source, through which outlet.

>>> import mediakit as mk
>>> df = mk.find_sources('"It is not going to happen," Ben Wallace told the BBC.')
>>> df[["speaker", "kind", "cue", "outlet"]].values.tolist()
[['Ben Wallace', 'direct', 'told', 'BBC']]

Rule-based and offline (see docs/sources.md): reporting verbs from a lexicon with provenance,
"according to", dashes under quotes and "Name:" headlines as cues; speakers found next to the
cue and resolved across the article (surnames, pronouns, role nouns); speaker types from role
lexicons.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, SchemaError
from .corpus_input import iter_texts
from .sources_cues import find_attributions
from .sources_speakers import Resolver, is_outlet

COLUMNS = [
    "speaker", "speaker_type", "kind", "cue", "cue_start", "cue_end", "speaker_start", "speaker_end",
    "content_start", "content_end", "outlet", "mention", "sentence_id",
]
SPEAKER_TYPES = ["official", "expert", "organization", "media", "anonymous", "citizen", "document", "other"]
PROFILE_COLUMNS = [
    "doc_id", "n_attributions", "n_sources", "n_direct", "n_indirect", "share_direct",
    *[f"share_{t}" for t in SPEAKER_TYPES], "cited_outlets",
]
_QUOTE_CHARS = "“”\"«»„"
_STR = pd.StringDtype(na_value=np.nan)  # pandas' default text dtype; missing values are NaN
_SMALL = 256
_OFFSETS = ["cue_start", "cue_end", "speaker_start", "speaker_end", "content_start", "content_end"]
_STR_COLUMNS = [c for c in COLUMNS if c not in _OFFSETS and c != "sentence_id"]
_INDEX = pd.Index(COLUMNS)


def find_sources(text: Any, text_column: str = "text") -> pd.DataFrame:
    """One row per attribution in ``text`` (a str, a Series of texts or a corpus DataFrame).

    >>> import mediakit as mk
    >>> mk.find_sources("According to Peskov, talks are over.")["speaker"].tolist()
    ['Peskov']
    """
    if isinstance(text, str):
        return _frame(_rows(text))
    if not isinstance(text, (pd.Series, pd.DataFrame)):
        raise InputError(
            f"find_sources expects article text as str, a pandas Series of texts or a corpus DataFrame, "
            f"got {type(text).__name__}"
        )
    rows: list[dict] = []
    ids: list = []
    for doc_id, one in iter_texts(text, text_column):
        found = _rows(one)
        rows.extend(found)
        ids.extend([doc_id] * len(found))
    return _frame(rows, ids)


def _rows(text: str) -> list[dict]:
    rows: list[dict] = []
    resolver = Resolver(text)
    attrs = find_attributions(text) if text.strip() else []
    prev = None
    for a in attrs:
        sent = _sentence_span(text, a)
        same = prev if prev is not None and prev.sentence_id == a.sentence_id else None
        res = resolver.resolve(a, sent, same)
        prev = a
        outlet = a.outlet
        if outlet is None and a.extra.get("object") is not None:
            o0, o1 = a.extra["object"]
            if is_outlet(text[o0:o1]):
                outlet = resolver.outlet_between(a.cue_start, o1 + 1) or text[o0:o1].strip()
        if outlet is None:
            lo = sent[0]
            hi = min(_sentence_end(text, a), a.cue_end + 250)
            outlet = resolver.outlet_between(lo, hi)
        if outlet is None and res.speaker_type == "media" and res.speaker:
            outlet = res.speaker
        rows.append(
            {
                "speaker": res.speaker,
                "speaker_type": res.speaker_type,
                "kind": _kind(text, a),
                "cue": a.cue,
                "cue_start": a.cue_start,
                "cue_end": a.cue_end,
                "speaker_start": a.mention_start,
                "speaker_end": a.mention_end,
                "content_start": a.content_start,
                "content_end": a.content_end,
                "outlet": outlet,
                "mention": a.mention,
                "sentence_id": a.sentence_id,
            }
        )
    return rows


def _frame(rows: list[dict], doc_ids: list | None = None) -> pd.DataFrame:
    """Rows to the declared schema; built column by column because it is several times faster."""
    data: dict[str, Any] = {}
    if doc_ids is not None:
        ids = np.empty(len(doc_ids), dtype=object)
        ids[:] = doc_ids
        data["doc_id"] = ids
    n = len(rows)
    strings = None
    if n <= _SMALL:
        # Per-article calls are dominated by fixed pandas costs: one string array sliced into
        # its columns costs a quarter of one array per column (kept to small frames, where the
        # shared buffer is tiny).
        big = pd.array([r[c] for c in _STR_COLUMNS for r in rows], dtype=_STR)
        strings = {c: big[i * n:(i + 1) * n] for i, c in enumerate(_STR_COLUMNS)}
    for c in COLUMNS:
        if c in _OFFSETS:
            vals = [r[c] for r in rows]
            mask = np.array([v is None for v in vals], dtype=bool)
            arr = np.array([0 if v is None else v for v in vals], dtype="int64")
            data[c] = pd.arrays.IntegerArray(arr, mask)
        elif c == "sentence_id":
            data[c] = np.array([r[c] for r in rows], dtype="int64")
        elif strings is not None:
            data[c] = strings[c]
        else:
            data[c] = pd.array([r[c] for r in rows], dtype=_STR)
    if doc_ids is None:
        try:
            # One article: typed arrays straight into blocks, skipping pandas' per-column checks
            # (as hedging does), a third of the constructor's cost. A copy of the column Index, so
            # that renaming one result's columns in place cannot touch the next.
            return pd.DataFrame._from_arrays(list(data.values()), columns=_INDEX.copy(), index=pd.RangeIndex(n),
                                             verify_integrity=False)
        except (AttributeError, TypeError):  # a pandas without the private constructor
            pass
    # a corpus: pandas infers doc_id's dtype (str ids become the str dtype); built once per corpus
    return pd.DataFrame(data, copy=False)


def _sentence_span(text: str, a) -> tuple[int, int]:
    floor = max(0, a.cue_start - 1500)
    lo = max(text.rfind("\n", floor, a.cue_start) + 1, floor)
    return lo, _sentence_end(text, a)


def _sentence_end(text: str, a) -> int:
    limit = min(len(text), a.cue_end + 1500)
    hi = text.find("\n", a.cue_end, limit)
    return limit if hi < 0 else hi


def _kind(text: str, a) -> str:
    if a.kind_hint == "according_to":
        return "according_to"
    if a.content_start is None:
        return "direct" if a.kind_hint == "dash" else "indirect"
    content = text[a.content_start:min(a.content_end, a.content_start + 3000)]
    stripped = content.strip(" ,.:;\n")
    has_q = any(q in content for q in _QUOTE_CHARS) or "''" in content
    if not has_q:
        return "indirect"
    if stripped[:1] in _QUOTE_CHARS or stripped.startswith(("''", "``")):
        return "direct"
    return "mixed"


def source_profile(df: pd.DataFrame) -> pd.DataFrame:
    """One row per article: how many attributions and sources, quotes vs paraphrase, source types.

    Takes the output of :func:`find_sources` on a corpus (with ``doc_id``) or on one text.

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
    out = [_profile_row(keys[g], n[g], n_direct[g], names[g], types[g], outlets[g]) for g in range(k)]
    result = pd.DataFrame(out, columns=PROFILE_COLUMNS)
    # Articles with no attribution keep their row when find_sources saw them (span_table drops empty parts).
    return result


def _profile_row(doc_id: Any, n: int, n_direct: int, names: set, types: dict, outlets: list) -> dict:
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
    return row
