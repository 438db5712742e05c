"""Open research corpora, downloaded once into a user cache: ``fetch_*`` functions.

=========================  ===============================================================
``fetch_allsides()``       AllSides headline roundups (Qbias, Haak & Schaer 2023): one
                           story covered from the left, centre and right; 21,747 article
                           snippets with outlet, headline and AllSides' bias rating.
``fetch_article_bias()``   Article-Bias-Prediction (Baly et al., EMNLP 2020): 37,554 full
                           articles with outlet, topic, leaning and the paper's splits.
``fetch_basil()``          BASIL (Fan et al., EMNLP 2019), in mediakit.datasets.basil: 100
                           events covered by Fox News, NYT and HuffPost, with bias spans.
=========================  ===============================================================

Each download comes from a URL pinned to one commit of the authors' repository, is
verified (sha256 where we know it; otherwise by its structure — expected files, fields and
record counts — and then its sha256 is recorded on first use so later corruption is caught),
and archives are extracted safely: no member may leave the target folder (``../``, absolute
paths, links are refused) and the unpacked size is capped. Files live in
:func:`get_data_home` — ``$MEDIAKIT_DATA`` if set, else the platform's user cache folder
(``~/.cache/mediakit`` on Linux) — never inside the installed package.

>>> import mediakit as mk
>>> df = mk.fetch_allsides()                        # doctest: +SKIP
>>> df.groupby("event_id").leaning.unique().head()  # doctest: +SKIP
>>> mk.fetch_article_bias(download_if_missing=False)  # doctest: +SKIP

(``download_if_missing=False`` reads the cache only and never touches the network.)

Citations and licences are in each function's docstring and in docs/research_formats.md; the
corpora belong to their authors, mediakit only fetches them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

import pandas as pd

from ..errors import FormatError, MediakitError


class DatasetError(MediakitError):
    """A research corpus could not be downloaded, verified or read."""


@dataclass(frozen=True)
class RemoteDataset:
    name: str
    url: str
    filename: str
    sha256: str | None  # None: verified by structure, sha256 recorded on first use
    archive: bool
    min_records: int
    max_bytes: int  # refuse downloads / unpacked archives bigger than this
    max_files: int
    citation: str


DATASETS: dict[str, RemoteDataset] = {
    "allsides": RemoteDataset(
        name="allsides",
        url=("https://raw.githubusercontent.com/irgroup/Qbias/"
             "0d1147f79d3edef7027e2187fedcb2744f82bc14/allsides_balanced_news_headlines-texts.csv"),
        filename="allsides_balanced_news_headlines-texts.csv",
        sha256=None, archive=False, min_records=20_000, max_bytes=200_000_000, max_files=1,
        citation=("Haak, F. & Schaer, P. (2023). Qbias - A Dataset on Media Bias in Search Queries "
                  "and Query Suggestions. ACM Web Science Conference. github.com/irgroup/Qbias"),
    ),
    "article_bias": RemoteDataset(
        name="article_bias",
        url=("https://github.com/ramybaly/Article-Bias-Prediction/archive/"
             "e9353def1b6599f8a16bccb6ac5fe682185d728e.zip"),
        filename="Article-Bias-Prediction-e9353def.zip",
        sha256=None, archive=True, min_records=37_000, max_bytes=2_000_000_000, max_files=60_000,
        citation=("Baly, R., Da San Martino, G., Glass, J. & Nakov, P. (2020). We Can Detect Your "
                  "Bias: Predicting the Political Ideology of News Articles. EMNLP 2020, 4982-4991. "
                  "github.com/ramybaly/Article-Bias-Prediction"),
    ),
}


def get_data_home(data_home: str | Path | None = None) -> Path:
    """The folder where downloaded corpora are cached (created if missing).

    ``data_home`` if given, else the ``MEDIAKIT_DATA`` environment variable, else the user
    cache folder of the platform (``~/.cache/mediakit`` on Linux, ``~/Library/Caches/mediakit``
    on macOS, ``%LOCALAPPDATA%\\mediakit\\Cache`` on Windows).

    >>> get_data_home()   # doctest: +SKIP
    PosixPath('/home/me/.cache/mediakit')
    """
    if data_home is None:
        data_home = os.environ.get("MEDIAKIT_DATA") or None
    if data_home is None:
        from ..extras import require

        data_home = require("pooch", "finding the download cache").os_cache("mediakit")
    path = Path(data_home).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DatasetError(f"cannot create the data folder {path}: {e}; set MEDIAKIT_DATA to a "
                           "writable folder") from e
    return path


# ---- download and verification -------------------------------------------------------------

def fetch_file(ds: RemoteDataset, data_home: str | Path | None = None,
               download_if_missing: bool = True) -> Path:
    """The dataset's downloaded file in the cache, downloading and verifying it if needed."""
    folder = get_data_home(data_home) / ds.name
    target = folder / ds.filename
    if target.is_file():
        _check_recorded_hash(ds, target)
        return target
    if not download_if_missing:
        raise DatasetError(
            f"{ds.name} is not in the cache ({target}); call with download_if_missing=True, or "
            f"download {ds.url} yourself and save it at that path")
    folder.mkdir(parents=True, exist_ok=True)
    known = f"sha256:{ds.sha256}" if ds.sha256 else None
    try:
        from ..extras import require

        pooch = require("pooch", f"downloading {ds.name}")
        downloader = _copy_local if urlparse(ds.url).scheme == "file" else None
        pooch.retrieve(ds.url, known_hash=known, fname=ds.filename, path=folder,
                       downloader=downloader, progressbar=False)
    except MediakitError:
        _discard(target)
        raise
    except Exception as e:  # noqa: BLE001 - network, HTTP and hash errors all mean "not fetched"
        _discard(target)
        raise DatasetError(
            f"could not download {ds.name} from {ds.url}: {type(e).__name__}: {e}. Check the "
            f"network, or download the file by hand and save it at {target}") from e
    if target.stat().st_size > ds.max_bytes:
        _discard(target)
        raise DatasetError(f"{ds.name}: the download is larger than {ds.max_bytes / 1e6:.0f} MB; "
                           "refusing it (the pinned file should be smaller)")
    return target


