"""The units a measure is validated on, with the tool's answer for every one of them.

A validation study compares the tool with people on *units*: sentences for hedges and sources,
articles for frames, pieces of a saved page for body extraction. :func:`tool_units` applies the
measure to the whole corpus and returns one row per unit (flagged or not), so that a sample can
include the units the tool missed and the observed shares can be corrected later.

>>> from mediakit.validation.units import tool_units
>>> t = tool_units("The dam may fail. It held.", "hedges")
>>> t["tool"].tolist()
['hedge', 'none']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from ..errors import InputError, SchemaError

MEASURES = ("hedges", "sources", "frames", "bodies")
HEDGE_CATEGORIES = ("hedge", "booster", "approximator")
# The tool's answer when it finds nothing; for frames the catch-all frame plays that part.
NONE = "none"
UNIT_COLUMNS = ["unit_id", "doc_id", "start", "end", "words", "tool"]


@dataclass(frozen=True)
class Question:
    """What a coder is asked: the question, the allowed answers (with definitions), the unit."""

    measure: str
    unit: str
    text: str
    answers: dict[str, str]
    negative: str  # the answer meaning "the tool should not flag this"

    @property
    def categories(self) -> list[str]:
        return list(self.answers)


@lru_cache(maxsize=1)
def _questions() -> dict[str, Any]:
    import yaml

    raw = resources.files("mediakit.validation").joinpath("questions.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(raw)


def question_for(measure: str, category: str = "hedge", frame: str | None = None) -> Question:
    """The question and answers coders see for ``measure`` (see ``questions.yaml``)."""
    q = _questions()
    if measure == "hedges":
        entry = q["hedges" if category == "hedge" else category]
        return Question(measure, entry["unit"], entry["question"], dict(entry["answers"]), NONE)
    if measure == "frames" and frame is not None:
        entry = q["frame"]
        definition = q["frames"]["answers"][frame]
        text = entry["question"].format(frame=frame, definition=definition)
        return Question(measure, entry["unit"], text, dict(entry["answers"]), NONE)
    entry = q[measure]
    negative = {"frames": "other", "bodies": "boilerplate"}.get(measure, NONE)
    return Question(measure, entry["unit"], entry["question"], dict(entry["answers"]), negative)


def unit_id(measure: str, doc_id: Any, start: int, end: int, text: str) -> str:
    """A short id that is stable for the same unit and says nothing about the tool's answer."""
    key = f"{measure}\x1f{doc_id}\x1f{start}\x1f{end}\x1f{text}"
    return "u" + hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()


