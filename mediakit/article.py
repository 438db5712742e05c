"""The Article record and the corpus DataFrame schema.

An :class:`Article` is what every loader returns for one document; a corpus is a pandas
DataFrame with one row per article and at least the columns in :data:`CORPUS_COLUMNS`.

>>> import mediakit as mk
>>> art = mk.parse_article("Rain expected\\n\\nIt may rain on Tuesday, forecasters said.")
>>> art.title
'Rain expected'
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from .errors import SchemaError

#: Columns every corpus DataFrame has, in this order (more may follow).
CORPUS_COLUMNS = (
    "doc_id", "outlet", "title", "author", "published", "url", "text",
    "section", "language", "source_path",
)


@dataclass
class Article:
    """One news article, cleaned.

    ``text`` is the body only (NFC, paragraphs separated by one blank line). ``boilerplate``
    keeps every line that cleaning removed, so nothing is dropped silently, and ``repairs``
    records every character-level repair (mojibake, look-alike letters) that normalisation made.
    """

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    section: str | None = None
    url: str | None = None
    language: str | None = None
    editor: str | None = None
    boilerplate: list[str] = field(default_factory=list)
    repairs: list[dict[str, Any]] = field(default_factory=list)
    source_path: str | None = None
    format: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        from .text.tokens import count_words

        return count_words(self.text)

    @property
    def doc_id(self) -> str:
        """A stable id: outlet/title/text hash, so the same article gets the same id everywhere."""
        key = "\x1f".join([self.url or "", self.title or "", self.text])
        return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()

    def to_record(self) -> dict[str, Any]:
        """A flat dict with the corpus columns (and ``editor``, ``words`` and any extras)."""
        rec = {k: v for k, v in asdict(self).items() if k not in ("boilerplate", "repairs", "extra")}
        rec["doc_id"] = self.doc_id
        rec["words"] = self.words
        rec["boilerplate_lines"] = len(self.boilerplate)
        rec["repairs"] = len(self.repairs)
        for k, v in self.extra.items():
            rec.setdefault(k, v)
        return rec

    def __repr__(self) -> str:
        head = (self.title or self.text[:60]).replace("\n", " ")
        bits = [f"{head!r}"]
        if self.outlet:
            bits.append(f"outlet={self.outlet!r}")
        if self.author:
            bits.append(f"author={self.author!r}")
        if self.published:
            bits.append(f"published={self.published.isoformat()}")
        bits.append(f"words={self.words}")
        return f"Article({', '.join(bits)})"

    def _repr_html_(self) -> str:
        from .viz.highlight import highlight

        return highlight(self)


def articles_to_frame(articles: list[Article]) -> pd.DataFrame:
    """Build a corpus DataFrame (one row per article, :data:`CORPUS_COLUMNS` first)."""
    records = [a.to_record() for a in articles]
    df = pd.DataFrame.from_records(records) if records else pd.DataFrame(columns=list(CORPUS_COLUMNS))
    return order_columns(df)


def order_columns(df: pd.DataFrame) -> pd.DataFrame:
    for col in CORPUS_COLUMNS:
        if col not in df.columns:
            df[col] = None
    if "published" in df.columns:
        df["published"] = pd.to_datetime(df["published"], errors="coerce", utc=True, format="mixed")
    rest = [c for c in df.columns if c not in CORPUS_COLUMNS]
    return df[list(CORPUS_COLUMNS) + rest]


def require_columns(df: pd.DataFrame, *columns: str) -> None:
    """Raise :class:`SchemaError` naming the missing columns."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SchemaError(
            f"the DataFrame has no column {', '.join(map(repr, missing))}; "
            f"it has {', '.join(map(repr, df.columns))}"
        )
