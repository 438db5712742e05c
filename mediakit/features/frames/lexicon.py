"""Step 1 of frame detection: the weighted cue lexicon of a scheme, compiled for fast matching.

A scheme's lexicon is a bundled TSV (``frames_mfc_lexicon.tsv``, ``frames_generic_lexicon.tsv``)
with one cue per row: ``cue, frame, weight, source``. A cue is a word or a phrase; a word may end
in ``*`` (prefix wildcard). Matching is on lowercased word tokens (mediakit's word definition),
with a possessive ``'s`` removed, as everywhere else in mediakit.

>>> from mediakit.features.frames.lexicon import load_lexicon
>>> lex = load_lexicon("mfc")
>>> "economic" in lex.frames
True
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ...errors import InputError
from ..framing import FRAME_KEYS

SCHEMES: dict[str, str] = {"mfc": "frames_mfc_lexicon.tsv", "generic": "frames_generic_lexicon.tsv"}

#: frame keys per scheme, in output order ("other" of the MFC codebook has no cues and no label)
SCHEME_FRAMES: dict[str, tuple[str, ...]] = {
    "mfc": tuple(k for k in FRAME_KEYS if k != "other"),
    "generic": ("conflict", "economic", "human_interest", "morality", "responsibility"),
}


def _norm(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s") and len(w) > 2:
        w = w[:-2]
    return w


NO_CUES: tuple = ()  # shared "this word starts no cue" marker (compared by identity)


@dataclass
class Lexicon:
    """A compiled lexicon: entries (cue, frame index, weight) and lookup tables by first word."""

    scheme: str
    frames: tuple[str, ...]
    cues: list[str]
    frame_of: list[int]
    weight: list[float]
    source: list[str]
    # first word -> [(rest of phrase, entry id)]; rest is () for a one-word cue
    exact: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    prefix: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    prefix_lengths: list[int] = field(default_factory=list)
    _cache: dict[str, tuple] = field(default_factory=dict)

    def candidates(self, word: str) -> tuple[list[int], dict[str, list[tuple[tuple[str, ...], int]]], list]:
        """What a token can start: ``(one-word entry ids, {second word: [(rest, id)]}, [(rest, id)])``.

        Phrases are indexed by their second word, so a common first word ("the plan", "the
        public") costs one dict lookup, not one comparison per phrase. The last list holds
        phrases whose second word is a wildcard. Cached per word form.
        """
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        w = _norm(word)
        found = list(self.exact.get(w, ()))
        for n in self.prefix_lengths:  # only lengths some wildcard has: linear in the word
            if n > len(w):
                break
            more = self.prefix.get(w[:n])
            if more:
                found.extend(more)
        if not found:
            result = NO_CUES
        else:
            single = [e for rest, e in found if not rest]
            by_second: dict[str, list[tuple[tuple[str, ...], int]]] = {}
            wild = []
            for rest, e in found:
                if rest and rest[0].endswith("*"):
                    wild.append((rest, e))
                elif rest:
                    by_second.setdefault(rest[0], []).append((rest[1:], e))
            result = (single, by_second, wild)
        if len(self._cache) < 400_000:  # bounded: a corpus of typos must not grow memory forever
            self._cache[word] = result
        return result


def rest_matches(words: list[str], i: int, rest: tuple[str, ...]) -> bool:
    """Whether the words from position ``i`` on continue with the phrase words ``rest``."""
    if i + len(rest) > len(words):
        return False
    for k, pat in enumerate(rest):
        w = _norm(words[i + k])
        if pat.endswith("*"):
            if not w.startswith(pat[:-1]):
                return False
        elif w != pat:
            return False
    return True


@lru_cache(maxsize=4)
def load_lexicon(scheme: str = "mfc") -> Lexicon:
    """Read and compile the bundled lexicon of ``scheme`` ("mfc" or "generic"), once per process."""
    if scheme not in SCHEMES:
        raise InputError(f"unknown frame scheme {scheme!r}; choose one of {sorted(SCHEMES)}")
    frames = SCHEME_FRAMES[scheme]
    index = {f: i for i, f in enumerate(frames)}
    text = resources.files("mediakit.lexicons").joinpath(SCHEMES[scheme]).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    lex = Lexicon(scheme, frames, [], [], [], [])
    from ...text.tokens import WORD_RE

    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), 2):
        frame = row["frame"]
        if frame not in index:
            raise InputError(f"{SCHEMES[scheme]} row {n}: unknown frame {frame!r}")
        words = tuple(_norm(w) for w in WORD_RE.findall(row["cue"].replace("*", "STAR_")))
        words = tuple(w.replace("star_", "*") if w.endswith("star_") else w for w in words)
        if not words:
            raise InputError(f"{SCHEMES[scheme]} row {n}: cue {row['cue']!r} has no words")
        e = len(lex.cues)
        lex.cues.append(row["cue"])
        lex.frame_of.append(index[frame])
        lex.weight.append(float(row["weight"]))
        lex.source.append(row["source"])
        head, rest = words[0], words[1:]
        if head.endswith("*"):
            lex.prefix.setdefault(head[:-1], []).append((rest, e))
        else:
            lex.exact.setdefault(head, []).append((rest, e))
    lex.prefix_lengths = sorted({len(p) for p in lex.prefix})
    return lex
