#!/usr/bin/env python3
"""Byte-identity check for speed work on the attribution engine and the text layer.

    python benchmarks/check_identical.py            # compare with benchmarks/check_identical.json
    python benchmarks/check_identical.py --record   # write the hashes of the current code

For each corpus (PolNeAR train and dev from ``../shared/eval`` when present, and the bundled
workshop corpus) and each mode (``find_sources`` with ``cues="rules"``, ``"hybrid"`` and ``"learned"``,
``find_hedges``) it hashes, with sha256, the CSV output and the column dtypes of two calls:
the corpus call (a Series or DataFrame: one frame with ``doc_id``) and one call per article
(the single-text frame path), concatenated. An optimisation must leave every hash unchanged.
The recorded hashes come from unmodified main (commit in the JSON). Corpora that are not on
this machine are skipped with a note; the exit status is 1 when any hash differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

import mediakit as mk
from mediakit.text.doc import Document

HERE = Path(__file__).resolve().parent
RECORD = HERE / "check_identical.json"
SHARED = HERE.parents[1] / "shared" / "eval"


def _polnear(name: str):
    path = SHARED / name
    if not path.exists():
        return None
    ids, texts = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                ids.append(rec["id"])
                texts.append(rec["text"])
    return pd.Series(texts, index=ids, name="text")


def corpora() -> dict[str, object]:
    out: dict[str, object] = {}
    for key, name in (("polnear_train", "polnear_train.jsonl"), ("polnear_dev", "polnear_dev.jsonl")):
        s = _polnear(name)
        if s is None:
            print(f"skip {key}: {SHARED / name} not found", flush=True)
        else:
            out[key] = s
    out["workshop"] = mk.load_workshop()
    return out


def _texts(corpus) -> list[str]:
    return corpus["text"].tolist() if isinstance(corpus, pd.DataFrame) else corpus.tolist()


def _digest(frames) -> str:
    h = hashlib.sha256()
    for df in frames:
        h.update(repr(list(df.dtypes.astype(str).items())).encode())
        h.update(df.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return h.hexdigest()


MODES = {
    "sources_rules": lambda x: mk.find_sources(x, cues="rules"),
    "sources_hybrid": lambda x: mk.find_sources(x, cues="hybrid"),
    "sources_learned": lambda x: mk.find_sources(x, cues="learned"),
    "hedges": lambda x: mk.find_hedges(x),
}


def hashes() -> dict[str, str]:
    out: dict[str, str] = {}
    for cname, corpus in corpora().items():
        texts = _texts(corpus)
        for mname, fn in MODES.items():
            out[f"{cname}/{mname}/corpus"] = _digest([fn(corpus)])
            out[f"{cname}/{mname}/each"] = _digest(fn(Document(t)) for t in texts)
            print(f"{cname}/{mname}: done", flush=True)
    return out


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(HERE), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--record", action="store_true", help="write the current hashes to check_identical.json")
    args = ap.parse_args()
    got = hashes()
    if args.record:
        RECORD.write_text(json.dumps({"commit": _commit(), "sha256": got}, indent=1, sort_keys=True) + "\n")
        print(f"recorded {len(got)} hashes in {RECORD}")
        return 0
    want = json.loads(RECORD.read_text())["sha256"]
    bad = [k for k, v in got.items() if want.get(k) != v]
    for k in sorted(got):
        print(f"{'OK  ' if k not in bad else 'DIFF'} {k}")
    missing = sorted(set(want) - set(got))
    if missing:
        print(f"skipped (corpus not here): {len(missing)} hashes")
    print(f"{len(got) - len(bad)} identical, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
