"""Hedges, boosters and approximators: where a text commits to a claim and where it holds back.

A *hedge* lowers the writer's commitment ("NATO *may* send troops", "the drone was *reportedly*
launched", "it *is unclear whether*"), a *booster* raises it ("*clearly* a provocation", "*in fact*")
and an *approximator* makes a quantity vague ("*about* 40 people", "*some* 200 troops"). Each cue is
matched from the lexicon in ``mediakit/lexicons/en/hedges.tsv`` and then checked in context, so
"in May" (the month), "could not be reached", "appeared in court" and "must register" are not
counted. Every cue says whose it is: the journalist's own (``voice="author"``), a direct quotation
(``"quoted"``) or indirect speech (``"reported"``, the clause after "X said" or "according to X").

>>> import mediakit as mk
>>> df = mk.find_hedges('NATO may send troops, officials said. "It is clearly a provocation," Lee said.')
>>> df[["cue", "category", "voice", "speaker"]].values.tolist()
[['may', 'hedge', 'reported', 'officials'], ['clearly', 'booster', 'quoted', 'Lee']]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import FormatError, InputError, SchemaError
from ..lexicons.reader import lexicon_file, parse_table, word_set
from ..lexicons.wordlists import read_liwc_dic, read_wordlist
from ..text.doc import Document, check_language
from ..text.sentences import sentence_spans
from ..text.wordtrie import trie_regex
from .attribution import attributions
from .corpus_input import iter_documents

COLUMNS = ["start", "end", "cue", "category", "kind", "in_quote", "speaker", "voice", "sentence_id", "negated", "source"]
RATE_COLUMNS = [
    "doc_id", "words", "n_hedges", "n_boosters", "n_approximators", "hedges_per_1k", "boosters_per_1k",
    "approximators_per_1k", "author_hedges_per_1k", "quoted_hedges_per_1k", "author_boosters_per_1k",
    "quoted_boosters_per_1k", "hedged_sentence_share", "sentences",
]
CATEGORIES = ("hedge", "booster", "approximator")
KINDS = ("modal", "lexical_verb", "adverb", "adjective_noun", "shield", "booster", "approximator")
# Conditions (if, unless) and embedded questions (whether) are uncertainty in the CoNLL-2010 sense
# but not hedges; find_hedges(conditions=True) reports them under their own category.
_LEXICON_CATEGORIES = (*CATEGORIES, "condition")
_LEXICON_KINDS = (*KINDS, "condition", "question")
LEXICON_COLUMNS = ["cue", "category", "kind", "source", "rule", "note"]
_DEFAULT_KIND = {"hedge": "lexical_verb", "booster": "booster", "approximator": "approximator", "condition": "condition"}

# ----------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Entry:
    cue: str
    category: str
    kind: str
    source: str
    rule: str


class HedgeLexicon:
    """A set of hedge, booster and approximator cues, each with its context rule and source.

    >>> import mediakit as mk
    >>> lex = mk.HedgeLexicon.default() + mk.HedgeLexicon.from_words(["arguably so"], category="hedge")
    >>> mk.find_hedges("That is arguably so.", lexicon=lex)["cue"].tolist()
    ['arguably so']
    """

    def __init__(self, entries: pd.DataFrame | Iterable[dict[str, Any]], name: str = "custom"):
        df = pd.DataFrame(list(entries) if not isinstance(entries, pd.DataFrame) else entries)
        if "cue" not in df.columns:
            raise FormatError(f"lexicon {name!r}: needs a 'cue' column (columns: {', '.join(map(str, df.columns))})")
        df = df.copy()
        if "category" not in df.columns:
            df["category"] = "hedge"
        for col in ("kind", "source", "rule", "note"):
            if col not in df.columns:
                df[col] = ""
        df = df.fillna("").astype(str)
        df["cue"] = [" ".join(c.replace("’", "'").split()).lower() for c in df["cue"]]
        df = df[df["cue"] != ""]
        bad = sorted(set(df["category"]) - set(_LEXICON_CATEGORIES))
        if bad:
            raise FormatError(f"lexicon {name!r}: unknown category {bad[0]!r}; use one of {', '.join(_LEXICON_CATEGORIES)}")
        df["kind"] = [k or _DEFAULT_KIND[c] for k, c in zip(df["kind"], df["category"])]
        bad = sorted(set(df["kind"]) - set(_LEXICON_KINDS))
        if bad:
            raise FormatError(f"lexicon {name!r}: unknown kind {bad[0]!r}; use one of {', '.join(_LEXICON_KINDS)}")
        bad = sorted(set(df["rule"]) - set(RULES) - {""})
        if bad:
            raise FormatError(f"lexicon {name!r}: unknown rule {bad[0]!r}; known rules: {', '.join(sorted(RULES))}")
        df["source"] = df["source"].replace("", name)
        # a later row for the same cue replaces an earlier one: that is how users override entries
        self.entries = df.drop_duplicates("cue", keep="last")[LEXICON_COLUMNS].reset_index(drop=True)
        self.name = name
        self._matcher: _Matcher | None = None

    @classmethod
    def default(cls, language: str = "en") -> HedgeLexicon:
        """The bundled lexicon of a language (``mediakit/lexicons/<language>/hedges.tsv``),
        loaded once per process."""
        lang = check_language(language)
        if lang not in _DEFAULT:
            with lexicon_file(lang, "hedges.tsv").open(encoding="utf-8") as f:
                _DEFAULT[lang] = cls(_read_tsv(f, f"{lang}/hedges.tsv"), name="mediakit")
        return _DEFAULT[lang]

    @classmethod
    def from_words(cls, words: Iterable[str], category: str = "hedge", kind: str = "", source: str = "user") -> HedgeLexicon:
        """A lexicon from plain cues (no context rules), all of one category."""
        return cls([{"cue": w, "category": category, "kind": kind, "source": source} for w in words], name=source)

    def __add__(self, other: HedgeLexicon) -> HedgeLexicon:
        if not isinstance(other, HedgeLexicon):
            return NotImplemented
        return HedgeLexicon(pd.concat([self.entries, other.entries], ignore_index=True), name=f"{self.name}+{other.name}")

    def without(self, cues: Iterable[str]) -> HedgeLexicon:
        """A copy without the given cues (``lex.without(["about", "around"])``)."""
        drop = {" ".join(c.lower().split()) for c in cues}
        return HedgeLexicon(self.entries[~self.entries["cue"].isin(drop)], name=self.name)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        counts = self.entries["category"].value_counts().to_dict()
        return f"HedgeLexicon({self.name!r}: " + ", ".join(f"{counts.get(c, 0)} {c}s" for c in CATEGORIES) + ")"

    @property
    def matcher(self) -> _Matcher:
        if self._matcher is None:
            self._matcher = _Matcher(self.entries)
        return self._matcher


_DEFAULT: dict[str, HedgeLexicon] = {}


def _read_tsv(lines: Iterable[str], name: str) -> pd.DataFrame:
    rows = parse_table(lines, name, required="cue")
    if not rows:
        raise FormatError(f"{name}: the lexicon has no entries")
    return pd.DataFrame(rows)


def load_lexicon(
    path: str | Path,
    category: str = "hedge",
    kind: str = "",
    dic_category: str | None = None,
    source: str | None = None,
) -> HedgeLexicon:
    """Read a user lexicon: a plain word list, a LIWC-style ``.dic`` or a ``.tsv`` like ours.

    A plain list (one cue per line, ``#`` comments) or one category of a ``.dic`` file gives
    cues of ``category`` ("hedge", "booster" or "approximator"); a ``.tsv`` with a ``cue``
    column (and optionally category, kind, source, rule) is read as it is. Combine it with
    the default lexicon by adding: ``mk.HedgeLexicon.default() + mk.load_lexicon(...)``.

    >>> import mediakit as mk
    >>> tentative = mk.load_lexicon("LIWC.dic", dic_category="tentat")    # doctest: +SKIP
    >>> mk.find_hedges(text, lexicon=mk.HedgeLexicon.default() + tentative)  # doctest: +SKIP
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"no lexicon file at {p}")
    if category not in CATEGORIES:
        raise InputError(f"category must be one of {', '.join(CATEGORIES)}, got {category!r}")
    name = source or p.stem
    if p.suffix.lower() == ".dic":
        cats = read_liwc_dic(p)
        if dic_category is None:
            raise InputError(f"{p.name} is a .dic file with categories {', '.join(cats)}: pass dic_category=... to choose one")
        if dic_category not in cats:
            raise InputError(f"{p.name} has no category {dic_category!r} (it has: {', '.join(cats)})")
        return HedgeLexicon.from_words(cats[dic_category], category=category, kind=kind, source=name)
    if p.suffix.lower() == ".tsv":
        with open(p, encoding="utf-8") as f:
            df = _read_tsv(f, p.name)
        if "category" not in df.columns:
            df["category"] = category
        return HedgeLexicon(df, name=name)
    return HedgeLexicon.from_words(read_wordlist(p), category=category, kind=kind, source=name)


