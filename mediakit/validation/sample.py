"""A reproducible, stratified sample of units for blind human coding.

The sample is stratified by outlet (or any corpus column) and, inside each outlet, by whether
the tool flagged the unit, so that it holds units the tool missed (recall can be measured) as
well as units it flagged (precision). Every unit carries its inverse sampling probability
(``weight``), so that estimates for the whole corpus stay unbiased. The tool's answers live in
``sample.key`` and never in what coders see (``sample.units``, the coding files and page).

>>> import mediakit as mk
>>> s = mk.validation_sample(mk.load_workshop(), "hedges", n=40, seed=1)  # doctest: +SKIP
>>> s.to_html("coding_page.html", coder="anna")                          # doctest: +SKIP
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, SchemaError
from .units import MEASURES, Question, as_corpus, question_for, tool_units

# How much article text a coder sees around a sentence: one sentence either side.
_CONTEXT_SENTENCES = 1
KEY_COLUMNS = ["unit_id", "doc_id", "group", "tool", "stratum", "weight"]


@dataclass
class ValidationSample:
    """Units to code (``units``), the tool's answers (``key``) and every unit of the corpus
    with the tool's answer (``population``, used to correct shares)."""

    measure: str
    question: Question
    units: pd.DataFrame
    key: pd.DataFrame
    population: pd.DataFrame
    stratify: str | None
    seed: int
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def categories(self) -> list[str]:
        return self.question.categories

    def __len__(self) -> int:
        return len(self.units)

    def __repr__(self) -> str:
        groups = self.key["group"].nunique()
        return (f"ValidationSample({self.measure!r}, {len(self)} {self.question.unit}s from "
                f"{len(self.population):,} in the corpus, {groups} strata by {self.stratify!r}, seed={self.seed})")

    def _repr_html_(self) -> str:
        counts = self.key.groupby("group").size()
        rows = "".join(f"<tr><td>{html.escape(str(g))}</td><td>{n}</td></tr>" for g, n in counts.items())
        return (f"<p><b>{html.escape(repr(self))}</b></p><p>{html.escape(self.question.text)}</p>"
                f"<table><tr><th>{html.escape(str(self.stratify))}</th><th>units</th></tr>{rows}</table>"
                "<p>The tool's answers are in <code>.key</code>; give coders only the coding files.</p>")

    # ---- what coders get (never the key)
    def to_csv(self, path: str | Path, coder: str = "") -> Path:
        """A coding sheet (CSV, UTF-8 with BOM so spreadsheet programs read accents)."""
        from .coding_file import write_csv

        return write_csv(self, path, coder=coder)

    def to_xlsx(self, path: str | Path, coder: str = "") -> Path:
        """A coding workbook: one row per unit, a drop-down of answers, a sheet of instructions."""
        from .coding_file import write_xlsx

        return write_xlsx(self, path, coder=coder)

    def to_html(self, path: str | Path, coder: str = "", title: str | None = None) -> Path:
        """A self-contained coding page (offline; answers download as a CSV)."""
        from .html_page import write_page

        return write_page(self, path, coder=coder, title=title)

    def coder(self, path: str | Path, coder: str = "") -> Any:
        """An ipywidgets coder that saves every answer to ``path`` (a CSV) and resumes from it."""
        from ..viz.coder import Coder

        return Coder(self, path, coder=coder)

    def save_key(self, path: str | Path) -> Path:
        """The tool's answers and weights, for :func:`mediakit.read_coding` (keep it from coders)."""
        path = Path(path)
        self.key.to_csv(path, index=False)
        return path


def validation_sample(corpus: Any, measure: str, n: int = 200, stratify: str | None = "outlet",
                      seed: int = 0, flagged_share: float | None = 0.5, category: str = "hedge",
                      frame: str | None = None) -> ValidationSample:
    """Draw ``n`` units of ``measure`` for blind coding, stratified by ``stratify`` and tool answer.

    ``measure``: ``"hedges"`` (sentences; ``category=`` "hedge", "booster" or "approximator"),
    ``"sources"`` (sentences; attribution and the first source's type, or "none"),
    ``"frames"`` (articles; the dominant frame, or ``frame="economic"`` for one frame's
    presence), ``"bodies"`` (paragraphs kept and lines removed by the page cleaner; pass the
    corpus that ``mk.load_corpus`` made from the saved pages).

    ``n`` is split evenly between strata; inside a stratum ``flagged_share`` of the units are
    ones the tool flagged and the rest ones it did not (``None``: a simple random sample per
    stratum). Units are shuffled, so the order tells a coder nothing. The same corpus and seed
    give the same sample.

    >>> import mediakit as mk
    >>> s = mk.validation_sample(mk.load_workshop(), "hedges", n=20, seed=3)
    >>> len(s), sorted(s.units.columns)
    (20, ['after', 'before', 'position', 'text', 'title', 'unit_id'])
    """
    if measure not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")
    if not isinstance(n, int | np.integer) or n < 1:
        raise InputError(f"n must be a positive whole number, got {n!r}")
    if flagged_share is not None and not 0 < flagged_share < 1:
        raise InputError(f"flagged_share must be between 0 and 1 (exclusive) or None, got {flagged_share!r}")
    question = question_for(measure, category=category, frame=frame)
    docs = _docs(corpus, measure)
    if stratify is not None and stratify not in docs.columns:
        raise SchemaError(f"cannot stratify by {stratify!r}: the corpus has no such column "
                          f"(columns: {', '.join(map(str, docs.columns))}); pass stratify=None")
    population = tool_units(corpus if measure == "bodies" else docs, measure, category=category, frame=frame)
    if population.empty:
        raise InputError(f"the corpus has no units to sample for {measure!r}")
    groups = docs.set_index("doc_id")[stratify] if stratify is not None else None
    population.insert(2, "group", population["doc_id"].map(groups).fillna("(none)").astype(str)
                      if groups is not None else "(all)")
    picked = _draw(population, n, flagged_share, question.negative, seed)
    key = population.loc[picked.index, ["unit_id", "doc_id", "group", "tool"]].copy()
    key["stratum"] = picked["stratum"]
    key["weight"] = picked["weight"]
    order = np.random.default_rng(seed + 1).permutation(len(key))
    key = key.iloc[order].reset_index(drop=True)
    units = _coder_view(key, population, docs, measure)
    meta = {"n_requested": int(n), "flagged_share": flagged_share, "category": category, "frame": frame}
    return ValidationSample(measure, question, units, key[KEY_COLUMNS], population, stratify, int(seed), meta)


