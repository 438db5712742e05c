"""The learned cue and span steps: model file, decisions, the contract, and the seed article."""

from __future__ import annotations

import json
from importlib import resources

import pandas as pd
import pytest
from conftest import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.errors import InputError
from mediakit.features.attribution import attribute
from mediakit.features.attribution.learned import (
    LEARNED,
    CueModel,
    cue_features,
    cue_model,
    keep_learned,
    learned_cues,
    model_lexicon,
)
from mediakit.features.attribution.lexicon import reporting_verbs
from mediakit.features.attribution.spans import candidate_spans
from mediakit.text.doc import Document


def test_model_file_is_small_json_with_a_card():
    folder = resources.files("mediakit.models")
    raw = folder.joinpath("attribution_cues.json").read_bytes()
    assert len(raw) < 2_000_000
    data = json.loads(raw)
    assert {"weights", "bias", "threshold", "forms", "training"} <= set(data)
    assert all(isinstance(w, float) for w in data["weights"].values())
    card = folder.joinpath("attribution_cues.md").read_text(encoding="utf-8")
    for needed in ("PolNeAR", "licen", "leave-one-publisher-out", "held-out"):
        assert needed.lower() in card.lower()


def test_learned_forms_widen_the_rule_lexicon():
    lex = model_lexicon()
    base = reporting_verbs("en")
    assert set(base) < set(lex)
    assert all(v.strength == "strong" for v in lex.values())  # the model decides, not the strength column
    new = [v for f, v in lex.items() if f not in base]
    assert new and all(v.category == "learned" for v in new)


def test_probability_is_the_logistic_of_the_summed_weights():
    m = CueModel(weights={"a": 1.0, "b": -3.0}, bias=0.5, threshold=0.5, forms={})
    assert m.probability(["a"]) == pytest.approx(1 / (1 + 2.718281828 ** -1.5), rel=1e-6)
    assert m.probability(["a", "b"]) < 0.5 < m.probability(["a", "unknown"])
    assert m.probability(["b"] * 100) == 0.0  # no overflow far from the threshold


def test_keep_learned_follows_the_model():
    doc = Document('"We will not leave," Ann Lee said on Monday.')
    cands = candidate_spans(doc, learned_cues(doc))
    assert [a.cue for a in cands] == ["said"]
    keep_all = CueModel(weights={}, bias=5.0, threshold=0.5, forms={})
    keep_none = CueModel(weights={}, bias=-5.0, threshold=0.5, forms={})
    assert keep_learned(doc, cands, keep_all) == cands
    assert keep_learned(doc, cands, keep_none) == []


def test_features_describe_cue_speaker_content_and_quotes():
    doc = Document('"We will not leave," Ann Lee said on Monday.')
    a = candidate_spans(doc, learned_cues(doc))[0]
    f = set(cue_features(doc, a))
    assert {"f=said", "lem=say", "st=strong", "src=base", "mk=name", "ms=before", "cs=before", "inq=no", "n1=on"} <= f


def test_learned_steps_find_a_cue_the_rules_miss():
    text = 'Clinton called the plan "a disaster."'
    rules = mk.find_sources(text)
    learned = mk.find_sources(text, cues="learned")
    assert rules.empty or "called" not in rules["cue"].tolist()
    assert learned["cue"].tolist() == ["called"]
    assert learned["speaker"].tolist() == ["Clinton"]


def test_learned_keeps_plain_reporting():
    df = mk.find_sources('"It is not going to happen," Ben Wallace told the BBC.', cues="learned")
    assert df[["speaker", "kind", "cue", "outlet"]].values.tolist() == [["Ben Wallace", "direct", "told", "BBC"]]


def test_learned_mode_has_the_contract_columns_and_corpus_input():
    texts = pd.Series({"a": "Officials said the bridge will close.", "b": "Nothing here."})
    df = mk.find_sources(texts, cues="learned")
    assert list(df.columns) == ["doc_id", *mk.find_sources("x").columns]
    assert df["doc_id"].tolist() == ["a"]


def test_unknown_cue_mode_is_a_clear_error():
    with pytest.raises(InputError, match="rules"):
        mk.find_sources("Lee said so.", cues="neural")


def test_learned_steps_plug_into_the_engine():
    doc = Document("According to Peskov, talks are over.")
    res = attribute(doc, *LEARNED)
    assert [s.cue for s in res.spans] == ["According to"]
    assert [sp.name for sp in res.speakers] == ["Peskov"]


def test_model_is_read_once():
    assert cue_model() is cue_model()


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab said told “”",.\n Lee Ann called shows')), max_size=300))
def test_learned_mode_never_crashes_and_keeps_offsets_in_range(text):
    df = mk.find_sources(text, cues="learned")
    for col in ("cue_start", "cue_end", "speaker_start", "speaker_end", "content_start", "content_end"):
        vals = df[col].dropna().tolist()
        assert all(0 <= v <= len(text) for v in vals)
    for r in df.to_dict("records"):
        assert text[r["cue_start"]:r["cue_end"]] == r["cue"]


def test_highlighter_shows_the_learned_table():
    text = 'Clinton called the plan "a disaster." Officials said talks may resume.'
    table = mk.find_sources(text, cues="learned")
    html = mk.highlight(text, layers=["sources"], sources=table)._repr_html_()
    for cue in table["cue"]:
        assert cue in html
    assert html.count("called") >= 1


def test_seed_article_learned(seed_path):
    art = mk.load_article(seed_path)
    df = mk.find_sources(art.text, cues="learned")
    by: dict = {}
    for r in df.to_dict("records"):
        by.setdefault(r["speaker"], []).append(r)
    officials = {"Anders Fogh Rasmussen", "Ben Wallace", "Karine Jean-Pierre", "Dmitry Peskov", "Jens Stoltenberg"}
    assert officials <= set(by)
    assert all(r["speaker_type"] == "official" for name in officials for r in by[name])
    assert "The Guardian" in {r["outlet"] for r in by["Anders Fogh Rasmussen"]}
    assert any(r["mention"] == "him" and r["kind"] == "according_to" for r in by["Jens Stoltenberg"])


def test_polnear_dev_is_not_worse_than_a_said_regex():
    """A coarse guard on real annotated news (the full protocol is scripts/train_attribution.py)."""
    path = shared_path("eval", "polnear_dev.jsonl")
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:10]]
    gold = sum(len(r["attributions"]) for r in recs)
    found = matched = 0
    for r in recs:
        df = mk.find_sources(r["text"], cues="learned")
        found += len(df)
        cues = [a["cue"] for a in r["attributions"] if a["cue"]]
        for s, e in zip(df["cue_start"], df["cue_end"]):
            matched += any(min(e, c[1]) > max(s, c[0]) for c in cues)
    precision, recall = matched / found, matched / gold
    assert precision > 0.7 and recall > 0.55


@pytest.mark.parametrize("cues", ["rules", "learned"])
def test_unicode_case_folding_in_the_cue_scan_does_not_crash(cues):
    # "İ" lower-cases to two characters, so the scan runs with IGNORECASE, where re folds "ſ" to "s"
    text = "İstanbul: the mayor ſaid so, and s Lee ſ said the talks failed."
    df = mk.find_sources(text, cues=cues)
    assert "said" in df["cue"].tolist()
