"""The learned line model of the plain-text cleaner: weights, features, decoder, labels.

Pages below are fictional, written for these tests.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit.load.line_model import decode, default_model, feature_names
from mediakit.load.textpage import clean_text_page, page_line_features

ARTICLE = [
    "The river authority said on Monday that water levels had fallen for the third day in a row.",
    "Engineers will inspect the old dam this week before the ban on boats is lifted, it added.",
    "Farmers downstream have asked for help with the cost of repairing flooded fields and fences.",
    "A spokesman said the authority would publish a full report on the flood in the spring.",
]


def test_weights_are_small_data_matching_the_features():
    model = default_model()
    assert model.names == feature_names()
    assert model.w1.shape == (len(feature_names()), model.b1.shape[0])
    assert model.switch > 0


def test_features_one_row_per_nonblank_line():
    lines, x = page_line_features("Home\n\nNews\n" + "\n\n".join(ARTICLE))
    assert x.shape == (len(lines), len(feature_names())) == (6, len(feature_names()))
    assert np.isfinite(x).all()


def test_decoder_keeps_one_region_and_drops_isolated_prose():
    p = np.array([0.9, 0.1, 0.95, 0.9, 0.2, 0.9, 0.9, 0.05, 0.05, 0.05, 0.05, 0.7, 0.05])
    words = np.array([20, 3, 30, 25, 4, 22, 28, 3, 3, 3, 3, 9, 3], dtype=float)
    keep = decode(p, words, switch=8.0, bias=0.0)
    assert keep[2] and keep[6]
    assert not keep[11]  # one prose-like line far below the article


def test_reader_comments_are_removed_under_their_own_label():
    page = ("Home\nWorld\nSport\nRiver levels fall after week of floods\n\nBy Ann Lee\n\n"
            + "\n\n".join(ARTICLE)
            + "\n\nShare this article\nFacebook\nTwitter\n12 Comments\n"
              "riverfan88\n3 hours ago\nThis is the best news we have had all month, well done to "
              "everybody who helped.\nReply\nReport\nmaria_k\n2 hours ago\nI still think they "
              "should have opened the gates sooner, we lost a whole field.\nReply\n"
              "© 2026 The Valley Courier. All rights reserved.")
    parts = clean_text_page(page)
    assert parts.paragraphs == ARTICLE
    assert parts.title == "River levels fall after week of floods"
    labels = dict(zip(parts.boilerplate, parts.labels))
    assert len(parts.labels) == len(parts.boilerplate)
    assert labels["3 hours ago"] == "comments"
    assert labels["Reply"] == "comments"
    assert "whole field" in " ".join(t for t, lab in labels.items() if lab == "comments")
    assert labels["By Ann Lee"] == "byline"


def test_a_page_without_an_article_says_so():
    page = "\n".join(["Home", "News", "Sport", "Weather", "Sign in", "Register",
                      "Contact us", "Privacy policy", "© 2026 Valley Courier"])
    parts = clean_text_page(page)
    assert parts.paragraphs == []
    assert parts.no_body and "prose" in parts.no_body
    assert clean_text_page("").no_body == "the page is empty"


def test_short_article_under_headline_beats_teaser_list():
    teasers = [f"Council reveals plan number {i} for the town centre, with new shops and a park"
               for i in range(8)]
    page = ("Home\nLocal\nBridge reopens after repairs\n\nBy Tom Hale\n4 June 2026\n\n"
            "The old stone bridge over the Wend reopened to traffic on Thursday after six months "
            "of repairs.\n\nDrivers had faced a detour of eleven miles while the arches were "
            "rebuilt, the council said.\n\nMore from Local\n" + "\n".join(teasers)
            + "\n© 2026 Wend Valley News")
    parts = clean_text_page(page)
    assert parts.paragraphs[0].startswith("The old stone bridge")
    assert not any("plan number" in p for p in parts.paragraphs)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=40))
def test_any_page_gives_parts_without_crashing(rows):
    parts = clean_text_page("\n".join(rows))
    assert len(parts.labels) == len(parts.boilerplate)
    assert (parts.no_body is None) == bool(parts.paragraphs)


def test_parse_article_reports_why_the_body_is_empty():
    import mediakit as mk

    art = mk.parse_article("Home\nNews\nSport\nSign in\nRegister\n© 2026 Valley Courier", format="text")
    assert art.text == ""
    assert "prose" in art.extra["no_body"]
    assert "no_body" not in mk.parse_article("\n\n".join(ARTICLE), format="text").extra


def test_a_one_sentence_page_keeps_its_sentence_as_body():
    parts = clean_text_page("Dam fails\n\nThe dam may fail, officials said.")
    assert parts.paragraphs == ["The dam may fail, officials said."]
    assert parts.title == "Dam fails"
