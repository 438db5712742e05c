"""Measure mk.align_events, mk.keyness masking and mk.FrameClassifier on the BASIL corpus.

BASIL (Fan et al. 2019): 100 events x 3 outlets (Fox News, New York Times, HuffPost). The
corpus is not shipped with mediakit; point this script at a copy:

    python scripts/eval_framing_basil.py ../shared/datasets/basil

Prints the numbers quoted in docs/framing_and_comparison.md.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pandas as pd

import mediakit as mk
from mediakit.comparison.events import pairwise_scores


def load(root: Path) -> pd.DataFrame:
    rows = []
    for f in sorted((root / "articles").glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        rows.append({
            "doc_id": d["uuid"], "outlet": d["source"].lower(), "title": d["title"],
            "published": pd.Timestamp(d["date"], tz="UTC"), "truth": d["triplet-uuid"],
            "text": "\n\n".join(" ".join(p) for p in d["body-paragraphs"]),
        })
    return pd.DataFrame(rows)


def main(root: str) -> None:
    df = load(Path(root))
    print(f"{len(df)} articles, {df.truth.nunique()} events, outlets {sorted(df.outlet.unique())}")

    print("\n## align_events(method='tfidf'), the earlier method: adjusted Rand index (pairwise precision / recall)")
    # the learned default is measured by scripts/eval_alignment.py; these thresholds are TF-IDF cosines
    inputs = {
        "headline + full text": df,
        "headline + first 50 words": df.assign(text=df.text.map(lambda t: " ".join(t.split()[:50]))),
        "headline only": df.assign(text=""),
        "full text, no headline": df.assign(title=""),
    }
    print("| input | threshold | dates (window 3 d) | ARI | pair P | pair R | events | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for name, data in inputs.items():
        for th in (None, 0.1, 0.15, 0.2):
            for wd in (3, None):
                t = time.perf_counter()
                out = mk.align_events(data, threshold=th, window_days=wd, method="tfidf")
                secs = time.perf_counter() - t
                s = pairwise_scores(data.truth, out.event_id)
                used = out.attrs["align_events"]["threshold"]
                print(f"| {name} | {'auto ' if th is None else ''}{used} | {'yes' if wd else 'no'} | {s['ari']:.3f} | {s['pair_precision']:.3f} | "
                      f"{s['pair_recall']:.3f} | {out.event_id.nunique()} | {secs:.1f} |")
    w = mk.load_workshop()
    print("\nworkshop corpus (bundled, team-written: 8 events x 5 outlets):")
    for name, data in {"headline + full text": w, "headline + first 50 words":
                       w.assign(text=w.text.map(lambda t: " ".join(t.split()[:50]))), "headline only": w.assign(text="")}.items():
        for wd in (3, None):
            out = mk.align_events(data.drop(columns="event_id"), window_days=wd, method="tfidf")
            s = pairwise_scores(w.event_id, out.event_id)
            print(f"| {name} | auto {out.attrs['align_events']['threshold']} | {'yes' if wd else 'no'} | "
                  f"{s['ari']:.3f} | {s['pair_precision']:.3f} | {s['pair_recall']:.3f} | {out.event_id.nunique()} |")
    for ex in ("outlet",):
        out = mk.align_events(df, window_days=None, exclusive_by=ex, method="tfidf")
        s = pairwise_scores(df.truth, out.event_id)
        print(f"exclusive_by={ex!r}, no dates, full text: ARI {s['ari']:.3f}")
    base = mk.align_events(df, window_days=None, char_weight=0.0, title_column=None, threshold=0.2, method="tfidf")
    print(f"words-only TF-IDF, no headline, no dates, threshold 0.2: ARI "
          f"{pairwise_scores(df.truth, base.event_id)['ari']:.3f}")

    print("\n## keyness: Fox vs rest, top 20 terms")
    for mask in (True, False):
        for strat in (None, "truth"):
            k = mk.keyness(df, target="fox", mask=mask, stratify=strat)
            print(f"mask={mask}, stratify={'event' if strat else None}: " + ", ".join(k.term.head(20)))

    print("\n## FrameClassifier machinery: 5-fold CV predicting the OUTLET (not a frame) from text")
    cv = mk.FrameClassifier().cross_validate(df.text, df.outlet, cv=5, seed=0)
    print(cv.round(3).to_string(index=False))

    print("\n## score_frames: share of BASIL articles with at least one cue, mean rate per 1k words")
    fr = mk.score_frames(df)
    cols = [c for c in fr.columns if c not in ("doc_id", "other")]
    summary = pd.DataFrame({"share_with_cue": (fr[cols] > 0).mean(), "mean_per_1k": fr[cols].mean()})
    print(summary.round(3).to_string())
    t = time.perf_counter()
    mk.score_frames(df)
    print(f"score_frames on 300 articles: {time.perf_counter() - t:.2f} s")

    print("\n## 84 team-written, team-coded sentences (tests/fixtures/frames_team_sentences.tsv)")
    sent = pd.read_csv(Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "frames_team_sentences.tsv",
                       sep="\t", comment="#")
    sc = mk.score_frames(sent.sentence)
    keys = [c for c in sc.columns if c not in ("doc_id", "other")]
    print(f"lexicon arg-max agreement: {(sc[keys].idxmax(axis=1) == sent.frame).mean():.3f}; "
          f"sentences with no cue: {(sc[keys].max(axis=1) == 0).mean():.3f}")
    held = pd.read_csv(Path(__file__).resolve().parents[1] / "tests" / "fixtures" /
                       "frames_team_sentences_heldout.tsv", sep="\t", comment="#")
    hs = mk.score_frames(held.sentence)
    print(f"held-out set ({len(held)} sentences, written after the last lexicon change): arg-max agreement "
          f"{(hs[keys].idxmax(axis=1) == held.frame).mean():.3f}; no cue: {(hs[keys].max(axis=1) == 0).mean():.3f}")
    cv = mk.FrameClassifier().cross_validate(sent.sentence, sent.frame, cv=3, seed=0)
    print("FrameClassifier 3-fold CV on the same 84 sentences (4 training sentences per frame per fold):")
    print(cv.tail(2).round(3).to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/basil")
