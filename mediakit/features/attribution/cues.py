"""Step 1 of attribution: candidate cues, the words that may introduce reported speech.

A cue is a reporting-verb form from the lexicon ("said", "pointed out"), "according to", a
reporting noun with a possessor ("Trump's claim that"), a dash under a quotation
(``"…" — Ann Lee``) or a ``Name:`` title line. This step only finds candidates, with one C-level
scan per kind; whether a candidate really reports speech, and who speaks, is decided by the
next step (:mod:`.spans`) from the words around it.

The step is a plain function ``(Document) -> tuple[Cue, ...]`` so that another cue finder (a
learned one) can replace it: ``attribute(doc, cue_finder=my_finder)``.

>>> from mediakit.text.doc import Document
>>> [(c.form, c.kind) for c in find_cues(Document("According to Lee, the talks failed, she said."))]
[('according to', 'according_to'), ('said', 'verb')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ...text.doc import Document
from ...text.wordtrie import trie_regex
from .lexicon import Verb, reporting_nouns, reporting_verbs

KINDS = ("verb", "according_to", "noun", "dash", "colon")
_RANK = {k: i for i, k in enumerate(KINDS)}


class Cue(NamedTuple):
    """A candidate cue. ``start``/``end`` index the document's text.

    ``anchor`` and ``tail`` are the spans the pattern of each kind found around the cue:
    noun cues: the possessor and the word after the noun; dash cues: the closing quotation
    mark and the name after the dash; colon cues: the name before the colon and the line after.
    """

    start: int
    end: int
    form: str  # lexicon form, lower case, one space ("said", "according to", "claim", "—", ":")
    kind: str  # one of KINDS
    verb: Verb | None = None
    anchor: tuple[int, int] | None = None
    tail: tuple[int, int] | None = None


def find_cues(doc: Document, verbs: dict[str, Verb] | None = None) -> tuple[Cue, ...]:
    """Every candidate cue in ``doc``, in text order (ties: the order of :data:`KINDS`).

    ``verbs``: another verb lexicon to scan for (the learned cue step's wider one; its regex is
    built once per lexicon object); default the language's ``reporting_verbs.tsv``.
    """
    text = doc.text
    pattern = _cue_pattern(doc.language) if verbs is None else _lexicon_pattern(verbs)
    if verbs is None:
        verbs = reporting_verbs(doc.language)
    out: list[Cue] = []
    get = verbs.get
    new = tuple.__new__  # a Cue built without the Python-level constructor (all seven fields given)
    low = doc.lower
    if len(low) == len(text):
        # the common case of _verb_matches, inline (a generator's tuple per match costs more
        # than the lexicon look-up): the lower-cased text scanned case-sensitively
        for m in _cue_regex(pattern, False).finditer(low):
            form = m.group()
            if not form.isalpha():  # in the lower-cased text a one-word match is already its form
                form = " ".join(form.split())
            if form == "according to":
                out.append(Cue(m.start(), m.end(), form, "according_to"))
            else:
                verb = get(form) or get(form.casefold())
                if verb is not None:
                    out.append(new(Cue, (m.start(), m.end(), form, "verb", verb, None, None)))
    else:
        for start, end, form in _verb_matches(doc, pattern):
            if form == "according to":
                out.append(Cue(start, end, form, "according_to"))
            else:
                # Under IGNORECASE (texts whose lower-casing changes length) re also folds "ſ" to
                # "s" and "K" (Kelvin) to "k": such a match is looked up by its case-folded form.
                verb = get(form) or get(form.casefold())
                if verb is not None:
                    out.append(new(Cue, (start, end, form, "verb", verb, None, None)))
    n_verbs = len(out)
    for m in _noun_matches(text, doc.language):
        nxt = m.span("next") if m.group("next") is not None else None
        out.append(Cue(m.start("noun"), m.end("noun"), m.group("noun"), "noun", anchor=m.span("poss"), tail=nxt))
    for m in _DASH_RE.finditer(text):
        dash = _DASHES.search(text, m.end(1), m.start(2))
        if dash is None:
            continue
        out.append(Cue(dash.start(), dash.end(), dash.group(), "dash", anchor=m.span(1), tail=m.span(2)))
    # only a title line ("Poll: ...", "Patrushev: ..."), never a line inside the body: the one
    # match that can count opens at the text's first non-space character
    m = _COLON_HEAD_RE.match(text, len(text) - len(text.lstrip()))
    if m is not None:
        out.append(Cue(m.start(2), m.end(2), ":", "colon", anchor=m.span(1), tail=m.span(3)))
    if len(out) > n_verbs:  # verb cues come in text order: only other kinds need sorting in
        out.sort(key=lambda c: (c.start, _RANK[c.kind]))
    return tuple(out)


# ----------------------------------------------------------------------------- verb forms

@lru_cache(maxsize=4)
def _cue_pattern(language: str) -> str:
    return forms_pattern(reporting_verbs(language))


_LEXICON_PATTERNS: dict[int, tuple[dict, str]] = {}


def _lexicon_pattern(verbs: dict[str, Verb]) -> str:
    """The pattern of a lexicon passed in, kept per lexicon object (the object is kept alive with it)."""
    kept = _LEXICON_PATTERNS.get(id(verbs))
    if kept is None or kept[0] is not verbs:
        kept = _LEXICON_PATTERNS[id(verbs)] = (verbs, forms_pattern(verbs))
    return kept[1]


def forms_pattern(verb_forms) -> str:
    """The regex source matching any of ``verb_forms`` and "according to" as whole words."""
    forms = [*verb_forms, "according to"]
    lowered = sorted({f.replace(" ", "\x00") for f in forms})
    body = trie_regex(lowered).replace("\\\x00", r"\s+").replace("\x00", r"\s+")
    form = rf"(?:{body})(?![\w\-])"
    # A form followed by three more forms ("said said said said", "according to according to ...")
    # is a run of cue words, not speech: only the last three of a run reach Python, so such text
    # costs one C-level scan ("he says reports show" keeps its cues: fewer forms follow).
    return rf"(?<![\w’'\-]){form}(?!\s+{form}\s+{form}\s+{form})"


@lru_cache(maxsize=8)
def _cue_regex(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    return re.compile(pattern, re.I if ignore_case else 0)


def _verb_matches(doc: Document, pattern: str):
    """(start, end, form) of every reporting-verb form and "according to" in the text."""
    # Scanning the lower-cased text case-sensitively is several times faster in ``re`` than
    # IGNORECASE; a text whose lower-casing changes its length keeps the IGNORECASE scan.
    low = doc.lower
    same = len(low) == len(doc.text)
    rx = _cue_regex(pattern, not same)
    if not same:
        for m in rx.finditer(doc.text):
            yield m.start(), m.end(), " ".join(m.group().lower().split())
        return
    for m in rx.finditer(low):
        # in the lower-cased text a one-word match is already its form (no case, no space to fold)
        g = m.group()
        yield m.start(), m.end(), g if g.isalpha() else " ".join(g.split())


# ----------------------------------------------------------------------------- reporting nouns

@lru_cache(maxsize=4)
def _noun_regex(language: str) -> re.Pattern[str]:
    nouns = trie_regex(sorted(reporting_nouns(language)))
    # The possessor starts only at a word start and its words are matched possessively (``*+``):
    # without both, a run of capitals is retried from every letter (quadratic time).
    # The leading look-ahead names the characters a match can open with (a capital, or the "h", "t",
    # "i" of his/her/their/its): the matcher is entered only there, half the cost of the scan.
    return re.compile(
        r"(?=[A-Zhti])(?P<poss>(?:(?<![\w.\-])[A-Z][\w.\-]*+(?:[^\S\n]++[A-Z][\w.\-]*+){0,3})(?:’s|'s)|\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts))"
        rf"[^\S\n]++(?:[a-z][\w\-]*+[^\S\n]++){{0,2}}?(?P<noun>{nouns})\b[^\S\n]*+(?P<next>[\w:“\"«]++)?"
    )


@lru_cache(maxsize=4)
def _noun_scan(language: str) -> re.Pattern[str]:
    # the space before the noun is matched, not looked behind at: a pattern that opens with a
    # character class lets ``re`` skip to candidates in C (3x faster); group 1 is the noun
    return re.compile(rf"[^\S\n]((?:{trie_regex(sorted(reporting_nouns(language)))})\b)")


_NOUN_REACH = 200  # characters a possessor and its words may span before the noun


def _noun_matches(text: str, language: str):
    """The possessor pattern run only in windows around the reporting nouns themselves (one C
    scan for the rare nouns first): text without such nouns costs no possessor matching."""
    windows: list[list[int]] = []
    for m in _noun_scan(language).finditer(text):
        lo, hi = max(0, m.start(1) - _NOUN_REACH), min(len(text), m.end() + _NOUN_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    rx = _noun_regex(language)
    for lo, hi in windows:
        yield from rx.finditer(text, lo, hi)


# ----------------------------------------------------------------------------- dashes and title lines

# opens with the branch of closing marks itself (each alternative a literal character): re skips
# to those characters in C (a leading look-ahead would enter the matcher at every offset)
_DASH_RE = re.compile(r"(”|\"|''|’)[^\S\n]*\n?[^\S\n]*[―—–]{1,2}[^\S\n]*([A-Z][^\n,.;:()“”\"]{1,60})")
_DASHES = re.compile(r"[―—–]+")
_COLON_HEAD_RE = re.compile(r"(?m)^([A-Z][\w’'.\-]*(?:[ \t]+[A-Z][\w’'.\-]*){0,3})[ \t]*(:)[ \t]+(?=\S)([^\n]{12,})$")
