"""Plain-text page dumps (copy-paste or text scrapes of a web page) -> article body + metadata.

A page copied from a browser holds the article between menus, lists of other headlines,
calls to subscribe, share buttons, comment threads and footers. :func:`clean_text_page`
measures every line (length, closing punctuation, share of function words, title case,
boilerplate cue phrases from ``mediakit/lexicons/boilerplate_cues.txt``, lines that recur
across pages of the same site), lets the learned line model (:mod:`.line_model`) give each
line its probability of being body and decode the page into regions, and reads title, byline,
editor, section, outlet and date from the lines around the body. Every line not kept in the
body is returned in ``boilerplate``, with a label saying why.

>>> parts = clean_text_page("Home  World\\nStorm hits coast\\n\\nA storm may reach the coast "
...                         "on Tuesday, officials said.\\n\\nBy Ann Lee\\nSubscribe to our newsletter")
>>> parts.title, parts.author, parts.paragraphs
('Storm hits coast', 'Ann Lee', ['A storm may reach the coast on Tuesday, officials said.'])

Everything here runs in time linear in the input: patterns only look at bounded slices of a
line, so a 10 MB single-line or all-capitals input is cleaned in seconds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources

from ..text.tokens import WORD_RE
from .line_model import AGO_RE, REPLY_RE


@dataclass
class PageParts:
    """What the cleaner found on a page: body paragraphs, removed lines and metadata."""

    paragraphs: list[str]
    boilerplate: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    editor: str | None = None
    section: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    #: why ``paragraphs`` is empty ("no line reads as article prose", ...), else None
    no_body: str | None = None
    #: one label per ``boilerplate`` line: its cue category ("nav", "related", "share",
    #: "comments" for reader comments, ...), "template", "headline", "byline", or "other"
    labels: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Lexicons (data files; loaded once per process)

@dataclass(frozen=True)
class _Cues:
    line: dict[str, str]                    # whole-line phrase -> category
    prefix: dict[str, list[tuple[str, str]]]  # first character -> (phrase, category), longest first
    contains: re.Pattern[str] | None        # short lines only
    contains_cat: dict[str, str]
    strong: re.Pattern[str] | None          # any line
    strong_cat: dict[str, str]
    role: frozenset[str]                    # agencies and roles after a byline name
    widget_words: frozenset[str]            # one-word share buttons and social networks
    credit_tail: re.Pattern[str] | None     # "... Credit: ESA" ending an image caption
    end_line: frozenset[str]
    end_prefix: tuple[str, ...]
    byline: tuple[str, ...]
    editor: tuple[str, ...]


def _read_lexicon(name: str) -> list[list[str]]:
    text = resources.files("mediakit.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _alternation(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    body = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _by_first_char(pairs: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for phrase, cat in sorted(pairs, key=lambda p: -len(p[0])):
        out.setdefault(phrase[:1], []).append((phrase, cat))
    return out


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    line: dict[str, str] = {}
    prefix: list[tuple[str, str]] = []
    contains: dict[str, str] = {}
    strong: dict[str, str] = {}
    role, end_line, end_prefix, byline, editor = set(), set(), [], [], []
    for row in _read_lexicon("boilerplate_cues.txt"):
        cat, match, phrase = row[0], row[1], row[2]
        if cat == "role":
            role.add(phrase)
        elif cat == "end":
            (end_line.add(phrase) if match == "line" else end_prefix.append(phrase))
        elif cat == "byline":
            byline.append(phrase)
        elif cat == "editor":
            editor.append(phrase)
        elif match == "line":
            line.setdefault(phrase, cat)
        elif match == "prefix":
            prefix.append((phrase, cat))
        elif match == "contains":
            contains[phrase] = cat
        elif match == "strong":
            strong[phrase] = cat
    by_len = sorted(byline, key=len, reverse=True)
    return _Cues(
        line=line, prefix=_by_first_char(prefix),
        contains=_alternation(list(contains)), contains_cat=contains,
        strong=_alternation(list(strong)), strong_cat=strong, role=frozenset(role),
        widget_words=frozenset(p for p, c in line.items() if c == "share" and " " not in p),
        credit_tail=_alternation([p for p, c in prefix if c == "credit" and p[-1] in ":y"]),
        end_line=frozenset(end_line), end_prefix=tuple(end_prefix),
        byline=tuple(by_len), editor=tuple(sorted(editor, key=len, reverse=True)),
    )


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for row in _read_lexicon("boilerplate_stopwords.txt"):
        words.update(row[1].split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for row in _read_lexicon("boilerplate_months.txt"):
        for name in row[1].split():
            out.setdefault(name, int(row[0]))
    return out


# ---------------------------------------------------------------------------------------------
# Line features

# Characters that decorate menu items and headings but carry no words.
_DECOR = " \t|•·*–—-_=>»<«\"'“”‘’.,;!?…/\\#()[]{}+~^●■▪►▶◆○◦→←↑↓✓✔✕✖×"
_CLOSERS = "\"'”’»)]*"
_TERMINAL = ".!?…。！？؟।։።"
# Scripts written without spaces between words: two characters count as one word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_HEAD = 400          # cue phrases are looked for in the first _HEAD characters of a line
_PROSE_SAMPLE = 120  # words sampled for function-word and title-case shares



@dataclass(slots=True)
class _Line:
    idx: int            # position among non-blank lines
    text: str           # whitespace collapsed
    words: int
    terminal: bool      # ends a sentence
    stop: float         # share of function words
    caps: float         # share of words starting with a capital
    nums: float         # share of words that are numbers
    cue: str | None     # boilerplate category
    end: bool           # a heading after which the article is over
    template: bool
    dated: bool         # a short line holding a date (with or without a year)
    gap_before: bool    # a blank line precedes it
    gap_after: bool
    block: int = 1      # size of its run of lines without blank lines between
    block_start: int = 0


_DIGITS = re.compile(r"\d+")
_READER = re.compile(r"(?<!\w)(?:our|ours|us|we|you|your|yours|this (?:site|website|page|article|story)|"
                     r"nosso|nossa|seu|sua|você|nuestro|nuestra|su|usted|notre|nos|vous|votre|"
                     r"unser|unsere|sie|ihr|ihre|наш|наши|вы|ваш)(?!\w)")


def _cue_of(low: str, words: int) -> tuple[str | None, bool]:
    """Boilerplate category of a (case-folded, collapsed) line, and whether it ends an article."""
    cues = _cues()
    head = low[:_HEAD].lstrip(_DECOR.replace("(", ""))
    whole = head.rstrip(_DECOR + ":")
    counted = _DIGITS.sub("#", head[:60]) if head[:1].isdigit() else head[:60]  # "12 comments"
    end = whole in cues.end_line or _prefix_patterns()[2].match(counted) is not None or \
        counted.rstrip(_DECOR + ":") in cues.end_line
    cat = cues.line.get(whole)
    if end and cat is None:
        cat = "comments"
    if cat is None and words <= 6 and whole.endswith((" says", " said", " wrote")) and \
            head.rstrip().endswith(":"):  # "Jan Smith says:" opens a reader comment
        cat = "comments"
    if cat is None and 2 <= words <= 8:  # "Whatsapp Facebook Pinterest Email": buttons in a row
        toks = whole.split()
        if sum(t.strip(_DECOR) in cues.widget_words for t in toks) >= max(2, len(toks) / 2):
            cat = "share"
    if cat is None and words <= 25:
        sentence = words >= 6 and head.rstrip(_CLOSERS)[-1:] in (".", "!", "?")
        for phrase, c in cues.prefix.get(head[:1], ()):
            # "More on that later, he said." is a sentence, not a "More on ..." heading
            if _starts(head, phrase) and not (sentence and c in ("related", "nav")):
                cat = c
                break
    # in a longer line a cue phrase counts only when the line speaks to the reader ("our
    # privacy policy", "your inbox"): news prose can be about a privacy policy too
    addressed = words < 10 or _READER.search(head) is not None
    if cat is None and words <= 30 and cues.contains is not None:
        m = cues.contains.search(head)
        if m and (addressed or cues.contains_cat[m.group(0)] not in ("footer", "cookie")):
            cat = cues.contains_cat[m.group(0)]
    if cat is None and cues.credit_tail is not None and words <= 150:
        tail = low[-90:] if len(low) < _HEAD * 2 else ""
        m = cues.credit_tail.search(tail)
        if m and (m.start() == 0 or tail[m.start() - 1] in " (["):
            cat = "credit"
    if cat is None and "©" in head and words <= 20:
        cat = "footer"
    if cat is None and cues.strong is not None and (addressed or "©" in head or "copyright" in head):
        m = cues.strong.search(head)
        if m:
            cat = cues.strong_cat[m.group(0)]
    return cat, end


def edge_boilerplate(line: str) -> str | None:
    """Boilerplate category of one short line ("Our standards: ...", "© 2026 ..."), or None.

    For trimming the last lines of a body another extractor returned (trafilatura): only short
    lines, and never byline or editor prefixes ("By Friday, ..." can open a last paragraph).
    """
    collapsed = " ".join(line.split())
    words = _count_words(collapsed)
    if not collapsed or words > 15:
        return None
    cat, _ = _cue_of(collapsed[:_HEAD * 2].casefold(), words)
    return None if cat in (None, "byline", "editor") else cat


def _starts(head: str, phrase: str) -> bool:
    if not head.startswith(phrase):
        return False
    n = len(phrase)
    return n == len(head) or not phrase[-1].isalnum() or not head[n].isalnum()


def _features(text: str, template: Counter[str] | None) -> list[_Line]:
    stop = _stopwords()
    raw = text.split("\n")
    out: list[_Line] = []
    blank_before = True
    seen: dict[str, tuple] = {}  # pages repeat lines: measure each distinct line once
    for line in raw:
        collapsed = " ".join(line.split())
        if not collapsed:
            blank_before = True
            if out:
                out[-1].gap_after = True
            continue
        known = seen.get(collapsed)
        if known is None:
            known = _measure(collapsed, stop)
            if len(collapsed) < 300 and len(seen) < 100_000:
                seen[collapsed] = known
        words, terminal, stop_share, caps, nums, cue, end, dated = known
        out.append(_Line(
            idx=len(out), text=collapsed, words=words, terminal=terminal, stop=stop_share,
            caps=caps, nums=nums, cue=cue, end=end, template=bool(template) and collapsed in template,
            dated=dated, gap_before=blank_before, gap_after=False,
        ))
        blank_before = False
    if out:
        out[-1].gap_after = True
    # runs of lines with no blank line between them: menus and headline lists come as runs
    start = 0
    for i in range(1, len(out) + 1):
        if i == len(out) or out[i].gap_before:
            for j in range(start, i):
                out[j].block = i - start
                out[j].block_start = start
            start = i
    return out


def _measure(collapsed: str, stop: frozenset[str]) -> tuple:
    """(words, terminal, function-word share, title-case share, number share, cue, end, dated)
    of one line."""
    sample = WORD_RE.findall(collapsed[:1500])[:_PROSE_SAMPLE]
    words = len(sample) if len(collapsed) <= 1500 and len(sample) < _PROSE_SAMPLE \
        else _count_words(collapsed)
    unspaced = len(_UNSPACED.findall(collapsed[:3000]))
    if unspaced >= 4:  # Chinese, Japanese, Thai: count characters, not space-separated runs
        words = max(words, unspaced // 2)
    alpha = [w for w in sample if w[0].isalpha()]
    stops = sum(1 for w in sample if w.lower() in stop)
    caps = sum(1 for w in alpha if w[0].isupper())
    tail = collapsed.rstrip(_CLOSERS)
    cue, end = _cue_of(collapsed[:_HEAD * 2].casefold(), words)
    return (words, bool(tail) and tail[-1] in _TERMINAL, stops / len(sample) if sample else 0.0,
            caps / len(alpha) if alpha else 0.0,
            sum(1 for w in sample if w[0].isdigit()) / len(sample) if sample else 0.0,
            cue, end, words <= 14 and _dated(collapsed))


def _count_words(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


def _mark_page_cues(lines: list[_Line]) -> bool:
    """Page-level cues: lines repeated on the page, footer after the copyright line. Returns
    whether the page's language has no function-word list (prose is then judged by length and
    punctuation alone, and every line's function-word share is set to a neutral value)."""
    long = [ln for ln in lines if ln.words >= 8]
    fallback = bool(long) and sum(ln.stop * ln.words for ln in long) < 0.03 * sum(ln.words for ln in long)
    if fallback:
        for ln in lines:
            ln.stop = 0.3
    # a line printed three or more times on one page is a caption, alt text or widget
    repeats = Counter(ln.text for ln in lines if ln.words <= 40)
    for ln in lines:
        if repeats.get(ln.text, 0) >= 3 and (ln.block >= 2 or ln.caps >= 0.6):
            ln.cue = ln.cue or "repeated"
    # after the copyright line near the end of a page comes only more footer
    for ln in lines[int(0.7 * len(lines)):]:
        if ln.cue == "footer" and ln.words <= 40 and _COPYRIGHT.search(ln.text[:200]):
            for later in lines[ln.idx + 1:]:
                later.cue = later.cue or "footer"
            break
    return fallback


