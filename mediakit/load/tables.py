"""Tables of articles: CSV, TSV, JSONL/JSON, Parquet, Excel-free. Media Cloud and NewsAPI exports.

The text column is found by name (``text``, ``body``, ``content``, ``article`` ...) unless given;
other corpus columns likewise (``headline`` -> title, ``media_name`` -> outlet, ``publishedAt``
-> published ...). Columns that map to nothing are kept as they are.

>>> import mediakit as mk
>>> df = mk.load_corpus("articles.csv")              # doctest: +SKIP
>>> df = mk.load_corpus("dump.csv", text_column="story_body")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from ..caller import user_stacklevel
from ..errors import FormatError, SchemaError
from ..text.normalize import decode_bytes, normalize_text

TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet", ".pq"}

# Candidate source names for each corpus column, in order of preference (lower-cased).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "maintext", "story", "story_text", "body_text", "articlebody", "article_body", "document"),
    "title": ("title", "headline", "head", "hd", "heading"),
    "author": ("author", "authors", "byline", "by", "writer"),
    "outlet": ("outlet", "source", "media_name", "publisher", "source_name", "publication",
               "newspaper", "site", "sitename", "domain", "media"),
    "published": ("published", "date", "publish_date", "publishedat", "published_at", "pub_date",
                  "pubdate", "datetime", "timestamp", "date_published", "publication_date"),
    "url": ("url", "link", "href", "permalink", "story_url"),
    "section": ("section", "category", "desk"),
    "language": ("language", "lang"),
}
MEDIACLOUD_MARKERS = {"stories_id", "media_id", "media_name", "publish_date", "ap_syndicated"}


def read_table(path: str | Path, text_column: str | None = None) -> pd.DataFrame:
    """Read one table file into a corpus-shaped DataFrame (columns renamed, extras kept)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            raw = pd.read_parquet(path)
        elif suffix in (".csv", ".tsv"):
            text, _ = decode_bytes(path.read_bytes())
            from io import StringIO

            raw = pd.read_csv(StringIO(text), sep="\t" if suffix == ".tsv" else None,
                              engine="python", dtype=str, keep_default_na=False)
        elif suffix in (".jsonl", ".ndjson"):
            raw = _read_jsonl(path)
        elif suffix == ".json":
            raw = _read_json(path)
        else:
            raise FormatError(f"{path.name}: not a table format mediakit reads ({', '.join(sorted(TABLE_SUFFIXES))})")
    except (ValueError, OSError, pd.errors.ParserError) as e:
        if isinstance(e, FormatError):
            raise
        raise FormatError(f"{path.name}: cannot read as {suffix[1:]} table: {e}") from e
    return standardize_table(raw, text_column=text_column, name=path.name)


def _read_jsonl(path: Path) -> pd.DataFrame:
    text, _ = decode_bytes(path.read_bytes())
    rows, bad = [], []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            bad.append(f"line {i}: {e.msg}")
            continue
        if isinstance(obj, dict):
            rows.append(obj)
        else:
            bad.append(f"line {i}: not a JSON object")
    if bad:
        warnings.warn(f"{path.name}: skipped {len(bad)} bad line(s): {'; '.join(bad[:5])}", stacklevel=user_stacklevel())
    if not rows:
        raise FormatError(f"{path.name}: no JSON objects found")
    return pd.json_normalize(rows, max_level=1)


def _read_json(path: Path) -> pd.DataFrame:
    text, _ = decode_bytes(path.read_bytes())
    data = json.loads(text)
    if isinstance(data, dict) and isinstance(data.get("articles"), list):  # NewsAPI response
        df = pd.json_normalize(data["articles"], max_level=1)
        if "source.name" in df.columns:
            df = df.rename(columns={"source.name": "outlet"}).drop(columns=["source.id"], errors="ignore")
        if "content" in df.columns and df["content"].astype(str).str.contains(r"\[\+\d+ chars\]").any():
            warnings.warn(f"{path.name}: NewsAPI 'content' is cut at ~200 characters; rates on it "
                          "describe snippets, not articles", stacklevel=user_stacklevel())
        df.attrs["format"] = "newsapi"
        return df
    if isinstance(data, list) and all(isinstance(x, dict) for x in data):
        return pd.json_normalize(data, max_level=1)
    if isinstance(data, dict):
        for key in ("data", "results", "items", "records", "stories", "documents"):
            if isinstance(data.get(key), list):
                return pd.json_normalize(data[key], max_level=1)
    raise FormatError(f"{path.name}: JSON is neither a list of article objects nor a NewsAPI response")


def find_column(columns: list[str], field: str) -> str | None:
    lower = {str(c).lower().replace(" ", "_"): c for c in columns}
    for alias in COLUMN_ALIASES[field]:
        if alias in lower:
            return lower[alias]
    return None


def standardize_table(raw: pd.DataFrame, text_column: str | None = None, name: str = "table") -> pd.DataFrame:
    """Rename a table's columns to the corpus schema, normalise text, keep the rest."""
    df = raw.copy()
    cols = [str(c) for c in df.columns]
    is_mediacloud = len(MEDIACLOUD_MARKERS & {c.lower() for c in cols}) >= 3
    if text_column is not None:
        if text_column not in df.columns:
            raise SchemaError(f"{name}: no column {text_column!r}; columns are {', '.join(cols)}")
        src = {"text": text_column}
    else:
        src = {}
    for field in COLUMN_ALIASES:
        if field in src:
            continue
        col = find_column([c for c in cols if c not in src.values()], field)
        if col is not None:
            src[field] = col
    if "text" not in src:
        if is_mediacloud:
            warnings.warn(f"{name}: a Media Cloud export carries titles and URLs but no article text; "
                          "text is empty until you fetch the pages (mk.load_corpus on the saved HTML)",
                          stacklevel=user_stacklevel())
        else:
            raise SchemaError(
                f"{name}: cannot find the text column among {', '.join(cols)}; "
                "pass text_column=... (looked for " + ", ".join(COLUMN_ALIASES["text"][:6]) + ", ...)"
            )
    renamed = {v: k for k, v in src.items() if v != k}
    # A source column may collide with an existing target name (e.g. 'source' dict and 'outlet').
    df = df.drop(columns=[k for k in renamed.values() if k in df.columns and k not in renamed], errors="ignore")
    df = df.rename(columns=renamed)
    if "text" not in df.columns:
        df["text"] = ""
    df["text"] = [_normalize_cell(v) for v in df["text"].tolist()]
    for field in ("title", "author", "outlet"):
        if field in df.columns:
            df[field] = [_clean_meta(v) for v in df[field].tolist()]
    if is_mediacloud:
        df["format"] = "mediacloud"
    elif raw.attrs.get("format"):
        df["format"] = raw.attrs["format"]
    else:
        df["format"] = "table"
    return df


def _normalize_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text, _ = normalize_text(str(value))
    paras = [" ".join(p.split()) for p in text.split("\n\n")]
    if len(paras) == 1:  # single newlines used as paragraph breaks
        paras = [" ".join(p.split()) for p in text.split("\n")]
    return "\n\n".join(p for p in paras if p)


def _clean_meta(value: Any) -> Any:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str):
        value = " ".join(normalize_text(value)[0].split())
        return value or None
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value
