"""Data that ships with mediakit: the team-written workshop corpus and its saved pages.

The repository's top-level ``datasets/`` folder is packaged inside the wheel as
``mediakit/_bundled``, so the same call works in a clone and after ``pip install mediakit``.
See ``datasets/README.md`` (the data card): the workshop corpus is fictional and written
for teaching; it is not evidence about any real outlet.

>>> import mediakit as mk
>>> df = mk.load_workshop()
>>> sorted(df["outlet"].unique())[:2]
['Meridian Wire', 'Millbrook Courier']
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pandas as pd

from ..errors import FormatError, InputError

WORKSHOP_GLOB = "events_*.jsonl"
PAGE_SUFFIXES = (".txt", ".html")


def _roots() -> list[Path]:
    """Where bundled files may live: the installed package first, then a source checkout."""
    roots = []
    try:
        packaged = resources.files("mediakit") / "_bundled"
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - mediakit is always importable here
        packaged = None
    # A wheel installed from an archive unpacks to real files; a zip import cannot be read as
    # paths and falls through to the checkout (which then does not exist either: clear error).
    if isinstance(packaged, Path):
        roots.append(packaged)
    checkout = Path(__file__).resolve().parents[2]
    # Only a source checkout: next to an installed package, "datasets" is another library.
    if (checkout / "pyproject.toml").is_file():
        roots.append(checkout / "datasets")
    return roots


def bundled_path(*parts: str) -> Path:
    """The path of a file or folder bundled with mediakit (``datasets/`` in the repository).

    >>> import mediakit as mk
    >>> mk.bundled_path("workshop").is_dir()
    True
    """
    for root in _roots():
        if root.is_dir():
            path = root.joinpath(*parts)
            if path.exists():
                return path
    where = "/".join(parts) or "(the data folder)"
    tried = ", ".join(str(r) for r in _roots())
    raise InputError(f"bundled data {where!r} not found (looked in {tried}); "
                     "reinstall mediakit, or run from a full clone of the repository")


def load_workshop() -> pd.DataFrame:
    """The workshop corpus: fictional news events, each covered by five fictional outlets.

    Returns a corpus DataFrame (the same columns as :func:`mediakit.load_corpus`, with
    ``published`` as tz-aware UTC timestamps) plus ``event_id`` and ``event``. Rows are
    ordered by event, then outlet. Written by the mediakit team for teaching; see the data
    card (``datasets/README.md``) for what was built in.

    >>> import mediakit as mk
    >>> df = mk.load_workshop()
    >>> df.groupby(["event_id", "outlet"]).size().unique().tolist()
    [1]
    """
    from ..load.corpus import load_corpus

    folder = bundled_path("workshop")
    files = sorted(folder.glob(WORKSHOP_GLOB))
    if not files:
        raise InputError(f"no workshop files ({WORKSHOP_GLOB}) in {folder}")
    rows: list[dict] = []
    for path in files:
        rows.extend(_read_records(path))
    raw = pd.DataFrame.from_records(rows)
    raw["language"] = "en"
    # load_corpus on a DataFrame is the table path: column mapping, text normalisation,
    # published -> UTC, word counts. One code path means the workshop looks like user data.
    df = load_corpus(raw)
    df = df.sort_values(["event_id", "outlet", "doc_id"], kind="stable").reset_index(drop=True)
    df.attrs["errors"] = []
    return df


def _read_records(path: Path) -> list[dict]:
    rows = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise FormatError(f"{path.name} line {i}: not valid JSON ({e.msg}); the bundled file "
                              "is damaged, reinstall mediakit") from e
        rec["source_path"] = f"workshop/{path.name}"
        rows.append(rec)
    return rows


def load_sample_pages() -> list[Path]:
    """Saved web pages (plain-text dumps and HTML) of some workshop articles, messy on purpose.

    Hand them to :func:`mediakit.load_corpus` to practise cleaning: the text dumps carry a
    site's menu, captions, "Read also" lists and footer; the HTML pages carry navigation,
    asides and metadata.

    >>> import mediakit as mk
    >>> pages = mk.load_sample_pages()
    >>> df = mk.load_corpus(pages)
    """
    folder = bundled_path("workshop", "pages")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in PAGE_SUFFIXES)
