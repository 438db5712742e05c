"""How speakers are typed on the workshop corpus and on real news pages: the share per type.

    python scripts/measure_speaker_types.py                  # shares, workshop + cleaning pool
    python scripts/measure_speaker_types.py --show 30        # plus 30 random typed mentions to check by hand
    python scripts/measure_speaker_types.py --check 30       # the fixed hand-check sample (docs/speaker_check.md)
    python scripts/measure_speaker_types.py --cues learned

Real pages: the plain-text pages (``<id>.txt``) of ../shared/eval/cleaning_pool, read with
``mk.load_article`` as a new user would; without ../shared only the workshop corpus is measured.
Shares are over attribution rows, over rows that name a speaker, and over distinct (article,
speaker) pairs. The mentions printed by ``--show`` and ``--check`` are for checking on screen;
their text stays out of the repository (the pool's pages belong to their publishers).

``--check N``: one typed mention per page, for N pages, chosen by a fixed rule that does not
depend on the types given: pages in the order of sha1("<set>/<id>"), on each page the row whose
sha1("<set>/<id>|<cue_start>") is smallest among rows that name a speaker.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mediakit as mk  # noqa: E402
from mediakit.features.sources import SPEAKER_TYPES, find_sources  # noqa: E402


def shares(frames: list) -> tuple[dict, dict, int, int, float]:
    rows: collections.Counter = collections.Counter()
    people: dict = {}
    named = named_other = 0
    for k, df in enumerate(frames):
        for speaker, stype in zip(df["speaker"].tolist(), df["speaker_type"].tolist()):
            rows[stype] += 1
            if isinstance(speaker, str) and speaker:
                people[(k, speaker.lower())] = stype
                named += 1
                named_other += stype == "other"
    n_rows = sum(rows.values())
    per_person = collections.Counter(people.values())
    n_people = sum(per_person.values())
    return ({t: rows[t] / n_rows for t in SPEAKER_TYPES} if n_rows else {},
            {t: per_person[t] / n_people for t in SPEAKER_TYPES} if n_people else {}, n_rows, n_people,
            named_other / named if named else 0.0)


def line(name: str, frames: list) -> str:
    by_row, by_person, n_rows, n_people, named_other = shares(frames)
    top = ", ".join(f"{t} {by_row.get(t, 0):.3f}" for t in SPEAKER_TYPES)
    own = sum(int(df["author_voice"].sum()) for df in frames)
    return (f"{name}: {len(frames)} articles, {n_rows} attributions, {n_people} (article, speaker) pairs; "
            f"share other {by_row.get('other', 0):.3f} of rows, {named_other:.3f} of rows with a speaker, "
            f"{by_person.get('other', 0):.3f} of speakers; author's own voice {own / max(n_rows, 1):.3f} of rows; "
            f"rows: {top}")


def _sha(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def check_sample(ids: list[str], frames: list, n: int) -> list[tuple[int, dict]]:
    """The fixed hand-check sample (module docstring): (page index, row) for ``n`` pages."""
    out = []
    for k in sorted(range(len(ids)), key=lambda k: _sha(ids[k])):
        rows = [r for r in frames[k].to_dict("records") if isinstance(r["speaker"], str) and r["speaker"]]
        if rows:
            out.append((k, min(rows, key=lambda r: _sha(f"{ids[k]}|{r['cue_start']}"))))
        if len(out) == n:
            break
    return out


def _context(text: str, r: dict) -> str:
    lo = min(x for x in (r["speaker_start"], r["cue_start"]) if x is not None and x == x)
    hi = max(x for x in (r["speaker_end"], r["cue_end"]) if x is not None and x == x)
    return text[max(0, lo - 160):hi + 80].replace("\n", " ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pool", default=str(ROOT.parent / "shared" / "eval" / "cleaning_pool"))
    ap.add_argument("--cues", default=None, help="rules | learned (default: find_sources' default)")
    ap.add_argument("--show", type=int, default=0, help="print N random typed mentions from real pages")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--check", type=int, default=0, help="print the fixed hand-check sample of N pages")
    args = ap.parse_args()
    kw = {"cues": args.cues} if args.cues else {}
    workshop = [find_sources(t, **kw) for t in mk.load_workshop()["text"]]
    print(line("workshop corpus", workshop), flush=True)
    pages = sorted(Path(args.pool).glob("*/*.txt"))
    pages = [p for p in pages if not p.name.endswith(".truth.txt")]
    if not pages:
        print(f"no pool pages under {args.pool}; skipped")
        return
    frames, texts, ids = [], [], []
    for p in pages:
        try:
            art = mk.load_article(p)
        except Exception as e:  # a page the loader refuses is reported, not hidden
            print(f"  skipped {p.name}: {type(e).__name__}: {e}")
            continue
        texts.append(art.text)
        ids.append(f"{p.parent.name}/{p.stem}")
        frames.append(find_sources(art.text, **kw))
    print(line("cleaning_pool pages", frames), flush=True)
    for name in sorted({i.split("/")[0] for i in ids}):  # the sets differ: news sites, blogs, mixed
        print("  " + line(name, [f for i, f in zip(ids, frames) if i.startswith(name + "/")]), flush=True)
    if args.show:
        rng = random.Random(args.seed)
        typed = [(k, r) for k, df in enumerate(frames) for r in df.to_dict("records") if isinstance(r["speaker"], str)]
        for k, r in rng.sample(typed, min(args.show, len(typed))):
            print(f"- [{r['speaker_type']}] {r['speaker']!r} ({ids[k]}): ...{_context(texts[k], r)}...")
    if args.check:
        for j, (k, r) in enumerate(check_sample(ids, frames, args.check), 1):
            former = " former" if r["former"] else ""
            print(f"{j:2d}. {ids[k]} | {r['speaker']} | {r['speaker_type']}{former} | ...{_context(texts[k], r)}...")

if __name__ == "__main__":
    main()
