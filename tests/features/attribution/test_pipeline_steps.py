"""The engine's steps: frozen records flowing one way, and replaceable cue and span steps."""

from __future__ import annotations

import dataclasses

import pytest

from mediakit.features.attribution import (
    Cue,
    Speaker,
    attribute,
    find_cues,
    find_spans,
    table,
    type_speakers,
)
from mediakit.text.doc import Document

TEXT = '"We will not back down," Ben Wallace said. According to Peskov, talks are over.'


def test_each_step_returns_frozen_records_in_text_order():
    res = attribute(Document(TEXT))
    assert [c.start for c in res.cues] == sorted(c.start for c in res.cues)  # candidates ("back" too)
    assert {"said", "according to"} <= {c.form for c in res.cues}
    assert [s.cue for s in res.spans] == ["said", "According to"]
    assert [sp.name for sp in res.speakers] == ["Ben Wallace", "Peskov"]
    for rec in (*res.cues, *res.spans, *res.speakers, *res.types):
        with pytest.raises((AttributeError, TypeError, dataclasses.FrozenInstanceError)):
            rec.start = 0  # NamedTuples: no attribute can be set


def test_cue_step_can_be_replaced():
    doc = Document(TEXT)

    def only_according_to(d: Document) -> tuple[Cue, ...]:
        return tuple(c for c in find_cues(d) if c.kind == "according_to")

    res = attribute(doc, cue_finder=only_according_to)
    assert table(res)["speaker"].tolist() == ["Peskov"]


def test_span_step_can_be_replaced():
    doc = Document(TEXT)

    def first_only(d, cues):
        return find_spans(d, cues)[:1]

    res = attribute(doc, span_finder=first_only)
    assert table(res)["speaker"].tolist() == ["Ben Wallace"]


def _speaker(name, typ, role, person=True):
    return Speaker(name, typ, person, False, 0, 1, name, None, role)


def test_one_person_keeps_one_type():
    rows = [_speaker("Ann Lee", "official", "official"), _speaker("Ann Lee", "other", None),
            _speaker("Ann Lee", "official", None), _speaker("Bo Kim", "other", None)]
    assert [t.speaker_type for t in type_speakers(rows)] == ["official", "official", "official", "other"]
    assert [t.changed for t in type_speakers(rows)] == [False, True, False, False]


def test_a_person_with_two_stated_roles_gets_one_type():
    # one type per person per article (issue 14): the first stated role when two are stated once each
    rows = [_speaker("Ann Lee", "official", "official"), _speaker("Ann Lee", "expert", "expert")]
    assert [t.speaker_type for t in type_speakers(rows)] == ["official", "official"]


def test_text_with_one_person_typed_once():
    t = ("Minister Ann Lee said the plan will pass. Ann Lee said more talks were needed. "
         "Ann Lee added that costs would fall.")
    assert set(table(attribute(Document(t)))["speaker_type"]) == {"official"}
