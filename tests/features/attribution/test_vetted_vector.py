"""The vectorised veto keeps exactly the cues of the per-cue loop it replaced."""

import pytest

from mediakit.features.attribution import learned
from mediakit.features.attribution.cues import find_cues
from mediakit.text.doc import Document

TEXTS = [
    'Clinton called the plan "a disaster." Aides said she would press on, according to two officials.',
    "How can we possibly believe them? The project, which aims to cut costs, was announced Monday.",
    "Senator Ann Lee unleashed a broadside against the plan.\n\nJOHN SMITH: We disagree, he told reporters.",
    '"It will not pass," the spokesman said — adding that the vote was "a sham." Critics argued otherwise.',
]


def _loop(doc, cues, margin):
    model = learned.learned_model()
    t = learned.tokens(doc)
    if not cues or len(t.starts) == 0:
        return cues
    z = learned.cue_scores(model, t)
    out = []
    for c in cues:
        if c.kind in ("dash", "colon", "according_to"):
            out.append(c)
            continue
        i, j = learned._token_range(t, c.start, c.end)
        if j > i and z[i:j].max() >= model.cue_threshold - margin:
            out.append(c)
    return tuple(out)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("margin", [-5.0, 0.0, 1.0, 5.0])
def test_vetted_matches_loop(text, margin):
    doc = Document(text)
    for cues in (find_cues(doc), learned.learned_cues(doc)):
        assert learned.vetted(doc, cues, margin=margin) == _loop(doc, cues, margin)
