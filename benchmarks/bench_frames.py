#!/usr/bin/env python3
"""Throughput of mk.detect_frames beside a bare ``re.findall(r"\\w+")`` on the same text, and peak RSS.

    python benchmarks/bench_frames.py            # 2,000 synthetic articles, both schemes
    python benchmarks/bench_frames.py --n 5000

The corpus recombines paragraphs of the bundled workshop corpus (seeded). Times are CPU seconds
of this process (the machine is shared), best of 3; the first (cold) pass, which fills the
per-word cue cache, is reported separately. Nothing here asserts; it prints numbers.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import time

import pandas as pd

import mediakit as mk


def corpus(n: int, seed: int = 0) -> pd.DataFrame:
    paras = [p for t in mk.load_workshop()["text"] for p in t.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    texts = ["\n\n".join(rng.choice(paras) for _ in range(rng.randint(4, 9))) for _ in range(n)]
    return pd.DataFrame({"doc_id": range(n), "text": texts})


def cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    df = corpus(args.n)
    words = sum(len(re.findall(r"\w+", t)) for t in df["text"])
    print(f"{args.n} articles, {words:,} words")
    bare = min(cpu(lambda: [re.findall(r"\w+", t) for t in df["text"]]) for _ in range(3))
    print(f"| stage | words/s | x bare tokenizer time |\n|---|---|---|\n| re.findall(r'\\w+') | {words / bare:,.0f} | 1.0 |")
    cold = cpu(lambda: mk.detect_frames(df))
    print(f"| detect_frames mfc, cold (first call: lexicon load + word cache) | {words / cold:,.0f} | {cold / bare:.1f} |")
    for scheme in ("mfc", "generic"):
        for ev in (True, False):
            s = min(cpu(lambda sc=scheme, e=ev: mk.detect_frames(df, scheme=sc, evidence=e)) for _ in range(3))
            print(f"| detect_frames {scheme}, evidence={ev} | {words / s:,.0f} | {s / bare:.1f} |")
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
