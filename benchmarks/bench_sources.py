#!/usr/bin/env python3
"""find_sources throughput beside a bare tokenizer, with each cue decision (rules, hybrid, learned).

    python benchmarks/bench_sources.py                 # workshop corpus x20 (+ PolNeAR train if present)
    python benchmarks/bench_sources.py --repeat 1

Each line: words/s of ``find_sources(text, cues=...)`` called once per article, and of
``re.findall(r"\\w+")`` over the same texts in the same run, CPU seconds of this process (the
machine is shared; wall time would measure the neighbours), best of ``--repeat`` runs; then
the peak RSS of the process. Nothing here asserts; it prints numbers.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from pathlib import Path

import mediakit as mk
from mediakit.features.sources import find_sources

_POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear_train.jsonl"


def best_seconds(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def corpora() -> dict[str, list[str]]:
    out = {"workshop x20": [t for t in mk.load_workshop()["text"]] * 20}
    if _POLNEAR.exists():
        with open(_POLNEAR, encoding="utf-8") as fh:
            out["PolNeAR train (840)"] = [json.loads(line)["text"] for line in fh if line.strip()]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    find_sources("Officials said talks may resume.", cues="learned")  # lazy loading is not throughput
    for name, texts in corpora().items():
        words = sum(len(re.findall(r"\w+", t)) for t in texts)
        bare = best_seconds(lambda texts=texts: [re.findall(r"\w+", t) for t in texts], args.repeat)
        line = [f"{name}: {words:,} words; re.findall {words / bare:,.0f} words/s"]
        for cues in ("rules", "hybrid", "learned"):
            sec = best_seconds(lambda texts=texts, cues=cues: [find_sources(t, cues=cues) for t in texts], args.repeat)
            line.append(f"find_sources(cues={cues!r}) {words / sec:,.0f} words/s ({sec / bare:.0f}x the tokenizer)")
        print("; ".join(line), flush=True)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