def _as_lexicon(lexicon: Any) -> HedgeLexicon:
    if lexicon is None:
        return HedgeLexicon.default()
    if isinstance(lexicon, HedgeLexicon):
        return lexicon
    if isinstance(lexicon, (str, Path)):
        return load_lexicon(lexicon)
    if isinstance(lexicon, pd.DataFrame):
        return HedgeLexicon(lexicon)
    if isinstance(lexicon, (list, tuple)):
        if all(isinstance(x, HedgeLexicon) for x in lexicon) and lexicon:
            out = lexicon[0]
            for x in lexicon[1:]:
                out = out + x
            return out
        if all(isinstance(x, str) for x in lexicon):
            return HedgeLexicon.from_words(lexicon)
    raise InputError(
        "lexicon= takes a HedgeLexicon, a path to a word list/.dic/.tsv, a list of words or a DataFrame "
        f"with a 'cue' column; got {type(lexicon).__name__}"
    )


# ----------------------------------------------------------------------------- matching

_BE = r"(?:is|are|was|were|be|been|being|am|['’]s|['’]re|isn['’]t|wasn['’]t|aren['’]t|weren['’]t)"
_ADV = r"\w+ly"
_WORD_END = r"(?![\w]|['’\-]\w)"


def _token_regex(tok: str) -> str:
    if tok == "{be}":
        return _BE
    if tok == "{adv}":
        return _ADV
    star = tok.endswith("*") and len(tok) > 1
    body = re.escape(tok.rstrip("*") if star else tok).replace("'", "['’]")
    return body + (r"\w*" if star else "")


# Very frequent words never start the scan: a cue beginning with them ("in fact", "it is unclear")
# is anchored on its first rarer word, and the frequent words are checked as left context.
_FREQUENT = word_set("en", "hedge_words.tsv", "frequent")


