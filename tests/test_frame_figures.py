"""mk.viz.frame_shares / frame_share_plot: shares of articles using a frame, with intervals."""

import numpy as np
import pandas as pd
import pytest

import mediakit as mk
from mediakit.errors import InputError, SchemaError
from mediakit.viz.frame_figures import wilson_interval


def _detected():
    # 4 articles of A (3 economic), 2 of B (0 economic); one frame nobody uses
    rows = []
    for doc, _outlet, econ in [(1, "A", True), (2, "A", True), (3, "A", True), (4, "A", False),
                              (5, "B", False), (6, "B", False)]:
        rows.append({"doc_id": doc, "frame": "economic", "probability": 0.8 if econ else 0.1, "present": econ})
        rows.append({"doc_id": doc, "frame": "morality", "probability": 0.05, "present": False})
    corpus = pd.DataFrame({"doc_id": [1, 2, 3, 4, 5, 6], "outlet": list("AAAABB")})
    return pd.DataFrame(rows), corpus


def test_shares_count_articles_and_have_wilson_intervals():
    detected, corpus = _detected()
    s = mk.viz.frame_shares(detected, corpus).set_index(["group", "frame"])
    a = s.loc[("A", "economic")]
    assert a["n_articles"] == 4 and a["n_present"] == 3 and a["share"] == pytest.approx(0.75)
    assert a["ci_low"] < 0.75 < a["ci_high"]
    b = s.loc[("B", "economic")]
    assert b["share"] == 0 and b["ci_low"] == 0 and b["ci_high"] > 0.3  # no zero-width interval
    assert a["mean_probability"] == pytest.approx((0.8 * 3 + 0.1) / 4)


def test_wilson_matches_the_textbook_value():
    lo, hi = wilson_interval(np.array([3]), np.array([10]))
    assert lo[0] == pytest.approx(0.1078, abs=1e-3) and hi[0] == pytest.approx(0.6032, abs=1e-3)


def test_plot_drops_frames_no_article_uses():
    detected, corpus = _detected()
    fig = mk.viz.frame_share_plot(mk.viz.frame_shares(detected, corpus))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Economic"]  # "Morality" is used by no article: no all-zero row
    assert "Morality" in " ".join(t.get_text() for t in fig.texts)
    assert fig.axes[0].get_xlim() == (0, 100)


def test_plot_from_detect_frames_on_the_workshop_corpus(tmp_path):
    corpus = mk.load_workshop()
    shares = mk.viz.frame_shares(mk.detect_frames(corpus, evidence=False), corpus, by="outlet")
    assert set(shares["group"]) == set(corpus["outlet"])
    fig = mk.viz.frame_share_plot(shares)
    assert mk.viz.save(fig, tmp_path / "frames.png").stat().st_size > 10_000


def test_errors_are_clear():
    detected, _ = _detected()
    with pytest.raises(SchemaError, match="outlet"):
        mk.viz.frame_shares(detected)
    with pytest.raises(SchemaError):
        mk.viz.frame_shares(detected.drop(columns="present"), pd.DataFrame({"doc_id": [1], "outlet": ["A"]}))
    with pytest.raises(InputError):
        mk.viz.frame_share_plot(pd.DataFrame())
