"""Same story across outlets, in four steps, one file each.

``fields`` (what is read from each article) -> ``blocking`` (which pairs are worth scoring:
near in time, sharing rare words) -> ``pair_features`` + ``scorer`` (a learned probability that
a pair is one story) -> ``clustering`` (average linkage over those probabilities, with the hard
constraints) -> ``explain`` (confidence per article, the shared names behind each story).
:func:`mediakit.align_events` is the front door.

>>> import pandas as pd
>>> df = pd.DataFrame({"title": ["Flood hits Elmbridge", "Elmbridge flooded", "Farm bill passes"],
...                    "text": ["", "", ""]})
>>> score_corpus(df, window=None).pairs.shape[1]
2
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .blocking import candidate_pairs
from .fields import Fields, read_fields
from .pair_features import Vectors, build_vectors, pair_features

#: neighbours kept per article by blocking; a story covered by more outlets than this is still
#: found whole, because its articles reach each other through shared neighbours
NEIGHBOURS = 40


@dataclass
class ScoredCorpus:
    fields: Fields
    vectors: Vectors
    pairs: np.ndarray  # (m, 2) article indices, i < j
    features: np.ndarray  # (m, len(FEATURES))


def score_corpus(
    df: pd.DataFrame,
    window: float | None,
    text_column: str = "text",
    title_column: str | None = "title",
    date_column: str | None = "published",
    neighbours: int = NEIGHBOURS,
) -> ScoredCorpus:
    """Fields, vectors, candidate pairs and their features for one corpus."""
    fields = read_fields(df, text_column, title_column, date_column)
    vectors = build_vectors(fields, window)
    pairs, sims = candidate_pairs(vectors.all, fields.days, window, k=neighbours)
    return ScoredCorpus(fields, vectors, pairs, pair_features(vectors, fields, pairs, sims))
