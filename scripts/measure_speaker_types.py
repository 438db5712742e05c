"""How speakers are typed on the workshop corpus and on real news pages: the share per type.

    python scripts/measure_speaker_types.py                  # shares, workshop + cleaning pool
    python scripts/measure_speaker_types.py --show 30        # plus 30 random typed mentions to check by hand
    python scripts/measure_speaker_types.py --cues learned

Real pages: the plain-text pages (``<id>.txt``) of ../shared/eval/cleaning_pool, read with
``mk.load_article`` as a new user would. Shares are over attribution rows and over distinct
(article, speaker) pairs. The mentions printed by ``--show`` are for checking on screen; their
text stays out of the repository (the pool's pages belong to their publishers).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mediakit as mk  # noqa: E402
from mediakit.features.sources import SPEAKER_TYPES, find_sources  # noqa: E402


def shares(frames: list) -> tuple[dict, dict, int, int]:
    rows: collections.Counter = collections.Counter()
    people: dict = {}
    for k, df in enumerate(frames):
        for speaker, stype in zip(df["speaker"].tolist(), df["speaker_type"].tolist()):
            rows[stype] += 1
            if isinstance(speaker, str) and speaker:
                people[(k, speaker.lower())] = stype
    n_rows = sum(rows.values())
    per_person = collections.Counter(people.values())
    n_people = sum(per_person.values())
    return ({t: rows[t] / n_rows for t in SPEAKER_TYPES} if n_rows else {},
            {t: per_person[t] / n_people for t in SPEAKER_TYPES} if n_people else {}, n_rows, n_people)


def line(name: str, frames: list) -> str:
    by_row, by_person, n_rows, n_people = shares(frames)
    top = ", ".join(f"{t} {by_row.get(t, 0):.2f}" for t in SPEAKER_TYPES)
    return (f"{name}: {len(frames)} articles, {n_rows} attributions, {n_people} (article, speaker) pairs; "
            f"share other {by_row.get('other', 0):.3f} of rows, {by_person.get('other', 0):.3f} of speakers; rows: {top}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pool", default=str(ROOT.parent / "shared" / "eval" / "cleaning_pool"))
    ap.add_argument("--cues", default=None, help="rules | learned (default: find_sources' default)")
    ap.add_argument("--show", type=int, default=0, help="print N random typed mentions from real pages")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    kw = {"cues": args.cues} if args.cues else {}
    workshop = [find_sources(t, **kw) for t in mk.load_workshop()["text"]]
    print(line("workshop corpus", workshop), flush=True)
    pages = sorted(Path(args.pool).glob("*/*.txt"))
    pages = [p for p in pages if not p.name.endswith(".truth.txt")]
    if not pages:
        print(f"no pool pages under {args.pool}; skipped")
        return
    frames, texts = [], []
    for p in pages:
        try:
            art = mk.load_article(p)
        except Exception as e:  # a page the loader refuses is reported, not hidden
            print(f"  skipped {p.name}: {type(e).__name__}: {e}")
            continue
        texts.append(art.text)
        frames.append(find_sources(art.text, **kw))
    print(line("cleaning_pool pages", frames), flush=True)
    if args.show:
        rng = random.Random(args.seed)
        typed = [(k, r) for k, df in enumerate(frames) for r in df.to_dict("records") if isinstance(r["speaker"], str)]
        for k, r in rng.sample(typed, min(args.show, len(typed))):
            t = texts[k]
            lo = min(x for x in (r["speaker_start"], r["cue_start"]) if x is not None and x == x)
            hi = max(x for x in (r["speaker_end"], r["cue_end"]) if x is not None and x == x)
            ctx = t[max(0, lo - 80):hi + 80].replace("\n", " ")
            print(f"- [{r['speaker_type']}] {r['speaker']!r} ({pages[k].parent.name}/{pages[k].stem}): ...{ctx}...")


if __name__ == "__main__":
    main()