class _Matcher:
    """One compiled scan for the first word of every cue, then the cue-specific continuation.

    Scanning for first words with a single trie-shaped regex keeps the hot loop in C; only the
    few percent of words that start a cue reach Python. Leading ``{be}``/``{adv}`` tokens are
    checked as left context, so "is said to" is anchored on "said" rather than on every "is".
    """

    def __init__(self, entries: pd.DataFrame):
        by_first: dict[str, list[tuple[int, re.Pattern[str] | None, re.Pattern[str] | None, _Entry]]] = {}
        for row in entries.itertuples(index=False):
            e = _Entry(row.cue, row.category, row.kind, row.source, row.rule)
            toks = e.cue.split(" ")
            lead = []
            while len(toks) > 1 and (toks[0] in ("{be}", "{adv}") or toks[0] in _FREQUENT):
                lead.append(toks.pop(0))
            if not toks:
                continue
            left = re.compile(r"(?:(?<![\w\-])|(?=['’]))" + "".join(_token_regex(t) + _sep(nxt) for t, nxt in zip(lead, lead[1:] + toks[:1])) + "$", re.I) if lead else None
            rest = None
            if len(toks) > 1:
                rest = re.compile("".join(_sep(t) + _token_regex(t) for t in toks[1:]) + _WORD_END, re.I)
            first = toks[0]
            if first.endswith("*") and len(first) > 1:
                first = first.rstrip("*")
                by_first.setdefault("*" + first, []).append((len(toks), left, rest, e))
                continue
            by_first.setdefault(first, []).append((len(toks), left, rest, e))
        for cands in by_first.values():
            cands.sort(key=lambda c: (-c[0], -len(c[3].cue)))
        self.by_first = by_first
        firsts = [w for w in by_first if not w.startswith("*")]
        prefixes = [w[1:] for w in by_first if w.startswith("*")]
        lookahead = {}
        for w in firsts:
            nexts = {c[3].cue.split(" ")[len(c[3].cue.split(" ")) - c[0] + 1] for c in by_first[w]} if all(c[2] is not None for c in by_first[w]) else set()
            if nexts:
                lookahead[w] = "|".join(sorted(_sep(t) + _token_regex(t) for t in nexts))
        parts = [_trie_regex(firsts, lookahead)] if firsts else []
        parts += [_token_regex(p + "*") for p in sorted(prefixes, key=len, reverse=True)]
        alts = "(?:" + "|".join(parts) + ")"
        # The scan runs case-sensitively over the lower-cased text (much faster in ``re`` than
        # IGNORECASE); texts whose lower-casing changes length fall back to the IGNORECASE scan.
        has_any = bool(firsts or prefixes)
        self.scan = re.compile(r"\b" + alts + _WORD_END) if has_any else None
        self.scan_i = re.compile(r"\b" + alts + _WORD_END, re.I) if has_any else None
        self.prefixes = sorted(prefixes, key=len, reverse=True)

    def candidates(self, text: str):
        """Yield ``(start, end, entry)`` for every lexicon match, longest first at each start."""
        if self.scan is None:
            return
        by_first = self.by_first
        low = text.lower()
        matches = self.scan.finditer(low) if len(low) == len(text) else self.scan_i.finditer(text)
        for m in matches:
            if m.start() and text[m.start() - 1] == "-":
                continue  # "re-estimate", "non-believer": part of a hyphenated word
            word = m.group().lower().replace("’", "'")
            cands = by_first.get(word)
            if cands is None:
                cands = next((by_first["*" + p] for p in self.prefixes if word.startswith(p)), None)
                if cands is None:
                    continue
            s, e1 = m.start(), m.end()
            for _, left, rest, entry in cands:
                e = e1
                if rest is not None:
                    r = rest.match(text, e1)
                    if r is None:
                        continue
                    e = r.end()
                start = s
                if left is not None:
                    lm = left.search(text, max(0, s - 40), s)
                    if lm is None:
                        continue
                    start = lm.start()
                yield start, e, entry


def _sep(tok: str) -> str:
    # "it's unclear": the contracted be-form attaches without a space
    return r"(?:\s+|(?=['’]))" if tok == "{be}" else r"\s+"


def _trie_regex(words: list[str], lookahead: dict[str, str] | None = None) -> str:
    """The shared trie builder (:mod:`mediakit.text.wordtrie`), with ``'`` matching ``’`` too."""
    return "(?:" + trie_regex(words, lookahead, char=_char) + ")"


def _char(ch: str) -> str:
    return "['’]" if ch == "'" else re.escape(ch)


# ----------------------------------------------------------------------------- context rules

_WORDS = re.compile(r"[\w$€£%]+(?:['’\-.]\w+)*|[.,;:()\"“”!?]")
_NEG = word_set("en", "hedge_words.tsv", "neg")
_NUMBER_WORDS = word_set("en", "hedge_words.tsv", "number_words")
_UNITS = word_set("en", "hedge_words.tsv", "units")
_BE_WORDS = word_set("en", "hedge_words.tsv", "be_words")
_DETERMINERS = word_set("en", "hedge_words.tsv", "determiners")
_MONTH_PREP = word_set("en", "hedge_words.tsv", "month_prep")
_CLAUSE_BREAK = frozenset(list('.,;:()"“”!?'))


