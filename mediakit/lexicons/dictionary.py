"""Dictionaries (category -> entries) and the glob/phrase matcher every count in mediakit uses.

A dictionary maps category names to entries. An entry is a word or a phrase (words separated by
spaces); ``*`` inside a word is a wildcard for any run of word characters (``immigra*`` matches
immigrant, immigrants, immigration). Matching is case-insensitive on mediakit's word tokens
(:func:`mediakit.text.tokens.iter_words`), so rates built on it use the same word definition as
every other rate.

>>> import mediakit as mk
>>> d = mk.load_dictionary({"threat": ["threat*", "danger*"], "hope": ["hope*"]})
>>> sorted(d)
['hope', 'threat']
"""

from __future__ import annotations

import csv
import fnmatch
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import FormatError, InputError
from ..text.normalize import decode_bytes
from ..text.tokens import WORD_RE, iter_words

Dictionary = dict[str, list[str]]


def load_dictionary(source: str | Path | Mapping[str, Iterable[str]]) -> Dictionary:
    """Read a dictionary from YAML, CSV/TSV, LIWC ``.dic``, a plain word list, or a dict.

    - YAML: ``{category: [entry, ...]}``; nested mappings are flattened to ``parent.child``.
    - CSV/TSV: long (columns ``entry``/``term``/``word`` and ``category``) or wide (one column per
      category, entries down the column).
    - LIWC ``.dic``: via :func:`mediakit.lexicons.wordlists.read_liwc_dic`.
    - ``.txt``: one entry per line; the category is the file name without extension.

    >>> import mediakit as mk
    >>> mk.load_dictionary({"economy": ["job*", "tax cut*"]})["economy"]
    ['job*', 'tax cut*']
    """
    if isinstance(source, Mapping):
        out = _flatten(source, "")
    elif isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            raise InputError(f"dictionary file not found: {path}")
        suffix = path.suffix.lower()
        if suffix in (".yaml", ".yml"):
            out = _from_yaml(path)
        elif suffix in (".csv", ".tsv"):
            out = _from_csv(path)
        elif suffix == ".dic":
            from .wordlists import read_liwc_dic

            out = read_liwc_dic(path)
        elif suffix == ".txt":
            from .wordlists import read_wordlist

            out = {path.stem: read_wordlist(path)}
        else:
            raise FormatError(
                f"{path.name}: unknown dictionary format {suffix!r}; use .yaml, .csv, .tsv, .dic or .txt"
            )
    else:
        raise InputError(
            f"load_dictionary expects a path or a dict of category -> entries, got {type(source).__name__}"
        )
    clean: Dictionary = {}
    for cat, entries in out.items():
        items = [" ".join(str(e).split()).lower() for e in entries if str(e).strip()]
        if items:
            clean[str(cat)] = list(dict.fromkeys(items))
    if not clean:
        raise FormatError("the dictionary has no entries")
    return clean


def _flatten(obj: Mapping[str, Any], prefix: str) -> Dictionary:
    out: Dictionary = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, name + "."))
        elif isinstance(value, str):
            out[name] = [value]
        elif isinstance(value, Iterable):
            out[name] = [str(v) for v in value]
        else:
            raise FormatError(f"dictionary category {name!r}: expected a list of entries, got {value!r}")
    return out


def _from_yaml(path: Path) -> Dictionary:
    import yaml

    text, _ = decode_bytes(path.read_bytes())
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FormatError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(data, Mapping):
        raise FormatError(f"{path.name}: expected a mapping of category -> list of entries")
    return _flatten(data, "")


def _from_csv(path: Path) -> Dictionary:
    text, _ = decode_bytes(path.read_bytes())
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise FormatError(f"{path.name}: the file is empty")
    delim = "\t" if path.suffix.lower() == ".tsv" or "\t" in lines[0] else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delim))
    header = [h.strip().lower() for h in rows[0]]
    entry_col = next((header.index(c) for c in ("entry", "term", "word", "cue", "pattern") if c in header), None)
    if entry_col is not None and "category" in header:
        cat_col = header.index("category")
        out: Dictionary = {}
        for i, row in enumerate(rows[1:], 2):
            if len(row) <= max(entry_col, cat_col):
                raise FormatError(f"{path.name}, row {i}: expected an entry and a category, got {row!r}")
            out.setdefault(row[cat_col].strip(), []).append(row[entry_col])
        return out
    # wide layout: one column per category
    names = [h.strip() for h in rows[0]]
    out = {n: [] for n in names if n}
    for row in rows[1:]:
        for name, value in zip(names, row):
            if name and value.strip():
                out[name].append(value)
    return out


