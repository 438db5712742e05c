"""What alignment reads from each article: headline, lead, body, names and figures, day.

Everything later (blocking, pair features, explanations) works on these fields, so the three
kinds of input researchers have (full texts, leads, headlines only) differ only here: a missing
body leaves ``lead`` and ``body`` empty and the pair features say so.

>>> from mediakit.comparison.alignment.fields import names_and_figures
>>> names, figures = names_and_figures("Sen. Joe Manchin blocked the $150 billion plan on Tuesday.")
>>> sorted(names), sorted(figures)
(['joe', 'joe manchin', 'manchin'], ['150'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ...errors import InputError
from ...features.corpus_input import iter_texts

#: words of the body that count as its lead (AllSides leads are about 90 words)
LEAD_WORDS = 60
#: words of the body read at all: later paragraphs of a long article add background, not the event
BODY_WORDS = 400

_CAP_RUN = re.compile(r"(?<![\w'’])[A-Z][\w'’\-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’\-]*)*")
_FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_POSSESSIVE = re.compile(r"['’]s$")
# Capitalised words that name no one: calendar words and titles that start many leads
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december mr mrs ms dr sen rep gov pres president "
    "senator representative governor new breaking update updated exclusive watch opinion read".split()
)


@dataclass(frozen=True)
class Fields:
    """Per-article inputs, aligned with the rows of the corpus."""

    titles: list[str]
    leads: list[str]
    bodies: list[str]
    names: list[set[str]]
    figures: list[set[str]]
    days: np.ndarray  # float days since 1970, NaN when unknown
    has_body: np.ndarray  # bool


def names_and_figures(text: str) -> tuple[set[str], set[str]]:
    """Lower-cased capitalised sequences (whole, and each of their words) and numbers in ``text``."""
    names: set[str] = set()
    for m in _CAP_RUN.finditer(text):
        words = [_POSSESSIVE.sub("", w).lower() for w in m.group(0).split()]
        words = [w for w in words if w not in ENGLISH_STOP_WORDS and w not in _NOT_NAMES and len(w) > 1]
        if not words:
            continue
        names.update(words)
        if len(words) > 1:
            names.add(" ".join(words))
    figures = {f.replace(",", "") for f in _FIGURE.findall(text)}
    # single digits are everywhere ("2 people", "5 p.m."), they identify nothing
    return names, {f for f in figures if len(f) > 1}


def day_numbers(df: pd.DataFrame, date_column: str | None) -> np.ndarray:
    """Days since 1970 (float; NaN for missing or unparseable dates)."""
    if date_column is None or date_column not in df.columns:
        return np.full(len(df), np.nan)
    dates = pd.to_datetime(df[date_column], errors="coerce", utc=True)
    return ((dates - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds() / 86400.0).to_numpy(dtype=float)


def read_fields(
    df: pd.DataFrame, text_column: str, title_column: str | None, date_column: str | None
) -> Fields:
    """Build :class:`Fields` for every row of ``df``."""
    if title_column and title_column in df.columns:
        raw_titles = df[title_column].tolist()
    else:
        raw_titles = [None] * len(df)
    titles, leads, bodies, names, figures, has_body = [], [], [], [], [], []
    for title, (_, body) in zip(raw_titles, iter_texts(df, text_column)):
        if title is not None and not isinstance(title, str):
            if isinstance(title, float) and title != title:
                title = None
            else:
                raise InputError(f"titles must be str, found {type(title).__name__}: {str(title)[:40]!r}")
        head = " ".join((title or "").split())
        words = body.split()
        lead = " ".join(words[:LEAD_WORDS])
        text = " ".join(words[:BODY_WORDS])
        titles.append(head)
        leads.append(lead)
        bodies.append(text)
        n, f = names_and_figures(f"{head}.\n{lead}")
        names.append(n)
        figures.append(f)
        has_body.append(bool(words))
    return Fields(titles, leads, bodies, names, figures, day_numbers(df, date_column), np.array(has_body, dtype=bool))
