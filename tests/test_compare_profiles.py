"""mk.compare: tidy per-group statistics, determinism, permutation and adjustment behaviour."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.comparison.stats import adjust_pvalues, wilson_interval
from mediakit.errors import InputError

# small n_perm keeps the tests fast; compare warns that such tables cannot reach significance
pytestmark = pytest.mark.filterwarnings("ignore:compare. with")

COLS = ["group", "measure", "n", "mean", "ci_low", "ci_high", "diff", "p_value", "p_adjusted", "p_omnibus",
        "note"]


def profile():
    rng = np.random.default_rng(1)
    rows = []
    for outlet, shift in (("A", 3.0), ("B", 0.0), ("C", 0.0)):
        for i in range(20):
            rows.append({"doc_id": f"{outlet}{i}", "outlet": outlet, "event_id": f"e{i}", "words": 500,
                         "hedges_per_1k": shift + rng.normal(5, 1), "share_direct": i / 20})
    return pd.DataFrame(rows)


def test_schema_and_known_difference():
    res = mk.compare(profile(), n_boot=300, n_perm=300)
    assert list(res.columns) == COLS
    assert set(res.measure) == {"hedges_per_1k", "share_direct"}  # ids and words are not measures
    a = res[(res.group == "A") & (res.measure == "hedges_per_1k")].iloc[0]
    assert a.n == 20 and a.ci_low < a["mean"] < a.ci_high
    assert a["diff"] == pytest.approx(3.0, abs=0.8)
    assert a.p_value < 0.01 and a.p_adjusted < 0.05
    null = res[res.measure == "share_direct"]  # the same values in every outlet
    assert (null["diff"].abs() < 1e-12).all() and (null.p_value > 0.9).all()
    assert res.attrs["adjust"] == "holm"


def test_deterministic_with_seed():
    a = mk.compare(profile(), n_boot=100, n_perm=100, seed=3)
    b = mk.compare(profile(), n_boot=100, n_perm=100, seed=3)
    pd.testing.assert_frame_equal(a, b)


def test_strata_and_bh_and_explicit_measures():
    res = mk.compare(profile(), measures=["hedges_per_1k"], strata="event_id", adjust="bh", n_boot=50, n_perm=200)
    assert set(res.measure) == {"hedges_per_1k"}
    assert res.loc[res.group == "A", "p_value"].iloc[0] < 0.01


def test_missing_values_are_left_out_per_measure():
    df = profile()
    df.loc[0:4, "share_direct"] = np.nan
    res = mk.compare(df, n_boot=20, n_perm=20)
    assert res[(res.group == "A") & (res.measure == "share_direct")].n.iloc[0] == 15


def test_text_corpus_gets_frame_measures():
    df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
                       "text": ["Police arrested the suspect.", "The robbery suspect was charged.",
                                "The poll showed support.", "Protesters rallied downtown."]})
    res = mk.compare(df, n_boot=20, n_perm=20)
    assert "frame_crime_punishment" in set(res.measure)
    a = res[(res.group == "A") & (res.measure == "frame_crime_punishment")].iloc[0]
    assert a["diff"] > 0


def test_warns_when_permutations_too_few_for_adjustment():
    # 3 groups x 2 measures = 6 tests adjusted together with tests="all"
    with pytest.warns(UserWarning, match="n_perm >= 120"):
        mk.compare(profile(), n_boot=10, n_perm=20, tests="all")
    # the default adjusts the 2 omnibus tests together: 20 shuffles cannot reach 0.05 either
    with pytest.warns(UserWarning, match="n_perm >= 40"):
        mk.compare(profile(), n_boot=10, n_perm=20)


def test_exact_two_group_permutation_p_by_hand():
    # A = 1,2,3 and B = 4,5,6: of the C(6,3) = 20 ways to split six articles into two groups
    # of three, only this split and its mirror are as extreme, so the exact p is 2/20 = 0.1
    df = pd.DataFrame({"outlet": list("AAABBB"), "x": [1.0, 2, 3, 4, 5, 6]})
    res = mk.compare(df, n_boot=0, n_perm=20000).set_index("group")
    assert res.loc["A", "p_value"] == pytest.approx(0.1, abs=0.01)
    assert res.loc["A", "p_omnibus"] == pytest.approx(0.1, abs=0.01)  # two groups: the same test
    assert res.loc["A", "diff"] == -3.0 and res.loc["B", "diff"] == 3.0
    # two groups: "A vs rest" and "B vs rest" are the same test, so nothing more to adjust
    assert res.loc["A", "p_adjusted"] == res.loc["B", "p_adjusted"] == res.loc["A", "p_omnibus"]


def test_exact_three_group_omnibus_p_by_hand():
    # three groups of two, each group constant: of the 6!/(2!2!2!) = 90 labelled splits only the
    # 3! = 6 that keep the pairs together (in any group order) are as extreme: p = 6/90
    df = pd.DataFrame({"outlet": list("AABBCC"), "x": [1.0, 1, 5, 5, 9, 9]})
    res = mk.compare(df, n_boot=0, n_perm=20000)
    assert res["p_omnibus"].iloc[0] == pytest.approx(6 / 90, abs=0.01)


def test_follow_ups_are_gated_by_the_omnibus_test():
    rng = np.random.default_rng(4)
    rows = [{"outlet": o, "signal": (4.0 if o == "A" else 0.0) + rng.normal(),
             "noise": rng.normal()} for o in "ABCD" for _ in range(12)]
    res = mk.compare(pd.DataFrame(rows), n_boot=50)
    assert res.attrs["tests"] == "omnibus" and res.attrs["n_perm"] >= 2000
    assert (res["p_adjusted"] >= res["p_omnibus"] - 1e-12).all()
    sig = res[(res.measure == "signal") & (res.group == "A")].iloc[0]
    assert sig.p_omnibus < 0.01 and sig.p_adjusted < 0.01
    noise = res[res.measure == "noise"]
    assert (noise.p_adjusted >= noise.p_omnibus).all() and noise.p_omnibus.iloc[0] > 0.05


def test_default_can_reach_significance_with_many_measures():
    # 40 measures x 5 outlets: the old default (200 tests, 2,000 shuffles) could never go below 0.05
    rng = np.random.default_rng(2)
    outlets = np.repeat(list("ABCDE"), 8)
    data = {"outlet": outlets}
    for j in range(40):
        data[f"m{j}"] = rng.normal(size=len(outlets)) + (3.0 * (outlets == "A") if j == 0 else 0.0)
    res = mk.compare(pd.DataFrame(data), n_boot=0)
    a = res[(res.measure == "m0") & (res.group == "A")].iloc[0]
    assert a.p_adjusted < 0.05


def test_intervals_need_three_articles_and_n_counts_articles():
    df = pd.DataFrame({"outlet": ["A", "B", "B", "C", "C", "C"] + ["D"] * 10,
                       "x": [1.0, 2, 3, 4, 5, 6] + list(range(10)),
                       "share_anonymous": [np.nan, 0.5, 0.5, 0.1, np.nan, 0.3] + [0.2] * 10})
    res = mk.compare(df, n_boot=200, n_perm=200).set_index(["measure", "group"])
    for g in ("A", "B"):
        row = res.loc[("x", g)]
        assert np.isnan(row.ci_low) and np.isnan(row.ci_high) and row.note == "too few articles"
    assert res.loc[("x", "C"), "ci_low"] <= 5 <= res.loc[("x", "C"), "ci_high"]
    assert res.loc[("x", "C"), "note"] == "few articles" and res.loc[("x", "D"), "note"] == ""
    # an article without attributions has no share: n counts the articles that have one
    assert res.loc[("share_anonymous", "C"), "n"] == 2 and res.loc[("share_anonymous", "A"), "n"] == 0
    assert res.loc[("share_anonymous", "C"), "note"] == "too few articles"
    assert res.attrs["too_few_articles"] == ["A", "B", "C"]


def test_errors():
    with pytest.raises(InputError, match="two groups"):
        mk.compare(profile().assign(outlet="A"))
    with pytest.raises(InputError, match="no numeric"):
        mk.compare(pd.DataFrame({"outlet": ["A", "B"], "title": ["x", "y"]}))
    with pytest.raises(InputError, match="adjust"):
        mk.compare(profile(), adjust="bonferroni")
    with pytest.raises(InputError):
        mk.compare(profile(), measures=["outlet"])


def test_adjustments_known_values():
    p = [0.01, 0.04, 0.03, np.nan]
    holm = adjust_pvalues(p, "holm")
    assert holm[:3] == pytest.approx([0.03, 0.06, 0.06]) and np.isnan(holm[3])
    bh = adjust_pvalues(p, "bh")
    assert bh[:3] == pytest.approx([0.03, 0.04, 0.04])


def test_wilson_interval_known_value():
    lo, hi = wilson_interval(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-3) and hi == pytest.approx(0.9433, abs=1e-3)
    assert all(np.isnan(wilson_interval(0, 0)))


@settings(max_examples=20, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=4, max_size=30))
def test_intervals_contain_mean_and_p_in_range(values):
    df = pd.DataFrame({"outlet": ["A", "B"] * (len(values) // 2), "x": values[: 2 * (len(values) // 2)]})
    res = mk.compare(df, measures=["x"], n_boot=30, n_perm=30)
    ok = res.dropna(subset=["ci_low"])
    assert ((ok.ci_low <= ok["mean"] + 1e-6) & (ok["mean"] <= ok.ci_high + 1e-6)).all()
    assert res.p_value.between(0, 1).all() and res.p_adjusted.between(0, 1).all()
    assert res.p_omnibus.between(0, 1).all() and (res.p_adjusted >= res.p_omnibus - 1e-12).all()


def test_permutation_within_strata_keeps_each_stratum_mix():
    # every event is covered by one outlet only: shuffling within events changes nothing,
    # so no difference can look surprising
    df = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 6, "event_id": ["e1"] * 6 + ["e2"] * 6,
                       "x": [5.0, 6, 7, 5, 6, 7, 0, 1, 0, 1, 0, 1]})
    res = mk.compare(df, strata="event_id", n_boot=20, n_perm=100)
    assert (res.p_value == 1.0).all() and (res.p_omnibus == 1.0).all()
    free = mk.compare(df, n_boot=20, n_perm=100)
    assert (free.p_value < 0.05).all()
