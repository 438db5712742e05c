"""Train the learned attribution steps (cue tagger + source model) on PolNeAR; validate where they did not look.

    python scripts/train_attribution_tagger.py                    # validate, then write the model
    python scripts/train_attribution_tagger.py --no-write         # validate only
    python scripts/train_attribution_tagger.py --splits months    # a subset (months, lopo, dev)

Data: ../shared/eval/polnear_train.jsonl (840 articles, months 1-10 of the 2016 campaign,
7 publishers) and ../shared/eval/polnear_dev.jsonl (40 articles, Sep-Oct 2016), read in place;
no text from them enters the repository. Output: mediakit/models/attribution_tagger.npz — hashed
weights (numbers only) and the learned candidate cue forms (single words). The cue tagger has two
passes; the second is fitted on first-pass scores of articles the first pass was not fitted on
(two halves of each training part, alternate articles). The word clusters it reads are built
separately (scripts/build_word_clusters.py, from news text outside PolNeAR).

Protocol (every figure is scored with the official scorer's functions, score_sources.py):
  * months: train on months 1-8 (2015-11 .. 2016-06), test on months 9-10 and the few later
    articles (2016-07 .. 2016-09);
  * one split per publisher: train on the six others, test on it (leave-one-publisher-out);
  * dev: train on the whole train file, test on polnear_dev.jsonl, which nothing here saw;
  * in-sample: train and test on the whole train file, for comparison only.
In each split the learned cue forms and both models come from the training part only. The rule
engine and the hybrid setting (the rules on the cues the tagger does not reject) are scored on the
same test articles. C, the thresholds and the veto margin were chosen on the months
split only. Fixed seed, single process: the same data give the same file.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediakit.features.attribution import learned as L  # noqa: E402
from mediakit.features.attribution.cues import find_cues  # noqa: E402
from mediakit.features.attribution.lexicon import reporting_nouns, reporting_verbs  # noqa: E402
from mediakit.features.attribution.spans import find_spans  # noqa: E402
from mediakit.features.attribution.tagger import (  # noqa: E402
    BITS,
    STACK_BITS,
    STACK_SCALE,
    source_features,
    source_window,
    stack_features,
    tokens,
)
from mediakit.text.doc import Document  # noqa: E402

SEED = 0
C_CUE = 0.1  # L2 strengths and thresholds: chosen on the months split only
C_SOURCE = 0.1
CUE_THRESHOLD = 0.0  # on the logit: P(cue) >= 0.5 (-0.5, -0.25, 0, 0.25, 0.5 tried on the months split)
SOURCE_THRESHOLD = 0.0
MIN_COUNT, MIN_RATE = 3, 0.04  # a learned form: >= 3 cue uses and >= 4 % of its occurrences
_FUNCTION = frozenset(
    "a an the in on of for to at by with from as and or but that this it is was be been are were has have had "
    "will would not about into over than".split()
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def learned_forms(recs: list[dict]) -> tuple[str, ...]:
    """Words that annotators put inside cues often enough, not yet in the reporting-verb lexicon."""
    in_cue: collections.Counter = collections.Counter()
    total: collections.Counter = collections.Counter()
    for r in recs:
        total.update(w.lower() for w in _WORD.findall(r["text"]))
        for a in r["attributions"]:
            if a["cue"]:
                in_cue.update(w.lower() for w in _WORD.findall(a["cue"][2]) if w.lower() not in _FUNCTION)
    base = reporting_verbs()
    return tuple(sorted(w for w, c in in_cue.items() if c >= MIN_COUNT and c / max(total[w], c) >= MIN_RATE and w not in base))


class Prepared:
    """One article: its Document, tokens, cue labels and source training rows."""

    def __init__(self, rec: dict) -> None:
        self.rec = rec
        self.doc = Document(rec["text"])
        self.t = tokens(self.doc)
        t = self.t
        self.y = np.zeros(len(t.starts), dtype=np.int8)
        self.src_x: list[np.ndarray] = []
        self.src_y: list[np.ndarray] = []
        for a in rec["attributions"]:
            if not a["cue"]:
                continue
            i, j = L._token_range(t, *a["cue"][:2])
            if j <= i:
                continue
            self.y[i:j] = 1
            lo, hi = source_window(t, i, j - 1)
            if hi <= lo:
                continue
            lab = np.zeros(hi - lo, dtype=np.int8)
            if a["source"]:
                s, e = a["source"][:2]
                lab[:] = (t.starts[lo:hi] < e) & (t.ends[lo:hi] > s)
            keep = np.ones(hi - lo, dtype=bool)
            keep[i - lo:j - lo] = False  # the cue's own tokens are never candidates
            self.src_x.append(source_features(t, i, j - 1, lo, hi)[keep])
            self.src_y.append(lab[keep])


def _csr(feats: np.ndarray, bits: int = BITS) -> sparse.csr_matrix:
    """Hashed feature ids (one row per token) as a 0/1 sparse matrix of 2**bits columns."""
    n, k = feats.shape
    x = sparse.csr_matrix((np.ones(n * k, dtype=np.float64), feats.ravel().astype(np.int32),
                           np.arange(0, n * k + 1, k, dtype=np.int32)), shape=(n, 1 << bits))
    x.sum_duplicates()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    return x


def _fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    m = LogisticRegression(C=c, solver="liblinear", random_state=SEED)
    m.fit(_csr(x), y)
    # the figures are of the weights as shipped (float16)
    return m.coef_[0].astype(np.float16).astype(np.float32), float(m.intercept_[0])


def _stack_matrix(items: list[Prepared], scores: list[np.ndarray]) -> sparse.csr_matrix:
    """The second pass's rows: hashed stack features, then the first-pass logit (scaled)."""
    feats = np.concatenate([stack_features(p.t, z) for p, z in zip(items, scores)])
    z = np.concatenate(scores) / STACK_SCALE
    return sparse.hstack([_csr(feats, STACK_BITS), sparse.csr_matrix(z[:, None])], format="csr")


