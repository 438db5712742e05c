"""correct_shares: Rogan–Gladen and its multi-category form, intervals that cover, plain warnings."""

import numpy as np
import pandas as pd
import pytest

import mediakit as mk
from mediakit.errors import InputError, SchemaError


def simulate(rng, n_per_group=1500, prevalence=(0.2, 0.45), se=0.8, sp=0.9, per_cell=40):
    """A corpus of units with a true label, the tool's noisy label, and a validation sample
    stratified by group and tool answer, coded without error."""
    groups, truth = [], []
    for g, p in zip("AB", prevalence):
        groups += [g] * n_per_group
        truth += list(rng.random(n_per_group) < p)
    truth = np.array(truth)
    u = rng.random(len(truth))
    tool = np.where(truth, u < se, u >= sp)
    pop = pd.DataFrame({"group": groups, "doc_id": np.arange(len(truth)),
                        "tool": np.where(tool, "yes", "no")})
    rows = []
    for (g, t), cell in pop.groupby(["group", "tool"]):
        take = rng.choice(cell.index.to_numpy(), size=per_cell, replace=False)
        for i in take:
            rows.append({"tool": t, "coder_a": "yes" if truth[i] else "no", "stratum": f"{g} | {t}",
                         "weight": len(cell) / per_cell})
    return pop, pd.DataFrame(rows), truth


def test_rogan_gladen_by_hand():
    pop = pd.DataFrame({"group": ["a"] * 100, "tool": ["yes"] * 30 + ["no"] * 70})
    # Se = 16/20 = 0.8 (coder yes: 16 tool yes, 4 tool no), Sp = 45/50 = 0.9
    val = pd.DataFrame({"tool": ["yes"] * 16 + ["no"] * 4 + ["yes"] * 5 + ["no"] * 45,
                        "coder_a": ["yes"] * 20 + ["no"] * 50})
    r = mk.correct_shares(pop, val, n_boot=200)
    row = r.table.query("category == 'yes'").iloc[0]
    assert row["observed"] == pytest.approx(0.3)
    assert row["corrected"] == pytest.approx((0.3 + 0.9 - 1) / (0.8 + 0.9 - 1))
    errors = r.errors.set_index("category")
    assert errors.loc["yes", "tool_agrees"] == pytest.approx(0.8)
    assert errors.loc["no", "tool_agrees"] == pytest.approx(0.9)


def test_a_perfect_tool_changes_nothing():
    pop = pd.DataFrame({"group": ["a"] * 40 + ["b"] * 60, "tool": ["yes", "no"] * 50})
    val = pd.DataFrame({"tool": ["yes", "no"] * 30, "coder_a": ["yes", "no"] * 30})
    r = mk.correct_shares(pop, val, n_boot=200)
    assert np.allclose(r.table["observed"], r.table["corrected"])


def test_several_categories_are_recovered_by_inverting_the_error_matrix():
    cats = ["official", "expert", "none"]
    M = np.array([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.05, 0.05, 0.9]])  # M[true, tool]
    true_p = np.array([0.3, 0.2, 0.5])
    q = M.T @ true_p
    n = 100_000
    counts = np.round(q * n).astype(int)
    pop = pd.DataFrame({"group": "g", "tool": np.repeat(cats, counts)})
    # a validation table whose weighted counts are exactly M (1000 units per true category)
    rows = [{"tool": cats[o], "coder_a": cats[t], "weight": M[t, o] * 1000}
            for t in range(3) for o in range(3)]
    r = mk.correct_shares(pop, pd.DataFrame(rows), n_boot=0)
    got = r.table.set_index("category").loc[cats, "corrected"].to_numpy()
    assert got == pytest.approx(true_p, abs=1e-4)


def test_corrected_interval_covers_the_true_share_about_95_percent():
    rng = np.random.default_rng(2026)
    prevalence = (0.2, 0.45)
    covered, naive, total = 0, 0, 0
    for sim in range(120):
        pop, val, _ = simulate(rng, prevalence=prevalence)
        r = mk.correct_shares(pop, val, by="group", n_boot=300, seed=sim)
        yes = r.table[r.table["category"] == "yes"].set_index("group")
        for g, p in zip("AB", prevalence):
            covered += yes.loc[g, "corrected_low"] <= p <= yes.loc[g, "corrected_high"]
            naive += yes.loc[g, "observed_low"] <= p <= yes.loc[g, "observed_high"]
            total += 1
    assert 0.90 <= covered / total <= 0.99, covered / total
    # the tool's own interval misses the truth most of the time: its errors are a bias, not noise
    assert naive / total < 0.5, naive / total


def test_too_small_a_validation_sample_is_said_plainly():
    rng = np.random.default_rng(1)
    pop, val, _ = simulate(rng, per_cell=3, se=0.65, sp=0.6)
    r = mk.correct_shares(pop, val, n_boot=300)
    text = " ".join(r.notes) + " ".join(r.table["verdict"])
    assert "too small" in text or "too wide" in text
    assert "fewer than" in text


def test_difference_between_groups_and_verdict():
    rng = np.random.default_rng(3)
    pop, val, _ = simulate(rng, prevalence=(0.1, 0.6), per_cell=80)
    r = mk.correct_shares(pop, val, n_boot=400)
    yes = r.table[r.table["category"] == "yes"].set_index("group")
    assert yes.loc["A", "verdict"] == "lower than the other groups"
    assert yes.loc["B", "verdict"] == "higher than the other groups"
    assert yes.loc["B", "difference"] == pytest.approx(yes.loc["B", "corrected"] - yes.loc["A", "corrected"])
    d = r.difference("B", "A")
    assert d["corrected"] == pytest.approx(yes.loc["B", "corrected"] - yes.loc["A", "corrected"])
    assert d["corrected_low"] > 0 and d["verdict"] == "B higher, also after correction"
    # the corrected difference is less certain than the tool's own, never more
    assert d["corrected_high"] - d["corrected_low"] > d["observed_high"] - d["observed_low"]
    with pytest.raises(InputError):
        r.difference("B", "Z")


def test_from_a_sample_and_an_agreement_result():
    df = mk.load_workshop()
    s = mk.validation_sample(df, "hedges", n=40, seed=1)
    coded = s.key.copy()
    coded["coder_a"] = coded["tool"]  # a coder who agrees with the tool everywhere
    a = mk.agreement(coded, n_boot=0)
    r = mk.correct_shares(s, a, n_boot=100)
    assert set(r.table["group"]) == set(df["outlet"])
    assert np.allclose(r.table["observed"], r.table["corrected"])
    assert (r.table["observed_per_1k_words"] > 0).any()
    assert "corrected" in repr(r) and "<table" in r._repr_html_()
    fig = r.plot()
    assert len(fig.axes) == 1


def test_bad_input():
    pop = pd.DataFrame({"group": ["a"], "tool": ["yes"]})
    with pytest.raises(SchemaError):
        mk.correct_shares(pd.DataFrame({"tool": ["yes"]}), pd.DataFrame({"tool": ["yes"], "coder_a": ["yes"]}))
    with pytest.raises(SchemaError):
        mk.correct_shares(pop, pd.DataFrame({"tool": ["yes"]}))
    with pytest.raises(InputError):
        mk.correct_shares(pop, pd.DataFrame({"tool": [None], "coder_a": ["yes"]}))
