"""Which reader handles which file: by suffix, and by sniffing the first bytes where suffixes lie.

A reader turns one file into a list of :class:`~mediakit.article.Article` (a page) or a
DataFrame (a table or a database export with many articles). Export formats whose files end in
``.txt`` or ``.html`` like ordinary pages (LexisNexis, Factiva) declare a ``sniff`` test so they
are recognised before the page readers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..article import Article

ReadResult = list[Article] | pd.DataFrame


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], ReadResult]
    sniff: Callable[[bytes], bool] | None = None  # True if the head bytes are this format


READERS: list[Reader] = []
# Modules that register readers for research exports when imported (issue: research formats).
BUILTIN_READER_MODULES: tuple[str, ...] = (
    "mediakit.load.lexisnexis_classic",
    "mediakit.load.nexis",
    "mediakit.load.factiva",
    "mediakit.load.warc",
)
_loaded = False


def load_builtin_readers() -> None:
    """Import the built-in export readers once (they register themselves)."""
    global _loaded
    if _loaded:
        return
    import importlib

    for name in BUILTIN_READER_MODULES:
        importlib.import_module(name)
    _loaded = True


def register(reader: Reader) -> Reader:
    """Add a reader; sniffing readers are consulted first, in registration order."""
    READERS.append(reader)
    return reader


def full_suffix(path: Path) -> str:
    """'.html' for page.html, '.html' for page.html.gz (compression is handled by the caller)."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in (".gz", ".bz2", ".xz") and len(suffixes) == 2:
        return suffixes[0]
    return suffixes[-1] if suffixes else ""


def reader_for(path: Path, head: bytes) -> Reader | None:
    suffix = full_suffix(path)
    for r in READERS:
        if r.sniff is not None and suffix in r.suffixes and r.sniff(head):
            return r
    for r in READERS:
        if r.sniff is None and suffix in r.suffixes:
            return r
    return None
