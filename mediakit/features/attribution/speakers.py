"""Step 3 of attribution: who is speaking, with names, pronouns and role nouns resolved.

Resolution is deliberately simple and offline: a later surname ("According to Peskov") maps to
the most recent full name ending in it ("Dmitry Peskov"); "he"/"she" to the nearest earlier
person who spoke; "they" to the nearest group or organisation; a role noun ("the former
secretary general") to the nearest earlier speaker whose description holds that noun. The
outlet a speaker spoke through ("told the BBC") is found here too.

>>> canonical_name("White House spokesperson Karine Jean-Pierre")
'Karine Jean-Pierre'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ...lexicons.reader import word_set
from ...text.doc import Document
from ...text.tokens import matches_at
from .lexicon import anonymity_patterns, roles, states
from .spans import Span
from .types import (
    _ARTICLE,
    _GOV_WORDS,
    _ORG_WORDS,
    BODY_WORDS,
    TITLE_ROLES,
    _clean,
    _is_person_name,
    _outlet_name,
    _outlet_regex,
    _role_type,
    _words,
    body_type,
    find_outlet,
    is_outlet,
    speaker_type,
    without_adjuncts,
)

# "former Secretary General", "ex-minister", "a onetime aide": a role the speaker no longer holds
_FORMER = re.compile(r"\b(?:former|ex-|onetime|one-time|erstwhile)(?=\s*[\w])", re.I)
_HONORIFICS = word_set("en", "attribution_words.tsv", "speaker_honorifics")
_DETS = word_set("en", "attribution_words.tsv", "speaker_dets")
# lower-case role words right before a name ("White House spokesperson Karine Jean-Pierre")
def _ends_before_blanks(text: str, lo: int, hi: int, endings: tuple[str, ...]) -> bool:
    r"""``text[lo:hi]`` ends with one of ``endings`` and then spaces or tabs: a cheap test every
    match of a pattern anchored there (``...(?:of|for)[ \t]+\Z``) passes, tried before it."""
    return hi > lo and text[hi - 1] in " \t" and text[lo:hi].rstrip(" \t").endswith(endings)


def _ends_comma_space(text: str, lo: int, hi: int) -> bool:
    r"""``text[lo:hi]`` ends with a comma and white space (what ``,\s+$`` needs)."""
    return hi > lo and text[hi - 1].isspace() and text[lo:hi].rstrip().endswith(",")


# The reversed window of _pre_title: space, then a word read backwards whose last character (its
# first, forwards) is a lower-case ASCII letter, followed by space; one to four of them.
_PRE_TITLE_REVERSED = re.compile(r"(?:\s+[\w\-]*[a-z](?=\s)){1,4}")


def _pre_title(text: str, lo: int, hi: int) -> str | None:
    r"""What ``re.search(r"(?:(?<=\s)|^)(?:[a-z][\w\-]*\s+){1,4}$", text, lo, hi)`` matches
    (None for no match): one match at the start of the reversed window instead of a search that
    tries every start in it. The character appended stands for what precedes the window (a
    space when a word may open there: at the text's start or after space)."""
    if hi <= lo or not text[hi - 1].isspace():
        return None
    m = _PRE_TITLE_REVERSED.match(text[lo:hi][::-1] + (" " if lo == 0 or text[lo - 1].isspace() else "x"))
    return text[hi - m.end():hi] if m else None


_APPOSITIVE = re.compile(r",\s+(?:a|an|the|who\s+is|now|then|former|currently)\s[^,.;:()]{3,90}[,.]")
# "Dravik's fire chief, Oskar Renholt, said": a role phrase set off before the name
_PRE_APPOSITIVE = re.compile(r"(?:^|(?<=[\s(]))((?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*),\s+$")
# "Sheila Marlow, 78, ...", "Anya Dorsett, who arrived from Ulmar ...", "..., who runs the deli":
# an age or a clause about where someone lives or what they run marks a private person
_CITIZEN_AFTER = re.compile(
    r",\s+(?:aged\s+)?\d{1,3}(?=\s*[,.;])|,\s+an?\s+\d{1,3}-year-old\s+(?:from|of|who)\b|,\s+(?:\d{1,3},\s+)?who\s+(?:has\s+|had\s+)?(?:lives?|lived|arrived|"
    r"moved|grew\s+up|runs?|ran|owns?|owned|works?|worked|rents?|farms?|was\s+born)\b"
)
_PARTY_STATE = re.compile(r"\b([A-Z][\w’'\-]+)(?:,[ \t]*|[ \t]*\()[RDI][-–][A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z.]+)?\)?(?=[\s,.;:)])")
_PARTY_HINT = re.compile(r"[RDI][-–][A-Z]")  # in every _PARTY_STATE match; most articles have none
# "Secretary of State John Kerry", "Minister for Health Ann Lee": a capitalised office before a name
_OFFICE_OF = re.compile(r"\b([A-Z][a-z]+)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?\Z")
_OFFICE_END = ("of", "for", "the")  # how every _OFFICE_OF match ends before its blanks
# "CNN's Wolf Blitzer", "Foreign Policy magazine's Tom Ricks": the outlet a journalist writes for
_OUTLET_POSSESSIVE = re.compile(
    r"((?:[A-Z][\w.&\-]*[ \t]+){0,3}[A-Z][\w.&\-]*)(?:[ \t]+(magazine|newspaper|paper|network|channel|station|website))?(?:'s|’s)[ \t]+\Z")
_POSS_END = ("'s", "’s")  # how every _OUTLET_POSSESSIVE match ends before its blanks
# "the Movement for the Emancipation of the Niger Delta (MEND)": a body's name and its acronym
_SPELLED_OUT = re.compile(r"((?:[A-Z][\w’'\-]*[ \t]+)(?:(?:of|for|the|and|on|in|to|&)[ \t]+|[A-Z][\w’'\-]*[ \t]+){0,9})\(([A-Z]{2,8})\)")
_ADJECTIVE_CANDIDATE = re.compile(r"\b([A-Z][a-z]+)\b(?![ \t]+[A-Z][a-z])")
# nouns that present a name as a company or group, and things only a company or group has
_BODY_NOUNS = (r"(?:company|firm|operator|utility|provider|carrier|manufacturer|maker|retailer|chain|"
               r"insurer|producer|supplier|developer|lender|airline|group|brigade|militia|charity|union|"
               r"co-operative|cooperative|conglomerate|subsidiary|startup|start-up)")
_BODY_PARTS = (r"(?:customers|subscribers|shareholders|employees|staff|shop|shops|stores|plant|factory|"
               r"headquarters|board|chief\s+executive|spokesperson|spokesman|spokeswoman|members)")
_FUNCTION_WORDS = word_set("en", "attribution_words.tsv", "speaker_function_words")
_TITLE_MODIFIERS = word_set("en", "attribution_words.tsv", "speaker_title_modifiers")
_POSSESSIVE = re.compile(r"(?:’s|'s|’)$")
_CAP_RUN = re.compile(r"(?:[A-Z][\w’'\-]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][\w’'\-]+|[A-Z]\.))+")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Sir|Dame|Lady|Lord)\.?\s+$")
# "\b(Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen)" with the word boundary tested after the first letter
# ("M(?<!\w.)": no word character before it), so that re scans for the five letters in C
_HONORIFIC_NAME = re.compile(
    r"(M(?<!\w.)(?:r|rs|s|iss)|D(?<!\w.)r|S(?<!\w.)en|R(?<!\w.)ep|G(?<!\w.)(?:ov|en))\.?[ \t]+([A-Z][\w’'\-]+)\b(?![ \t]+[A-Z])")
