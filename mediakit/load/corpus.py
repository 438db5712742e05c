"""Many articles at once: :func:`load_corpus` over folders, globs, lists, tables and exports.

One bad file never stops a load. Each failure is listed in ``df.attrs["errors"]`` (path and
reason) and a single warning says how many files failed.

>>> import mediakit as mk
>>> df = mk.load_corpus("saved_pages/")          # doctest: +SKIP
>>> df.attrs["errors"]                           # doctest: +SKIP
[{'path': 'saved_pages/broken.html', 'error': 'InputError: ...'}]
"""

from __future__ import annotations

import glob
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..article import Article, articles_to_frame, order_columns
from ..caller import user_stacklevel
from ..errors import InputError, MediakitError
from . import registry
from .articles import load_article, page_lines
from .tables import TABLE_SUFFIXES, read_table, standardize_table

PAGE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml"}
SKIP_NAMES = {"readme.md", "readme.txt", "license", "license.txt", "manifest.jsonl", ".ds_store"}
# A line seen on at least this share of a folder's pages (and on 3+ pages) is site template.
TEMPLATE_MIN_PAGES = 3
TEMPLATE_MIN_SHARE = 0.3


def load_corpus(source: Any, *, text_column: str | None = None, recursive: bool = True,
                errors: str = "collect", template: bool = True) -> pd.DataFrame:
    """Load articles from a folder, glob, list of paths, a table file, an export or a DataFrame.

    Returns one row per article with the columns ``doc_id, outlet, title, author, published,
    url, text, section, language, source_path`` first (then ``words``, ``format`` and any extra
    columns the input had). With ``errors="collect"`` (default) unreadable files are listed in
    ``df.attrs["errors"]``; ``errors="raise"`` stops at the first.

    ``template=True`` compares text pages from the same folder: lines that recur on many of
    them (menus, footers, "Most read") are removed as site template.
    """
    if errors not in ("collect", "raise"):
        raise InputError(f"errors must be 'collect' or 'raise', not {errors!r}")
    if isinstance(source, pd.DataFrame):
        df = standardize_table(source, text_column=text_column, name="DataFrame")
        return _finish(df, [])
    paths, problems = expand_source(source, recursive=recursive)
    if errors == "raise" and problems:
        raise InputError(problems[0]["error"])
    templates = _folder_templates(paths) if template else {}
    frames: list[pd.DataFrame] = []
    articles: list[Article] = []
    for path in paths:
        try:
            result = read_path(path, text_column=text_column, template=templates.get(path.parent))
        except MediakitError as e:
            if errors == "raise":
                raise
            problems.append({"path": str(path), "error": f"{type(e).__name__}: {e}"})
            continue
        except Exception as e:  # noqa: BLE001 - one bad file must not stop a corpus load
            if errors == "raise":
                raise
            problems.append({"path": str(path), "error": f"unexpected {type(e).__name__}: {e}"})
            continue
        if isinstance(result, pd.DataFrame):
            result = result.copy()
            result["source_path"] = str(path)
            frames.append(result)
        else:
            articles.extend(result)
    if articles:
        frames.insert(0, articles_to_frame(articles))
    df = pd.concat([f for f in frames if len(f)], ignore_index=True) if any(len(f) for f in frames) \
        else articles_to_frame([])
    return _finish(df, problems)


def read_path(path: Path, text_column: str | None = None,
              template: Counter[str] | None = None) -> registry.ReadResult:
    """Read one file with the reader its suffix (or its first bytes) calls for."""
    head = _head(path)
    registry.load_builtin_readers()
    reader = registry.reader_for(path, head)
    if reader is not None:
        return reader.read(path)
    suffix = registry.full_suffix(path)
    if suffix in TABLE_SUFFIXES:
        return read_table(path, text_column=text_column)
    if suffix in PAGE_SUFFIXES or suffix == "":
        art = load_article(path, template=template)
        if not art.text.strip():
            why = art.extra.get("no_body") or "the page may be empty, a list page or all navigation"
            raise InputError(f"no article text found ({why})")
        return [art]
    raise InputError(f"unknown file type {suffix or '(no suffix)'!r}")


