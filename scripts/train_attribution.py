"""Train the learned attribution-cue decision on PolNeAR and validate it where it did not look.

    python scripts/train_attribution.py                 # validate, then write the model
    python scripts/train_attribution.py --no-write      # validate only
    python scripts/train_attribution.py --splits months,dev

Data: ../shared/eval/polnear_train.jsonl (840 articles, months 1-10 of the 2016 campaign,
7 publishers) and ../shared/eval/polnear_dev.jsonl (40 articles, Sep-Oct 2016), read in place;
no text from them enters the repository. The output is mediakit/models/attribution_cues.json:
the learned cue forms and the weights of a logistic model (numbers and feature names only).

Protocol (every figure is scored with the official scorer's functions, score_sources.py):
  * months: train on months 1-8 (2015-11 .. 2016-06), test on months 9-10 and the few later
    articles (2016-07 .. 2016-09);
  * one split per publisher: train on the six others, test on it (leave-one-publisher-out);
  * dev: train on the whole train file, test on polnear_dev.jsonl, which nothing here saw.
In each split the learned cue forms come from the training part only. The rule engine is
scored on the same test articles. Fixed seed, single process: the same data give the same file.
"""

from __future__ import annotations

import argparse
import collections
import copy
import json
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediakit.features.attribution.cues import find_cues  # noqa: E402
from mediakit.features.attribution.learned import (  # noqa: E402
    MODEL_FILE,
    CueModel,
    candidate_lexicon,
    cue_features,
)
from mediakit.features.attribution.lexicon import reporting_nouns, reporting_verbs  # noqa: E402
from mediakit.features.attribution.spans import candidate_spans, find_spans, finish_spans  # noqa: E402
from mediakit.text.doc import Document  # noqa: E402