_GENDERED = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "spokesman": "m", "chairman": "m",
    "congressman": "m", "businessman": "m", "father": "m", "husband": "m", "son": "m", "brother": "m",
    "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f", "queen": "f", "princess": "f",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f", "mother": "f",
    "wife": "f", "daughter": "f", "sister": "f",
}
_POSSESSIVE_PRONOUNS = {"his": "he", "their": "they", "its": "it"}
_ANON_HINTS = ("anonym", "condition", "authori", "named", "identified")
_PLURAL_PRONOUNS = word_set("en", "attribution_words.tsv", "speaker_plural_pronouns")


@dataclass
class Resolved:
    speaker: str | None
    speaker_type: str
    person: bool
    plural: bool


class Speaker(NamedTuple):
    """The resolved speaker of one span (same order as the spans)."""

    name: str | None  # canonical name or description; None when the span names nobody
    speaker_type: str  # as typed at this mention (the article-level pass is :mod:`.types`)
    person: bool
    plural: bool
    mention_start: int | None  # the mention finally used (a participle takes its clause's subject)
    mention_end: int | None
    mention: str
    outlet: str | None  # the media outlet cited as the channel ("told the BBC")
    role_type: str | None  # the speaker type the role words of this mention's description state
    former: bool = False  # the article describes the speaker as a former holder of a role ("former minister")
    author_voice: bool = False  # the text's own "I", "we", "you" outside any quotation: the writer, not a cited source


AUTHOR_PRONOUNS = frozenset({"i", "we", "you", "me", "us"})


