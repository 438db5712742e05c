"""mediakit: measure hedging, cited sources and framing in news, and compare outlets.

>>> import mediakit as mk
>>> art = mk.parse_article("Storm nears coast\\n\\nThe storm may reach the coast, officials said.")
>>> art.title
'Storm nears coast'

The public API is flat and listed in ``__all__``. Names are imported on first use, so
``import mediakit`` stays fast (matplotlib, scikit-learn and trafilatura load only when a
function that needs them is called).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it. tests/test_api.py pins this list.
_API: dict[str, str] = {
    # records and errors
    "Article": "mediakit.article",
    "MediakitError": "mediakit.errors",
    "InputError": "mediakit.errors",
    "FormatError": "mediakit.errors",
    "SchemaError": "mediakit.errors",
    # loading
    "parse_article": "mediakit.load.articles",
    "load_article": "mediakit.load.articles",
    "load_corpus": "mediakit.load.corpus",
    "find_duplicates": "mediakit.load.duplicates",
    "fetch_allsides": "mediakit.datasets.remote",
    "fetch_article_bias": "mediakit.datasets.remote",
    "fetch_basil": "mediakit.datasets.basil",
    "load_basil": "mediakit.datasets.basil",
    "get_data_home": "mediakit.datasets.remote",
    # the analysed document every measure reads (built once per text)
    "Document": "mediakit.text.doc",
    # hedging and certainty
    "find_hedges": "mediakit.features.hedging",
    "hedge_rates": "mediakit.features.hedging",
    "load_lexicon": "mediakit.features.hedging",
    "HedgeLexicon": "mediakit.features.hedging",
    # cited sources
    "find_sources": "mediakit.features.sources",
    "source_profile": "mediakit.features.sources",
    # display ("viz" is the module itself: mk.viz.rates_by_outlet ...)
    "viz": "mediakit.viz",
    "highlight": "mediakit.viz",
    "explore": "mediakit.viz.widgets",
    # bundled data
    "load_workshop": "mediakit.datasets.bundled",
    "load_sample_pages": "mediakit.datasets.bundled",
    "bundled_path": "mediakit.datasets.bundled",
    "iter_corpus": "mediakit.load.stream",
    "load_dataset": "mediakit.datasets.named",
    "profile": "mediakit.features.profile",
    # one HTML page about a corpus
    "build_report": "mediakit.report",
    "write_report": "mediakit.report",
    # framing and comparison
    "score_frames": "mediakit.features.framing",
    "FrameClassifier": "mediakit.features.framing",
    "FRAMES": "mediakit.features.framing",
    "load_dictionary": "mediakit.lexicons.dictionary",
    "keyness": "mediakit.comparison.keyness",
    "kwic": "mediakit.comparison.kwic",
    "word_choice": "mediakit.comparison.word_choice",
    "entity_labels": "mediakit.comparison.entities",
    "dictionary_rates": "mediakit.comparison.dictionaries",
    "align_events": "mediakit.comparison.events",
    "align_claims": "mediakit.comparison.claims",
    "compare": "mediakit.comparison.profiles",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'mediakit' has no attribute {name!r}")
    mod = importlib.import_module(module)
    # A name mapped to its own subpackage ("viz": "mediakit.viz") is the module itself.
    value = mod if module == f"{__name__}.{name}" else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