def as_corpus(corpus: Any) -> pd.DataFrame:
    """A corpus DataFrame with ``doc_id`` and ``text`` (a str or Series becomes a small corpus)."""
    if isinstance(corpus, str):
        return pd.DataFrame({"doc_id": ["doc0"], "text": [corpus]})
    if isinstance(corpus, pd.Series):
        return pd.DataFrame({"doc_id": list(corpus.index), "text": corpus.tolist()})
    if not isinstance(corpus, pd.DataFrame):
        raise InputError(f"expected a corpus DataFrame, a Series of texts or a str, got {type(corpus).__name__}")
    if "text" not in corpus.columns:
        raise SchemaError(f"the corpus has no 'text' column (columns: {', '.join(map(str, corpus.columns))})")
    out = corpus.copy()
    if "doc_id" not in out.columns:
        out.insert(0, "doc_id", [f"doc{i}" for i in range(len(out))])
    if out["doc_id"].duplicated().any():
        dup = out.loc[out["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise InputError(f"doc_id must be unique; {dup!r} appears more than once")
    out["text"] = out["text"].fillna("").astype(str)
    return out.reset_index(drop=True)


def tool_units(corpus: Any, measure: str, category: str = "hedge", frame: str | None = None,
               threshold: float = 0.0) -> pd.DataFrame:
    """One row per unit of the whole corpus: ``unit_id, doc_id, start, end, words, tool``.

    ``start``/``end`` index the article's ``text`` (for ``bodies`` they index the unit's own
    text, kept in a ``unit_text`` column, because removed lines are not in the body).
    """
    if measure not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")
    if measure == "bodies":
        return _body_units(corpus)
    docs = as_corpus(corpus)
    if measure == "hedges":
        if category not in HEDGE_CATEGORIES:
            raise InputError(f"category must be one of {', '.join(HEDGE_CATEGORIES)}, got {category!r}")
        return _sentence_units(docs, measure, _hedge_labels(docs, category))
    if measure == "sources":
        return _sentence_units(docs, measure, _source_labels(docs))
    return _article_units(docs, frame, threshold)


def _sentence_units(docs: pd.DataFrame, measure: str, labels: dict[Any, list[tuple[int, str]]]) -> pd.DataFrame:
    """Every sentence of every article, labelled with the first label the tool put in it."""
    from bisect import bisect_right

    from ..text.sentences import split_sentences
    from ..text.tokens import count_words

    rows = []
    for doc_id, text in zip(docs["doc_id"].tolist(), docs["text"].tolist()):
        spans = split_sentences(text)
        starts = [s for s, _ in spans]
        found: dict[int, str] = {}
        for pos, label in sorted(labels.get(doc_id, []), key=lambda x: x[0]):
            i = bisect_right(starts, pos) - 1
            if i >= 0 and pos < spans[i][1]:
                found.setdefault(i, label)
        for i, (s, e) in enumerate(spans):
            piece = text[s:e]
            rows.append((unit_id(measure, doc_id, s, e, piece), doc_id, s, e, count_words(piece),
                         found.get(i, NONE)))
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


def _hedge_labels(docs: pd.DataFrame, category: str) -> dict[Any, list[tuple[int, str]]]:
    from ..features.hedging import find_hedges

    hits = find_hedges(docs[["doc_id", "text"]])
    hits = hits[hits["category"] == category]
    out: dict[Any, list[tuple[int, str]]] = {}
    for doc_id, start in zip(hits["doc_id"].tolist(), hits["start"].tolist()):
        out.setdefault(doc_id, []).append((int(start), category))
    return out


def _source_labels(docs: pd.DataFrame) -> dict[Any, list[tuple[int, str]]]:
    from ..features.sources import find_sources

    hits = find_sources(docs[["doc_id", "text"]])
    out: dict[Any, list[tuple[int, str]]] = {}
    for doc_id, start, kind in zip(hits["doc_id"].tolist(), hits["cue_start"].tolist(),
                                   hits["speaker_type"].tolist()):
        if start is None or start is pd.NA:
            continue
        out.setdefault(doc_id, []).append((int(start), str(kind) if isinstance(kind, str) else "other"))
    return out


# ---------------------------------------------------------------- frames

def frames_from_cue_scores(docs: pd.DataFrame) -> pd.DataFrame:
    """Frames as ``detect_frames`` reports them (doc_id, frame, probability, present), from cue
    rates: the score is the cue rate per 1,000 words, present when any cue matched."""
    from ..features.framing import score_frames

    wide = score_frames(docs[["doc_id", "text"]])
    long = wide.melt(id_vars="doc_id", var_name="frame", value_name="probability")
    long["present"] = long["probability"] > 0
    return long


def frames_from_detector(docs: pd.DataFrame) -> pd.DataFrame:
    """Frames from ``mk.detect_frames`` (long: doc_id, frame, probability, present)."""
    from ..features.frames import detect_frames

    return detect_frames(docs[["doc_id", "text"]], evidence=False)[["doc_id", "frame", "probability", "present"]]


# The tool's frame answers: detect_frames' calibrated labels (frames_from_cue_scores is the older
# vocabulary-rate proxy, kept for comparison).
FRAME_TOOL = frames_from_detector


def _article_units(docs: pd.DataFrame, frame: str | None, threshold: float) -> pd.DataFrame:
    from ..features.framing import FRAME_KEYS
    from ..text.tokens import count_words

    table = FRAME_TOOL(docs)
    if frame is not None and frame not in FRAME_KEYS:
        raise InputError(f"unknown frame {frame!r}; choose from {', '.join(FRAME_KEYS)}")
    labels: dict[Any, str] = {}
    for doc_id, part in table.groupby("doc_id", sort=False):
        if frame is not None:
            row = part[part["frame"] == frame]
            hit = bool(len(row)) and bool(row["present"].iloc[0]) and float(row["probability"].iloc[0]) > threshold
            labels[doc_id] = "present" if hit else NONE
        else:
            # The dominant frame: highest score among those present; ties go to codebook order.
            part = part[part["present"].astype(bool)]
            order = {k: i for i, k in enumerate(FRAME_KEYS)}
            part = part.assign(_o=part["frame"].map(order)).sort_values(["probability", "_o"],
                                                                         ascending=[False, True])
            labels[doc_id] = str(part["frame"].iloc[0]) if len(part) else "other"
    negative = NONE if frame is not None else "other"
    measure = "frames" if frame is None else f"frames:{frame}"
    rows = []
    for doc_id, text in zip(docs["doc_id"].tolist(), docs["text"].tolist()):
        rows.append((unit_id(measure, doc_id, 0, len(text), text), doc_id, 0, len(text), count_words(text),
                     labels.get(doc_id, negative)))
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


# ---------------------------------------------------------------- bodies

def _body_units(corpus: Any) -> pd.DataFrame:
    """Paragraphs the cleaner kept (tool: body) and lines it removed (tool: boilerplate)."""
    from ..load.articles import load_article
    from ..text.tokens import count_words

    paths = _page_paths(corpus)
    rows = []
    for doc_id, path in paths:
        art = load_article(path)
        pieces = [(p, "body") for p in art.text.split("\n\n") if p.strip()]
        pieces += [(line, "boilerplate") for line in art.boilerplate if str(line).strip()]
        for i, (piece, label) in enumerate(pieces):
            rows.append((unit_id("bodies", doc_id, i, i + 1, piece), doc_id, 0, len(piece),
                         count_words(piece), label, piece))
    return pd.DataFrame(rows, columns=[*UNIT_COLUMNS, "unit_text"])


def _page_paths(corpus: Any) -> list[tuple[Any, str]]:
    from pathlib import Path

    if isinstance(corpus, pd.DataFrame):
        if "source_path" not in corpus.columns:
            raise SchemaError("measure='bodies' needs the saved pages: a corpus from mk.load_corpus(files) "
                              "(it has a 'source_path' column) or a list of page paths")
        ids = corpus["doc_id"] if "doc_id" in corpus.columns else pd.Series(range(len(corpus)))
        pairs = [(d, p) for d, p in zip(ids.tolist(), corpus["source_path"].tolist()) if isinstance(p, str) and p]
        missing = [p for _, p in pairs if not Path(p).is_file()]
        if missing:
            raise SchemaError(f"measure='bodies' re-reads the saved pages, but {len(missing)} source_path file(s) "
                              f"do not exist (first: {missing[0]!r}); pass the page files or the corpus "
                              "mk.load_corpus made from them")
    elif isinstance(corpus, str | Path):
        folder = Path(corpus)
        files = sorted(folder.iterdir()) if folder.is_dir() else [folder]
        pairs = [(f.name, str(f)) for f in files if f.is_file()]
    else:
        pairs = [(Path(p).name, str(p)) for p in corpus]
    if not pairs:
        raise InputError("no saved pages to sample body extraction from")
    return pairs
