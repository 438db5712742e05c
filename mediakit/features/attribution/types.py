"""Step 4 of attribution: what kind of source each speaker is, one type per person per article.

The typing rules read the speaker's description (role words from ``lexicons/<language>/roles.tsv``,
outlet names, institution words, anonymity markers) and give one of :data:`SPEAKER_TYPES`. The
resolver (:mod:`.speakers`) asks them once per mention; :func:`type_speakers` then makes the
article consistent: a person keeps one type throughout (the type their own role words in the
article state most often, before any default).

>>> speaker_type("the ministry spokesman", "the ministry spokesman", "np", False, "ministry spokesman")
'official'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ...lexicons.reader import word_set, word_sets
from ...text.wordtrie import trie_regex
from .lexicon import anonymity_patterns, outlets, roles

SPEAKER_TYPES = ("official", "expert", "organization", "media", "anonymous", "citizen", "document", "other")

_GOV_WORDS = word_set("en", "attribution_words.tsv", "type_gov_words")
_ORG_WORDS = word_set("en", "attribution_words.tsv", "type_org_words")
_BODIES = word_sets("en", "speaker_bodies.tsv")
# head words of a body: the kind of body decides the type of the body and of its generic roles
_GOV_BODY = (_BODIES["gov_body"] | _GOV_WORDS) - {"house", "council"}  # a council may be an NGO's
_ORG_BODY = _BODIES["org_body"] | (_ORG_WORDS - {"party", "board"})
_BODY_ONLY_ROLES = _BODIES["body_only_role"]
_GENERIC_ROLES = _BODIES["generic_role"] | _BODY_ONLY_ROLES
TITLE_ROLES = _GENERIC_ROLES  # role words that are titles, never part of a name ("Police Chief Omar Diaz")
NOT_NAME_START = _BODIES["not_name_start"]
BODY_WORDS = _GOV_BODY | _ORG_BODY  # kept in a lower-case title before a name ("office chief Ann Lee")
_NAME_LINKS = frozenset(("of", "for", "on", "and", "&", "the", "de", "du", "des", "la", "le", "di", "del", "der", "von", "van"))

_MASTHEAD = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w.\-&]*\s+){0,3}(?:Times|Post|News|Journal|Herald|Tribune|Gazette|Telegraph|Guardian|"
    r"Chronicle|Observer|Examiner|Courier|Standard|Express|Mirror|Magazine|Radio|Television|TV|Broadcasting|Daily|Wire)$"
)

_WHICH_CLAUSE = re.compile(r",\s+which\b")
_ADJUNCT = re.compile(r",\s+(?:in|on|after|during|before|since|despite|like|unlike|speaking|standing|sitting|looking|"
                      r"meanwhile|however|though|too|also)\b[^,]*")

# Patterns used per mention, compiled once (re's cache lookup costs more than these matches).
_NAME_WORD = re.compile(r"[\w’'.\-&]+")

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_THE = re.compile(r"^The\s+")

_INDEFINITE = word_set("en", "attribution_words.tsv", "type_indefinite")
_SPOKES = re.compile(r"\bspokes(?:man|woman|person|people|men|women)\b", re.I)  # on the record for a body
_CONTRACTION = re.compile(r"[’'](?:s|ll|ve|re|m|d)$|[’']$", re.I)

def _words(s: str) -> list[str]:
    return _NAME_WORD.findall(s)


@lru_cache(maxsize=65536)  # called for every word of every mention and title: the same few words
def _clean(w: str) -> str:
    w = w.lower().rstrip(".").replace("’s", "").replace("'s", "")
    return w[3:] if w.startswith("ex-") and len(w) > 4 else w  # "ex-minister": the role is "minister"

@lru_cache(maxsize=4096)
def _is_person_name(name: str) -> bool:
    ws = name.split()
    if not ws or len(ws) > 5:
        return False
    if len(ws) > 1 and ws[0].lower() in NOT_NAME_START:
        return False  # "The Portuguese", "Despite Smith", "Within HR": no person's name
    if any(_CONTRACTION.search(w) for w in ws):
        return False  # "Peter’s Square", "I’ll", "Sometimes I’ve"
    lows = [_clean(w) for w in ws]
    r = roles()
    if any(w in _GOV_WORDS or w in _ORG_WORDS or w in r for w in lows) or is_outlet(name):
        return False
    return all(w[:1].isupper() for w in ws)


_MAST_WORDS = (r"(?:Times|Post|News|Journal|Herald|Tribune|Gazette|Telegraph|Chronicle|Examiner|Courier|Magazine|"
               r"Radio|Television|TV)(?:-[A-Z][a-z]+)?")  # "Post-Gazette"
_MAST_WORD = r"[\w.\-&]*\s+"  # a masthead word after its capital


@lru_cache(maxsize=1)
def _outlet_regex() -> re.Pattern[str]:
    r"""An outlet name or a masthead ("The Springfield Herald") as a whole word.

    The same matches, at every offset, as the plain form
    ``(?<![\w])(?=[A-Zd])(?:(?i:MULTI)|SINGLE|MASTHEAD)(?![\w])`` (MULTI: the multi-word
    names, which also match in capitals, "USA TODAY"; SINGLE: the one-word names but "X", which
    is too ambiguous; MASTHEAD: ``(?:The\s+)?(?:[A-Z][\w.\-&]*\s+){1,3}`` before a masthead
    word), written as one branch per first character: the character, the look-behind moved after
    it (``(?<!\w.)``), then the three kinds of name that can open with it, in the same order and
    as tries of the rest of each name. A pattern that opens with literal characters lets ``re``
    skip to them in C instead of entering the matcher at every offset.
    """
    names = [n for n in outlets() if len(n) > 1]
    multi = {n.lower() for n in names if " " in n}
    single = {n for n in names if " " not in n}
    branches = []
    for first in "ABCDEFGHIJKLMNOPQRSTUVWXYZd":  # the characters a match can open with
        parts = []
        rest = sorted(n[1:] for n in multi if n[0] == first.lower())
        if rest:
            parts.append(f"(?i:{trie_regex(rest)})")
        rest = sorted(n[1:] for n in single if n[0] == first)
        if rest:
            parts.append(trie_regex(rest))
        if first.isupper():
            # the masthead after its first capital: "The" and one to three words, or one to three words
            tail = rf"{_MAST_WORD}(?:[A-Z]{_MAST_WORD}){{0,2}}{_MAST_WORDS}"
            if first == "T":
                tail = rf"he\s+(?:[A-Z]{_MAST_WORD}){{1,3}}{_MAST_WORDS}|{tail}"
            parts.append(tail)
        if parts:
            branches.append(rf"{re.escape(first)}(?<!\w.)(?:{'|'.join(parts)})")
    return re.compile(rf"(?:{'|'.join(branches)})(?![\w])")


# Channel phrases: the outlet a source spoke to or through.
_CHANNEL = re.compile(
    r"\b(?:told|telling|tells|tell|interview(?:ed)?\s+(?:with|by)|(?:speaking|spoke|speaks|talking|talked)\s+(?:to|with)|"
    r"wrote\s+(?:in|on|for)|writing\s+(?:in|on|for)|writes\s+(?:in|on|for)|op-ed\s+(?:in|for)|"
    r"posted\s+on|posting\s+on|(?:said|says|say|saying)\s+(?:on|to)|appearance\s+on|appearing\s+on|"
    r"quoted\s+by|cited\s+by|reported\s+by|according\s+to|on|via|in\s+a\s+(?:post|message|video|statement)\s+on)\s+",
    re.I,
)


def find_outlet(text: str, start: int, end: int) -> str | None:
    """The outlet named in a channel phrase inside ``text[start:end]`` ('told Reuters').

    >>> find_outlet("She told Reuters on Friday.", 0, 27)
    'Reuters'
    """
    rx = _outlet_regex()
    for m in _CHANNEL.finditer(text, start, end):
        p = m.end()
        if text[p:p + 4] == "the ":
            p += 4  # "told the BBC"
        o = rx.match(text, p)
        if o is not None:
            return _outlet_name(o.group())
    return None


@lru_cache(maxsize=1)
def _outlets_by_lower() -> dict[str, str]:
    """``{name.lower(): name}`` over the outlet list, built once (was rebuilt on every call)."""
    return {k.lower(): k for k in outlets()}


def _outlet_name(s: str) -> str:
    s = s.strip()
    known = outlets()
    if s in known:
        return s
    folded = _outlets_by_lower()
    if s.lower() in folded:
        return folded[s.lower()]  # "USA TODAY" -> "USA Today"
    bare = _THE.sub("", s)
    for cand in (bare, "The " + bare):
        if cand in known:
            return cand
    return s


@lru_cache(maxsize=4096)
def is_outlet(name: str) -> bool:
    if not name:
        return False
    bare = _ARTICLE.sub("", name.strip())
    known = outlets()
    return name in known or bare in known or ("The " + bare) in known or bool(_MASTHEAD.match(bare)) or (
        "-" in bare and bool(_MASTHEAD.match(bare.replace("-", " "))))  # "Pittsburgh Post-Gazette"


def without_adjuncts(desc: str) -> str:
    """A description without its comma-set adjuncts of time, place or manner, which hold no role
    ("Hewitt, in his 12th Australian Open campaign," is no organization)."""
    return _ADJUNCT.sub("", desc) if ", " in desc else desc


def _role_type(words: list[str]) -> str | None:
    return _role_type_cached(tuple(words))


@lru_cache(maxsize=4096)
def _role_type_cached(words: tuple[str, ...]) -> str | None:
    r = roles()
    lows = [_clean(w) for w in words]
    for k in range(len(lows)):
        two = " ".join(lows[k:k + 2])
        if two in r:
            return _body_of_role(lows, k, 2) or r[two]
        if lows[k] in _BODY_ONLY_ROLES:
            body = _body_of_role(lows, k, 1)
            if body is not None:
                return body  # "office chief", "the head of the port agency"
            continue
        if lows[k] in r:
            if r[lows[k]] == "organization" and _in_institution_name(words, k):
                continue  # "the Council of Nations envoy": the person is the envoy
            while k + 1 < len(lows) and lows[k + 1] in r and not (k + 2 < len(lows) and " ".join(lows[k + 1:k + 3]) in r):
                k += 1  # "industry analysts", "union official": the last role word of a run is its head
            return _body_of_role(lows, k, 1) or r[lows[k]]
    return None


def _body_of_role(lows: list[str], k: int, width: int) -> str | None:
    """For a role any body has ("spokeswoman", "chief", "boss"), the type of the body the
    description names: after the role ("a spokesman for the Metro Transit Authority", "the chief
    of the Millbrook Fire Department") or, failing that, right before it ("Council boss")."""
    if lows[k] not in _GENERIC_ROLES and " ".join(lows[k:k + width]) not in _GENERIC_ROLES:
        return None
    after = lows[k + width:k + width + 10]
    if after and after[0] in ("of", "for", "at", "with"):
        for w in after[1:]:
            if w in _GOV_BODY:
                return "official"
            if w in _ORG_BODY:
                return "organization"
    for w in reversed(lows[max(0, k - 3):k]):
        if w in _GOV_BODY:
            return "official"
        if w in _ORG_BODY:
            return "organization"
    return None


@lru_cache(maxsize=4096)
def body_type(name: str) -> str | None:
    """The type of a body named by its proper name, from the head word of the name (its last
    word before any "of"/"for"): "the Ministry of Health" and "Port Authority of New York" are
    official; "Brightwater Foods Inc.", "Halvorsen University" and "Northfield Residents
    Association" are organizations. None for anything else (a person, a description with
    lower-case words, "Professor Ann Lee of the University of X", a name with no body word).

    >>> body_type("Ministry of Health"), body_type("Halvorsen University"), body_type("Ann Lee")
    ('official', 'organization', None)
    """
    ws = _words(_ARTICLE.sub("", name.strip()))
    if len(ws) < 2 or len(ws) > 10:
        return None
    head = None
    in_head = True
    for w in ws:
        low = _clean(w)
        if low in _NAME_LINKS:
            if low in ("of", "for", "on", "at") and head is not None:
                in_head = False  # "Ministry | of Health": the head segment ended
            continue
        if not w[:1].isupper() and not w[:1].isdigit():
            return None  # a description, not a name
        if in_head:
            head = low
    if head in _GOV_BODY:
        return "official"
    if head in _ORG_BODY:
        return "organization"
    return None


def _in_institution_name(words: tuple[str, ...], k: int) -> bool:
    """``words[k]`` opens a capitalised institution name used as a modifier ("Council of Nations")."""
    nxt = words[k + 1:k + 3]
    return words[k][:1].isupper() and len(nxt) == 2 and nxt[0] == "of" and nxt[1][:1].isupper() and len(words) > k + 3


@lru_cache(maxsize=4096)
def speaker_type(mention: str, title: str, kind: str, anonymous_context: bool, canonical: str) -> str:
    """One of official, expert, organization, media, anonymous, citizen, document, other.

    ``anonymous_context``: the sentence says the source is unnamed ("on condition of anonymity").
    """
    anon_speaker, _ = anonymity_patterns()
    named = kind == "name" and _is_person_name(canonical) and canonical.lower() not in roles()
    if not named and anon_speaker.search(mention):
        return "anonymous"
    if not named and kind in ("np", "pronoun", "none") and anonymous_context:
        return "anonymous"
    if is_outlet(canonical) or is_outlet(mention):
        return "media"
    if not named and kind in ("name", "np"):
        body = body_type(canonical)
        if body is not None:
            return body  # the body's own name says what it is ("Halvorsen University", "Ministry of Health")
    desc = without_adjuncts(title or mention)
    which = _WHICH_CLAUSE.search(desc)
    if which:  # "Aldergate, which employs 350 people,": a body, and the clause's nouns are not its role
        desc = desc[:which.start()]
    words = _words(desc)
    lows = [_clean(w) for w in words]
    r = roles()
    if kind == "np" and any(r.get(w) == "document" for w in (_clean(x) for x in _words(mention))):
        return "document"  # "a GAO report released last year", "the poll"
    typ = _role_type(words)
    if typ == "document" and (named or (kind == "name" and lows and r.get(lows[-1]) != "document")):
        # "report author Rob Bailey": a person is never a document, and "Aircraft Crashes Record
        # Office" is an office ("the Mueller Report" ends in its document word and stays one):
        # their other role or institution words decide
        typ = _role_type([w for w in words if r.get(_clean(w)) != "document"])
    if typ is None:
        if any(w in _GOV_WORDS for w in lows):
            typ = "official"
        elif any(w in _ORG_WORDS for w in lows):
            typ = "organization"
    if typ is None:
        return "organization" if which else "other"
    first = lows[0] if lows else ""
    if typ == "official" and not named and kind == "np" and not _SPOKES.search(desc) and (first in _INDEFINITE or (lows and lows[-1].endswith("s") and first not in ("the",))):
        # "a Homeland Security Department official said", "officials said": unnamed officials
        # (a spokesperson speaks on the record for a body: "a ministry spokesman" stays official)
        return "anonymous"
    return typ


# ----------------------------------------------------------------------------- one type per person


class Typed(NamedTuple):
    """The final type of one attribution's speaker (``changed``: the article-level pass moved it)."""

    speaker_type: str
    changed: bool
    former: bool = False  # a former holder of the role the type comes from (one value per person)


def type_speakers(speakers) -> tuple[Typed, ...]:
    """One type per person across the article (see module docstring).

    ``speakers`` are the resolver's records (:class:`.speakers.Speaker`), in text order. The rows
    of one person (the same resolved name, written as a person's name) all take one type: the
    type their own role words state most often (``role_type``; ties: the first stated), else the
    type most of them have, where ``other`` gives way to any other type. ``former`` said once
    holds for every row of the person.
    """
    by_name: dict[str, list[int]] = {}
    for i, sp in enumerate(speakers):
        if sp.name and not sp.plural and (sp.person or _is_person_name(sp.name)):
            by_name.setdefault(sp.name, []).append(i)
    final = [Typed(sp.speaker_type, False, sp.former) for sp in speakers]
    for rows in by_name.values():
        if len(rows) < 2:
            continue
        if any(speakers[i].former for i in rows):  # "former" said once holds for every mention of the person
            for i in rows:
                final[i] = final[i]._replace(former=True)
        types = [speakers[i].speaker_type for i in rows]
        if len(set(types)) < 2:
            continue
        stated = [speakers[i].role_type for i in rows if speakers[i].role_type not in (None, "document")]
        ranked = stated or [t for t in types if t != "other"] or types
        best = max(dict.fromkeys(ranked), key=ranked.count)  # most frequent, first stated on ties
        for i in rows:
            if final[i].speaker_type != best:
                final[i] = final[i]._replace(speaker_type=best, changed=True)
    return tuple(final)
