"""Steps 1-2, learned: a token tagger decides the cues; the rules, then a learned model, the speakers.

1. The rule cue step proposes candidates over a wide lexicon (every reporting-verb form, plus
   the word forms PolNeAR annotators put inside cues often enough).
2. The cue tagger scores every token of the text from the features of :mod:`.tagger` (its own
   words and neighbours, quotation marks, sentence edges, the reporting lexicon); a run of
   tokens it keeps is one cue, so cues no list holds ("unleashed", "wants", "shows") are found
   too, and candidates it does not keep are dropped before the span rules look at them.
3. A kept cue the rule span step finds a speaker for (:func:`~.spans.candidate_spans`) keeps
   the rules' speaker and content. For any other cue a
   learned source model picks the speaker among the words of the cue's sentence (none when no
   word scores high enough: "It is believed that ..."), and the rules' content step finds what
   was said.
4. The rules' one-row-per-cue clean-up finishes the rows, as in the rule engine.

Weights: ``mediakit/models/attribution_tagger.npz`` (model card beside it), trained by
``scripts/train_attribution_tagger.py``; loaded once, lazily. ``mk.find_sources(text,
cues="learned")`` uses these steps.

>>> from mediakit.text.doc import Document
>>> doc = Document('Clinton called the plan "a disaster."')
>>> [s.cue for s in learned_spans(doc, learned_cues(doc))]
['called']
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from ...text.doc import Document
from . import spans as _sp
from .cues import Cue, find_cues
from .lexicon import Verb, reporting_verbs
from .spans import Attribution, Span, candidate_spans
from .tagger import (
    BITS,
    STACK_SCALE,
    Tokens,
    runs,
    source_features,
    source_window,
    stack_features,
    tokens,
)

MODEL_FILE = "attribution_tagger.npz"
# A cue no rule candidate covers must score this much above the threshold (logit): such cues
# get a learned speaker, which is right less often (chosen on the months split: 0, 1, 2 tried).
NEW_MARGIN = 1.0
# The hybrid setting drops a rule cue only when the tagger scores it this far below the
# threshold (logit; chosen on the months split: 0, 0.5, 1, 1.5 and 2 tried).
VETO_MARGIN = 1.0
_LAYOUT_CUES = frozenset(("dash", "colon", "according_to"))  # kinds vetted keeps whatever the score
_CAPS = (2, 3)  # tagger shapes: Capitalised, UPPER
PRONOUNS = frozenset("he she they it we i you who".split())


@dataclass(frozen=True)
class LearnedModel:
    """Logistic models over hashed features: cue tokens (a first pass, then a second pass over the
    first pass's scores), and source tokens given a cue."""

    cue_weights: np.ndarray
    cue_bias: float
    cue_threshold: float
    source_weights: np.ndarray
    source_bias: float
    source_threshold: float
    forms: tuple[str, ...]  # learned cue word forms (candidates beyond the reporting-verb lexicon)
    # the second cue pass over the first pass's scores (empty: one pass); the last weight is the
    # first-pass logit's (divided by STACK_SCALE)
    stack_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    stack_bias: float = 0.0


@lru_cache(maxsize=1)
def learned_model() -> LearnedModel:
    """The bundled model, read once per process."""
    with resources.files("mediakit.models").joinpath(MODEL_FILE).open("rb") as fh:
        z = np.load(fh, allow_pickle=False)
        return LearnedModel(
            z["cue_weights"].astype(np.float32), float(z["cue_bias"]), float(z["cue_threshold"]),
            z["source_weights"].astype(np.float32), float(z["source_bias"]), float(z["source_threshold"]),
            tuple(str(f) for f in z["forms"]),
            z["stack_weights"].astype(np.float32) if "stack_weights" in z else np.zeros(0, dtype=np.float32),
            float(z["stack_bias"]) if "stack_bias" in z else 0.0,
        )


def form_kind(word: str) -> str:
    if word.endswith("ing"):
        return "ing"
    if word.endswith("ed"):
        return "past"
    if word.endswith("s") and not word.endswith("ss"):
        return "3sg"
    return "base"


def candidate_lexicon(forms, language: str = "en") -> dict[str, Verb]:
    """Every lexicon form as a strong candidate (the tagger, not the strength column, decides),
    plus the learned forms as verbs of category ``learned``."""
    lex = {f: v._replace(strength="strong") for f, v in reporting_verbs(language).items()}
    for form in forms:
        if form not in lex:
            lex[form] = Verb(form, form, "learned", form_kind(form), "strong", "PolNeAR (learned)")
    return lex


@lru_cache(maxsize=1)
def model_lexicon() -> dict[str, Verb]:
    return candidate_lexicon(learned_model().forms)


# ----------------------------------------------------------------------------- features

def _token_range(t: Tokens, start: int, end: int) -> tuple[int, int]:
    """Tokens [i, j) overlapping characters [start, end)."""
    return int(np.searchsorted(t.ends, start, side="right")), int(np.searchsorted(t.starts, end, side="left"))


def cue_scores(model: LearnedModel, t: Tokens) -> np.ndarray:
    """The cue logit of every token: the first pass, then the second pass over its scores."""
    z = model.cue_weights[t.feats].sum(axis=1, dtype=np.float64) + model.cue_bias
    if len(model.stack_weights) == 0 or len(z) == 0:
        return z
    w = model.stack_weights
    return w[stack_features(t, z)].sum(axis=1, dtype=np.float64) + w[-1] * (z / STACK_SCALE) + model.stack_bias


def source_tokens(model: LearnedModel, t: Tokens, c0: int, c1: int) -> tuple[int, int] | None:
    """Token range [i, j) of the source the model picks for the cue at tokens [c0, c1], or None."""
    lo, hi = source_window(t, c0, c1)
    if hi <= lo:
        return None
    z = model.source_weights[source_features(t, c0, c1, lo, hi)].sum(axis=1, dtype=np.float64) + model.source_bias
    z[c0 - lo:c1 - lo + 1] = -np.inf  # the cue itself is not its speaker
    k = int(np.argmax(z))
    if z[k] < model.source_threshold:
        return None
    i = k
    while i > 0 and z[i - 1] >= model.source_threshold:
        i -= 1
    j = k + 1
    while j < len(z) and z[j] >= model.source_threshold:
        j += 1
    # a name is one speaker: the run grows over the capitalised words next to it ("Senator Ann Lee")
    shape = t.shape[lo:hi]
    while i > 0 and shape[i - 1] in _CAPS and shape[i] in _CAPS and z[i - 1] > -np.inf:
        i -= 1
    while j < len(z) and shape[j] in _CAPS and shape[j - 1] in _CAPS and z[j] > -np.inf:
        j += 1
    return lo + i, lo + j


# ----------------------------------------------------------------------------- steps

def learned_cues(doc: Document) -> tuple[Cue, ...]:
    """The cue step over the model's wide lexicon (candidates, for the tagger to judge)."""
    if doc.language != "en":
        return find_cues(doc)  # the model is English: other languages keep their rule cues
    return find_cues(doc, model_lexicon())


def cue_spans(doc: Document, model: LearnedModel | None = None) -> list[tuple[int, int]]:
    """Character spans of the cues the tagger keeps in ``doc`` (before speakers are looked for).

    >>> doc = Document("Senator Ann Lee unleashed a broadside against the plan.")
    >>> [doc.text[s:e] for s, e in cue_spans(doc)]  # PolNeAR annotates the whole predicate
    ['unleashed a broadside']
    """
    model = model or learned_model()
    t = tokens(doc)
    if len(t.starts) == 0:
        return []
    return runs(t, cue_scores(model, t) >= model.cue_threshold, doc.text)


def tagged(doc: Document, cues: tuple[Cue, ...], model: LearnedModel | None = None) -> list[Attribution]:
    """The working records of the cues the tagger keeps, before the rules' clean-up."""
    model = model or learned_model()
    t = tokens(doc)
    if len(t.starts) == 0:
        return []
    text = doc.text
    z = cue_scores(model, t)
    found = runs(t, z >= model.cue_threshold, text)
    # the rule span step runs only on candidates the tagger keeps (a fifth of them)
    cands = candidate_spans(doc, _overlapping(cues, found))
    out: list[Attribution] = []
    k = 0
    for cs, ce in found:
        while k < len(cands) and cands[k].cue_end <= cs:
            k += 1
        best, width = None, 0
        m = k
        while m < len(cands) and cands[m].cue_start < ce:
            a = cands[m]
            ov = min(ce, a.cue_end) - max(cs, a.cue_start)
            if ov > width:
                best, width = a, ov
            m += 1
        if best is not None:
            out.append(best)
            continue
        i, j = _token_range(t, cs, ce)
        if z[i:j].max() < model.cue_threshold + NEW_MARGIN:
            continue
        a = _new_cue(doc, model, t, cs, ce)
        if a is not None:
            out.append(a)
    # dashes under quotations and "Name:" title lines are layout, which the tagger does not
    # see: the rules' structural cues stay unless a kept cue overlaps them
    structural = tuple(c for c in cues if c.kind in ("dash", "colon"))
    if structural:
        kept = sorted((a.cue_start, a.cue_end) for a in out)
        starts = [s for s, _ in kept]
        reach = list(itertools.accumulate((e for _, e in kept), max))  # furthest end so far
        extra = []
        for a in candidate_spans(doc, structural):
            i = bisect.bisect_left(starts, a.cue_end) - 1  # kept cues starting before a ends
            if i < 0 or reach[i] <= a.cue_start:
                extra.append(a)
        if extra:
            out = sorted(out + extra, key=lambda a: a.cue_start)
    return out


def _overlapping(cues: tuple[Cue, ...], found: list[tuple[int, int]]) -> tuple[Cue, ...]:
    """The candidate cues that overlap a kept run (both in text order)."""
    out, k = [], 0
    for c in cues:
        while k < len(found) and found[k][1] <= c.start:
            k += 1
        if k < len(found) and found[k][0] < c.end:
            out.append(c)
    return tuple(out)


def _plausible_speaker(words: str) -> bool:
    """A learned source must look like one: a capitalised word, a pronoun, or a noun phrase —
    not one verb or function word ("spoke", "that", "about")."""
    parts = words.split()
    if any(w[:1].isupper() for w in parts) or words.lower() in PRONOUNS:
        return True
    if len(parts) == 1:
        w = parts[0].lower()
        return w.isalpha() and not w.endswith(("ed", "ing", "ly")) and w not in _sp._STOP and w not in _sp._BETWEEN
    return parts[-1].isalpha() and not parts[-1].lower().endswith(("ed", "ing"))


def _new_cue(doc: Document, model: LearnedModel, t: Tokens, cs: int, ce: int) -> Attribution | None:
    """A cue the rules had no speaker for: the learned source, the rules' content."""
    text = doc.text
    cue = text[cs:ce]
    low = " ".join(cue.lower().split())
    verbs = reporting_verbs(doc.language)
    parts = low.split() or [low]
    verb = verbs.get(low) or verbs.get(parts[-1])
    kind = "according_to" if low.startswith("according") else "verb"
    if kind == "verb" and cue[:1].isalpha():
        first = parts[0]
        v = verb or Verb(first, first, "learned", form_kind(first), "strong", "tagger")
        if _sp.verb_vetoed(doc, cs, ce, v):
            return None  # "That said", "so-called", "who asked not to be named": the rules' vetoes hold
    sid, ss, se = _sp._sent_bounds(doc, cs)
    a = Attribution(cs, ce, cue, kind, sentence_id=sid, verb=verb)
    c0, c1 = _token_range(t, cs, ce)
    found = source_tokens(model, t, c0, c1 - 1)
    s, e = (int(t.starts[found[0]]), int(t.ends[found[1] - 1])) if found is not None else (0, 0)
    words = text[s:e]
    if found is not None and _plausible_speaker(words):
        mk = "pronoun" if words.lower() in PRONOUNS else "name" if words[:1].isupper() else "np"
        _sp._set_mention(doc, a, s, e, mk)
        if s >= ce:
            a.extra["speaker_after"] = True
    right = _sp._tokens(text, ce, min(se, ce + 200))
    _sp._content(doc, a, ss, min(se, cs + _sp._WINDOW), right)
    a.extra["learned"] = True
    return a


def learned_spans(doc: Document, cues: tuple[Cue, ...], model: LearnedModel | None = None) -> tuple[Span, ...]:
    """The tagger's cues, with speakers and contents, after the rules' one-row-per-cue clean-up."""
    if doc.language != "en":
        return _sp.find_spans(doc, cues)
    return _sp.finish_spans(doc, tagged(doc, cues, model))


def vetted(doc: Document, cues: tuple[Cue, ...], model: LearnedModel | None = None,
           margin: float = VETO_MARGIN) -> tuple[Cue, ...]:
    """The cues the tagger does not reject: the best score over a cue's tokens is no more than
    ``margin`` below the threshold. Dashes and "Name:" lines are layout, which the tagger does
    not see, and "according to" always names a source: they stay."""
    model = model or learned_model()
    t = tokens(doc)
    if not cues or len(t.starts) == 0:
        return cues
    z = cue_scores(model, t)
    # tokens [i, j) of each cue (as _token_range); the best score reaches the floor when a token
    # of the range does, which a running count of such tokens tells for all cues at once
    hits = np.concatenate(([0], np.cumsum(z >= model.cue_threshold - margin)))
    i = np.searchsorted(t.ends, np.fromiter((c.start for c in cues), np.int64, len(cues)), side="right")
    j = np.searchsorted(t.starts, np.fromiter((c.end for c in cues), np.int64, len(cues)), side="left")
    keep = (hits[j] > hits[i]).tolist()
    return tuple(c for c, k in zip(cues, keep) if k or c.kind in _LAYOUT_CUES)


def hybrid_spans(doc: Document, cues: tuple[Cue, ...], model: LearnedModel | None = None) -> tuple[Span, ...]:
    """The hybrid setting: the rule engine on the cues the tagger does not reject
    (:func:`vetted`); nothing is added, and every row is the rules' own (speaker, content). The
    tagger removes what the rules over-read ("where the navy maintains 400 sailors", "the
    mission, which aims to ...")."""
    if doc.language != "en":
        return _sp.find_spans(doc, cues)
    return _sp.find_spans(doc, vetted(doc, cues, model))


LEARNED = (learned_cues, learned_spans)
HYBRID = (find_cues, hybrid_spans)
__all__ = ["BITS", "HYBRID", "LEARNED", "cue_spans", "learned_cues", "learned_model", "learned_spans", "tagged", "vetted"]
