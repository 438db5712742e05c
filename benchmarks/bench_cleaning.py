#!/usr/bin/env python3
"""Plain-text page cleaning speed: pages/s beside a bare tokenizer, peak RSS, pathological pages.

    python benchmarks/bench_cleaning.py pages        # pages/s on ../shared/eval cleaning pages
    python benchmarks/bench_cleaning.py pathological # seconds for 1x, 2x, 4x of hostile pages

``pages`` runs ``mk.parse_article(raw, format="text")`` (normalisation, line model, metadata)
over every page of ``../shared/eval/cleaning_dev`` and ``cleaning_pool`` (or ``--dir``), and a
bare ``re.findall(r"\\w+")`` over the same text, in CPU seconds of this process (the machine is
shared; wall time would measure the neighbours). ``pathological`` doubles the size of hostile
inputs (one 2 MB line, 50,000 one-word lines, a page of 20,000 copies of one line) and prints the
time of each: linear time shows as a ratio near 2 per doubling. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from pathlib import Path

import mediakit as mk

ROOT = Path(__file__).resolve().parent.parent


def cpu() -> float:
    return time.process_time()


def read_pages(dirs: list[Path]) -> list[str]:
    pages = []
    for d in dirs:
        for manifest in sorted(d.rglob("manifest.jsonl")):
            for line in manifest.read_text(encoding="utf8").splitlines():
                row = json.loads(line)
                pages.append((manifest.parent / row["files"]["text"]).read_text(encoding="utf8"))
    return pages


def bench_pages(dirs: list[Path]) -> None:
    pages = read_pages(dirs)
    if not pages:
        print(f"no pages under {', '.join(map(str, dirs))} (needs ../shared/eval)")
        return
    mk.parse_article(pages[0], format="text")  # lexicons and weights load once, outside the timing
    t0 = cpu()
    for raw in pages:
        mk.parse_article(raw, format="text")
    clean = cpu() - t0
    t0 = cpu()
    for raw in pages:
        re.findall(r"\w+", raw)
    bare = cpu() - t0
    mb = sum(len(p) for p in pages) / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pages={len(pages)} text={mb:.1f} MB")
    print(f"parse_article(format='text'): {len(pages) / clean:.0f} pages/s ({mb / clean:.2f} MB/s)")
    print(f"re.findall(r'\\w+'):           {len(pages) / bare:.0f} pages/s ({mb / bare:.2f} MB/s)")
    print(f"ratio bare/clean: {clean / bare:.0f}x   peak RSS: {rss:.0f} MB")


def hostile(kind: str, scale: int) -> str:
    if kind == "one long line":
        return ("word " * 400_000 * scale)[:2_000_000 * scale]
    if kind == "one-word lines":
        return "\n".join(f"Item{i % 97}" for i in range(50_000 * scale))
    return "\n".join(["Share this story on Facebook and Twitter today."] * 20_000 * scale)


def bench_pathological() -> None:
    for kind in ("one long line", "one-word lines", "repeated line"):
        times = []
        for scale in (1, 2, 4):
            text = hostile(kind, scale)
            t0 = cpu()
            mk.parse_article(text, format="text")
            times.append(cpu() - t0)
        ratios = " ".join(f"{b / a:.1f}" for a, b in zip(times, times[1:]) if a > 0)
        print(f"{kind:15s} " + "  ".join(f"{t:.2f}s" for t in times) + f"   ratios {ratios}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["pages", "pathological"])
    ap.add_argument("--dir", type=Path, nargs="*",
                    default=[ROOT.parent / "shared" / "eval" / "cleaning_dev",
                             ROOT.parent / "shared" / "eval" / "cleaning_pool"])
    a = ap.parse_args()
    if a.what == "pages":
        bench_pages(a.dir)
    else:
        bench_pathological()


if __name__ == "__main__":
    main()