def _copy_local(url: str, output_file: Any, pooch_obj: Any, check_only: bool = False) -> bool | None:
    """pooch downloader for file:// URLs (local mirrors, tests)."""
    source = Path(unquote(urlparse(url).path))
    if check_only:
        return source.is_file()
    if not source.is_file():
        raise FileNotFoundError(f"no such file: {source}")
    if hasattr(output_file, "write"):
        with open(source, "rb") as f:
            shutil.copyfileobj(f, output_file)
    else:
        shutil.copyfile(source, output_file)
    return None


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _record_hash(target: Path) -> None:
    """Trust on first use: remember the sha256 of a structurally verified download."""
    target.with_name(target.name + ".sha256").write_text(sha256_of(target) + "\n")


def _check_recorded_hash(ds: RemoteDataset, target: Path) -> None:
    expected = ds.sha256
    record = target.with_name(target.name + ".sha256")
    if expected is None and record.is_file():
        expected = record.read_text().strip()
    if expected and sha256_of(target) != expected:
        raise DatasetError(f"{target} does not match its checksum (corrupted or replaced); delete "
                           "it and fetch again")


def _discard(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".sha256")):
        if p.exists():
            p.unlink()


# ---- safe extraction -----------------------------------------------------------------------

def safe_extract(archive: Path, dest: Path, *, max_bytes: int, max_files: int) -> Path:
    """Extract a .zip or .tar(.gz) into ``dest`` refusing path traversal, links and bombs.

    Members are written one by one into a temporary folder next to ``dest``; the size limit
    counts bytes actually written (a zip can lie about sizes); ``dest`` appears only when
    everything was extracted, so a failed extraction never looks like a cached one.
    """
    dest = Path(dest)
    if dest.is_dir():
        return dest
    tmp = Path(tempfile.mkdtemp(prefix=".extract-", dir=dest.parent))
    try:
        try:
            if zipfile.is_zipfile(archive):
                _extract_zip(archive, tmp, max_bytes, max_files)
            elif tarfile.is_tarfile(archive):
                _extract_tar(archive, tmp, max_bytes, max_files)
            else:
                raise FormatError(f"{archive.name} is neither a zip nor a tar archive")
            tmp.rename(dest)
        except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as e:
            # a member that is both a file and a folder, a truncated archive, a full disk ...
            raise FormatError(f"cannot extract {archive.name}: {type(e).__name__}: {e}") from e
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def _member_path(root: Path, name: str) -> Path:
    clean = name.replace("\\", "/")
    parts = PurePosixPath(clean).parts
    if (not parts or clean.startswith("/") or (len(clean) > 1 and clean[1] == ":")
            or any(p == ".." for p in parts)):
        raise FormatError(f"refusing to extract {name!r}: the path leaves the target folder")
    out = (root / Path(*parts)).resolve()
    if not out.is_relative_to(root.resolve()):
        raise FormatError(f"refusing to extract {name!r}: the path leaves the target folder")
    return out


