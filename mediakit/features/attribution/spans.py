"""Step 2 of attribution: for each candidate cue, the speaker mention and what was said.

The rules walk outward from each cue (:mod:`.cues`) over a small window of tokens: left for the
subject ("Peskov said", "Dmitry Peskov, an official spokesman for the Kremlin, said"), right
for inverted and passive speakers ("said Ben Wallace", "reported by Reuters"), and then pick the
side of the sentence that holds what was said. A cue the rules reject gives no span. Everything
works on character offsets into the unchanged text; the output is a tuple of frozen
:class:`Span` records in text order (the mention is not resolved yet: that is :mod:`.speakers`).

The step is a plain function ``(Document, cues) -> tuple[Span, ...]``: a learned span finder
can replace it (``attribute(doc, span_finder=...)``).

>>> from mediakit.text.doc import Document
>>> from mediakit.features.attribution.cues import find_cues
>>> doc = Document('"We will not," Ben Wallace said.')
>>> [(s.cue, s.mention) for s in find_spans(doc, find_cues(doc))]
[('said', 'Ben Wallace')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ...lexicons.reader import word_set
from ...text.doc import Document
from ...text.tokens import matches_at
from .cues import Cue
from .lexicon import Verb, non_speakers, reporting_nouns, reporting_verbs, roles

# Tokens: dotted acronyms (U.S.), honorifics/initials before a capitalised word (Mr. Sen. J.),
# words with inner apostrophes/hyphens, '' used as a double quote, then any single symbol.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.(?=[^\S\n]+[A-Z])|\w+(?:['’\-]\w+)*|''|``|[^\w\s]|\n")
# (space before, token): see _tokens. The same tokens as _TOKEN, written so that ``re`` keeps no
# backtracking state: the two capital-letter branches share their first character, and every
# repeat is possessive (no branch can match more by giving characters back: what follows each
# repeat is a character the repeat cannot take, and nothing follows the token).
_TOKEN_GAPS = re.compile(
    r"([^\S\n]*+)((?>[A-Z](?:\.(?:[A-Z]\.)++|[a-z]{0,3}+\.(?=[^\S\n]+[A-Z]))|\w++(?:['’\-]\w++)*+|''|``|[^\w\s]|\n))"
)
_OPEN_Q = frozenset('“„«‹"‟``')
_CLOSE_Q = frozenset('”»›"\'’')
_ANY_Q = _OPEN_Q | _CLOSE_Q | {"''", "``"}
_QUOTE_ENDS = ("\"", "”", "»", "''")  # a closed double quotation

PRONOUNS = {
    "he": "he", "she": "she", "they": "they", "it": "it", "we": "we", "i": "i", "you": "you",
    "who": "rel", "which": "rel", "that": "rel", "him": "he", "her": "she", "them": "they", "us": "we", "me": "i",
}
_SUBJ_PRONOUNS = word_set("en", "attribution_words.tsv", "subj_pronouns")
# Words that may stand between a subject and its reporting verb ("Trump has also repeatedly said").
_BETWEEN = word_set("en", "attribution_words.tsv", "between")
# A word right before the cue that makes it a noun or an infinitive, not a reporting verb.
_NOT_VERB_BEFORE = word_set("en", "attribution_words.tsv", "not_verb_before")
_DETERMINERS = word_set("en", "attribution_words.tsv", "determiners")
_STOP = word_set("en", "attribution_words.tsv", "stop")
_BE = word_set("en", "attribution_words.tsv", "be")
_MODALS = word_set("en", "attribution_words.tsv", "modals")
# after a plural noun that looks like a 3rd-person verb ("claims", "reports", "notes")
_NOUN_AFTER = word_set("en", "attribution_words.tsv", "noun_after")
_CLAUSE_CUT = re.compile(r",?\s+(?:but|while|whereas|although|though)\s+(?:he|she|they|it|the|his|her|their)\b|;\s|,\s+(?:who|which)\s")
_TO_VERB = re.compile(r"(?:\s+[a-z][\w’'\-]*){1,3}?\s+(to)\s+[a-z]")
_PLURAL_VERB_AFTER = word_set("en", "attribution_words.tsv", "plural_verb_after")
_LOWER_WORD = re.compile(r"[a-z][a-z’'\-]*")
_QUANT_SUBJ = word_set("en", "attribution_words.tsv", "quant_subj")
_TO_VERBS = {"hope": True, "expect": True, "agree": True, "decline": True, "refuse": True, "offer": True, "threaten": True}
_CLAUSE_JOIN = word_set("en", "attribution_words.tsv", "clause_join")
_MID_CAP = re.compile(r"[A-Z](?<=[a-z,;] [A-Z])[\w’'\-]*")  # the capital first: the look-behind runs only at capitals
# The word before a cue: ``(\w+(?:['’\-]\w+)*)\s*$`` searched in a window tries every start in
# it; the same word is the match at offset 0 of the reversed window (the pattern reads the same
# backwards), found in one step.
_PREV_WORD_REVERSED = re.compile(r"\s*(\w+(?:['’\-]\w+)*)")


def _prev_word(text: str, lo: int, hi: int) -> str | None:
    r"""The word (joined by apostrophes or hyphens) that ends ``text[lo:hi]`` before trailing
    space, as ``re.search(r"(\w+(?:['’\-]\w+)*)\s*$", ...)`` would find it; None if none."""
    m = _PREV_WORD_REVERSED.match(text[lo:hi][::-1])
    return m.group(1)[::-1] if m else None


_GERUND_PREPS = word_set("en", "attribution_words.tsv", "gerund_preps")
_CATENATIVE = word_set("en", "attribution_words.tsv", "catenative")
_INTRO = word_set("en", "attribution_words.tsv", "intro")
_AFTER_INVERTED = word_set("en", "attribution_words.tsv", "after_inverted")
_NOT_SUBJECT = word_set("en", "attribution_words.tsv", "not_subject")
_PREP_JOIN = word_set("en", "attribution_words.tsv", "prep_join")
_NAME_JOIN = word_set("en", "attribution_words.tsv", "name_join")
_MODIFIERS = word_set("en", "attribution_words.tsv", "modifiers")
# set expressions the per-cue code tests words against, built once (they were rebuilt per test)
_JOIN_NOT_DET = _NAME_JOIN - _DETERMINERS
_JOINS_NOT_DET = (_NAME_JOIN | _PREP_JOIN) - _DETERMINERS
_APPOS_STOP = _STOP - {"who", "which", "whose", "of", "at", "in", "on", "during", "after", "before", "like"}
_STOP_NOT_DET = _STOP - _DETERMINERS
_TRAIL_JOIN = _NAME_JOIN | _PREP_JOIN | {"familiar", "close"}
_NO_CONTENT_AFTER = re.compile(r"^[\s,;:.!?)”\"'’»—–-]*$")
_THAT = re.compile(r"\bthat\b")
_PARTICIPLE = re.compile(r"\s*,\s*(?:[a-z]+ly\s+)?[a-z]{3,}ing\b")  # "A, he said, wiping his face": an adjunct
_NEW_CLAUSE = re.compile(r"\s(?:and|but|or)\s")  # "said X — and thinks that ...": that "that" is not the cue's
# Patterns used inside per-cue code, compiled once (re's own cache lookup costs more than the match).
_TITLE_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_DASHES = re.compile(r"[―—–]+")
_W = re.compile(r"\w+")
_OBJECT = re.compile(r"\s*((?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[\w’'.\-]+(?:\s+[A-Z][\w’'.\-]*){0,4})")
_CHANNEL_AFTER = re.compile(r"\s+(?:on|in|to|with|at|from)\b")
_SPACES = re.compile(r"\s*")
_WEEKDAYS = re.compile(r"^(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


class Span(NamedTuple):
    """One attribution as the rules found it: cue, unresolved speaker mention, content.

    Offsets index the document's text; ``None`` where absent.
    """

    cue_start: int
    cue_end: int
    cue: str
    kind_hint: str  # verb | according_to | noun | dash | colon
    mention_start: int | None
    mention_end: int | None
    mention: str
    mention_kind: str  # name | pronoun | rel | np | none
    title: str  # role words around the mention ("former Secretary General of the alliance")
    content_start: int | None
    content_end: int | None
    sentence_id: int
    verb: Verb | None
    antecedent: tuple[int, int] | None  # for who/which: the noun phrase the pronoun stands for
    inherit: bool  # ", saying ...": the speaker is the clause's subject, found when resolving
    object: tuple[int, int] | None  # the addressee of "told", "warned" (the outlet in "told the BBC")
    front: tuple[int, int] | None  # "And perhaps, Obama said, it could ...": the words before a
    # parenthetical attribution belong to what was said too (content_* hold the part after it)


@dataclass
class Attribution:
    """The rules' working record for one cue (mutable while the rules fill it; frozen into a
    :class:`Span` at the end of the step)."""

    cue_start: int
    cue_end: int
    cue: str
    kind_hint: str
    mention_start: int | None = None
    mention_end: int | None = None
    mention: str = ""
    mention_kind: str = "none"
    title: str = ""
    content_start: int | None = None
    content_end: int | None = None
    sentence_id: int = 0
    outlet: str | None = None
    verb: Verb | None = None
    antecedent: tuple[int, int] | None = None
    extra: dict = field(default_factory=dict)

    def freeze(self) -> Span:
        return Span(
            self.cue_start, self.cue_end, self.cue, self.kind_hint, self.mention_start, self.mention_end,
            self.mention, self.mention_kind, self.title, self.content_start, self.content_end, self.sentence_id,
            self.verb, self.antecedent, bool(self.extra.get("inherit")), self.extra.get("object"),
            self.extra.get("front"),
        )




def _sent_bounds(doc: Document, pos: int) -> tuple[int, int, int]:
    if not doc.sentences:
        return 0, 0, len(doc.text)
    i = doc.sentence_of(pos)
    s, e = doc.sentences[i]
    return i, s, max(e, pos)


def _midsentence_caps(doc: Document) -> frozenset[str]:
    """Capitalised words seen after a lower-case word: names, not sentence openers."""
    return doc.memo("midsentence_caps", lambda d: frozenset(_MID_CAP.findall(d.text)))


def _seen_midsentence(doc: Document, word: str) -> bool:
    """``word in _midsentence_caps(doc)``, from the word's own occurrences (a C-level find each)
    instead of every capitalised word of the text; kept per document and word.

    A match of ``_MID_CAP`` needs a space before it and holds none, so every offset where the
    pattern matches starts one of the matches ``findall`` gives: the word is among them when
    the pattern matches at one of its occurrences and ends where the word ends."""
    seen = doc.memo("midsentence_seen", lambda d: {})
    hit = seen.get(word)
    if hit is None:
        hit = seen[word] = matches_at(doc.text, word, _MID_CAP)
    return hit


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``[(*m.span(), m[0]) for m in _TOKEN.finditer(text, start, end)]`` without match objects.

    Between two tokens there is only white space other than a newline (every other character
    opens a token), so each token is the string after its run of such space and the offsets
    follow from the lengths: one ``findall`` and a sum per token.
    """
    out = []
    pos = start
    for gap, tok in _TOKEN_GAPS.findall(text, start, end):
        s = pos + len(gap)
        pos = s + len(tok)
        out.append((s, pos, tok))
    return out