def _prose_like(ln: _Line) -> bool:
    """A line that reads as running prose (a short sentence counts when rich in function words)."""
    return (ln.words >= 8 and ln.terminal and ln.stop >= 0.12) or (ln.words >= 18 and ln.stop >= 0.2) \
        or (ln.words >= 30 and ln.terminal) or \
        (ln.words >= 5 and ln.terminal and ln.stop >= 0.25 and ln.caps < 0.6)


def page_line_features(text: str, template: Counter[str] | None = None):
    """The page's lines and their feature matrix for the learned line model (training and use).

    >>> lines, x = page_line_features("Home\\nA storm may reach the coast on Tuesday, officials said.")
    >>> len(lines), x.shape[0]
    (2, 2)
    """
    from .line_model import line_features

    lines = _features(text, template)
    fallback = _mark_page_cues(lines)
    bylines = [ln.words <= 25 and _byline(lines, i) != (None, None) for i, ln in enumerate(lines)]
    return lines, line_features(lines, bylines, fallback)


def _body_lines(lines: list[_Line], x, model) -> list[bool]:
    """Which lines are body: the model's probabilities, decoded as whole regions."""
    import numpy as np

    from .line_model import decode, default_model

    if not lines:
        return []
    if not any(ln.cue is not None or ln.template or ln.end for ln in lines):
        # nothing on the page looks like site furniture: an article already cleaned (or typed);
        # keep every line from the first paragraph on, lists and tables included
        first = next((ln.idx for ln in lines if _prose_like(ln)), None)
        if first is not None:
            return [i >= first for i in range(len(lines))]
    model = model or default_model()
    p = model.probabilities(x)
    words = np.array([ln.words for ln in lines], dtype=np.float64)
    keep = decode(p, words, model.switch, model.bias)
    if not keep.any():
        # nothing clears the bar, but a line reads as prose (a tiny page, a script the model
        # has seen little of): judge the page's lines against its own most likely body line
        cands = [i for i, ln in enumerate(lines) if _prose_like(ln) and ln.cue is None
                 and not ln.template and not ln.end]
        if cands:
            best = max(p[i] for i in cands)
            shift = float(np.log(best + 1e-6) - np.log(1 - best + 1e-6)) - 1.0
            furniture = np.array([ln.cue is not None or ln.template or ln.end for ln in lines])
            keep = decode(np.where(furniture, 0.0, p), words, model.switch, model.bias - shift)
        if cands and not keep.any():
            # still nothing: the most likely prose line, grown over neighbours half as likely
            seed = max(cands, key=lambda i: p[i] * (1 + np.log1p(words[i])))
            for step in (-1, 1):
                j = seed
                while 0 <= j < len(lines) and (j == seed or (
                        p[j] >= 0.5 * p[seed] and lines[j].cue is None and not lines[j].template
                        and not lines[j].end)):
                    keep[j] = True
                    j += step
    keep = _one_post(lines, keep.tolist(), p)
    _pull_in_lead(lines, keep, p)
    _announced_lists(lines, keep)
    return keep


