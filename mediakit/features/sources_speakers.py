"""Who is speaking: canonical names, pronouns and role nouns resolved, and the kind of source.

Resolution is deliberately simple and offline: a later surname ("According to Peskov") maps to
the most recent full name ending in it ("Dmitry Peskov"); "he"/"she" to the nearest earlier
person who spoke; "they" to the nearest group or organisation; a role noun ("the former
secretary general") to the nearest earlier speaker whose description holds that noun.

>>> from mediakit.features.sources_speakers import canonical_name
>>> canonical_name("White House spokesperson Karine Jean-Pierre")
'Karine Jean-Pierre'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .sources_cues import Attribution
from .sources_lexicon import anonymity_patterns, outlets, roles, states

_HONORIFICS = frozenset(
    """mr mrs ms miss dr prof sen rep gov gen lt col maj capt sgt adm cmdr sir lord lady dame rev hon pres
    supt insp det judge justice mayor president premier chancellor king queen prince princess
    pope sheikh""".split()
)
_DETS = frozenset("the a an another one two three several some many most other both all his her their its our".split())
_GOV_WORDS = frozenset(
    """department ministry house kremlin pentagon government administration police army navy force forces
    senate congress parliament council commission committee bureau agency office embassy court cabinet
    military command fbi cia nsa dhs doj nato un eu guard service services""".split()
)
_ORG_WORDS = frozenset(
    """party campaign company corp corporation inc ltd group foundation association union institute center
    centre university college school hospital bank fund network coalition alliance federation league club
    church organization organisation society trust board observatory chamber utility""".split()
)
_MASTHEAD = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w.\-&]*\s+){0,3}(?:Times|Post|News|Journal|Herald|Tribune|Gazette|Telegraph|Guardian|"
    r"Chronicle|Observer|Examiner|Courier|Standard|Express|Mirror|Magazine|Radio|Television|TV|Broadcasting|Daily|Wire)$"
)
# lower-case role words right before a name ("White House spokesperson Karine Jean-Pierre")
_PRE_TITLE = re.compile(r"(?:(?<=\s)|^)(?:[a-z][\w\-]*\s+){1,4}$")
_APPOSITIVE = re.compile(r",\s+(?:a|an|the|who\s+is|now|then|former|currently)\s[^,.;:()]{3,90}[,.]")
# "Dravik's fire chief, Oskar Renholt, said": a role phrase set off before the name
_PRE_APPOSITIVE = re.compile(r"(?:^|(?<=[\s(]))((?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*),\s+$")
# "Sheila Marlow, 78, ...", "Anya Dorsett, who arrived from Ulmar ...", "..., who runs the deli":
# an age or a clause about where someone lives or what they run marks a private person
_CITIZEN_AFTER = re.compile(
    r",\s+(?:aged\s+)?\d{1,3}(?=\s*[,.;])|,\s+(?:\d{1,3},\s+)?who\s+(?:has\s+|had\s+)?(?:lives?|lived|arrived|"
    r"moved|grew\s+up|runs?|ran|owns?|owned|works?|worked|rents?|farms?|was\s+born)\b"
)
_ADJECTIVE_CANDIDATE = re.compile(r"\b([A-Z][a-z]+)\b(?![ \t]+[A-Z][a-z])")
# nouns that present a name as a company or group, and things only a company or group has
_BODY_NOUNS = (r"(?:company|firm|operator|utility|provider|carrier|manufacturer|maker|retailer|chain|"
               r"insurer|producer|supplier|developer|lender|airline|group|brigade|militia|charity|union|"
               r"co-operative|cooperative|conglomerate|subsidiary|startup|start-up)")
_BODY_PARTS = (r"(?:customers|subscribers|shareholders|employees|staff|shop|shops|stores|plant|factory|"
               r"headquarters|board|chief\s+executive|spokesperson|spokesman|spokeswoman|members)")
_WHICH_CLAUSE = re.compile(r",\s+which\b")
_FUNCTION_WORDS = frozenset(
    """but for and so when as in on at after before if this that while since because although though
    yet still then now meanwhile however also even only with without from by to of""".split()
)
_TITLE_MODIFIERS = frozenset("former then acting deputy senior chief top vice assistant press campaign presidential".split())
# Patterns used per mention, compiled once (re's cache lookup costs more than these matches).
_NAME_WORD = re.compile(r"[\w’'.\-&]+")
_POSSESSIVE = re.compile(r"(?:’s|'s|’)$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_THE = re.compile(r"^The\s+")
_CAP_RUN = re.compile(r"(?:[A-Z][\w’'\-]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][\w’'\-]+|[A-Z]\.))+")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Sir|Dame|Lady|Lord)\.?\s+$")
_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen)\.?[ \t]+([A-Z][\w’'\-]+)\b(?![ \t]+[A-Z])")
_GENDERED = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "spokesman": "m", "chairman": "m",
    "congressman": "m", "businessman": "m", "father": "m", "husband": "m", "son": "m", "brother": "m",
    "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f", "queen": "f", "princess": "f",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f", "mother": "f",
    "wife": "f", "daughter": "f", "sister": "f",
}
_POSSESSIVE_PRONOUNS = {"his": "he", "their": "they", "its": "it"}
_ANON_HINTS = ("anonym", "condition", "authori", "named", "identified")
_PLURAL_PRONOUNS = frozenset(["they", "we", "them", "us"])
_INDEFINITE = frozenset("a an one another some several two three four many few other unnamed".split())


@dataclass
class Resolved:
    speaker: str | None
    speaker_type: str
    person: bool
    plural: bool


def _words(s: str) -> list[str]:
    return _NAME_WORD.findall(s)


def _clean(w: str) -> str:
    return w.lower().rstrip(".").replace("’s", "").replace("'s", "")


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
        if not (w[:1].isupper() or (len(w) == 2 and w.endswith("."))) or low in r or low in _HONORIFICS or low in _GOV_WORDS or low in _ORG_WORDS:
            break
        k -= 1
    tail = ws[k:]
    if k > 0 and _clean(ws[k - 1]) in ("of", "on", "for", "and", "the", "&", "de", "in", "from", "at", "near"):
        tail = []  # "Commission on Presidential Debates" is one institution; "residents in Millbrook" no place
    if tail and (k == 0 or len(tail) >= 2 or _clean(ws[k - 1]) in r or _clean(ws[k - 1]) in _HONORIFICS):
        return " ".join(tail)
    return _ARTICLE.sub("", mention)


@lru_cache(maxsize=4096)
def _is_person_name(name: str) -> bool:
    ws = name.split()
    if not ws or len(ws) > 5:
        return False
    lows = [_clean(w) for w in ws]
    r = roles()
    if any(w in _GOV_WORDS or w in _ORG_WORDS or w in r for w in lows) or is_outlet(name):
        return False
    return all(w[:1].isupper() for w in ws)


@lru_cache(maxsize=1)
def _outlet_regex() -> re.Pattern[str]:
    names = sorted(outlets(), key=len, reverse=True)
    # 'X' alone is too ambiguous; multi-word names also match in capitals ("USA TODAY")
    alt = "|".join(f"(?i:{re.escape(n)})" if " " in n else re.escape(n) for n in names if len(n) > 1)
    masthead = (
        r"(?:The\s+)?(?:[A-Z][\w.\-&]*\s+){1,3}(?:Times|Post|News|Journal|Herald|Tribune|Gazette|Telegraph|"
        r"Chronicle|Examiner|Courier|Magazine|Radio|Television|TV)"
    )
    return re.compile(rf"(?<![\w])(?=[A-Zd])(?:{alt}|{masthead})(?![\w])")


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


def _outlet_name(s: str) -> str:
    s = s.strip()
    known = outlets()
    if s in known:
        return s
    folded = {k.lower(): k for k in known}
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
    return name in known or bare in known or ("The " + bare) in known or bool(_MASTHEAD.match(bare))


def _role_type(words: list[str]) -> str | None:
    return _role_type_cached(tuple(words))


@lru_cache(maxsize=4096)
def _role_type_cached(words: tuple[str, ...]) -> str | None:
    r = roles()
    lows = [_clean(w) for w in words]
    for k in range(len(lows)):
        two = " ".join(lows[k:k + 2])
        if two in r:
            return r[two]
        if lows[k] in r:
            if r[lows[k]] == "organization" and _in_institution_name(words, k):
                continue  # "the Council of Nations envoy": the person is the envoy
            return r[lows[k]]
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
    desc = title or mention
    which = _WHICH_CLAUSE.search(desc)
    if which:  # "Aldergate, which employs 350 people,": a body, and the clause's nouns are not its role
        desc = desc[:which.start()]
    words = _words(desc)
    lows = [_clean(w) for w in words]
    r = roles()
    if kind == "np" and any(r.get(w) == "document" for w in (_clean(x) for x in _words(mention))):
        return "document"  # "a GAO report released last year", "the poll"
    typ = _role_type(words)
    if typ is None:
        if any(w in _GOV_WORDS for w in lows):
            typ = "official"
        elif any(w in _ORG_WORDS for w in lows):
            typ = "organization"
    if typ is None:
        return "organization" if which else "other"
    first = lows[0] if lows else ""
    if typ == "official" and not named and kind == "np" and (first in _INDEFINITE or (lows and lows[-1].endswith("s") and first not in ("the",))):
        # "a Homeland Security Department official said", "officials said": unnamed officials
        return "anonymous"
    return typ


def _person_names(text: str):
    """(match, full name) for each multi-word capitalised run that is a person's name."""
    for m in _CAP_RUN.finditer(text):
        full = canonical_name(m.group())
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