def _tokens_lower(text: str, start: int, end: int) -> tuple[list[tuple[int, int, str]], list[str]]:
    """:func:`_tokens` and the lower-case form of each token."""
    out = _tokens(text, start, end)
    return out, [tok.lower() for _, _, tok in out]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() and len(tok) > 1 and tok[-1:].isalpha())


_WINDOW = 1500
_WORD = re.compile(r"[A-Za-z]+(?:[’'\-][A-Za-z]+)*")


_COLON_STOP = word_set("en", "attribution_words.tsv", "colon_stop")


def find_spans(doc: Document, cues: tuple[Cue, ...]) -> tuple[Span, ...]:
    """The attributions the rules accept among ``cues``, in text order."""
    return finish_spans(doc, candidate_spans(doc, cues))


def candidate_spans(doc: Document, cues: tuple[Cue, ...]) -> list[Attribution]:
    """Speaker and content for each cue the rules accept, before the one-row-per-cue clean-up
    (:func:`finish_spans`): the point where a learned decision keeps or drops candidates."""
    out: list[Attribution] = []
    dash_prev_end = 0
    for cue in cues:
        if cue.kind == "verb":
            a = _verb_cue(doc, cue.start, cue.end, cue.verb)
        elif cue.kind == "according_to":
            a = _according_to(doc, cue.start, cue.end)
        elif cue.kind == "noun":
            a = _noun_cue(doc, cue)
        elif cue.kind == "dash":
            a, dash_prev_end = _dash_cue(doc, cue, dash_prev_end)
        else:
            a = _colon_head(doc, cue)
        if a is not None:
            out.append(a)
    return out


def finish_spans(doc: Document, out: list[Attribution]) -> tuple[Span, ...]:
    """One row per cue (overlaps, nesting, cues inside quotations, headline lists), inherited
    subjects, trimmed and continued contents; frozen. Edits the records in place."""
    text = doc.text
    out = _drop_non_speakers(doc, out)
    out = _drop_overlaps(out)
    out = _drop_nested(out)
    out = [a for a in out if not _inside_closed_quote(doc, a)]
    _inherit_subjects(doc, out)
    out = [a for a in out if not a.extra.get("drop") and (a.kind_hint == "dash" or not _in_headline_list(text, a.cue_start))]
    _trim_contents(doc, out)
    _extend_quotes(doc, out)
    _parenthetical_fronts(doc, out)
    return tuple(a.freeze() for a in out)


# ----------------------------------------------------------------------------- verb cues

def verb_vetoed(doc: Document, cs: int, ce: int, verb: Verb) -> bool:
    """True when the verb form at ``[cs, ce)`` is no cue whoever speaks: a noun or infinitive use
    ("the reports", "to say", "so-called"), an idiom ("That said", "needless to say"), a marker
    of anonymity ("who asked not to be named"). The learned steps drop such tagger cues too."""
    _sid, ss, se = _sent_bounds(doc, cs)
    ss, se = max(ss, cs - _WINDOW), min(se, cs + _WINDOW)
    return _verb_context(doc, cs, ce, verb, ss, se) is None