def _copy_limited(src: Any, out: Path, budget: list[int], name: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        while True:
            block = src.read(1 << 20)
            if not block:
                break
            budget[0] -= len(block)
            if budget[0] < 0:
                raise FormatError(f"refusing to extract {name!r}: the archive unpacks to more than "
                                  "the size limit (a zip bomb or the wrong file)")
            f.write(block)


def _extract_zip(archive: Path, root: Path, max_bytes: int, max_files: int) -> None:
    budget = [max_bytes]
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        if len(infos) > max_files:
            raise FormatError(f"{archive.name} has {len(infos)} members, more than the limit {max_files}")
        for info in infos:
            out = _member_path(root, info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise FormatError(f"refusing to extract {info.filename!r}: links are not allowed")
            if info.is_dir():
                out.mkdir(parents=True, exist_ok=True)
                continue
            with zf.open(info) as src:
                _copy_limited(src, out, budget, info.filename)


def _extract_tar(archive: Path, root: Path, max_bytes: int, max_files: int) -> None:
    budget = [max_bytes]
    with tarfile.open(archive) as tf:
        count = 0
        for member in tf:
            count += 1
            if count > max_files:
                raise FormatError(f"{archive.name} has more members than the limit {max_files}")
            out = _member_path(root, member.name)
            if member.isdir():
                out.mkdir(parents=True, exist_ok=True)
                continue
            if not member.isfile():
                raise FormatError(f"refusing to extract {member.name!r}: links and devices are not allowed")
            src = tf.extractfile(member)
            if src is not None:
                _copy_limited(src, out, budget, member.name)


def fetch_folder(ds: RemoteDataset, data_home: str | Path | None, download_if_missing: bool) -> Path:
    """Download (if needed) and safely extract an archive dataset; the extracted folder."""
    archive = fetch_file(ds, data_home, download_if_missing)
    dest = archive.parent / (archive.name.rsplit(".", 1)[0] + "-extracted")
    return safe_extract(archive, dest, max_bytes=ds.max_bytes, max_files=ds.max_files)


def _find_dir(root: Path, relative: str) -> Path:
    """``root/relative`` or ``root/<one top folder>/relative`` (GitHub archives add one)."""
    for base in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        if (base / relative).is_dir():
            return base
    raise DatasetError(f"{root}: the archive has no '{relative}' folder; it is not the expected "
                       "dataset (delete the folder and fetch again)")


def _verified(ds: RemoteDataset, df: pd.DataFrame, target: Path) -> pd.DataFrame:
    if len(df) < ds.min_records:
        raise DatasetError(f"{ds.name}: found {len(df)} records, expected at least {ds.min_records}; "
                           f"the download is incomplete or not the pinned version ({target})")
    record = target.with_name(target.name + ".sha256")
    if ds.sha256 is None and not record.is_file():
        _record_hash(target)
    return df


def _finish(df: pd.DataFrame, name: str, citation: str) -> pd.DataFrame:
    from ..article import order_columns
    from ..text.tokens import count_words

    df = order_columns(df)
    df["words"] = [count_words(t) for t in df["text"].fillna("").tolist()]
    df["format"] = name
    df.attrs["citation"] = citation
    df.attrs["errors"] = []
    return df


def _doc_id(*parts: Any) -> str:
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def _clean_text(value: Any) -> str:
    """Article text: repaired, NFC, paragraphs separated by one blank line."""
    from ..text.normalize import normalize_text, tidy_paragraphs

    if not isinstance(value, str) or not value.strip():
        return ""
    text, _ = normalize_text(value)
    paras = text.split("\n\n")
    if len(paras) == 1:  # single newlines used as paragraph breaks
        paras = text.split("\n")
    return tidy_paragraphs(paras)


def _none_if_empty(values: Any) -> list[str | None]:
    return [v.strip() or None if isinstance(v, str) else None for v in values]


def _norm_leaning(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip().lower()
    return {"liberal": "left", "conservative": "right", "centre": "center", "neutral": "center"}.get(v, v)


# ---- AllSides headline roundups -------------------------------------------------------------

def fetch_allsides(*, data_home: str | Path | None = None, download_if_missing: bool = True) -> pd.DataFrame:
    """AllSides balanced headline roundups as a corpus: one row per article snippet.

    Columns: the corpus columns (``text`` is the snippet AllSides shows, a few sentences, not
    the full article), ``event_id`` (one per roundup: the same story from left, centre and
    right), ``event_title`` (AllSides' neutral roundup headline), ``leaning`` (AllSides' rating
    of the outlet: left / center / right) and ``tags``.

    Source: Qbias (Haak & Schaer 2023), scraped from allsides.com/headline-roundups in November
    2022. Cite the paper; the texts belong to the outlets and AllSides.

    >>> df = fetch_allsides()                             # doctest: +SKIP
    >>> df.groupby("leaning").size()                      # doctest: +SKIP
    """
    ds = DATASETS["allsides"]
    path = fetch_file(ds, data_home, download_if_missing)
    with open(path, "rb") as f:
        head = f.read(200)
    if head.startswith(b"version https://git-lfs"):
        _discard(path)
        raise DatasetError(f"{ds.name}: the download is a Git LFS pointer, not the CSV; the pinned URL "
                           "no longer serves the data")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as e:
        raise DatasetError(f"{path}: not a readable CSV: {e}") from e
    need = {"title", "heading", "source", "text", "bias_rating"}
    if not need <= set(raw.columns):
        raise DatasetError(f"{path}: expected columns {sorted(need)}, found {list(raw.columns)}")
    leanings = set(raw["bias_rating"].str.strip().str.lower()) - {""}
    if not leanings <= {"left", "center", "right"}:
        raise DatasetError(f"{path}: unexpected bias ratings {sorted(leanings)[:5]}")
    from ..load.export_dates import parse_export_date

    dates = raw["date"] if "date" in raw.columns else pd.Series([""] * len(raw))
    urls = raw["url"] if "url" in raw.columns else pd.Series([None] * len(raw))
    event_keys = [_doc_id(t, d) for t, d in zip(raw["title"], dates)]
    df = pd.DataFrame({
        "doc_id": [_doc_id(u, h, s, t) for u, h, s, t in zip(urls, raw["heading"], raw["source"], raw["text"])],
        "outlet": _none_if_empty(raw["source"]),
        "title": _none_if_empty(raw["heading"]),
        "author": None,
        "published": [parse_export_date(d) for d in dates],
        "url": _none_if_empty(urls),
        "text": [_clean_text(t) for t in raw["text"]],
        "section": None,
        "language": "en",
        "source_path": str(path),
        "event_id": ["as-" + k[:10] for k in event_keys],
        "event_title": _none_if_empty(raw["title"]),
        "leaning": raw["bias_rating"].map(_norm_leaning),
        "tags": raw["tags"] if "tags" in raw.columns else None,
    })
    return _verified(ds, _finish(df, "allsides", ds.citation), path)


# ---- Article-Bias-Prediction ----------------------------------------------------------------

def fetch_article_bias(*, data_home: str | Path | None = None,
                       download_if_missing: bool = True) -> pd.DataFrame:
    """Article-Bias-Prediction (Baly et al. 2020): 37,554 articles with the outlet's leaning.

    Columns: the corpus columns (``text`` is the article as newspaper3k extracted it),
    ``topic``, ``leaning`` (left / center / right, from AllSides' outlet ratings), ``bias``
    (0 / 1 / 2 as in the paper), ``source_url``, and ``split_random`` / ``split_media`` (train,
    valid or test in the paper's random and media-based splits). The first call converts the
    37k JSON files to a Parquet file in the cache, so later calls take seconds.

    Cite Baly et al. (2020), EMNLP; the articles belong to their outlets.

    >>> df = fetch_article_bias()                          # doctest: +SKIP
    >>> df[df.split_media == "test"].groupby("leaning").size()   # doctest: +SKIP
    """
    ds = DATASETS["article_bias"]
    folder = fetch_folder(ds, data_home, download_if_missing)
    cache = folder / "mediakit_articles.parquet"
    archive = folder.parent / ds.filename
    if cache.is_file():
        return _verified(ds, _finish(pd.read_parquet(cache), "article_bias", ds.citation), archive)
    base = _find_dir(folder, "data/jsons")
    records = []
    for f in sorted((base / "data" / "jsons").glob("*.json")):
        try:
            obj = json.loads(f.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise DatasetError(f"{f}: not valid JSON ({e}); delete {folder} and fetch again") from e
        missing = {"ID", "source", "title", "content_original", "bias_text"} - set(obj)
        if missing:
            raise DatasetError(f"{f}: missing fields {sorted(missing)}; not the expected dataset")
        records.append(obj)
    splits = {}
    for kind in ("random", "media"):
        part: dict[str, str] = {}
        for name in ("train", "valid", "test"):
            tsv = base / "data" / "splits" / kind / f"{name}.tsv"
            if tsv.is_file():
                ids = pd.read_csv(tsv, sep="\t", dtype=str, keep_default_na=False)
                part.update({i: name for i in ids.get("ID", [])})
        splits[kind] = part
    from ..load.export_dates import parse_export_date

    df = pd.DataFrame({
        "doc_id": [r["ID"] for r in records],
        "outlet": [r.get("source") or None for r in records],
        "title": [r.get("title") or None for r in records],
        "author": [r.get("authors") or None for r in records],
        "published": [parse_export_date(r.get("date") or "") for r in records],
        "url": [r.get("url") or None for r in records],
        "text": [_clean_text(r.get("content_original") or "") for r in records],
        "section": None,
        "language": "en",
        "source_path": [str(base / "data" / "jsons" / f"{r['ID']}.json") for r in records],
        "topic": [r.get("topic") or None for r in records],
        "leaning": [_norm_leaning(r.get("bias_text")) for r in records],
        "bias": pd.array([r.get("bias") for r in records], dtype="Int64"),
        "source_url": [r.get("source_url") or None for r in records],
        "split_random": [splits["random"].get(r["ID"]) for r in records],
        "split_media": [splits["media"].get(r["ID"]) for r in records],
    })
    df = _verified(ds, _finish(df, "article_bias", ds.citation), archive)
    # The Parquet copy is an optimisation; if it cannot be written, reading JSON again is correct.
    with contextlib.suppress(OSError, ValueError, ImportError):
        df.to_parquet(cache, index=False)
    return df
