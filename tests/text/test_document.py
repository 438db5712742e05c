"""The analysed document: built lazily, once, and shared by the measures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.text.doc import Document, check_language
from mediakit.text.sentences import split_sentences


def test_parts_are_computed_on_first_use_only():
    doc = Document("Officials said the bridge may close. Others disagreed.")
    assert "sentences" not in doc.__dict__ and "quotes" not in doc.__dict__
    mk.find_hedges(doc)
    assert "sentences" in doc.__dict__
    first = doc.sentences
    mk.find_sources(doc)
    assert doc.sentences is first  # the same list: computed once


def test_quotations_nesting_and_unclosed():
    t = '"He told me: “leave now” and left," she said.\n\n“It never ends'
    doc = Document(t)
    got = [(t[q.start:q.end], q.depth, q.closed) for q in doc.quotations]
    assert got == [
        ('"He told me: “leave now” and left,"', 0, True),
        ("“leave now”", 1, True),
        ("“It never ends", 0, False),
    ]
    assert [(q.start, q.end) for q in doc.quotes] == [(q.start, q.end) for q in doc.quotations if q.depth == 0]


def test_paragraphs_and_words():
    doc = Document("One two.\n\nThree-four five.")
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["One two.", "Three-four five."]
    assert doc.n_words == 4


@pytest.mark.parametrize("lang, expected", [(None, "en"), ("EN", "en"), ("en-US", "en"), ("en_GB", "en")])
def test_language_codes(lang, expected):
    assert check_language(lang) == expected


def test_unsupported_language_is_a_clear_error():
    with pytest.raises(mk.InputError, match=r"'ru' is not supported yet; supported: en"):
        Document("Текст.", language="ru")


def test_corpus_language_column_is_the_default():
    corpus = mk.load_workshop().head(2).assign(language=["en", "fr"])
    with pytest.raises(mk.InputError, match="'fr'"):
        mk.find_sources(corpus)
    assert len(mk.find_sources(corpus, language="en")) > 0


def test_a_document_and_its_text_give_the_same_tables():
    t = mk.load_workshop()["text"].iloc[0]
    assert mk.find_sources(Document(t)).equals(mk.find_sources(t))
    assert mk.find_hedges(Document(t)).equals(mk.find_hedges(t))
    assert mk.score_frames(Document(t)).equals(mk.score_frames(t))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"“”AMr'")), max_size=3000))
def test_sentences_are_the_plain_splitter_s(text):
    assert Document(text).sentences == split_sentences(text)
