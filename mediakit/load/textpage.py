"""Plain-text page dumps (copy-paste or text scrapes of a web page) -> article body + metadata.

Interim line rules; see the loading issue for the full cleaner.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class PageParts:
    """What the cleaner found on a page: body paragraphs, removed lines and metadata."""

    paragraphs: list[str]
    boilerplate: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    editor: str | None = None
    section: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None


def clean_text_page(text: str, template: Counter[str] | None = None) -> PageParts:
    """Split a normalised page dump into body paragraphs and boilerplate.

    ``template`` counts, for lines seen on other pages of the same site, on how many pages
    each occurs; such lines are treated as site template.
    """
    keep, drop = [], []
    title = None
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if title is None and 3 <= len(line.split()) <= 25 and not line.endswith("."):
            title = line
            drop.append(line)
            continue
        if line.endswith((".", "?", "!", '"', "”")) and len(line.split()) >= 5:
            keep.append(line)
        else:
            drop.append(line)
    return PageParts(paragraphs=keep, boilerplate=drop, title=title)
