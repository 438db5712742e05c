"""Stream a corpus in chunks, so a million articles never sit in memory at once.

>>> import mediakit as mk
>>> for chunk in mk.iter_corpus("ccnews.jsonl", chunksize=5000):   # doctest: +SKIP
...     features = mk.profile(chunk)

Each chunk is a corpus DataFrame exactly like ``mk.load_corpus`` returns for the same rows
(same columns, same ``doc_id`` values), with its own ``attrs["errors"]``.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from io import TextIOWrapper
from pathlib import Path
from typing import Any

import pandas as pd

from ..caller import user_stacklevel
from ..errors import FormatError, InputError
from .corpus import PAGE_SUFFIXES, _finish, expand_source, load_corpus
from .registry import full_suffix
from .tables import standardize_table

STREAMABLE = {".jsonl", ".ndjson", ".csv", ".tsv", ".parquet", ".pq"}


def iter_corpus(source: Any, chunksize: int = 1000, *, text_column: str | None = None,
                recursive: bool = True) -> Iterator[pd.DataFrame]:
    """Yield corpus DataFrames of at most ``chunksize`` articles from a file, folder, glob or list.

    JSONL, CSV and Parquet files are read incrementally; folders of pages are loaded
    ``chunksize`` files at a time; other files (exports) are read whole and then split.
    """
    if not isinstance(chunksize, int) or chunksize < 1:
        raise InputError(f"chunksize must be a positive integer, not {chunksize!r}")
    if isinstance(source, pd.DataFrame):
        for start in range(0, len(source), chunksize):
            yield load_corpus(source.iloc[start:start + chunksize], text_column=text_column)
        return
    paths, problems = expand_source(source, recursive=recursive)
    for p in problems:
        warnings.warn(f"{p['path']}: {p['error']}", stacklevel=user_stacklevel())
    pages: list[Path] = []
    for path in paths:
        suffix = full_suffix(path)
        if suffix in (".warc", ".arc"):
            if pages:
                yield from _page_chunks(pages, chunksize, text_column)
                pages = []
            yield from _warc_chunks(path, chunksize)
        elif suffix in STREAMABLE and path.suffix.lower() == suffix:
            if pages:
                yield from _page_chunks(pages, chunksize, text_column)
                pages = []
            yield from _table_chunks(path, chunksize, text_column)
        elif suffix in PAGE_SUFFIXES:
            pages.append(path)
        else:
            if pages:
                yield from _page_chunks(pages, chunksize, text_column)
                pages = []
            df = load_corpus(path, text_column=text_column)
            for start in range(0, max(len(df), 1), chunksize):
                part = df.iloc[start:start + chunksize].copy()
                part.attrs["errors"] = df.attrs.get("errors", []) if start == 0 else []
                if len(part) or part.attrs["errors"]:
                    yield part
    if pages:
        yield from _page_chunks(pages, chunksize, text_column)


def _page_chunks(pages: list[Path], chunksize: int, text_column: str | None) -> Iterator[pd.DataFrame]:
    for start in range(0, len(pages), chunksize):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # errors are in attrs; one warning per chunk is noise
            yield load_corpus(pages[start:start + chunksize], text_column=text_column)


def _warc_chunks(path: Path, chunksize: int) -> Iterator[pd.DataFrame]:
    """A web archive record by record: a CC-NEWS file of a few GB never sits in memory."""
    from collections import Counter

    from ..article import articles_to_frame
    from .warc import iter_warc

    stats: Counter[str] = Counter()
    batch = []
    for art in iter_warc(path, stats=stats):
        batch.append(art)
        if len(batch) >= chunksize:
            yield _finish(articles_to_frame(batch), [])
            batch = []
    skipped = [{"path": str(path), "error": f"skipped {n} WARC record(s): {k.split(': ', 1)[-1]}"}
               for k, n in sorted(stats.items()) if k.startswith("skipped")]
    if batch or skipped:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield _finish(articles_to_frame(batch), skipped)


def _table_chunks(path: Path, chunksize: int, text_column: str | None) -> Iterator[pd.DataFrame]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=chunksize):
                yield _finish_chunk(batch.to_pandas(), path, text_column)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _jsonl_chunks(path, chunksize, text_column)
        else:
            sep = "\t" if suffix == ".tsv" else ","
            with open(path, "rb") as raw:
                enc = _sniff_encoding(raw.read(65536))
            for chunk in pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, chunksize=chunksize,
                                     encoding=enc, encoding_errors="replace"):
                yield _finish_chunk(chunk, path, text_column)
    except (OSError, ValueError, pd.errors.ParserError) as e:
        if isinstance(e, InputError):
            raise
        raise FormatError(f"{path.name}: cannot stream as {suffix[1:]}: {e}") from e


def _jsonl_chunks(path: Path, chunksize: int, text_column: str | None) -> Iterator[pd.DataFrame]:
    rows: list[dict[str, Any]] = []
    bad: list[dict[str, str]] = []
    with open(path, "rb") as raw:
        enc = _sniff_encoding(raw.read(65536))
    with open(path, "rb") as raw, TextIOWrapper(raw, encoding=enc, errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
            except ValueError as e:
                bad.append({"path": f"{path}:{lineno}", "error": f"FormatError: {e}"})
                continue
            rows.append(obj)
            if len(rows) >= chunksize:
                yield _finish_chunk(pd.json_normalize(rows, max_level=1), path, text_column, bad)
                rows, bad = [], []
    if rows or bad:
        yield _finish_chunk(pd.json_normalize(rows, max_level=1) if rows else pd.DataFrame({"text": []}),
                            path, text_column, bad)


def _finish_chunk(raw: pd.DataFrame, path: Path, text_column: str | None,
                  errors: list[dict[str, str]] | None = None) -> pd.DataFrame:
    df = standardize_table(raw, text_column=text_column, name=path.name)
    df["source_path"] = str(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _finish(df, list(errors or []))


def _sniff_encoding(head: bytes) -> str:
    from ..text.normalize import decode_bytes

    try:
        head.decode("utf-8")
        return "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as e:
        if e.start > len(head) - 4:  # a multi-byte character cut at the end of the sample
            return "utf-8"
    _, enc = decode_bytes(head)
    return enc
