"""Nexis Uni / Lexis Advance exports: DOCX (single articles and bundles), RTF, PDF and text.

A Nexis Uni download is a sequence of records, each ending with a line "End of Document".
A record starts with the headline, the outlet and the date line (often followed by the
copyright line), then labelled fields (``Byline:``, ``Section:``, ``Length:``, ``Dateline:``
...), a line "Body" and the article, optional "Graphic"/"Notes" blocks, a "Classification"
block (``Language:``, ``Subject:``, ``Geographic:`` ...) and ``Load-Date:``. Bundles start
with a cover page and a table of contents, which are skipped.

Every field becomes a column: ``length`` (words, as Nexis counted them), ``load_date``,
``dateline``, ``copyright``, ``edition``, ``highlight``, ``graphic``, ``notes``,
``publication_type`` and one ``classification_<name>`` column per classification field
(``classification_subject``, ``classification_geographic`` ...).

>>> import mediakit as mk
>>> df = mk.load_corpus("nexis_download/")            # doctest: +SKIP
>>> df[["outlet", "title", "published", "length", "classification_subject"]]  # doctest: +SKIP

RTF and PDF are read where feasible: RTF through striprtf (paragraphs survive), PDF through
pypdf (best effort: page headers are removed and wrapped lines re-joined by punctuation, so
paragraph breaks inside the body can be wrong). Prefer DOCX when you export.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from ..article import Article
from ..caller import user_stacklevel
from ..errors import FormatError
from . import registry
from .export_dates import find_export_date
from .export_records import (
    build_article,
    date_with_fallback,
    decode_export,
    parse_length,
    read_as_page,
    snake,
)

END_OF_DOCUMENT = re.compile(
    r"^\s*(?:end of document|ende des dokuments|fin du document|fin del documento)\s*$", re.I)
BODY = re.compile(r"^\s*(?:body|text|corps|cuerpo|texto)\s*:?\s*$", re.I)
CLASSIFICATION = re.compile(r"^\s*(?:classification|klassifikation|classement|clasificación)\s*$", re.I)
TRAILER_BLOCKS = re.compile(r"^\s*(?:graphic|grafik|notes?|anmerkungen|link to image|link to pdf)\s*$", re.I)
LABEL = re.compile(r"^\s*(?P<label>[A-Za-zÄÖÜäöüÉéèçñ][\w\-/ .äöüéèç]{0,38}?)\s*:\s*(?P<value>.*)$")
# "Copyright 2021 ...", "© 2021 ..." - a headline like "Copyright fight heats up" is no notice.
COPYRIGHT = re.compile(r"^\s*(?:copyright\s*(?:©|\(c\))?\s*\d{4}|©|\(c\)\s*\d{4}|urheberrecht\b.*\d{4})", re.I)
PAGE_LINE = re.compile(r"^\s*(?:page|seite|p\.)\s*\d+\s*(?:of|von|de|sur)\s*\d+\s*$", re.I)
_WEEKDAYS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b,?", re.I)
# The cover page and table of contents of a bundle download.
COVER = re.compile(
    r"^\s*(?:user name|date and time|job number|documents \(\d+\)|client/matter|search terms|"
    r"search type|narrowed by|content type|dokumente \(\d+\)|benutzername|suchbegriffe)\b", re.I)
# Cells of the cover's "Content Type | Narrowed by" table, as DOCX or RTF text gives them.
COVER_TABLE = re.compile(r"^\s*(?:news|content type|narrowed by)\s*\|?\s*$|^\s*news\s*\||\bsources\s*:", re.I)
TOC_ENTRY = re.compile(r"^\s*(\d+)\.\s+(.+?)\s*$")
ERROR_DOCUMENT = re.compile(r"there is an error in this document and it is not possible to display it", re.I)

# Label (lower-case) -> field. English labels are what Nexis Uni prints; German, French and
# Spanish ones are our reading of localised interfaces (best effort).
HEADER_LABELS = {
    "byline": "author", "author": "author", "autor": "author", "auteur": "author",
    "section": "section", "rubrik": "section", "rubrique": "section", "sección": "section",
    "length": "length", "länge": "length", "longueur": "length", "longitud": "length",
    "dateline": "dateline", "highlight": "highlight", "correction": "correction",
    "correction-date": "correction_date", "series": "series", "url": "url",
    "load-date": "load_date", "ladedatum": "load_date", "date de chargement": "load_date",
    "fecha de carga": "load_date", "language": "language", "sprache": "language",
    "langue": "language", "idioma": "language", "publication-type": "publication_type",
    "publication type": "publication_type", "document-type": "document_type",
}


def parse_nexis_lines(lines: list[str], *, fmt: str = "nexis", source_path: str | None = None,
                      wrapped: bool = False) -> list[Article]:
    """Split the paragraphs of a Nexis Uni export at "End of Document" and parse each record.

    ``wrapped=True`` (PDF text) joins lines that continue a sentence into one paragraph.

    >>> lines = ["Storm nears coast", "The Daily Example", "March 5, 2021 Friday",
    ...          "Length: 9 words", "Body", "A storm may reach the coast, officials said.",
    ...          "Load-Date: March 6, 2021", "End of Document"]
    >>> parse_nexis_lines(lines)[0].title
    'Storm nears coast'
    """
    lines = [ln.replace("\u00a0", " ").rstrip() for ln in lines]
    records: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if END_OF_DOCUMENT.match(line):
            records.append(current)
            current = []
        else:
            current.append(line)
    if any(ln.strip() for ln in current):
        records.append(current)  # a download cut short: keep the last record if it has a body
    announced = _announced_count(records[0]) if records else None
    records = [_strip_cover(r) if i == 0 else r for i, r in enumerate(records)]
    articles = []
    failed: list[int] = []
    for number, rec in enumerate(records, 1):
        if not any(ln.strip() for ln in rec):
            continue
        if any(ERROR_DOCUMENT.search(ln) for ln in rec[:40]):
            failed.append(number)  # Nexis put an error notice where the article should be
            continue
        art = _parse_record(rec, fmt=fmt, source_path=source_path, wrapped=wrapped)
        if art is not None:
            art.extra["record"] = number
            if announced is not None:
                art.extra["records_in_file"] = announced
            articles.append(art)
    where = f"{Path(source_path).name}: " if source_path else ""
    if failed:
        warnings.warn(f"{where}Nexis could not display document(s) {', '.join(map(str, failed))} "
                      "(an error notice instead of the article); skipped", stacklevel=user_stacklevel())
    if announced is not None and announced != len(articles) + len(failed):
        warnings.warn(f"{where}the cover page announces {announced} documents but {len(articles)} "
                      "were read; the download may be incomplete", stacklevel=user_stacklevel())
    return articles


def _announced_count(rec: list[str]) -> int | None:
    for ln in rec[:400]:
        m = re.match(r"^\s*(?:documents|dokumente|documentos)\s*\((\d+)\)\s*$", ln, re.I)
        if m:
            return int(m.group(1))
    return None


def _strip_cover(rec: list[str]) -> list[str]:
    """Drop a bundle's cover page and table of contents from the first record."""
    head = [ln.strip() for ln in rec[:400]]
    cover_idx = [i for i, ln in enumerate(head) if COVER.match(ln)]
    if not cover_idx:
        return rec
    toc_first = next((TOC_ENTRY.match(ln).group(2) for ln in head if TOC_ENTRY.match(ln)
                      and TOC_ENTRY.match(ln).group(1) == "1"), None)
    last_cover = cover_idx[-1]
    if toc_first:
        for i in range(len(head) - 1, last_cover, -1):
            if " ".join(head[i].split()) == " ".join(toc_first.split()):
                return rec[i:]
    start = last_cover + 1
    while start < len(rec) and (not rec[start].strip() or COVER_TABLE.search(rec[start])
                                or LABEL.match(rec[start])
                                and snake(LABEL.match(rec[start]).group("label")) in _COVER_TAILS):
        start += 1
    return rec[start:]


