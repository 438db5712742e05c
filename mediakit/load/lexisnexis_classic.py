"""Classic LexisNexis (Academic, Wirtschaftsdatenbank) TXT and RTF downloads.

Records start with a line "1 of 25 DOCUMENTS" (German "Dokument 1 von 25" or "1 von 25
DOKUMENTEN", French "Document 1 de 25" or "1 de 25 DOCUMENTS"). Each record is a sequence of
blank-line separated blocks: the outlet, the date line (with edition), the headline, then
upper-case labelled fields (``BYLINE:``, ``SECTION:``, ``LENGTH:``, ``DATELINE:`` ...), the
body, and trailing fields (``LOAD-DATE:``, ``LANGUAGE:``, ``PUBLICATION-TYPE:``, in German
``SPRACHE:``, ``UPDATE:``, in French ``LANGUE:`` ...) with the copyright line.

Every labelled field becomes a column (``length``, ``load_date``, ``dateline``,
``publication_type``, ``copyright``, ``edition``; subject-like fields as
``classification_<name>``; unknown labels under their own snake-case name).

>>> import mediakit as mk
>>> df = mk.load_corpus("lexisnexis_download.txt")     # doctest: +SKIP
"""

from __future__ import annotations

import re
from pathlib import Path

from ..article import Article
from ..caller import user_stacklevel
from ..errors import FormatError
from . import registry
from .export_dates import find_export_date
from .export_records import build_article, date_with_fallback, decode_export, parse_length, snake

RECORD_START = re.compile(
    r"^[ \t]*(?:(?P<n1>\d+)[ \t]+(?:of|von|de|sur)[ \t]+(?P<m1>\d+)[ \t]+"
    r"(?:DOCUMENTS?|DOKUMENTE?N?|DOCUMENTOS?)"
    r"|(?:Dokument|Document|Documento)[ \t]+(?P<n2>\d+)[ \t]+(?:von|de|of|sur)[ \t]+(?P<m2>\d+))[ \t\r]*$",
    re.I | re.M,
)
LABEL = re.compile(r"^\s*(?P<label>[A-ZÄÖÜÉÈÀÇÑ][A-ZÄÖÜÉÈÀÇÑ\- ]{1,30}?)\s*:\s*(?P<value>.*)$")
# "Copyright 2021 ...", "© 2021", "All Rights Reserved" - but not a body sentence that starts
# with the word ("Copyright lawyers say ...").
COPYRIGHT = re.compile(r"^\s*(?:copyright\s*(?:©|\(c\))?\s*\d{4}|©|\(c\)\s*\d{4}|all rights reserved|"
                       r"alle rechte vorbehalten|tous droits réservés|todos los derechos reservados)", re.I)

# Upper-case label -> field (English, German, French, Spanish variants).
FIELDS = {
    "BYLINE": "author", "AUTHOR": "author", "AUTOR": "author", "AUTEUR": "author",
    "SIGNATURE": "author", "HEADLINE": "title", "TITEL": "title", "TITRE": "title",
    "TITULAR": "title", "SECTION": "section", "RUBRIK": "section", "RUBRIQUE": "section",
    "SECCION": "section", "SECCIÓN": "section", "LENGTH": "length", "LÄNGE": "length",
    "LAENGE": "length", "LONGUEUR": "length", "LONGITUD": "length", "DATELINE": "dateline",
    "ORTSZEILE": "dateline", "LOAD-DATE": "load_date", "UPDATE": "load_date",
    "DATE DE CHARGEMENT": "load_date", "FECHA DE CARGA": "load_date", "LANGUAGE": "language",
    "SPRACHE": "language", "LANGUE": "language", "IDIOMA": "language",
    "PUBLICATION-TYPE": "publication_type", "PUBLIKATIONSTYP": "publication_type",
    "TYPE DE PUBLICATION": "publication_type", "TIPO DE PUBLICACION": "publication_type",
    "HIGHLIGHT": "highlight", "GRAPHIC": "graphic", "GRAFIK": "graphic", "NOTES": "notes",
    "CORRECTION": "correction", "CORRECTION-DATE": "correction_date", "URL": "url",
    "EDITION": "edition", "AUSGABE": "edition", "DOCUMENT-TYPE": "document_type",
    "TYPE": "document_type",
}
CLASSIFICATION = {"SUBJECT", "ORGANIZATION", "COMPANY", "INDUSTRY", "GEOGRAPHIC", "PERSON",
                  "TICKER", "COUNTRY", "CITY", "STATE", "TERMS", "THEMEN", "ORGANISATION",
                  "PERSONEN", "GEOGRAFISCH", "SUJET", "PERSONNE", "SOCIÉTÉ"}
# Labels that end the body (everything from the first of them on is trailer).
TRAILER = {"load_date", "language", "publication_type", "graphic", "notes", "correction",
           "correction_date", "document_type"}


def looks_classic(text: str) -> bool:
    """True if the text has "N of M DOCUMENTS" (or a German/French variant) record lines."""
    return RECORD_START.search(text[:200_000]) is not None


