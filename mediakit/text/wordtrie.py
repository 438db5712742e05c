"""One builder of word-list regexes: an alternation shaped like a character trie.

A flat ``a|b|c`` over hundreds of words makes ``re`` try every word at every position; factored
by common prefixes the scan stays in C and touches each character a few times. Every lexicon
scan in mediakit (reporting verbs, reporting nouns, hedge cues) is built here.

>>> import re
>>> rx = re.compile(trie_regex(["said", "say", "says"]))
>>> [m.group() for m in rx.finditer("she says they said")]
['says', 'said']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any


def trie_regex(
    words: Iterable[str], lookahead: dict[str, str] | None = None, char: Callable[[str], str] = re.escape
) -> str:
    """A regex body matching any of ``words``, longest branch first (no surrounding group).

    ``lookahead`` maps a word to a pattern that must follow it (a word that only ever starts
    multi-word cues is yielded only before their next word). ``char`` writes one character
    (hedging maps ``'`` to ``['’]``).
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = (lookahead or {}).get(w, "")

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [char(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if end and node[""]:
            branches.append(f"(?={node['']})")
            return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)
