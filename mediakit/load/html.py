"""HTML pages -> Article, with trafilatura for the body and htmldate for the publication date.

trafilatura is the best-kept open extractor for news bodies; we run it with its default
balance (``favor_precision=False``): ``True`` scored higher on the 59 development pages (0.960
against 0.952) but lower than trafilatura alone on three of the five held-out pool sets, and
the default is never below it (docs/accuracy.md). When it finds nothing, the page is rendered
to text and handed to the plain-text cleaner (the learned line model), so a page never comes
back empty without a reason.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..article import Article
from ..errors import InputError
from ..text.normalize import normalize_text, tidy_paragraphs
from .textpage import clean_text_page, edge_boilerplate

FAVOR_PRECISION = False
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)[\s>]", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:5000]))


def parse_html(html: str, url: str | None = None) -> Article:
    """Extract one article from an HTML string."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, favor_precision=FAVOR_PRECISION, include_comments=False,
            with_metadata=True, include_tables=True,
        )
    except (ValueError, TypeError, AttributeError) as e:  # malformed markup trafilatura gave up on
        doc = None
        why = f"trafilatura failed: {e}"
    else:
        why = "trafilatura found no body"
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    boilerplate: list[str] = []
    if body:
        text, repairs = normalize_text(body)
        lines = text.split("\n")
        title_text = _clean(getattr(doc, "title", None))
        # trafilatura keeps an <h1> headline as the first line; the body starts after it.
        if title_text and lines and _clean(lines[0]) == title_text:
            boilerplate.append(lines.pop(0).strip())
        # template lines trafilatura kept at the end ("Our Standards: ...", "© 2026 ...")
        while lines and (not lines[-1].strip() or edge_boilerplate(lines[-1])):
            dropped = lines.pop().strip()
            if dropped:
                boilerplate.append(dropped)
        text = tidy_paragraphs(lines)
        fmt = "html"
    else:
        page_text = html_to_text(html)
        text, repairs = normalize_text(page_text)
        parts = clean_text_page(text)
        text = tidy_paragraphs(parts.paragraphs)
        boilerplate = parts.boilerplate
        fmt = "html-fallback"
        repairs.append({"kind": "fallback", "reason": why})
    meta = doc if doc is not None else None
    outlet = page_outlet(html, _clean(getattr(meta, "sitename", None)), _clean(getattr(meta, "hostname", None)))
    title = strip_site_suffix(_clean(getattr(meta, "title", None)), outlet, _clean(getattr(meta, "hostname", None)))
    author = strip_job_title(_clean(getattr(meta, "author", None)))
    published = find_published(html, url) or _parse_date(getattr(meta, "date", None))
    cats = getattr(meta, "categories", None) or []
    return Article(
        text=text, title=title, author=author, outlet=outlet, published=published,
        section=cats[0] if cats else None, url=_clean(getattr(meta, "url", None)) or url,
        language=_clean(getattr(meta, "language", None)), boilerplate=boilerplate,
        repairs=repairs, format=fmt,
    )


_SITE_NAME_META = re.compile(
    r"""<meta[^>]+(?:property|name)\s*=\s*["'](?:og:site_name|application-name)["'][^>]*>""", re.I)
# a JSON-LD "publisher" is often the agency that wrote the story, not the site that printed it
_NEWS_SERVICE = re.compile(r"\b(?:news service|news agency|wire|newswire|agency|syndicat\w*|"
                           r"associated press|reuters|afp|pti|ians|ani|dpa|efe|ansa|xinhua|tass)\b", re.I)


def page_outlet(html: str, sitename: str | None, hostname: str | None) -> str | None:
    """The outlet of a page: og:site_name, then trafilatura's site name unless it names a news
    service ("DH News Service" is not the outlet of a Deccan Herald page), then the page's
    copyright line, then the host name.

    >>> page_outlet('<meta property="og:site_name" content="Valley Courier">', "AP", None)
    'Valley Courier'
    """
    m = _SITE_NAME_META.search(html[:300_000])
    if m:
        c = _CONTENT.search(m.group())
        name = _clean(c.group(1)) if c else None
        if name and not name.startswith(("http", "www.")):
            return name
    if sitename and not _NEWS_SERVICE.search(sitename):
        return sitename
    copyright_outlet = _copyright_outlet(html)
    return copyright_outlet or sitename or hostname


