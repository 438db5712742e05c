"""Score mk.align_events against a TF-IDF + average-linkage baseline on the labelled corpora.

    nice -n 10 python scripts/eval_alignment.py          # the tables of docs/accuracy.md

Corpora (from ../shared, see scripts/alignment_corpora.py): neus_dev (AllSides leads), BASIL
(full texts), BASIL leads, both as headlines only, and BASIL mixed with the AllSides stories
moved onto BASIL dates as distractors.

Stories are split into the 5 folds of scripts/train_alignment.py and every candidate pair is
scored by the fold model that saw neither of its two stories. Then, per method and corpus:
- *whole corpus* (the main figure): all articles grouped at once (every distractor present), at
  the shipped default threshold and window (chosen by CV over neus_dev and BASIL); the baseline
  at its threshold chosen the same way (best mean over neus_dev and BASIL, in-sample, which
  favours the baseline).
- *by-story CV*: per fold, the threshold best on the other folds, ARI on the fold's articles
  (averaged); lenient, because a false merge with an article of another fold is not seen.
The baseline is plain word TF-IDF (headline + text, English stop words, sublinear tf) cosine,
average linkage, articles more than 4 days apart never joined.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alignment_corpora as corpora  # noqa: E402
import train_alignment as ta  # noqa: E402

from mediakit.comparison.alignment.scorer import load_model  # noqa: E402
from mediakit.comparison.events import pairwise_scores  # noqa: E402

BASE_WINDOW = 4.0
BASE_THRESHOLDS = [round(float(x), 3) for x in np.arange(0.02, 0.51, 0.02)]


def baseline_labels(df: pd.DataFrame, threshold: float, window: float | None = BASE_WINDOW) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = (df["title"].fillna("") + "\n" + df["text"].fillna("")).tolist()
    X = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    dist = 1.0 - (X @ X.T).toarray()
    if window is not None:
        d = (df["published"] - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds().to_numpy() / 86400
        dist[np.abs(d[:, None] - d[None, :]) > window] = 10.0 * len(df) ** 2
    np.fill_diagonal(dist, 0.0)
    Z = linkage(squareform(np.clip(dist, 0, None), checks=False), method="average")
    return fcluster(Z, t=1.0 - threshold, criterion="distance")


def baseline_grid(df: pd.DataFrame) -> dict[float, np.ndarray]:
    return {t: baseline_labels(df, t) for t in BASE_THRESHOLDS}


def nested_by_story(st: np.ndarray, labs: dict[float, np.ndarray], folds: dict[str, int]) -> dict[str, float]:
    """Per fold: the threshold best on the other folds' articles, scored on the fold's articles."""
    fa = np.array([folds[x] for x in st])
    rows = []
    for k in range(ta.FOLDS):
        best = max(labs, key=lambda t: (pairwise_scores(st[fa != k], labs[t][fa != k])["ari"], -t))
        rows.append(pairwise_scores(st[fa == k], labs[best][fa == k]))
    return {m: float(np.mean([r[m] for r in rows])) for m in rows[0]}


def main() -> None:
    if not corpora.available():
        sys.exit("../shared/eval/neus_dev.jsonl or ../shared/datasets/basil is missing")
    model = load_model()
    window, threshold = float(model["defaults"]["window"]), float(model["defaults"]["threshold"])
    neus, basil = corpora.load_neus(), corpora.load_basil_stories()
    folds = ta.fold_of(pd.concat([neus["story"], basil["story"]]))
    train_sets, _ = ta.build_sets(window)
    models = ta.fold_models(train_sets, folds)
    data = {
        "neus_dev (leads)": neus,
        "neus_dev headlines only": corpora.headlines(neus),
        "BASIL (full text)": basil,
        "BASIL leads (90 words)": corpora.leads(basil),
        "BASIL headlines only": corpora.headlines(basil),
        "neus_dev, half the stories cut to 1 article": corpora.thinned(neus, seed=99),
        "BASIL, half the stories cut to 1 article": corpora.thinned(basil, seed=99),
        "BASIL + neus_dev distractors": corpora.mixed(basil, neus),
        "BASIL + distractors, headlines only": corpora.headlines(corpora.mixed(basil, neus)),
    }
    results = {}
    for name, df in data.items():
        st = df["story"].to_numpy()
        s = ta.prepare(name, df, window)
        pooled = ta.pooled_probs(s, folds, models)
        labs = {t: ta.labels_for(s, pooled, t, window) for t in ta.THRESHOLDS}
        whole = pairwise_scores(st, labs[threshold])
        nested = nested_by_story(st, labs, folds)
        blabs = baseline_grid(df)
        bwhole = {t: pairwise_scores(st, lab) for t, lab in blabs.items()}
        bnested = nested_by_story(st, blabs, folds)
        sweep = {t: pairwise_scores(st, labs[t])["ari"] for t in ta.THRESHOLDS}
        results[name] = (whole, nested, bwhole, bnested, sweep)
        print(f"{name}: whole ARI {whole['ari']:.3f} (baseline best {max(v['ari'] for v in bwhole.values()):.3f})",
              flush=True)
    # the baseline's one threshold, chosen like ours: best mean over neus_dev and BASIL
    bt = max(BASE_THRESHOLDS, key=lambda t: results["neus_dev (leads)"][2][t]["ari"]
             + results["BASIL (full text)"][2][t]["ari"])
    print(f"\nshipped defaults: window {window:g} days, threshold {threshold:g}; "
          f"TF-IDF baseline: window {BASE_WINDOW:g} days, threshold {bt:g}")
    print("\n| corpus | articles | stories | mediakit ARI | P / R | TF-IDF ARI | P / R | "
          "mediakit by-story CV ARI | TF-IDF by-story CV ARI |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, (whole, nested, bwhole, bnested, _) in results.items():
        b = bwhole[bt]
        print(f"| {name} | {len(data[name])} | {data[name]['story'].nunique()} | **{whole['ari']:.3f}** | "
              f"{whole['pair_precision']:.3f} / {whole['pair_recall']:.3f} | {b['ari']:.3f} | "
              f"{b['pair_precision']:.3f} / {b['pair_recall']:.3f} | {nested['ari']:.3f} | {bnested['ari']:.3f} |")
    print("\nmediakit whole-corpus ARI by threshold (out-of-fold pair scores):")
    print("| corpus | " + " | ".join(f"{t:g}" for t in ta.THRESHOLDS) + " |")
    print("|---|" + "---|" * len(ta.THRESHOLDS))
    for name, r in results.items():
        print(f"| {name} | " + " | ".join(f"{r[4][t]:.3f}" for t in ta.THRESHOLDS) + " |")
    print("\nin-sample: the shipped model through mk.align_events (defaults), beside the earlier method")
    print("| corpus | mk.align_events ARI | P / R | method='tfidf' ARI |")
    print("|---|---|---|---|")
    import mediakit as mk

    for name in ("neus_dev (leads)", "neus_dev headlines only", "BASIL (full text)", "BASIL headlines only"):
        df = data[name]
        a = pairwise_scores(df["story"], mk.align_events(df)["event_id"])
        old = pairwise_scores(df["story"], mk.align_events(df, method="tfidf")["event_id"])
        print(f"| {name} | {a['ari']:.3f} | {a['pair_precision']:.3f} / {a['pair_recall']:.3f} | {old['ari']:.3f} |")
    n, b = results["neus_dev (leads)"], results["BASIL (full text)"]
    print(f"\nsummary: neus_dev ARI {n[0]['ari']:.3f} (TF-IDF {n[2][bt]['ari']:.3f}), "
          f"BASIL ARI {b[0]['ari']:.3f} (TF-IDF {b[2][bt]['ari']:.3f})")


if __name__ == "__main__":
    main()
