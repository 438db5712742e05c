#!/usr/bin/env python3
"""Train the plain-text page cleaner's line model and validate it leave-one-set-out.

usage: python scripts/train_page_cleaner.py [--shared ../shared] [--out mediakit/models/page_cleaner.npz]
                                            [--loso] [--only SET ...]

Reads the five sets of ``../shared/eval/cleaning_pool`` and ``../shared/eval/cleaning_dev``
(nothing of them is written into the repository: only the learned weights). Each line of each
page is labelled body when most of its words sit in 4-word shingles of the page's truth; the
headline, byline and date lines at the top of a truth that includes them (big9_chaos,
cleanportal, dragnet) are relabelled as not body, to keep our convention (body without headline
and byline). A one-hidden-layer network is trained with Adam (fixed seeds), then the decoder's
switch price and bias are chosen on the training pages.

``--loso`` trains once per held-out group (each pool set, and cleaning_dev) on all the others
and scores the held-out group with the real cleaner (the benchmark's shingle metric, title
match), then trains the shipped model on everything. The table it prints is the one in
docs/accuracy.md. Same input, same output: no randomness outside the fixed seeds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mediakit.load.corpus import TEMPLATE_MIN_PAGES, TEMPLATE_MIN_SHARE  # noqa: E402
from mediakit.load.line_model import LineModel, decode, feature_names  # noqa: E402
from mediakit.load.textpage import clean_text_page, page_line_features  # noqa: E402
from mediakit.text.normalize import normalize_text, tidy_paragraphs  # noqa: E402

SETS = ("dragnet", "l3s_gn1", "wcxb_dev", "big9_chaos", "cleanportal")
# truths that start with the headline (and often a date or byline): see the pool README
HEADLINE_IN_TRUTH = {"dragnet", "big9_chaos", "cleanportal"}
TOKEN = re.compile(r"\w+")
HIDDEN = 32
EPOCHS = 12
BATCH = 2048
SEED = 13


# ---------------------------------------------------------------------------------------------
# Data

def read_pages(shared: Path) -> list[dict]:
    pages = []
    groups = [(shared / "eval" / "cleaning_pool" / s, s) for s in SETS]
    groups.append((shared / "eval" / "cleaning_dev", "cleaning_dev"))
    for folder, group in groups:
        for line in (folder / "manifest.jsonl").read_text(encoding="utf8").splitlines():
            row = json.loads(line)
            raw = (folder / row["files"]["text"]).read_text(encoding="utf8")
            truth = (folder / row["files"]["truth"]).read_text(encoding="utf8")
            pages.append({"id": row["id"], "group": group, "site": row.get("site") or row["id"],
                          "raw": raw, "truth": truth, "titles": row.get("titles", [])})
    return pages


def site_templates(pages: list[dict]) -> None:
    """Give half of the pages of sites with several pages the cross-page template a folder load
    would find (the other half none, as when pages are scored one by one)."""
    by_site = defaultdict(list)
    for p in pages:
        by_site[(p["group"], p["site"])].append(p)
    rng = np.random.default_rng(SEED)
    for group in by_site.values():
        if len(group) < TEMPLATE_MIN_PAGES:
            continue
        counts: Counter[str] = Counter()
        for p in group:
            counts.update({" ".join(ln.split()) for ln in p["text"].split("\n") if ln.strip()})
        need = max(TEMPLATE_MIN_PAGES, int(TEMPLATE_MIN_SHARE * len(group) + 0.999))
        frequent = Counter({ln: n for ln, n in counts.items() if n >= need})
        for p in group:
            if frequent and rng.random() < 0.5:
                p["template"] = frequent


def norm_title(s: str) -> str:
    quotes = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
    return " ".join(unicodedata.normalize("NFKC", s).translate(quotes).split()).casefold()


def line_labels(lines, truth: str, group: str, titles: list[str]) -> np.ndarray:
    """1 for a line whose words mostly lie in 4-word shingles of the truth, else 0."""
    t = TOKEN.findall(truth)
    shingles = {tuple(t[i:i + 4]) for i in range(max(0, len(t) - 3))}
    toks, owner = [], []
    for k, ln in enumerate(lines):
        w = TOKEN.findall(ln.text)
        toks += w
        owner += [k] * len(w)
    covered = np.zeros(len(toks), dtype=bool)
    for i in range(len(toks) - 3):
        if tuple(toks[i:i + 4]) in shingles:
            covered[i:i + 4] = True
    hits = np.zeros(len(lines))
    total = np.zeros(len(lines))
    np.add.at(total, owner, 1)
    np.add.at(hits, owner, covered.astype(float))
    y = (hits >= 0.5 * np.maximum(total, 1)) & (total > 0)
    gold_titles = {norm_title(x) for x in titles}
    for k, ln in enumerate(lines):
        if norm_title(ln.text) in gold_titles:
            y[k] = False
    if group in HEADLINE_IN_TRUTH:
        # the truth's header (headline, date, byline) is not body in our convention
        for k, ln in enumerate(lines):
            if y[k] and ln.words >= 12 and ln.terminal:
                break
            if y[k] and ln.words <= 25:
                y[k] = False
    return y.astype(np.float64)


def prepare(pages: list[dict]) -> None:
    t0 = time.perf_counter()
    site_templates(pages)
    for p in pages:
        lines, x = page_line_features(p["text"], p.get("template"))
        p["x"] = x
        p["words"] = np.array([ln.words for ln in lines], dtype=np.float64)
        p["y"] = line_labels(lines, p["truth"], p["group"], p["titles"])
    print(f"features for {len(pages)} pages in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Model

def fit(pages: list[dict]) -> LineModel:
    pages = [p for p in pages if len(p["y"])]
    x = np.concatenate([p["x"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    # every page weighs the same; inside a page a line weighs by its length (as the metric)
    w = np.concatenate([(1 + np.log1p(p["words"])) / (1 + np.log1p(p["words"])).sum() for p in pages])
    w *= len(w) / w.sum()
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    xs = (x - mean) / scale
    rng = np.random.default_rng(SEED)
    d = xs.shape[1]
    w1 = rng.normal(0, 1 / np.sqrt(d), (d, HIDDEN))
    b1 = np.zeros(HIDDEN)
    w2 = rng.normal(0, 1 / np.sqrt(HIDDEN), HIDDEN)
    b2 = np.zeros(1)
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(q) for q in params]
    v = [np.zeros_like(q) for q in params]
    lr, l2, step = 3e-3, 1e-4, 0
    for _epoch in range(EPOCHS):
        order = rng.permutation(len(y))
        for s in range(0, len(order), BATCH):
            b = order[s:s + BATCH]
            h = np.tanh(xs[b] @ w1 + b1)
            z = h @ w2 + b2[0]
            pr = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
            g = (pr - y[b]) * w[b] / len(b)
            gw2 = h.T @ g + l2 * w2
            gb2 = np.array([g.sum()])
            gh = np.outer(g, w2) * (1 - h * h)
            gw1 = xs[b].T @ gh + l2 * w1
            gb1 = gh.sum(axis=0)
            step += 1
            for q, gq, mq, vq in zip(params, (gw1, gb1, gw2, gb2), m, v):
                mq *= 0.9
                mq += 0.1 * gq
                vq *= 0.999
                vq += 0.001 * gq * gq
                q -= lr * (mq / (1 - 0.9 ** step)) / (np.sqrt(vq / (1 - 0.999 ** step)) + 1e-8)
        lr *= 0.8
    model = LineModel(mean=mean, scale=scale, w1=w1, b1=b1, w2=w2, b2=float(b2[0]), switch=2.0,
                      bias=0.0, names=feature_names())
    return tune_decoder(model, pages)


def tune_decoder(model: LineModel, pages: list[dict]) -> LineModel:
    """Choose the switch price and bias that give the best line-level F1 on the training pages
    (shingle-weighted: a line counts by its words)."""
    probs = [model.probabilities(p["x"]) for p in pages]
    best = None
    for switch in (0.5, 1.0, 2.0, 4.0, 8.0, 16.0):
        for bias in (-1.0, -0.5, 0.0, 0.5, 1.0):
            ps, rs = [], []
            for p, pr in zip(pages, probs):
                keep = decode(pr, p["words"], switch, bias)
                tp = (p["words"] * (keep & (p["y"] > 0))).sum()
                pred = (p["words"] * keep).sum()
                gold = (p["words"] * (p["y"] > 0)).sum()
                if pred:
                    ps.append(tp / pred)
                if gold:
                    rs.append(tp / gold)
            pm, rm = np.mean(ps) if ps else 0, np.mean(rs) if rs else 0
            f = 2 * pm * rm / (pm + rm) if pm + rm else 0
            if best is None or f > best[0]:
                best = (f, switch, bias)
    print(f"  decoder: switch={best[1]} bias={best[2]} (train line F1 {best[0]:.3f})", file=sys.stderr)
    return LineModel(**{**model.__dict__, "switch": best[1], "bias": best[2]})


# ---------------------------------------------------------------------------------------------
# Scoring (the benchmark's metric, as score_cleaning.py: 4-token shingles, macro P/R over pages)

def shingles(text: str) -> Counter:
    t = TOKEN.findall(text or "")
    return Counter(tuple(t[i:i + 4]) for i in range(max(1, len(t) - 3))) if t else Counter()


def score(pages: list[dict], model: LineModel) -> dict:
    ps, rs, low, titled, hit = [], [], 0, 0, 0
    for p in pages:
        parts = clean_text_page(p["text"], model=model)
        body = tidy_paragraphs(parts.paragraphs)
        st, sp = shingles(p["truth"]), shingles(body)
        tp = sum((st & sp).values())
        npred, ngold = sum(sp.values()), sum(st.values())
        if npred:
            ps.append(tp / npred)
        if ngold:
            rs.append(tp / ngold)
            f1 = 2 * tp / (npred + ngold) if tp else 0.0
            low += f1 < 0.2
        gold = {norm_title(t) for t in p["titles"]}
        if gold:
            titled += 1
            hit += parts.title is not None and norm_title(parts.title) in gold
    pm, rm = float(np.mean(ps)) if ps else 0.0, float(np.mean(rs)) if rs else 0.0
    return {"pages": len(pages), "f1": 2 * pm * rm / (pm + rm) if pm + rm else 0.0, "p": pm, "r": rm,
            "low": low, "title": hit / max(1, titled)}


def save(model: LineModel, out: Path) -> None:
    arrays = model.to_arrays()
    arrays = {k: (a.astype(np.float32) if a.dtype.kind == "f" and a.ndim else a) for k, a in arrays.items()}
    np.savez_compressed(out, **arrays)
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KB)", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "mediakit" / "models" / "page_cleaner.npz")
    ap.add_argument("--loso", action="store_true", help="leave-one-set-out validation first")
    ap.add_argument("--only", nargs="*", help="held-out groups to validate (default: all)")
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--folds", type=Path, help="keep each held-out fold's model here and reuse it "
                    "(to rescore a change of the decoding rules without retraining)")
    a = ap.parse_args()
    pages = read_pages(a.shared)
    for p in pages:
        p["text"] = normalize_text(p["raw"])[0]
    prepared = False

    def trained(subset: list[dict]) -> LineModel:
        nonlocal prepared
        if not prepared:
            prepare(pages)
            prepared = True
        return fit(subset)

    groups = list(SETS) + ["cleaning_dev"]
    if a.loso:
        print("| held-out set | pages | body F1 (P / R) | pages F1 < 0.2 | title |")
        print("|---|---|---|---|---|")
        for g in a.only or groups:
            train = [p for p in pages if p["group"] != g]
            test = [p for p in pages if p["group"] == g]
            cached = a.folds / f"{g}.npz" if a.folds else None
            if cached is not None and cached.exists():
                with np.load(cached, allow_pickle=False) as arrays:
                    model = LineModel.from_arrays({k: arrays[k] for k in arrays.files})
            else:
                model = trained(train)
                if cached is not None:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    save(model, cached)
            held = score(test, model)
            print(f"| {g} | {held['pages']} | {held['f1']:.3f} ({held['p']:.2f} / {held['r']:.2f}) | "
                  f"{held['low']} | {held['title']:.3f} |", flush=True)
    if not a.no_save:
        model = trained(pages)
        for g in groups:
            s = score([p for p in pages if p["group"] == g], model)
            print(f"in-sample {g}: F1 {s['f1']:.3f} ({s['p']:.2f} / {s['r']:.2f}) low {s['low']} "
                  f"title {s['title']:.3f}", file=sys.stderr)
        save(model, a.out)


if __name__ == "__main__":
    main()