# ---------------------------------------------------------------------------------------------
# Matching


def normalize_token(word: str) -> str:
    """The form tokens and patterns are compared in: lowercase, straight apostrophe, no possessive.

    "Regime's" is compared as "regime", so a pattern for a name or label also finds its
    possessive (quanteda users would add the possessive pattern by hand).
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s") and len(w) > 2:
        w = w[:-2]
    return w


_NORMALIZED: dict[str, str] = {}  # word as written -> normalize_token(word); news repeats its words


def _normalized(word: str) -> str:
    n = _NORMALIZED.get(word)
    if n is None:
        n = normalize_token(word)
        if len(_NORMALIZED) < 500_000:
            _NORMALIZED[word] = n
    return n


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``(normalised word, start, end)`` for each word of ``text`` (mediakit's word definition)."""
    norm = _normalized
    return [(norm(m[0]), *m.span()) for m in iter_words(text)]


def normalized_words(text: str) -> list[str]:
    """The normalised words of ``text`` without offsets (what counting needs; several times faster)."""
    norm = _normalized
    return [norm(w) for w in WORD_RE.findall(text)]


_PATTERN_WORD = re.compile(r"[^\s]+")


def _split_pattern(entry: str) -> tuple[str, ...]:
    # Patterns are tokenised like text, except that * is kept; punctuation a tokenizer would drop
    # ("u.n.", "sen.") is removed so the pattern matches what the text tokenizer yields.
    parts = []
    for raw in entry.split():
        kept = re.findall(r"[\w*]+(?:['’\-][\w*]+)*", raw)
        parts.extend(normalize_token(k) for k in kept)
    return tuple(parts)


@dataclass(frozen=True)
class Match:
    label: str
    entry: str
    first: int  # token index of the first word
    last: int  # token index one past the last word


