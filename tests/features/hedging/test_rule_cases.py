"""Every context rule of the hedge lexicon has test cases in a table, and every rule has an effect.

The cases live in ``mediakit/lexicons/en/hedge_rule_cases.tsv`` beside the lexicon: a rule's
author adds a row there, and this test fails when a rule the lexicon references has no case, no
case where it changes the verdict, or a case it gets wrong.
"""

from __future__ import annotations

import pytest

import mediakit as mk
from mediakit.features.hedging import RULES, HedgeLexicon
from mediakit.lexicons.reader import read_table

CASES = read_table("en", "hedge_rule_cases.tsv", exact=True)
ENTRIES = HedgeLexicon.default().entries
REFERENCED = sorted(set(ENTRIES["rule"]) - {""})


def _verdict(text: str, cue: str, with_kind: bool) -> str:
    """The category (and kind) find_hedges gives the cue's first occurrence, or "rejected"."""
    start = text.lower().find(cue)
    assert start >= 0, f"{cue!r} not in {text!r}"
    found = mk.find_hedges(text, conditions=True)
    hit = found[found["start"] == start]
    if hit.empty:
        return "rejected"
    return f"{hit['category'].iloc[0]}/{hit['kind'].iloc[0]}" if with_kind else hit["category"].iloc[0]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['text'][:30]}" for c in CASES])
def test_rule_case(case):
    entry = ENTRIES[ENTRIES["cue"] == case["cue"]]
    assert len(entry) == 1 and entry["rule"].iloc[0] == case["rule"], f"{case['cue']!r} does not use rule {case['rule']!r}"
    kept = f"{entry['category'].iloc[0]}/{entry['kind'].iloc[0]}"
    expected = kept if case["expected"] == "kept" else case["expected"]
    got = _verdict(case["text"], case["cue"], with_kind="/" in expected)
    assert got == expected
    if case["expected"] != "kept":
        assert expected != kept, "a case marked as an effect must differ from the plain lexicon entry"


@pytest.mark.parametrize("rule", REFERENCED)
def test_every_referenced_rule_has_cases_and_an_effect(rule):
    mine = [c for c in CASES if c["rule"] == rule]
    assert mine, f"rule {rule!r} is used in hedges.tsv but has no case in hedge_rule_cases.tsv"
    assert any(c["expected"] != "rejected" for c in mine), f"rule {rule!r}: no case where the cue counts"
    assert any(c["expected"] != "kept" for c in mine), f"rule {rule!r}: no case where it has an effect"


def test_every_rule_in_code_is_used_by_the_lexicon():
    assert sorted(RULES) == REFERENCED, "a rule no lexicon row uses is dead code; a row naming no rule is a typo"
