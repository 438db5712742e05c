"""Direct-quotation spans: where quoted speech starts and ends, robust to real news typography.

Handles straight ("), curly (“ ”), low-high („ “), angle (« »), doubled apostrophes ('' as in some
news archives) and single curly (‘ ’) marks,
quotes nested inside quotes, quotes that run over several paragraphs (the journalistic
convention: a new paragraph reopens the quote without closing the previous one) and quotes
that never close (they end at the paragraph break). It never raises on odd counts.

>>> from mediakit.text.quotes import quote_spans
>>> t = '"It is not going to happen," Wallace said.'
>>> [(t[s:e]) for s, e in quote_spans(t)]
['"It is not going to happen,"']
"""

from __future__ import annotations

import re
from typing import NamedTuple

OPENERS = {"“": "”", "„": "“", "«": "»", "‹": "›", "‘": "’", '"': '"', "‟": "”"}
# A run of eight or more marks is typography noise (rules, decorations), not quotation: it is
# matched as one unit and skipped, so a text of nothing but marks stays one C-level scan.
_MARK_RUN = 8
# One mark (a double mark, '' or ``) and, when seven or more follow, the whole run. The pattern
# opens with one character class and completes the first mark by a look-behind on the character
# taken, so that ``re`` skips to candidate characters in C (an opening group or branch would make
# it enter the matcher at every position: 8x slower). It finds the same matches as the plain
# form: a run of 8+ marks (each one of the double marks, '' or ``), else one such mark.
_DOUBLE_MARKS = re.compile(r"""[“”„‟«»"'`](?:(?<=[“”„‟«»"])|(?<=')'|(?<=`)`)(?:(?:[“”„‟«»"]|''|``){7,})?""")


_PARAGRAPH = re.compile(r"\n\n")


def _break_between(breaks: list[int], start: int, end: int) -> bool:
    """Is there a paragraph break in text[start:end]? (bisect keeps long texts linear)"""
    import bisect

    i = bisect.bisect_left(breaks, start)
    return i < len(breaks) and breaks[i] + 2 <= end


class QuoteSpan(NamedTuple):
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or paragraph end when unclosed)
    closed: bool


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of top-level double-quoted passages (marks included)."""
    return [(q.start, q.end) for q in find_quotes(text)]


class Quotation(NamedTuple):
    start: int
    end: int
    closed: bool
    depth: int  # 0 for a top-level quotation, 1 for a quote inside it, ...


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation, the nested ones too, in order of their opening mark.

    Top-level quotations are exactly :func:`find_quotes`; a nested quote is reported when its
    closing mark is found inside the outer one (an inner quote left open ends with the outer).

    >>> t = '"He told me: \u201cleave now\u201d and left," she said.'
    >>> [(t[q.start:q.end], q.depth) for q in find_quotations(t)]
    [('"He told me: \u201cleave now\u201d and left,"', 0), ('\u201cleave now\u201d', 1)]
    """
    inner: list[Quotation] = []
    top = _scan(text, inner)
    out = [Quotation(q.start, q.end, q.closed, 0) for q in top] + inner
    out.sort(key=lambda q: (q.start, q.depth))
    return out


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level double-quote spans with a flag for whether the quote was closed.

    Straight quotes are paired by position: an opening mark follows whitespace, a bracket or
    start of text; a closing mark follows a letter or punctuation. A straight mark in an
    ambiguous position toggles. An inner quote in the same mark style as the outer one (the
    seed's ``"We have to ... say, "It's not ..."``) is recognised as nested when it is opened
    right after a colon, comma or "say"-like word inside an open quote.
    """
    return _scan(text, None)


def _scan(text: str, inner: list[Quotation] | None) -> list[QuoteSpan]:
    """The pairing walk; ``inner`` (when given) receives the closed nested quotes."""
    spans: list[QuoteSpan] = []
    opened: list[int] = []  # start offsets of the open nested quotes, innermost last
    depth = 0
    start = -1
    last_close = -1  # end of the last closing mark seen inside the current quote
    stack: list[str] = []  # opening marks of the open quotes, innermost last
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)] if "\n\n" in text else []
    n = len(text)
    for m in _DOUBLE_MARKS.finditer(text):
        mark = m.group()
        if len(mark) >= _MARK_RUN:
            continue
        i = m.start()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[m.end()] if m.end() < n else " "
        if mark == "“" and stack and stack[-1] == "„":
            kind = "close"  # German-style „…“: the high mark closes
        elif mark in ("“", "„", "«", "``", "‟"):
            kind = "open"
        elif mark in ("”", "»"):
            kind = "close"
            if mark == "”" and depth == 0 and (prev.isspace() or prev in "([") and nxt.isalnum():
                kind = "open"  # some sites use ” as an opener too
        else:  # straight " or '' (two apostrophes used as a double quote, as in some archives)
            opener_ctx = prev.isspace() or prev in "([{—–-/:" or i == 0
            closer_ctx = nxt.isspace() or nxt in ".,;:!?)]}—–-…" or m.end() == n
            if opener_ctx and not closer_ctx:
                kind = "open"
            elif closer_ctx and not opener_ctx:
                kind = "close"
            else:
                kind = "close" if depth else "open"
        if kind == "open":
            if depth == 0:
                start, depth, last_close = i, 1, -1
                stack = [mark]
                opened = []
            elif not _break_between(breaks, start, i) and (
                _nested_open(text, start, i) or (mark in ("„", "«", "‹", "‟") and mark != stack[0])
            ):
                depth += 1  # a quote inside the quote (same style after "say,", or another style)
                stack.append(mark)
                opened.append(i)
            else:
                # A new opener while one is open: the old one was never closed. End it at the
                # paragraph break between them if there is one (multi-paragraph convention).
                spans.append(_unclosed(text, start, last_close, i))
                start, depth, last_close = i, 1, -1
                stack = [mark]
                opened = []
        else:
            if depth == 0:
                continue  # stray closer (apostrophe-like use or a lost opener): ignore
            depth -= 1
            if stack:
                stack.pop()
            if depth > 0 and opened:
                s0 = opened.pop()
                if inner is not None:
                    inner.append(Quotation(s0, m.end(), True, depth))
            last_close = m.end()
            if depth == 0:
                spans.append(QuoteSpan(start, m.end(), True))
    if depth > 0 and start >= 0:
        spans.append(_unclosed(text, start, last_close, n))
    return spans


def _unclosed(text: str, start: int, last_close: int, limit: int) -> QuoteSpan:
    """End a quote that never reached depth 0.

    A nested quote whose outer mark was never closed (the writer dropped one mark) ends at the
    last closing mark in the same paragraph; otherwise the quote runs to the paragraph break.
    """
    brk = text.find("\n\n", start, limit)
    para_end = brk if brk > 0 else limit
    if start < last_close <= para_end:
        return QuoteSpan(start, last_close, False)
    return QuoteSpan(start, para_end, False)


def _nested_open(text: str, start: int, i: int) -> bool:
    before = text[max(start, i - 12):i].rstrip().lower()
    return before.endswith((",", ":", "say", "says", "said", "saying", "asked", "told", "called"))


def inside(spans: list[tuple[int, int]], start: int, end: int) -> int | None:
    """Index of the span that contains [start, end), else None (spans sorted, non-overlapping)."""
    import bisect

    i = bisect.bisect_right([s for s, _ in spans], start) - 1
    if i >= 0 and spans[i][0] <= start and end <= spans[i][1]:
        return i
    return None
