"""Factiva exports: HTML pages saved from Factiva and Factiva XML.

Factiva marks each field of an article with a two-letter code: HD (headline), BY (byline),
WC (word count), PD (publication date), ET (time), SN (source name), SC (source code),
SE (section), ED (edition), PG (page), LA (language), CY (copyright), LP (lead paragraphs),
TD (text), CO (companies), IN (industries), NS (subjects), RE (regions), IPD, PUB
(publisher) and AN (accession number). The "Full Article/Report plus Indexing" display,
saved as HTML, prints them as two-column table rows; the XML export uses named elements
(``headline``, ``byline``, ``publicationDate``, ``sourceName``, ``leadParagraph``,
``tailParagraphs`` ...), which are mapped to the same codes.

Corpus columns: title (HD), author (BY), published (PD + ET), outlet (SN), section (SE),
language (LA, as an ISO code), text (LP then TD). Every code is also kept as a lower-case
column (``an``, ``wc`` as an integer, ``sn``, ``co``, ``ns``, ``re``, ``in`` ...). Dates are
parsed with the team's month tables (English, German, French, Spanish), never the locale.

>>> import mediakit as mk
>>> df = mk.load_corpus("factiva_export.html")        # doctest: +SKIP
>>> df[["outlet", "title", "published", "wc", "ns"]]   # doctest: +SKIP
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..article import Article
from ..errors import FormatError
from . import registry
from .export_dates import parse_export_date
from .export_records import build_article, clean_line, decode_export, parse_length, read_as_page

CODE = re.compile(r"^[A-Z]{2,3}$")
TEXT_CODES = ("LP", "TD")
KNOWN_CODES = {"AN", "ART", "BY", "CLM", "CO", "CR", "CT", "CX", "CY", "DE", "ED", "ET", "HD", "HLP",
               "IN", "IPC", "IPD", "LA", "LP", "NS", "PD", "PG", "PUB", "RE", "RF", "SC", "SE", "SN",
               "TD", "VOL", "WC"}
# Factiva XML element names (lower-case local names) -> two-letter codes.
XML_ELEMENTS = {
    "headline": "HD", "byline": "BY", "author": "BY", "wordcount": "WC", "publicationdate": "PD",
    "publicationtime": "ET", "sourcename": "SN", "sourcecode": "SC", "sectionname": "SE",
    "section": "SE", "edition": "ED", "pagenumber": "PG", "page": "PG",
    "baselanguage": "LA", "language": "LA", "copyright": "CY", "leadparagraph": "LP",
    "tailparagraphs": "TD", "company": "CO", "companies": "CO", "industry": "IN",
    "industries": "IN", "newssubject": "NS", "newssubjects": "NS", "region": "RE",
    "regions": "RE", "accessionno": "AN", "accessionnumber": "AN", "publisher": "PUB",
    "publishername": "PUB", "dateline": "DL",
}
_WORDCOUNT = re.compile(r"^\s*[\d,.\s]+\s*(?:words?|wörter|mots|palabras)\s*$", re.I)


def _record_to_article(rec: dict[str, Any], fmt: str, source_path: str | None) -> Article | None:
    paragraphs: list[str] = []
    for code in TEXT_CODES:
        value = rec.get(code)
        if isinstance(value, list):
            paragraphs.extend(value)
        elif value:
            paragraphs.append(value)
    flat = {k: (" ".join(v) if isinstance(v, list) else v) for k, v in rec.items()}
    title = flat.get("HD")
    if not paragraphs and not title:
        return None
    when = " ".join(x for x in (flat.get("PD"), flat.get("ET")) if x)
    extra: dict[str, Any] = {}
    for code, value in flat.items():
        if code in TEXT_CODES:
            continue
        extra[code.lower()] = clean_line(value) or None
    extra["wc"] = parse_length(flat.get("WC"))
    extra["length"] = extra["wc"]  # the database's word count, named as in the Nexis readers
    if extra.get("an"):
        extra["an"] = re.sub(r"^\s*(?:document|dokument)\s+", "", extra["an"], flags=re.I)
    for code in ("co", "in", "ns", "re", "ipd", "pub", "sc", "ed", "pg", "cy", "et", "pd", "sn", "by",
                 "se", "la"):
        extra.setdefault(code, None)
    return build_article(
        body=paragraphs, fmt=fmt, title=title, outlet=flat.get("SN"), author=flat.get("BY"),
        published=parse_export_date(when), section=flat.get("SE"), language=flat.get("LA"),
        source_path=source_path, extra=extra,
    )


# ---- HTML --------------------------------------------------------------------------------

def parse_factiva_html(html: str, *, source_path: str | None = None) -> list[Article]:
    """Articles from a Factiva HTML page (indexing rows, or the plain article display).

    >>> html = ("<div class='article enArticle'><table><tr><td><b>HD</b></td><td>Storm nears</td></tr>"
    ...         "<tr><td><b>PD</b></td><td>5 March 2021</td></tr><tr><td><b>TD</b></td><td>"
    ...         "<p>A storm may reach the coast, officials said.</p></td></tr></table></div>")
    >>> parse_factiva_html(html)[0].title
    'Storm nears'
    """
    import lxml.html
    from lxml import etree

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str input with a declaration
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise FormatError(f"cannot parse the Factiva HTML: {e}") from e
    records: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    for tr in tree.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        if len(cells) < 2:
            continue
        code = " ".join(cells[0].text_content().split()).upper()
        # A code is a known field name, or a short bold label (Factiva prints codes in <b>);
        # a financial table inside the text ("EPS | 1.20") is not a field.
        if not CODE.match(code) or (code not in KNOWN_CODES and not cells[0].findall(".//b")):
            continue
        if code in current and code not in TEXT_CODES or code == "HD" and current:
            records.append(current)
            current = {}
        value_cell = cells[1]
        if code in TEXT_CODES:
            paras = [p.text_content() for p in value_cell.iter("p")] or [value_cell.text_content()]
            current.setdefault(code, []).extend(" ".join(p.split()) for p in paras if p.strip())
        else:
            current[code] = value_cell.text_content()
    if current:
        records.append(current)
    if not records:
        records = _plain_display_records(tree)
    articles = [a for a in (_record_to_article(r, "factiva-html", source_path) for r in records) if a]
    return articles


def _plain_display_records(tree: Any) -> list[dict[str, Any]]:
    """The display without indexing: headline, a few metadata lines, paragraphs (best effort)."""
    out = []
    for div in tree.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), 'Article ')"
                          " or contains(@class, 'article')]"):
        paras = [" ".join(p.text_content().split()) for p in
                 div.xpath(".//p[contains(@class, 'articleParagraph')]")]
        head = div.xpath(".//*[@id='hd' or contains(@class, 'Headline')]")
        rec: dict[str, Any] = {"TD": [p for p in paras if p]}
        if head:
            rec["HD"] = head[0].text_content()
        author = div.xpath(".//*[contains(@class, 'author')]")
        if author:
            rec["BY"] = author[0].text_content()
        for meta in div.xpath("./div[not(@class) and not(@id)]"):
            text = " ".join(meta.text_content().split())
            if not text:
                continue
            if _WORDCOUNT.match(text) and "WC" not in rec:
                rec["WC"] = text
            elif parse_export_date(text) and "PD" not in rec and len(text) < 40:
                rec["PD"] = text
            elif re.match(r"^\d{1,2}:\d\d$", text) and "ET" not in rec:
                rec["ET"] = text
            elif text.startswith(("©", "(c)", "Copyright")) and "CY" not in rec:
                rec["CY"] = text
            elif "SN" not in rec:
                rec["SN"] = text
            elif "SC" not in rec and re.match(r"^[A-Z0-9]{3,10}$", text):
                rec["SC"] = text
            elif "LA" not in rec and len(text.split()) == 1:
                rec["LA"] = text
        if rec.get("HD") or rec["TD"]:
            out.append(rec)
    return out


# ---- XML ---------------------------------------------------------------------------------

def parse_factiva_xml(data: bytes, *, source_path: str | None = None) -> list[Article]:
    """Articles from a Factiva XML export (``article`` elements, or elements named by code)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as e:
        raise FormatError(f"not well-formed XML: {e}") from e
    nodes = [el for el in root.iter() if isinstance(el.tag, str) and _local(el.tag) == "article"]
    if not nodes:
        nodes = [el for el in root.iter() if isinstance(el.tag, str)
                 and any(_local(c.tag).upper() == "HD" for c in el if isinstance(c.tag, str))]
    articles = []
    for node in nodes:
        rec: dict[str, Any] = {}
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = _local(child.tag)
            code = name.upper() if CODE.match(name.upper()) and len(name) <= 3 else XML_ELEMENTS.get(name.lower())
            if code is None:
                continue
            if code in TEXT_CODES or code == "HD":
                paras = [" ".join("".join(p.itertext()).split()) for p in child.iter()
                         if isinstance(p.tag, str) and _local(p.tag).lower() in ("paragraph", "p", "para")]
                if not paras:
                    paras = [" ".join("".join(child.itertext()).split())]
                paras = [p for p in paras if p]
                rec[code] = paras if code in TEXT_CODES else " ".join(paras)
            elif code in ("CO", "IN", "NS", "RE"):
                rec[code] = _coded_list(child)
            elif code == "PD":
                rec[code] = _xml_date(child)
            else:
                rec[code] = " ".join("".join(child.itertext()).split())
        for attr, code in (("originalLanguage", "LA"), ("accessionNo", "AN")):
            if node.get(attr) and code not in rec:
                rec[code] = node.get(attr)
        art = _record_to_article(rec, "factiva-xml", source_path)
        if art is not None:
            articles.append(art)
    return articles


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _coded_list(el: Any) -> str:
    items = []
    for child in el.iter():
        if child is el or not isinstance(child.tag, str):
            continue
        text = " ".join("".join(child.itertext()).split())
        code = child.get("code") or child.get("fcode")
        if code and text:
            items.append(f"{code} : {text}")
        elif text and not len(child):
            items.append(text)
    return " | ".join(items) if items else " ".join("".join(el.itertext()).split())


