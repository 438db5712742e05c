"""validation_sample: reproducible, stratified, includes what the tool missed, hides its answers."""

import pandas as pd
import pytest

import mediakit as mk
from mediakit.errors import InputError, SchemaError
from mediakit.validation.units import tool_units


@pytest.fixture(scope="module")
def workshop():
    return mk.load_workshop()


@pytest.mark.parametrize("measure", ["hedges", "sources", "frames"])
def test_same_seed_same_sample_other_seed_other_sample(workshop, measure):
    a = mk.validation_sample(workshop, measure, n=30, seed=4)
    b = mk.validation_sample(workshop, measure, n=30, seed=4)
    c = mk.validation_sample(workshop, measure, n=30, seed=5)
    assert a.units.equals(b.units) and a.key.equals(b.key)
    assert set(a.key["unit_id"]) != set(c.key["unit_id"])
    assert len(a) == 30 and a.key["unit_id"].is_unique


def test_every_outlet_gets_its_share_and_both_flagged_and_unflagged(workshop):
    s = mk.validation_sample(workshop, "hedges", n=50, seed=0)
    per_outlet = s.key.groupby("group").size()
    assert sorted(per_outlet.index) == sorted(workshop["outlet"].unique())
    assert set(per_outlet) == {10}
    # units the tool did not flag are in the sample, so recall can be measured
    assert (s.key["tool"] == "none").sum() >= 20 and (s.key["tool"] == "hedge").sum() >= 20


def test_weights_are_inverse_sampling_probabilities(workshop):
    s = mk.validation_sample(workshop, "sources", n=40, seed=2)
    pop = s.population
    for stratum, part in s.key.groupby("stratum"):
        group, cell = stratum.split(" | ")
        in_group = pop["group"] == group
        flagged = pop["tool"] != "none"
        size = (in_group & (flagged if cell == "flagged" else ~flagged)).sum()
        assert part["weight"].iloc[0] == pytest.approx(size / len(part))
    # the weights add up to the number of units in the corpus
    assert s.key["weight"].sum() == pytest.approx(len(pop))


def test_coders_see_no_tool_answer_and_no_outlet(workshop):
    s = mk.validation_sample(workshop, "sources", n=20, seed=1)
    assert "tool" not in s.units.columns and "group" not in s.units.columns
    assert "stratum" not in s.units.columns and "weight" not in s.units.columns
    # the order is shuffled: flagged and unflagged units are interleaved, not in blocks
    flags = (s.key["tool"] != "none").astype(int).tolist()
    assert flags != sorted(flags) and flags != sorted(flags, reverse=True)


def test_unit_text_is_the_sentence_and_context_surrounds_it(workshop):
    s = mk.validation_sample(workshop, "hedges", n=10, seed=3)
    text_of = dict(zip(workshop["doc_id"], workshop["text"]))
    for unit, doc_id in zip(s.units.itertuples(), s.key["doc_id"]):
        full = text_of[doc_id]
        assert unit.text in full
        if unit.before:
            assert unit.before + " " in full or unit.before + "\n" in full


def test_tool_answer_matches_find_hedges():
    text = "The dam may fail. It held. Officials said it could break, reportedly."
    t = tool_units(text, "hedges")
    assert t["tool"].tolist() == ["hedge", "none", "hedge"]
    found = mk.find_hedges(text)
    assert set(found[found["category"] == "hedge"]["cue"].str.lower()) >= {"may"}


def test_sources_label_is_the_first_speaker_type():
    text = "The minister said taxes would rise. The sky was grey."
    t = tool_units(text, "sources")
    assert t["tool"].iloc[1] == "none"
    assert t["tool"].iloc[0] == mk.find_sources(text)["speaker_type"].iloc[0]


def test_frames_one_unit_per_article(workshop):
    s = mk.validation_sample(workshop.head(10), "frames", n=5, seed=0, stratify=None)
    assert len(s.population) == 10 and len(s) == 5
    assert set(s.population["tool"]) <= set(s.categories)
    one = mk.validation_sample(workshop.head(10), "frames", n=5, seed=0, stratify=None, frame="economic")
    assert set(one.population["tool"]) <= {"present", "none"}


def test_bodies_from_saved_pages():
    pages = mk.load_sample_pages()
    corpus = mk.load_corpus(pages)
    s = mk.validation_sample(corpus, "bodies", n=20, seed=0, stratify=None)
    assert set(s.population["tool"]) == {"body", "boilerplate"}
    assert (s.key["tool"] == "boilerplate").sum() >= 5
    assert all(isinstance(t, str) and t.strip() for t in s.units["text"])


def test_bad_input_is_a_clear_error(workshop):
    with pytest.raises(InputError, match="unknown measure"):
        mk.validation_sample(workshop, "tone")
    with pytest.raises(SchemaError, match="stratify"):
        mk.validation_sample(workshop, "hedges", stratify="country")
    with pytest.raises(InputError, match="n must be"):
        mk.validation_sample(workshop, "hedges", n=0)
    with pytest.raises(SchemaError, match="source_path"):
        mk.validation_sample(workshop, "bodies")
    with pytest.raises(InputError, match="unique"):
        mk.validation_sample(pd.DataFrame({"doc_id": [1, 1], "text": ["a.", "b."]}), "hedges")


def test_asking_for_more_than_the_corpus_holds_takes_everything():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
                           "text": ["It may rain. It rained.", "Sun. No rain."]})
    s = mk.validation_sample(corpus, "hedges", n=100, seed=0)
    assert len(s) == 4 and set(s.key["weight"]) == {1.0}


def test_input_is_not_mutated(workshop):
    before = workshop.copy()
    mk.validation_sample(workshop, "sources", n=10, seed=0)
    pd.testing.assert_frame_equal(workshop, before)


def test_frames_units_carry_detect_frames_labels(workshop):
    """An article's tool answer is the most probable frame detect_frames marks present ("other"
    when it marks none), and a one-frame question is yes/no from the same labels."""
    docs = workshop.head(6)
    detected = mk.detect_frames(docs[["doc_id", "text"]], evidence=False)
    present = detected[detected["present"]]
    expected = {d: (part.sort_values("probability", ascending=False)["frame"].iloc[0]
                    if len(part) else "other")
                for d, part in present.groupby("doc_id")}
    t = tool_units(docs, "frames")
    for _, row in t.iterrows():
        assert row["tool"] == expected.get(row["doc_id"], "other")
    one = tool_units(docs, "frames", frame="economic")
    economic = set(present.loc[present["frame"] == "economic", "doc_id"])
    for _, row in one.iterrows():
        assert (row["tool"] == "present") == (row["doc_id"] in economic)
