from hypothesis import given
from hypothesis import strategies as st

from mediakit.text.sentences import split_sentences
from mediakit.text.tokens import count_words


def _split(t):
    return [t[s:e] for s, e in split_sentences(t)]


def test_abbreviations_initials_and_quotes():
    t = 'Sen. Ann Lee said it "may rain." Others disagreed. He met J. Smith on Jan. 5. No. 10 said no.'
    assert _split(t) == ['Sen. Ann Lee said it "may rain."', "Others disagreed.", "He met J. Smith on Jan. 5.",
                         "No. 10 said no."]


def test_paragraph_break_always_ends_a_sentence():
    assert _split("A headline without a stop\n\nThe body starts here.") == [
        "A headline without a stop", "The body starts here."]


def test_question_inside_quote_before_lowercase_is_not_an_end():
    assert _split('"Why now?" she asked. Nobody knew.') == ['"Why now?" she asked.', "Nobody knew."]


def test_words_count():
    assert count_words("NATO's well-known troops may go, Jean-Pierre said.") == 7


@given(st.text())
def test_spans_are_ordered_nonempty_and_inside(t):
    spans = split_sentences(t)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(t)
        assert t[s:e].strip() == t[s:e]
        last = e