def _head(path: Path) -> bytes:
    """The first 4 KB (decompressed), without reading a multi-GB archive whole."""
    import bz2
    import gzip
    import lzma

    opener = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}.get(path.suffix.lower(), open)
    try:
        with opener(path, "rb") as f:
            return f.read(4096)
    except (OSError, EOFError, lzma.LZMAError) as e:
        raise InputError(f"{path.name}: cannot read: {e}") from e


def expand_source(source: Any, recursive: bool = True) -> tuple[list[Path], list[dict[str, str]]]:
    """Turn a folder, glob, path or list of those into a sorted list of files (+ problems)."""
    items: Iterable[Any] = source if isinstance(source, (list, tuple, set)) else [source]
    paths: list[Path] = []
    problems: list[dict[str, str]] = []
    for item in items:
        if not isinstance(item, (str, Path)):
            raise InputError(f"cannot load from a {type(item).__name__}; give a path, folder, glob or DataFrame")
        p = Path(item).expanduser()
        if p.is_dir():
            pattern = "**/*" if recursive else "*"
            found = sorted(q for q in p.glob(pattern) if q.is_file() and _wanted(q))
            paths.extend(found)
        elif p.is_file():
            paths.append(p)
        elif any(ch in str(item) for ch in "*?["):
            found = sorted(Path(q) for q in glob.glob(str(p), recursive=True) if Path(q).is_file())
            if not found:
                problems.append({"path": str(item), "error": "InputError: the pattern matches no files"})
            paths.extend(found)
        else:
            problems.append({"path": str(item), "error": "InputError: no such file or folder"})
    return list(dict.fromkeys(paths)), problems


def _wanted(p: Path) -> bool:
    return not any(part.startswith(".") for part in p.parts[-1:]) and p.name.lower() not in SKIP_NAMES


def _folder_templates(paths: list[Path]) -> dict[Path, Counter[str]]:
    """Per folder of text pages, how many pages each line occurs on (only frequent lines kept)."""
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for p in paths:
        if registry.full_suffix(p) in (".txt", ".text"):
            by_folder[p.parent].append(p)
    out: dict[Path, Counter[str]] = {}
    for folder, pages in by_folder.items():
        if len(pages) < TEMPLATE_MIN_PAGES:
            continue
        counts: Counter[str] = Counter()
        for p in pages:
            try:
                counts.update(page_lines(p))
            except MediakitError:
                continue
        need = max(TEMPLATE_MIN_PAGES, int(TEMPLATE_MIN_SHARE * len(pages) + 0.999))
        frequent = Counter({line: n for line, n in counts.items() if n >= need})
        if frequent:
            out[folder] = frequent
    return out


def _finish(df: pd.DataFrame, problems: list[dict[str, str]]) -> pd.DataFrame:
    df = order_columns(df)
    if "words" not in df.columns:
        from ..text.tokens import count_words

        df["words"] = [count_words(t) for t in df["text"].fillna("").tolist()]
    if df["doc_id"].isna().any():
        df["doc_id"] = [d if isinstance(d, str) and d else _row_id(r) for d, r in
                        zip(df["doc_id"].tolist(), df.to_dict("records"))]
    if df["doc_id"].duplicated().any():  # same article twice: keep both rows, make ids unique
        dup = df.groupby("doc_id").cumcount()
        df["doc_id"] = [d if k == 0 else f"{d}-{k}" for d, k in zip(df["doc_id"], dup)]
    df.attrs["errors"] = problems
    if problems:
        shown = "; ".join(f"{Path(p['path']).name}: {p['error']}" for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        warnings.warn(f"{len(problems)} file(s) could not be loaded and were skipped: {shown}{more}. "
                      "See df.attrs['errors'].", stacklevel=user_stacklevel())
    return df


def _row_id(rec: dict[str, Any]) -> str:
    return Article(text=str(rec.get("text") or ""), title=_s(rec.get("title")), url=_s(rec.get("url"))).doc_id


def _s(v: Any) -> str | None:
    return v if isinstance(v, str) else None
