"""Speaker and speaker-type accuracy on the team's hand-coded passages.

``tests/fixtures/sources_team_passages.jsonl``: short invented news passages written by the team
(no text from any corpus), each with one target attribution (its cue), the gold speaker, the
gold speaker type and whether the speaker is a former office holder. Odd ids are batch A (the
rules may be tuned on them); even ids are batch B, written and committed before the engine was
run on them and never tuned on (held out). Round 1 (ids 1-64) and round 2 (ids 65-100, harder:
two people, surnames, pronouns, unnamed spokespeople) were each committed before the engine ran
on them.

Scoring (one decision per passage):

- the target row is the first ``find_sources`` row whose cue is the passage's ``cue``
  (case-folded);
- **speaker right**: a gold person or body name equals the row's speaker (case-folded, a leading
  article and end punctuation removed); a gold description ("report", "police officials") counts
  when one of the two contains the other as whole words; a gold ``null`` (a time or event noun
  that cannot speak) is right when no row with that cue names a speaker;
- **type right**: the speaker is right and the row's ``speaker_type`` equals the gold type
  (passages with a gold speaker only).

    python tests/features/attribution/test_team_passages.py     # prints the accuracies
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import mediakit as mk
from mediakit.features.sources import SPEAKER_TYPES

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sources_team_passages.jsonl"
_LEAD = re.compile(r"^(?:the|a|an|one|two|several)\s+")


def passages(batch: str | None = None, round_: int | None = None) -> list[dict]:
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [p for p in rows if (batch is None or p["batch"] == batch) and (round_ is None or p.get("round", 1) == round_)]


def _norm(s: str) -> str:
    s = re.sub(r"\s+", " ", s.lower().replace("’", "'")).strip(" .,;:'\"")
    return _LEAD.sub("", s)


def speaker_right(gold: str | None, rows: list[dict]) -> bool:
    if gold is None:
        return all(not isinstance(r["speaker"], str) for r in rows)
    if not rows or not isinstance(rows[0]["speaker"], str):
        return False
    g, p = _norm(gold), _norm(rows[0]["speaker"])
    if g == p:
        return True
    if gold[:1].isupper():  # a name: exact only
        return False
    return bool(p) and (re.search(rf"\b{re.escape(g)}\b", p) is not None or re.search(rf"\b{re.escape(p)}\b", g) is not None)


def judge(p: dict) -> tuple[bool, bool | None, bool | None]:
    """(speaker right, type right or None when the gold has no speaker, former right or None)."""
    df = mk.find_sources(p["text"])
    rows = [r for r in df.to_dict("records") if r["cue"].lower() == p["cue"]]
    ok = speaker_right(p["speaker"], rows)
    if p["speaker"] is None:
        return ok, None, None
    typ = ok and rows[0]["speaker_type"] == p["speaker_type"]
    former = ok and bool(rows[0]["former"]) == p["former"]
    return ok, typ, former


def score(batch: str, round_: int | None = None) -> dict[str, float]:
    judged = [judge(p) for p in passages(batch, round_)]
    typed = [t for _, t, _ in judged if t is not None]
    formers = [f for _, t, f in judged if f is not None]
    return {"n": len(judged), "speaker": sum(s for s, _, _ in judged) / len(judged),
            "type": sum(typed) / len(typed), "former": sum(formers) / len(formers)}


def test_the_fixture_is_complete():
    ps = passages()
    assert len(ps) >= 60 and len({p["id"] for p in ps}) == len(ps)
    types = set(SPEAKER_TYPES)
    for p in ps:
        assert p["batch"] == ("A" if p["id"] % 2 else "B")
        assert p["speaker_type"] in types or (p["speaker"] is None and p["speaker_type"] is None)
        assert p["cue"].lower() in p["text"].lower()


# Floors a little below the measured values (docs/speaker_check.md: A speaker 1.00, type 1.00;
# held-out B speaker 0.94, type 0.83, over both rounds), so that a rule change that loses
# passages fails here. The target is speaker >= 0.90 on held-out passages.
FLOORS = {"A": {"speaker": 0.96, "type": 0.94}, "B": {"speaker": 0.90, "type": 0.78}}


@pytest.mark.parametrize("batch", ["A", "B"])
def test_accuracy_floors(batch):
    got = score(batch)
    for k, floor in FLOORS[batch].items():
        assert got[k] >= floor, (batch, k, got)


if __name__ == "__main__":
    import sys

    for b in ("A", "B"):
        for rnd in (1, 2, None):
            s = score(b, rnd)
            print(f"batch {b}, round {rnd or 'all'}: {s['n']} passages, speaker {s['speaker']:.3f}, "
                  f"type {s['type']:.3f}, former {s['former']:.3f}")
    if "--misses" in sys.argv:  # batch A only: B is held out and never inspected
        for p in passages("A"):
            ok, typ, former = judge(p)
            if not ok or typ is False or former is False:
                df = mk.find_sources(p["text"])
                print(p["id"], p["speaker"], p["speaker_type"], df[["speaker", "speaker_type", "former", "cue"]].values.tolist())