def _xml_date(el: Any) -> str:
    for node in el.iter():
        if isinstance(node.tag, str) and node.get("value"):
            return node.get("value")
    return " ".join("".join(el.itertext()).split())


# ---- readers -----------------------------------------------------------------------------

def read_factiva_html(path: Path) -> list[Article]:
    from .articles import read_bytes

    html = decode_export(path, read_bytes(path))
    articles = parse_factiva_html(html, source_path=str(path))
    if not articles:
        # The sniff only saw the first 4 KB: a news page that merely mentions Factiva is an
        # ordinary page, so read it like one.
        return read_as_page(path)
    return articles


def read_factiva_xml(path: Path) -> list[Article]:
    from .articles import read_bytes

    try:
        articles = parse_factiva_xml(read_bytes(path), source_path=str(path))
    except FormatError as e:
        raise FormatError(f"{path.name}: {e}") from e
    if not articles:
        raise FormatError(f"{path.name}: no Factiva articles (no <article> or HD elements) in the XML")
    return articles


_SNIFF = re.compile(rb"factiva|articleParagraph|enArticle|<b>\s*HD\s*</b>", re.I)


def sniff_factiva(head: bytes) -> bool:
    return bool(_SNIFF.search(head.replace(b"\x00", b"")))


registry.register(registry.Reader("factiva-html", (".html", ".htm", ".xhtml"), read_factiva_html,
                                  sniff=sniff_factiva))
registry.register(registry.Reader("factiva-xml", (".xml",), read_factiva_xml))
