"""Figures: each takes the library's tables, honours ax=, labels units, and saves reproducibly."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import mediakit as mk  # noqa: E402
from mediakit.errors import InputError, SchemaError  # noqa: E402
from mediakit.viz import figures  # noqa: E402
from mediakit.viz.style import SPEAKER_TYPES, color_for, label_for, unit_for  # noqa: E402

OUTLETS = ["Wire", "Herald", "Flash"]
FRAMES = list(figures.FRAME_KEYS)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def profile() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    rows = []
    for i, outlet in enumerate(OUTLETS):
        for k in range(6):
            shares = rng.dirichlet(np.ones(len(SPEAKER_TYPES)))
            rows.append({
                "doc_id": f"{outlet}-{k}", "outlet": outlet, "event_id": f"e{k}",
                "hedges_per_1k": float(2 + 3 * i + k), "boosters_per_1k": float(1 + i),
                "hedged_sentence_share": 0.2,
                "n_attributions": int(rng.integers(1, 9)),
                **{f"share_{t}": float(s) for t, s in zip(SPEAKER_TYPES, shares)},
                **{f"frame_{f}": float(j + i) for j, f in enumerate(FRAMES)},
            })
    return pd.DataFrame(rows)


@pytest.fixture
def tidy() -> pd.DataFrame:
    rows = []
    for i, g in enumerate(OUTLETS):
        for m, base in (("hedges_per_1k", 5.0), ("boosters_per_1k", 2.0)):
            mean = base + i
            rows.append({"group": g, "measure": m, "n": 8, "mean": mean, "ci_low": mean - 1,
                         "ci_high": mean + 1.5, "diff": 0.0, "p_value": 0.5, "p_adjusted": 1.0})
    return pd.DataFrame(rows)


def _texts(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def _check_clean(ax) -> None:
    assert not ax.spines["top"].get_visible()
    assert not ax.spines["right"].get_visible()
    assert ax.get_title(loc="left")


# ---------------------------------------------------------------- rates


def test_rates_from_compare_table_draws_its_intervals(tidy):
    fig = mk.viz.rates_by_outlet(tidy)
    ax = fig.axes[0]
    _check_clean(ax)
    assert "per 1,000 words" in ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("Flash") and "(n=8)" in labels[0]
    # Error bar segments span exactly ci_low..ci_high of the table.
    segments = [seg for coll in ax.collections for seg in coll.get_segments()]
    spans = sorted((round(s[0][0], 6), round(s[1][0], 6)) for s in segments)
    expected = sorted(zip(tidy["ci_low"].round(6), tidy["ci_high"].round(6)))
    assert spans == expected


def test_rates_from_profile_uses_bootstrap_interval_around_mean(profile):
    fig = figures.rates_by_outlet(profile, measures=["hedges_per_1k"])
    ax = fig.axes[0]
    line = ax.lines[0]
    xs = line.get_xdata()
    means = profile.groupby("outlet")["hedges_per_1k"].mean().reindex(sorted(OUTLETS))
    assert np.allclose(xs, means.to_numpy())
    assert ax.get_legend() is None  # one measure: the title says it


def test_rates_draws_into_given_axes(tidy):
    fig, axes = plt.subplots(1, 2)
    out = figures.rates_by_outlet(tidy, ax=axes[1])
    assert out is fig
    assert axes[1].has_data() and not axes[0].has_data()


def test_rates_draws_one_panel_per_unit_and_rejects_unknown_measures(profile):
    fig = figures.rates_by_outlet(profile, measures=["hedges_per_1k", "hedged_sentence_share"])
    assert len(fig.axes) == 2
    assert "per 1,000 words" in fig.axes[0].get_xlabel()
    assert "share of sentences" in fig.axes[1].get_xlabel()
    _, ax = plt.subplots()
    with pytest.raises(InputError, match="different units"):
        figures.rates_by_outlet(profile, measures=["hedges_per_1k", "hedged_sentence_share"], ax=ax)
    with pytest.raises(SchemaError, match="no measure"):
        figures.rates_by_outlet(profile, measures=["nonsense"])
    with pytest.raises(SchemaError, match="outlet"):
        figures.rates_by_outlet(profile.drop(columns="outlet"))
    with pytest.raises(InputError):
        figures.rates_by_outlet("not a table")
    with pytest.raises(InputError, match="empty"):
        figures.rates_by_outlet(profile.iloc[:0])


def test_bootstrap_interval_is_reproducible_and_contains_mean():
    values = np.array([1.0, 4.0, 2.0, 8.0, 5.0])
    a = figures.bootstrap_mean_ci(values)
    assert a == figures.bootstrap_mean_ci(values)
    assert a[1] <= a[0] <= a[2]
    assert figures.bootstrap_mean_ci(np.array([3.0])) == (3.0, 3.0, 3.0)


# ---------------------------------------------------------------- sources


def _bar_totals(ax) -> dict[float, float]:
    totals: dict[float, float] = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2, 6)
        totals[y] = totals.get(y, 0.0) + patch.get_width()
    return totals


def test_source_composition_bars_are_shares_weighted_by_attributions(profile):
    fig = figures.source_composition(profile)
    ax = fig.axes[0]
    assert ax.get_xlabel().startswith("share of attributions")
    assert all(abs(v - 1) < 1e-9 for v in _bar_totals(ax).values())
    wire = profile[profile.outlet == "Wire"]
    w = wire["n_attributions"]
    expected_official = (wire["share_official"] * w).sum() / w.sum()
    first = ax.patches[len(OUTLETS) * 0 + sorted(OUTLETS).index("Wire")]
    assert first.get_width() == pytest.approx(expected_official)
    assert f"{w.sum()} attributions" in _texts(fig)
    assert "n=6 articles" in _texts(fig)  # n counts articles; attributions are named as such


def test_source_composition_from_find_sources_table():
    table = pd.DataFrame({"outlet": ["A", "A", "A", "B"],
                          "speaker_type": ["official", "official", "citizen", "expert"]})
    ax = figures.source_composition(table).axes[0]
    widths = sorted(round(p.get_width(), 6) for p in ax.patches if p.get_width() > 0)
    assert widths == [round(1 / 3, 6), round(2 / 3, 6), 1.0]
    with pytest.raises(InputError, match="speaker_type"):
        figures.source_composition(table.assign(speaker_type="alien"))


def test_source_composition_names_the_missing_outlet_column(profile):
    with pytest.raises(SchemaError, match="merge"):
        figures.source_composition(profile.drop(columns="outlet"))


# ---------------------------------------------------------------- keyness


@pytest.fixture
def keyness() -> pd.DataFrame:
    terms = [f"word{i}" for i in range(12)]
    scores = np.linspace(10, -8, len(terms))
    one = pd.DataFrame({"group": "Flash", "term": terms, "count_target": 5, "count_reference": 3,
                        "score": scores, "z": scores, "p": 0.01})
    return pd.concat([one, one.assign(group="Wire")], ignore_index=True)


def test_keyness_needs_a_group_when_there_are_several(keyness):
    with pytest.raises(InputError, match="group="):
        figures.keyness_bars(keyness)
    with pytest.raises(InputError, match="not in the keyness table"):
        figures.keyness_bars(keyness, group="Nope")


def test_keyness_diverges_target_right_reference_left(keyness):
    ax = figures.keyness_bars(keyness, group="Flash", n=3).axes[0]
    widths = [p.get_width() for p in ax.patches]
    assert len(widths) == 6
    assert widths[:3] == sorted(widths[:3], reverse=True) and all(x > 0 for x in widths[:3])
    assert all(x < 0 for x in widths[3:])
    colors = {tuple(np.round(p.get_facecolor(), 3)) for p in ax.patches[:3]}
    assert len(colors) == 1
    assert "Flash" in ax.get_xlabel() and "word0" in _texts(ax.figure)
    lo, hi = ax.get_xlim()
    assert lo < min(widths) and hi > max(widths)


def test_keyness_leaves_out_function_words_and_names_its_unit():
    table = pd.DataFrame({"group": "A", "term": ["said", "had", "it's", "regime", "drone", "of the"],
                          "score": [9.0, 8.0, 7.0, 3.0, -2.5, 6.0], "z": [9.0, 8.0, 7.0, 3.0, -2.5, 6.0]})
    ax = figures.keyness_bars(table, n=5).axes[0]
    drawn = {t.get_text() for t in ax.texts}
    assert {"regime", "drone"} <= drawn and not drawn & {"said", "had", "it's", "of the"}
    assert "z-score" in ax.get_xlabel() and "4 function word(s), number(s)" in ax.get_xlabel()
    ax = figures.keyness_bars(table, n=5, function_words=True).axes[0]
    assert "said" in {t.get_text() for t in ax.texts}


def test_keyness_rejects_bad_n(keyness):
    with pytest.raises(InputError):
        figures.keyness_bars(keyness, group="Flash", n=0)


# ---------------------------------------------------------------- frames


def test_labels_wrap_on_word_boundaries_only(profile):
    wide = profile.replace({"outlet": {"Wire": "RT International"}})
    ax = figures.frame_heatmap(wide, by="outlet").axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert any(lab.startswith("RT\nInternational") for lab in labels), labels
    assert figures._wrap("RT International", 12) == "RT\nInternational"


def test_rates_no_interval_below_three_articles_and_voice_in_labels():
    prof = pd.DataFrame({"outlet": ["A", "A", "B", "B", "B", "B"],
                         "author_hedges_per_1k": [1.0, 3.0, 2.0, 4.0, 6.0, 8.0],
                         "author_boosters_per_1k": [0.0, 1.0, 1.0, 2.0, 1.0, 2.0]})
    fig = figures.rates_by_outlet(prof)  # default: the outlet's own voice
    ax = fig.axes[0]
    assert "outlet's own voice" in ax.get_title(loc="left")
    assert "too few articles" in _texts(fig) and "fewer than 3 articles" in ax.get_xlabel()
    spans = [seg for coll in ax.collections for seg in coll.get_segments()]
    widths = sorted(round(abs(s[1][0] - s[0][0]), 6) for s in spans)
    assert widths[:2] == [0.0, 0.0]  # A (2 articles) has no whisker for either measure
    assert label_for("hedges_per_1k") == "Hedges (all voices)"
    assert label_for("quoted_boosters_per_1k") == "Boosters (quoted)"


def test_cleaning_summary_shows_kept_and_removed_words_with_readable_names():
    from mediakit.article import Article

    arts = [Article(text="one two three four", boilerplate=["Home | News", "Share this"],
                    title="A long headline about the harbour ferry timetable and the winter crossings",
                    outlet="Harbour Gazette", source_path="/x/9f8e7d6c5b4a.txt"),
            Article(text="five six", boilerplate=[], source_path="/x/0a1b2c3d.txt")]
    fig = figures.cleaning_summary(arts)
    ax = fig.axes[0]
    kept = [p.get_width() for p in ax.patches[:2]]
    removed = [p.get_width() for p in ax.patches[2:4]]
    assert kept == [4, 2] and removed == [4, 0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].endswith("— Harbour Gazette") and "…" in labels[0] and "9f8e7d" not in labels[0]
    assert labels[1] == "0a1b2c3d.txt"  # no title: the file name
    assert "sample pages" not in ax.get_title() and "50% kept" in _texts(fig)
    table = pd.DataFrame({"words": [10], "removed_words": [30], "title": ["T"]})
    assert "25% kept" in _texts(figures.cleaning_summary(table))


def test_frame_heatmap_cells_are_group_means(profile):
    fig = figures.frame_heatmap(profile)
    ax = fig.axes[0]
    data = ax.images[0].get_array()
    assert data.shape == (len(FRAMES), len(OUTLETS))
    means = profile.groupby("outlet")[[f"frame_{f}" for f in FRAMES]].mean()
    assert np.allclose(data[:, sorted(OUTLETS).index("Herald")], means.loc["Herald"].to_numpy())
    assert "per 1,000 words" in fig.axes[1].get_ylabel()
    assert "Capacity & resources" in [t.get_text() for t in ax.get_yticklabels()]


def test_frame_heatmap_accepts_score_frames_columns_and_subset(profile):
    bare = profile.rename(columns={f"frame_{f}": f for f in FRAMES})
    ax = figures.frame_heatmap(bare, frames=["economic", "policy"]).axes[0]
    assert ax.images[0].get_array().shape == (2, len(OUTLETS))
    with pytest.raises(SchemaError):
        figures.frame_heatmap(profile[["outlet", "hedges_per_1k"]])


# ---------------------------------------------------------------- claims


def test_claim_certainty_one_marker_per_outlet_and_claim():
    claims = pd.DataFrame({
        "outlet": ["A", "B", "C"] * 2,
        "claim": ["dam failed"] * 3 + ["4,000 evacuated"] * 3,
        "certainty": [-2, 0, 3, 1, 1, -1],
    })
    fig = figures.claim_certainty(claims)
    ax = fig.axes[0]
    points = np.vstack([c.get_offsets() for c in ax.collections])
    assert len(points) == 6
    assert sorted(points[:, 0]) == sorted(claims["certainty"])
    # tied scores (A and B on the second claim) are fanned out so both stay visible
    tied = [p for p in points if p[0] == 1]
    assert len({round(p[1], 6) for p in tied}) == 2
    assert "hedged" in ax.get_xlabel()


def test_claim_certainty_from_counts_and_event_choice():
    claims = pd.DataFrame({"event_id": ["e1", "e1", "e2"], "outlet": ["A", "B", "A"],
                           "claim": ["x", "x", "y"], "hedges": [2, 0, 1], "boosters": [0, 1, 1]})
    with pytest.raises(InputError, match="event="):
        figures.claim_certainty(claims)
    ax = figures.claim_certainty(claims, event="e1").axes[0]
    xs = sorted(np.vstack([c.get_offsets() for c in ax.collections])[:, 0])
    assert xs == [-2, 1]
    with pytest.raises(SchemaError):
        figures.claim_certainty(claims.drop(columns=["hedges"]), event="e1")


# ---------------------------------------------------------------- saving and style


def test_save_writes_identical_png_for_the_same_data(tmp_path, tidy):
    fig = figures.rates_by_outlet(tidy)
    a = figures.save(fig, tmp_path / "sub" / "a.png")
    b = figures.save(figures.rates_by_outlet(tidy), tmp_path / "b.png")
    assert a.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert a.read_bytes() == b.read_bytes()
    width_px = int.from_bytes(a.read_bytes()[16:20], "big")
    assert width_px > fig.get_figwidth() * 150 * 0.8  # 150 dpi, give or take the tight crop
    with pytest.raises(InputError):
        figures.save("not a figure", tmp_path / "c.png")


def test_style_helpers():
    assert unit_for("share_official") == "share of attributions"
    assert unit_for("frame_policy") == "per 1,000 words"
    assert label_for("author_hedges_per_1k") == "Hedges (outlet's own voice)"
    assert color_for("quoted_boosters_per_1k") == color_for("boosters_per_1k")
    assert color_for("hedges_per_1k") != color_for("boosters_per_1k")


def test_style_does_not_leak_into_global_rcparams(tidy):
    before = plt.rcParams["axes.spines.top"]
    figures.rates_by_outlet(tidy)
    assert plt.rcParams["axes.spines.top"] == before


def test_viz_is_reachable_from_the_package():
    assert mk.viz.rates_by_outlet is figures.rates_by_outlet
    assert mk.viz.save is figures.save
    with pytest.raises(AttributeError):
        mk.viz.no_such_figure  # noqa: B018


def test_rates_from_the_real_hedge_rates_when_available():
    hedging = pytest.importorskip("mediakit.features.hedging")
    if not hasattr(hedging, "hedge_rates"):
        pytest.skip("hedge_rates not written yet")
    df = mk.load_workshop().groupby("outlet").head(2)
    rates = hedging.hedge_rates(df).merge(df[["doc_id", "outlet"]], on="doc_id")
    fig = figures.rates_by_outlet(rates)
    assert len(fig.axes[0].get_yticklabels()) == df["outlet"].nunique()


def test_claim_certainty_accepts_align_claims_pairs():
    def pair(ga, sa, gb, sb, ha, hb, ba=0, bb=0, sim=0.5):
        return {"event_id": "e1", "doc_id_a": ga, "group_a": ga, "sentence_id_a": 0,
                "sentence_a": sa, "hedges_a": ha, "boosters_a": ba, "doc_id_b": gb,
                "group_b": gb, "sentence_id_b": 0, "sentence_b": sb, "hedges_b": hb,
                "boosters_b": bb, "similarity": sim}

    pairs = pd.DataFrame([
        pair("A", "The dam failed.", "B", "The dam may have failed.", 0, 1, sim=0.9),
        pair("B", "The dam may have failed.", "C", "The dam clearly failed.", 1, 0, bb=1),
        pair("A", "Rain fell.", "C", "Rain probably fell.", 0, 1),
    ])
    claims = figures.claims_from_pairs(pairs)
    # A~B and B~C share B's sentence: one claim told by three outlets, listed first.
    first = claims[claims["claim"] == "The dam failed."]
    assert dict(zip(first["outlet"], first["certainty"])) == {"A": 0.0, "B": -1.0, "C": 1.0}
    assert claims["claim"].iloc[0] == "The dam failed."
    assert claims["claim"].nunique() == 2
    ax = figures.claim_certainty(pairs).axes[0]
    assert len(np.vstack([c.get_offsets() for c in ax.collections])) == 5
    assert "e1" in ax.get_title(loc="left")
    with pytest.raises(InputError, match="event="):
        figures.claim_certainty(pd.concat([pairs, pairs.assign(event_id="e2")]))


def test_frame_heatmap_relative_shows_difference_from_all_articles(profile):
    ax = figures.frame_heatmap(profile, frames=["economic", "policy"], relative=True).axes[0]
    data = ax.images[0].get_array()
    cols = ["frame_economic", "frame_policy"]
    expected = profile.groupby("outlet")[cols].mean().loc["Wire"] - profile[cols].mean()
    assert np.allclose(data[:, sorted(OUTLETS).index("Wire")], expected.to_numpy())
    norm = ax.images[0].norm
    assert norm.vmin == -norm.vmax  # white is "like the average"
