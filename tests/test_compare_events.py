"""align_events on constructed stories (and on BASIL when ../shared has it), align_claims."""

import json

import pandas as pd
import pytest
from conftest import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.comparison.alignment.blocking import candidate_pairs
from mediakit.comparison.alignment.fields import names_and_figures
from mediakit.comparison.alignment.scorer import load_model
from mediakit.comparison.events import pairwise_scores
from mediakit.errors import InputError

STORIES = {
    "flood": "Flood waters swept through the river town of Elmbridge, forcing hundreds of residents from their homes",
    "vote": "The regional council voted to approve the new harbour budget after a long debate over ferry fares",
    "fire": "A fire destroyed a warehouse of the Oakfield textile mill overnight, and firefighters fought the blaze for hours",
}


def corpus(dates=True):
    rows = []
    for outlet, twist in (("Courier", "Officials said on Tuesday."), ("Ledger", "Residents said the day was grim."),
                          ("Post", "Reporters saw it happen.")):
        for day, (key, text) in enumerate(STORIES.items()):
            rows.append({"doc_id": f"{outlet}-{key}", "outlet": outlet, "title": "", "text": f"{text}. {twist}",
                         "published": pd.Timestamp("2024-05-01", tz="UTC") + pd.Timedelta(days=10 * day), "true": key})
    return pd.DataFrame(rows)


def test_same_story_grouped_and_copy_returned():
    df = corpus()
    out = mk.align_events(df)
    assert "event_id" not in df.columns  # input not mutated
    assert pairwise_scores(out["true"], out["event_id"])["ari"] == 1.0
    assert out["event_size"].eq(3).all()
    assert out["event_cohesion"].between(0, 1).all()
    assert out["confidence"].between(0, 1).all()
    defaults = load_model()["defaults"]
    assert out.attrs["align_events"]["threshold"] == defaults["threshold"]
    assert out.attrs["align_events"]["window"] == defaults["window"]
    old = mk.align_events(df, method="tfidf")
    assert old.attrs["align_events"]["threshold"] == 0.10  # the earlier method keeps its defaults
    assert mk.align_events(df, window_days=None, method="tfidf").attrs["align_events"]["threshold"] == 0.15
    assert pairwise_scores(old["true"], old["event_id"])["ari"] == 1.0


def test_date_window_splits_identical_texts():
    df = corpus()
    df.loc[df.outlet == "Post", "published"] += pd.Timedelta(days=5)
    out = mk.align_events(df, window_days=2, threshold=0.2)
    post_ids = set(out.loc[out.outlet == "Post", "event_id"])
    other_ids = set(out.loc[out.outlet != "Post", "event_id"])
    assert post_ids.isdisjoint(other_ids)
    joined = mk.align_events(df, window_days=None, threshold=0.2)
    assert pairwise_scores(joined["true"], joined["event_id"])["ari"] == 1.0


def test_exclusive_by_keeps_one_article_per_outlet():
    df = pd.concat([corpus(), corpus().assign(doc_id=lambda d: d.doc_id + "-copy")], ignore_index=True)
    out = mk.align_events(df, exclusive_by="outlet", window_days=None)
    assert not out.duplicated(["event_id", "outlet"]).any()
    forbid = mk.align_events(df, allow_same_outlet=False, window=None)
    assert forbid["event_id"].tolist() == out["event_id"].tolist()
    allowed = mk.align_events(df, window=None)  # a copy from the same outlet joins its story
    assert allowed.duplicated(["event_id", "outlet"]).any()
    assert pairwise_scores(df["true"], allowed["event_id"])["ari"] == 1.0
    with pytest.raises(InputError, match="two columns"):
        mk.align_events(df, allow_same_outlet=False, exclusive_by="doc_id")


def test_window_is_the_same_option_as_window_days():
    df = corpus()
    df.loc[df.outlet == "Post", "published"] += pd.Timedelta(days=5)
    a = mk.align_events(df, window=2)
    b = mk.align_events(df, window_days=2)
    assert a["event_id"].tolist() == b["event_id"].tolist()
    assert set(a.loc[a.outlet == "Post", "event_id"]).isdisjoint(a.loc[a.outlet != "Post", "event_id"])
    with pytest.raises(InputError, match="same option"):
        mk.align_events(df, window=2, window_days=3)
    with pytest.raises(InputError, match="days"):
        mk.align_events(df, window=-1)
    with pytest.raises(InputError, match="method"):
        mk.align_events(df, method="magic")


