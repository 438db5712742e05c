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
# Sentence-final punctuation, optional closing quotes/brackets, then space(s) or end; or a blank
# line. The pattern opens with one character class and branches on the character it took (a
# look-behind): ``re`` then skips to candidate characters in C instead of entering the matcher at
# every position (a leading group or a branch of classes would defeat that; 3x faster). Groups:
# 1 closing marks, 2 the space after them, 3 set for a blank line; the punctuation run is
# ``text[m.start():m.start(1)]``.
_BOUNDARY = re.compile(
    rf"""[.!?…\n](?:(?<=[.!?…])[.!?…]*(?:{_BREAK_FOLLOWS}|{_NOT_AFTER_ABBREV})(["'”’»)\]]*)(\s+|$)|(?<=\n)(\s*\n))"""
)
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_WORD_REVERSED = re.compile(r"[\w.'’-]+")


def _word_before(text: str, lo: int, hi: int) -> str | None:
    """``_WORD_BEFORE.search(text, lo, hi).group(1)`` (None for no match), without trying every
    start in the window: the run of word characters that ends at ``hi`` (or before a line break
    at ``hi - 1``, where ``$`` also matches) is matched on the reversed window."""
    if hi > lo and text[hi - 1] == "\n":
        hi -= 1
    w = _WORD_REVERSED.match(text[lo:hi][::-1])
    return w.group()[::-1] if w else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open (start, end) offsets of the sentences in ``text``.

    Paragraph breaks (a blank line) always end a sentence; so does a single newline when the
    line before it ends with terminal punctuation.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(3) is not None:  # blank line
            end = m.start()
        else:
            end = m.end(1)
            if not _is_boundary(text, m):
                continue
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, n)
    return spans


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    nxt = m.end()
    if nxt >= len(text):
        return True
    if "\n" in m.group(2):
        return True
    following = text[nxt]
    p0 = m.start()
    if m.start(1) - p0 != 1 or text[p0] != ".":
        # "?" or "!" before a lowercase word inside a quote ("Why?" she asked) is not an end.
        return not following.islower()
    if following.islower() or following.isdigit() and not m.group(1):
        return False
    w = _word_before(text, max(0, p0 - 60), p0)  # bounded: linear time
    if w:
        word = w.lower().strip("'’")
        if word in _ABBREV:
            return False
        if word in ("no", "nos") and following.isdigit():  # "No. 5"
            return False
        # Initials ("J." in "J. Smith", "U.S." handled above): a single letter.
        if len(word) == 1 and word.isalpha():
            return False
        # Dotted acronyms like "U.S" (the last dot is the match).
        if _DOTTED.fullmatch(word):
            return m.group(1) != "" or _next_word_is_sentence_start(text, nxt)
    return True


def _next_word_is_sentence_start(text: str, pos: int) -> bool:
    nxt = _FIRST_WORD.match(text[pos:pos + 20])
    return bool(nxt) and nxt.group().lower() in _STARTERS


_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_FIRST_WORD = re.compile(r"\w+")
_STARTERS = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "in", "on", "this"})


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
# One leading character class, as in _BOUNDARY (re skips to candidates in C). The third kind
# starts at its full stop; the whole word before it (two or more ASCII letters after a space, a
# "(" or the start) is checked in Python by :func:`_word_before_stop`. Groups: 1 the line break's
# space (second kind), 2 the space after the stop (third kind).
_SAFE_CUT = re.compile(
    r"[.!?\n](?:(?<=\n)[ \t\r\f\v]*\n\s*|(?<=[.!?])[\"'”’»)\]]*(\s*\n\s*)|(?<=\.)"
    + _NOT_AFTER_ABBREV  # "Mr. " is never a sure end: excluded here rather than in Python, per match
    + r"([ \t]+)(?=[A-Z\"“‘'«]))"
)
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _word_before_stop(text: str, stop: int) -> int:
    """Start of the run of two or more ASCII letters that ends at ``stop`` and begins the text or
    follows a space or "(", else -1. Each letter is walked over once per text: the runs before
    successive stops never overlap."""
    k = stop
    while k > 0 and text[k - 1] in _ASCII_LETTERS:
        k -= 1
    if stop - k < 2 or (k > 0 and not (text[k - 1].isspace() or text[k - 1] == "(")):
        return -1
    return k
_BLOCK = 400
# A stretch this long without a sure sentence end (no real text has one) is cut at the next
# space anyway: split_sentences' look-back would make it quadratic. Only then can spans differ.
_HARD_BLOCK = 5_000
_HARD_CUT = re.compile(r"\s+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``split_sentences`` run on blocks of the text cut at sure sentence ends: the same spans,
    in time linear in the length of any text (the splitter's look-back stays local). A text
    of up to ``_HARD_BLOCK`` characters (an article) is split in one call, which gives them.

    >>> sentence_spans("Mr. Lee left. She stayed.")
    [(0, 13), (14, 25)]
    """
    if len(text) <= _HARD_BLOCK:
        # no stretch can reach the hard cut: the blocks would give the spans of one call (an
        # article in one pass, half the cost; tests/features/attribution/test_fast_helpers.py
        # checks the equality on random texts)
        return split_sentences(text)
    return _block_spans(text)


def _block_spans(text: str) -> list[tuple[int, int]]:
    """The spans of :func:`sentence_spans`, the text cut into blocks at sure sentence ends
    (and, in a stretch of more than ``_HARD_BLOCK`` characters without one, at a space)."""
    out: list[tuple[int, int]] = []
    pos = 0

    def emit(cut: int, resume: int) -> None:
        nonlocal pos
        out.extend((pos + a, pos + b) for a, b in split_sentences(text[pos:cut]))
        pos = resume

    for m in _SAFE_CUT.finditer(text):
        begin = m.start()
        space = m.start(2)
        if space >= 0:
            begin = _word_before_stop(text, begin)
            if begin < 0:
                continue
        while begin - pos > _HARD_BLOCK:
            h = _HARD_CUT.search(text, pos + _HARD_BLOCK // 2, begin)
            if h is None:
                break
            emit(h.start(), h.end())
        if m.group(1) is not None:
            cut = m.start(1)
        elif space >= 0:
            if text[begin:m.start()].lower() in _ABBREV:
                continue
            cut = space
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