class Resolver:
    """Walks the attributions of one text in order, resolving each speaker against the earlier ones."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.history: list[tuple[int, str, str, bool, bool, str]] = []  # pos, name, type, person, plural, title
        self._names: dict[str, list[tuple[int, str]]] | None = None
        self.titles: dict[str, list[str]] = {}
        self._adjectives: frozenset[str] | None = None
        self._bodies: dict[str, bool] = {}
        self.genders: dict[str, str] = {}
        self.subject_pos: list[tuple[int, str]] = []  # people who open a sentence ("Professor Idris Haddad ...")
        # one pass each over the text, then per-attribution look-ups by position
        low = text.lower()
        self.anon_pos = (
            [m.start() for m in anonymity_patterns()[1].finditer(text)]
            if any(k in low for k in _ANON_HINTS) else []
        )


    def anonymous_between(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.anon_pos, start)
        return i < len(self.anon_pos) and self.anon_pos[i] < end

    def outlet_between(self, start: int, end: int) -> str | None:
        # a bounded search near the cue instead of an index of the whole text: no outlet-name
        # scan over text that holds no attribution (10 MB of capitals costs nothing here)
        m = _outlet_regex().search(self.text, start, min(len(self.text), end + 200))
        if m is not None and m.start() < end:
            return find_outlet(self.text, start, end)
        return None

    def names(self) -> dict[str, list[tuple[int, str]]]:
        """Surname -> [(offset, full name)] for every multi-word capitalised name in the text."""
        if self._names is None:
            idx: dict[str, list[tuple[int, str]]] = {}
            for m, full in _person_names(self.text):
                idx.setdefault(full.split()[-1], []).append((m.start(), full))
                before = self.text[max(0, m.start() - 3):m.start()].strip()
                if not before or before[-1] in ".!?\"”\n":
                    self.subject_pos.append((m.start(), full))
                title = m.group()
                hon = _HONORIFIC_BEFORE.search(self.text, max(0, m.start() - 8), m.start())
                if hon:
                    title = hon.group() + title  # "Mr. Tom Hart", "Ms. Ann Lee"
                pre = _PRE_TITLE.search(self.text, max(0, m.start() - 80), m.start())
                if pre:
                    # only the role words right before the name ("coal miners met Tom Clarke" is no title)
                    kept: list[str] = []
                    for w in reversed(pre.group().split()):
                        if w.lower() not in roles() and w.lower() not in _TITLE_MODIFIERS:
                            break
                        kept.insert(0, w)
                    if kept:
                        title = " ".join(kept) + " " + title
                app = _APPOSITIVE.match(self.text, m.end())
                if app:
                    title += app.group()
                if self.text.startswith(",", m.end()):
                    pa = _PRE_APPOSITIVE.search(self.text, max(0, m.start() - 60), m.start())
                    if pa and _role_type(pa.group(1).split()) is not None:
                        title = pa.group(1) + " " + title
                if _CITIZEN_AFTER.match(self.text, m.end()):
                    title += " resident"  # typing hint, after any stated role so that one wins
                if title != full:
                    self.titles.setdefault(full, []).append(title)
            self._names = idx
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

    def full_name(self, name: str, pos: int) -> str:
        return name if " " in name.strip() else full_name_at(self.names(), name.strip(), pos)

    def resolve(self, a: Attribution, sentence: tuple[int, int], same_sentence_prev: Attribution | None) -> Resolved:
        text = self.text
        anon = self.anonymous_between(*sentence)
        if a.extra.get("inherit"):
            if same_sentence_prev is not None and same_sentence_prev.mention_start is not None:
                a.mention_start, a.mention_end = same_sentence_prev.mention_start, same_sentence_prev.mention_end
                a.mention, a.mention_kind = same_sentence_prev.mention, same_sentence_prev.mention_kind
                a.title = same_sentence_prev.title
            elif self.history:
                pass
        kind = a.mention_kind
        mention = a.mention
        if kind == "none" or a.mention_start is None:
            if self.history and a.extra.get("inherit"):
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
            res = self._pronoun(low, a.mention_start)
            if res is not None:
                return res
            return Resolved(mention, "other", low in ("he", "she", "i"), low in _PLURAL_PRONOUNS)
        name = canonical_name(mention)
        if kind == "name":
            name = self.full_name(name, a.mention_start)
        elif kind == "np":
            prior = self._role_antecedent(mention)
            if prior is not None:
                self._remember(a, prior, mention)
                return prior
            name = _ARTICLE.sub("", mention.strip()) if not _is_person_name(name) else name
        if kind == "name":
            self.names()  # collects the roles written around each name anywhere in the text
        if kind == "name" and a.title and a.title != name:
            self.titles.setdefault(name, []).insert(0, a.title)
        title = " ".join(x for x in (a.title, *self.titles.get(name, [])[:3]) if x)
        typ = speaker_type(mention, title, kind, anon, name)
        state = typ == "other" and kind in ("name", "np") and self._is_state(name)
        if state:
            typ = "official"  # "Russia said", "Ostrenia denies": a state speaks through its government
        elif typ == "other" and kind == "name" and self._is_body(name):
            typ = "organization"  # "Valgrid said", after "the grid operator Valgrid" or "Valgrid, which ..."
        person = _is_person_name(name) and typ not in ("media", "organization", "document") and not state
        if kind == "np":
            person = typ in ("official", "expert", "citizen", "anonymous") and not mention.rstrip().endswith("s")
        plural = kind == "np" and mention.rstrip().endswith("s") and typ != "document"
        res = Resolved(name, typ, person, plural)
        self._remember(a, res, a.title or mention)
        return res

    def _is_state(self, name: str) -> bool:
        """A country or capital standing for its government: listed, or (for places the list
        lacks, such as the workshop's fictional states) a single name the article also uses as a
        nationality adjective ("Ostrenia" beside "Ostrenian forces")."""
        if name in states():
            return True
        if " " in name or len(name) < 4 or not name[:1].isupper() or not name.isalpha():
            return False
        if self._adjectives is None:  # one pass: capitalised words not followed by another name word
            self._adjectives = frozenset(_ADJECTIVE_CANDIDATE.findall(self.text))
        stem = name[:-1] if name[-1] in "aeiouy" else name
        forms = (name + "n", name + "an", name + "ian", stem + "ian", stem + "an", name + "ese", stem + "ese", name + "i")
        return any(f in self._adjectives for f in forms if f != name)

    def _is_body(self, name: str) -> bool:
        """The article presents a name as a company or group: "the grid operator Valgrid",
        "Aldergate Agrochem, which employs ...", "a group calling itself Grey Tide",
        "Vellacom customers". Checked for at most 40 names per text, so the cost stays linear."""
        if name not in self._bodies:
            if len(self._bodies) >= 40 or not name[:1].isupper():
                return False
            n = re.escape(name)
            pattern = re.compile(
                rf"\b{_BODY_NOUNS}\s*,?\s+(?:the\s+)?{n}\b"
                rf"|\b{n},\s+(?:which\b|(?:the|a|an|[A-Z]\w+(?:'s|’s))\s+(?:[\w\-]+\s+){{0,4}}?{_BODY_NOUNS}\b)"
                rf"|calling\s+(?:itself|themselves)\s+(?:the\s+)?[\"“']?{n}\b"
                rf"|\b{n}(?:'s|’s)?\s+{_BODY_PARTS}\b"
            )
            self._bodies[name] = pattern.search(self.text) is not None
        return self._bodies[name]

    def _remember(self, a: Attribution, res: Resolved, title: str) -> None:
        if res.speaker:
            self.history.append((a.cue_start, res.speaker, res.speaker_type, res.person, res.plural, title.lower()))

    def _gender(self, name: str) -> str | None:
        """'m'/'f' when the article shows it (Mr./Ms., spokeswoman, an earlier he/she), else None."""
        if name in self.genders:
            return self.genders[name]
        for t in self.titles.get(name, [])[:4]:
            for w in _words(t.lower()):
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
                    title = " ".join(self.titles.get(full, [])[:3])
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
                title = " ".join(self.titles.get(best[1], [])[:3])
                typ = speaker_type(best[1], title, "name", False, best[1])
                return Resolved(best[1], typ, True, False)
        return None

    def _role_antecedent(self, mention: str) -> Resolved | None:
        ws = [_clean(w) for w in _words(mention)]
        if not ws or ws[0] != "the" or len(ws) < 2:
            return None
        head = ws[-1]
        r = roles()
        if head not in r and " ".join(ws[-2:]) not in r:
            return None
        for _, name, typ, person, plural, title in reversed(self.history[-12:]):
            if person and re.search(rf"\b{re.escape(head)}\b", title) and name.lower() != " ".join(ws[1:]):
                return Resolved(name, typ, person, plural)
        return None
