"""Direct-quotation spans: marks, nesting, unclosed and multi-paragraph quotes, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit.text.quotes import QuoteSpan, find_quotes, inside, quote_spans


def texts(t: str) -> list[str]:
    return [t[s:e] for s, e in quote_spans(t)]


@pytest.mark.parametrize(
    "t, quoted",
    [
        ('"It is over," he said.', '"It is over,"'),
        ("“It is over,” he said.", "“It is over,”"),
        ("«C'est fini», a-t-il dit.", "«C'est fini»"),
        ("„Es ist vorbei“, sagte er.", "„Es ist vorbei“"),
        ("He said: ''It is over.''", "''It is over.''"),
    ],
)
def test_mark_styles(t, quoted):
    assert texts(t) == [quoted]


def test_seed_nested_quote_with_three_marks():
    t = ('"We have to be realistic and say, "It\'s not going to happen at Vilnius; It\'s not going to '
         'happen anytime soon," Ben Wallace said.')
    (q,) = find_quotes(t)
    assert q.start == 0 and t[q.end - 2:q.end] == ',"'
    assert not q.closed  # one mark is missing: the outer quote never closed


def test_nested_other_style():
    assert texts("“He told me „no“ twice,” she said.") == ["“He told me „no“ twice,”"]


def test_unclosed_quote_ends_at_paragraph_break():
    t = '"We will never give up, the minister said.\n\nTalks resume on Monday.'
    (q,) = find_quotes(t)
    assert q == QuoteSpan(0, t.index("\n\n"), False)


def test_multi_paragraph_convention():
    t = '"First paragraph of the quote.\n\n"Second paragraph," she said.'
    spans = find_quotes(t)
    assert [t[q.start:q.end] for q in spans] == ['"First paragraph of the quote.', '"Second paragraph,"']
    assert [q.closed for q in spans] == [False, True]


def test_apostrophes_are_not_quotes():
    assert quote_spans("It's the people's choice, isn't it?") == []


def test_inside():
    spans = [(0, 5), (10, 20)]
    assert inside(spans, 11, 15) == 1
    assert inside(spans, 4, 11) is None
    assert inside([], 0, 1) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab ,.\n"“”„«»\'')), max_size=80))
def test_property_spans_valid_and_ordered(t):
    prev_end = 0
    for q in find_quotes(t):
        assert 0 <= q.start < q.end <= len(t)
        assert q.start >= prev_end
        prev_end = q.end
