"""Steps 1-2, learned: which candidate attribution cues are kept, decided by a trained model.

The rule engine proposes candidates with a wider lexicon than its own (every reporting-verb form
treated as strong, plus the verb forms that PolNeAR annotators marked as cues often enough);
this model then keeps or drops each candidate from features of the cue word, its speaker and
content spans, the quotation marks and sentence edges around it, and its neighbouring words.
Speaker and content spans are still the engine's. Weights: ``mediakit/models/attribution_cues.json``
(model card beside it), trained by ``scripts/train_attribution.py``; loaded once, lazily.

It plugs into the engine as its cue and span steps (:func:`learned_cues`, :func:`learned_spans`;
``attribute(doc, *LEARNED)``, or ``mk.find_sources(text, cues="learned")``).

>>> from mediakit.text.doc import Document
>>> doc = Document('Clinton called the plan "a disaster."')
>>> [s.cue for s in learned_spans(doc, learned_cues(doc))]
['called']
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...text.doc import Document
from .cues import Cue, find_cues
from .lexicon import Verb, reporting_verbs, roles
from .spans import Attribution, Span, candidate_spans, finish_spans

MODEL_FILE = "attribution_cues.json"
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_QUOTE_OPENERS = "“\"'‘«"
_DOUBLE_MARKS = "“”\"«»"
_TWO_APOSTROPHES = "''"  # some archives write a double quote as two apostrophes


@dataclass(frozen=True)
class CueModel:
    """A logistic model over binary features: keep a candidate when P(cue) >= threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    forms: dict[str, str]  # learned cue form -> form_kind (base | 3sg | past | ing)

    def probability(self, feats: list[str]) -> float:
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


