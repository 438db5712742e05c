"""One engine for who speaks: find_hedges names exactly the speakers find_sources names."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import shared_path

import mediakit as mk
from mediakit.features.attribution import attributions
from mediakit.text.doc import Document


def _disagreements(text: str) -> list[tuple]:
    """Hedges said by someone whom find_sources does not name for that stretch of text."""
    doc = Document(text)
    hedges = mk.find_hedges(doc)
    sources = mk.find_sources(doc)
    res = attributions(doc)
    bad = []
    for h in hedges.itertuples():
        i = res.speaker_at(h.start, h.end)
        expected = None if i is None else sources.loc[i, "speaker"]
        expected = None if pd.isna(expected) else expected
        if h.voice == "author":
            if i is not None:
                bad.append((h.cue, h.start, "author", expected))
        elif i is not None and h.speaker != expected:
            bad.append((h.cue, h.start, h.speaker, expected))
    return bad


def test_hedge_in_reported_speech_names_the_source():
    t = "Valdoria may retaliate, Hanna Westergaard said. She said the talks could fail."
    h = mk.find_hedges(t)
    s = mk.find_sources(t)
    assert set(h["speaker"]) == {"Hanna Westergaard"} == set(s["speaker"])
    assert h["voice"].tolist() == ["reported", "reported"]


def test_hedge_before_a_tweet_is_the_speakers():
    t = "The ceasefire may hold, Lee tweeted."
    h = mk.find_hedges(t)
    assert (h.loc[0, "voice"], h.loc[0, "speaker"]) == ("reported", mk.find_sources(t).loc[0, "speaker"])


def test_author_hedge_has_no_speaker():
    h = mk.find_hedges("The drone was reportedly launched from about 40 km away.")
    assert h["voice"].tolist() == ["author", "author"] and h["speaker"].isna().all()


def test_workshop_corpus_agrees_everywhere():
    corpus = mk.load_workshop()
    hedged = 0
    for text in corpus["text"]:
        assert _disagreements(text) == []
        hedged += int((mk.find_hedges(text)["voice"] != "author").sum())
    assert hedged > 50  # the check ran over real attributed hedges


def test_seed_page_agrees():
    art = mk.load_article(shared_path("seeds", "000_9d616d7769cc11ee.txt"))
    assert _disagreements(art.text) == []


def test_profile_builds_one_document_per_article(monkeypatch):
    from mediakit.text import doc as doc_module

    made = []
    real = doc_module.Document.__init__

    def counting(self, *a, **k):
        made.append(1)
        real(self, *a, **k)

    monkeypatch.setattr(doc_module.Document, "__init__", counting)
    corpus = mk.load_workshop().head(5)
    mk.profile(corpus)
    assert len(made) == 5


@pytest.mark.parametrize("fn", [mk.find_sources, mk.find_hedges, mk.score_frames])
def test_unsupported_language_names_the_supported_ones(fn):
    with pytest.raises(mk.InputError, match="supported: en"):
        fn("Ein Text.", language="de")
