#!/usr/bin/env python3
"""How well find_hedges' voice matches annotated attributed speech (PolNeAR), and whether its
speakers agree with find_sources.

    python scripts/eval_hedge_voice.py ../shared/eval/polnear_dev.jsonl

For every hedge, booster and approximator row: is it inside an annotated attribution's content
(its ``parts`` when the annotation is discontinuous)? Prints the share of such cues marked
quoted/reported (recall), the share of quoted/reported cues inside annotated content
(precision), how often a named speaker shares a word with the annotated source, and how many
attributed hedges name a speaker that find_sources does not name for that stretch of text.
"""

from __future__ import annotations

import argparse
import json
import re

import pandas as pd

import mediakit as mk


def _content_spans(attr: dict) -> list[tuple[int, int, str]]:
    src = (attr.get("source") or [None, None, ""])[2] or ""
    parts = (attr.get("parts") or {}).get("content")
    if parts:
        return [(s, e, src) for s, e in parts]
    c = attr.get("content")
    return [(c[0], c[1], src)] if c else []


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    a = ap.parse_args()
    inside = inside_marked = marked = marked_inside = named = named_agree = disagree = 0
    with open(a.data, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec["text"]
            spans = [s for att in rec["attributions"] for s in _content_spans(att)]
            doc = mk.Document(text) if "Document" in mk.__all__ else text  # older versions: the str
            hedges = mk.find_hedges(doc)
            sources = mk.find_sources(doc)
            speakers = set(sources["speaker"].dropna())
            for h in hedges.itertuples():
                gold = [s for s in spans if s[0] <= h.start and h.end <= s[1]]
                is_marked = h.voice != "author"
                inside += bool(gold)
                inside_marked += bool(gold) and is_marked
                marked += is_marked
                marked_inside += is_marked and bool(gold)
                if is_marked and not pd.isna(h.speaker):
                    disagree += h.speaker not in speakers
                    if gold and gold[0][2]:
                        named += 1
                        ours = set(re.findall(r"\w+", str(h.speaker).lower()))
                        named_agree += bool(ours & set(re.findall(r"\w+", gold[0][2].lower())))
    print(f"cues inside annotated attributed content: {inside}; marked quoted/reported: {inside_marked} "
          f"({inside_marked / max(inside, 1):.0%})")
    print(f"cues marked quoted/reported: {marked}; inside annotated content: {marked_inside} "
          f"({marked_inside / max(marked, 1):.0%})")
    print(f"named speaker shares a word with the annotated source: {named_agree}/{named} "
          f"({named_agree / max(named, 1):.0%})")
    print(f"attributed cues whose speaker find_sources does not name in the article: {disagree}")


if __name__ == "__main__":
    main()
