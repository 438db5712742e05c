"""align_events on constructed stories (and on BASIL when ../shared has it), align_claims."""

import json

import pandas as pd
import pytest
from conftest import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
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
    assert out.attrs["align_events"]["threshold"] == 0.10  # with a date window
    assert mk.align_events(df, window_days=None).attrs["align_events"]["threshold"] == 0.15


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