def train(items: list[Prepared], forms: tuple[str, ...]) -> L.LearnedModel:
    t0 = time.time()
    cx = np.concatenate([p.t.feats for p in items])
    cy = np.concatenate([p.y for p in items])
    cw, cb = _fit(cx, cy, C_CUE)
    # The second pass learns from first-pass scores the articles' own weights did not see: each
    # half of the training articles (alternate articles) is scored by a first pass fitted on the
    # other half.
    scores: list[np.ndarray] = [np.zeros(0)] * len(items)
    for k in (0, 1):
        fit_on = [p for i, p in enumerate(items) if i % 2 != k]
        hw, hb = _fit(np.concatenate([p.t.feats for p in fit_on]), np.concatenate([p.y for p in fit_on]), C_CUE)
        for i, p in enumerate(items):
            if i % 2 == k:
                scores[i] = hw[p.t.feats].sum(axis=1, dtype=np.float64) + hb
    m = LogisticRegression(C=C_CUE, solver="liblinear", random_state=SEED)
    m.fit(_stack_matrix(items, scores), cy)
    stw, stb = m.coef_[0].astype(np.float16).astype(np.float32), float(m.intercept_[0])
    sx = np.concatenate([x for p in items for x in p.src_x])
    sy = np.concatenate([y for p in items for y in p.src_y])
    sw, sb = _fit(sx, sy, C_SOURCE)
    print(f"  trained on {len(items)} articles ({len(cy)} tokens, {len(sy)} source rows) in {time.time() - t0:.0f} s", flush=True)
    return L.LearnedModel(cw, cb, CUE_THRESHOLD, sw, sb, SOURCE_THRESHOLD, forms, stw, stb)


def rows(spans) -> list[dict]:
    """The scorer's view of the engine's rows: cue, speaker and content spans."""
    out = []
    for a in spans:
        speaker = (a.mention_start, a.mention_end) if a.mention_start is not None else None
        content = (a.content_start, a.content_end) if a.content_start is not None and a.content_start < a.content_end else None
        out.append({"cue": (a.cue_start, a.cue_end), "speaker": speaker, "content": content, "kind": ""})
    return out


def predict(model: L.LearnedModel, p: Prepared) -> list[dict]:
    doc = Document(p.rec["text"])
    return rows(L.learned_spans(doc, find_cues(doc, L.candidate_lexicon(model.forms)), model))