def _announced_lists(lines: list[_Line], keep: list[bool]) -> None:
    """The items of a list announced by a body line ending in ":" ("Here is what changed:")
    stay in the body when the article goes on after them (a box of links has no such line)."""
    last = max((i for i, k in enumerate(keep) if k), default=-1)
    for i, ln in enumerate(lines):
        if not keep[i] or not ln.text.rstrip(_CLOSERS).endswith(":") or i + 1 >= len(lines):
            continue
        nxt = lines[i + 1]
        items = range(nxt.block_start, nxt.block_start + nxt.block)
        if nxt.block_start != i + 1 and nxt.block_start != ln.block_start:
            continue
        if items.stop > last or any(lines[j].cue is not None or lines[j].template for j in items):
            continue
        for j in items:
            if j > i and lines[j].words >= 2:
                keep[j] = True


def _one_post(lines: list[_Line], keep: list[bool], p) -> list[bool]:
    """On a listing page (the same share row or "Read more" link printed three or more times
    between posts) the article is one post: the stretch between two such separators with the
    most body, the first on a tie."""
    # ("Back to top" between the sections of one long article is navigation, not a separator)
    seps = Counter(ln.text for ln in lines if ln.block == 1 and ln.words <= 6 and
                   ln.cue in ("share", "related", "cta", "comments"))
    cuts = [i for i, ln in enumerate(lines) if seps.get(ln.text, 0) >= 3 and ln.block == 1]
    if not cuts:
        return keep
    bounds = [0, *cuts, len(lines)]
    spans = [(a, b, sum(ln.words * p[i] for i, ln in enumerate(lines[a:b], a) if keep[i]))
             for a, b in zip(bounds, bounds[1:])]
    most = max(m for _, _, m in spans)
    if most <= 0:
        return keep
    # listings put the newest post first: the first stretch about as rich as the richest
    a, b, _ = next(s for s in spans if s[2] >= 0.75 * most)
    return [k and a <= i < b for i, k in enumerate(keep)]


