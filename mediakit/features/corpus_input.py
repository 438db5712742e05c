"""One way for every feature function to accept a string, a Series of texts or a corpus DataFrame.

A feature is written once as ``str -> DataFrame`` (span table) or ``str -> Series`` (scores);
:func:`span_table` and :func:`score_table` lift it to Series and DataFrames, adding ``doc_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from ..errors import InputError, SchemaError
from ..text.doc import Document, check_language


def iter_texts(obj: Any, text_column: str = "text") -> Iterator[tuple[Any, str]]:
    """Yield ``(doc_id, text)`` pairs from a DataFrame, a Series or an iterable of strings."""
    if isinstance(obj, pd.DataFrame):
        if text_column not in obj.columns:
            raise SchemaError(
                f"the DataFrame has no {text_column!r} column (columns: {', '.join(map(str, obj.columns))}); "
                "pass text_column=... to name the column that holds the article text"
            )
        ids = obj["doc_id"] if "doc_id" in obj.columns else pd.Series(obj.index, index=obj.index)
        for doc_id, text in zip(ids.tolist(), obj[text_column].tolist()):
            yield doc_id, _as_text(text)
    elif isinstance(obj, pd.Series):
        for doc_id, text in obj.items():
            yield doc_id, _as_text(text)
    elif isinstance(obj, (str, Document)):
        yield None, obj
    else:
        raise InputError(f"expected a str, a pandas Series or a DataFrame of articles, got {type(obj).__name__}")


def iter_documents(obj: Any, text_column: str = "text", language: str | None = None) -> Iterator[tuple[Any, Document]]:
    """Yield ``(doc_id, Document)``: each text analysed once, in its language.

    ``language=`` applies to every text; without it a corpus DataFrame's ``language`` column
    (as loaded from the articles) decides per row, and "en" where it is missing.
    """
    if isinstance(obj, Document):
        yield None, _checked(obj, language)
        return
    langs = None
    if language is None and isinstance(obj, pd.DataFrame) and "language" in obj.columns:
        langs = [check_language(x if isinstance(x, str) and x.strip() else None) for x in obj["language"].tolist()]
    fixed = check_language(language)
    for k, (doc_id, text) in enumerate(iter_texts(obj, text_column)):
        if isinstance(text, Document):
            yield doc_id, _checked(text, language)
        else:
            yield doc_id, Document(text, langs[k] if langs is not None else fixed)


def _checked(doc: Document, language: str | None) -> Document:
    if language is not None and check_language(language) != doc.language:
        raise InputError(f"the Document is in {doc.language!r}, but language={language!r} was passed")
    return doc


def _as_text(value: Any) -> str | Document:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, Document):
        return value
    if not isinstance(value, str):
        raise InputError(f"article text must be str, found {type(value).__name__}: {str(value)[:40]!r}")
    return value


def span_table(
    fn: Callable[[str], pd.DataFrame], obj: Any, columns: list[str], text_column: str = "text"
) -> pd.DataFrame:
    """Apply a ``str -> DataFrame`` feature to one text or to a corpus (adds ``doc_id`` first)."""
    if isinstance(obj, str):
        return fn(obj)
    frames = []
    for doc_id, text in iter_texts(obj, text_column):
        part = fn(text)
        if len(part):
            part.insert(0, "doc_id", doc_id)
            frames.append(part)
    if not frames:
        return pd.DataFrame(columns=["doc_id", *columns])
    return pd.concat(frames, ignore_index=True)


def score_table(
    fn: Callable[[Any], pd.Series], obj: Any, text_column: str = "text", language: str | None = None
) -> pd.Series | pd.DataFrame:
    """Apply a scorer to one text, or to a corpus (one row per doc_id).

    ``fn`` takes the text (``str``), or the analysed :class:`Document` when it is marked with
    ``fn.takes_document = True``; a scorer that also has ``fn.values`` (a list per document) and
    ``fn.columns`` is run without building a Series per article.
    """
    takes_doc = getattr(fn, "takes_document", False)

    def arg(doc: Document) -> Any:
        return doc if takes_doc else doc.text

    if isinstance(obj, (str, Document)):
        return fn(arg(next(iter_documents(obj, text_column, language))[1]))
    values = getattr(fn, "values", None) if takes_doc else None
    if values is None:
        rows = {doc_id: fn(arg(doc)) for doc_id, doc in iter_documents(obj, text_column, language)}
    else:
        rows = {doc_id: values(doc) for doc_id, doc in iter_documents(obj, text_column, language)}
    if not rows:  # keep the declared columns on an empty corpus (Dask meta relies on it)
        return pd.DataFrame(columns=["doc_id", *fn(arg(Document(""))).index])
    if values is not None:
        out = pd.DataFrame(list(rows.values()), index=pd.Index(list(rows), name="doc_id"), columns=fn.columns, dtype=float)
        return out.reset_index()
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "doc_id"
    return out.reset_index()
