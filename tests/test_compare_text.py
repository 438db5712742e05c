"""kwic, word_choice and entity_labels on team-written sentences."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.errors import InputError, SchemaError

DF = pd.DataFrame(
    {
        "doc_id": ["a1", "a2", "b1"],
        "outlet": ["Courier", "Courier", "Ledger"],
        "text": [
            "An illegal immigrant was detained. Officials said illegal immigrants crossed.",
            "The regime denied it. The regime's army moved.",
            "An undocumented immigrant was detained, and the government denied it.",
        ],
    }
)


def test_kwic_glob_phrase_with_offsets_and_group():
    k = mk.kwic(DF, "illegal immigra*", window=2, by="outlet")
    assert list(k.columns) == ["doc_id", "pre", "keyword", "post", "start", "end", "pattern", "outlet"]
    assert k["keyword"].tolist() == ["illegal immigrant", "illegal immigrants"]
    assert k["pre"].tolist() == ["An", "Officials said"]
    assert k["post"].tolist() == ["was detained", "crossed"]
    text = DF.text[0]
    for s, e, kw in zip(k.start, k.end, k.keyword):
        assert text[s:e] == kw
    assert set(k.outlet) == {"Courier"}


def test_kwic_regex_and_fixed_and_case():
    k = mk.kwic(DF, r"^regime", valuetype="regex", window=1)
    assert k["keyword"].tolist() == ["regime", "regime's"]
    assert mk.kwic("Any rating and a rating", "a*", valuetype="fixed").empty
    assert mk.kwic("Any rating and a rating", "a", valuetype="fixed")["keyword"].tolist() == ["a"]
    assert len(mk.kwic("The Regime and the regime", "regime", case_insensitive=False)) == 1


def test_kwic_window_zero_and_errors():
    k = mk.kwic("one two three", "two", window=0)
    assert k.loc[0, "pre"] == "" and k.loc[0, "post"] == ""
    with pytest.raises(InputError):
        mk.kwic("x", "")
    with pytest.raises(InputError):
        mk.kwic("x", "(", valuetype="regex")
    with pytest.raises(InputError):
        mk.kwic("x", "x", valuetype="lemma")


@settings(max_examples=50, deadline=None)
@given(st.text(), st.sampled_from(["a*", "the", "*", "x y", "é*"]))
def test_kwic_offsets_always_valid(text, pattern):
    k = mk.kwic(text, pattern)
    for s, e, kw in zip(k.start, k.end, k.keyword):
        assert 0 <= s <= e <= len(text) and text[s:e] == kw


def test_word_choice_counts_shares_and_intervals():
    wc = mk.word_choice(DF, [("illegal immigra*", "undocumented immigra*"), ("regime", "government")])
    assert list(wc.columns) == ["pair", "group", "term", "count", "docs", "total", "share", "ci_low", "ci_high"]
    r = wc.set_index(["pair", "group", "term"])
    pair = "illegal immigra* | undocumented immigra*"
    assert r.loc[(pair, "Courier", "illegal immigra*"), "count"] == 2
    assert r.loc[(pair, "Courier", "illegal immigra*"), "docs"] == 1
    assert r.loc[(pair, "Ledger", "undocumented immigra*"), "share"] == 1.0
    row = r.loc[("regime | government", "Courier", "regime")]
    assert row["count"] == 2 and row["share"] == 1.0 and 0 < row["ci_low"] < 1 and row["ci_high"] == 1.0


def test_word_choice_longest_alternative_wins_and_synonym_lists():
    df = pd.DataFrame({"outlet": ["x"], "text": ["illegal immigrants and immigrants and migrants"]})
    wc = mk.word_choice(df, [(["immigrant*", "migrant*"], "illegal immigrant*")])
    counts = dict(zip(wc.term, wc["count"]))
    assert counts == {"immigrant* / migrant*": 2, "illegal immigrant*": 1}


def test_word_choice_no_uses_gives_nan_share_and_errors():
    wc = mk.word_choice(DF, [("junta", "military government")])
    assert wc["total"].eq(0).all() and wc["share"].isna().all()
    with pytest.raises(InputError):
        mk.word_choice(DF, [("only one",)])
    with pytest.raises(InputError):
        mk.word_choice(DF, ["regime"])
    with pytest.raises(SchemaError):
        mk.word_choice(DF, [("a", "b")], by="section")


def test_entity_labels_titles_modifiers_appositives():
    df = pd.DataFrame(
        {
            "outlet": ["Courier", "Courier", "Ledger"],
            "text": [
                "The embattled President Anna Vos, a former judge, spoke. Vos, who leads the party, left.",
                "Prime Minister Vos met farmers.",
                "Ms. Vos said. Critics called Vos weak. Former President Vos, the incumbent, waved.",
            ],
        }
    )
    e = mk.entity_labels(df, ["Anna Vos", "Vos"])
    assert list(e.columns) == ["group", "entity", "kind", "label", "count", "docs"]
    got = {(g, k, lab) for g, k, lab in zip(e.group, e.kind, e.label)}
    assert ("Courier", "title", "president") in got
    assert ("Courier", "title", "prime minister") in got
    assert ("Courier", "modifier", "embattled") in got
    assert ("Courier", "appositive", "a former judge") in got
    assert ("Courier", "relative", "who leads the party") in got
    assert ("Ledger", "title", "ms") in got
    assert ("Ledger", "appositive", "the incumbent") in got
    # a verb before the name is not a modifier
    assert ("Ledger", "modifier", "called") not in got
    with pytest.raises(InputError):
        mk.entity_labels(df, "")


def test_entity_labels_case_sensitive_name():
    df = pd.DataFrame({"outlet": ["x"], "text": ["He played a trump card. The tall Trump, a builder, smiled."]})
    e = mk.entity_labels(df, "Trump")
    assert e["label"].tolist() == ["a builder", "tall"]


def test_non_text_values_are_reported_not_dropped():
    bad = pd.DataFrame({"outlet": ["A", "B"], "text": ["fine words here", 42]})
    for call in (lambda: mk.keyness(bad, min_count=1), lambda: mk.kwic(bad, "fine"),
                 lambda: mk.word_choice(bad, [("fine", "good")]), lambda: mk.align_events(bad, window_days=None),
                 lambda: mk.dictionary_rates(bad, {"x": ["fine"]}), lambda: mk.entity_labels(bad, "Fine")):
        with pytest.raises(InputError, match="str"):
            call()
    # a missing text (NaN/None) is an empty article, not an error; an outlet with no words at
    # all cannot be compared, and keyness says so
    ok = pd.DataFrame({"outlet": ["A", "B", "B"], "text": ["fine words here", None, "other words"]})
    assert len(mk.keyness(ok, min_count=1)) > 0
    with pytest.warns(UserWarning, match="no words"):
        assert mk.keyness(ok.iloc[:2], min_count=1).empty


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4), st.sampled_from(["Lee", "a*", "the x"]))
def test_text_functions_never_crash(texts, pattern):
    df = pd.DataFrame({"outlet": [f"g{i % 2}" for i in range(len(texts))], "text": texts})
    wc = mk.word_choice(df, [(pattern, "zzz")])
    assert (wc["count"] <= wc["total"]).all()
    e = mk.entity_labels(df, "Lee")
    assert (e["count"] >= e["docs"]).all()
    r = mk.dictionary_rates(df, {"p": [pattern]}, by="outlet", n_boot=10)
    assert (r["count"] >= 0).all()
    mk.align_claims(df.assign(event_id="e"))
