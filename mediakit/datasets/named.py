"""Open a corpus by name or path: what a notebook's ``corpus=`` parameter accepts.

>>> import mediakit as mk
>>> df = mk.load_dataset("workshop")            # the bundled teaching corpus
>>> df = mk.load_dataset("my_articles/")        # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError

NAMES = ("workshop", "workshop-pages", "basil", "allsides", "article-bias")


def load_dataset(corpus: Any = "workshop", **kwargs: Any) -> pd.DataFrame:
    """A corpus DataFrame from a bundled dataset name, a path/folder/glob, or a DataFrame."""
    if isinstance(corpus, pd.DataFrame):
        return corpus
    from ..load.corpus import load_corpus
    from .bundled import load_sample_pages, load_workshop

    if corpus == "workshop":
        return load_workshop()
    if corpus == "workshop-pages":
        return load_corpus(load_sample_pages(), **kwargs)
    # downloaded research corpora (cached after the first call; see docs/research_formats.md)
    if corpus == "basil":
        from .basil import fetch_basil

        return fetch_basil(**kwargs).articles
    if corpus == "allsides":
        from .remote import fetch_allsides

        return fetch_allsides(**kwargs)
    if corpus == "article-bias":
        from .remote import fetch_article_bias

        return fetch_article_bias(**kwargs)
    if isinstance(corpus, (str, Path)) and (Path(corpus).exists() or any(c in str(corpus) for c in "*?[")):
        return load_corpus(corpus, **kwargs)
    if isinstance(corpus, (list, tuple)):
        return load_corpus(list(corpus), **kwargs)
    raise InputError(f"{corpus!r} is neither a bundled dataset ({', '.join(NAMES)}) nor an existing path")