def resolve_speakers(doc: Document, spans: tuple[Span, ...]) -> tuple[Speaker, ...]:
    """One :class:`Speaker` per span, resolving each against the earlier ones."""
    text = doc.text
    resolver = Resolver(text, doc.lower)
    resolver.quote_at = doc.quote_at
    out: list[Speaker] = []
    prev: Span | None = None
    for a in spans:
        sent = _sentence_span(text, a)
        same = prev if prev is not None and prev.sentence_id == a.sentence_id else None
        res, a = resolver.resolve(a, sent, same)
        prev = a
        outlet = None
        if a.object is not None:
            o0, o1 = a.object
            if is_outlet(text[o0:o1]):
                outlet = resolver.outlet_between(a.cue_start, o1 + 1) or text[o0:o1].strip()
        if outlet is None:
            lo = sent[0]
            hi = min(sent[1], a.cue_end + 250)  # sent[1] is _sentence_end(text, a): the cue did not move
            outlet = resolver.outlet_between(lo, hi)
        if outlet is None and res.speaker_type == "media" and res.speaker:
            outlet = res.speaker
        role = _stated_role(a.title or a.mention) if a.mention else None
        described = [a.title or a.mention, *resolver.titles(res.speaker or "", 3)]
        former = any(_says_former(d) for d in described if d)
        author = a.mention.lower() in AUTHOR_PRONOUNS and doc.quote_at(a.cue_start) is None
        out.append(Speaker(res.speaker, res.speaker_type, res.person, res.plural, a.mention_start, a.mention_end,
                           a.mention, outlet, role, former, author))
    return tuple(out)


@lru_cache(maxsize=4096)
def _stated_role(description: str) -> str | None:
    """The speaker type the role words of a description state (its adjuncts left out)."""
    return _role_type(_words(without_adjuncts(description)))


@lru_cache(maxsize=4096)
def _says_former(description: str) -> bool:
    """The description holds a "former" word (the same titles are asked about for every mention)."""
    return _FORMER.search(description) is not None


@lru_cache(maxsize=4096)
def _lower_words(description: str) -> tuple[str, ...]:
    """The words of a description, lower-cased (the same titles are read for many mentions)."""
    return tuple(_words(description.lower()))


def _holds_role(title: tuple[str, ...], head: str, mention: list[str]) -> bool:
    """The title names the role ``head`` without a modifier the mention lacks ("Vice President
    Joseph Biden" does not hold "the president")."""
    for i, w in enumerate(title):
        if w == head and not (i > 0 and title[i - 1] in _TITLE_MODIFIERS and title[i - 1] not in mention):
            return True
    return False


def _sentence_span(text: str, a: Span) -> tuple[int, int]:
    floor = max(0, a.cue_start - 1500)
    lo = max(text.rfind("\n", floor, a.cue_start) + 1, floor)
    return lo, _sentence_end(text, a)


def _sentence_end(text: str, a: Span) -> int:
    limit = min(len(text), a.cue_end + 1500)
    hi = text.find("\n", a.cue_end, limit)
    return limit if hi < 0 else hi


@lru_cache(maxsize=4096)
def canonical_name(mention: str) -> str:
    """The name inside a mention: titles, roles and articles removed ('Sen. Ann Lee' -> 'Ann Lee')."""
    mention = _POSSESSIVE.sub("", mention.strip(" ,.;:"))
    ws = _words(mention)
    while len(ws) > 1 and ws[0].lower() in _FUNCTION_WORDS:  # "But Fowler", "For Trump" at sentence start
        mention = mention[mention.index(ws[0]) + len(ws[0]):].lstrip()
        ws = ws[1:]
    if not ws:
        return mention
    if is_outlet(mention):
        return _outlet_name(_ARTICLE.sub("", mention)) if mention[:1].islower() else _outlet_name(mention)
    r = roles()
    # the person's name is the run of capitalised words at the end that are not titles or institutions
    k = len(ws)
    while k > 0:
        w = ws[k - 1]
        low = _clean(w)
        if not (w[:1].isupper() or (len(w) == 2 and w.endswith("."))) or low in r or low in _HONORIFICS or low in _GOV_WORDS or low in _ORG_WORDS or low in TITLE_ROLES:
            break
        if k < len(ws) and _POSSESSIVE.search(w):
            break  # "CNN's Wolf Blitzer": the owner is no part of the name
        k -= 1
    tail = ws[k:]
    if k > 0 and _clean(ws[k - 1]) in ("of", "on", "for", "and", "the", "&", "de", "in", "from", "at", "near"):
        tail = []  # "Commission on Presidential Debates" is one institution; "residents in Millbrook" no place
    if tail and (k == 0 or len(tail) >= 2 or _clean(ws[k - 1]) in r or _clean(ws[k - 1]) in _HONORIFICS):
        return " ".join(tail)
    return _ARTICLE.sub("", mention)