@lru_cache(maxsize=1)
def cue_model() -> CueModel:
    """The bundled model, read once per process."""
    raw = json.loads(resources.files("mediakit.models").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    return CueModel(
        weights={k: float(v) for k, v in raw["weights"].items()},
        bias=float(raw["bias"]),
        threshold=float(raw["threshold"]),
        forms=dict(raw["forms"]),
    )


def candidate_lexicon(forms: dict[str, str], language: str = "en") -> dict[str, Verb]:
    """Every lexicon form as a strong cue (the model, not the strength column, decides), plus
    the learned forms as verbs of category ``learned``."""
    lex = {f: v._replace(strength="strong") for f, v in reporting_verbs(language).items()}
    for form, kind in forms.items():
        if form not in lex:
            lex[form] = Verb(form, form, "learned", kind, "strong", "PolNeAR (learned)")
    return lex


@lru_cache(maxsize=1)
def model_lexicon() -> dict[str, Verb]:
    """The candidate lexicon of the bundled model."""
    return candidate_lexicon(cue_model().forms)


def _bucket(n: int) -> str:
    if n <= 2:
        return str(max(n, 0))
    return "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else ">20"


def cue_features(doc: Document, a: Attribution) -> list[str]:
    """Binary features of one candidate attribution ``a`` in the engine's analysed text ``doc``.

    Training (scripts/train_attribution.py) and decoding share this one function.
    """
    text = doc.text
    base = reporting_verbs(doc.language)
    cue = a.cue.lower()
    parts = cue.split()
    head = parts[0] if parts else cue
    v = a.verb
    f = ["kh=" + a.kind_hint]
    if v is not None:
        known = base.get(v.form)
        f += [
            "f=" + v.form, "lem=" + v.lemma, "cat=" + v.category, "fk=" + v.form_kind,
            "st=" + (known.strength if known is not None else "new"),
            "src=" + ("base" if known is not None else "learned"),
        ]
    else:
        f.append("f=" + head)
    f += ["s3=" + head[-3:], "s2=" + head[-2:], f"cap={int(a.cue[:1].isupper())}"]
    has_m = a.mention_start is not None
    mk = a.mention_kind if has_m else "none"
    side = "none" if not has_m else ("after" if a.mention_start >= a.cue_end else "before")
    f += ["mk=" + mk, "ms=" + side, "mk|ms=" + mk + "|" + side]
    if has_m:
        mw = a.mention.lower().split()
        r = roles(doc.language)
        gap = (
            text[a.mention_end:a.cue_start] if side == "before" else text[a.cue_end:a.mention_start]
        )
        f += [
            "mf=" + (mw[0] if mw else ""), "ml=" + (mw[-1] if mw else ""), "mlen=" + _bucket(len(mw)),
            "mrole=" + next((r[w] for w in mw if w in r), "none"), "mgap=" + _bucket(len(gap.split())),
        ]
    if a.content_start is not None:
        cside = "after" if a.content_start >= a.cue_start else "before"
        content = text[a.content_start:a.content_end]
        f += [
            "cs=" + cside, "clen=" + _bucket(len(content.split())),
            f"cq={int(content[:1] in _QUOTE_OPENERS or content[:2] == _TWO_APOSTROPHES)}",
            f"cthat={int(text[a.cue_end:a.cue_end + 6].strip().lower().startswith('that'))}",
        ]
    else:
        cside = "none"
        f.append("cs=none")
    q = doc.quote_at(a.cue_start)
    f.append("inq=" + ("no" if q is None else "closed" if q.closed else "open"))
    left = _WORD.findall(text[max(0, a.cue_start - 40):a.cue_start])
    right_raw = text[a.cue_end:a.cue_end + 40]
    right = _WORD.findall(right_raw)
    p1 = left[-1].lower() if left else "<s>"
    p2 = left[-2].lower() if len(left) > 1 else "<s>"
    n1 = right[0].lower() if right else "</s>"
    n2 = right[1].lower() if len(right) > 1 else "</s>"
    nxc = right_raw.lstrip()[:1]
    prc = text[max(0, a.cue_start - 3):a.cue_start].rstrip()[-1:]
    f += [
        "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2,
        "nxc=" + (nxc if not nxc.isalnum() else "w"), "prc=" + (prc if not prc.isalnum() else "w"),
        "f|n1=" + head + "|" + n1, "f|p1=" + head + "|" + p1, "f|mk=" + head + "|" + mk,
        "f|cs=" + head + "|" + cside, "f|ms=" + head + "|" + side,
    ]
    p3 = left[-3].lower() if len(left) > 2 else "<s>"
    n3 = right[2].lower() if len(right) > 2 else "</s>"
    lemma = v.lemma if v is not None else head
    kind = v.form_kind if v is not None else a.kind_hint
    f += [
        "p3=" + p3, "n3=" + n3, "n1n2=" + n1 + "|" + n2, "p2p1=" + p2 + "|" + p1,
        "lem|n1=" + lemma + "|" + n1, "lem|p1=" + lemma + "|" + p1, "lem|mk|ms=" + lemma + "|" + mk + "|" + side,
        "lem|cs=" + lemma + "|" + cside, "fk|p1=" + kind + "|" + p1, "fk|n1=" + kind + "|" + n1,
        f"pcap={int(bool(left) and left[-1][:1].isupper())}", "mk|cs=" + mk + "|" + cside,
    ]
    if v is not None:
        f.append("cat|mk|ms=" + v.category + "|" + mk + "|" + side)
    j = bisect.bisect_right(doc.sentence_starts, a.cue_start) - 1
    if j >= 0:
        s0, s1 = doc.sentences[j]
        sentence = text[s0:s1]
        f += [
            "dss=" + _bucket(len(text[s0:a.cue_start].split())), "dse=" + _bucket(len(text[a.cue_end:s1].split())),
            f"sq={int(any(c in sentence for c in _DOUBLE_MARKS))}",
        ]
    for flag in ("inherit", "passive", "modal", "speaker_after"):
        if a.extra.get(flag):
            f.append("x=" + flag)
    return f


def keep_learned(doc: Document, candidates: list[Attribution], model: CueModel | None = None) -> list[Attribution]:
    """The candidates the model keeps (text order unchanged)."""
    model = model or cue_model()
    return [a for a in candidates if model.probability(cue_features(doc, a)) >= model.threshold]


def learned_cues(doc: Document) -> tuple[Cue, ...]:
    """The cue step over the model's wider lexicon (every candidate, for the model to judge)."""
    if doc.language != "en":
        return find_cues(doc)  # the model is English: other languages keep their rule cues
    return find_cues(doc, model_lexicon())


def learned_spans(doc: Document, cues: tuple[Cue, ...]) -> tuple[Span, ...]:
    """The rules' speaker and content for each cue, kept where the model says it is a cue."""
    candidates = candidate_spans(doc, cues)
    if doc.language == "en":
        candidates = keep_learned(doc, candidates)
    return finish_spans(doc, candidates)


LEARNED = (learned_cues, learned_spans)