def _verb_context(doc: Document, cs: int, ce: int, verb: Verb, ss: int, se: int):
    """The tokens around a verb cue, or None when the form is vetoed (see :func:`verb_vetoed`)."""
    text = doc.text
    first = text[cs]
    if first.isupper() and text[ss:cs].strip(" “\"'‘«(") != "" and not _title_case(text, ss, se):
        return None  # "Said" mid-sentence capitalised is a name or a title word (Tells, Report)
    if cs > 0 and text[cs - 1] == "-":
        return None
    # cheap look at the word before, to drop noun uses before tokenising the window
    pw = _prev_word(text, max(ss, cs - 40), cs)
    if pw is not None:
        prev = pw.lower()
        if prev in _NOT_VERB_BEFORE and prev not in ("as", "to") and not (verb.form_kind == "ing" and prev in _GERUND_PREPS):
            return None
    left, lw = _tokens_lower(text, max(ss, cs - 160), cs)
    # Noun or infinitive uses: "the reports", "to say", "so-called"; idioms: "that said", "needless to say".
    # The vetoes that read only the words before the cue come first: the window after it is
    # tokenised only for a cue they let through.
    passive_frame = len(lw) >= 2 and lw[-1] == "as" and lw[-2] in ("quoted", "cited", "reported", "heard", "recorded", "described")
    catenative = len(lw) > 1 and lw[-1] == "to" and lw[-2] in _CATENATIVE  # "continues to insist"
    if lw and lw[-1] in _NOT_VERB_BEFORE and not passive_frame and not catenative and not (verb.form_kind == "ing" and lw[-1] in _GERUND_PREPS):
        return None
    if cs > 0 and text[cs - 1] == "-":
        return None
    if lw[-1:] and lw[-1] in ("editor’s", "editor's", "editors’", "editors'", "publisher’s", "publisher's"):
        return None  # "Editor's note:"
    if verb.lemma == "say" and lw[-1:] == ["that"] and not any(c.isalnum() for w in lw[:-1] for c in w):
        return None  # "That said, ...", "(That said, ..."
    if lw[-1:] == ["having"] and verb.lemma == "say":
        return None  # "Having said that, ..."
    if lw[-3:] == ["that", "is", "to"] or lw[-2:] in (["needless", "to"], ["so", "to"], ["let's"]) or lw[-1:] == ["let’s"]:
        return None
    right = _tokens(text, ce, min(se, ce + 200))
    if verb.lemma in ("ask", "request", "decline", "refuse", "agree", "speak") and (
        (rw := [t[2].lower() for t in right[:4]])[:3] in (["not", "to", "be"], ["to", "be", "named"], ["to", "be", "identified"]) or rw[:2] == ["for", "anonymity"]
        or rw[:3] == ["on", "condition", "of"]
    ):
        return None  # "who asked not to be named": a marker of anonymity, not an attribution
    if verb.lemma in ("quote", "cite", "report") and [t[2].lower() for t in right[:1]] == ["as"]:
        return None  # "was quoted as saying": the cue is "saying"
    if verb.lemma == "say" and right and right[0][2] == "," and lw[-1:] == [","]:
        return None  # "..., say, 10 percent"
    return left, right, lw, passive_frame, catenative


def _verb_cue(doc: Document, cs: int, ce: int, verb: Verb) -> Attribution | None:
    text = doc.text
    sid, ss, se = _sent_bounds(doc, cs)
    ss, se = max(ss, cs - _WINDOW), min(se, cs + _WINDOW)  # run-on 'sentences' stay linear
    ctx = _verb_context(doc, cs, ce, verb, ss, se)
    if ctx is None:
        return None
    left, right, lw, passive_frame, catenative = ctx
    a = Attribution(cs, ce, text[cs:ce], "verb", sentence_id=sid, verb=verb)
    # extend a particle ("point out", "call on") is in the form itself; include "by" passives below
    i = len(left) - 1
    # passive reporting frame "was quoted as saying", "is reported to have said"
    if i >= 1 and lw[i] == "as" and lw[i - 1] in ("quoted", "cited", "reported", "heard", "recorded", "described"):
        i -= 2
    if catenative:
        i -= 2
        if i >= 0 and lw[i] == "on" and i >= 1 and lw[i - 1] == "went":
            i -= 1
    skipped: set[str] = set()
    if verb.form_kind == "3sg" and right and verb.strength == "strong" and right[0][2].lower() in _PLURAL_VERB_AFTER:
        return None  # "Health worries have dogged ...": a plural noun, not a verb
    if verb.form_kind == "3sg" and right and verb.strength != "strong":
        nxt = right[0][2].lower()
        if (nxt in _NOUN_AFTER and not (nxt == "to" and verb.category in ("intend", "promise", "urge", "belief"))) or (not nxt[:1].isalnum() and nxt not in _ANY_Q and nxt != ":"):
            return None  # "Republican claims as false", "his claims, ..."
    while i >= 0:
        if lw[i] in _BETWEEN or (lw[i].endswith("ly") and lw[i].isalpha() and len(lw[i]) > 4):
            skipped.add(lw[i])
            i -= 1
        elif lw[i] == ")":  # "Rep. Gwen Moore (D-Wis.) said"
            j = i - 1
            while j >= 0 and lw[j] != "(" and i - j < 12:
                j -= 1
            if j < 0 or lw[j] != "(":
                break
            i = j - 1
        else:
            break
    if i >= 1 and lw[i] == "." and lw[i - 1] in ("jr", "sr", "inc", "co", "corp", "ltd", "iii", "ii"):
        i -= 1  # "John G. Roberts Jr. spoke"
    speaker_found = False
    if i >= 0 and left[i][2] in (",",) and _appositive_or_inverted(doc, a, left, i, right):
        speaker_found = True
    elif i >= 0 and (left[i][2] in _ANY_Q or left[i][2] in (",", ":", "—", "–", "(", ";")):
        speaker_found = _inverted(doc, a, right)
    elif i >= 0:
        speaker_found = _subject(doc, a, left, i)
        if verb.category == "evidence" and not (speaker_found and _is_document(a.mention)):
            speaker_found = _document_subject(doc, a, left, i) or speaker_found
    elif verb.form_kind == "ing":
        a.extra["inherit"] = True  # "Citing a theory, Trump accused ...": the subject follows the clause
        speaker_found = True
    else:
        speaker_found = _inverted(doc, a, right)
    # participial cue after a comma: ", saying ...", ", adding ..." -> the clause's subject
    prev_tok = lw[i] if i >= 0 else ""
    if not speaker_found and verb.form_kind == "ing" and prev_tok in _GERUND_PREPS and verb.strength == "strong" and doc.quote_at(cs) is None:
        a.extra["inherit"] = True  # "criticised for saying that ...": the clause's subject said it
        speaker_found = True
    if not speaker_found and (verb.form_kind == "ing" and (prev_tok in (",", "and", "—", "–") or prev_tok in _ANY_Q and lw[i - 1:i] == [","]) or prev_tok in ("and", "but") and verb.strength != "weak") and doc.quote_at(cs) is None:
        a.extra["inherit"] = True
        speaker_found = True
    # passive with agent: "was first reported by The Post"
    if (
        right and len(right) > 1 and right[0][2].lower() == "by" and verb.form_kind in ("past", "pastpart")
        and not right[1][2].lower().endswith("ing") and (not speaker_found or skipped & _BE or lw[-1:] in (["as"], ["first"]))
    ):
        saved = (a.mention_start, a.mention_end, a.mention, a.mention_kind, a.title)
        if _np_right(doc, a, right, 1, loose=True):
            speaker_found = True
            skipped.discard("was"), skipped.discard("is"), skipped.discard("were"), skipped.discard("been")
            a.extra["speaker_after"] = True
        else:
            a.mention_start, a.mention_end, a.mention, a.mention_kind, a.title = saved
    if not speaker_found:
        return None
    passive = verb.form_kind in ("past", "pastpart") and skipped & _BE and not a.extra.get("speaker_after")
    if passive and not (right and right[0][2].lower() == "by"):
        if verb.category not in ("criticize", "inform", "argue", "deny"):
            return None  # "he was asked", "a story that isn't told"
        # "Mr. X was accused of ...": an attribution whose source is not given
        a.mention_start = a.mention_end = None
        a.mention, a.mention_kind, a.title = "", "none", ""
        a.extra["passive"] = True
    if skipped & _MODALS and not _explicit_complement(text, ce, right):
        if verb.strength != "strong":
            return None  # "NATO countries may want to ...": a possibility, not a report
        a.extra["modal"] = True
    if a.mention_kind == "pronoun" and a.mention.lower() in ("i", "you", "we") and doc.quote_at(cs) is not None and verb.strength != "strong":
        return None  # the quoted speaker's own "I think", "we want": part of the quote
    if a.mention_kind == "pronoun" and a.mention.lower() in ("i", "you") and doc.quote_at(cs) is not None:
        return None
    if not _accept(doc, a, right):
        return None
    _content(doc, a, ss, se, right)
    if a.content_start is None and verb.strength != "strong":
        return None
    return a


def _title_case(text: str, ss: int, se: int) -> bool:
    """A headline in title case ('Obama Says Museum Will Tell ...'): capitalised cues are verbs there."""
    words = _TITLE_WORD.findall(text[ss:min(se, ss + 300)])
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in ("a", "an", "the", "of", "to", "in", "on", "for", "and", "at", "by"))
    return caps / len(words) > 0.85


