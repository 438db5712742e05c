"""Train and validate the frame models of mk.detect_frames; write mediakit/models/frames_*.json.

    python scripts/train_frames.py ../shared/eval/frames            # train, validate, write
    python scripts/train_frames.py ../shared/eval/frames --no-write # only print the tables

Data (openly licensed, see ../shared/eval/frames/README.md; never copied into the package):
narrative_frames.jsonl (427 climate articles, five generic frames, outlet), frac_sentences.jsonl
(523 sentences, one MFC frame), gvfc_headlines.jsonl (1,626 headlines, issue frames).

MFC scheme: the cue lexicon is written, not fitted; the only fitted part is one shared logistic
model (5 coefficients + intercept) from a frame's evidence numbers to P(frame present). It is fitted
on whole articles (the narrative set, whose economic / moral / human-interest / resolution codes
map onto MFC economic / morality / quality_of_life / policy), out-of-fold by outlet. The
sentence and headline sets are never trained on for MFC: they measure transfer.
Generic scheme: one logistic model per generic frame on the generic and MFC evidence, validated
by group k-fold on outlet. Seeds are fixed; rerunning gives the same files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedKFold

from mediakit.features.frames.evidence import collect_evidence
from mediakit.features.frames.lexicon import SCHEME_FRAMES
from mediakit.features.frames.model import FEATURES, frame_features, generic_design

MFC = SCHEME_FRAMES["mfc"]
GENERIC = SCHEME_FRAMES["generic"]
SEED = 16
# narrative (generic) code -> MFC frame it implies at article level
NARRATIVE_TO_MFC = {"economic": "economic", "moral": "morality", "human_interest": "quality_of_life",
                    "resolution": "policy"}
NARRATIVE_TO_GENERIC = {"conflict": "conflict", "economic": "economic", "human_interest": "human_interest",
                        "moral": "morality", "resolution": "responsibility"}
# FrAC merges two pairs of MFC frames; a merged code is present if either frame is
FRAC_TO_MFC = {"economic": ("economic",), "morality": ("morality",), "fairness_equality": ("fairness_equality",),
               "legality_crime": ("legality", "crime_punishment"), "policy_political": ("policy", "political"),
               "security_defense": ("security_defense",), "health_safety": ("health_safety",),
               "cultural_identity": ("cultural_identity",), "public_opinion": ("public_opinion",)}
# GVFC issue frames -> the MFC frame the MFC codebook files them under
GVFC_TO_MFC = {"gun_rights": ("legality",), "gun_control": ("policy",), "politics": ("political",),
               "mental_health": ("health_safety",), "school_public_safety": ("security_defense", "health_safety"),
               "race_ethnicity": ("fairness_equality", "cultural_identity"), "public_opinion": ("public_opinion",),
               "society_culture": ("cultural_identity",), "economic": ("economic",)}


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def features(texts: list[str], scheme: str) -> np.ndarray:
    """docs x frames x FEATURES."""
    return np.stack([frame_features(collect_evidence(t, scheme)) for t in texts])


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    grid = np.round(np.arange(0.10, 0.71, 0.02), 2)
    scores = [f1_score(y.ravel(), (p >= t).ravel(), zero_division=0) for t in grid]
    return float(grid[int(np.argmax(scores))])


def reliability(y: np.ndarray, p: np.ndarray, bins: int = 5) -> list[dict]:
    edges = np.linspace(0, 1, bins + 1)
    out = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & (p < hi if hi < 1 else p <= hi)
        if m.sum():
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "mean_p": round(float(p[m].mean()), 3),
                        "observed": round(float(y[m].mean()), 3)})
    return out


def scores_table(name: str, Y: np.ndarray, P: np.ndarray, labels: list[str], threshold) -> list[dict]:
    rows = []
    th = np.broadcast_to(np.asarray(threshold, dtype=float), (Y.shape[1],))
    for j, lab in enumerate(labels):
        y, p = Y[:, j], P[:, j]
        if 0 < y.sum() < len(y):
            rows.append({"set": name, "frame": lab, "n_pos": int(y.sum()), "auc": roc_auc_score(y, p),
                         "ap": average_precision_score(y, p), "f1": f1_score(y, p >= th[j], zero_division=0)})
    pred = np.greater_equal(P, th)
    rows.append({"set": name, "frame": "OVERALL (macro AUC/AP, micro-F1)", "n_pos": int(Y.sum()),
                 "auc": float(np.mean([r["auc"] for r in rows])), "ap": float(np.mean([r["ap"] for r in rows])),
                 "f1": f1_score(Y.ravel(), pred.ravel(), zero_division=0)})
    return rows


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n### {title}\n\n| set | frame | positives | AUC | AP | F1 |\n|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['set']} | {r['frame']} | {r['n_pos']} | {r['auc']:.3f} | {r['ap']:.3f} | {r['f1']:.3f} |")


def tfidf_lr():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, stop_words="english"),
                         LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, solver="liblinear"))


def oof_tfidf(texts: list[str], Y: np.ndarray, splits) -> np.ndarray:
    P = np.zeros(Y.shape)
    arr = np.asarray(texts, dtype=object)
    for tr, te in splits:
        for j in range(Y.shape[1]):
            if 0 < Y[tr, j].sum() < len(tr):
                P[te, j] = tfidf_lr().fit(list(arr[tr]), Y[tr, j]).predict_proba(list(arr[te]))[:, 1]
    return P


def merged(P: np.ndarray, groups: dict[str, tuple[str, ...]]) -> np.ndarray:
    """A merged code's probability: the largest of its MFC frames'."""
    return np.column_stack([P[:, [MFC.index(f) for f in fs]].max(axis=1) for fs in groups.values()])


# The shared MFC model reads only these evidence numbers: out-of-fold (by outlet) on the
# narrative articles, and in transfer to FrAC and GVFC, density, sentence share and frame share
# added nothing over the log count (macro AUC 0.758-0.762 for every subset), so the simplest won.
MFC_FEATURES = ("log_hits", "log_length")


def fit_mfc(nf: list[dict], X: np.ndarray) -> tuple[dict, np.ndarray, np.ndarray]:
    """Shared model on (article, mapped frame) rows; out-of-fold probabilities by outlet."""
    cols = [MFC.index(f) for f in NARRATIVE_TO_MFC.values()]
    X = X[:, :, [FEATURES.index(n) for n in MFC_FEATURES]]
    Y = np.array([[c in d["frames"] for c in NARRATIVE_TO_MFC] for d in nf], dtype=int)
    outlets = np.array([d["outlet"] for d in nf])
    P = np.zeros(Y.shape)
    for tr, te in GroupKFold(n_splits=5).split(X, groups=outlets):
        m = LogisticRegression(C=1.0, max_iter=1000).fit(X[tr][:, cols].reshape(-1, X.shape[2]), Y[tr].ravel())
        P[te] = m.predict_proba(X[te][:, cols].reshape(-1, X.shape[2]))[:, 1].reshape(len(te), len(cols))
    final = LogisticRegression(C=1.0, max_iter=1000).fit(X[:, cols].reshape(-1, X.shape[2]), Y.ravel())
    threshold = best_threshold(Y, P)
    model = {"scheme": "mfc", "frames": list(MFC), "features": list(MFC_FEATURES),
             "coef": final.coef_.ravel().round(6).tolist(), "intercept": round(float(final.intercept_[0]), 6),
             "threshold": threshold, "threshold_rule": "micro-F1-best on out-of-fold (by outlet) probabilities",
             "calibration": {"method": "Platt (the logistic model itself), fitted out-of-fold by outlet",
                             "reliability_oof": reliability(Y.ravel(), P.ravel())}}
    return model, Y, P


def generic_rows(Xg: np.ndarray, Xm: np.ndarray) -> np.ndarray:
    """docs x generic frames x (own features + share of each MFC frame), as detect_frames builds them."""
    return np.stack([generic_design(g, m) for g, m in zip(Xg, Xm)])


def fit_generic(nf: list[dict], D: np.ndarray) -> tuple[dict, np.ndarray, np.ndarray]:
    Y = np.array([[c in d["frames"] for c in NARRATIVE_TO_GENERIC] for d in nf], dtype=int)
    outlets = np.array([d["outlet"] for d in nf])
    P = np.zeros(Y.shape)
    splits = list(GroupKFold(n_splits=5).split(D, groups=outlets))
    for tr, te in splits:
        for j in range(len(GENERIC)):
            m = LogisticRegression(C=0.5, max_iter=2000).fit(D[tr, j], Y[tr, j])
            P[te, j] = m.predict_proba(D[te, j])[:, 1]
    thresholds = [best_threshold(Y[:, j:j + 1], P[:, j:j + 1]) for j in range(len(GENERIC))]
    coef, icpt = [], []
    for j in range(len(GENERIC)):
        m = LogisticRegression(C=0.5, max_iter=2000).fit(D[:, j], Y[:, j])
        coef.append(m.coef_.ravel().round(6).tolist())
        icpt.append(round(float(m.intercept_[0]), 6))
    model = {"scheme": "generic", "frames": list(GENERIC), "features": list(FEATURES) + [f"share_{f}" for f in MFC],
             "coef": coef, "intercept": icpt, "threshold": thresholds,
             "threshold_rule": "per-frame F1-best on out-of-fold (by outlet) probabilities",
             "calibration": {"method": "Platt (the logistic model itself), fitted out-of-fold by outlet",
                             "reliability_oof": reliability(Y.ravel(), P.ravel())}}
    return model, Y, P, splits


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    nf = read(args.data / "narrative_frames.jsonl")
    frac = read(args.data / "frac_sentences.jsonl")
    gv = [d for d in read(args.data / "gvfc_headlines.jsonl") if d["language"] == "en"]
    nf_texts = [d["text"] for d in nf]
    Xm = features(nf_texts, "mfc")

    # ---- MFC
    model, Y, P = fit_mfc(nf, Xm)
    labels = list(NARRATIVE_TO_MFC.values())
    rows = scores_table("narrative (articles), out-of-fold by outlet", Y, P, labels, model["threshold"])
    outlets = np.array([d["outlet"] for d in nf])
    splits = list(GroupKFold(n_splits=5).split(nf_texts, groups=outlets))
    Pt = oof_tfidf(nf_texts, Y, splits)
    rows_b = scores_table("narrative, TF-IDF+LR, same folds", Y, Pt, labels, 0.5)
    print_table("MFC frames on whole articles (narrative codes mapped to MFC)", rows + rows_b)
    print("in-sample (final model on all articles):")
    cols = [MFC.index(f) for f in labels]
    sel = [FEATURES.index(n) for n in MFC_FEATURES]
    Pin = 1 / (1 + np.exp(-(Xm[:, cols][:, :, sel] @ np.asarray(model["coef"]) + model["intercept"])))
    print_table("narrative in-sample", scores_table("narrative in-sample", Y, Pin, labels, model["threshold"]))

    # transfer: never trained on sentences or headlines
    def mfc_probs(texts):
        X = features(texts, "mfc")
        return 1 / (1 + np.exp(-(X[:, :, sel] @ np.asarray(model["coef"]) + model["intercept"])))

    for name, docs, key, mapping, single in (("FrAC sentences", frac, "text", FRAC_TO_MFC, True),
                                             ("GVFC headlines (en)", gv, "title", GVFC_TO_MFC, False)):
        texts = [d[key] for d in docs]
        Yd = np.array([[(d["frame"] == c) if single else (c in d["frames"]) for c in mapping] for d in docs], dtype=int)
        Pd = merged(mfc_probs(texts), mapping)
        rows = scores_table(f"{name}: detect_frames (transfer)", Yd, Pd, list(mapping), model["threshold"])
        skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
        strat = Yd.argmax(axis=1)
        Pb = oof_tfidf(texts, Yd, list(skf.split(texts, strat)))
        rows_b = scores_table(f"{name}: TF-IDF+LR 5-fold CV (in-domain)", Yd, Pb, list(mapping), 0.5)
        print_table(f"MFC on {name}", rows + rows_b)
        if name.startswith("FrAC"):
            frac_texts = texts
    # leave-one-dataset-out for the baseline: TF-IDF trained on FrAC sentences, tested on headlines
    gv_texts = [d["title"] for d in gv]
    Yg = np.array([[c in d["frames"] for c in GVFC_TO_MFC] for d in gv], dtype=int)
    frac_mfc = np.zeros((len(frac), len(MFC)), dtype=int)
    for i, d in enumerate(frac):
        for f in FRAC_TO_MFC.get(d["frame"], ()):
            frac_mfc[i, MFC.index(f)] = 1
    Pg = np.zeros((len(gv), len(MFC)))
    Pn = np.zeros((len(nf), len(MFC)))
    for j in range(len(MFC)):
        if frac_mfc[:, j].sum() > 0:
            m = tfidf_lr().fit(frac_texts, frac_mfc[:, j])
            Pg[:, j] = m.predict_proba(gv_texts)[:, 1]
            Pn[:, j] = m.predict_proba(nf_texts)[:, 1]
    print_table("TF-IDF+LR trained on FrAC sentences, tested on other sets (leave-one-dataset-out)",
                scores_table("GVFC headlines", Yg, merged(Pg, GVFC_TO_MFC), list(GVFC_TO_MFC), 0.5)
                + scores_table("narrative articles", Y, Pn[:, cols], labels, 0.5))

    # ---- generic
    Xg = features(nf_texts, "generic")
    D = generic_rows(Xg, Xm)
    gmodel, Yg5, Pg5, gsplits = fit_generic(nf, D)
    rows = scores_table("narrative generic, out-of-fold by outlet", Yg5, Pg5, list(GENERIC), gmodel["threshold"])
    Pb = oof_tfidf(nf_texts, Yg5, gsplits)
    rows_b = scores_table("narrative generic, TF-IDF+LR same folds", Yg5, Pb, list(GENERIC), 0.5)
    print_table("Generic frames (narrative_frames, group 5-fold by outlet)", rows + rows_b)
    print("\nreliability (out-of-fold), mfc:", model["calibration"]["reliability_oof"])
    print("reliability (out-of-fold), generic:", gmodel["calibration"]["reliability_oof"])

    if not args.no_write:
        out = Path(__file__).resolve().parents[1] / "mediakit" / "models"
        for m in (model, gmodel):
            (out / f"frames_{m['scheme']}.json").write_text(json.dumps(m, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {out}/frames_mfc.json and frames_generic.json")


if __name__ == "__main__":
    main(sys.argv[1:])
