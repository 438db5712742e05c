"""Sentence boundaries with character offsets, rule-based and fast.

News needs care with abbreviations ("Sen.", "U.S.", "Jan."), initials ("J. Smith"), decimal
numbers and closing quotes after the full stop (``He left."``). Offsets are half-open and
index the text unchanged; whitespace between sentences belongs to no sentence.

>>> from mediakit.text.sentences import split_sentences
>>> t = 'Sen. Ann Lee said it "may rain." Others disagreed.'
>>> [t[s:e] for s, e in split_sentences(t)]
['Sen. Ann Lee said it "may rain."', 'Others disagreed.']

:func:`sentence_spans` gives the same spans in linear time on any input (it cuts long texts at
sure sentence ends first); it is the splitter every feature uses, through the analysed document.
"""

from __future__ import annotations

import re

# Abbreviations that are usually followed by a capitalised word without ending the sentence.
_ABBREV = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "st", "rev", "hon", "pres", "jr", "sr", "messrs", "mme", "mlle", "sir", "supt", "insp", "det", "atty", "gov's", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vol", "vols", "fig", "figs", "p", "pp", "ed", "eds", "approx", "est", "dept", "univ", "corp", "inc", "ltd", "co", "bros", "assn", "vs", "etc", "al", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "d.c", "n.y", "l.a"]
)
# A full stop right after a listed abbreviation ("Mr.", "U.S.") is never a boundary unless a
# line break or the end of the text follows. Saying so inside the pattern (one fixed-width
# look-behind per abbreviation) keeps such stops from reaching Python at all: 10 MB of "Mr. "
# costs one C-level scan instead of millions of calls to _is_boundary.
def _abbreviation_lookbehinds() -> str:
    by_len: dict[int, list[str]] = {}
    for a in sorted(_ABBREV):
        by_len.setdefault(len(a), []).append(re.escape(a))
    # one look-behind per length: the alternatives inside each have the fixed width ``re`` needs
    return "".join(rf"(?<!(?<![\w.'’\-])(?i:{'|'.join(alts)})\.)" for _, alts in sorted(by_len.items()))


_NOT_AFTER_ABBREV = _abbreviation_lookbehinds()
_BREAK_FOLLOWS = r"""(?=["'”’»)\]]*(?:[^\S\n]*\n|\s*\Z))"""
# Sentence-final punctuation, optional closing quotes/brackets, then space(s) or end.
_BOUNDARY = re.compile(
    rf"""([.!?…]+)(?:{_BREAK_FOLLOWS}|{_NOT_AFTER_ABBREV})(["'”’»)\]]*)(\s+|$)|(\n\s*\n)"""
)
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open (start, end) offsets of the sentences in ``text``.

    Paragraph breaks (a blank line) always end a sentence; so does a single newline when the
    line before it ends with terminal punctuation.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(4) is not None:  # blank line
            end = m.start()
        else:
            end = m.end(2)
            if not _is_boundary(text, m):
                continue
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, n)
    return spans


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    punct = m.group(1)
    nxt = m.end()
    if nxt >= len(text):
        return True
    if "\n" in m.group(3):
        return True
    following = text[nxt]
    if punct != ".":
        # "?" or "!" before a lowercase word inside a quote ("Why?" she asked) is not an end.
        return not following.islower()
    if following.islower() or following.isdigit() and not m.group(2):
        return False
    w = _WORD_BEFORE.search(text, max(0, m.start(1) - 60), m.start(1))  # bounded: linear time
    if w:
        word = w.group(1).lower().strip("'’")
        if word in _ABBREV:
            return False
        if word in ("no", "nos") and following.isdigit():  # "No. 5"
            return False
        # Initials ("J." in "J. Smith", "U.S." handled above): a single letter.
        if len(word) == 1 and word.isalpha():
            return False
        # Dotted acronyms like "U.S" (the last dot is the match).
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
            return m.group(2) != "" or _next_word_is_sentence_start(text, nxt)
    return True


def _next_word_is_sentence_start(text: str, pos: int) -> bool:
    nxt = re.match(r"\w+", text[pos:pos + 20])
    return bool(nxt) and nxt.group().lower() in {"the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "in", "on", "this"}


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    """The index of the sentence containing ``offset`` (or the one before a gap)."""
    import bisect

    i = bisect.bisect_right([s for s, _ in spans], offset) - 1
    return max(i, 0)


# Places where split_sentences always ends a sentence, whatever comes before: a blank line, a
# line break after terminal punctuation, and ". " between a whole word that is not one of its
# abbreviations and a capital or an opening quote. Cutting the text there gives the same spans.
_SAFE_CUT = re.compile(
    r"\n[ \t\r\f\v]*\n\s*|[.!?][\"'”’»)\]]*(\s*\n\s*)|(?<![^\s(])([A-Za-z]{2,})\."
    + _NOT_AFTER_ABBREV  # "Mr. " is never a sure end: excluded here rather than in Python, per match
    + r"([ \t]+)(?=[A-Z\"“‘'«])"
)
_BLOCK = 400
# A stretch this long without a sure sentence end (no real text has one) is cut at the next
# space anyway: split_sentences' look-back would make it quadratic. Only then can spans differ.
_HARD_BLOCK = 5_000
_HARD_CUT = re.compile(r"\s+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``split_sentences`` run on blocks of the text cut at sure sentence ends: the same spans,
    in time linear in the length of any text (the splitter's look-back stays local).

    >>> sentence_spans("Mr. Lee left. She stayed.")
    [(0, 13), (14, 25)]
    """
    if len(text) <= _BLOCK:
        return split_sentences(text)
    out: list[tuple[int, int]] = []
    pos = 0

    def emit(cut: int, resume: int) -> None:
        nonlocal pos
        out.extend((pos + a, pos + b) for a, b in split_sentences(text[pos:cut]))
        pos = resume

    for m in _SAFE_CUT.finditer(text):
        while m.start() - pos > _HARD_BLOCK:
            h = _HARD_CUT.search(text, pos + _HARD_BLOCK // 2, m.start())
            if h is None:
                break
            emit(h.start(), h.end())
        if m.group(1) is not None:
            cut = m.start(1)
        elif m.group(2) is not None:
            if m.group(2).lower() in _ABBREV:
                continue
            cut = m.start(3)
        else:
            cut = m.start()
        if cut - pos >= _BLOCK:
            emit(cut, m.end())
    while len(text) - pos > _HARD_BLOCK:
        h = _HARD_CUT.search(text, pos + _HARD_BLOCK // 2)
        if h is None:
            break
        emit(h.start(), h.end())
    emit(len(text), len(text))
    return out
