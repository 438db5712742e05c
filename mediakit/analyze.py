"""Stream a corpus of any size through ``mk.profile`` into a partitioned Parquet dataset.

Memory stays bounded: at most ``2 x jobs`` chunks are in flight, and each finished chunk is
written to its own ``part-NNNNN.parquet`` file at once. Read the result back with
``pandas.read_parquet(output)`` (a folder) or Dask/Spark/DuckDB.

>>> from mediakit.analyze import analyze
>>> analyze("ccnews.jsonl", "features.parquet", jobs=2)     # doctest: +SKIP
"""

from __future__ import annotations

import shutil
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InputError
from .features.profile import MEASURES, profile
from .load.stream import iter_corpus


@dataclass
class AnalyzeReport:
    articles: int = 0
    words: int = 0
    parts: int = 0
    seconds: float = 0.0
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _profile_chunk(chunk: pd.DataFrame, measures: tuple[str, ...]) -> pd.DataFrame:
    out = profile(chunk, measures=measures)
    return out


def analyze(source: Any, output: str | Path, *, jobs: int = 1, chunksize: int = 2000,
            measures: tuple[str, ...] = MEASURES, text_column: str | None = None,
            overwrite: bool = False, progress: bool = True) -> AnalyzeReport:
    """Profile every article in ``source`` and write Parquet parts under ``output``."""
    out = Path(output)
    if out.exists():
        if not overwrite:
            raise InputError(f"{out} exists; pass overwrite=True (CLI: --overwrite) to replace it")
        shutil.rmtree(out) if out.is_dir() else out.unlink()
    out.mkdir(parents=True)
    report = AnalyzeReport()
    bar = _progress_bar(progress)
    t0 = time.perf_counter()

    def write(result: pd.DataFrame) -> None:
        result.to_parquet(out / f"part-{report.parts:05d}.parquet", index=False)
        report.parts += 1
        report.articles += len(result)
        if "words" in result.columns:
            report.words += int(result["words"].sum())
        if bar is not None:
            bar.update(len(result))

    chunks = iter_corpus(source, chunksize=chunksize, text_column=text_column)
    try:
        if jobs <= 1:
            for chunk in chunks:
                report.errors.extend(chunk.attrs.get("errors", []))
                if len(chunk):
                    write(_profile_chunk(chunk, tuple(measures)))
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                pending: deque[Future[pd.DataFrame]] = deque()
                for chunk in chunks:
                    report.errors.extend(chunk.attrs.get("errors", []))
                    if not len(chunk):
                        continue
                    pending.append(pool.submit(_profile_chunk, chunk, tuple(measures)))
                    del chunk
                    while len(pending) >= 2 * jobs:  # keep memory bounded, keep order
                        write(pending.popleft().result())
                while pending:
                    write(pending.popleft().result())
    finally:
        if bar is not None:
            bar.close()
    report.seconds = time.perf_counter() - t0
    return report


def _progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(unit=" articles", unit_scale=True, desc="analyze", smoothing=0.1)
