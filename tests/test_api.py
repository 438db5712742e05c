"""The public API is a contract: it cannot grow or shrink by accident."""

import mediakit as mk

EXPECTED = [
    "Article",
    "explore",
    "highlight",
    "viz",
    "FormatError",
    "InputError",
    "MediakitError",
    "SchemaError",
    "bundled_path",
    "load_sample_pages",
    "load_workshop",
    "iter_corpus",
    "load_article",
    "load_dataset",
    "load_corpus",
    "find_duplicates",
    "fetch_allsides",
    "fetch_article_bias",
    "fetch_basil",
    "load_basil",
    "get_data_home",
    "Document",
    "find_hedges",
    "hedge_rates",
    "load_lexicon",
    "HedgeLexicon",
    "find_sources",
    "source_profile",
    "parse_article",
    "profile",
    "build_report",
    "write_report",
    "score_frames",
    "FrameClassifier",
    "FRAMES",
    "load_dictionary",
    "keyness",
    "kwic",
    "word_choice",
    "entity_labels",
    "dictionary_rates",
    "align_events",
    "align_claims",
    "compare",
]


def test_all_is_pinned():
    assert sorted(mk.__all__) == sorted(EXPECTED)


def test_every_public_name_resolves():
    for name in mk.__all__:
        assert getattr(mk, name) is not None, name


def test_unknown_name_is_attribute_error():
    import pytest

    with pytest.raises(AttributeError):
        mk.no_such_function  # noqa: B018
