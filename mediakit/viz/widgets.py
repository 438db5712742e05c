"""An ipywidgets explorer: pick an event, an outlet and an article, two articles side by side.

The explorer shows the articles with :func:`mediakit.highlight`; checkboxes switch the layers
(hedges, boosters, sources) on and off. By default the right pane shows the same event as
told by a different outlet, which is what a workshop usually wants to compare.

>>> import mediakit as mk
>>> ex = mk.explore(mk.load_workshop())  # doctest: +SKIP
>>> ex  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd

from ..errors import InputError
from .highlight import DEFAULT_LAYERS, LAYERS, highlight

ALL_EVENTS = "(all events)"
ALL_OUTLETS = "(all outlets)"
_LAYER_LABELS = {"hedges": "hedges", "boosters": "boosters", "approximators": "approximators only",
                 "sources": "sources"}


def _widgets() -> Any:
    try:
        import ipywidgets
    except ImportError:  # pragma: no cover - ipywidgets is a core dependency
        raise InputError("the explorer needs ipywidgets: pip install ipywidgets") from None
    return ipywidgets


class Pane:
    """One side of the explorer: outlet and article dropdowns above the highlighted article."""

    def __init__(self, name: str) -> None:
        w = _widgets()
        self.outlet = w.Dropdown(description="Outlet", layout=w.Layout(width="98%"))
        self.article = w.Dropdown(description="Article", layout=w.Layout(width="98%"))
        self.html = w.HTML(value="")
        self.box = w.VBox([self.outlet, self.article, self.html],
                          layout=w.Layout(width="50%", padding="0 6px"))
        self.name = name
        self.doc_id: Any = None


def explore(
    df: pd.DataFrame,
    hedges: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    layers: Sequence[str] = DEFAULT_LAYERS,
) -> Explorer:
    """An interactive explorer of a corpus DataFrame (returns the widget; display it in a cell).

    ``df`` needs ``text`` (and ideally ``doc_id``, ``outlet``, ``title``, ``event_id``).
    Pass the corpus tables of ``find_hedges(df)`` / ``find_sources(df)`` as ``hedges=`` /
    ``sources=`` to avoid recomputing them.

    >>> import mediakit as mk
    >>> mk.explore(mk.load_workshop())  # doctest: +SKIP
    """
    return Explorer(df, hedges=hedges, sources=sources, layers=layers)


def _explorer_base() -> type:
    return _widgets().VBox


class Explorer(_explorer_base()):  # type: ignore[misc]
    """The explorer widget (an ``ipywidgets.VBox``).

    Attributes a notebook (or a test) can drive: ``event`` (Dropdown), ``layer_boxes``
    (name -> Checkbox), ``panes`` (two :class:`Pane` with ``outlet``, ``article``, ``html``).
    ``show(doc_id, pane=0)`` selects an article programmatically.
    """

    def __init__(self, df: pd.DataFrame, hedges: pd.DataFrame | None = None,
                 sources: pd.DataFrame | None = None, layers: Sequence[str] = DEFAULT_LAYERS) -> None:
        w = _widgets()
        corpus = _check_corpus(df)
        layers = tuple(layers)
        unknown = [lay for lay in layers if lay not in LAYERS]
        if unknown:
            raise InputError(f"unknown layer(s) {unknown}; choose from {list(LAYERS)}")
        self.corpus = corpus
        self.hedges = hedges
        self.sources = sources
        self._updating = False
        self._cache: dict[tuple[Any, tuple[str, ...]], str] = {}
        has_events = corpus["event_id"].notna().any()
        events = sorted(corpus["event_id"].dropna().astype(str).unique()) if has_events else []
        names = {}
        if "event" in corpus.columns:  # the workshop corpus names its events
            for e, name in zip(corpus["event_id"].astype(str), corpus["event"]):
                if isinstance(name, str) and name:
                    names.setdefault(e, name)
        options = [(ALL_EVENTS, ALL_EVENTS)] + [
            (_shorten(f"{e}: {names[e]}" if e in names else e, 70), e) for e in events]
        self.event = w.Dropdown(
            options=options,
            value=events[0] if events else ALL_EVENTS,
            description="Event", disabled=not events, layout=w.Layout(width="40%"))
        self.layer_boxes = {
            name: w.Checkbox(value=name in layers, description=_LAYER_LABELS[name], indent=False,
                             layout=w.Layout(width="auto", margin="0 12px 0 0"))
            for name in ("hedges", "boosters", "sources")
        }
        self.panes = [Pane("left"), Pane("right")]
        controls = w.HBox([self.event, w.HBox(list(self.layer_boxes.values()))],
                          layout=w.Layout(align_items="center", justify_content="space-between"))
        super().__init__([controls, w.HBox([p.box for p in self.panes])])
        self.event.observe(self._on_event, names="value")
        for box in self.layer_boxes.values():
            box.observe(self._on_layers, names="value")
        for pane in self.panes:
            pane.outlet.observe(lambda change, p=pane: self._on_outlet(p), names="value")
            pane.article.observe(lambda change, p=pane: self._on_article(p), names="value")
        self._on_event(None)

    # -------------------------------------------------------------- driving it

    @property
    def layers(self) -> tuple[str, ...]:
        """The layers currently switched on."""
        return tuple(name for name, box in self.layer_boxes.items() if box.value)

    def show(self, doc_id: Any, pane: int = 0) -> None:
        """Show article ``doc_id`` in pane 0 (left) or 1 (right), switching event and outlet."""
        rows = self.corpus[self.corpus["doc_id"] == doc_id]
        if rows.empty:
            raise InputError(f"no article with doc_id {doc_id!r} in this corpus")
        row = rows.iloc[0]
        target = self.panes[pane]
        with self._quiet():
            event = row["event_id"]
            if len(self.event.options) > 1 and isinstance(event, str):
                if self.event.value != event:
                    self.event.value = event
                    for p in self.panes:
                        if p is not target:
                            self._fill(p)
            self._fill(target, outlet=str(row["outlet"]) if pd.notna(row["outlet"]) else None,
                       doc_id=doc_id)
        self._render_all()

    # -------------------------------------------------------------- callbacks

    def _on_event(self, change: Any) -> None:
        if self._updating:
            return
        with self._quiet():
            outlets = self._outlets()
            for i, pane in enumerate(self.panes):
                # The right pane starts on another outlet: the same story told differently.
                self._fill(pane, outlet=outlets[i] if i < len(outlets) else None)
        self._render_all()

    def _on_outlet(self, pane: Pane) -> None:
        if self._updating:
            return
        with self._quiet():
            self._fill(pane, outlet=pane.outlet.value)
        self._render(pane)

    def _on_article(self, pane: Pane) -> None:
        if self._updating:
            return
        self._render(pane)

    def _on_layers(self, change: Any) -> None:
        self._render_all()

    # -------------------------------------------------------------- internals

    @contextmanager
    def _quiet(self) -> Any:
        """Change dropdowns without each change re-rendering (one render at the end)."""
        before = self._updating
        self._updating = True
        try:
            yield
        finally:
            self._updating = before

    def _in_event(self) -> pd.DataFrame:
        if self.event.value == ALL_EVENTS:
            return self.corpus
        return self.corpus[self.corpus["event_id"].astype(str) == self.event.value]

    def _outlets(self) -> list[str]:
        return sorted(self._in_event()["outlet"].dropna().astype(str).unique())

    def _fill(self, pane: Pane, outlet: str | None = None, doc_id: Any = None) -> None:
        """Set a pane's outlet options and value, then its article options and value."""
        outlets = self._outlets()
        pane.outlet.options = [ALL_OUTLETS, *outlets]
        pane.outlet.value = outlet if outlet in outlets else ALL_OUTLETS
        rows = self._in_event()
        if pane.outlet.value != ALL_OUTLETS:
            rows = rows[rows["outlet"].astype(str) == pane.outlet.value]
        options = [(_label(r), r["doc_id"]) for r in rows.to_dict("records")]
        pane.article.options = options
        ids = [v for _, v in options]
        if doc_id is not None and doc_id in ids:
            pane.article.value = doc_id
        else:
            pane.article.value = ids[0] if ids else None

    def _render_all(self) -> None:
        for pane in self.panes:
            self._render(pane)

    def _render(self, pane: Pane) -> None:
        doc_id = pane.article.value
        pane.doc_id = doc_id
        if doc_id is None:
            pane.html.value = "<p style='color:#777'><i>No article for this choice.</i></p>"
            return
        key = (doc_id, self.layers)
        if key not in self._cache:
            row = self.corpus[self.corpus["doc_id"] == doc_id].iloc[0]
            self._cache[key] = str(highlight(row, layers=self.layers, hedges=self.hedges,
                                             sources=self.sources))
        pane.html.value = self._cache[key]


def _check_corpus(df: Any) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"explore() needs a corpus DataFrame, got {type(df).__name__}")
    if "text" not in df.columns:
        raise InputError("explore() needs a 'text' column (load articles with mk.load_corpus)")
    if df.empty:
        raise InputError("explore() got an empty corpus: there is nothing to show")
    corpus = df.copy()
    if "doc_id" not in corpus.columns:
        corpus["doc_id"] = [str(i) for i in corpus.index]
    if corpus["doc_id"].duplicated().any():
        dupes = corpus.loc[corpus["doc_id"].duplicated(), "doc_id"].head(3).tolist()
        raise InputError(f"doc_id values must be unique; repeated: {dupes}")
    for col in ("outlet", "event_id", "title"):
        if col not in corpus.columns:
            corpus[col] = None
    return corpus


def _label(row: dict[str, Any]) -> str:
    title = row.get("title")
    if not isinstance(title, str) or not title.strip():
        title = " ".join(str(row.get("text") or "").split()[:10]) or str(row["doc_id"])
    outlet = row.get("outlet")
    label = f"{outlet}: {title}" if isinstance(outlet, str) and outlet else title
    return _shorten(label, 90)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