def _pull_in_lead(lines: list[_Line], keep: list[bool], p) -> None:
    """A lead paragraph separated from the body only by a caption, a credit or the headline
    repeated under a photo joins the body (the short lines between stay out: holes)."""
    start = next((i for i, k in enumerate(keep) if k), None)
    while start is not None:
        j = start - 1
        while j >= 0 and start - j <= 4 and lines[j].words <= 12 and not lines[j].end:
            j -= 1
        if j < 0 or start - j > 4 or j == start - 1:
            return
        ln = lines[j]
        if not (p[j] >= 0.3 and _prose_like(ln) and ln.cue is None and not ln.template):
            return
        keep[j] = True
        start = j


def _labels(lines: list[_Line], keep: list[bool], title_i: int | None, bylines: set[int]) -> list[str]:
    """Why each removed line was removed: reader comments under their own label (lines after a
    comments heading, "3 hours ago", "Reply"), else the line's cue category."""
    out = []
    in_comments = False
    for i, (ln, k) in enumerate(zip(lines, keep)):
        # a comment thread runs from its heading to the next body line or other furniture
        in_comments = ln.cue == "comments" or (in_comments and ln.cue in (None, "share"))
        if k:
            in_comments = False
            continue
        head = ln.text[:200]
        if i == title_i:
            out.append("headline")
        elif i in bylines:
            out.append("byline")
        elif in_comments or ln.cue == "comments" or (ln.words <= 12 and AGO_RE.search(head)) or \
                (ln.words <= 6 and REPLY_RE.search(head)):
            out.append("comments")
        elif ln.template:
            out.append("template")
        else:
            out.append(ln.cue or "other")
    return out


def _is_list(lines: list[_Line], ln: _Line) -> bool:
    """A run of lines inside the article is a bulleted list when the line before it announces
    it ("Here is what changed:"); otherwise it is a box of links or teasers."""
    first = ln.block_start
    if first == 0 or ln.words < 2:
        return False
    intro = lines[first - 1].text.rstrip(_CLOSERS)
    return intro.endswith(":") and lines[first - 1].cue is None


# ---------------------------------------------------------------------------------------------
# Metadata

_NAME_PARTICLES = frozenset([
    "de", "da", "do", "dos", "das", "van", "von", "der", "den", "du", "la", "le", "del", "di",
    "bin", "al", "el", "ibn", "ter", "ten", "st.", "st", "y", "e",
])
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w.'’`\-]*$")
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\be\b|\by\b|\bet\b|\bи\b)\s*")
_BYLINE_CUT = re.compile(
    r"\s+(?:\||[-–—]\s|on\s+(?=[A-Z0-9])|at\s+(?=\d)|for\s+(?=[A-Z])|updated\b|published\b|posted\b"
    r"|\d)|\s*(?:\||\(|•|·)")


