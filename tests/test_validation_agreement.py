"""agreement: kappa, alpha, precision/recall/F1 against hand-computed values and the reference packages."""

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

import mediakit as mk
from mediakit.errors import InputError, SchemaError


def two_by_two():
    """tool yes/coder yes 8, tool yes/coder no 2, tool no/coder yes 4, both no 6 (n = 20)."""
    tool = ["yes"] * 8 + ["yes"] * 2 + ["no"] * 4 + ["no"] * 6
    coder = ["yes"] * 8 + ["no"] * 2 + ["yes"] * 4 + ["no"] * 6
    return pd.DataFrame({"tool": tool, "coder_a": coder})


def test_hand_computed_two_by_two():
    a = mk.agreement(two_by_two(), n_boot=0)
    pair = a.pairs.iloc[0]
    # po = 14/20; pe = .5 * .6 + .5 * .4 = .5; kappa = (.7 - .5) / .5
    assert pair["agreement"] == pytest.approx(0.7)
    assert pair["kappa"] == pytest.approx(0.4)
    # coincidences: o(yes,yes) = 16, o(no,no) = 12, o(yes,no) = o(no,yes) = 6; n_yes = 22, n_no = 18
    # alpha = 1 - (n - 1) * 12 / (2 * 22 * 18) with n = 40 pairable values
    assert pair["alpha"] == pytest.approx(1 - 39 * 12 / (2 * 22 * 18))
    yes = a.categories.query("category == 'yes'").iloc[0]
    assert yes["precision"] == pytest.approx(8 / 10)
    assert yes["recall"] == pytest.approx(8 / 12)
    assert yes["f1"] == pytest.approx(2 * 0.8 * (2 / 3) / (0.8 + 2 / 3))
    assert (yes["n_tool"], yes["n_reference"]) == (10, 12)


def test_weights_make_precision_and_recall_corpus_estimates():
    t = two_by_two()
    # the tool's "no" units stand for 3 corpus units each (they were sampled at 1 in 3)
    t["weight"] = np.where(t["tool"] == "no", 3.0, 1.0)
    yes = mk.agreement(t, n_boot=0).categories.query("category == 'yes'").iloc[0]
    assert yes["precision"] == pytest.approx(8 / 10)  # unaffected: weights are equal among tool-yes
    assert yes["recall"] == pytest.approx(8 / (8 + 3 * 4))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=2, max_size=60))
def test_kappa_matches_scikit_learn(pairs):
    x, y = zip(*pairs)
    a = mk.agreement(pd.DataFrame({"tool": x, "coder_1": y}), n_boot=0)
    expected = cohen_kappa_score(x, y)
    got = a.pairs["kappa"].iloc[0]
    if np.isnan(expected):
        assert np.isnan(got)
    else:
        assert got == pytest.approx(expected, abs=1e-9)


def test_alpha_matches_the_krippendorff_package_with_missing_answers():
    rng = np.random.default_rng(7)
    truth = rng.choice(["x", "y", "z"], size=80)
    cols = {}
    for name, err in (("coder_a", 0.1), ("coder_b", 0.2), ("coder_c", 0.3)):
        ans = np.where(rng.random(80) < err, rng.choice(["x", "y", "z"], size=80), truth).astype(object)
        ans[rng.random(80) < 0.15] = None
        cols[name] = ans
    coded = pd.DataFrame({"tool": truth, **cols})
    a = mk.agreement(coded, n_boot=50)
    code = {"x": 0, "y": 1, "z": 2}
    m = np.array([[code[v] if v is not None else np.nan for v in cols[c]] for c in cols], dtype=float)
    expected = krippendorff.alpha(reliability_data=m, level_of_measurement="nominal")
    assert a.coders_alpha["all 3 coders"]["alpha"] == pytest.approx(expected)
    for r in a.pairs.itertuples():
        rows = [m[list(cols).index(c)] if c != "tool" else np.array([code[v] for v in truth], float)
                for c in (r.a, r.b)]
        assert r.alpha == pytest.approx(krippendorff.alpha(reliability_data=np.vstack(rows),
                                                           level_of_measurement="nominal"))
        both = ~np.isnan(rows[0]) & ~np.isnan(rows[1])
        assert r.n == both.sum()