def _person_names(text: str):
    """(match, full name) for each multi-word capitalised run that is a person's name."""
    for m in _CAP_RUN.finditer(text):
        run = m.group()
        lo = max(0, m.start() - 40)
        if run.count(" ") >= 2 and _ends_before_blanks(text, lo, m.start(), _OFFICE_END) and _OFFICE_OF.search(text, lo, m.start()):
            # "Secretary of State John Kerry": the office's object opens the run; the name is its end
            ws = run.split()
            run = " ".join(ws[-3:] if len(ws[-2]) == 2 and ws[-2].endswith(".") else ws[-2:])
        full = canonical_name(run)
        if " " in full and _is_person_name(full):
            yield m, full


def surname_index(text: str) -> dict[str, list[tuple[int, str]]]:
    """Surname -> [(offset, full name)] for the person names in a text (no titles: the light
    index find_hedges uses to name speakers as find_sources does)."""
    idx: dict[str, list[tuple[int, str]]] = {}
    for m, full in _person_names(text):
        idx.setdefault(full.split()[-1], []).append((m.start(), full))
    return idx


def full_name_at(index: dict[str, list[tuple[int, str]]], name: str, pos: int) -> str:
    """A lone surname as the full name written last before ``pos`` (or first after it)."""
    cands = index.get(name) if " " not in name else None
    if not cands:
        return name
    before = [c for c in cands if c[0] <= pos]
    return (before[-1] if before else cands[0])[1]


_OUTLET_INDEX_MAX = 200_000  # characters up to which one outlet scan of the whole text pays off
_BODY_REACH = 250  # characters around a name in which the article may present it as a body
_BODY_WINDOWS = 50


@lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern[str]:
    r"""``\bword\b``, compiled once per word (role heads: a few hundred at most)."""
    return re.compile(rf"\b{re.escape(word)}\b")


@lru_cache(maxsize=256)
def _body_pattern(name: str) -> re.Pattern[str]:
    """The name's whole presentation-as-a-body pattern (used only for a name written very often)."""
    n = re.escape(name)
    return re.compile(
        rf"\b{_BODY_NOUNS}\s*,?\s+(?:the\s+)?{n}\b"
        rf"|\b{n},\s+(?:which\b|(?:the|a|an|[A-Z]\w+(?:'s|’s))\s+(?:[\w\-]+\s+){{0,4}}?{_BODY_NOUNS}\b)"
        rf"|calling\s+(?:itself|themselves)\s+(?:the\s+)?[\"“']?{n}\b"
        rf"|\b{n}(?:'s|’s)?\s+{_BODY_PARTS}\b"
    )


# :func:`_body_pattern` split at the name, each part compiled once: the part before the name must
# end where the name starts (``\Z`` at ``endpos``), the part after it starts where the name ends.
_BOUNDARY = re.compile(r"\b")
_BODY_BEFORE_NOUN = re.compile(rf"\b{_BODY_NOUNS}\s*,?\s+(?:the\s+)?\Z")
# how the text before the name ends (before its white space) in every _BODY_BEFORE_NOUN match:
# a body noun, its comma, or "the" (a cheap test tried before the pattern)
_BODY_BEFORE_ENDS = ("the", ",", *_BODY_NOUNS[3:-1].split("|"))
_BODY_BEFORE_CALLING = re.compile(r"calling\s+(?:itself|themselves)\s+(?:the\s+)?[\"“']?\Z")
_BODY_AFTER_WHICH = re.compile(
    rf",\s+(?:which\b|(?:the|a|an|[A-Z]\w+(?:'s|’s))\s+(?:[\w\-]+\s+){{0,4}}?{_BODY_NOUNS}\b)"
)
_BODY_AFTER_PARTS = re.compile(rf"(?:'s|’s)?\s+{_BODY_PARTS}\b")


def _body_in_window(text: str, name: str, lo: int, hi: int) -> bool:
    """Exactly ``_body_pattern(name).search(text, lo, hi) is not None``, without compiling
    anything per name: every match holds the name at some offset ``q`` in ``[lo, hi)``."""
    q = text.find(name, lo, hi)
    while q >= 0:
        e = q + len(name)
        end_b = _BOUNDARY.match(text, e, hi) is not None
        if end_b and (
            (q > lo and text[q - 1].isspace() and text[lo:q].rstrip().endswith(_BODY_BEFORE_ENDS) and _BODY_BEFORE_NOUN.search(text, lo, q))
            or (text.find("calling", lo, q) >= 0 and _BODY_BEFORE_CALLING.search(text, lo, q))
        ):
            return True
        if _BOUNDARY.match(text, q, hi) is not None and (
            _BODY_AFTER_WHICH.match(text, e, hi) or _BODY_AFTER_PARTS.match(text, e, hi)
        ):
            return True
        q = text.find(name, q + 1, hi)
    return False


