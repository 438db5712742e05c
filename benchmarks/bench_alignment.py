#!/usr/bin/env python3
"""Time and peak memory of mk.align_events on a large synthetic corpus.

    nice -n 10 python benchmarks/bench_alignment.py --n 100000          # 2,000 stories x ~40 outlets
    nice -n 10 python benchmarks/bench_alignment.py --n 100000 --headlines

The corpus imitates what a researcher comparing 40 outlets on 2,000 stories over a year has:
each story has its own names and figures (made-up words), told in 90-word leads mixed with
common vocabulary; ~80% of the articles belong to a story covered by 20-60 outlets, the rest are
stories one outlet covered alone. Dates spread 0-2 days around the story's day. Prints the seconds
(CPU and wall), peak RSS, candidate pairs, ARI against the made-up stories, and, on the same
texts, a bare ``re.findall(r"\\w+")`` for scale. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import re
import resource
import time

import numpy as np
import pandas as pd

import mediakit as mk
from mediakit.comparison.events import pairwise_scores

SYLLABLES = ["ka", "lo", "ven", "tra", "mi", "dor", "sel", "qua", "ri", "bex", "nu", "shan", "pol", "zet", "gri"]


def _word(rng: np.random.Generator, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES, size=parts))


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    common = [_word(rng, 2) for _ in range(3000)]
    zipf = 1.0 / np.arange(1, len(common) + 1)
    zipf /= zipf.sum()
    outlets = [f"Outlet {i:02d}" for i in range(40)]
    rows, story = [], 0
    start = pd.Timestamp("2025-01-01", tz="UTC")
    while len(rows) < n:
        alone = rng.random() < 0.1
        size = 1 if alone else int(rng.integers(20, 61))
        names = [_word(rng, 3).capitalize() for _ in range(4)]
        figure = str(int(rng.integers(10, 100000)))
        topic = list(rng.choice(common[200:], size=12))
        day = start + pd.Timedelta(days=float(rng.uniform(0, 365)))
        for _ in range(min(size, n - len(rows))):
            lead = list(rng.choice(common, size=60, p=zipf))
            lead += list(rng.choice(topic, size=18)) + list(rng.choice(names, size=8)) + [figure]
            rng.shuffle(lead)
            title = " ".join([*rng.choice(names, size=2), *rng.choice(topic, size=3), *rng.choice(common[:300], size=3)])
            rows.append({"doc_id": f"s{len(rows):07d}", "outlet": outlets[int(rng.integers(40))], "title": title,
                         "text": " ".join(lead) + ".", "published": day + pd.Timedelta(days=float(rng.uniform(0, 2))),
                         "story": story})
        story += 1
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--headlines", action="store_true", help="empty bodies: headlines only")
    args = ap.parse_args()
    df = synthetic(args.n)
    if args.headlines:
        df = df.assign(text="")
    words = sum(len(t.split()) + len(h.split()) for t, h in zip(df["text"], df["title"]))
    t0 = time.process_time()
    for t, h in zip(df["text"], df["title"]):
        re.findall(r"\w+", h)
        re.findall(r"\w+", t)
    t_re = time.process_time() - t0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    w0, c0 = time.perf_counter(), time.process_time()
    out = mk.align_events(df)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    s = pairwise_scores(df["story"], out["event_id"])
    print(f"articles {len(df):,}  stories {df['story'].nunique():,}  words {words:,}  "
          f"{'headlines only' if args.headlines else 'headline + 90-word lead'}")
    print(f"align_events: {cpu:.1f} s CPU, {wall:.1f} s wall, {len(df) / cpu:,.0f} articles/s, "
          f"{words / cpu:,.0f} words/s; candidate pairs {out.attrs['align_events']['candidate_pairs']:,}")
    print(f"re.findall(r'\\w+') on the same texts: {t_re:.2f} s CPU, {words / max(t_re, 1e-9):,.0f} words/s "
          f"(align_events is {cpu / max(t_re, 1e-9):,.0f}x slower)")
    print(f"peak RSS {peak:,.0f} MB (corpus built: {rss_before:,.0f} MB)")
    print(f"ARI against the made-up stories {s['ari']:.3f} (pair P {s['pair_precision']:.3f} / R {s['pair_recall']:.3f})")


if __name__ == "__main__":
    main()