def _copyright_outlet(html: str) -> str | None:
    tail = html[-20_000:]
    m = re.search(r"(?:©|&copy;|&#169;|\bcopyright\b)[^<]{0,120}", tail, re.I)
    if not m:
        return None
    from .textpage import outlet_from_copyright

    return outlet_from_copyright(m.group().replace("&copy;", "©").replace("&#169;", "©"))


_SUFFIX_SEP = re.compile(r"\s+(?:\||-|–|—|::|:|·|•|»)\s+")


def strip_site_suffix(title: str | None, outlet: str | None, hostname: str | None) -> str | None:
    """A page title without the site's name after a separator ("Storm hits | Al Bawaba").

    >>> strip_site_suffix("Storm hits coast | Valley Courier", "Valley Courier", None)
    'Storm hits coast'
    """
    if not title:
        return title
    names = {_squash(n) for n in (outlet, hostname) if n}
    if hostname:
        host = hostname.removeprefix("www.").split(".")
        names.add(_squash(host[0]))
        if len(host) >= 2:
            names.add(_squash(host[-2]))
    names.discard("")
    parts = _SUFFIX_SEP.split(title)
    if len(parts) < 2:
        return title
    def is_site(part: str) -> bool:
        sq = _squash(part)
        return bool(sq) and any(sq == n or (len(n) >= 4 and (sq.startswith(n) or n.startswith(sq)
                                                          and len(sq) >= 4)) for n in names)
    while len(parts) >= 2 and is_site(parts[-1]):
        parts.pop()
    while len(parts) >= 2 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == len(_SUFFIX_SEP.split(title)):
        return title
    # rebuild from the original text, keeping the separators between the parts that stay
    first, last = parts[0], parts[-1]
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip() or title


def _squash(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold().removeprefix("the "))


def strip_job_title(author: str | None) -> str | None:
    """An author name without the job title glued after it ("Tom Gillespie News reporter").

    >>> strip_job_title("Tom Gillespie News reporter")
    'Tom Gillespie'
    """
    if not author:
        return author
    from .textpage import name_before_role

    return name_before_role(author) or author


def find_published(html: str, url: str | None = None) -> datetime | None:
    """The original publication date (htmldate with ``original_date=True``), or None."""
    try:
        from htmldate import find_date

        found = _parse_date(find_date(html, url=url, original_date=True, extensive_search=False,
                                      outputformat="%Y-%m-%dT%H:%M:%S"))
    except (ValueError, TypeError):
        found = None
    # htmldate settles the day; a publication-time meta tag on the same day adds time and zone.
    precise = _published_meta(html)
    if precise is not None and (found is None or precise.date() == found.date()):
        return precise
    return found


_PUBLISHED_META = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|"""
    r"""og:published_time|pubdate|publishdate|dc\.date\.issued)["'][^>]*>""", re.I)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.I)


def _published_meta(html: str) -> datetime | None:
    m = _PUBLISHED_META.search(html[:200_000])
    if not m:
        return None
    c = _CONTENT.search(m.group())
    return _parse_date(c.group(1).strip().replace("Z", "+00:00")) if c else None


def html_to_text(html: str) -> str:
    """Render HTML to text with one line per block element (an innerText approximation)."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"cannot parse HTML: {e}") from e
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    blocks = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article",
              "header", "footer", "nav", "aside", "blockquote", "figcaption", "ul", "ol", "table", "title"}
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in blocks:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    text = tree.text_content()
    return "\n".join(line.strip() for line in text.split("\n"))


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _parse_date(value: object) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