_COVER_TAILS = {"news", "sources", "source", "language", "timeline", "publication_type",
                "content_type", "geography", "subject", "news_sources"}


def _parse_record(rec: list[str], *, fmt: str, source_path: str | None,
                  wrapped: bool) -> Article | None:
    lines = [ln for ln in rec if not PAGE_LINE.match(ln)]
    body_at = next((i for i, ln in enumerate(lines) if BODY.match(ln)), None)
    fields: dict[str, str] = {}
    header_plain: list[str] = []
    if body_at is None:
        # No "Body" line: the body starts after the last labelled line of the header.
        body_at = _guess_body_start(lines)
        header, rest = lines[:body_at], lines[body_at:]
    else:
        header, rest = lines[:body_at], lines[body_at + 1:]
    last_key = None
    for ln in header:
        if not ln.strip():
            last_key = None
            continue
        m = LABEL.match(ln)
        key = HEADER_LABELS.get(m.group("label").strip().lower()) if m else None
        if key:
            fields[key] = m.group("value").strip()
            last_key = key
        elif last_key and fields.get(last_key) == "":
            fields[last_key] = ln.strip()  # value printed on the line after its label
        else:
            header_plain.append(ln.strip())
            last_key = None
    body, trailer = _split_body(rest)
    blocks = _parse_trailer(trailer)
    fields.update({k: v for k, v in blocks.items() if not k.startswith("classification_")
                   and k in ("load_date", "language", "publication_type", "graphic", "notes",
                             "document_type")})
    classification = {k: v for k, v in blocks.items() if k.startswith("classification_")}
    title, outlet, published, edition, copyright_ = _header_identity(header_plain, fields)
    if wrapped:
        body = join_wrapped(body, title)
    if not any(b.strip() for b in body) and not title:
        return None
    published, load_date, published_from = date_with_fallback(published, fields.get("load_date"))
    extra = {
        "length": parse_length(fields.get("length")),
        "load_date": load_date,
        "dateline": fields.get("dateline"),
        "copyright": copyright_,
        "edition": edition,
        "highlight": fields.get("highlight"),
        "graphic": fields.get("graphic"),
        "notes": fields.get("notes"),
        "publication_type": fields.get("publication_type"),
        "published_from": published_from,
    }
    for key in ("correction", "correction_date", "series", "document_type"):
        if fields.get(key):
            extra[key] = fields[key]
    extra.update(classification)
    return build_article(
        body=body, fmt=fmt, title=title, outlet=outlet, author=fields.get("author"),
        published=published, section=fields.get("section"), url=fields.get("url"),
        language=fields.get("language"), source_path=source_path, extra=extra,
    )


