"""Comparing outlets: keyness, keywords in context, word choice, entity labels, dictionary
rates, event alignment and per-group profiles with intervals and permutation tests.

Everything here takes the corpus DataFrame (or ``mk.profile`` output) and returns tidy
DataFrames. The public names are re-exported flat from :mod:`mediakit`.

>>> import mediakit as mk, pandas as pd
>>> prof = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "x": [1.0, 2.0, 3.0, 4.0]})
>>> mk.compare(prof, n_boot=50, n_perm=50)["mean"].tolist()
[1.5, 3.5]
"""

from __future__ import annotations

from .claims import align_claims
from .dictionaries import dictionary_rates
from .entities import entity_labels
from .events import align_events
from .keyness import keyness
from .kwic import kwic
from .profiles import compare
from .word_choice import word_choice

__all__ = [
    "align_claims",
    "align_events",
    "compare",
    "dictionary_rates",
    "entity_labels",
    "keyness",
    "kwic",
    "word_choice",
]
