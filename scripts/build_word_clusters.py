"""Build the word clusters of the attribution tagger from unlabelled news text (no PolNeAR).

    python scripts/build_word_clusters.py            # writes mediakit/models/word_clusters.npz
    python scripts/build_word_clusters.py --check    # rebuild and compare with the bundled file

Why: the cue tagger learns from 840 annotated articles, so a reporting verb it never saw there
("unleashed", "touted") has no weight of its own. Words used in the same contexts fall in the same
cluster, and a cluster's weight carries over to its unseen members.

Data (read in place from ../shared/eval, nothing copied): the true article bodies of the five
cleaning-pool sets, the AllSides stories of neus_dev.jsonl and the climate articles of the Narrative
Frames set — news text that is in none of the PolNeAR splits, so the clusters cannot leak a test
article into training. Method: every word seen at least 5 times in at least 3 documents; its
counts of left and right neighbours among the 3,000 most frequent words, positive pointwise
mutual information, a 96-dimensional truncated SVD, unit length, k-means with 64 and 320 clusters
(fixed seeds). Output: the words (lower case) and their two cluster numbers; no text.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "mediakit" / "models" / "word_clusters.npz"
SEED = 0
MIN_COUNT, MIN_DOCS, N_CONTEXT, DIMS = 5, 3, 3000, 96
K_COARSE, K_FINE = 64, 320
WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def texts(eval_dir: Path):
    for truth in sorted((eval_dir / "cleaning_pool").glob("*/*.truth.txt")):
        yield truth.read_text(encoding="utf-8", errors="replace")
    for line in (eval_dir / "neus_dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)["text"]
    for line in (eval_dir / "frames" / "narrative_frames.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)["text"]


def words_of(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def build(eval_dir: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    docs = [words_of(t) for t in texts(eval_dir)]
    count: collections.Counter = collections.Counter()
    df: collections.Counter = collections.Counter()
    for d in docs:
        count.update(d)
        df.update(set(d))
    vocab = sorted((w for w, c in count.items() if c >= MIN_COUNT and df[w] >= MIN_DOCS), key=lambda w: (-count[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:N_CONTEXT])}
    rows, cols = [], []
    for d in docs:
        ids = [index.get(w, -1) for w in d]
        cids = [ctx.get(w, -1) for w in d]
        for k in range(len(d)):
            if ids[k] < 0:
                continue
            if k > 0 and cids[k - 1] >= 0:
                rows.append(ids[k])
                cols.append(cids[k - 1])
            if k + 1 < len(d) and cids[k + 1] >= 0:
                rows.append(ids[k])
                cols.append(N_CONTEXT + cids[k + 1])
    m = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * N_CONTEXT)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    pw = np.asarray(m.sum(axis=1)).ravel() / total
    pc = np.asarray(m.sum(axis=0)).ravel() / total
    m = m.tocoo()
    pmi = np.log(m.data / total / (pw[m.row] * pc[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    x = TruncatedSVD(DIMS, random_state=SEED).fit_transform(ppmi)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    coarse = KMeans(K_COARSE, n_init=3, random_state=SEED).fit_predict(x)
    fine = KMeans(K_FINE, n_init=2, random_state=SEED).fit_predict(x)
    stats = {"documents": len(docs), "tokens": int(sum(map(len, docs))), "words": len(vocab)}
    return np.array(vocab, dtype=str), coarse.astype(np.int16), fine.astype(np.int16), stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--check", action="store_true", help="rebuild and compare with the bundled file; write nothing")
    ap.add_argument("--show", help="print the members of the clusters of these comma-separated words")
    args = ap.parse_args()
    words, coarse, fine, stats = build(Path(args.eval_dir))
    print(json.dumps(stats))
    if args.show:
        for w in args.show.split(","):
            if w in set(words):
                i = int(np.flatnonzero(words == w)[0])
                same = words[fine == fine[i]]
                print(f"{w}: fine {fine[i]} ({len(same)} words): {' '.join(same[:40])}")
    if args.check:
        z = np.load(OUT, allow_pickle=False)
        same = np.array_equal(z["words"], words) and np.array_equal(z["coarse"], coarse) and np.array_equal(z["fine"], fine)
        print("identical to the bundled file" if same else "DIFFERS from the bundled file")
        sys.exit(0 if same else 1)
    np.savez_compressed(OUT, words=words, coarse=coarse, fine=fine)
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} kB, {len(words)} words)")


if __name__ == "__main__":
    main()