def _name(text: str) -> str | None:
    """A person's name (or a short list of names) at the start of ``text``, else None.

    Credentials and outlets after a comma ("Ann Lee, MD", "Ann Lee, CNN") and a role glued on
    by the page layout ("Ann LeeStaff Writer") are dropped.
    """
    text = text[:200].strip(" :-–—|,")
    text = _BYLINE_CUT.split(text, maxsplit=1)[0].strip(" ,;:")
    if not text:
        return None
    names = []
    for part in _SPLIT_NAMES.split(text):
        part = part.strip(" .,")
        if not part:
            continue
        toks = _name_tokens(part.split())
        if not toks:
            break
        if len(toks) == 1 and toks[0].isupper() and len(toks[0]) <= 5 and names:
            continue  # "MD", "RDN", "CNN" after the name
        if not 1 <= len(toks) <= 5 or not _is_name(toks):
            break
        if all(t.isupper() for t in toks if len(t) > 1):
            toks = [t.capitalize() for t in toks]
        names.append(" ".join(toks))
        if len(toks) != len(part.split()):  # the name was cut short: what follows is not a name
            break
    if not names:
        return None
    return ", ".join(names)


_HUMP = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])|(?<=[a-z]{3})(?=[A-Z]{2})")
_HUMP_OK = ("mac", "van", "von", "des", "del", "della", "fitz", "san", "dal")


def _name_tokens(toks: list[str]) -> list[str]:
    """The leading tokens that can belong to a name: stop at a month, a function word or a
    word the layout glued onto the name."""
    months, stop = _months(), _stopwords()
    out: list[str] = []
    shouting = len(toks[0]) > 1 and toks[0].isupper() if toks else False
    for t in toks:
        low = t.lower().strip(".,")
        if out and (low in months or (low in stop and low not in _NAME_PARTICLES)):
            break
        if out and shouting and not t.isupper():  # "JOHN SMITH Associated Press"
            break
        m = _HUMP.search(t)
        if m and t[:m.start()].lower() not in _HUMP_OK:
            out.append(t[:m.start()])
            break
        out.append(t)
    return out


def _is_name(toks: list[str]) -> bool:
    caps = 0
    for t in toks:
        if t.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN.match(t) or not t[0].isupper():
            return False
        caps += 1
    return caps >= 1 and not (len(toks) == 1 and toks[0].lower() in _stopwords())


def _looks_like_person(text: str) -> bool:
    toks = text.split()
    return 2 <= len(toks) <= 3 and all(t[:1].isupper() and t.replace("-", "").replace(".", "").isalpha()
                                       for t in toks) and _is_name(toks)


_NAME_ROLE = re.compile(r"^(.{3,80}?)\s*[,|/–—]\s*(.{2,60})$")
_BY_INSIDE = re.compile(r"(?:^|[|•·]\s*)(?:by|BY|By):?\s+(.{3,80})$")