SEED = 0
C = 0.1  # L2 strength: chosen on the months split only (0.1 / 0.3 / 1.0 tried)
THRESHOLD = 0.5
PRUNE = 0.05  # weights smaller than this are dropped (file ~1 MB instead of 5.5; <1 % of decisions move)
MIN_COUNT, MIN_RATE = 3, 0.04  # a learned form: >= 3 cue uses and >= 4 % of its occurrences
_FUNCTION = frozenset(
    "a an the in on of for to at by with from as and or but that this it is was be been are were has have had "
    "will would not about into over than".split()
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_PAST_IRREGULAR = frozenset("saw thought knew felt read made put gave took spoke".split())


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def form_kind(word: str) -> str:
    if word.endswith("ing"):
        return "ing"
    if word.endswith("ed") or word in _PAST_IRREGULAR:
        return "past"
    if word.endswith("s") and not word.endswith("ss"):
        return "3sg"
    return "base"


def learned_forms(recs: list[dict]) -> dict[str, str]:
    """Words that annotators put inside cues often enough, not yet in the reporting-verb lexicon."""
    in_cue: collections.Counter = collections.Counter()
    total: collections.Counter = collections.Counter()
    for r in recs:
        total.update(w.lower() for w in _WORD.findall(r["text"]))
        for a in r["attributions"]:
            if a["cue"]:
                in_cue.update(w.lower() for w in _WORD.findall(a["cue"][2]) if w.lower() not in _FUNCTION)
    base = reporting_verbs()
    return {
        w: form_kind(w)
        for w, c in sorted(in_cue.items())
        if c >= MIN_COUNT and c / max(total[w], c) >= MIN_RATE and w not in base
    }


def overlaps_gold(a, gold_cues) -> int:
    return int(any(g and min(g[1], a.cue_end) > max(g[0], a.cue_start) for g in gold_cues))


def generate(recs: list[dict], forms: dict[str, str]) -> list[dict]:
    """Candidates of every article with features and labels (1 = overlaps a gold cue)."""
    lexicon = candidate_lexicon(forms)
    out = []
    for di, r in enumerate(recs):
        doc = Document(r["text"])
        raw = candidate_spans(doc, find_cues(doc, lexicon))  # before the engine's clean-up
        gold = [a["cue"] for a in r["attributions"]]
        for a in raw:
            out.append({"doc": di, "feats": cue_features(doc, a), "y": overlaps_gold(a, gold),
                        "form": a.verb.form if a.verb is not None else None, "att": a})
    return out


def _matrix(vectorizer: DictVectorizer, cands: list[dict]):
    x = vectorizer.transform([dict.fromkeys(c["feats"], 1) for c in cands]).tocsr()
    x.indices = x.indices.astype(np.int32)  # liblinear wants 32-bit indices
    x.indptr = x.indptr.astype(np.int32)
    return x


def fit(cands: list[dict]) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer(sort=True).fit([dict.fromkeys(c["feats"], 1) for c in cands])
    model = LogisticRegression(C=C, solver="liblinear", random_state=SEED)
    model.fit(_matrix(vectorizer, cands), [c["y"] for c in cands])
    model.coef_[np.abs(model.coef_) < PRUNE] = 0.0  # every figure is of the pruned model that ships
    return vectorizer, model


def rows(atts: list) -> list[dict]:
    """The scorer's view of find_sources rows: cue, speaker and content spans."""
    out = []
    for a in atts:
        speaker = (a.mention_start, a.mention_end) if a.mention_start is not None else None
        content = None
        if a.content_start is not None and a.content_start < a.content_end:
            content = (a.content_start, a.content_end)
        out.append({"cue": (a.cue_start, a.cue_end), "speaker": speaker, "content": content,
                    "kind": "", "cue_text": "", "speaker_text": "", "speaker_type": ""})
    return out


def decode(recs: list[dict], idx: list[int], cands: list[dict], keep) -> list[list[dict]]:
    by_doc = collections.defaultdict(list)
    for c, k in zip(cands, keep):
        if k:
            by_doc[c["doc"]].append(copy.deepcopy(c["att"]))  # finish_spans edits records in place
    preds = []
    for di in idx:
        doc = Document(recs[di]["text"])
        preds.append(rows(finish_spans(doc, sorted(by_doc[di], key=lambda a: a.cue_start))))
    return preds


def rule_rows(recs: list[dict], idx: list[int]) -> list[list[dict]]:
    out = []
    for i in idx:
        doc = Document(recs[i]["text"])
        out.append(rows(find_spans(doc, find_cues(doc))))
    return out


def noun_cue_recall(scorer, recs: list[dict], preds) -> tuple[float, int]:
    """Recall of gold cues that hold a reporting noun ("claim", "criticism") and no reporting
    verb form: the scorer's kinds come from quotation marks, so noun cues are counted here."""
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
    return (round(found / n, 3) if n else 0.0), n


def summary(scorer, recs: list[dict], idx: list[int], preds) -> dict:
    s = scorer.score_polnear([recs[i] for i in idx], preds)
    kinds = {k: round(c / n, 3) for k, (n, c, _ns, _sf) in sorted(s["by_kind"].items()) if n}
    kinds["noun"], _n_noun = noun_cue_recall(scorer, [recs[i] for i in idx], preds)
    return {"cue_P": round(s["cue"][0], 3), "cue_R": round(s["cue"][1], 3), "cue_F1": round(s["cue"][2], 3),
            "source_F1": round(s["source"][2], 3), "content_F1": round(s["content"], 3),
            "cue_recall_by_kind": kinds, "articles": len(idx), "gold": s["n_gold"]}


def evaluate(scorer, train_recs, train_idx, test_recs, test_idx, test_cands_all, all_cands, rules_rows) -> dict:
    forms = learned_forms([train_recs[i] for i in train_idx])
    base = reporting_verbs()

    def usable(c):  # learned forms of this split's training part only
        return c["form"] is None or c["form"] in base or c["form"] in forms

    tr = set(train_idx)
    te = set(test_idx)
    train_c = [c for c in all_cands if c["doc"] in tr and usable(c)]
    test_c = [c for c in test_cands_all if c["doc"] in te and usable(c)]
    vectorizer, model = fit(train_c)
    p = model.predict_proba(_matrix(vectorizer, test_c))[:, 1]
    return {"rules": summary(scorer, test_recs, test_idx, [rules_rows[i] for i in test_idx]),
            "learned": summary(scorer, test_recs, test_idx, decode(test_recs, test_idx, test_c, p >= THRESHOLD))}


def export(vectorizer: DictVectorizer, model: LogisticRegression, forms: dict[str, str], meta: dict) -> dict:
    names = vectorizer.get_feature_names_out()
    coef = model.coef_[0]
    weights = {str(n): round(float(w), 4) for n, w in zip(names, coef) if w != 0.0}
    return {"format": "mediakit logistic cue model v1", "threshold": THRESHOLD,
            "bias": round(float(model.intercept_[0]), 4), "forms": forms, "weights": weights, "training": meta}


def markdown(report: dict) -> str:
    """The figures as the Markdown tables of docs/accuracy.md and the model card."""
    lines = ["| split | articles | gold | engine | cue P | cue R | cue F1 | source F1 | content F1 |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    kinds = ["direct", "mixed", "indirect", "according_to", "noun"]
    recall = ["| split | engine | " + " | ".join(kinds) + " |", "|---|---|" + "---:|" * len(kinds)]
    for split, both in report.items():
        for engine in ("rules", "learned"):
            r = both[engine]
            lines.append(f"| {split} | {r['articles']} | {r['gold']} | {engine} | {r['cue_P']:.3f} | {r['cue_R']:.3f} | "
                         f"**{r['cue_F1']:.3f}** | **{r['source_F1']:.3f}** | {r['content_F1']:.3f} |")
            by = r["cue_recall_by_kind"]
            recall.append(f"| {split} | {engine} | " + " | ".join(f"{by.get(k, 0):.2f}" for k in kinds) + " |")
    return "\n".join(lines) + "\n\nCue recall by gold kind:\n\n" + "\n".join(recall)


def main() -> None:
    global C, THRESHOLD
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--splits", default="months,lopo,dev", help="comma list of months, lopo, dev")
    ap.add_argument("--no-write", action="store_true", help="validate only, keep the bundled model")
    ap.add_argument("--report", help="also write the figures as JSON here")
    ap.add_argument("--markdown", help="print the tables of a --report JSON written earlier, and stop")
    ap.add_argument("--C", type=float, default=C, help="L2 strength (the default was chosen on the months split)")
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    args = ap.parse_args()
    C, THRESHOLD = args.C, args.threshold
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text(encoding="utf-8"))))
        return
    eval_dir = Path(args.eval_dir)
    sys.path.insert(0, str(eval_dir))
    import score_sources as scorer  # the official scorer's own functions

    train = load(eval_dir / "polnear_train.jsonl")
    dev = load(eval_dir / "polnear_dev.jsonl")
    all_forms = learned_forms(train)
    print(f"learned forms from the whole train file: {len(all_forms)}", flush=True)
    train_c = generate(train, all_forms)
    splits = args.splits.split(",")
    report: dict = {}
    every = list(range(len(train)))
    train_rules = rule_rows(train, every)  # the rule engine as it is, scored on the same articles
    if "months" in splits:
        tr = [i for i, r in enumerate(train) if r["date"] < "2016-07"]
        te = [i for i, r in enumerate(train) if r["date"] >= "2016-07"]
        report["months 1-8 -> 9-10"] = evaluate(scorer, train, tr, train, te, train_c, train_c, train_rules)
        print("months", json.dumps(report["months 1-8 -> 9-10"]), flush=True)
    if "lopo" in splits:
        for pub in sorted({r["publisher"] for r in train}):
            tr = [i for i, r in enumerate(train) if r["publisher"] != pub]
            te = [i for i, r in enumerate(train) if r["publisher"] == pub]
            report[f"publisher {pub}"] = evaluate(scorer, train, tr, train, te, train_c, train_c, train_rules)
            print(pub, json.dumps(report[f"publisher {pub}"]), flush=True)
    dev_c = generate(dev, all_forms)
    vectorizer, model = fit(train_c)
    if "dev" in splits:
        p = model.predict_proba(_matrix(vectorizer, dev_c))[:, 1]
        dev_idx = list(range(len(dev)))
        report["dev (unseen)"] = {
            "rules": summary(scorer, dev, dev_idx, rule_rows(dev, dev_idx)),
            "learned": summary(scorer, dev, dev_idx, decode(dev, dev_idx, dev_c, p >= THRESHOLD)),
        }
        print("dev", json.dumps(report["dev (unseen)"]), flush=True)
        p_in = model.predict_proba(_matrix(vectorizer, train_c))[:, 1]
        report["train (in-sample)"] = {
            "rules": summary(scorer, train, every, train_rules),
            "learned": summary(scorer, train, every, decode(train, every, train_c, p_in >= THRESHOLD)),
        }
        print("in-sample", json.dumps(report["train (in-sample)"]), flush=True)
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(markdown(report))
    if not args.no_write:
        meta = {"data": "PolNeAR v1.0 train compartment, 840 articles (Newell, Margolin & Ruths 2018)",
                "candidates": len(train_c), "positives": int(sum(c["y"] for c in train_c)),
                "C": C, "seed": SEED, "min_count": MIN_COUNT, "min_rate": MIN_RATE, "prune": PRUNE}
        data = export(vectorizer, model, all_forms, meta)
        out = ROOT / "mediakit" / "models" / MODEL_FILE
        out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        check = CueModel(data["weights"], data["bias"], data["threshold"], data["forms"])
        print(f"wrote {out} ({out.stat().st_size // 1024} kB, {len(data['weights'])} weights, "
              f"{len(all_forms)} learned forms); bias {check.bias}")


if __name__ == "__main__":
    main()
