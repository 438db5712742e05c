"""Keyness on constructed corpora where the right answer is known by construction."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.comparison.masking import mask_house_style
from mediakit.errors import InputError, SchemaError

SHARED = "the council met on monday and discussed the plan for the river bridge"


def corpus():
    # outlet A alone says "regime"; B alone says "junta"; C alone says "authorities"
    rows = []
    for i in range(6):
        rows.append(("A", f"{SHARED}. The regime said no. Day {i}."))
        rows.append(("B", f"{SHARED}. The junta said no. Day {i}."))
        rows.append(("C", f"{SHARED}. The authorities said no. Day {i}."))
    return pd.DataFrame(rows, columns=["outlet", "text"])


@pytest.mark.parametrize("measure", ["log_odds_dirichlet", "chi2", "log_likelihood"])
def test_exclusive_term_ranks_first_for_every_group(measure):
    k = mk.keyness(corpus(), measure=measure, min_count=1)
    assert list(k.columns[:7]) == ["group", "term", "count_target", "count_reference", "score", "z", "p"]
    top = k.groupby("group").head(1).set_index("group")["term"].to_dict()
    assert top == {"A": "regime", "B": "junta", "C": "authorities"}
    row = k[(k.group == "A") & (k.term == "regime")].iloc[0]
    assert (row.count_target, row.count_reference) == (6, 0)
    assert row.z > 0 and 0 <= row.p < 0.05


def test_sorted_by_score_within_group_and_shared_words_near_zero():
    k = mk.keyness(corpus(), min_count=1)
    for _, g in k.groupby("group"):
        assert (np.diff(g["score"].to_numpy()) <= 1e-12).all()
    council = k[k.term == "council"]
    assert (council["z"].abs() < 1e-9).all()


def test_target_and_reference_group():
    k = mk.keyness(corpus(), target="A", reference="B", min_count=1)
    assert set(k.group) == {"A"}
    assert k.iloc[0]["term"] == "regime" and k.iloc[-1]["term"] == "junta"
    assert "authorities" not in set(k.term)  # C is in neither side


def test_two_groups_are_mirror_images():
    df = corpus()
    df = df[df.outlet != "C"]
    k = mk.keyness(df, min_count=1).set_index(["group", "term"])["z"]
    for term in ("regime", "junta", "council"):
        assert k[("A", term)] == pytest.approx(-k[("B", term)])


def test_masking_removes_house_style():
    rows = []
    for i in range(5):
        rows.append(("nyt", f"WASHINGTON — Mr. Lee told The New York Times on day {i} that talks will go on."))
        rows.append(("fox", f"Sen. Lee told Fox News on day {i} that talks will go on. @handle"))
    df = pd.DataFrame(rows, columns=["outlet", "text"])
    masked = set(mk.keyness(df, min_count=1)["term"])
    for noise in ("mr", "sen", "fox", "news", "washington", "times", "york", "handle", "nyt"):
        assert noise not in masked
    raw = set(mk.keyness(df, min_count=1, mask=False)["term"])
    assert {"mr", "sen", "fox"} <= raw


def test_group_label_self_mentions_are_masked():
    out = mask_house_style("The Daily Flare and the Flare saw a flare.", extra_names=["The Daily Flare"])
    assert out.split() == ["and", "saw", "a", "flare."]


def test_stratify_removes_topic_differences():
    # A covers the flood story more often than B, but within each story they use the same words
    # except that A says "disaster" where B says "event".
    rows = []
    for _ in range(6):
        rows.append(("A", "flood", "The flood hit the river valley. It was a disaster."))
        rows.append(("A", "flood", "Flood water rose in the valley. A disaster."))
        rows.append(("A", "flood", "Flood damage in the valley. A disaster."))
        rows.append(("B", "flood", "The flood hit the river valley. It was an event."))
        rows.append(("A", "vote", "The vote in the council passed. A disaster."))
        rows.append(("B", "vote", "The vote in the council passed. An event."))
        rows.append(("B", "vote", "Council vote passes easily. An event."))
        rows.append(("B", "vote", "Council vote passes again. An event."))
    df = pd.DataFrame(rows, columns=["outlet", "event_id", "text"])
    plain = mk.keyness(df, target="A", min_count=1).set_index("term")["z"]
    strat = mk.keyness(df, target="A", stratify="event_id", min_count=1).set_index("term")["z"]
    # pooled counts make "flood" look like A's word; within events it is not
    assert plain["flood"] > 2
    assert abs(strat["flood"]) < 1.0
    assert strat["disaster"] > 2 and strat.index[0] == "disaster"
    for measure in ("chi2", "log_likelihood"):
        s = mk.keyness(df, target="A", stratify="event_id", min_count=1, measure=measure).set_index("term")["z"]
        assert s.index[0] == "disaster" and abs(s["flood"]) < 1.0


def test_min_count_and_top():
    k = mk.keyness(corpus(), min_count=7, top=3)
    assert (k.count_target + k.count_reference >= 7).all()
    assert k.groupby("group").size().max() <= 3


def test_errors():
    with pytest.raises(InputError, match="measure"):
        mk.keyness(corpus(), measure="tfidf")
    with pytest.raises(InputError, match="not found"):
        mk.keyness(corpus(), target="Z")
    with pytest.raises(SchemaError):
        mk.keyness(corpus(), by="nope")
    with pytest.raises(InputError, match="two groups"):
        mk.keyness(corpus().assign(outlet="A"))


def test_dotted_acronyms_are_one_term():
    df = pd.DataFrame({"outlet": ["A", "B"], "text": ["The U.S. and the F.B.I. agreed.", "The US and the FBI agreed."]})
    terms = set(mk.keyness(df, min_count=1, mask=False)["term"])
    assert "u.s." in terms and "fbi" in terms and "u" not in terms and "b" not in terms


@settings(max_examples=40, deadline=None)
@given(st.text())
def test_masking_keeps_length_and_newlines(text):
    out = mask_house_style(text, extra_names=["fox"])
    assert len(out) == len(text)
    assert [i for i, c in enumerate(out) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


@pytest.mark.filterwarnings("ignore:keyness. no words")
@settings(max_examples=15, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=60), min_size=2, max_size=6))
def test_keyness_never_crashes(texts):
    df = pd.DataFrame({"outlet": [f"g{i % 2}" for i in range(len(texts))], "text": texts})
    k = mk.keyness(df, min_count=1)
    assert np.isfinite(k["z"]).all() and ((k["p"] >= 0) & (k["p"] <= 1)).all()


def test_word_pairs_do_not_bridge_masked_spans():
    df = pd.DataFrame({"outlet": ["A", "B"], "text": ["Lee told Fox News he would stay.", "Lee told reporters he stayed."]})
    terms = set(mk.keyness(df, min_count=1, ngram_range=(1, 2))["term"])
    assert "lee told" in terms and "he would" in terms
    assert "told he" not in terms and "fox news" not in terms


def test_min_docs_drops_words_of_a_single_article():
    df = corpus()
    df.loc[0, "text"] += " Zebra" * 30  # one article of A repeats a word
    assert mk.keyness(df, target="A", min_count=1).iloc[0]["term"] == "zebra"
    k = mk.keyness(df, target="A", min_count=1, min_docs=2)
    assert "zebra" not in set(k.term) and k.iloc[0]["term"] == "regime"
