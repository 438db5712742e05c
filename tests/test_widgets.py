"""The explorer widget, driven programmatically (no browser needed)."""

from __future__ import annotations

import pandas as pd
import pytest

ipywidgets = pytest.importorskip("ipywidgets")

import mediakit as mk  # noqa: E402
from mediakit.errors import InputError  # noqa: E402
from mediakit.viz.widgets import ALL_EVENTS, ALL_OUTLETS, Explorer  # noqa: E402


def _corpus() -> pd.DataFrame:
    rows = []
    for e in ("e1", "e2"):
        for o in ("Wire", "Flash", "Ledger"):
            text = f"In {e}, the {o} report says prices may rise.\n\nOfficials disagreed."
            rows.append(dict(doc_id=f"{e}-{o}", event_id=e, event=f"Event {e}", outlet=o,
                             title=f"{o} on {e}", text=text))
    return pd.DataFrame(rows)


def _hedges(corpus: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"]):
        s = text.index("may")
        rows.append(dict(doc_id=doc_id, start=s, end=s + 3, cue="may", category="hedge"))
    return pd.DataFrame(rows)


_SOURCE_COLUMNS = ["doc_id", "speaker", "speaker_type", "kind", "cue", "cue_start", "cue_end",
                   "speaker_start", "speaker_end", "content_start", "content_end", "outlet"]


@pytest.fixture
def explorer() -> Explorer:
    corpus = _corpus()
    return mk.explore(corpus, hedges=_hedges(corpus), sources=pd.DataFrame(columns=_SOURCE_COLUMNS))


def test_starts_on_first_event_with_two_outlets_side_by_side(explorer):
    assert isinstance(explorer, ipywidgets.VBox)
    assert explorer.event.value == "e1"
    assert ("e2: Event e2", "e2") in [tuple(o) for o in explorer.event.options]
    left, right = explorer.panes
    assert left.outlet.value == "Flash" and right.outlet.value == "Ledger"
    assert left.article.value == "e1-Flash" and right.article.value == "e1-Ledger"
    assert "Flash on e1" in left.html.value and "Ledger on e1" in right.html.value
    assert "mk-hedge" in left.html.value


def test_changing_the_event_updates_both_panes(explorer):
    explorer.event.value = "e2"
    assert [p.article.value for p in explorer.panes] == ["e2-Flash", "e2-Ledger"]
    assert "Flash on e2" in explorer.panes[0].html.value


def test_changing_outlet_filters_articles_and_renders(explorer):
    right = explorer.panes[1]
    right.outlet.value = "Wire"
    assert [v for _, v in right.article.options] == ["e1-Wire"]
    assert "Wire on e1" in right.html.value
    right.outlet.value = ALL_OUTLETS
    assert len(right.article.options) == 3


def test_all_events_lists_every_article(explorer):
    explorer.event.value = ALL_EVENTS
    explorer.panes[0].outlet.value = ALL_OUTLETS
    assert len(explorer.panes[0].article.options) == 6


def test_layer_checkboxes_rerender(explorer):
    explorer.layer_boxes["hedges"].value = False
    assert explorer.layers == ("boosters", "sources")
    assert "class=\"mk-hedge\"" not in explorer.panes[0].html.value
    explorer.layer_boxes["hedges"].value = True
    assert "class=\"mk-hedge\"" in explorer.panes[0].html.value


def test_show_jumps_to_an_article_in_another_event(explorer):
    explorer.show("e2-Wire", pane=1)
    assert explorer.event.value == "e2"
    assert explorer.panes[1].article.value == "e2-Wire"
    assert explorer.panes[0].article.value.startswith("e2-")
    with pytest.raises(InputError):
        explorer.show("nope")


def test_corpus_without_events_or_doc_ids():
    corpus = _corpus().drop(columns=["event_id", "event", "doc_id"])
    ex = Explorer(corpus, layers=("boosters",), hedges=pd.DataFrame(columns=["start", "end",
                                                                              "category"]))
    assert ex.event.disabled and ex.event.value == ALL_EVENTS
    assert len(ex.panes[1].article.options) == 2  # Ledger's two articles
    assert "Ledger" in ex.panes[1].html.value


def test_bad_input_is_explained():
    with pytest.raises(InputError, match="DataFrame"):
        mk.explore(["text"])
    with pytest.raises(InputError, match="text"):
        mk.explore(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(InputError, match="unique"):
        mk.explore(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}))
    with pytest.raises(InputError, match="empty"):
        mk.explore(pd.DataFrame({"text": []}))
    with pytest.raises(InputError, match="layer"):
        mk.explore(_corpus(), layers=("glitter",))