class PhraseMatcher:
    """Find dictionary entries (glob words and phrases) in token lists, fast.

    >>> m = PhraseMatcher({"label": ["illegal immigra*", "regime"]})
    >>> [x.entry for x in m.find(tokenize("An illegal immigrant, the regime said."))]
    ['illegal immigra*', 'regime']
    """

    def __init__(self, dictionary: Mapping[str, Iterable[str]], regex: bool = False, fixed: bool = False):
        self.regex = regex
        self.fixed = fixed
        self._exact: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self._prefix: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self._other: list[tuple[tuple[str, ...], str, str]] = []
        self._compiled: dict[str, Any] = {}
        for label, entries in dictionary.items():
            for entry in entries:
                words = self._words(entry)
                if not words:
                    raise InputError(f"dictionary entry {entry!r} (category {label!r}) has no words to match")
                item = (words, str(label), entry)
                head = words[0]
                if regex:
                    self._other.append(item)
                elif fixed or ("*" not in head and "?" not in head):
                    self._exact.setdefault(head, []).append(item)
                elif head.endswith("*") and "*" not in head[:-1] and "?" not in head and len(head) > 1:
                    self._prefix.setdefault(head[:-1], []).append(item)
                else:
                    self._other.append(item)
        self._prefix_lengths = sorted({len(p) for p in self._prefix})
        self._cache: dict[str, list[tuple[tuple[str, ...], str, str, int]]] = {}

    def _words(self, entry: str) -> tuple[str, ...]:
        if self.regex:
            words = tuple(entry.split())
            for w in words:
                if w not in self._compiled:
                    try:
                        self._compiled[w] = re.compile(w, re.IGNORECASE)
                    except re.error as exc:
                        raise InputError(f"invalid regular expression {w!r}: {exc}") from None
            return words
        return _split_pattern(entry)

    def _word_matches(self, pattern: str, token: str) -> bool:
        if self.regex:
            return self._compiled[pattern].search(token) is not None
        if not self.fixed and ("*" in pattern or "?" in pattern):
            return fnmatch.fnmatchcase(token, pattern)
        return token == pattern

    def _candidates(self, w: str) -> list[tuple[tuple[str, ...], str, str, int]]:
        """Entries that may start at a token ``w``, with the index of the first word left to check.

        Exact and prefix heads are already known to match ``w`` (so checking starts at word 1);
        other wildcard or regex heads are checked from word 0. Cached per distinct token: news
        repeats its words, and the lookup is the hot path of every dictionary measure.
        """
        cached = self._cache.get(w)
        if cached is not None:
            return cached
        cands = [(pat, label, entry, 1) for pat, label, entry in self._exact.get(w, ())]
        for length in self._prefix_lengths:
            if length > len(w):
                break
            cands.extend((pat, label, entry, 1) for pat, label, entry in self._prefix.get(w[:length], ()))
        cands.extend((pat, label, entry, 0) for pat, label, entry in self._other)
        # the words still to check, as a tuple to compare with a slice when none is a wildcard
        cands = [(pat, label, entry, checked, self._literal(pat[checked:])) for pat, label, entry, checked in cands]
        if len(self._cache) < 500_000:
            self._cache[w] = cands
        return cands

    def _literal(self, rest: tuple[str, ...]) -> tuple[str, ...] | None:
        if self.regex or (not self.fixed and any("*" in x or "?" in x for x in rest)):
            return None
        return rest

    def find(self, tokens: list[tuple[str, int, int]]) -> list[Match]:
        """Every (label, entry) match; a label's matches never overlap (earliest, then longest, wins)."""
        return self.find_words([t[0] for t in tokens])

    def find_words(self, words: list[str]) -> list[Match]:
        """:meth:`find` on normalised words (:func:`normalized_words`) instead of tokens."""
        n = len(words)
        out: list[Match] = []
        # a label's matches do not overlap: "tax cut" counts once, not as "tax cut" and "cut"
        label_end: dict[str, int] = {}
        match = self._word_matches
        cache = self._cache
        for i, w in enumerate(words):
            cands = cache.get(w)
            if cands is None:
                cands = self._candidates(w)
            if not cands:
                continue
            best: dict[str, Match] = {}
            for pat, label, entry, checked, rest in cands:
                k = len(pat)
                if i + k > n or label_end.get(label, 0) > i:
                    continue
                if (not rest or tuple(words[i + checked:i + k]) == rest) if rest is not None else \
                        all(match(pat[j], words[i + j]) for j in range(checked, k)):
                    prev = best.get(label)
                    if prev is None or k > prev.last - prev.first:
                        best[label] = Match(label, entry, i, i + k)
            for m in best.values():
                label_end[m.label] = m.last
                out.append(m)
        return out

    def count(self, tokens: list[tuple[str, int, int]] | list[str]) -> dict[str, int]:
        """Matches per label, from tokens or from :func:`normalized_words`."""
        counts: dict[str, int] = {}
        words = tokens if not tokens or isinstance(tokens[0], str) else [t[0] for t in tokens]
        for m in self.find_words(words):  # type: ignore[arg-type]
            counts[m.label] = counts.get(m.label, 0) + 1
        return counts


def non_overlapping(matches: list[Match]) -> list[Match]:
    """Keep the longest match where matches overlap (earliest first); for competing labels."""
    ordered = sorted(matches, key=lambda m: (m.first, -(m.last - m.first), m.label))
    kept: list[Match] = []
    end = -1
    for m in ordered:
        if m.first >= end:
            kept.append(m)
            end = m.last
    return kept


# ---------------------------------------------------------------------------------------------
# Bundled tab-separated lexicons


def read_bundled_table(name: str) -> list[dict[str, str]]:
    """Rows of a bundled tab-separated lexicon (``#`` comments, then a header line)."""
    text = resources.files("mediakit.lexicons").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for lineno, line in enumerate(lines[1:], 2):
        parts = line.split("\t")
        if len(parts) != len(header):
            raise FormatError(f"bundled lexicon {name}, data line {lineno}: expected {len(header)} tab-separated fields")
        rows.append(dict(zip(header, parts)))
    return rows