def test_bootstrap_intervals_hold_the_estimate_and_shrink_with_more_units():
    small = two_by_two()
    big = pd.concat([small] * 10, ignore_index=True)
    a, b = mk.agreement(small, n_boot=400, seed=1), mk.agreement(big, n_boot=400, seed=1)
    for res in (a, b):
        p = res.pairs.iloc[0]
        assert p["kappa_low"] <= p["kappa"] <= p["kappa_high"]
    width = lambda r: r.pairs["kappa_high"].iloc[0] - r.pairs["kappa_low"].iloc[0]  # noqa: E731
    assert width(b) < width(a) / 2
    again = mk.agreement(small, n_boot=400, seed=1)
    assert again.pairs.equals(a.pairs)


def test_majority_reference_leaves_ties_out_and_says_so():
    coded = pd.DataFrame({"tool": ["a", "a", "b", "b"], "coder_1": ["a", "b", "b", "a"],
                          "coder_2": ["a", "a", "b", "b"]})
    a = mk.agreement(coded, n_boot=0)
    assert a.reference == "majority"
    assert a.coded["majority"].tolist() == ["a", None, "b", None]
    assert any("no majority" in n for n in a.notes)
    assert {"tool", "coder_1", "coder_2"} == set(a.pairs["a"]) | set(a.pairs["b"])


def test_merge_collapses_speaker_types_into_attribution():
    coded = pd.DataFrame({"tool": ["official", "expert", "none", "citizen"],
                          "coder_a": ["expert", "expert", "none", "none"]})
    merged = mk.agreement(coded, n_boot=0, merge={t: "attribution" for t in ("official", "expert", "citizen")})
    assert merged.pairs["agreement"].iloc[0] == pytest.approx(0.75)
    assert mk.agreement(coded, n_boot=0).pairs["agreement"].iloc[0] == pytest.approx(0.5)


def test_appendix_tables_and_html_escape():
    coded = two_by_two().rename(columns={"coder_a": "coder_<b>x</b>"})
    a = mk.agreement(coded, n_boot=100)
    md = a.table("markdown")
    assert "Cohen's kappa" in md and "Krippendorff's alpha" in md
    assert "precision" in md and "recall" in md and "F1" in md
    tex = a.table("latex")
    assert r"\begin{tabular}" in tex and r"coder\_" in tex
    page = a._repr_html_()
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    with pytest.raises(InputError):
        a.table("docx")


def test_small_samples_are_named_as_such():
    a = mk.agreement(two_by_two(), n_boot=0)
    assert any("only 20 units" in n for n in a.notes)


def test_perfect_agreement_says_the_interval_understates_uncertainty():
    t = pd.DataFrame({"tool": ["a", "b"] * 15, "coder_a": ["a", "b"] * 15})
    a = mk.agreement(t, n_boot=100)
    assert a.pairs["kappa"].iloc[0] == 1
    assert any("rule of three" in n and "10%" in n for n in a.notes)


def test_by_group_shows_where_the_tool_errs():
    good = two_by_two().assign(group="A")
    bad = two_by_two().assign(group="B")
    bad["tool"] = bad["tool"].map({"yes": "no", "no": "yes"})  # the tool is wrong in B
    a = mk.agreement(pd.concat([good, bad], ignore_index=True), n_boot=0)
    per = a.by_group(n_boot=0).set_index(["group", "category"])
    assert per.loc[("A", "yes"), "precision"] == pytest.approx(0.8)
    assert per.loc[("B", "yes"), "precision"] == pytest.approx(4 / 10)
    with pytest.raises(SchemaError):
        a.by_group("outlet")


def test_bad_input():
    with pytest.raises(SchemaError):
        mk.agreement(pd.DataFrame({"tool": ["a"]}))
    with pytest.raises(InputError):
        mk.agreement("coded.csv")
    with pytest.raises(InputError, match="reference"):
        mk.agreement(two_by_two(), reference="coder_z")


def test_coders_only_without_tool():
    coded = two_by_two().rename(columns={"tool": "coder_b"})
    a = mk.agreement(coded, n_boot=0)
    assert a.pairs["kappa"].iloc[0] == pytest.approx(0.4)
    assert a.categories.empty


answers = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "", " a "]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), answers, answers), min_size=1, max_size=40))
def test_any_table_gives_bounded_statistics_or_nan(rows):
    tool, c1, c2 = zip(*rows)
    a = mk.agreement(pd.DataFrame({"tool": tool, "coder_1": c1, "coder_2": c2}), n_boot=20)
    for col in ("kappa", "alpha"):
        v = a.pairs[col].dropna()
        assert ((v >= -1 - 1e-9) & (v <= 1 + 1e-9)).all()
    for col in ("precision", "recall", "f1"):
        v = a.categories[col].dropna()
        assert ((v >= 0) & (v <= 1)).all()
    assert (a.pairs["n"] <= len(rows)).all()