def test_pinned_stories_stay_together_and_apart():
    df = corpus()
    # pin two articles of different stories to one known story, and two of one story apart
    df["known"] = None
    df.loc[df.doc_id == "Courier-flood", "known"] = "K1"
    df.loc[df.doc_id == "Courier-fire", "known"] = "K1"
    df.loc[df.doc_id == "Ledger-vote", "known"] = "K2"
    df.loc[df.doc_id == "Post-vote", "known"] = "K3"
    out = mk.align_events(df, pin="known", window=None).set_index("doc_id")
    assert out.loc["Courier-flood", "event_id"] == out.loc["Courier-fire", "event_id"] == "K1"
    assert out.loc["Ledger-vote", "event_id"] == "K2"
    assert out.loc["Post-vote", "event_id"] == "K3"
    # unpinned articles may join a pinned story: the Courier vote article joins one of them
    assert out.loc["Courier-vote", "event_id"] in {"K2", "K3"}
    assert out.loc["Ledger-vote", "event_id"] != out.loc["Post-vote", "event_id"]
    with pytest.raises(InputError, match="pin"):
        mk.align_events(df, pin="known", method="tfidf")


def test_why_names_what_the_story_shares_and_singletons_stay_alone():
    df = corpus()
    extra = pd.DataFrame([{"doc_id": "lone", "outlet": "Courier", "title": "",
                           "text": "A chess prodigy from Tallinn won the junior championship in Oslo.",
                           "published": pd.Timestamp("2024-05-11", tz="UTC"), "true": "chess"}])
    out = mk.align_events(pd.concat([df, extra], ignore_index=True))
    lone = out[out.doc_id == "lone"].iloc[0]
    assert lone.event_size == 1 and lone.event_why == "" and pd.isna(lone.event_cohesion)
    assert 0 <= lone.confidence <= 1
    flood = out[out.true == "flood"]
    assert "elmbridge" in flood.event_why.iloc[0]
    assert flood.event_why.nunique() == 1


def test_headlines_only():
    heads = pd.DataFrame({
        "title": ["Flood waters force hundreds from homes in Elmbridge", "Elmbridge residents flee as river floods town",
                  "Council approves harbour budget after ferry fare row", "Harbour budget passes council despite ferry fares",
                  "Fire destroys Oakfield textile mill warehouse", "Blaze guts warehouse at Oakfield mill"],
        "text": [""] * 6, "published": pd.Timestamp("2024-05-01", tz="UTC"), "true": list("aabbcc")})
    out = mk.align_events(heads)
    assert pairwise_scores(out["true"], out["event_id"])["ari"] == 1.0


def test_names_and_figures():
    names, figures = names_and_figures("Sen. Joe Manchin blocked the $150 billion plan on Tuesday, said the White House.")
    assert {"manchin", "joe manchin", "white house"} <= names
    assert "tuesday" not in names and "the" not in names
    assert figures == {"150"}


def test_blocking_never_forms_all_pairs():
    import numpy as np
    import scipy.sparse as sp

    rng = np.random.default_rng(0)
    n, k = 3000, 5
    X = sp.random(n, 500, density=0.02, random_state=1, format="csr")
    X = sp.csr_matrix(X.multiply(1 / np.maximum(1e-9, np.sqrt(X.multiply(X).sum(axis=1)))))
    days = rng.uniform(0, 300, n)
    pairs, sims = candidate_pairs(X, days, window=3, k=k)
    assert len(pairs) <= n * k
    assert (pairs[:, 0] < pairs[:, 1]).all()
    assert (np.abs(days[pairs[:, 0]] - days[pairs[:, 1]]) <= 3).all()
    assert ((sims > 0) & (sims <= 1 + 1e-9)).all()


def test_deterministic_and_ids_by_first_appearance():
    df = corpus()
    a = mk.align_events(df)
    b = mk.align_events(df)
    assert a["event_id"].tolist() == b["event_id"].tolist()
    assert a["event_id"].iloc[0] == "e0001"


def test_errors_and_edge_cases():
    with pytest.raises(InputError, match="threshold"):
        mk.align_events(corpus(), threshold=2)
    with pytest.warns(UserWarning, match="dates are ignored"):
        no_dates = mk.align_events(corpus().drop(columns="published"), threshold=0.2)
    assert pairwise_scores(no_dates["true"], no_dates["event_id"])["ari"] == 1.0
    empty = mk.align_events(corpus().head(0))
    assert "event_id" in empty.columns and len(empty) == 0
    one = mk.align_events(corpus().head(1))
    assert one["event_id"].tolist() == ["e0001"]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_any_texts_get_an_event(texts):
    out = mk.align_events(pd.DataFrame({"text": texts}), window_days=None)
    assert out["event_id"].notna().all() and len(out) == len(texts)
    assert out["confidence"].between(0, 1).all()


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=30), st.text(max_size=60), st.integers(0, 20) | st.none()),
                min_size=1, max_size=8))
def test_any_titles_texts_and_dates(rows):
    df = pd.DataFrame({"title": [r[0] for r in rows], "text": [r[1] for r in rows],
                       "published": [None if r[2] is None else pd.Timestamp("2024-01-01", tz="UTC") + pd.Timedelta(days=r[2])
                                     for r in rows]})
    out = mk.align_events(df, window=2)
    assert len(out) == len(df) and out["event_id"].notna().all()
    assert (out.groupby("event_id").size().reindex(out.event_id).to_numpy() == out.event_size.to_numpy()).all()


