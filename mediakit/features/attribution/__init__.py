"""The attribution engine: who said what, found once per document and shared by every measure.

The files are the pipeline's steps, each taking the previous step's frozen output:
``cues.py`` (candidate cues) -> ``spans.py`` (speaker mention and content per cue) ->
``speakers.py`` (names, pronouns and role nouns resolved; outlets) -> ``types.py`` (source
types, one per person per article) -> ``table.py`` (the find_sources table). ``pipeline.py``
runs them; ``lexicon.py`` reads their data from ``mediakit/lexicons/<language>/``.

>>> from mediakit.text.doc import Document
>>> res = attributions(Document("According to Peskov, talks are over."))
>>> [sp.name for sp in res.speakers]
['Peskov']
"""

from .cues import Cue, find_cues
from .pipeline import Attributions, attribute, attributions
from .spans import Span, find_spans
from .speakers import Speaker, resolve_speakers
from .table import COLUMNS, table
from .types import SPEAKER_TYPES, Typed, speaker_type, type_speakers

__all__ = [
    "COLUMNS", "SPEAKER_TYPES", "Attributions", "Cue", "Span", "Speaker", "Typed", "attribute", "attributions",
    "find_cues", "find_spans", "resolve_speakers", "speaker_type", "table", "type_speakers",
]