def _accept(doc: Document, a: Attribution, right) -> bool:
    """Strength gate: weaker verbs need clear evidence that they report speech or findings."""
    verb = a.verb
    assert verb is not None
    if a.extra.get("inherit"):
        return verb.strength in ("strong", "medium") or _explicit_complement(doc.text, a.cue_end, right)
    if a.extra.get("passive"):
        return verb.strength != "weak"
    plausible = a.mention_kind in ("name", "pronoun", "rel") or _has_role(a.mention)
    if verb.strength == "strong" and not a.extra.get("modal"):
        return a.mention_kind != "np" or plausible or bool(a.mention)
    if verb.strength == "medium":
        return plausible
    # weak: a document subject ("the poll shows") or an explicit complement
    if _is_document(a.mention) and a.mention_kind != "pronoun":
        return True
    if plausible and _TO_VERBS.get(verb.lemma, verb.category in ("intend", "promise", "urge")) and [t[2].lower() for t in right[:1]] == ["to"] and len(right) > 1 and right[1][2][:1].islower():
        return True  # "Clinton wants to triple ...", "a super PAC that intends to ..."
    rw = [t[2].lower() for t in right[:4]]
    if plausible and verb.lemma in ("call", "label", "brand", "dub", "term") and rw[:1] and rw[0] in ("him", "her", "them", "it", "me", "us") and rw[1:2] in (["a"], ["an"]):
        return True  # "called him a master at ..."
    if plausible and verb.lemma in ("call", "describe", "label", "brand", "dub", "term", "rate", "characterize", "continue", "chant") and any(
        t[2] in _ANY_Q for t in right[:10]
    ):
        return True  # 'Clinton called half of his supporters "deplorables"'
    return plausible and _explicit_complement(doc.text, a.cue_end, right)


def _explicit_complement(text: str, pos: int, right) -> bool:
    words = [t[2].lower() for t in right[:3]]
    if not words:
        return False
    if words[0] in ("that", ":") or words[0] in _ANY_Q:
        return True
    return bool(words[0] == "," and len(words) > 1 and words[1] in _ANY_Q)


@lru_cache(maxsize=1)
def _role_or_mod() -> frozenset[str]:
    return frozenset(roles()) | _MODIFIERS


def _has_role(mention: str) -> bool:
    r = roles()
    words = [w.lower().strip(".,’'") for w in mention.split()]
    return any(w in r for w in words) or any(" ".join(words[k:k + 2]) in r for k in range(len(words) - 1))


def _is_document(mention: str) -> bool:
    r = roles()
    words = [w.lower().strip(".,’'") for w in mention.split()]
    return any(r.get(w) == "document" for w in words[:6])


def _subject(doc: Document, a: Attribution, left, i: int) -> bool:
    """The subject noun phrase ending at token ``i`` (left of the cue)."""
    tok = left[i][2]
    low = tok.lower()
    if low in _SUBJ_PRONOUNS:
        if low == "that" and i == 0:
            return False
        _set_mention(doc, a, left[i][0], left[i][1], "rel" if PRONOUNS[low] == "rel" else "pronoun")
        if PRONOUNS[low] == "rel":
            j = i - 1
            if j >= 0 and left[j][2] == ",":
                j -= 1
            if j >= 0:
                k = _np_left(left, j)
                if k is not None:
                    a.antecedent = (left[k][0], left[j][1])
        return True
    if low in _QUANT_SUBJ and (i == 0 or left[i - 1][2].lower() in _STOP or not left[i - 1][2][:1].isalnum()):
        _set_mention(doc, a, left[i][0], left[i][1], "np")  # "some argue", "others note"
        return True
    if low in _STOP or low in _DETERMINERS or low in _NOT_SUBJECT or not (tok[0].isalnum()):
        return False
    k = _np_left(left, i)
    if k is None:
        return False
    # "Mr. Grassley and Mr. Leahy", "Trump's campaign"
    start, end = left[k][0], left[i][1]
    kind = "name" if _is_cap(tok) and left[k][2].lower() not in _DETERMINERS else "np"
    if _is_cap(tok) and kind == "np" and any(_is_cap(t[2]) for t in left[k + 1:i + 1]):
        kind = "name"
    first_low = left[k][2]
    if k >= 2 and left[k - 1][2] == "," and _is_cap(left[k - 2][2]) and first_low.islower() and (
        first_low in _MODIFIERS or first_low in roles() or first_low in ("a", "an")
    ):
        k2 = _np_left(left, k - 2)
        pure_name = k2 is not None and all(
            _is_cap(t[2]) or t[2].lower() in _JOIN_NOT_DET for t in left[k2:k - 1]
        )
        if pure_name and left[k2][2].lower() not in _STOP and (k2 == 0 or left[k2 - 1][2] in (",", ";", ":") or left[k2 - 1][2] in _ANY_Q):
            _set_mention(doc, a, left[k2][0], left[k - 2][1], "name")
            a.title = doc.text[left[k2][0]:end]
            return True
    if kind == "name" and k == i and (k == 0 or not left[k - 1][2][:1].isalnum()) and left[k][2].lower() not in roles():
        word = left[k][2]
        if not _seen_midsentence(doc, word):
            kind = "np"  # "Displacement adds ...": a capitalised common noun opening the sentence
    _set_mention(doc, a, start, end, kind)
    a.title = doc.text[start:end]
    return True


def _document_subject(doc: Document, a: Attribution, left, i: int) -> bool:
    """A long document subject: 'A USA TODAY analysis of newly filed reports shows',
    'research conducted by the Center for Media and Public Affairs found'."""
    r = roles()
    j = i
    while j >= 0 and i - j < 18:
        low = left[j][2].lower()
        if low in (";", ":", ".", "\n", "that", "which", "who", "but", "because", "if", "when", "while") or low in _ANY_Q:
            return False
        if low == "," and i - j > 1:
            return False
        if r.get(low) == "document":
            k = _np_left(left, j)
            if k is None:
                return False
            _set_mention(doc, a, left[k][0], left[i][1], "np")
            a.title = doc.text[left[k][0]:left[j][1]]
            return True
        j -= 1
    return False


def _np_left(left, i: int) -> int | None:
    """Index of the first token of the noun phrase whose last token is ``left[i]``."""
    tok = left[i][2]
    if not tok[:1].isalnum():
        return None
    k = i
    steps = 0
    r = roles()
    while k - 1 >= 0 and steps < 9:
        prev = left[k - 1][2]
        low = prev.lower()
        if _is_cap(prev) and low not in _STOP and low not in ("i",):
            k -= 1
        elif low in _NAME_JOIN and k - 2 >= 0 and _is_cap(left[k - 2][2]) and _is_cap(left[k][2]):
            k -= 1
        elif low in _MODIFIERS or low in r:
            k -= 1
        elif low in _DETERMINERS:
            k -= 1
            # "a spokesman for the ministry": keep going across one preposition
            if k - 2 >= 0 and left[k - 1][2].lower() in _PREP_JOIN and left[k - 2][2][:1].isalpha() and left[k - 2][2].lower() not in _STOP:
                k -= 1
                continue
            break
        elif low in _PREP_JOIN and k - 1 >= 1 and (left[k - 2][2].lower() in r or _is_cap(left[k - 2][2])) and left[k - 2][2].lower() not in _STOP:
            k -= 1
        elif prev in ("’s", "'s") or prev.endswith(("’s", "'s")) and _is_cap(prev):
            k -= 1
        elif prev == "-" or prev == ".":
            break
        elif low.isalpha() and low not in _STOP and low not in _BETWEEN and not _is_cap(tok) and steps < 3 and not low.endswith("ly"):
            # lower-case modifiers of a common-noun head ("a campaign operative")
            k -= 1
        else:
            break
        steps += 1
    # do not start a mention on a joining word
    while k < i and left[k][2].lower() in _JOINS_NOT_DET:
        k += 1
    return k


