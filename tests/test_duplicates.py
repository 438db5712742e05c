"""mk.find_duplicates: syndicated copies and updated versions grouped, never over-flagged."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.errors import InputError, SchemaError
from mediakit.load.duplicates import ShingleSets, _rows_per_band

WIRE = (
    "The regional water authority said on Monday that reservoir levels had fallen to their lowest "
    "point in a decade, and asked households in three districts to limit garden watering until the "
    "end of the month. Engineers expect levels to recover slowly if autumn rainfall is normal, a "
    "spokeswoman for the authority said. Farmers' groups warned that the restrictions could be "
    "extended to irrigation if the dry weather continues into October."
)
OTHER = (
    "The city council approved a new cycling plan on Tuesday that adds forty kilometres of "
    "protected lanes over five years. Opposition members criticised the cost, while shop owners on "
    "the main avenue said they feared losing parking spaces during construction."
)
THIRD = (
    "A local museum reopened its maritime gallery after a two-year renovation, showing ship models, "
    "navigation instruments and letters written by sailors' families in the nineteenth century."
)


def corpus() -> pd.DataFrame:
    retitled = "Households asked to save water. " + WIRE  # syndicated copy with a new lead line
    edited = WIRE.replace("three districts", "four districts")  # one word changed
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e", "f"],
        "outlet": ["Wire", "Courier", "Ledger", "Courier", "Times", "Ledger"],
        "published": pd.to_datetime(["2021-09-02", "2021-09-01", "2021-09-03", "2021-09-01",
                                     "2021-09-04", None], utc=True),
        "text": [WIRE, retitled, OTHER, edited, THIRD, ""],
    })


def test_copies_grouped_and_flagged():
    df = mk.find_duplicates(corpus())
    assert df["dup_group"].tolist() == [0, 0, 1, 0, 2, 3]
    assert df["dup_group_size"].tolist() == [3, 3, 1, 3, 1, 1]
    assert df["is_duplicate"].tolist() == [False, True, False, True, False, False]
    assert df["duplicate_of"].tolist() == [None, "a", None, "a", None, None]
    sims = df["dup_similarity"].tolist()
    assert pd.isna(sims[0]) and pd.isna(sims[2]) and pd.isna(sims[4]) and pd.isna(sims[5])
    assert 0.8 <= sims[1] < 1 and 0.8 <= sims[3] < 1
    assert df["dup_group"].nunique() == 4  # distinct stories, not copies
    assert df.attrs["duplicates"]["duplicates"] == 2
    assert "is_duplicate" not in corpus().columns  # input not mutated


def test_similarity_is_exact_jaccard_of_five_word_shingles():
    df = mk.find_duplicates(corpus())
    sets = ShingleSets([WIRE, "Households asked to save water. " + WIRE], 5).sets
    a, b = set(sets[0].tolist()), set(sets[1].tolist())
    assert df.loc[1, "dup_similarity"] == round(len(a & b) / len(a | b), 4)
    # a 5-word lead line adds exactly 5 shingles (every window that starts inside it)
    assert len(b - a) == 5 and not (a - b)


def test_threshold_controls_flagging():
    df = mk.find_duplicates(corpus(), threshold=1.0)
    assert df["is_duplicate"].sum() == 0
    df = mk.find_duplicates(corpus(), threshold=0.05)
    assert df.loc[df["doc_id"].isin(["c", "e", "f"]), "is_duplicate"].sum() == 0


def test_keep_earliest_and_longest():
    df = mk.find_duplicates(corpus(), keep="earliest")
    # b and d share the earliest date; row order breaks the tie
    assert df["is_duplicate"].tolist() == [True, False, False, True, False, False]
    assert df["duplicate_of"].tolist()[:4] == ["b", None, None, "b"]
    df = mk.find_duplicates(corpus(), keep="longest")
    assert df.loc[1, "is_duplicate"] == False  # noqa: E712 - the retitled copy is longest


def test_within_outlet_only_pairs_same_outlet():
    df = mk.find_duplicates(corpus(), within="outlet")
    # a (Wire), b (Courier) and d (Courier) are copies; only b-d share an outlet
    assert df["is_duplicate"].tolist() == [False, False, False, True, False, False]
    assert df["duplicate_of"].tolist()[3] == "b"
    with pytest.raises(SchemaError):
        mk.find_duplicates(corpus(), within="desk")


def test_containment_catches_trimmed_copy():
    trimmed = WIRE.split(". Farmers")[0] + "."
    df = pd.DataFrame({"text": [WIRE, trimmed]})
    assert not mk.find_duplicates(df)["is_duplicate"].any()
    flagged = mk.find_duplicates(df, measure="containment", threshold=0.9)
    assert flagged["is_duplicate"].tolist() == [False, True]
    assert flagged.loc[1, "dup_similarity"] == 1.0


def test_series_and_list_inputs_and_punctuation_case_ignored():
    texts = [WIRE, WIRE.upper().replace(",", ""), OTHER]
    out = mk.find_duplicates(texts)
    assert out["is_duplicate"].tolist() == [False, True, False]
    assert out.loc[1, "dup_similarity"] == 1.0
    assert mk.find_duplicates(pd.Series(texts))["is_duplicate"].tolist() == [False, True, False]
    assert out["duplicate_of"].tolist() == [None, 0, None]  # index labels without doc_id


def test_many_identical_texts_stay_linear_and_grouped():
    df = pd.DataFrame({"text": ["Subscribe to our newsletter for more news every day."] * 300 + [OTHER]})
    out = mk.find_duplicates(df)
    assert out["dup_group"].nunique() == 2
    assert out["is_duplicate"].sum() == 299
    assert out.attrs["duplicates"]["pairs_verified"] < 300 * 3 * 16


@pytest.mark.parametrize("kwargs,error", [
    ({"threshold": 0}, InputError), ({"threshold": 1.5}, InputError), ({"measure": "cosine"}, InputError),
    ({"keep": "last"}, InputError), ({"shingle_size": 0}, InputError), ({"num_perm": 4}, InputError),
    ({"text_column": "body"}, SchemaError),
])
def test_bad_arguments(kwargs, error):
    with pytest.raises(error):
        mk.find_duplicates(corpus(), **kwargs)


def test_bad_input_types():
    with pytest.raises(InputError):
        mk.find_duplicates("just one string")
    with pytest.raises(InputError):
        mk.find_duplicates([1, 2, 3])
    with pytest.raises(SchemaError):
        mk.find_duplicates(pd.DataFrame({"text": [WIRE]}), keep="earliest")


def test_banding_finds_threshold_pairs_with_high_probability():
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        r = _rows_per_band(t, 64)
        assert 1 - (1 - t ** r) ** (64 // r) >= 0.995


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=12))
def test_any_texts_never_crash_and_groups_are_consistent(texts):
    out = mk.find_duplicates(texts)
    assert len(out) == len(texts)
    for _, part in out.groupby("dup_group"):
        assert (~part["is_duplicate"]).sum() == 1
        assert (part["dup_group_size"] == len(part)).all()
    flagged = out[out["is_duplicate"]]
    assert flagged["dup_similarity"].isna().sum() == 0
    # identical non-empty texts always end up together
    for text in set(texts):
        rows = out[out["text"] == text]
        if text.strip() and any(ch.isalnum() for ch in text) and len(rows) > 1:
            assert rows["dup_group"].nunique() == 1