def predict_hybrid(model: L.LearnedModel, p: Prepared) -> list[dict]:
    """The hybrid setting: the rule engine on the cues the tagger does not reject."""
    doc = Document(p.rec["text"])
    return rows(L.hybrid_spans(doc, find_cues(doc), model))


def rule_rows(p: Prepared) -> list[dict]:
    doc = Document(p.rec["text"])
    return rows(find_spans(doc, find_cues(doc)))


def noun_cue_recall(scorer, recs: list[dict], preds) -> float:
    """Recall of gold cues holding a reporting noun and no reporting-verb form (the scorer's kinds
    come from quotation marks, so noun cues are counted here)."""
    nouns, verbs = reporting_nouns(), reporting_verbs()
    n = found = 0
    for r, rows_ in zip(recs, preds):
        attrs = r["attributions"]
        pairs = scorer.match_cues([a["cue"] for a in attrs], [p["cue"] for p in rows_])
        for gi, a in enumerate(attrs):
            words = [w.lower() for w in _WORD.findall(a["cue"][2])] if a["cue"] else []
            if any(w in nouns for w in words) and not any(w in verbs for w in words):
                n += 1
                found += gi in pairs
    return round(found / n, 3) if n else 0.0


def summary(scorer, recs: list[dict], preds) -> dict:
    s = scorer.score_polnear(recs, preds)
    kinds = {k: round(c / n, 3) for k, (n, c, _ns, _sf) in sorted(s["by_kind"].items()) if n}
    kinds["noun"] = noun_cue_recall(scorer, recs, preds)
    return {"cue_P": round(s["cue"][0], 3), "cue_R": round(s["cue"][1], 3), "cue_F1": round(s["cue"][2], 3),
            "source_F1": round(s["source"][2], 3), "content_F1": round(s["content"], 3),
            "cue_recall_by_kind": kinds, "articles": len(recs), "gold": s["n_gold"]}


CACHE: Path | None = None  # --cache DIR: each split's trained weights, reused by a rerun (decoding changes)


def train_cached(name: str, tr: list[Prepared], forms: tuple[str, ...]) -> L.LearnedModel:
    path = CACHE / (re.sub(r"\W+", "_", name) + ".npz") if CACHE else None
    if path is not None and path.exists():
        z = np.load(path, allow_pickle=False)
        if tuple(str(f) for f in z["forms"]) == forms and "stw" in z:
            return L.LearnedModel(z["cw"], float(z["cb"]), CUE_THRESHOLD, z["sw"], float(z["sb"]), SOURCE_THRESHOLD, forms,
                                  z["stw"], float(z["stb"]))
    model = train(tr, forms)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, cw=model.cue_weights, cb=model.cue_bias, sw=model.source_weights, sb=model.source_bias,
                 forms=np.array(forms, dtype=str), stw=model.stack_weights, stb=model.stack_bias)
    return model


def evaluate(scorer, name: str, tr: list[Prepared], te: list[Prepared], rules: dict) -> dict:
    forms = learned_forms([p.rec for p in tr])
    model = train_cached(name, tr, forms)
    recs = [p.rec for p in te]
    return {"rules": summary(scorer, recs, [rules[id(p)] for p in te]),
            "hybrid": summary(scorer, recs, [predict_hybrid(model, p) for p in te]),
            "learned": summary(scorer, recs, [predict(model, p) for p in te])}, model