def _set_mention(doc: Document, a: Attribution, s: int, e: int, kind: str) -> None:
    a.mention_start, a.mention_end = s, e
    a.mention = doc.text[s:e]
    a.mention_kind = kind


def _appositive_or_inverted(doc: Document, a: Attribution, left, i: int, right) -> bool:
    """Left of the cue is a comma: 'X, a spokesman for Y, said', '"...," said X', '..., said X'."""
    if _appositive(doc, a, left, i):
        return True
    return _inverted(doc, a, right)


def _appositive(doc: Document, a: Attribution, left, i: int) -> bool:
    """'Dmitry Peskov, an official spokesman for the Kremlin, said'; up to three comma-separated
    descriptions ('Donna Rawlings, 59, of Ashton, Md., who watched ..., said')."""
    commas = []
    j = i - 1
    while j >= 0 and i - j < 40 and len(commas) < 4:
        tok = left[j][2]
        if tok == "." and j > 0 and _is_cap(left[j - 1][2]) and len(left[j - 1][2]) <= 4:
            j -= 1  # "Springfield, Va., said"
            continue
        if tok in (".", ";", ":", "\n") or tok in _ANY_Q:
            break
        if tok == ",":
            commas.append(j)
        j -= 1
    for c in commas:
        seg = left[c + 1:i]
        if not seg:
            continue
        first_app = seg[0][2].lower()
        if first_app in _APPOS_STOP or first_app in (
            "however", "meanwhile", "instead", "though"
        ):
            return False
        head = c - 1
        if head >= 0 and left[head][2] == ")":  # "Gregory Meeks (D-N.Y.), chairman of ..., said"
            p = head - 1
            while p >= 0 and left[p][2] != "(" and head - p < 12:
                p -= 1
            head = p - 1 if p >= 1 and left[p][2] == "(" else head
        if head < 0:
            continue
        htok = left[head][2]
        if not (_is_cap(htok) or htok.lower() in roles()) or htok.lower() in _STOP or htok.lower() in _NOT_SUBJECT:
            continue
        k = _np_left(left, head)
        if k is None:
            continue
        before = left[k - 1][2] if k > 0 else ""
        if k > 0 and not (before in (",", ";", ":", "(", "—", "–") or before in _ANY_Q or before.lower() in _CLAUSE_JOIN):
            continue
        kind = "name" if _is_cap(htok) and left[k][2].lower() not in _DETERMINERS else "np"
        _set_mention(doc, a, left[k][0], left[head][1], kind)
        a.title = doc.text[left[k][0]:left[i][0]]
        return True
    # "The minister of the economy, Mr. Guajardo Villarreal, argues": the name between the commas
    if commas:
        seg = left[commas[0] + 1:i]
        if seg and _is_cap(seg[0][2]) and all(_is_cap(t[2]) or t[2].lower() in _JOIN_NOT_DET for t in seg):
            _set_mention(doc, a, seg[0][0], seg[-1][1], "name")
            a.title = doc.text[left[max(0, commas[0] - 6)][0]:seg[-1][1]]
            return True
    return False


def _inverted(doc: Document, a: Attribution, right) -> bool:
    """Speaker after the cue: 'said Ben Wallace', 'said the minister', 'said he'."""
    if not right:
        return False
    low = right[0][2].lower()
    if low in ("he", "she", "they", "it", "we", "i"):
        if len(right) > 1 and right[1][2][:1].isalpha() and right[1][2].lower() not in _AFTER_INVERTED:
            return False  # "said he would ...": a clause, not an inverted speaker
        _set_mention(doc, a, right[0][0], right[0][1], "pronoun")
        return True
    saved = (a.mention_start, a.mention_end, a.mention, a.mention_kind, a.title)
    if not _np_right(doc, a, right, 0):
        return False
    # the speaker phrase must end the clause: 'said Ben Wallace.' / 'said Smith, a ...' / 'said Smith on Monday'
    end_idx = next((k for k, t in enumerate(right) if t[0] >= (a.mention_end or 0)), len(right))
    nxt = right[end_idx][2].lower() if end_idx < len(right) else ""
    if nxt and nxt[:1].isalnum() and nxt not in _AFTER_INVERTED:
        a.mention_start, a.mention_end, a.mention, a.mention_kind, a.title = saved
        a.extra.pop("speaker_after", None)
        a.extra.pop("appos_end", None)
        return False
    return True


_PARTICLES = word_set("en", "attribution_words.tsv", "particles")


def _name_ahead(right, k: int) -> bool:
    """Lower-case words at ``right[k]`` run (at most three of them) into a capitalised name:
    a bare description before a name ("widow Terry Strada", "local baker Ann Lee")."""
    first = right[k][2].lower()
    if first.endswith(("ed", "ing")) or first in _PARTICLES:
        return False  # "call out Russia", "judged America": a verb phrase, not a description
    for t in right[k + 1:k + 4]:
        tok = t[2]
        if _is_cap(tok):
            return tok.lower() not in _STOP and tok.lower() not in _INTRO
        if not _LOWER_WORD.fullmatch(tok) or tok in _STOP or tok in _BETWEEN:
            return False
    return False


def _np_right(doc: Document, a: Attribution, right, j: int, loose: bool = False) -> bool:
    """A noun phrase starting at ``right[j]``; ``loose`` (after 'according to', 'by') admits
    lower-case heads and one prepositional tail ('exit polls', 'people familiar with the matter')."""
    if j >= len(right):
        return False
    start = j
    if right[j][2].lower() in _DETERMINERS:
        j += 1
    end = j
    n = 0
    verbs = reporting_verbs()
    r = roles()
    while end < len(right) and n < 10:
        tok = right[end][2]
        low = tok.lower()
        if end > j and low in verbs and low not in r:
            break  # "the governor said ...": the phrase ends at the next verb
        if (_is_cap(tok) and low not in _STOP and low not in _INTRO and (low not in _DETERMINERS or end == start)) or low in r or low in _MODIFIERS or tok in ("’s", "'s"):
            end += 1
        elif low in _NAME_JOIN and end + 1 < len(right) and _is_cap(right[end + 1][2]) and end > j:
            end += 1
        elif low in ("familiar", "close", "with", "to", "the", "matter", "situation", "talks", "plans", "case",
                     "investigation", "briefed", "on", "knowledge", "of", "thinking") and end > j and _has_role(doc.text[right[start][0]:right[end - 1][1]]) and n < 8:
            end += 1
        elif loose and end > j and low.endswith("ed") and low not in r:
            break  # "a summary released by ...": the phrase ends before the participle
        elif _LOWER_WORD.fullmatch(low) and low not in _STOP and low not in _BETWEEN and (start != j or loose or _name_ahead(right, end) and not any(_is_cap(t[2]) for t in right[j:end])) and end - j < (7 if loose else 4) and not low.endswith("ly"):
            end += 1  # "the poll", "a new national poll", "said widow Terry Strada"
        elif loose and low in ("of", "for", "at", "in", "with", "from", "on") and end > j and end + 1 < len(right) and (
            _LOWER_WORD.fullmatch(right[end + 1][2].lower()) or _is_cap(right[end + 1][2])
        ) and right[end + 1][2].lower() not in _STOP_NOT_DET:
            end += 1
        else:
            break
        n += 1
    if end == j:
        return False
    # trim trailing joining words
    while end - 1 > j and right[end - 1][2].lower() in _TRAIL_JOIN:
        end -= 1
    last = right[end - 1][2]
    if not (_is_cap(last) or last.lower() in r or start != j):
        return False
    s, e = right[start][0], right[end - 1][1]
    kind = "name" if any(_is_cap(t[2]) for t in right[j:end]) and right[start][2].lower() not in _DETERMINERS else "np"
    _set_mention(doc, a, s, e, kind)
    a.title = doc.text[s:e]
    a.extra["speaker_after"] = True
    # a name after a role: "said the agency's regional director, Miriam Koss."
    if kind == "np" and end + 1 < len(right) and right[end][2] == "," and _is_cap(right[end + 1][2]):
        n2 = end + 1
        while n2 < len(right) and (_is_cap(right[n2][2]) or right[n2][2] in (".",) and n2 + 1 < len(right) and _is_cap(right[n2 + 1][2])):
            n2 += 1
        if n2 - (end + 1) >= 2 and (n2 == len(right) or right[n2][2] in (",", ".", ";", "\n") or right[n2][2] in _ANY_Q):
            _set_mention(doc, a, s, right[n2 - 1][1], "name")
            a.title = doc.text[s:right[n2 - 1][1]]
            end = n2
    # appositive after the name: "said John Smith, a professor at ...", "said Dora Feld, 34, a nurse."
    while end < len(right) and right[end][2] == ",":
        k = end + 1
        while k < len(right) and right[k][2] not in (",", ".", ";", "\n") and right[k][2] not in _ANY_Q and k - end < 16:
            k += 1
        first = right[end + 1][2].lower() if end + 1 < len(right) else ""
        if not (first in _DETERMINERS or first in _role_or_mod() or first.isdigit() or first in ("who", "whose", "which", "now")):
            break
        a.title = doc.text[s:right[k - 1][1]]
        a.extra["appos_end"] = right[k - 1][1]
        end = k
    return True