@lru_cache(maxsize=1)
def _prefix_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The editor and byline prefixes as one anchored pattern each (as :func:`_starts`, longest
    phrase first): one regex match instead of a loop over every phrase on every line."""
    def pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
        alts = [re.escape(p) + (r"(?![^\W_])" if p[-1:].isalnum() else "") for p in phrases if p]
        return re.compile("(?:" + "|".join(alts) + ")" if alts else r"(?!x)x")
    cues = _cues()
    return pattern(cues.editor), pattern(cues.byline), pattern(tuple(sorted(cues.end_prefix, key=len,
                                                                           reverse=True)))


def _byline(lines: list[_Line], i: int) -> tuple[str | None, str | None]:
    """(author, editor) named on line ``i`` (or on the next line after a lone "By")."""
    cues = _cues()
    ln = lines[i]
    if ln.words > 25:
        return None, None
    low = ln.text.casefold()
    editor_re, byline_re, _ = _prefix_patterns()
    m = editor_re.match(low)
    if m:
        return None, _name(ln.text[len(m.group()):])
    m = byline_re.match(low)
    if m:
        phrase = m.group()
        rest = ln.text[len(phrase):].strip(" :-–—")
        if not rest and i + 1 < len(lines):
            return _name(lines[i + 1].text), None
        name = _name(rest)
        if name and phrase in ("author", "por", "par", "von") and ln.words > 6:
            return None, None
        return name, None
    # "X, Reuters" / "X | Staff writer"
    m = _NAME_ROLE.match(ln.text)
    if m and m.group(2).strip(" .").casefold() in cues.role:
        return _name(m.group(1)), None
    # "Ann Lee Energy correspondent": a name, a beat, a role, with no separator
    toks = ln.text.split()
    if 3 <= len(toks) <= 6 and toks[-1].casefold() in cues.role and toks[-1].islower():
        name = toks[:-2] if len(toks) >= 4 and toks[-2][:1].isupper() else toks[:-1]
        if _looks_like_person(" ".join(name)):
            return " ".join(name), None
    # "... | By: X" inside a date line
    m = _BY_INSIDE.search(ln.text)
    if m:
        return _name(m.group(1)), None
    return None, None


_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.I)
_YEARS = re.compile(r"^\s*(?:©|\(c\)|copyright\b|\s|\d{4}(?:\s*[-–]\s*\d{4})?|,|by\b)*", re.I)
_OUTLET_CUT = re.compile(r"\.(?:\s|$)|,|\||\s[-–—]\s|\ball rights\b|\(|;|:", re.I)
_QUOTES = "«»\"“”„'‘’"


def _outlet(lines: list[_Line], full_text: str) -> str | None:
    for ln in reversed(lines):
        rest = outlet_from_copyright(ln.text)
        if rest:
            return _natural_case(rest, full_text)
    return None


def outlet_from_copyright(line: str) -> str | None:
    """The owner named in a copyright line ("© 2026 Valley Courier. All rights reserved.").

    >>> outlet_from_copyright("© 2026 Valley Courier. All rights reserved.")
    'Valley Courier'
    """
    head = line[:300]
    m = _COPYRIGHT.search(head)
    if not m or not (re.search(r"©|\(c\)", head, re.I) or re.search(r"\d{4}", head)):
        return None
    rest = _YEARS.sub("", head[m.start():], count=1)
    rest = _OUTLET_CUT.split(rest, maxsplit=1)[0].strip(" " + _QUOTES)
    rest = re.sub(r"(?:\s*[-–,]?\s*\d{4})+$", "", rest.strip(" .")).strip(" .,")
    if not rest or not 1 <= len(rest.split()) <= 6 or not any(c.isalpha() for c in rest):
        return None
    if rest.casefold() in ("policy", "notice", "information", "infringement", "all", "the"):
        return None
    return rest


def name_before_role(text: str) -> str | None:
    """The person's name when a job title follows it ("Tom Gillespie News reporter"), else None.

    >>> name_before_role("Tom Gillespie News reporter")
    'Tom Gillespie'
    """
    toks = text.split()
    roles = _cues().role
    for k in range(2, min(len(toks), 5)):
        tail = " ".join(toks[k:]).casefold().strip(" ,.")
        if not tail:
            break
        tail_words = tail.split()
        # the job title: ends in a role word, at most three words ("Senior political reporter")
        if len(tail_words) <= 3 and (tail in roles or tail_words[-1] in roles or
                                     " ".join(tail_words[-2:]) in roles):
            name = " ".join(toks[:k]).strip(" ,")
            if _looks_like_person(name):
                return name
    return None


def _natural_case(name: str, full_text: str) -> str:
    """The spelling of ``name`` on the page with the fewest capitals ("PRAVDA.Ru" -> "Pravda.Ru")."""
    if sum(c.isupper() for c in name) <= 1:
        return name
    best = name
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I)
    for m, _ in zip(pattern.finditer(full_text), range(200)):
        cand = m.group(0)
        ups = sum(c.isupper() for c in cand)
        if 0 < ups < sum(c.isupper() for c in best):
            best = cand
    return best


_TIME = r"(?:,?\s*(?:at\s+)?(\d{1,2})[:.h](\d{2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?)?"
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                       r"(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?")
_DATE_NUM = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)" + _TIME, re.I)
_DATE_MDY = re.compile(r"(?<!\w)([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)" + _TIME,
                       re.I)
_DATE_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?([^\W\d_]{3,10})\.?,?\s+"
                       r"(?:de\s+)?(\d{4})(?!\d)" + _TIME, re.I)
_PUB_CUE = re.compile(r"\b(?:published|posted|publicado|publié|veröffentlicht|опубликовано|"
                      r"date|dated|created|em)\b", re.I)
_UPD_CUE = re.compile(r"\b(?:updated|modified|atualizado|actualizado|mis à jour|aktualisiert|"
                      r"обновлено)\b", re.I)


def _find_date(text: str) -> datetime | None:
    """The first full date (with its time when given) in a short line of text."""
    text = text[:200]
    if not any(c.isdigit() for c in text):
        return None
    found: list[tuple[int, datetime]] = []
    for m in _DATE_ISO.finditer(text):
        d = _make(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), None)
        if d and m.group(7):  # an explicit offset: keep it (the corpus converts to UTC)
            z = m.group(7).replace(":", "")
            offset = 0 if z == "Z" else (1 if z[0] == "+" else -1) * (int(z[1:3]) * 60 + int(z[3:5]))
            if abs(offset) <= 14 * 60:
                d = d.replace(tzinfo=timezone(timedelta(minutes=offset)))
        if d:
            found.append((m.start(), d))
    for m in _DATE_NUM.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        day, month = (a, b) if m.group(2) == "." or a > 12 else (b, a)
        d = _make(m.group(4), month, day, m.group(5), m.group(6), m.group(7), m.group(8))
        if d:
            found.append((m.start(), d))
    months = _months()
    for m in _DATE_MDY.finditer(text):
        mon = months.get(m.group(1).lower())
        if mon:
            d = _make(m.group(3), mon, m.group(2), m.group(4), m.group(5), m.group(6), m.group(7))
            if d:
                found.append((m.start(), d))
    for m in _DATE_DMY.finditer(text):
        mon = months.get(m.group(2).lower())
        if mon:
            d = _make(m.group(3), mon, m.group(1), m.group(4), m.group(5), m.group(6), m.group(7))
            if d:
                found.append((m.start(), d))
    return min(found, key=lambda f: f[0])[1] if found else None


def _make(y, mo, d, hh, mm, ss, ampm) -> datetime | None:
    try:
        year, month, day = int(y), int(mo), int(d)
        hour, minute, sec = int(hh or 0), int(mm or 0), int(ss or 0)
        if ampm:
            hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
        if not 1990 <= year <= 2100:
            return None
        return datetime(year, month, day, hour, minute, sec)
    except (ValueError, TypeError):
        return None


def _published(lines: list[_Line], start: int, end: int) -> datetime | None:
    """Publication date: a "Published"/"Posted" line beats a plain date near the headline, which
    beats an "Updated" line; dates inside the body or far from it are not used."""
    best: tuple[float, datetime] | None = None
    window = list(range(max(0, start - 30), start)) + list(range(end, min(len(lines), end + 30)))
    for i in window:
        ln = lines[i]
        if ln.words > 30:
            continue
        d = _find_date(ln.text)
        if d is None:
            continue
        rank = 0.0
        if _PUB_CUE.search(ln.text[:200]):
            rank += 2.0
        if _UPD_CUE.search(ln.text[:200]) and not _PUB_CUE.search(ln.text[:200]):
            rank -= 1.0
        rank -= (start - i if i < start else (i - end) + 10) * 0.05
        if best is None or rank > best[0]:
            best = (rank, d)
    return best[1] if best else None


def _title(lines: list[_Line], start: int, end: int, body_vocab: set[str]) -> int | None:
    """Index of the headline: a title-like line shortly before the body (often repeated as a
    caption or at the end of a breadcrumb), sharing words with the lead, and not a menu item,
    byline, name, credit or date."""
    stop = _stopwords()
    best: tuple[float, int] | None = None
    lo = max(0, start - 40)
    cands = []
    for i in range(lo, min(start + 2, end, len(lines))):
        ln = lines[i]
        # the body may begin with the headline itself (title-cased, no full stop)
        if i >= start and (ln.caps < 0.6 or ln.text.rstrip(_CLOSERS).endswith(".")):
            break
        if ln.template or ln.cue is not None or not 2 <= ln.words <= 30 or len(ln.text) > 250:
            continue
        if ln.dated or _byline(lines, i) != (None, None):
            continue
        cands.append(i)
    for i in cands:
        ln = lines[i]
        toks = ln.text.split()
        s = 1.0
        # repeated as an image caption inside the article, or ending a breadcrumb or share line
        # just above it (teaser headlines repeat too, but elsewhere on the page)
        if any(x.text == ln.text for x in lines[i + 1:min(end, i + 400)]) or any(
                ln.text in x.text and x.text != ln.text for x in lines[max(0, i - 40):i + 40]
                if len(x.text) <= 400):
            s += 1.5
        if ln.gap_before and ln.gap_after:
            s += 1.0
        # a menu item, not a headline that closes the menu's run or stands out by its length
        near_end = ln.block_start + ln.block - i <= 3
        if ln.block >= 4 and not (near_end and ln.words >= 4) and \
                ln.words < max(5, 2 * _block_median(lines, ln) + 3):
            s -= 2.0
        if ln.caps >= 0.6 or ":" in ln.text:
            s += 0.5
        if ln.words <= 3:
            s -= 0.75 * (4 - ln.words)
        head = ln.text.partition(" | ")[0]
        if "|" not in ln.text and ln.text.count(",") and len(ln.text.split(",", 1)[1].split()) <= 3:
            head = ln.text.split(",", 1)[0]
        if (len(toks) <= 4 and _is_name(toks)) or (head != ln.text and _looks_like_person(head)):
            s -= 2.5  # a name, or a byline without "By" ("Ann Lee | Staff", "Ann Lee, MD")
        if "@" in ln.text or "www." in ln.text or "://" in ln.text:
            s -= 3.0
        if " / " in ln.text or (ln.text[0] in "([" and ln.text[-1] in ")]") or " > " in ln.text:
            s -= 2.0
        if ln.terminal and ln.text.rstrip(_CLOSERS).endswith(".") and ln.words > 12:
            s -= 2.0
        if ln.stop > 0.35 and ln.words > 15:
            s -= 1.0
        if ln.words > 16:  # headlines are short; standfirsts and captions are not
            s -= 0.15 * (ln.words - 16)
        if ln.text.endswith(":"):  # a lead-in to what follows
            s -= 1.5
        if ln.text[0] in "\"“«„" and ln.text.rstrip(".")[-1] in "\"”»":  # a quotation
            s -= 1.0
        content = {w.lower() for w in WORD_RE.findall(ln.text) if len(w) > 2} - stop
        if content and body_vocab:
            s += 2.5 * len(content & body_vocab) / len(content)
        s -= 0.06 * (start - i) if i < start else 0.5
        if best is None or s > best[0]:
            best = (s, i)
    if best is None or best[0] < 0.5:
        return None
    return best[1]


def _block_median(lines: list[_Line], ln: _Line) -> float:
    sizes = sorted(x.words for x in lines[ln.block_start:ln.block_start + min(ln.block, 200)])
    return sizes[len(sizes) // 2]


_DATE_PARTIAL = re.compile(r"(?<!\w)([^\W\d_]{3,10})\.?\s+(\d{1,2})(?!\d)|(?<!\d)(\d{1,2})\.?\s+"
                           r"(?:de\s+)?([^\W\d_]{3,10})")


def _dated(text: str) -> bool:
    """Whether a line holds a date, even without a year ("Nov 19, 9:41 AM")."""
    if not any(c.isdigit() for c in text[:200]):
        return False
    if _find_date(text) is not None:
        return True
    months = _months()
    for m, _ in zip(_DATE_PARTIAL.finditer(text[:200]), range(20)):
        name = m.group(1) or m.group(4)
        if name and name.lower() in months and len(name) >= 3:
            return True
    return False


def _in_menu(lines: list[_Line], i: int, top: int) -> bool:
    """Whether line ``i``'s text is also an item of a menu above the headline (another line)."""
    pattern = re.compile(rf"(?<!\w){re.escape(lines[i].text)}(?!\w)")
    for j in range(max(0, top - 400), top):
        x = lines[j]
        if j != i and x.words <= 12 and x.caps >= 0.8 and not x.terminal and pattern.search(x.text):
            return True
    return False