def markdown(report: dict) -> str:
    """The figures as the Markdown tables of docs/accuracy.md and the model card."""
    lines = ["| split | articles | gold | engine | cue P | cue R | cue F1 | source F1 | content F1 |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    kinds = ["direct", "mixed", "indirect", "according_to", "noun"]
    recall = ["| split | engine | " + " | ".join(kinds) + " |", "|---|---|" + "---:|" * len(kinds)]
    for split, both in report.items():
        for engine in ("rules", "hybrid", "learned"):
            if engine not in both:
                continue
            r = both[engine]
            lines.append(f"| {split} | {r['articles']} | {r['gold']} | {engine} | {r['cue_P']:.3f} | {r['cue_R']:.3f} | "
                         f"**{r['cue_F1']:.3f}** | **{r['source_F1']:.3f}** | {r['content_F1']:.3f} |")
            by = r["cue_recall_by_kind"]
            recall.append(f"| {split} | {engine} | " + " | ".join(f"{by.get(k, 0):.2f}" for k in kinds) + " |")
    return "\n".join(lines) + "\n\nCue recall by gold kind:\n\n" + "\n".join(recall)


def main() -> None:
    global C_CUE, C_SOURCE, CUE_THRESHOLD, SOURCE_THRESHOLD, CACHE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--splits", default="months,lopo,dev", help="comma list of months, lopo, dev")
    ap.add_argument("--no-write", action="store_true", help="validate only, keep the bundled model")
    ap.add_argument("--report", help="also write the figures as JSON here")
    ap.add_argument("--markdown", help="print the tables of a --report JSON written earlier, and stop")
    ap.add_argument("--cache", help="keep each split's trained weights here and reuse them (same data, same settings)")
    ap.add_argument("--c-cue", type=float, default=C_CUE)
    ap.add_argument("--c-source", type=float, default=C_SOURCE)
    ap.add_argument("--cue-threshold", type=float, default=CUE_THRESHOLD)
    ap.add_argument("--source-threshold", type=float, default=SOURCE_THRESHOLD)
    args = ap.parse_args()
    C_CUE, C_SOURCE = args.c_cue, args.c_source
    CACHE = Path(args.cache) if args.cache else None
    CUE_THRESHOLD, SOURCE_THRESHOLD = args.cue_threshold, args.source_threshold
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text(encoding="utf-8"))))
        return
    eval_dir = Path(args.eval_dir)
    sys.path.insert(0, str(eval_dir))
    import score_sources as scorer  # the official scorer's own functions

    train_p = [Prepared(r) for r in load(eval_dir / "polnear_train.jsonl")]
    dev_p = [Prepared(r) for r in load(eval_dir / "polnear_dev.jsonl")]
    rules = {id(p): rule_rows(p) for p in train_p + dev_p}  # the rule engine as it is
    splits = args.splits.split(",")
    report: dict = {}
    if "months" in splits:
        tr = [p for p in train_p if p.rec["date"] < "2016-07"]
        te = [p for p in train_p if p.rec["date"] >= "2016-07"]
        report["months 1-8 -> 9-10"], _ = evaluate(scorer, "months", tr, te, rules)
        print("months", json.dumps(report["months 1-8 -> 9-10"]), flush=True)
    if "lopo" in splits:
        for pub in sorted({p.rec["publisher"] for p in train_p}):
            tr = [p for p in train_p if p.rec["publisher"] != pub]
            te = [p for p in train_p if p.rec["publisher"] == pub]
            report[f"publisher {pub}"], _ = evaluate(scorer, pub, tr, te, rules)
            print(pub, json.dumps(report[f"publisher {pub}"]), flush=True)
    model = None
    if "dev" in splits or not args.no_write:
        report["dev (unseen)"], model = evaluate(scorer, "all", train_p, dev_p, rules)
        print("dev", json.dumps(report["dev (unseen)"]), flush=True)
        recs = [p.rec for p in train_p]
        report["train (in-sample)"] = {"rules": summary(scorer, recs, [rules[id(p)] for p in train_p]),
                                       "hybrid": summary(scorer, recs, [predict_hybrid(model, p) for p in train_p]),
                                       "learned": summary(scorer, recs, [predict(model, p) for p in train_p])}
        print("in-sample", json.dumps(report["train (in-sample)"]), flush=True)
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(markdown(report))
    if not args.no_write and model is not None:
        out = ROOT / "mediakit" / "models" / L.MODEL_FILE
        np.savez_compressed(
            out, cue_weights=model.cue_weights.astype(np.float16), cue_bias=np.float64(model.cue_bias),
            cue_threshold=np.float64(model.cue_threshold), source_weights=model.source_weights.astype(np.float16),
            source_bias=np.float64(model.source_bias), source_threshold=np.float64(model.source_threshold),
            forms=np.array(model.forms, dtype=str), bits=np.int64(BITS),
            stack_weights=model.stack_weights.astype(np.float16), stack_bias=np.float64(model.stack_bias),
        )
        print(f"wrote {out} ({out.stat().st_size // 1024} kB, {len(model.forms)} learned forms)")


if __name__ == "__main__":
    main()