# ----------------------------------------------------------------------------- according to

def _according_to(doc: Document, cs: int, ce: int) -> Attribution | None:
    text = doc.text
    sid, ss, se = _sent_bounds(doc, cs)
    ss, se = max(ss, cs - _WINDOW), min(se, cs + _WINDOW)  # run-on 'sentences' stay linear
    right = _tokens(text, ce, min(se, ce + 200))
    a = Attribution(cs, ce, text[cs:ce], "according_to", sentence_id=sid)
    if not right:
        return None
    low = right[0][2].lower()
    if low in PRONOUNS and PRONOUNS[low] != "rel":
        _set_mention(doc, a, right[0][0], right[0][1], "pronoun")
    elif not _np_right(doc, a, right, 0, loose=True):
        return None
    a.extra.pop("speaker_after", None)
    # content: the rest of the sentence on the other side
    before = text[ss:cs]
    if before.strip(" ,“\"'‘«(") == "":
        comma = text.find(",", a.mention_end or ce, se)
        start = comma + 1 if comma >= 0 else (a.extra.get("appos_end") or a.mention_end or ce)
        _set_content(doc, a, start, se)
    else:
        _set_content(doc, a, ss, cs)
    return a


# ----------------------------------------------------------------------------- noun, dash and colon cues

def _noun_cue(doc: Document, cue: Cue) -> Attribution | None:
    """A nominal cue with a possessor: "Trump's claim that ...", "her remarks about ..."."""
    text = doc.text
    noun = cue.form
    _cat, complements = reporting_nouns(doc.language)[noun]
    nxt = text[cue.tail[0]:cue.tail[1]].lower() if cue.tail is not None else ""
    if not ((nxt == "that" and "that" in complements) or nxt[:1] in (":", "“", '"', "«")):
        return None  # only a clause or a quotation makes a noun report speech ("claim that ...")
    q = doc.quote_at(cue.start)
    if q is not None and q.closed:
        return None  # inside someone else's quotation
    ps, pe = cue.anchor
    sid, ss, se = _sent_bounds(doc, cue.start)
    a = Attribution(cue.start, cue.end, noun, "noun", sentence_id=sid)
    poss = text[ps:pe]
    if poss.lower() in ("his", "her", "their", "its"):
        _set_mention(doc, a, ps, pe, "pronoun")
    else:
        name_end = pe - 2 if poss.endswith(("’s", "'s")) else pe
        _set_mention(doc, a, ps, name_end, "name")
        a.title = text[ps:name_end]
    start = cue.end
    if nxt == "that":
        start = cue.tail[0] + 4
    _set_content(doc, a, start, min(se, start + _WINDOW))
    return a if a.content_start is not None else None


def _dash_cue(doc: Document, cue: Cue, prev_end: int) -> tuple[Attribution | None, int]:
    """'"…" — Ann Lee': the name under a quotation. ``prev_end`` is where the previous dash
    cue's name ended (several '"…" ― Name' on one line); returns the new one too."""
    text = doc.text
    qpos, q_mark_end = cue.anchor
    name_start, name_end = cue.tail
    q = doc.quote_at(qpos)
    line_start = max(text.rfind("\n", max(0, qpos - 3000), qpos) + 1, prev_end)
    name = text[name_start:name_end].rstrip()  # str.rstrip also removes no-break spaces
    new_prev_end = name_start + len(name)
    q_start = q.start if q is not None and q.start >= line_start else line_start
    if not any(c in text[q_start:qpos] for c in "“”\"«»") and "''" not in text[q_start:qpos] and q is None:
        return None, new_prev_end
    a = Attribution(cue.start, cue.end, text[cue.start:cue.end], "dash", sentence_id=doc.sentence_of(cue.start))
    _set_mention(doc, a, name_start, name_start + len(name), "name")
    a.title = name
    while q_start < qpos and text[q_start].isspace():
        q_start += 1
    a.content_start, a.content_end = q_start, q_mark_end
    return a, new_prev_end


def _colon_head(doc: Document, cue: Cue) -> Attribution | None:
    """A title line 'Name: what they said' (the cue step yields only the first line's)."""
    text = doc.text
    name = text[cue.anchor[0]:cue.anchor[1]]
    line = text[cue.tail[0]:cue.tail[1]]
    if name.split()[0].lower().strip(".") in _COLON_STOP or len(line.split()) < 3:
        return None
    last = name.split()[-1]
    # a headline 'Name: ...' only when the name is a source elsewhere in the text or a document word
    if roles(doc.language).get(last.lower()) != "document" and not re.search(rf"\b{re.escape(last)}\b", text[cue.tail[1]:]):
        return None
    a = Attribution(cue.start, cue.end, ":", "colon", sentence_id=doc.sentence_of(cue.start))
    _set_mention(doc, a, cue.anchor[0], cue.anchor[1], "name")
    a.title = name
    _set_content(doc, a, cue.tail[0], cue.tail[1])
    return a


# ----------------------------------------------------------------------------- content

def _function_words_only(text: str, s: int, e: int) -> bool:
    """Every word of ``text[s:e]`` is a stop word or a determiner (stops at the first that is not,
    instead of listing the words of the whole stretch first)."""
    for m in _W.finditer(text, s, e):
        w = m.group().lower()
        if w not in _STOP and w not in _DETERMINERS:
            return False
    return True


def _set_content(doc: Document, a: Attribution, s: int, e: int) -> None:
    text = doc.text
    while s < e and text[s] in " \t\n,;:—–-":
        s += 1
    while e > s and text[e - 1] in " \t\n,;:—–-.":
        e -= 1
    if e - s < 2 or _function_words_only(text, s, e):
        return  # nothing but function words ("and"): no content
    a.content_start, a.content_end = s, e