def _guess_body_start(lines: list[str]) -> int:
    last_label = None
    for i, ln in enumerate(lines[:60]):
        m = LABEL.match(ln)
        if m and HEADER_LABELS.get(m.group("label").strip().lower()) not in (
                None, "load_date", "language", "publication_type", "document_type"):
            last_label = i
    return (last_label + 1) if last_label is not None else min(3, len(lines))


def _split_body(rest: list[str]) -> tuple[list[str], list[str]]:
    for i, ln in enumerate(rest):
        if CLASSIFICATION.match(ln) or TRAILER_BLOCKS.match(ln):
            return rest[:i], rest[i:]
        m = LABEL.match(ln)
        if m and HEADER_LABELS.get(m.group("label").strip().lower()) == "load_date":
            return rest[:i], rest[i:]
    return rest, []


def _parse_trailer(lines: list[str]) -> dict[str, str]:
    """Graphic/Notes blocks, the Classification block and Load-Date -> fields."""
    out: dict[str, str] = {}
    block: str | None = None
    last: str | None = None
    for ln in lines:
        text = ln.strip()
        if not text:
            continue
        if CLASSIFICATION.match(text):
            block, last = "classification", None
            continue
        if TRAILER_BLOCKS.match(text):
            block = "notes" if text.lower().startswith(("note", "anmerk")) else "graphic"
            if "link to" in text.lower():
                block = None
            last = None
            continue
        m = LABEL.match(text)
        if m:
            label = m.group("label").strip()
            known = HEADER_LABELS.get(label.lower())
            if known in ("load_date", "language", "publication_type", "document_type"):
                out[known] = m.group("value").strip()
                last = known
                continue
            if block == "classification":
                last = "classification_" + snake(label)
                out[last] = m.group("value").strip()
                continue
        if block in ("graphic", "notes"):
            out[block] = (out.get(block, "") + " " + text).strip()
        elif last is not None:
            out[last] = (out[last] + " " + text).strip()  # a value wrapped onto the next line
    return out


