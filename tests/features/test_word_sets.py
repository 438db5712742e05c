"""The closed word classes of the rules are data (lexicons/en/*_words.tsv); none is dead."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediakit.errors import FormatError
from mediakit.lexicons.reader import word_set, word_sets

PACKAGE = Path(__file__).resolve().parents[2] / "mediakit"
USERS = {
    "attribution_words.tsv": sorted((PACKAGE / "features" / "attribution").glob("*.py")),
    "hedge_words.tsv": [PACKAGE / "features" / "hedging.py"],
}


@pytest.mark.parametrize("table", sorted(USERS))
def test_every_word_set_is_used_by_the_rules(table):
    code = "".join(p.read_text(encoding="utf-8") for p in USERS[table])
    unused = [name for name in word_sets("en", table) if f'"{name}"' not in code]
    assert unused == [], f"{table}: sets no rule reads: {unused}"


def test_a_missing_set_names_the_file():
    with pytest.raises(FormatError, match="attribution_words.tsv"):
        word_set("en", "attribution_words.tsv", "no_such_set")


def test_sets_hold_what_the_rules_expect():
    assert {"the", "a", "an"} <= word_set("en", "attribution_words.tsv", "determiners")
    assert "not" in word_set("en", "hedge_words.tsv", "neg")
