"""The attribution engine: cues -> spans -> speakers -> types, run once per document.

Each step is a function of the previous step's frozen output; :func:`attribute` runs them and
keeps the result on the document, so find_sources and find_hedges read the same spans and can
never disagree on who speaks. The cue and span steps can be replaced (a learned model):

>>> from mediakit.text.doc import Document
>>> res = attribute(Document('"We may leave," Lee said.'))
>>> [(s.cue, sp.name) for s, sp in zip(res.spans, res.speakers)]
[('said', 'Lee')]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ...errors import InputError
from ...text.doc import Document
from .cues import Cue, find_cues
from .spans import Span, find_spans
from .speakers import Speaker, resolve_speakers
from .types import Typed, type_speakers

CueFinder = Callable[[Document], tuple[Cue, ...]]
SpanFinder = Callable[[Document, tuple[Cue, ...]], tuple[Span, ...]]

# The rule steps per language; a language without its own rules has no entry (see
# docs/contributing.md). Document() has already refused an unsupported language.
RULES: dict[str, tuple[CueFinder, SpanFinder]] = {"en": (find_cues, find_spans)}


class Attributions(NamedTuple):
    """Everything the engine found in one document; the tuples are aligned (one item per span)."""

    doc: Document
    cues: tuple[Cue, ...]
    spans: tuple[Span, ...]
    speakers: tuple[Speaker, ...]
    types: tuple[Typed, ...]

    def speaker_at(self, start: int, end: int) -> int | None:
        """Index of the attribution whose content (or parenthetical front) holds ``[start, end)``,
        the narrowest one when several do; None when the stretch is nobody's reported speech."""
        best, width = None, 0
        for i, a in enumerate(self.spans):
            for lo, hi in ((a.content_start, a.content_end), a.front or (None, None)):
                if lo is not None and lo <= start and end <= hi and (best is None or hi - lo < width):
                    best, width = i, hi - lo
        return best


def attribute(doc: Document, cue_finder: CueFinder | None = None, span_finder: SpanFinder | None = None) -> Attributions:
    """Run the engine on ``doc`` (the rule steps of its language unless others are given)."""
    default_cues, default_spans = RULES[doc.language]
    cues = (cue_finder or default_cues)(doc)
    spans = (span_finder or default_spans)(doc, cues) if cues else ()
    speakers = resolve_speakers(doc, spans)
    types = type_speakers(speakers)
    return Attributions(doc, cues, spans, speakers, types)


CUE_MODES = ("rules", "hybrid", "learned")
# held out on PolNeAR the hybrid setting beats the rules on every split at a higher precision,
# and it adds no row the rules do not find (docs/accuracy.md, "Sources: cue decisions")
DEFAULT_CUES = "hybrid"


def attributions(doc: Document, cues: str | None = None) -> Attributions:
    """:func:`attribute` with the rule steps (``cues="rules"``), the rule steps on the cues the
    token tagger of :mod:`.learned` does not reject (``cues="hybrid"``), or the learned cue and
    span steps (``cues="learned"``); ``None`` is :data:`DEFAULT_CUES`. Computed once per
    document and mode, and kept on it.

    The document keeps the steps' outputs without itself (the record is rebuilt around it on
    each call): a document holding a record that points back at it would be a reference
    cycle, which only the garbage collector frees, instead of reference counting at once."""
    mode = DEFAULT_CUES if cues is None else cues
    if mode == "rules":
        parts = doc.memo(("attributions", "rules"), _parts)
    elif mode not in CUE_MODES:
        raise InputError(f"cues must be one of {', '.join(map(repr, CUE_MODES))}, got {cues!r}")
    else:
        from .learned import HYBRID, LEARNED  # the model is read only when asked for

        steps = HYBRID if mode == "hybrid" else LEARNED
        parts = doc.memo(("attributions", mode), lambda d: _parts(d, *steps))
    return Attributions(doc, *parts)


def _parts(doc: Document, cue_finder: CueFinder | None = None, span_finder: SpanFinder | None = None) -> tuple:
    """:func:`attribute`'s record without the document: (cues, spans, speakers, types)."""
    return tuple(attribute(doc, cue_finder, span_finder)[1:])
