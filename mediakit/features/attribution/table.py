"""Step 5 of attribution: the table find_sources returns, one row per attribution.

>>> from mediakit.text.doc import Document
>>> from mediakit.features.attribution import attribute
>>> table(attribute(Document("Officials said the bridge will close.")))[["speaker", "kind"]].values.tolist()
[['Officials', 'indirect']]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

COLUMNS = [
    "speaker", "speaker_type", "kind", "cue", "cue_start", "cue_end", "speaker_start", "speaker_end",
    "content_start", "content_end", "outlet", "mention", "sentence_id", "former", "author_voice",
]
_QUOTE_CHARS = "“”\"«»„"
_STR = pd.StringDtype(na_value=np.nan)  # pandas' default text dtype; missing values are NaN
_SMALL = 256
_OFFSETS = ["cue_start", "cue_end", "speaker_start", "speaker_end", "content_start", "content_end"]
_BOOL = ("former", "author_voice")
_STR_COLUMNS = [c for c in COLUMNS if c not in _OFFSETS and c != "sentence_id" and c not in _BOOL]
_INDEX = pd.Index(COLUMNS)


def rows(result) -> list[dict[str, Any]]:
    """The attributions of one document as plain dicts with the :data:`COLUMNS` keys."""
    text = result.doc.text
    out = []
    for a, sp, typed in zip(result.spans, result.speakers, result.types):
        out.append({
            "speaker": sp.name,
            "speaker_type": typed.speaker_type,
            "kind": speech_kind(text, a),
            "cue": a.cue,
            "cue_start": a.cue_start,
            "cue_end": a.cue_end,
            "speaker_start": sp.mention_start,
            "speaker_end": sp.mention_end,
            "content_start": a.content_start,
            "content_end": a.content_end,
            "outlet": sp.outlet,
            "mention": sp.mention,
            "sentence_id": a.sentence_id,
            "former": typed.former,
            "author_voice": sp.author_voice,
        })
    return out


def table(result) -> pd.DataFrame:
    """One document's attributions as the find_sources DataFrame."""
    return frame(rows(result))


def speech_kind(text: str, a) -> str:
    """direct | indirect | mixed | according_to, from the cue and the quotation marks of the content."""
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


def frame(rows: list[dict], doc_ids: list | None = None) -> pd.DataFrame:
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
        elif c in _BOOL:
            data[c] = np.array([r[c] for r in rows], dtype=bool)
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