def _header_identity(plain: list[str], fields: dict[str, str]):
    """Headline, outlet, date, edition and copyright from the unlabelled header lines."""
    title = outlet = published = copyright_ = None
    edition: list[str] = []
    for ln in plain:
        if COPYRIGHT.match(ln):
            copyright_ = ln if copyright_ is None else f"{copyright_} {ln}"
            continue
        if title is None:
            title = ln
            continue
        if published is None:
            date, span = find_export_date(ln)
            if date is not None and span is not None:
                published = date
                leftover = _WEEKDAYS.sub(" ", ln[:span[0]] + " " + ln[span[1]:])
                leftover = " ".join(leftover.split()).strip(" ,;-")
                if leftover:
                    edition.append(leftover)
                continue
        if outlet is None:
            outlet = ln
        elif copyright_ is None:
            edition.append(ln)
    return title, outlet, published, "; ".join(edition) or None, copyright_


_SENTENCE_END = re.compile(r"[.!?:\"”’»)]\s*$")


def join_wrapped(lines: list[str], title: str | None = None) -> list[str]:
    """Re-join lines that a PDF wrapped: a line not ending a sentence continues the paragraph.

    Blank lines are page breaks here, not paragraph breaks; the headline repeated as a page
    header is dropped.
    """
    out: list[str] = []
    buf = ""
    head = " ".join(title.split()) if title else None
    for ln in lines:
        text = " ".join(ln.split())
        if not text or text == head:
            continue
        buf = f"{buf} {text}" if buf else text
        if _SENTENCE_END.search(text):
            out.append(buf)
            buf = ""
    if buf:
        out.append(buf)
    return out


# ---- file readers -------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path: Path) -> list[str]:
    """The paragraph texts of a DOCX file, in order (line breaks inside a paragraph become lines).

    The main document XML is streamed with lxml (python-docx's per-run XPath is about five
    times slower on a 500-article bundle); python-docx is the fallback for unusual packages.
    """
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(path) as zf:
            if "word/document.xml" not in zf.namelist():
                return _docx_paragraphs_python_docx(path)
            with zf.open("word/document.xml") as xml:
                lines: list[str] = []
                for _, el in etree.iterparse(xml, events=("end",), tag=f"{_W}p",
                                             resolve_entities=False, huge_tree=True):
                    parts = []
                    for node in el.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
                        if node.tag == f"{_W}t":
                            parts.append(node.text or "")
                        elif node.tag == f"{_W}tab":
                            parts.append("\t")
                        elif node.get(f"{_W}type") not in ("page", "column"):
                            parts.append("\n")
                    if el.getparent() is None or not _inside_p(el):
                        lines.extend("".join(parts).split("\n"))
                    el.clear(keep_tail=True)
                return lines
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError) as e:
        raise FormatError(f"{path.name}: not a readable Word (.docx) file: {e}") from e