_CRUMB = re.compile(r"\s+(?:>|»|›)\s+|\s*(?:>|»|›)\s*(?=\S)")


def _section(lines: list[_Line], title_i: int | None, start: int) -> str | None:
    """A breadcrumb's last step, or a short line beside the headline that is also a menu item
    elsewhere on the page (the article's section). None rather than a guess."""
    anchor = title_i if title_i is not None else start
    # between the headline and the body first, then just above the headline
    around = list(range(anchor + 1, start)) + list(range(anchor - 1, max(-1, anchor - 4), -1))
    title = lines[title_i].text if title_i is not None else None
    for i in around:
        ln = lines[i]
        # a section label or breadcrumb is short: a long one-word line (a run of letters) is not
        if i == title_i or ln.cue is not None or ln.words > 8 or len(ln.text) > 160 or ln.dated \
                or ln.terminal:
            continue
        if any(c.isdigit() for c in ln.text) or _byline(lines, i) != (None, None):
            continue
        parts = [p.strip() for p in _CRUMB.split(ln.text)]
        parts = [p for p in parts if p and p.casefold() not in ("home", "blog", "início", "inicio")]
        if len(parts) >= 2 or (len(parts) == 1 and _CRUMB.search(ln.text)):
            last = parts[-1] if parts[-1] != title or len(parts) == 1 else parts[-2]
            return last if 1 <= len(last.split()) <= 4 else None
        if not (1 <= ln.words <= 3 and ln.text[0].isupper()) or ln.text.endswith(":"):
            continue
        if ln.words >= 2 and _looks_like_person(ln.text):
            continue
        if _in_menu(lines, i, anchor):
            return ln.text
        if ln.words == 1 and abs(i - anchor) == 1 and len(ln.text) > 2:  # a kicker label
            return ln.text
    return None