def _content(doc: Document, a: Attribution, ss: int, se: int, right) -> None:
    """Choose what was said: the clause after the cue, or the one before the speaker."""
    text = doc.text
    block_start = min(a.cue_start, a.mention_start if a.mention_start is not None else a.cue_start)
    block_end = max(a.cue_end, a.extra.get("appos_end") or a.mention_end or a.cue_end)
    if a.extra.get("inherit"):
        block_start = a.cue_start
    # right side: skip the addressee of "told", time words, "in a statement", then "that"
    r_start = block_end
    rest = text[r_start:se]
    low_rest = rest.lower()
    if a.verb is not None and a.verb.lemma in ("tell", "ask", "urge", "warn", "inform", "assure", "remind", "advise", "accuse", "call on", "brief", "thank"):
        obj = _OBJECT.match(rest)
        if obj and not obj.group(1).lower().startswith(("that", "of")):
            a.extra["object"] = (r_start + obj.start(1), r_start + obj.end(1))
            r_start += obj.end()
            rest = text[r_start:se]
            low_rest = rest.lower()
        # "warned elections officials to boost ...": what was urged starts at "to"
        to = _TO_VERB.match(low_rest)
        if to:
            r_start += to.start(1)
            rest = text[r_start:se]
            low_rest = rest.lower()
    that = _THAT.search(low_rest, 0, 90)
    if that and _that_opens_content(doc, low_rest[:that.start()]):
        r_start += that.start()  # PolNeAR and PARC count the "that" as part of what was said
    r_text = text[r_start:se]
    r_words = len(r_text.split(None, 3))  # the word count up to 4: only compared with 2 and 3
    r_lead = r_text.lstrip(" ,")
    # a quotation opens on the right (two apostrophes open one in some house styles: ''But ...)
    r_quote = r_lead[:1] in _OPEN_Q or r_lead.startswith("''")
    r_open = r_quote or r_text.lstrip(" ,:")[:1] in _OPEN_Q or r_text.lstrip()[:1] == ":" or (that is not None and r_start > block_end)
    l_end = block_start
    l_from = _quote_start(doc, ss, l_end)
    l_text = text[l_from:l_end]  # a quotation begun in an earlier sentence counts
    l_stripped = l_text.rstrip()
    l_words = len(l_text.split(None, 3))
    l_frame = l_stripped.endswith((",", "—", "–", "''")) or l_stripped[-1:] in _CLOSE_Q
    trailer = _is_trailer(r_text) or (l_frame and l_words >= 3 and _PARTICIPLE.match(r_text) is not None)
    if a.verb is not None and a.verb.form_kind == "ing" and a.extra.get("inherit"):
        _set_content(doc, a, r_start, se)
    elif r_open and r_words >= 2 and not (l_frame and l_words >= 3 and trailer):
        if l_frame and l_stripped[-1:] in _CLOSE_Q and r_quote:
            _set_content(doc, a, l_from, se)  # '"A," he said, "B."'
        else:
            _set_content(doc, a, r_start, se)
    elif l_frame and l_words >= 3 and (trailer or r_words < 3 or l_stripped.endswith(_QUOTE_ENDS)):
        # '"A," X said, explaining why ...': the quotation before the speaker is what was said,
        # the clause after is the writer's
        _set_content(doc, a, l_from, l_end)
    elif l_stripped.endswith(",") and l_words >= 3 and r_text.lstrip(" ")[:1] == "," and r_words >= 2 and not trailer:
        # 'A wall would stop crime, she said, but also drugs': the speaker set off by commas in
        # the middle of what was said; the outer extent (the scorer and highlight drop the cue)
        _set_content(doc, a, l_from, se)
    elif r_words >= 2 and not trailer:
        _set_content(doc, a, r_start, se)
    elif l_words >= 2:
        _set_content(doc, a, l_from, l_end)
    # a colon introducing a quote in the next paragraph: 'He said:\n\n"..."'
    if a.content_start is None and text[a.cue_end:a.cue_end + 3].lstrip(" ")[:1] == ":":
        nxt = _SPACES.match(text, text.find(":", a.cue_end) + 1).end()
        q = doc.quote_at(nxt)
        if q is not None:
            a.content_start, a.content_end = q.start, q.end
        elif nxt < len(text):
            sid = doc.sentence_of(nxt)
            if sid < len(doc.sentences):
                _set_content(doc, a, nxt, doc.sentences[sid][1])


def _that_opens_content(doc: Document, before: str) -> bool:
    """'said on Monday that ...': the "that" opens what was said when what stands between the cue
    and it (``before``, lower-cased) has no comma (but ", in"), quotation mark or dash, no new
    clause ("— and thinks that"), and at most six words, none a reporting verb or an -ed form
    ('said the ministry requested that ...', 'said Lee envisioned a plan that ...' are not)."""
    if "," in before.replace(", in ", "").strip(", ") or any(q in before for q in "“\"«—–") or _NEW_CLAUSE.search(before):
        return False
    words = _WORD.findall(before)
    if len(words) > 6:
        return False
    verbs = reporting_verbs(doc.language)
    return not any(w in verbs or (len(w) > 4 and w.endswith("ed")) for w in words)


_TRAILER = re.compile(
    r"^\s*[,]?\s*(?:(?:on|in|at|during|after|before|last|this|earlier|later|late|early|via|to\s+reporters)\b[^,;]*"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|recently|afterwards?)\b[^,;]*)?[\s.!?”\"’)]*$",
    re.I,
)


def _is_trailer(r_text: str) -> bool:
    """The right side holds only adjuncts ('in an interview with The Guardian.', 'on Friday.')."""
    if _NO_CONTENT_AFTER.match(r_text):
        return True
    if len(r_text) > 160:
        return False
    return bool(_TRAILER.match(r_text))


def _quote_start(doc: Document, ss: int, end: int) -> int:
    """Start content at the opening mark of a quotation that began in an earlier sentence."""
    q = doc.quote_at(ss)
    if q is not None and ss - _WINDOW < q.start < ss:
        return q.start
    return ss