class Resolver:
    """Walks the attributions of one text in order, resolving each speaker against the earlier ones."""

    def __init__(self, text: str, lower: str | None = None) -> None:
        self.text = text
        self.history: list[tuple[int, str, str, bool, bool, str]] = []  # pos, name, type, person, plural, title
        self._names: dict[str, list[tuple[int, str]]] | None = None
        self._name_order: list[tuple[int, str]] = []
        self.quote_at = None  # the document's quotation look-up (set by resolve_speakers)
        self._acronyms: dict[str, str] | None = None
        # descriptions of each person (see titles()): added by the resolver, newest first; the
        # article's own, worked out so far; the occurrences (matches) not described yet
        self._added_titles: dict[str, list[str]] = {}
        self._described: dict[str, list[str]] = {}
        self._undescribed: dict[str, list[re.Match[str]]] = {}
        self._adjectives: dict[str, bool] = {}  # word -> used as an adjective (see _adjective)
        self._bodies: dict[str, bool] = {}
        self._outlet_pos: list[int] | None = None
        self.genders: dict[str, str] = {}
        self.subject_pos: list[tuple[int, str]] = []  # people who open a sentence ("Professor Idris Haddad ...")
        # one pass each over the text, then per-attribution look-ups by position
        low = text.lower() if lower is None else lower  # the document's lower-cased text, when given
        self.anon_pos = (
            [m.start() for m in anonymity_patterns()[1].finditer(text)]
            if any(k in low for k in _ANON_HINTS) else []
        )


    def anonymous_between(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.anon_pos, start)
        return i < len(self.anon_pos) and self.anon_pos[i] < end

    def outlet_between(self, start: int, end: int) -> str | None:
        if self._outlet_pos is None and len(self.text) <= _OUTLET_INDEX_MAX:
            # an article: one scan for outlet names, on the first attribution that asks
            self._outlet_pos = [m.start() for m in _outlet_regex().finditer(self.text)]
        if self._outlet_pos is not None:
            i = bisect.bisect_left(self._outlet_pos, start)
            hit = i < len(self._outlet_pos) and self._outlet_pos[i] < end
        else:
            # a huge text: a bounded search near the cue, so the cost follows the attributions
            m = _outlet_regex().search(self.text, start, min(len(self.text), end + 200))
            hit = m is not None and m.start() < end
        return find_outlet(self.text, start, end) if hit else None

    def names(self) -> dict[str, list[tuple[int, str]]]:
        """Surname -> [(offset, full name)] for every multi-word capitalised name in the text."""
        if self._names is None:
            idx: dict[str, list[tuple[int, str]]] = {}
            text = self.text
            for m, full in _person_names(text):
                start = m.start()
                idx.setdefault(full.split()[-1], []).append((start, full))
                before = text[max(0, start - 3):start].strip()
                if not before or before[-1] in ".!?\"”\n":
                    self.subject_pos.append((start, full))
                self._undescribed.setdefault(full, []).append(m)
            self._names = idx
            self._name_order = sorted((p, full) for cands in idx.values() for p, full in cands)
            # "Rep. Gwen Moore (D-Wis.)", "Cruz, R-Texas,": the party-and-state tag of a US lawmaker
            for m in _PARTY_STATE.finditer(self.text) if _PARTY_HINT.search(self.text) else ():
                full = self.full_name(m.group(1), m.start())
                self.add_title(full, f"lawmaker {full}")
            # "Mr. Clarke ...": a single surname with an honorific opens a sentence too
            for m in _HONORIFIC_NAME.finditer(self.text):
                before = self.text[max(0, m.start() - 3):m.start()].strip()
                full = self.full_name(m.group(2), m.start())
                hon = m.group(1).lower()
                if hon in _GENDERED:
                    self.genders.setdefault(full, _GENDERED[hon])
                if not before or before[-1] in ".!?\"”\n":
                    self.subject_pos.append((m.start(), full))
            self.subject_pos.sort()
        return self._names

    def titles(self, name: str, n: int) -> list[str]:
        """The first ``n`` descriptions of the person ``name``: those the resolver added (newest
        first: :meth:`add_title`), then the roles written around the name where the article
        names it (:meth:`_title_at`, in text order, the ones that say more than the name).

        The article's descriptions are worked out on demand, only as far as the ``n`` asked for
        (never more than four are read), instead of for every occurrence of every name."""
        front = self._added_titles.get(name, ())
        if len(front) >= n:
            return list(front[:n])
        want = n - len(front)
        found = self._described.get(name)
        pending = self._undescribed.get(name)
        if pending and (found is None or len(found) < want):
            if found is None:
                found = self._described[name] = []
            while pending and len(found) < want:
                title = self._title_at(pending.pop(0), name)
                if title != name:
                    found.append(title)
        return [*front, *(found or ())][:n]

    def add_title(self, name: str, title: str) -> None:
        """Put ``title`` first among the descriptions of ``name``."""
        self._added_titles.setdefault(name, []).insert(0, title)

    def _title_at(self, m: re.Match[str], full: str) -> str:
        """The name matched by ``m`` (a :data:`_CAP_RUN` match; ``full`` its canonical name) with
        the roles written around it ("Mr. Tom Hart", "Secretary of State John Kerry", "CNN's Ann
        Lee", "Ann Lee, a spokeswoman for ...")."""
        text = self.text
        start, end = m.start(), m.end()
        title = m.group()
        hon = _HONORIFIC_BEFORE.search(text, max(0, start - 8), start)
        if hon:
            title = hon.group() + title  # "Mr. Tom Hart", "Ms. Ann Lee"
        pre = _pre_title(text, max(0, start - 80), start)
        if pre:
            # only the role words right before the name ("coal miners met Tom Clarke" is no title)
            r = roles()
            kept: list[str] = []
            for w in reversed(pre.split()):
                if w.lower() not in r and w.lower() not in _TITLE_MODIFIERS and w.lower() not in BODY_WORDS:
                    break
                kept.insert(0, w)
            if kept:
                title = " ".join(kept) + " " + title
        lo = max(0, start - 40)
        office = _OFFICE_OF.search(text, lo, start) if _ends_before_blanks(text, lo, start, _OFFICE_END) else None
        if office and _role_type([office.group(1)]) is not None:
            title = office.group() + title  # "Secretary of State John Kerry"
        else:
            lo = max(0, start - 60)
            o = (_OUTLET_POSSESSIVE.search(text, lo, start) if _ends_before_blanks(text, lo, start, _POSS_END) else None) or (
                _OUTLET_POSSESSIVE.search(title, 0, len(title) - len(full)) if _ends_before_blanks(title, 0, len(title) - len(full), _POSS_END) else None)
            if o is not None and (o.group(2) or is_outlet(o.group(1))):
                title = "reporter " + title  # "Foreign Policy magazine's Tom Ricks", "CNN's Ann Lee"
        app = _APPOSITIVE.match(text, end)
        if app:
            title += app.group()
        if text.startswith(",", end):
            lo = max(0, start - 60)
            pa = _PRE_APPOSITIVE.search(text, lo, start) if _ends_comma_space(text, lo, start) else None
            if pa and _role_type(pa.group(1).split()) is not None:
                title = pa.group(1) + " " + title
        if _CITIZEN_AFTER.match(text, end):
            title += " resident"  # typing hint, after any stated role so that one wins
        return title

    def full_name(self, name: str, pos: int) -> str:
        return name if " " in name.strip() else full_name_at(self.names(), name.strip(), pos)

    def resolve(self, a: Span, sentence: tuple[int, int], same_sentence_prev: Span | None) -> tuple[Resolved, Span]:
        """The speaker of ``a`` and the span with the mention it finally uses."""
        if a.inherit and same_sentence_prev is not None and same_sentence_prev.mention_start is not None:
            b = same_sentence_prev
            a = a._replace(mention_start=b.mention_start, mention_end=b.mention_end, mention=b.mention,
                           mention_kind=b.mention_kind, title=b.title)
        return self._resolve(a, sentence), a

    def _resolve(self, a: Span, sentence: tuple[int, int]) -> Resolved:
        text = self.text
        anon = self.anonymous_between(*sentence)
        kind = a.mention_kind
        mention = a.mention
        if kind == "none" or a.mention_start is None:
            if self.history and a.inherit:
                h = self.history[-1]
                return Resolved(h[1], h[2], h[3], h[4])
            return Resolved(None, "other", False, False)
        if kind in ("pronoun", "rel"):
            low = mention.lower()
            if kind == "rel" and a.antecedent is not None:
                ant = text[a.antecedent[0]:a.antecedent[1]]
                name = self.full_name(canonical_name(ant), a.antecedent[0])
                typ = speaker_type(ant, ant, "name" if ant[:1].isupper() else "np", anon, name)
                res = Resolved(name, typ, _is_person_name(name), ant.endswith("s") and not ant[:1].isupper())
                self._remember(a, res, ant)
                return res
            if low in ("i", "we", "you") and not self.history:
                return Resolved(mention, "other", low == "i", low == "we")
            if low in ("i", "we", "me", "us") and self.quote_at is not None and self.quote_at(a.mention_start) is None:
                # "I"/"we" outside any quotation is the writer's own voice, not the last speaker's
                return Resolved(mention, "other", low in ("i", "me"), low in ("we", "us"))
            res = self._pronoun(low, a.mention_start)
            if res is not None:
                return res
            return Resolved(mention, "other", low in ("he", "she", "i"), low in _PLURAL_PRONOUNS)
        name = canonical_name(mention)
        if kind == "name":
            name = self.full_name(name, a.mention_start)
        elif kind == "np":
            prior = self._role_antecedent(mention, a.mention_start)
            if prior is not None:
                self._remember(a, prior, mention)
                return prior
            name = _ARTICLE.sub("", mention.strip()) if not _is_person_name(name) else name
        if kind == "name":
            self.names()  # finds every name in the text (the roles around them: titles())
        if kind == "name" and a.title and a.title != name:
            self.add_title(name, a.title)
        title = " ".join(x for x in (a.title, *self.titles(name, 3)) if x)
        typ = speaker_type(mention, title, kind, anon, name)
        state = typ == "other" and kind in ("name", "np") and self._is_state(name)
        if state:
            typ = "official"  # "Russia said", "Ostrenia denies": a state speaks through its government
        elif typ == "other" and kind in ("name", "np") and name.isupper() and self._acronym_type(name):
            typ = self._acronym_type(name)  # "MEND said", after "the Movement for the ... Delta (MEND)"
        elif typ == "other" and kind == "name" and self._is_body(name):
            typ = "organization"  # "Valgrid said", after "the grid operator Valgrid" or "Valgrid, which ..."
        person = _is_person_name(name) and typ not in ("media", "organization", "document") and not state
        if kind == "np":
            person = typ in ("official", "expert", "citizen", "anonymous") and not mention.rstrip().endswith("s")
        plural = kind == "np" and mention.rstrip().endswith("s") and typ != "document"
        res = Resolved(name, typ, person, plural)
        self._remember(a, res, a.title or mention)
        return res

    def _acronym_type(self, acronym: str) -> str | None:
        """The type of the body an acronym stands for, when the article spells it out once
        ("the Federal Bureau of Investigation (FBI)"); one pass over the text, on first use."""
        if self._acronyms is None:
            self._acronyms = {}
            if "(" in self.text:
                for m in _SPELLED_OUT.finditer(self.text):
                    full, short = m.group(1), m.group(2)
                    if short not in self._acronyms:
                        typ = body_type(full) or _role_type(_words(full))
                        if typ in ("official", "organization", "media"):
                            self._acronyms[short] = typ
        return self._acronyms.get(acronym)

    def _is_state(self, name: str) -> bool:
        """A country or capital standing for its government: listed, or (for places the list
        lacks, such as the workshop's fictional states) a single name the article also uses as a
        nationality adjective ("Ostrenia" beside "Ostrenian forces")."""
        if name in states():
            return True
        if " " in name or len(name) < 4 or not name[:1].isupper() or not name.isalpha():
            return False
        stem = name[:-1] if name[-1] in "aeiouy" else name
        forms = (name + "n", name + "an", name + "ian", stem + "ian", stem + "an", name + "ese", stem + "ese", name + "i")
        return any(self._adjective(f) for f in forms if f != name)

    def _adjective(self, word: str) -> bool:
        r"""``word in set(_ADJECTIVE_CANDIDATE.findall(text))`` (a capitalised word not followed
        by another name word), from the word's own occurrences, kept per word.

        A match is a whole word (``\b`` on both sides of a run of letters), so every offset where
        the pattern matches opens one of the matches ``findall`` gives."""
        hit = self._adjectives.get(word)
        if hit is None:
            hit = self._adjectives[word] = matches_at(self.text, word, _ADJECTIVE_CANDIDATE)
        return hit

    def _is_body(self, name: str) -> bool:
        """The article presents a name as a company or group: "the grid operator Valgrid",
        "Aldergate Agrochem, which employs ...", "a group calling itself Grey Tide",
        "Vellacom customers". Checked for at most 40 names per text, so the cost stays linear."""
        if name not in self._bodies:
            if len(self._bodies) >= 40 or not name[:1].isupper():
                return False
            # every alternative holds the name: search only around its occurrences (a C-level
            # find per name) with patterns compiled once, instead of compiling a pattern per name
            # (a name written more than _BODY_WINDOWS times gets one scan of the whole text with
            # that name's own pattern, so the cost stays linear however often the name repeats)
            text = self.text
            found = False
            # the name's occurrences left to right, not overlapping (what re.finditer of the
            # escaped name gives, without compiling a pattern per name)
            k, q = 0, text.find(name)
            while q >= 0:
                if k >= _BODY_WINDOWS:
                    found = _body_pattern(name).search(text) is not None
                    break
                lo, hi = max(0, q - _BODY_REACH), min(len(text), q + len(name) + _BODY_REACH)
                if _body_in_window(text, name, lo, hi):
                    found = True
                    break
                k, q = k + 1, text.find(name, q + len(name))
            self._bodies[name] = found
        return self._bodies[name]

    def _remember(self, a: Span, res: Resolved, title: str) -> None:
        if res.speaker:
            self.history.append((a.cue_start, res.speaker, res.speaker_type, res.person, res.plural, title.lower()))

    def _gender(self, name: str) -> str | None:
        """'m'/'f' when the article shows it (Mr./Ms., spokeswoman, an earlier he/she), else None."""
        if name in self.genders:
            return self.genders[name]
        for t in self.titles(name, 4):
            for w in _lower_words(t):
                g = _GENDERED.get(w.rstrip("."))
                if g:
                    self.genders[name] = g
                    return g
        return None

    def _pronoun(self, low: str, pos: int) -> Resolved | None:
        low = _POSSESSIVE_PRONOUNS.get(low, low)
        want = "m" if low in ("he", "him") else "f" if low in ("she", "her") else None
        res = self._pronoun_candidate(low, pos, want)
        if res is not None and want and res.speaker and res.person:
            self.genders.setdefault(res.speaker, want)
        return res

    def _pronoun_candidate(self, low: str, pos: int, want: str | None) -> Resolved | None:
        def fits(name: str) -> bool:
            g = self._gender(name) if want else None
            return g is None or g == want

        if low in ("he", "she", "him", "her"):
            # a person introduced as the subject of a sentence after the last speaker is nearer
            last_person = next((h[0] for h in reversed(self.history[-12:]) if h[3] and not h[4] and fits(h[1])), -1)
            self.names()
            i = bisect.bisect_left(self.subject_pos, (pos, ""))
            while i > 0 and self.subject_pos[i - 1][0] > last_person:
                full = self.subject_pos[i - 1][1]
                if fits(full):
                    title = " ".join(self.titles(full, 3))
                    return Resolved(full, speaker_type(full, title, "name", False, full), True, False)
                i -= 1
        for _, name, typ, person, plural, _title in reversed(self.history[-12:]):
            if low in ("he", "she", "him", "her", "i") and person and not plural and fits(name):
                return Resolved(name, typ, True, False)
            if low in ("they", "them", "we", "us") and (plural or typ in ("organization", "media", "official") and not person):
                return Resolved(name, typ, False, True)
            if low == "it" and not person and not plural:
                return Resolved(name, typ, False, False)
        if low in ("he", "she", "him", "her"):
            # nobody has spoken yet: the nearest full name before the pronoun
            best = None
            for cands in self.names().values():
                for p, full in cands:
                    if p < pos and (best is None or p > best[0]):
                        best = (p, full)
            if best is not None:
                title = " ".join(self.titles(best[1], 3))
                typ = speaker_type(best[1], title, "name", False, best[1])
                return Resolved(best[1], typ, True, False)
        return None

    def _role_antecedent(self, mention: str, pos: int | None = None) -> Resolved | None:
        ws = [_clean(w) for w in _words(mention)]
        if not ws or ws[0] != "the" or len(ws) < 2:
            return None
        head = ws[-1]
        r = roles()
        if head not in r and " ".join(ws[-2:]) not in r:
            return None
        if r.get(head, r.get(" ".join(ws[-2:]))) == "document":
            return None  # "The figures reveal": a document, whoever obtained it
        for _, name, typ, person, plural, title in reversed(self.history[-12:]):
            if person and _whole_word(head).search(title) and name.lower() != " ".join(ws[1:]):
                return Resolved(name, typ, person, plural)
        if pos is None or head.endswith("s") or r.get(head) not in ("official", "expert", "citizen"):
            return None  # only a role a single person holds ("the company" is no person)
        # nobody who spoke holds the role: the nearest person named with it before ("Environment
        # Minister Sara Lind opened the farm. The minister said ..."), looking back over 20 names
        self.names()
        i = bisect.bisect_left(self._name_order, (pos, ""))
        for _p, full in reversed(self._name_order[max(0, i - 20):i]):
            titles = self.titles(full, 3)
            if any(_holds_role(_lower_words(t), head, ws) for t in titles):
                title = " ".join(titles)
                return Resolved(full, speaker_type(full, title, "name", False, full), True, False)
        return None
