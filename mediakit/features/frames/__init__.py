"""Frame detection: which frames an article uses, with a calibrated probability and the evidence.

The package reads as its pipeline: ``lexicon`` (weighted cues per frame, with provenance) ->
``evidence`` (where cues fire, sentence by sentence) -> ``model`` (evidence numbers -> calibrated
probability, coefficients stored as data) -> ``detect`` (the public long table).
``frame_cue_spans(text)`` lists every cue that fired with its character offsets, for a
highlighter or an audit of the lexicon.

>>> import mediakit as mk
>>> sorted(mk.detect_frames("Voters went to the polls.").columns)[:3]
['cues', 'evidence', 'frame']
"""

from .detect import detect_frames
from .evidence import frame_cue_spans

__all__ = ["detect_frames", "frame_cue_spans"]
