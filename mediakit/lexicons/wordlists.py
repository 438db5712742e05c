"""Reading user word lists: plain lists (one entry per line) and LIWC-style ``.dic`` files.

A LIWC ``.dic`` file has a header between two ``%`` lines mapping category numbers to names,
then one entry per line followed by the numbers of its categories. A trailing ``*`` in an entry
is a prefix wildcard (``hope*`` matches hope, hoped, hopeful). Entries may be phrases.

>>> from mediakit.lexicons.wordlists import read_liwc_dic
>>> cats = read_liwc_dic("my_dictionary.dic")     # doctest: +SKIP
>>> cats["tentat"][:3]                             # doctest: +SKIP
['allegedly', 'almost', 'apparently']
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FormatError
from ..text.normalize import decode_bytes


def read_wordlist(path: str | Path) -> list[str]:
    """Entries of a plain word list: one per line; blank lines and ``#`` comments skipped."""
    text, _ = decode_bytes(Path(path).read_bytes())
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(" ".join(line.split()).lower())
    if not out:
        raise FormatError(f"{Path(path).name}: the word list is empty")
    return out


def read_liwc_dic(path: str | Path) -> dict[str, list[str]]:
    """Categories of a LIWC-style ``.dic`` file: ``{category name: [entries]}``."""
    name = Path(path).name
    text, _ = decode_bytes(Path(path).read_bytes())
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise FormatError(f"{name}: not a LIWC .dic file (expected a header between two '%' lines)")
    ids: dict[str, str] = {}
    for line in lines[marks[0] + 1:marks[1]]:
        parts = line.split()
        if len(parts) >= 2:
            ids[parts[0]] = parts[1]
    if not ids:
        raise FormatError(f"{name}: the .dic header names no categories")
    cats: dict[str, list[str]] = {v: [] for v in ids.values()}
    for lineno, line in enumerate(lines[marks[1] + 1:], marks[1] + 2):
        if not line.strip():
            continue
        # entry (possibly a phrase, possibly with a <...> conditional we do not support) then numbers
        m = re.match(r"^\s*(.+?)\s+((?:\d+\s*)+)$", line)
        if not m:
            raise FormatError(f"{name}, line {lineno}: expected 'entry category-numbers', got {line.strip()!r}")
        entry = " ".join(m.group(1).split()).lower()
        for num in m.group(2).split():
            if num not in ids:
                raise FormatError(f"{name}, line {lineno}: category {num} is not in the header")
            cats[ids[num]].append(entry)
    return cats
