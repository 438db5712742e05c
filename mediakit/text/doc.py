"""One analysed document: a text and everything the measures read from it, each part built once.

Every measure (hedges, sources, frames) reads the same object, so they cannot disagree on where
a sentence ends, what is quoted or who speaks. Nothing is computed until a measure asks for it:
a text without a single reporting verb never has its quotations parsed.

>>> from mediakit.text.doc import Document
>>> doc = Document('"We may leave," Lee said. Others stayed.')
>>> [doc.text[s:e] for s, e in doc.sentences]
['"We may leave," Lee said.', 'Others stayed.']
>>> doc.quote_at(3).closed
True

Offsets always index ``doc.text``, the text that was passed in, unchanged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

from ..errors import InputError
from .quotes import Quotation, QuoteSpan, find_quotations, find_quotes
from .sentences import sentence_spans
from .tokens import WORD_RE

T = TypeVar("T")

LANGUAGES = ("en",)  # a language is a folder mediakit/lexicons/<code>/ plus, where needed, code
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def check_language(language: str | None) -> str:
    """The language code to use, or an error naming the supported ones.

    >>> check_language(None)
    'en'
    """
    if language is None or (isinstance(language, float) and language != language):  # None or NaN
        return "en"
    lang = str(language).strip().lower().replace("_", "-").split("-")[0] or "en"  # "en-US" -> "en"
    if lang not in LANGUAGES:
        raise InputError(
            f"language {language!r} is not supported yet; supported: {', '.join(LANGUAGES)} "
            "(see docs/contributing.md, 'Adding a language')"
        )
    return lang


class Document:
    """A text analysed lazily: paragraphs, sentences, words, quotations and lexicon hits.

    Build it once per text and pass it to every measure (``mk.find_sources(doc)``,
    ``mk.find_hedges(doc)``, ``mk.score_frames(doc)``); each part is computed on first use and
    kept. Measures store their own derived results with :meth:`memo` (the attribution engine
    keeps its spans there), so two measures on one document share them.
    """

    def __init__(self, text: str, language: str | None = None) -> None:
        if not isinstance(text, str):
            raise InputError(f"Document expects article text as str, got {type(text).__name__}")
        self.text = text
        self.language = check_language(language)
        self._memo: dict[Any, Any] = {}

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", " ")
        return f"Document({head!r}{'...' if len(self.text) > 40 else ''}, {len(self.text)} chars, language={self.language!r})"

    def __len__(self) -> int:
        return len(self.text)

    # ------------------------------------------------------------------ structure

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Half-open spans of the paragraphs (text between blank lines)."""
        out, pos = [], 0
        for m in _PARAGRAPH.finditer(self.text):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < len(self.text):
            out.append((pos, len(self.text)))
        return out

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Half-open sentence spans (:func:`mediakit.text.sentences.sentence_spans`)."""
        return sentence_spans(self.text)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence that contains offset ``pos`` (or the one before a gap)."""
        return max(bisect.bisect_right(self.sentence_starts, pos) - 1, 0)

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """Spans of the words every rate is per 1,000 of (:data:`mediakit.text.tokens.WORD_RE`)."""
        return [m.span() for m in WORD_RE.finditer(self.text)]

    @cached_property
    def n_words(self) -> int:
        if "words" in self.__dict__:
            return len(self.words)
        return len(WORD_RE.findall(self.text))

    @cached_property
    def lower(self) -> str:
        """The lower-cased text, for case-sensitive scans (faster in ``re`` than IGNORECASE)."""
        return self.text.lower()

    # ------------------------------------------------------------------ quotations

    @cached_property
    def quotes(self) -> list[QuoteSpan]:
        """Top-level quotations, unclosed ones included and flagged (nested quotes lie inside
        them: :attr:`quotations`); :func:`mediakit.text.quotes.find_quotes`, never raises."""
        return find_quotes(self.text)

    @cached_property
    def quotations(self) -> list[Quotation]:
        """All quotations with their nesting depth (0: top level), unclosed ones flagged."""
        return find_quotations(self.text)

    @cached_property
    def quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    def quote_at(self, pos: int) -> QuoteSpan | None:
        """The top-level quotation containing offset ``pos`` (start <= pos < end), else None."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def quote_around(self, start: int, end: int) -> int | None:
        """Index of the top-level quotation that holds all of ``[start, end)``, else None."""
        i = bisect.bisect_right(self.quote_starts, start) - 1
        if i >= 0 and self.quotes[i].start <= start and end <= self.quotes[i].end:
            return i
        return None

    # ------------------------------------------------------------------ derived results

    def memo(self, key: Any, compute: Callable[[Document], T]) -> T:
        """``compute(self)`` the first time ``key`` is asked for, the kept result afterwards.

        Lexicon hits and the attribution engine's spans live here, keyed by what produced them.
        """
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute(self)
            return value


def as_document(obj: Any, language: str | None = None) -> Document:
    """``obj`` itself when it is a :class:`Document`, else a new one over the string ``obj``."""
    if isinstance(obj, Document):
        if language is not None and check_language(language) != obj.language:
            raise InputError(f"the Document is in {obj.language!r}, but language={language!r} was passed")
        return obj
    return Document(obj, language)
