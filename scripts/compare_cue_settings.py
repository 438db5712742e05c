#!/usr/bin/env python3
"""Rows one cue setting adds to or drops from another's, on real news pages, for reading by hand.

    python scripts/compare_cue_settings.py rules hybrid               # what the tagger's veto removes
    python scripts/compare_cue_settings.py rules learned --show 30    # what the learned cues add

Pages: ``--sets`` of ``../shared/eval/cleaning_pool`` (default the two news sets ``l3s_gn1`` and
``big9_chaos``; ``--pool DIR --sets all`` for every saved page under a folder of your own),
``--pages`` of them drawn with a fixed ``--seed``, loaded as a user would
(``mk.load_article``). A row of B is *added* when no row of A has an overlapping cue, and the
other way round *dropped*. Prints the counts, then ``--show`` rows of each with the text
around the cue (to the terminal only: the pages are not ours to copy).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mediakit as mk  # noqa: E402
from mediakit.features.attribution.pipeline import CUE_MODES  # noqa: E402


def _overlaps(row: dict, spans: list[tuple[int, int]]) -> bool:
    return any(s < row["cue_end"] and row["cue_start"] < e for s, e in spans)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a", choices=CUE_MODES)
    ap.add_argument("b", choices=CUE_MODES)
    ap.add_argument("--pool", default=str(ROOT.parent / "shared" / "eval" / "cleaning_pool"))
    ap.add_argument("--sets", default="l3s_gn1,big9_chaos",
                    help="comma list of subfolders of --pool, or 'all' for every .txt/.html page under it")
    ap.add_argument("--pages", type=int, default=250)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    pool = Path(args.pool)
    if args.sets == "all":
        found = [p for p in pool.rglob("*") if p.suffix in (".txt", ".html")]
    else:
        found = [p for s in args.sets.split(",") for p in pool.glob(f"{s}/*.txt")]
    pages = sorted(p for p in found if not p.name.endswith(".truth.txt"))
    if not pages:
        print(f"no pool pages under {args.pool}; nothing to compare")
        return
    rng = random.Random(args.seed)
    added, dropped = [], []
    for p in rng.sample(pages, min(args.pages, len(pages))):
        try:
            text = mk.load_article(p).text
        except Exception as e:  # a page the loader refuses is reported, not hidden
            print(f"  skipped {p.name}: {type(e).__name__}: {e}")
            continue
        a, b = mk.find_sources(text, cues=args.a), mk.find_sources(text, cues=args.b)
        a_spans, b_spans = list(zip(a.cue_start, a.cue_end)), list(zip(b.cue_start, b.cue_end))
        added += [(r, text) for r in b.to_dict("records") if not _overlaps(r, a_spans)]
        dropped += [(r, text) for r in a.to_dict("records") if not _overlaps(r, b_spans)]
    print(f"{args.b} against {args.a}: {len(added)} rows added, {len(dropped)} dropped")
    for label, rows in (("added", added), ("dropped", dropped)):
        if rows and args.show:
            print(f"== {label}")
        for r, text in rng.sample(rows, min(args.show, len(rows))):
            s = r["cue_start"]
            print(f"- [{r['speaker_type']}] {r['speaker']!r} cue={r['cue']!r}: ...{text[max(0, s - 110):s + 50]!r}")


if __name__ == "__main__":
    main()