def _basil():
    root = shared_path("datasets", "basil", "articles")
    rows = []
    for f in sorted(root.glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        rows.append({"doc_id": d["uuid"], "outlet": d["source"].lower(), "title": d["title"],
                     "published": pd.Timestamp(d["date"], tz="UTC"), "truth": d["triplet-uuid"],
                     "text": "\n\n".join(" ".join(p) for p in d["body-paragraphs"])})
    return pd.DataFrame(rows)


def test_basil_events_recovered():
    df = _basil()
    assert len(df) == 300
    out = mk.align_events(df)
    assert pairwise_scores(df["truth"], out["event_id"])["ari"] >= 0.95
    heads = mk.align_events(df.assign(text=""))
    assert pairwise_scores(df["truth"], heads["event_id"])["ari"] >= 0.90


def test_neus_dev_stories_recovered():
    d = pd.read_json(shared_path("eval", "neus_dev.jsonl"), lines=True, dtype={"event": str})
    d["published"] = pd.to_datetime(d["date"], utc=True)
    out = mk.align_events(d)
    # in-sample (the shipped model saw these stories); cross-validated figures: docs/accuracy.md
    assert pairwise_scores(d["event"], out["event_id"])["ari"] >= 0.93
    assert out["event_why"].str.len().gt(0).mean() > 0.8


def test_workshop_events_recovered():
    df = mk.load_workshop()
    out = mk.align_events(df.drop(columns="event_id"))
    assert pairwise_scores(df["event_id"], out["event_id"])["ari"] >= 0.9


def test_basil_fox_keyness_has_no_house_style_in_top20():
    df = _basil()
    top = mk.keyness(df, target="fox", stratify="truth").head(20)["term"].tolist()
    noise = {"mr", "mrs", "ms", "sen", "rep", "gov", "dr", "fox", "news", "nyt", "hpo", "times", "huffpost",
             "york", "huffington", "senator", "representative"}
    assert not noise & set(top), top


# --------------------------------------------------------------------------- claims

def test_align_claims_pairs_hedged_and_bare_versions():
    df = pd.DataFrame(
        {
            "doc_id": ["c", "l", "x"],
            "outlet": ["Courier", "Ledger", "Courier"],
            "event_id": ["e1", "e1", "e2"],
            "text": [
                "The ministry may send troops to the northern border next week. Markets were calm.",
                "The ministry will send troops to the northern border next week, Rasmussen said. Fans cheered.",
                "Unrelated story text about a harvest festival in the valley.",
            ],
        }
    )
    pairs = mk.align_claims(df)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row.group_a, row.group_b, row.event_id) == ("Courier", "Ledger", "e1")
    assert row.similarity > 0.5
    text = df.text[0]
    assert text[row.start_a:row.end_a].startswith("The ministry may")
    assert mk.align_claims(df, event_id="e2").empty
    with pytest.raises(InputError):
        mk.align_claims(df, event_id="nope")


def test_align_claims_same_outlet_never_paired():
    df = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "event_id": ["e", "e"],
                       "text": ["Troops will go to the border soon.", "Troops will go to the border soon."]})
    assert mk.align_claims(df).empty


def test_align_claims_skips_datelines_and_aligns_without_event_ids():
    text_a = ("VESSEN, Esmerin (Courier Wire) — The ministry may send troops to the northern border next week.\n\n"
              "Markets were calm.")
    text_b = "The ministry will send troops to the northern border next week, officials said."
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["Courier", "Ledger", "Post"],
                       "title": ["Troops may go to northern border", "Troops to go to northern border",
                                 "Harvest festival opens in the valley"],
                       "text": [text_a, text_b, "A harvest festival with pumpkins and cider opened in the valley."]})
    pairs = mk.align_claims(df, window=None)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert row.sentence_a.startswith("The ministry may") and "VESSEN" not in row.sentence_a
    assert text_a[row.start_a:row.end_a].startswith("The ministry may")
    # the harvest article is its own story, so it was never compared
    assert set(pairs.doc_id_a) | set(pairs.doc_id_b) == {"a", "b"}


def test_pinning_some_known_event_ids_keeps_them():
    df = mk.load_workshop()
    known = df["event_id"].where(df.index % 2 == 0)  # half the articles come with their story
    out = mk.align_events(df.assign(event_id=known), pin="event_id")
    given = known.notna()
    assert (out.loc[given, "event_id"] == df.loc[given, "event_id"]).all()
    free = mk.align_events(df.drop(columns="event_id"))
    assert pairwise_scores(df["event_id"], out["event_id"])["ari"] >= pairwise_scores(df["event_id"], free["event_id"])["ari"]
    # the unpinned articles were placed by the model: most of them joined their pinned story
    joined = (out.loc[~given, "event_id"] == df.loc[~given, "event_id"]).mean()
    assert joined >= 0.9