def parse_classic_text(text: str, *, fmt: str = "lexisnexis", source_path: str | None = None) -> list[Article]:
    """Split a classic LexisNexis download at its record lines and parse every record.

    >>> txt = "1 of 1 DOCUMENT\\n\\nThe Daily Example\\n\\nMarch 5, 2010 Friday\\n\\nStorm nears\\n\\n" \\
    ...       "LENGTH: 8 words\\n\\nA storm may reach the coast, officials said.\\n\\nLANGUAGE: ENGLISH\\n"
    >>> parse_classic_text(txt)[0].outlet
    'The Daily Example'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    starts = list(RECORD_START.finditer(text))
    articles: list[Article] = []
    for i, m in enumerate(starts):
        chunk = text[m.end(): starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        art = _parse_record(chunk, fmt=fmt, source_path=source_path)
        if art is not None:
            art.extra["record"] = int(m.group("n1") or m.group("n2"))
            art.extra["records_in_file"] = int(m.group("m1") or m.group("m2"))
            articles.append(art)
    announced = max((int(m.group("m1") or m.group("m2")) for m in starts), default=0)
    if starts and announced > len(starts):
        import warnings

        where = f"{Path(source_path).name}: " if source_path else ""
        warnings.warn(f"{where}the records announce {announced} documents but {len(starts)} are in "
                      "the file; the download may be incomplete", stacklevel=user_stacklevel())
    return articles


def _blocks(chunk: str) -> list[list[str]]:
    blocks, cur = [], []
    for line in chunk.split("\n"):
        if line.strip():
            cur.append(line.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _label(block: list[str]) -> tuple[str, str] | None:
    m = LABEL.match(block[0])
    if not m:
        return None
    label = " ".join(m.group("label").split())
    if label not in FIELDS and label not in CLASSIFICATION and not _looks_field(label):
        return None
    value = " ".join([m.group("value").strip(), *block[1:]]).strip()
    return label, value


def _looks_field(label: str) -> bool:
    # An unknown upper-case label counts as a field when it is one token like "JOURNAL-CODE"
    # (a shouted dateline "WASHINGTON: The ..." in the body has a sentence after it).
    return "-" in label and " " not in label


def _parse_record(chunk: str, *, fmt: str, source_path: str | None) -> Article | None:
    blocks = _blocks(chunk)
    if not blocks:
        return None
    fields: dict[str, str] = {}
    classification: dict[str, str] = {}
    other: dict[str, str] = {}
    header_plain: list[list[str]] = []
    body: list[str] = []
    copyright_lines: list[str] = []
    stage = "header"
    for block in blocks:
        lab = _label(block)
        if lab is not None:
            label, value = lab
            field = FIELDS.get(label)
            if field in TRAILER or label in CLASSIFICATION:
                stage = "trailer"
            elif stage == "body" and field is None:
                body.append(" ".join(block))  # an unknown label inside the body is body text
                continue
            elif stage == "header":
                stage = "fields"
            if label in CLASSIFICATION:
                classification["classification_" + snake(label)] = value
            elif field is not None:
                fields[field] = value
            else:
                other[snake(label)] = value
            continue
        if all(COPYRIGHT.match(line) for line in block) or COPYRIGHT.match(block[0]):
            copyright_lines.extend(block)
            continue
        if stage == "header":
            header_plain.append(block)
        elif stage in ("fields", "body"):
            stage = "body"
            body.append(" ".join(block))
        else:  # trailer: an unlabelled block continues the last field (wrapped value)
            other.setdefault("trailer_text", "")
            other["trailer_text"] = (other["trailer_text"] + " " + " ".join(block)).strip()
    outlet, published, edition, rest = _header(header_plain)
    if not body and len(rest) > 1:
        title, body = rest[0], rest[1:]  # no labelled fields at all: headline, then the body
    else:
        title = " ".join(rest) or None  # a headline broken over blocks stays one headline
    if fields.get("title"):
        title = fields["title"]
    if edition and not fields.get("edition"):
        fields["edition"] = edition
    if not body and not title:
        return None
    published, load_date, published_from = date_with_fallback(published, fields.get("load_date"))
    extra = {
        "length": parse_length(fields.get("length")),
        "load_date": load_date,
        "published_from": published_from,
        "dateline": fields.get("dateline"),
        "copyright": " ".join(copyright_lines) or None,
        "edition": fields.get("edition"),
        "highlight": fields.get("highlight"),
        "graphic": fields.get("graphic"),
        "notes": fields.get("notes"),
        "publication_type": fields.get("publication_type"),
    }
    for key in ("correction", "correction_date", "document_type"):
        if fields.get(key):
            extra[key] = fields[key]
    extra.update(classification)
    extra.update(other)
    return build_article(
        body=body, fmt=fmt, title=title, outlet=outlet, author=fields.get("author"),
        published=published, section=fields.get("section"), url=fields.get("url"),
        language=fields.get("language"), source_path=source_path, extra=extra,
    )


def _header(blocks: list[list[str]]):
    """Outlet, date, edition and headline from the unlabelled blocks before the fields."""
    outlet = published = None
    edition: list[str] = []
    rest: list[str] = []
    for block in blocks:
        date_line = None
        if published is None:
            for j, line in enumerate(block):
                date, span = find_export_date(line)
                if date is not None:
                    published, date_line = date, j
                    break
        if date_line is not None:
            if date_line > 0 and outlet is None:
                outlet = " ".join(block[:date_line])
            edition.extend(block[date_line + 1:])
            continue
        if outlet is None and published is None:
            outlet = " ".join(block)
        else:
            rest.append(" ".join(block))
    return outlet, published, "; ".join(edition) or None, rest


def read_classic(path: Path) -> list[Article]:
    from .articles import read_bytes

    text = decode_export(path, read_bytes(path))
    articles = parse_classic_text(text, fmt="lexisnexis-txt", source_path=str(path))
    if not articles:
        raise FormatError(f"{path.name}: no LexisNexis records ('1 of N DOCUMENTS') with text found")
    return articles


def sniff_classic(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    return looks_classic(text)


registry.register(registry.Reader("lexisnexis-txt", (".txt", ".text"), read_classic, sniff=sniff_classic))