def _line(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", max(0, pos - 400), pos) + 1
    hi = text.find("\n", pos, pos + 400)
    return lo, (hi if hi >= 0 else min(len(text), pos + 400))


def _headline_like(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 120 and line[-1] not in ".!?:;”\"’)»"


def _in_headline_list(text: str, pos: int) -> bool:
    """A cue in a block of short unpunctuated lines (related headlines, menus) around a body."""
    lo, hi = _line(text, pos)
    if not _headline_like(text[lo:hi]):
        return False
    before = text[max(0, lo - 121):max(0, lo - 1)].rsplit("\n", 1)[-1] if lo > 0 else ""
    after = text[hi + 1:hi + 122].split("\n", 1)[0] if hi < len(text) else ""
    return _headline_like(before) or _headline_like(after)


def _inherit_subjects(doc: Document, rows: list[Attribution]) -> None:
    """', saying ...', '... and said ...' and 'Citing ..., Trump said' share their clause's subject."""
    for n, a in enumerate(rows):
        if not a.extra.get("inherit") or a.mention_start is not None or a.sentence_id >= len(doc.sentences):
            continue
        ss = doc.sentences[a.sentence_id][0]
        prev = rows[n - 1] if n else None
        if prev is not None and (prev.sentence_id != a.sentence_id or prev.mention_start is None):
            prev = None
        if not doc.text[ss:a.cue_start].strip(" “\"'‘«("):
            # the participle opens the sentence: the subject follows its clause ("Citing X, Trump ...")
            comma = doc.text.find(",", a.cue_end, doc.sentences[a.sentence_id][1])
            nxt = rows[n + 1] if n + 1 < len(rows) else None
            channel = _CHANNEL_AFTER.match(doc.text[a.cue_end:a.cue_end + 8])
            if comma > 0 and channel and nxt is not None and nxt.sentence_id == a.sentence_id and nxt.cue_start > comma:
                a.extra["drop"] = True  # "Writing on Telegram, the governor said ...": one attribution
                continue
            if comma > 0:
                toks = _tokens(doc.text, comma + 1, min(comma + 200, doc.sentences[a.sentence_id][1]))
                _subject_at_start(doc, a, toks)
            continue
        if prev is not None and prev.mention_start is not None and prev.mention_start - ss < 40:
            _copy_mention(a, prev)  # "X said A, adding B"
            continue
        if doc.text[ss:ss + 2].lstrip()[:1] in _OPEN_Q and n and rows[n - 1].mention_start is not None:
            _copy_mention(a, rows[n - 1])  # '"...," adding that ...': the speaker of the quotation
            continue
        toks = _tokens(doc.text, ss, min(a.cue_start, ss + 200))
        while toks and (toks[0][2] in _ANY_Q or toks[0][2] in ("(", "—") or toks[0][2].lower() in ("but", "and", "so", "yet")):
            toks = toks[1:]
        first = toks[0][2].lower() if toks else ""
        if first in _STOP or first in _BETWEEN or first.endswith(("ly", "ed", "ing")) or first in _INTRO:
            # an opening adverbial ("In August, ...", "Meanwhile, ...", "Chastened by ..., Trump ...")
            comma = next((k for k, t in enumerate(toks) if t[2] == ","), None)
            toks = toks[comma + 1:] if comma is not None else []
        if not _subject_at_start(doc, a, toks) and prev is not None:
            _copy_mention(a, prev)


def _copy_mention(a: Attribution, b: Attribution) -> None:
    a.mention_start, a.mention_end, a.mention = b.mention_start, b.mention_end, b.mention
    a.mention_kind, a.title, a.antecedent = b.mention_kind, b.title, b.antecedent


def _subject_at_start(doc: Document, a: Attribution, toks) -> bool:
    if toks and toks[0][2].lower() in ("he", "she", "they", "it", "we", "i"):
        _set_mention(doc, a, toks[0][0], toks[0][1], "pronoun")
        return True
    if toks and (_is_cap(toks[0][2]) or toks[0][2].lower() in _DETERMINERS) and _np_right(doc, a, toks, 0):
        a.extra.pop("speaker_after", None)
        a.extra.pop("appos_end", None)
        return True
    return False


def _inside_closed_quote(doc: Document, a: Attribution) -> bool:
    """'"He said it over and over," she said': speech reported inside a quotation belongs to the
    quoted speaker's words, not to the sources the journalist cites. Named subjects are kept
    ("As Obama said ..."), and unclosed quotes are not trusted enough to hide a cue."""
    if a.kind_hint != "verb" or a.mention_kind == "name":
        return False
    q = doc.quote_at(a.cue_start)
    return q is not None and q.closed


def _drop_non_speakers(doc: Document, rows: list[Attribution]) -> list[Attribution]:
    """Subjects that cannot speak (``non_speakers.tsv``). A lone "There", "ever" or "is" taken
    as the subject means the verb reports nobody: the row goes. A time or event noun ("launch
    day saw ...", "the report's release showed", "released last month reveals") is never the
    speaker: the row stays (the verb may still report a finding) with no speaker mention —
    unless the phrase also holds a role or document word ("a poll last month showed")."""
    words = non_speakers(doc.language)
    r = roles(doc.language)
    out = []
    for a in rows:
        if a.mention_start is not None and a.mention_kind in ("np", "name"):
            parts = a.mention.lower().split()
            if len(parts) == 1 and parts[0] in words["alone"]:
                continue
            if a.mention_kind == "np" and parts and parts[-1] in words["head"] and not any(
                w in r for w in parts[:-1] if not w.endswith(("'s", "’s"))
            ):
                a.mention_start = a.mention_end = None
                a.mention, a.mention_kind, a.title = "", "none", ""
        out.append(a)
    return out


def _drop_nested(rows: list[Attribution]) -> list[Attribution]:
    """'Stein said she plans to ...': a belief or intention reported inside what someone said is
    part of that content, not a second source (a strong speech verb still counts)."""
    out: list[Attribution] = []
    for a in rows:
        v = a.verb
        if v is not None and v.strength != "strong" and a.mention_kind in ("pronoun", "rel") and any(
            b.content_start is not None and b.sentence_id == a.sentence_id and b.cue_end <= a.cue_start
            and b.content_start <= a.cue_start < (b.content_end or 0)
            for b in out[-3:]
        ):
            continue
        out.append(a)
    return out


def _drop_overlaps(rows: list[Attribution]) -> list[Attribution]:
    """One row per cue: when two cues overlap keep the longer (e.g. 'call on' over 'call')."""
    out: list[Attribution] = []
    for a in rows:
        if out and a.cue_start < out[-1].cue_end:
            if (a.cue_end - a.cue_start) > (out[-1].cue_end - out[-1].cue_start):
                out[-1] = a
            continue
        out.append(a)
    return out


def _trim_contents(doc: Document, rows: list[Attribution]) -> None:
    """A right-side content stops where the next attribution in the same sentence begins, and
    at a contrasting clause (', but he has also ...') or a relative clause (', who ...') outside
    quotation marks."""
    for a in rows:
        if a.content_start is None or a.content_end is None or a.content_start < a.cue_end:
            continue
        for m in _CLAUSE_CUT.finditer(doc.text, a.content_start, a.content_end):
            if doc.quote_at(m.start()) is None and m.start() - a.content_start > 10:
                a.content_end = m.start()
                break
    for a, b in zip(rows, rows[1:]):
        if a.content_start is None or a.sentence_id != b.sentence_id:
            continue
        if a.content_start >= a.cue_end and a.content_end is not None:
            q = doc.quote_at(b.cue_start)
            if q is not None and q.closed and a.content_start <= q.start:
                continue  # a cue inside a quotation that is part of this content
            b_start = b.cue_start
            if b.mention_start is not None and b.mention_start >= a.cue_end:
                b_start = min(b_start, b.mention_start)
            if a.content_start < b_start < a.content_end:
                cut = b_start
                if b.content_start is not None and b.content_start < b_start and b.content_start > a.content_start:
                    cut = b.content_start
                e = cut
                while e > a.content_start and doc.text[e - 1] in " ,;:—–-\n":
                    e -= 1
                words = _W.findall(doc.text[a.content_start:e])
                if e - a.content_start >= 2 and any(w.lower() not in _STOP for w in words):
                    a.content_end = e


def _extend_quotes(doc: Document, rows: list[Attribution]) -> None:
    """'"A," he said. "B."' is one attribution: later quoted sentences with no cue of their own join it."""
    text = doc.text
    cue_sents = {a.sentence_id for a in rows}
    for a in rows:
        if a.content_end is None:
            continue
        # only direct speech continues across sentences
        head = text[a.content_start:min(a.content_end, a.content_start + _WINDOW)]
        if not any(c in head for c in "“”\"«»") and "''" not in head:
            q = doc.quote_at(a.content_start)
            if q is None:
                continue
        end = max(a.content_end, a.cue_end, a.mention_end or 0)
        sid = doc.sentence_of(end)
        if sid < len(doc.sentences) and doc.sentences[sid][1] <= end + 2:
            sid += 1
        else:
            sid += 1
        while sid < len(doc.sentences) and sid not in cue_sents:
            s, e = doc.sentences[sid]
            gap = text[end:s]
            if "\n\n" in gap:
                prev_q = doc.quote_at(max(end - 1, 0))
                if not (prev_q is not None and not prev_q.closed) and not text[a.cue_end:a.cue_end + 2].lstrip().startswith(":"):
                    break
            lead = text[s:s + 2]
            if not (lead[:1] in _OPEN_Q or lead == "''" or doc.quote_at(s) is not None):
                break
            q = doc.quote_at(s)
            new_end = max(e, q.end if q is not None else e)
            a.content_end = new_end
            end = new_end
            sid = doc.sentence_of(end - 1) + 1


def _parenthetical_fronts(doc: Document, rows: list[Attribution]) -> None:
    """'And perhaps, Obama said, it could help': the clause before ', Obama said,' is part of what
    was said. Recorded as the span's ``front`` (the content columns keep the part after)."""
    text = doc.text
    claimed = -1  # end of the last content in the text: a front never takes another's words
    for a in rows:
        if (
            a.kind_hint == "verb" and a.mention_start is not None and a.mention_end is not None
            and a.mention_end <= a.cue_start and a.content_start is not None and a.content_start >= a.cue_end
            and a.sentence_id < len(doc.sentences)
        ):
            ss = doc.sentences[a.sentence_id][0]
            before = text[ss:a.mention_start].rstrip()
            after = text[a.cue_end:a.content_start].strip()
            if before.endswith((",", "—", "–")) and after[:1] in (",", "—", "–") and ss > claimed:
                front_end = ss + len(before) - 1
                if _W.search(text, ss, front_end) and doc.quote_at(ss) is None:
                    a.extra["front"] = (ss, front_end)
        if a.content_end is not None:
            claimed = max(claimed, a.content_end)