def _docs(corpus: Any, measure: str) -> pd.DataFrame:
    if measure != "bodies":
        return as_corpus(corpus)
    if isinstance(corpus, pd.DataFrame):
        out = corpus.copy()
        if "doc_id" not in out.columns:
            out.insert(0, "doc_id", range(len(out)))
        if "text" not in out.columns:
            out["text"] = ""
        return out
    from .units import _page_paths

    pairs = _page_paths(corpus)
    return pd.DataFrame({"doc_id": [d for d, _ in pairs], "text": ""})


def _draw(pop: pd.DataFrame, n: int, flagged_share: float | None, negative: str, seed: int) -> pd.DataFrame:
    """Row labels of the sample with stratum and inverse-probability weight."""
    rng = np.random.default_rng(seed)
    flagged = pop["tool"] != negative
    groups = sorted(pop["group"].unique())
    per_group = _split(n, [int((pop["group"] == g).sum()) for g in groups])
    picked = []
    for g, k in zip(groups, per_group):
        in_g = pop["group"] == g
        if flagged_share is None:
            cells = {"all": pop.index[in_g]}
            want = {"all": k}
        else:
            cells = {"flagged": pop.index[in_g & flagged], "unflagged": pop.index[in_g & ~flagged]}
            want = dict(zip(cells, _split_share(k, flagged_share, len(cells["flagged"]), len(cells["unflagged"]))))
        for cell, idx in cells.items():
            take = min(want[cell], len(idx))
            if take == 0:
                continue
            chosen = rng.choice(np.asarray(idx), size=take, replace=False)
            picked.append(pd.DataFrame({"stratum": f"{g} | {cell}", "weight": len(idx) / take},
                                       index=np.sort(chosen)))
    return pd.concat(picked)


def _split(n: int, sizes: list[int]) -> list[int]:
    """``n`` split as evenly as possible over strata, never more than a stratum holds."""
    alloc = [0] * len(sizes)
    left = min(n, sum(sizes))
    while left > 0:
        open_ = [i for i, s in enumerate(sizes) if alloc[i] < s]
        share, extra = divmod(left, len(open_))
        for j, i in enumerate(open_):
            add = min(share + (1 if j < extra else 0), sizes[i] - alloc[i])
            alloc[i] += add
            left -= add
    return alloc


def _split_share(k: int, share: float, n_flag: int, n_unflag: int) -> tuple[int, int]:
    want_flag = int(round(k * share))
    a = min(want_flag, n_flag)
    b = min(k - a, n_unflag)
    a = min(k - b, n_flag)  # give what the unflagged cell could not take back to the flagged one
    return a, b


def _coder_view(key: pd.DataFrame, pop: pd.DataFrame, docs: pd.DataFrame, measure: str) -> pd.DataFrame:
    """What a coder sees: the unit with a little context, and nothing of the tool's answer."""
    from ..text.sentences import split_sentences

    text_of = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist()))
    title_of = dict(zip(docs["doc_id"].tolist(), docs["title"].fillna("").astype(str).tolist())) \
        if "title" in docs.columns else {}
    pop = pop.set_index("unit_id")
    spans_cache: dict[Any, list[tuple[int, int]]] = {}
    rows = []
    for i, (uid, doc_id) in enumerate(zip(key["unit_id"].tolist(), key["doc_id"].tolist())):
        row = pop.loc[uid]
        text = text_of.get(doc_id, "")
        before = after = ""
        if measure == "bodies":
            unit = str(row["unit_text"])
        else:
            s, e = int(row["start"]), int(row["end"])
            unit = text[s:e]
            if measure in ("hedges", "sources"):
                if doc_id not in spans_cache:
                    spans_cache[doc_id] = split_sentences(text)
                spans = spans_cache[doc_id]
                j = next((k for k, sp in enumerate(spans) if sp == (s, e)), None)
                if j is not None:
                    lo = spans[max(0, j - _CONTEXT_SENTENCES)][0]
                    hi = spans[min(len(spans) - 1, j + _CONTEXT_SENTENCES)][1]
                    before, after = text[lo:s].strip(), text[e:hi].strip()
        rows.append({"unit_id": uid, "position": i + 1, "title": title_of.get(doc_id, ""),
                     "before": before, "text": unit, "after": after})
    return pd.DataFrame(rows, columns=["unit_id", "position", "title", "before", "text", "after"])