class _Ctx:
    """Lazy word windows around a match (lower-cased), shared by the rules."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def before(self, pos: int, n: int = 3, keep_case: bool = False) -> list[str]:
        window = self.text[max(0, pos - 12 * n - 10):pos]
        toks = _WORDS.findall(window)[-n:]
        return toks if keep_case else [t.lower().replace("’", "'") for t in toks]

    def after(self, pos: int, n: int = 3, keep_case: bool = False) -> list[str]:
        toks = _WORDS.findall(self.text, pos, pos + 14 * n + 10)[:n]
        return toks if keep_case else [t.lower().replace("’", "'") for t in toks]


def _clause(toks: list[str], from_end: bool = True) -> list[str]:
    """The words of a window up to the nearest punctuation (so negation does not leak)."""
    if from_end:
        for i in range(len(toks) - 1, -1, -1):
            if toks[i] in _CLAUSE_BREAK:
                return toks[i + 1:]
        return toks
    for i, t in enumerate(toks):
        if t in _CLAUSE_BREAK:
            return toks[:i]
    return toks


def _negated(ctx: _Ctx, start: int, cue: str) -> bool:
    prev = _clause(ctx.before(start, 3))
    return any(t in _NEG or t.endswith("n't") for t in prev) or " ".join(prev[-2:]) == "far from"


def _is_number(tok: str) -> bool:
    return bool(tok) and (tok[0].isdigit() or tok[0] in "$€£" or tok in _NUMBER_WORDS)


Verdict = tuple[str, str] | None  # (category, kind) or None to reject
Rule = Callable[[_Ctx, int, int, _Entry], Verdict]


def _keep(e: _Entry) -> Verdict:
    return e.category, e.kind


def _rule_may(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    word = ctx.text[s:end]
    nxt = ctx.after(end, 2)
    if nxt and (nxt[0][0].isdigit() or nxt[0] in ("'s", "day")):
        return None  # May 5, May's, May Day
    if word == "May":
        # Capitalised "May" in running text is the month or a name; a sentence cannot begin with
        # the modal except as a question or wish ("May I ...?", "May they rest in peace").
        # Title-case headlines capitalise the modal too: "NATO May Send Troops", "Talks May Resume".
        if not _headline(ctx, s):
            return None
        prev = ctx.before(s, 1, keep_case=True)
        after = ctx.after(end, 1, keep_case=True)
        subject_like = bool(prev) and (
            (prev[-1].isupper() and len(prev[-1]) > 1) or (prev[-1].endswith("s") and prev[-1] not in _NAMES_IN_S)
        )
        if subject_like and after and after[0][:1].isupper() and after[0].lower() not in _MONTH_PREP:
            return _keep(e)
        return None
    if word.isupper() and len(word) > 1 and nxt and nxt[0][0].isdigit():
        return None
    wider = " ".join(_clause(ctx.before(s, 8)))
    if "so that" in wider or "in order that" in wider:
        return None  # "so that they may sanctify": purpose, not possibility
    prev = ctx.before(s, 1)
    if prev and prev[0] in ("you", "one") and nxt and nxt[0] not in ("be", "have", "not", "well", "also", "already"):
        return None  # "you may check his website", "one may view": permission, not possibility
    return _keep(e)


_NAMES_IN_S = word_set("en", "hedge_words.tsv", "names_in_s")


def _headline(ctx: _Ctx, s: int) -> bool:
    """Title-case lines ("NATO May Send Its Troops") capitalise the modal too.

    A headline is a short line: only 200 characters either side are looked at."""
    text = ctx.text
    lo = max(0, s - 200)
    line_start = text.rfind("\n", lo, s)
    if line_start < 0 and lo > 0:
        return False
    line_end = text.find("\n", s, s + 200)
    if line_end < 0 and s + 200 < len(text):
        return False
    line = text[line_start + 1:line_end if line_end >= 0 else len(text)]
    words = re.findall(r"[A-Za-z]\w*", line)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _rule_might(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = ctx.before(s, 1)
    nxt = ctx.after(end, 1)
    if nxt and nxt[0] == "of" or prev and prev[-1] in _MIGHT_NOUN_BEFORE:
        return None  # "the full might of the army", "military might": the noun
    return _keep(e)


_MIGHT_NOUN_BEFORE = word_set("en", "hedge_words.tsv", "might_noun_before")


_ABILITY_VERBS = word_set("en", "hedge_words.tsv", "ability_verbs")
_COULD_NOT_FOLLOW = word_set("en", "hedge_words.tsv", "could_not_follow")
_COULD_PREV = word_set("en", "hedge_words.tsv", "could_prev")


def _rule_could(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    word = ctx.text[s:end].lower()
    if word.endswith(("n't", "n’t")):
        return None
    nxt = ctx.after(end, 3)
    if nxt:
        if nxt[0] in ("have", "well", "potentially", "possibly", "theoretically", "conceivably", "eventually", "soon", "also", "still", "even"):
            return _keep(e)
        if nxt[0] in _COULD_NOT_FOLLOW or nxt[0] in _ABILITY_VERBS:
            return None
    prev = ctx.before(s, 2)
    wider = " ".join(_clause(ctx.before(s, 8)))
    near = " ".join(_clause(ctx.before(s, 4)))
    if "so that" in wider or "in order that" in wider or " where " in f" {near} " or near.startswith(("which ", "who ")) or " which " in f" {near} ":
        return None  # purpose ("so that they could"), place and relative clauses describe ability
    if near.endswith(("no one", "nobody", "nothing", "none")) or any(t in ("neither", "nor", "no", "never") for t in near.split()):
        return None  # "no one could doubt", "neither account could be verified": a negative claim, not a hedge
    if prev and (prev[-1] in _COULD_PREV or (len(prev) == 2 and prev[-2] in ("so", "before", "until") and prev[-1] not in _CLAUSE_BREAK)):
        return None  # "so that they could", "before he could": purpose and time, not possibility
    return _keep(e)


_PARTICIPLE_EXCEPTIONS = word_set("en", "hedge_words.tsv", "participle_exceptions")
_EPISTEMIC_AFTER_MUST = word_set("en", "hedge_words.tsv", "epistemic_after_must")


def _rule_must(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 3)
    if not nxt:
        return None
    first = nxt[0]
    if first in ("know", "realize", "realise", "understand", "surely", "certainly", "clearly"):
        return "booster", "booster"
    if first == "have" and len(nxt) > 1 and (nxt[1].endswith(("ed", "en", "wn")) or nxt[1] in ("been", "had", "known", "felt", "thought", "seen", "made", "got", "left", "lost", "come", "gone")):
        return "booster", "booster"  # "must have known": an inference about the past
    if first == "be" and len(nxt) > 1:
        w = nxt[1]
        if w in ("a", "an", "the", "some", "true", "right", "wrong", "obvious", "clear", "aware", "mistaken", "joking", "kidding", "something", "someone", "that", "why", "because", "very", "quite", "pretty", "really", "so"):
            return "booster", "booster"
        if (w.endswith(("ed", "en")) and w not in _PARTICIPLE_EXCEPTIONS) or w in ("made", "done", "held", "paid", "kept", "put", "set", "sent", "met", "taken", "given", "shown", "brought", "found", "built", "allowed", "able", "ready", "prepared"):
            return None  # "must be changed", "must be paid": obligation in the passive
        return None
    return None  # "must register", "must not": obligation


_APPEAR_NOT = word_set("en", "hedge_words.tsv", "appear_not")


def _rule_appear(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 2)
    if not nxt or nxt[0] in _CLAUSE_BREAK or nxt[0] == ".":
        return None  # "a rash appeared." (came into view)
    if nxt[0] in _APPEAR_NOT or nxt[0] in ("anywhere", "everywhere", "commonly", "often", "rarely"):
        return None  # "appeared in court", "appeared on TV", "appeared before the committee"
    if any(t in ("make", "makes", "made", "making") for t in _clause(ctx.before(s, 3))):
        return None  # "makes the face appear larger": a visual effect, not an inference
    return _keep(e)


_FINITE = word_set("en", "hedge_words.tsv", "finite")


def _rule_suggest(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = _clause(ctx.after(end, 8), from_end=False)
    if nxt and nxt[0] in ("a", "an", "the", "his", "her", "their", "its", "this", "that", "ways", "changes", "names", "using", "to"):
        if nxt[0] != "that" and any(t in _FINITE for t in nxt[1:8]):
            return _keep(e)  # "suggested the stain was produced ...": an inference with its clause
        if nxt[0] == "that" and len(nxt) > 1 and nxt[1] not in _FINITE:
            return _keep(e)  # "suggests that the ..."
        return None  # "suggested a compromise": a proposal, not an inference
    return _keep(e)


def _rule_that_clause(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 2)
    return _keep(e) if nxt and (nxt[0] == "that" or nxt[0] in ("a", "an") and len(nxt) > 1 and nxt[1] in ("possible", "likely", "potential")) else None


def _rule_think(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 1)
    if nxt and nxt[0] in ("about", "of", "through", "over", "tank", "tanks", "ahead", "twice", "back", "up", "again", "big", "outside", "so"):
        return None
    return _keep(e)


_OBJECT_PRONOUNS = word_set("en", "hedge_words.tsv", "object_pronouns")
_POSSESSIVES = word_set("en", "hedge_words.tsv", "possessives")


def _rule_believe(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    """Belief in a claim hedges it; believing *in* something or *someone* does not.

    "believe in God", "believe in the plan": faith or support. "does not believe his father",
    "believe me.": trust in a person (an object and then the clause ends)."""
    nxt = ctx.after(end, 3)
    if not nxt:
        return _keep(e)
    if nxt[0] == "in":
        return None
    if nxt[0] in _OBJECT_PRONOUNS and (len(nxt) == 1 or nxt[1] in _CLAUSE_BREAK or nxt[1] in ("and", "or", "but")):
        return None
    if nxt[0] in _POSSESSIVES and len(nxt) >= 2 and (len(nxt) == 2 or nxt[2] in _CLAUSE_BREAK):
        return None
    return _keep(e)


def _rule_thought(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = ctx.before(s, 2)
    nxt = ctx.after(end, 1)
    if nxt and nxt[0] in ("that", "to") or prev and prev[-1] in _SUBJECTS:
        return _keep(e)  # "they thought that", "he thought his ..."
    if prev and prev[-1] in _DETERMINERS | {"of", "in", "school", "second", "political", "religious", "economic", "critical", "much", "little", "without", "and", "greek", "western", "modern", "islamic", "christian"}:
        return None  # "a thought", "schools of thought"
    if len(prev) == 2 and prev[0] in _DETERMINERS and prev[1] not in _BE_WORDS and not prev[1].endswith("ly") and prev[1] not in _CLAUSE_BREAK:
        return None  # "a passing thought"
    if nxt and nxt[0] in ("about", "of", "so", "back", "through", "over", "twice", "out", "process", "processes", "experiment", "experiments", "leader", "leaders", "police"):
        return None
    return _keep(e)


def _rule_suspect(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = ctx.before(s, 1)
    nxt = ctx.after(end, 1)
    if nxt and nxt[0] == "that":
        return _keep(e)
    if prev and prev[-1] in ("i", "we", "they", "you", "police", "investigators", "officials", "authorities", "experts", "many", "some", "to", "also", "still", "strongly"):
        return _keep(e)
    return None  # "the suspect", "two suspects were arrested"


def _rule_not_as(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = ctx.before(s, 2)
    if prev and prev[-1] in ("as", "than", "un") or prev[-2:] == ["than", "had"]:
        return None  # "as expected", "better than expected": a known outcome
    return _keep(e)


def _rule_estimate(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = ctx.before(s, 1)
    nxt = ctx.after(end, 2)
    if prev and prev[-1] == "an" and nxt and (_is_number(nxt[0]) or nxt[0] in ("a", "one")):
        return "approximator", "approximator"  # "an estimated 500 people"
    word = ctx.text[s:end].lower()
    if word in ("estimate", "estimates") and prev and prev[-1] in _DETERMINERS | {"official", "conservative", "rough", "early", "initial", "preliminary", "latest", "government", "police", "by"}:
        return "hedge", "adjective_noun"
    return "hedge", "lexical_verb"  # "analysts estimate that", "estimates suggest"


def _rule_assume(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 1)
    if nxt and nxt[0] in ("office", "power", "responsibility", "responsibilities", "control", "command", "the", "his", "her", "their", "its", "duties", "role", "leadership", "a", "an", "charge", "ownership", "presidency"):
        return None  # "assumed office": took on, not supposed
    return _keep(e)


_SUBJECTS = word_set("en", "hedge_words.tsv", "subjects")
_BEFORE_CONSIDERED = word_set("en", "hedge_words.tsv", "before_considered")


def _rule_considered(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = ctx.before(s, 2)
    nxt = ctx.after(end, 2)
    if nxt and nxt[0] in ("whether", "how", "what", "the", "a", "an", "his", "her", "their", "its", "options", "running", "using", "this", "it", "that", "making", "leaving", "buying", "selling", "joining", "by") and not (prev and prev[-1] in _BEFORE_CONSIDERED and nxt[0] in ("the", "a", "an", "by", "this", "that", "it")):
        return None  # "considered the proposal", "considered running": deliberation
    if nxt and nxt[0] in ("to", "as", "one"):
        return _keep(e)
    if prev and prev[-1] in _BEFORE_CONSIDERED:
        return _keep(e)
    if prev and prev[-1] in ("things", "all"):
        return None
    return None if not prev or prev[-1] in ("he", "she", "they", "we", "i", "had", "has", "have") else _keep(e)


def _rule_consider_to(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 5)
    if "to" in nxt[:4] and "be" in nxt[:5] or "as" in nxt[1:4]:
        return _keep(e)
    return None


def _rule_seen_as(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 1)
    if nxt and nxt[0] in ("many", "much", "well", "far", "long", "soon", "little", "few", "often", "recently", "early", "late", "high", "low", "quickly", "a", "an", "the") and e.cue.endswith(" as"):
        if nxt[0] in ("a", "an", "the"):
            return _keep(e)
        return None  # "has seen as many as": a quantity, not a view
    return _keep(e)


def _rule_accused(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 6)
    return _keep(e) if "of" in nxt[:6] else None


def _rule_possible(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = ctx.before(s, 2)
    nxt = ctx.after(end, 1)
    if prev and prev[-1] in ("as", "if", "whenever", "wherever", "where", "when", "it", "them", "this", "highest", "lowest", "best", "worst", "maximum", "minimum", "every", "all", "fastest", "largest", "smallest", "only", "made", "make", "makes", "making", "impossible"):
        if not (prev[-1] == "it" and nxt and nxt[0] == "that"):
            return None  # "as soon as possible", "made it possible"
    if nxt and nxt[0] in ("to", "for") and not (prev and prev[-1] in ("is", "was", "be") and len(prev) > 1 and prev[-2] in ("it",) and nxt[0] == "that"):
        return None  # "possible to travel": ability, not likelihood
    if prev and prev[-1] in ("not", "be") and len(prev) > 1 and prev[-2] in ("was", "will", "would", "be"):
        return None
    if prev and prev[-1] in ("any", "other", "total", "one", "sometimes", "only", "primarily", "also", "quite", "theoretically", "technically", "easily"):
        return None  # "any possible reality", "sometimes possible": range of options, not likelihood
    core = [t for t in prev if t not in ("not", "also", "still", "now", "entirely", "quite", "very")]
    if core and core[-1] in _BE_WORDS and (len(core) < 2 or core[-2] not in ("it", "that", "this", "it's", "anything", "everything")) and not (nxt and nxt[0] == "that"):
        return None  # "wheelchair access is possible": feasibility, not a hedge on a claim
    return _keep(e)


def _rule_kind_of(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    if e.cue not in ("kind of", "sort of"):
        return _keep(e)
    prev = ctx.before(s, 1)
    nxt = ctx.after(end, 1)
    if not prev or prev[-1] in _DETERMINERS | {"of", "what", "which", "same", "any", "this", "that"} or prev[-1] in _CLAUSE_BREAK:
        return None  # "a new kind of weapon"
    if nxt and nxt[0] in _DETERMINERS:
        return None
    return _keep(e)


_NOT_NOUN_AFTER = word_set("en", "hedge_words.tsv", "not_noun_after")


def _rule_attributive(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 1)
    if not nxt or not nxt[0][0].isalnum() or nxt[0] in _NOT_NOUN_AFTER:
        return None  # "the potential of", "became apparent."
    prev = ctx.before(s, 1)
    if prev and (prev[-1] in _BE_WORDS or prev[-1] in ("became", "become", "becomes", "less", "more", "ground", "electric")):
        return None
    return _keep(e)


_QUESTIONED_OBJECTS = word_set("en", "hedge_words.tsv", "questioned_objects")


def _rule_questioned(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 3)
    if nxt and nxt[0] in ("whether", "if", "how", "why"):
        return _keep(e)
    if len(nxt) > 1 and nxt[0] in ("the", "its", "his", "her", "their") and nxt[1] in _QUESTIONED_OBJECTS:
        return _keep(e)
    prev = ctx.before(s, 2)
    if prev and (prev[-1] in _BE_WORDS or prev[-1] in ("been", "being")) and not (nxt and nxt[0] in ("by", "for", "about", "in", "on", "at", "after", "over")):
        return _keep(e)  # "has been questioned": doubted; "was questioned by police": interrogated
    return None


_QUESTION_VERBS = word_set("en", "hedge_words.tsv", "question_verbs")


def _rule_if(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = _clause(ctx.before(s, 2))
    if prev and prev[-1] in ("as", "even"):
        return None  # "as if" compares, "even if" concedes
    if prev and (prev[-1] in _QUESTION_VERBS or len(prev) > 1 and prev[-2] in _QUESTION_VERBS and prev[-1] in ("me", "him", "her", "them", "us", "you")):
        return "condition", "question"  # "asked if": an embedded question
    return _keep(e)


def _rule_doubt(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    if _negated(ctx, s, e.cue):
        return "booster", "booster"  # "no one doubts", "I don't doubt": certainty
    return _keep(e)


def _rule_predicative(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    prev = ctx.before(s, 3)
    nxt = ctx.after(end, 1)
    if prev and prev[-1] in ("make", "makes", "made", "making", "to"):
        if e.cue == "sure" or (e.cue == "clear" and prev[-1] == "to"):
            return None  # "make sure", "to clear the road"
    if e.cue == "sure" and prev and prev[-1] == "for":
        return _keep(e)
    if prev[-2:] in (["made", "it"], ["makes", "it"], ["make", "it"], ["making", "it"]):
        return _keep(e)  # "made it clear that"
    if nxt and nxt[0] in ("that", "whether", "if", "of", "about", "how", "what", "who", "why", "when"):
        return _keep(e)
    if e.cue == "certain" and prev and prev[-1] == "for":
        return _keep(e)
    core = [t for t in prev if t not in ("not", "n't", "yet", "entirely", "completely", "very", "quite", "so", "too", "more", "less", "absolutely", "all", "at", "really", "fully", "altogether", "still", "now", "also", "increasingly", "clearly", "totally", "always")]
    if core and (core[-1] in _BE_WORDS or core[-1].endswith(("'s", "'re")) or core[-1] in ("seems", "seemed", "became", "becomes", "become", "remains", "remained", "feel", "felt", "looks", "appears", "appeared", "get", "getting", "isn't", "wasn't", "aren't", "weren't") or core[-1].endswith("n't")):
        return _keep(e)
    return None  # "clear skies", "certain people": neither booster nor hedge


def _rule_booster_verb(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 1)
    word = ctx.text[s:end].lower()
    if word in ("proved", "proves", "prove", "proven") and nxt and nxt[0] in ("to", "difficult", "popular", "costly", "elusive", "fatal", "controversial", "hard", "tricky", "useful", "successful", "ineffective", "crucial"):
        return None  # "proved difficult": turned out, not established
    if word in ("demonstrate", "demonstrated", "demonstrates") and not (nxt and nxt[0] in ("that", "how", "the", "its", "a", "an", "his", "her", "their", "what", "why", "clearly")):
        return None  # "protesters demonstrated outside"
    if word in ("demonstrated",) and ctx.before(s, 1)[-1:] in (["protesters"], ["people"], ["thousands"], ["students"]):
        return None
    return _keep(e)


def _rule_number(ctx: _Ctx, s: int, end: int, e: _Entry) -> Verdict:
    nxt = ctx.after(end, 2)
    if not nxt:
        return None
    if _is_number(nxt[0]) or (nxt[0] in ("a", "an", "one") and len(nxt) > 1 and nxt[1] in _UNITS):
        return _keep(e)
    return None  # "about the plan", "around the world", "some people"


RULES: dict[str, Rule] = {
    "may": _rule_may,
    "might": _rule_might,
    "could": _rule_could,
    "must": _rule_must,
    "appear": _rule_appear,
    "suggest": _rule_suggest,
    "that_clause": _rule_that_clause,
    "think": _rule_think,
    "believe": _rule_believe,
    "thought": _rule_thought,
    "suspect": _rule_suspect,
    "not_as": _rule_not_as,
    "estimate": _rule_estimate,
    "assume": _rule_assume,
    "considered": _rule_considered,
    "consider_to": _rule_consider_to,
    "seen_as": _rule_seen_as,
    "accused": _rule_accused,
    "possible": _rule_possible,
    "kind_of": _rule_kind_of,
    "predicative": _rule_predicative,
    "booster_verb": _rule_booster_verb,
    "number": _rule_number,
    "attributive": _rule_attributive,
    "questioned": _rule_questioned,
    "if": _rule_if,
    "doubt": _rule_doubt,
}


# ----------------------------------------------------------------------------- public functions

_sentences = sentence_spans  # the one splitter, kept under its old name for callers


def _find_one(doc: Document, lexicon: HedgeLexicon, conditions: bool = False) -> pd.DataFrame:
    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    if not _collect(doc, lexicon, conditions, cols):
        return _empty()
    return _frame(cols, COLUMNS)


def _collect(doc: Document, lexicon: HedgeLexicon, conditions: bool, cols: dict[str, list[Any]]) -> int:
    """Append the cues of one document to the column lists; returns how many were found."""
    text = doc.text
    ctx = _Ctx(text)
    rows: list[tuple[Any, ...]] = []
    last_end = -1
    for start, end, entry in lexicon.matcher.candidates(text):
        if start < last_end or (entry.category == "condition" and not conditions):
            continue
        rule = RULES.get(entry.rule) if entry.rule else None
        verdict = rule(ctx, start, end, entry) if rule else (entry.category, entry.kind)
        if verdict is None:
            continue
        category, kind = verdict
        negated = _negated(ctx, start, entry.cue)
        if negated and category == "booster" and entry.category == "booster":
            category = "hedge"  # "not clear", "not certain", "has not been proven"
        rows.append((start, end, category, kind, negated, entry.source))
        last_end = end
    if not rows:
        return 0
    # Whose words: the attribution engine's spans, the same ones find_sources reports, so a
    # hedge inside attributed speech names exactly the speaker find_sources names.
    voices = _Voices(doc)
    for start, end, category, kind, negated, source in rows:
        in_quote, speaker, voice = voices.voice(start, end)
        cols["start"].append(start)
        cols["end"].append(end)
        cols["cue"].append(text[start:end])
        cols["category"].append(category)
        cols["kind"].append(kind)
        cols["in_quote"].append(in_quote)
        cols["speaker"].append(speaker)
        cols["voice"].append(voice)
        cols["sentence_id"].append(doc.sentence_of(start))
        cols["negated"].append(negated)
        cols["source"].append(source)
    return len(rows)


class _Voices:
    """Voice and speaker of a stretch of text from the engine's attributions.

    "quoted": inside a quotation; "reported": inside the content of an attribution; "author":
    elsewhere. The speaker is that of the narrowest attribution whose content holds the cue.
    """

    # contents are sentence-sized; looking back over this many spans (by content start) finds
    # the one holding a cue in real text while keeping the look-up bounded on any text
    _LOOK_BACK = 16

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        res = attributions(doc)
        self.names = [sp.name for sp in res.speakers]
        spans = sorted(
            [(a.content_start, a.content_end, i) for i, a in enumerate(res.spans) if a.content_start is not None]
            + [(*a.front, i) for i, a in enumerate(res.spans) if a.front is not None]
        )
        self.contents = spans
        self.starts = [s for s, _, _ in spans]

    def voice(self, start: int, end: int) -> tuple[bool, str | None, str]:
        in_quote = self.doc.quote_around(start, end) is not None
        k = bisect.bisect_right(self.starts, start)
        best = None
        for cs, ce, i in reversed(self.contents[max(0, k - self._LOOK_BACK):k]):
            if end <= ce and (best is None or ce - cs < best[1] - best[0]):
                best = (cs, ce, i)
        if best is not None:
            return in_quote, self.names[best[2]], "quoted" if in_quote else "reported"
        return in_quote, None, "quoted" if in_quote else "author"


_COLUMN_INDEX = pd.Index(COLUMNS, dtype=object)
_INT_COLS = ("start", "end", "sentence_id")
_BOOL_COLS = ("in_quote", "negated")


def _frame(cols: dict[str, list[Any]], columns: list[str]) -> pd.DataFrame:
    n = len(cols["start"])
    arrays: list[np.ndarray] = []
    for c in columns:
        if c in _INT_COLS or c == "doc_id" and cols[c] and all(type(v) is int for v in cols[c]):
            arrays.append(np.asarray(cols[c], dtype=np.int64))
        elif c in _BOOL_COLS:
            arrays.append(np.asarray(cols[c], dtype=bool))
        else:
            a = np.empty(n, dtype=object)
            a[:] = cols[c]
            arrays.append(a)
    try:
        # Building from typed arrays without pandas' per-column inference is ~10x faster, and
        # the scorer and users call this once per sentence or article, millions of times.
        index = _COLUMN_INDEX if columns is COLUMNS else pd.Index(columns, dtype=object)
        return pd.DataFrame._from_arrays(arrays, columns=index, index=pd.RangeIndex(n), verify_integrity=False)
    except (AttributeError, TypeError):  # a pandas without the private constructor
        return pd.DataFrame(dict(zip(columns, arrays)), columns=columns)


_EMPTY: pd.DataFrame | None = None


def _empty() -> pd.DataFrame:
    global _EMPTY
    if _EMPTY is None:
        _EMPTY = _frame({c: [] for c in COLUMNS}, COLUMNS)
    return _EMPTY.copy()


def find_hedges(
    text: Any, lexicon: Any = None, text_column: str = "text", conditions: bool = False, language: str | None = None
) -> pd.DataFrame:
    """Every hedge, booster and approximator in a text, with whose voice it is.

    ``text`` is a string, a :class:`~mediakit.text.doc.Document`, a Series of texts or a corpus
    DataFrame (then a ``doc_id`` column comes first). Columns: start, end, cue, category
    (hedge|booster|approximator), kind, in_quote, speaker, voice (author|quoted|reported),
    sentence_id, negated, source. ``conditions=True`` adds conditions ("if", "unless") and
    embedded questions ("whether", "asked if") as rows with category "condition" (kind
    "condition" or "question"). ``language``: "en" (default: a corpus's ``language`` column,
    else "en"); any other raises an error naming the supported languages. Speakers and voices
    come from the attribution engine that find_sources uses, so the two always agree.

    >>> import mediakit as mk
    >>> mk.find_hedges("The drone was reportedly launched from about 40 km away.")[["cue", "category"]].values.tolist()
    [['reportedly', 'hedge'], ['about', 'approximator']]
    """
    lex = _as_lexicon(lexicon)
    if isinstance(text, (str, Document)):
        _, doc = next(iter_documents(text, text_column, language))
        return _find_one(doc, lex, conditions)
    # one frame for the whole corpus: building a DataFrame per article would cost more than the search
    cols: dict[str, list[Any]] = {c: [] for c in ["doc_id", *COLUMNS]}
    for doc_id, doc in iter_documents(text, text_column, language):
        n = _collect(doc, lex, conditions, cols)
        cols["doc_id"].extend([doc_id] * n)
    return _frame(cols, ["doc_id", *COLUMNS])


def hedge_rates(
    corpus: Any, hedges: pd.DataFrame | None = None, lexicon: Any = None, text_column: str = "text",
    language: str | None = None,
) -> pd.DataFrame:
    """Per article: hedges, boosters and approximators per 1,000 words, author vs quoted voice.

    ``corpus`` is a corpus DataFrame, a Series of texts or one string. Pass ``hedges`` (the
    output of :func:`find_hedges` on the same corpus) to avoid finding the cues twice.
    ``hedged_sentence_share`` is the share of sentences with at least one hedge.

    >>> import mediakit as mk
    >>> r = mk.hedge_rates("Troops may come. They will stay.")
    >>> int(r.loc[0, "n_hedges"]), float(r.loc[0, "hedged_sentence_share"])
    (1, 0.5)
    """
    lex = _as_lexicon(lexicon)
    given: dict[Any, tuple[list[Any], list[Any], list[Any]]] | None = None
    if hedges is not None:
        missing = {"category", "voice", "sentence_id"} - set(hedges.columns)
        if missing:
            raise SchemaError(f"hedges= must be the output of find_hedges; it lacks {', '.join(sorted(missing))}")
        if "doc_id" in hedges.columns:
            given = {
                k: (g["category"].tolist(), g["voice"].tolist(), g["sentence_id"].tolist())
                for k, g in hedges.groupby("doc_id", sort=False, dropna=False)
            }
        elif isinstance(corpus, str):
            given = {None: (hedges["category"].tolist(), hedges["voice"].tolist(), hedges["sentence_id"].tolist())}
        else:
            raise InputError("hedges= must be the find_hedges output for the same corpus (it has no doc_id column)")
    rows = []
    for doc_id, doc in iter_documents(corpus, text_column, language):
        if given is not None:
            cats, voices, sids = given.get(doc_id, ([], [], []))
        else:
            cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
            _collect(doc, lex, False, cols)
            cats, voices, sids = cols["category"], cols["voice"], cols["sentence_id"]
        rows.append(_rates(doc_id, doc.n_words, len(doc.sentences), cats, voices, sids))
    out = pd.DataFrame(rows, columns=RATE_COLUMNS)
    # fixed dtypes, also for an empty corpus (Dask's meta= and concatenation rely on them)
    return out.astype({c: ("int64" if c in _RATE_INTS else "float64") for c in RATE_COLUMNS if c != "doc_id"})


_RATE_INTS = frozenset(["words", "n_hedges", "n_boosters", "n_approximators", "sentences"])


def _rates(doc_id: Any, words: int, n_sent: int, cats: list[Any], voices: list[Any], sids: list[Any]) -> dict[str, Any]:
    counts: dict[tuple[str, str], int] = {}
    for c, v in zip(cats, voices):
        counts[c, v] = counts.get((c, v), 0) + 1

    def n(category: str, voice: str | None = None) -> int:
        return sum(k for (c, v), k in counts.items() if c == category and (voice is None or v == voice))

    def per_1k(k: int) -> float:
        return k * 1000.0 / words if words else float("nan")

    hedged_sentences = len({sid for c, sid in zip(cats, sids) if c == "hedge"})
    return {
        "doc_id": doc_id,
        "words": words,
        "n_hedges": n("hedge"),
        "n_boosters": n("booster"),
        "n_approximators": n("approximator"),
        "hedges_per_1k": per_1k(n("hedge")),
        "boosters_per_1k": per_1k(n("booster")),
        "approximators_per_1k": per_1k(n("approximator")),
        "author_hedges_per_1k": per_1k(n("hedge", "author")),
        "quoted_hedges_per_1k": per_1k(n("hedge", "quoted")),
        "author_boosters_per_1k": per_1k(n("booster", "author")),
        "quoted_boosters_per_1k": per_1k(n("booster", "quoted")),
        "hedged_sentence_share": hedged_sentences / n_sent if n_sent else float("nan"),
        "sentences": n_sent,
    }