def _inside_p(el) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == f"{_W}p":
            return True  # a paragraph nested in a text box of another paragraph
        parent = parent.getparent()
    return False


def _docx_paragraphs_python_docx(path: Path) -> list[str]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise FormatError(f"{path.name}: not a readable Word (.docx) file: {e}") from e
    lines: list[str] = []
    for p in document.paragraphs:
        lines.extend(p.text.split("\n"))
    return lines


def rtf_text(path: Path) -> str:
    """Plain text of an RTF file (striprtf), decoded from the RTF's code page escapes."""
    from striprtf.striprtf import rtf_to_text

    data = path.read_bytes()
    raw = decode_export(path, data)
    if not raw.lstrip().startswith("{\\rtf"):
        raise FormatError(f"{path.name}: not an RTF file (it does not start with {{\\rtf)")
    try:
        return rtf_to_text(raw, errors="replace")
    except Exception as e:  # noqa: BLE001 - striprtf raises bare errors on malformed groups
        raise FormatError(f"{path.name}: cannot read the RTF: {e}") from e


def pdf_lines(path: Path) -> list[str]:
    """Text lines of a PDF (pypdf), page by page; 'Page N of M' lines dropped later."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise FormatError(f"{path.name}: cannot read the PDF: {e}") from e
    lines: list[str] = []
    for text in pages:
        lines.extend(text.splitlines())
        lines.append("")
    if not any(ln.strip() for ln in lines):
        raise FormatError(f"{path.name}: the PDF has no extractable text (a scan?); export as DOCX")
    return lines


def read_nexis_docx(path: Path) -> list[Article]:
    return _require(parse_nexis_lines(docx_paragraphs(path), fmt="nexis-docx", source_path=str(path)), path)


def read_nexis_pdf(path: Path) -> list[Article]:
    return _require(parse_nexis_lines(pdf_lines(path), fmt="nexis-pdf", source_path=str(path),
                                      wrapped=True), path)


def read_nexis_text(path: Path) -> list[Article]:
    from .articles import read_bytes

    text = decode_export(path, read_bytes(path))
    articles = parse_nexis_lines(text.splitlines(), fmt="nexis-txt", source_path=str(path))
    # The sniff saw only the first 4 KB; a page dump without Nexis records is an ordinary page.
    return articles or read_as_page(path)


def read_lexis_rtf(path: Path) -> list[Article]:
    """An RTF from Nexis Uni or from classic LexisNexis (the layout decides)."""
    from .lexisnexis_classic import looks_classic, parse_classic_text

    text = rtf_text(path)
    if looks_classic(text):
        return _require(parse_classic_text(text, fmt="lexisnexis-rtf", source_path=str(path)), path)
    return _require(parse_nexis_lines(text.splitlines(), fmt="nexis-rtf", source_path=str(path)), path)


def _require(articles: list[Article], path: Path) -> list[Article]:
    if not articles:
        raise FormatError(f"{path.name}: no Nexis/LexisNexis records found (no 'End of Document' "
                          "or 'N of M DOCUMENTS' markers and no article text)")
    return articles


def sniff_nexis_text(head: bytes) -> bool:
    text = head.decode("utf-8", errors="ignore").replace("\x00", "")
    return bool(re.search(r"^\s*end of document\s*$", text, re.I | re.M)) or (
        bool(re.search(r"^\s*body\s*$", text, re.I | re.M))
        and bool(re.search(r"^\s*(?:length|länge|longueur)\s*:\s*[\d,.]+\s*(?:words|wörter|mots)\b",
                           text, re.I | re.M)))


registry.register(registry.Reader("nexis-docx", (".docx",), read_nexis_docx))
registry.register(registry.Reader("lexis-rtf", (".rtf",), read_lexis_rtf))
registry.register(registry.Reader("nexis-pdf", (".pdf",), read_nexis_pdf))
registry.register(registry.Reader("nexis-txt", (".txt", ".text"), read_nexis_text, sniff=sniff_nexis_text))
