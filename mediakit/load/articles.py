"""One article from a string or a file: :func:`parse_article` and :func:`load_article`.

>>> import mediakit as mk
>>> art = mk.parse_article(open("page.txt").read())   # doctest: +SKIP
>>> art.title, art.author, art.outlet                  # doctest: +SKIP
"""

from __future__ import annotations

import bz2
import gzip
import lzma
from collections import Counter
from pathlib import Path

from ..article import Article
from ..errors import FormatError, InputError
from ..text.normalize import decode_bytes, normalize_text, tidy_paragraphs
from .html import looks_like_html, parse_html
from .textpage import clean_text_page

FORMATS = ("auto", "text", "html")
MAX_BYTES = 200_000_000


def parse_article(raw: str | bytes, format: str = "auto", *, url: str | None = None,
                  template: Counter[str] | None = None) -> Article:
    """Parse one article from a page's text or HTML.

    ``format="auto"`` treats input with HTML markup as HTML and anything else as a plain-text
    page dump (copy-paste of a web page), whose navigation, related links and footers are
    removed into ``Article.boilerplate``. Bytes are decoded first (encoding detected).

    >>> art = parse_article("Storm hits coast\\n\\nA storm may reach the coast, officials said.")
    >>> art.title
    'Storm hits coast'
    """
    if format not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    encoding = None
    if isinstance(raw, (bytes, bytearray, memoryview)):
        raw, encoding = decode_bytes(bytes(raw))
    if not isinstance(raw, str):
        raise InputError(f"parse_article takes str or bytes, not {type(raw).__name__}")
    if format == "html" or (format == "auto" and looks_like_html(raw)):
        art = parse_html(raw, url=url)
    else:
        art = parse_text_page(raw, template=template)
        art.url = art.url or url
    if encoding:
        art.extra["encoding"] = encoding
    return art


def parse_text_page(raw: str, template: Counter[str] | None = None) -> Article:
    text, repairs = normalize_text(raw)
    parts = clean_text_page(text, template=template)
    art = Article(
        text=tidy_paragraphs(parts.paragraphs), title=parts.title, author=parts.author,
        editor=parts.editor, outlet=parts.outlet, published=parts.published, section=parts.section,
        url=parts.url, boilerplate=parts.boilerplate, repairs=repairs, format="text",
    )
    if parts.no_body:  # an empty body says why, rather than passing a footer off as the article
        art.extra["no_body"] = parts.no_body
    return art


def read_bytes(path: str | Path) -> bytes:
    """Read a file, transparently decompressing .gz/.bz2/.xz; refuse absurdly large files."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a folder; use mk.load_corpus for folders")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path.name}: {size / 1e6:.0f} MB is too large for one article; use mk.iter_corpus")
    opener = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}.get(path.suffix.lower())
    try:
        if opener is None:
            return path.read_bytes()
        with opener(path, "rb") as f:
            return f.read(MAX_BYTES + 1)
    except (OSError, EOFError, lzma.LZMAError) as e:
        raise InputError(f"{path.name}: cannot read: {e}") from e


def load_article(path: str | Path, format: str = "auto", template: Counter[str] | None = None) -> Article:
    """Read one saved page (.txt, .html, .htm, optionally .gz) into an :class:`Article`.

    >>> art = load_article("saved/page.html")   # doctest: +SKIP
    """
    path = Path(path)
    data = read_bytes(path)
    if format == "auto":
        from .registry import full_suffix

        suffix = full_suffix(path)
        if suffix in (".html", ".htm", ".xhtml", ".shtml"):
            format = "html"
        elif suffix in (".txt", ".text", ".md", ""):
            format = "text" if not looks_like_html(data[:5000].decode("latin-1")) else "html"
        else:
            raise FormatError(f"{path.name}: load_article reads one page (.txt/.html); "
                              "use mk.load_corpus for tables and exports")
    art = parse_article(data, format=format, template=template)
    art.source_path = str(path)
    return art


def page_lines(path: Path) -> set[str]:
    """The distinct non-empty lines of a text page (for cross-page template detection)."""
    text, _ = decode_bytes(read_bytes(path))
    text, _ = normalize_text(text)
    return {" ".join(line.split()) for line in text.split("\n") if line.strip()}

