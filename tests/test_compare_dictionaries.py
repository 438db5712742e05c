"""load_dictionary (YAML, CSV, LIWC .dic, .txt, dict) and dictionary_rates with intervals."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.errors import FormatError, InputError
from mediakit.lexicons.dictionary import PhraseMatcher, normalized_words, tokenize


def test_load_yaml_nested_and_lowercased(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text("threat:\n  - Danger*\n  - under attack\nvalues:\n  care: [kind*, protect*]\n")
    d = mk.load_dictionary(p)
    assert d == {"threat": ["danger*", "under attack"], "values.care": ["kind*", "protect*"]}


def test_load_csv_long_and_wide(tmp_path):
    long = tmp_path / "long.csv"
    long.write_text("term,category\nfear*,threat\nhope,optimism\n")
    assert mk.load_dictionary(long) == {"threat": ["fear*"], "optimism": ["hope"]}
    wide = tmp_path / "wide.csv"
    wide.write_text("threat,optimism\nfear*,hope\ndanger,\n")
    assert mk.load_dictionary(wide) == {"threat": ["fear*", "danger"], "optimism": ["hope"]}


def test_load_liwc_dic_and_txt(tmp_path):
    dic = tmp_path / "t.dic"
    dic.write_text("%\n1\ttentat\n%\nmaybe\t1\nperhap*\t1\n")
    assert mk.load_dictionary(dic) == {"tentat": ["maybe", "perhap*"]}
    txt = tmp_path / "fear.txt"
    txt.write_text("# words\nfear\nscared\n")
    assert mk.load_dictionary(txt) == {"fear": ["fear", "scared"]}


def test_load_errors(tmp_path):
    with pytest.raises(InputError):
        mk.load_dictionary(tmp_path / "missing.yaml")
    bad = tmp_path / "d.json"
    bad.write_text("{}")
    with pytest.raises(FormatError):
        mk.load_dictionary(bad)
    y = tmp_path / "e.yaml"
    y.write_text("- just\n- a list\n")
    with pytest.raises(FormatError):
        mk.load_dictionary(y)
    with pytest.raises(FormatError):
        mk.load_dictionary({"empty": []})


def corpus():
    return pd.DataFrame(
        {
            "doc_id": list("abcd"),
            "outlet": ["A", "A", "B", "B"],
            "text": [
                "Fear and danger ahead for everyone here now.",  # 8 words, 2 threat
                "Calm day at the lake.",  # 5 words, 0 threat
                "Hope is back in town.",  # 5 words
                "The threatened town feared the worst.",  # 6 words, 2 threat (threat*, fear*)
            ],
        }
    )


def test_rates_pooled_per_group_with_bootstrap_interval():
    r = mk.dictionary_rates(corpus(), {"threat": ["fear*", "danger*", "threat*"]}, by="outlet", n_boot=300)
    assert list(r.columns) == ["group", "category", "n", "words", "count", "rate", "ci_low", "ci_high", "mean_doc_rate"]
    a = r[r.group == "A"].iloc[0]
    assert (a.n, a.words, a["count"]) == (2, 13, 2)
    assert a.rate == pytest.approx(1000 * 2 / 13)
    assert pd.isna(a.ci_low) and pd.isna(a.ci_high)  # two articles: too few for an interval
    assert a.mean_doc_rate == pytest.approx((250 + 0) / 2)
    whole = mk.dictionary_rates(corpus(), {"threat": ["fear*", "danger*", "threat*"]}, n_boot=300).iloc[0]
    assert whole.n >= 3 and whole.ci_low <= whole.rate <= whole.ci_high
    again = mk.dictionary_rates(corpus(), {"threat": ["fear*", "danger*", "threat*"]}, by="outlet", n_boot=300)
    pd.testing.assert_frame_equal(r, again)


def test_rates_whole_corpus_and_document_level():
    r = mk.dictionary_rates(corpus(), {"threat": ["fear*"]}, n_boot=50)
    assert r["group"].tolist() == ["all"] and r["count"].iloc[0] == 2
    d = mk.dictionary_rates(corpus(), {"threat": ["fear*"], "hope": ["hope"]}, level="document")
    assert list(d.columns) == ["doc_id", "words", "threat_per_1k", "hope_per_1k"]
    assert d.loc[2, "hope_per_1k"] == pytest.approx(200.0)


def test_phrase_entries_and_wildcards_inside_words():
    r = mk.dictionary_rates("They were under attack, a counter-attack.", {"x": ["under attack", "*attack"]}, level="document")
    assert r["x_per_1k"].iloc[0] == pytest.approx(1000 * 2 / 6)


_VOCAB = ["tax", "cut", "cuts", "the", "regime", "illegal", "immigrant", "a"]


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(_VOCAB), max_size=40),
    entries=st.dictionaries(
        st.sampled_from(["econ", "label", "other"]),
        st.lists(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4),
        min_size=1,
    ),
)
def test_literal_fast_path_matches_the_general_path(words, entries):
    # literal phrases are compared as tuple slices; anchored regexes take the word-by-word path
    fast = PhraseMatcher(entries).find_words(words)
    general = PhraseMatcher({k: [" ".join(f"^{w}$" for w in e.split()) for e in v] for k, v in entries.items()},
                            regex=True).find_words(words)
    assert [(m.label, m.first, m.last) for m in fast] == [(m.label, m.first, m.last) for m in general]


@given(st.text(max_size=200))
def test_normalized_words_are_the_tokens_words(text):
    assert normalized_words(text) == [t[0] for t in tokenize(text)]
