"""Adversarial input: every measure finishes and returns valid offsets on degenerate text.

Speed itself is measured in ``benchmarks/bench.py adversarial`` (10 MB each, goal < 5 s); here
the inputs are small and the alarm is only a guard against a hang (a quadratic regex on these
inputs would run for hours), never an assertion about speed.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk

UNITS = ["a", "said ", '"', "Mr. ", "According to ", "A", "Ab ", "“", "'' ", "— ", "claim that ", "Lee's "]
FUNCTIONS = {
    "find_sources": mk.find_sources,
    "find_hedges": mk.find_hedges,
    "score_frames": mk.score_frames,
    "parse_article": mk.parse_article,
}


@contextmanager
def hang_guard(seconds: int = 120):
    def fail(*_):
        raise TimeoutError(f"no answer within {seconds} s: a hang, not a slow run")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _check_offsets(name: str, text: str, out) -> None:
    if name == "find_sources":
        for col in ("cue_start", "cue_end", "speaker_start", "speaker_end", "content_start", "content_end"):
            vals = out[col].dropna()
            assert ((vals >= 0) & (vals <= len(text))).all(), col
    elif name == "find_hedges":
        assert ((out["start"] >= 0) & (out["end"] <= len(text)) & (out["start"] < out["end"])).all()


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_repeated_unit_finishes(name, unit):
    text = unit * (100_000 // len(unit))
    with hang_guard():
        out = FUNCTIONS[name](text)
    _check_offsets(name, text, out)


def test_runs_of_cue_words_are_not_attributions():
    # a run of reporting-verb forms is noise; the last forms of the run are still looked at
    assert len(mk.find_sources("said " * 5000)) <= 3
    assert len(mk.find_sources("According to " * 5000)) <= 3


def test_one_following_cue_word_keeps_the_cue():
    r = mk.find_sources("The mayor said claims of fraud were false.")
    assert r["cue"].tolist() == ["said"]


_PIECES = st.sampled_from(
    ["said", "Said", "says", "according to", "Mr.", "Dr.", "U.S.", "Lee", "Ann Lee's", "his", "claim", "that",
     '"', "“", "”", "''", ",", ".", "—", ":", "\n", "\n\n", " ", "may", "about", "40", "officials", "A", "AAAA"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=400).map(" ".join))
def test_any_mix_of_hard_pieces_gives_valid_output(text):
    for name in ("find_sources", "find_hedges"):
        with hang_guard():
            out = FUNCTIONS[name](text)
        _check_offsets(name, text, out)
