"""Web archives: WARC files (``.warc``, ``.warc.gz``, as in Common Crawl's CC-NEWS), streamed.

Each HTTP response record whose content is HTML is extracted like any saved page
(:func:`mediakit.load.html.parse_html`, i.e. trafilatura), with the URL from
``WARC-Target-URI``. Records are read one at a time (warcio), so a 1 GB archive never sits in
memory. Requests, metadata, redirects, errors and non-HTML responses (images, robots.txt,
feeds) are skipped and counted; HTML pages with no article text are counted too.

Extra columns: ``crawled`` (WARC-Date, when the page was fetched — not when it was
published), ``warc_record_id``, ``http_status``.

>>> from mediakit.load.warc import iter_warc
>>> for art in iter_warc("CC-NEWS-20240101.warc.gz"):   # doctest: +SKIP
...     print(art.url, art.title)
>>> import mediakit as mk
>>> df = mk.load_corpus("CC-NEWS-20240101.warc.gz")     # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ..article import Article
from ..caller import user_stacklevel
from ..errors import FormatError, InputError
from . import registry

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Bigger bodies are not news pages (archives, media); skipping them keeps memory bounded.
MAX_RECORD_BYTES = 20_000_000


def iter_warc(path: str | Path, *, stats: Counter[str] | None = None,
              min_words: int = 1) -> Iterator[Article]:
    """Yield one :class:`Article` per HTML response record of a WARC file, streaming.

    ``stats`` (a Counter) receives how many records were read, extracted and skipped (by reason).

    >>> stats = Counter()
    >>> articles = list(iter_warc("crawl.warc.gz", stats=stats))   # doctest: +SKIP
    >>> stats                                                       # doctest: +SKIP
    Counter({'records': 12, 'extracted': 5, 'skipped: not a response': 6, ...})
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from ..text.normalize import decode_bytes
    from ..text.tokens import count_words
    from .html import parse_html

    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    stats = stats if stats is not None else Counter()
    with open(path, "rb") as stream:
        magic = stream.read(4)
        stream.seek(0)
        if not (magic.startswith(b"\x1f\x8b") or magic.startswith(b"WARC")):
            raise FormatError(f"{path.name}: not a WARC file (it does not start with 'WARC/' "
                              "and is not gzip-compressed)")
        try:
            for record in ArchiveIterator(stream):
                stats["records"] += 1
                if record.rec_type != "response":
                    stats["skipped: not a response"] += 1
                    continue
                http = record.http_headers
                status = int(http.get_statuscode() or 0) if http is not None else 0
                if http is not None and status != 200:
                    stats[f"skipped: HTTP {status}"] += 1
                    continue
                ctype = (http.get_header("Content-Type") if http is not None else
                         record.rec_headers.get_header("Content-Type")) or ""
                if ctype.lower().split(";")[0].strip() not in HTML_TYPES:
                    stats["skipped: not HTML"] += 1
                    continue
                payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
                if len(payload) > MAX_RECORD_BYTES:
                    stats["skipped: too large"] += 1
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    html, _ = decode_bytes(payload)
                    art = parse_html(html, url=url)
                except Exception:  # noqa: BLE001 - one broken page must not stop an archive
                    stats["skipped: unreadable HTML"] += 1
                    continue
                if count_words(art.text) < min_words:
                    stats["skipped: no article text"] += 1
                    continue
                art.url = url or art.url
                art.source_path = str(path)
                art.format = "warc"
                art.extra["crawled"] = _warc_date(record.rec_headers.get_header("WARC-Date"))
                art.extra["warc_record_id"] = record.rec_headers.get_header("WARC-Record-ID")
                art.extra["http_status"] = status or None
                stats["extracted"] += 1
                yield art
        except ArchiveLoadFailed as e:
            raise FormatError(f"{path.name}: not a readable WARC file: {e}") from e


def read_warc(path: Path) -> list[Article]:
    """All articles of a WARC file (skips are summarised in one warning)."""
    stats: Counter[str] = Counter()
    articles = list(iter_warc(path, stats=stats))
    if not stats["records"]:
        raise FormatError(f"{Path(path).name}: the WARC file holds no records")
    skipped = {k: v for k, v in stats.items() if k.startswith("skipped")}
    if skipped:
        detail = ", ".join(f"{v} {k.split(': ', 1)[1]}" for k, v in sorted(skipped.items()))
        warnings.warn(f"{Path(path).name}: {stats['extracted']} article(s) from "
                      f"{stats['records']} WARC records; skipped {detail}", stacklevel=user_stacklevel())
    if not articles:
        raise FormatError(f"{Path(path).name}: no HTML response with article text among "
                          f"{stats['records']} WARC records")
    return articles


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


registry.register(registry.Reader("warc", (".warc", ".arc"), read_warc))