# ---------------------------------------------------------------------------------------------

def clean_text_page(text: str, template: Counter[str] | None = None, *, model=None) -> PageParts:
    """Split a normalised page dump into body paragraphs and boilerplate.

    ``template`` counts, for lines seen on other pages of the same site, on how many pages
    each occurs; such lines are treated as site template. ``model`` replaces the shipped line
    model (:class:`mediakit.load.line_model.LineModel`; the training script passes its own).

    >>> clean_text_page("Menu\\nCats nap a lot\\n\\nCats sleep up to sixteen hours a day, "
    ...                 "vets say.").paragraphs
    ['Cats sleep up to sixteen hours a day, vets say.']
    """
    if not isinstance(text, str):
        text = str(text)
    lines, x = page_line_features(text, template)
    keep = _body_lines(lines, x, model)
    kept = [i for i, k in enumerate(keep) if k]
    start, end = (kept[0], kept[-1] + 1) if kept else (len(lines), len(lines))

    stop = _stopwords()
    body_vocab: set[str] = set()
    for ln, k in zip(lines, keep):
        if k:
            body_vocab.update(w.lower() for w in WORD_RE.findall(ln.text[:3000]) if len(w) > 2)
            if len(body_vocab) > 300:
                break
    title_i = _title(lines, start, end, body_vocab - stop)
    title = lines[title_i].text if title_i is not None else None
    if title is not None:  # the headline repeated as an image caption is not body
        for i in range(start, end):
            if keep[i] and lines[i].text == title:
                keep[i] = False

    author = editor = None
    byline_lines: set[int] = set()
    # nearest to the top of the body first: a "By ..." far up the page is often a menu item
    byline_zone = list(range(start - 1, max(-1, start - 26), -1)) + list(range(start, end)) + \
        list(range(end, min(len(lines), end + 25)))
    for i in byline_zone:
        if lines[i].words > 25 or (keep[i] and lines[i].words > 12):
            continue
        a, e = _byline(lines, i)
        if a and author is None:
            author = a
            keep[i] = False
            byline_lines.add(i)
        if e and editor is None:
            editor = e
            keep[i] = False
            byline_lines.add(i)
        if author and editor:
            break

    top = title_i if title_i is not None else start
    nav_text = "\n".join(ln.text for ln in lines[: max(0, top - 1)]
                         if ln.words <= 12 and ln.caps >= 0.8 and not ln.terminal)[:20000]
    if author is None:  # a bare name beside the headline ("Ann Lee" with no "By")
        for i in range(top + 1, min(start, top + 6)) if title_i is not None else ():
            ln = lines[i]
            if ln.cue is None and not ln.template and _looks_like_person(ln.text) and \
                    ln.text not in nav_text:
                author = ln.text
                break
    section = _section(lines, title_i, start) if lines else None
    outlet = _outlet(lines, text[:2_000_000]) if lines else None
    published = _published(lines, start, end) if lines else None

    paragraphs = [ln.text for ln, k in zip(lines, keep) if k]
    boilerplate = [ln.text for ln, k in zip(lines, keep) if not k]
    labels = _labels(lines, keep, title_i, byline_lines)
    no_body = None
    if not paragraphs:
        no_body = "the page is empty" if not lines else (
            "no line of the page reads as article prose (a list, login or error page?)")
    return PageParts(paragraphs=paragraphs, boilerplate=boilerplate, labels=labels, no_body=no_body,
                     title=title, author=author,
                     editor=editor, section=section, outlet=outlet, published=published)
