"""Highlight hedges, boosters and cited sources in an article, as self-contained HTML.

The HTML has inline CSS only (no CDN, no JavaScript): it displays in Jupyter, in an e-mail, or
saved as a file. Hedges, boosters and approximators get a background colour; a cited source
gets its speaker in bold with a bar in the colour of its speaker type, its reporting cue
("said") boxed, and what was attributed to it underlined with a dotted line. Hovering shows
the details (``title=`` tooltips). Overlapping and nested spans are cut into segments, each
segment carrying every mark that covers it. All article text is escaped.

>>> import mediakit as mk
>>> html = mk.highlight("The plan may work, the minister said.")
>>> html.save("/tmp/article.html")  # doctest: +SKIP
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError, SchemaError
from .style import CATEGORY_COLORS, OKABE_ITO, SPEAKER_COLORS, SPEAKER_TYPES, text_color_on, tint

#: Layer names accepted by ``layers=``; "hedges" also shows approximators (a kind of hedge).
LAYERS = ("hedges", "boosters", "approximators", "sources")
DEFAULT_LAYERS = ("hedges", "boosters", "sources")
_LAYER_CATEGORIES = {"hedges": {"hedge", "approximator"}, "boosters": {"booster"},
                     "approximators": {"approximator"}}
_CATEGORY_CLASS = {"hedge": "mk-hedge", "booster": "mk-booster", "approximator": "mk-approx"}
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


class Highlighted(str):
    """The HTML of a highlighted article: a ``str`` that displays itself in Jupyter.

    ``str(h)`` is an HTML fragment (with its own ``<style>``), ``h.page()`` a complete HTML
    document and ``h.save(path)`` writes that document.
    """

    title: str | None = None

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        name = f" {self.title!r}" if self.title else ""
        return (f"<Highlighted article{name}: {len(self):,} characters of HTML; "
                "displays in a notebook, or .save('article.html')>")

    def page(self) -> str:
        """A complete, self-contained HTML document."""
        title = htmllib.escape(self.title or "mediakit highlight")
        return (
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{title}</title>\n</head>\n"
            "<body style=\"margin:2em auto; max-width:52em; background:#f6f6f6\">\n"
            f"{self}\n</body>\n</html>\n"
        )

    def save(self, path: str | Path) -> Path:
        """Write :meth:`page` to ``path`` (UTF-8) and return the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.page(), encoding="utf-8")
        return path


@dataclass(frozen=True)
class Mark:
    """One highlighted span: CSS classes, a tooltip, and an optional label shown after it."""

    start: int
    end: int
    classes: tuple[str, ...]
    title: str
    tag: str | None = None
    tag_class: str = ""


def highlight(
    article: Any,
    layers: Sequence[str] | str = DEFAULT_LAYERS,
    hedges: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    labels: bool = True,
    title: str | None = None,
    cues: str | None = None,
) -> Highlighted:
    """Self-contained HTML of an article with hedges, boosters and sources marked.

    ``article`` is an :class:`~mediakit.Article`, a text, or one row of a corpus DataFrame
    (``df.iloc[0]``). ``layers`` chooses what to mark: ``"hedges"`` (with approximators),
    ``"boosters"``, ``"approximators"``, ``"sources"``. Precomputed tables from
    ``find_hedges`` / ``find_sources`` can be passed as ``hedges=`` / ``sources=`` (corpus
    tables are narrowed to this article's ``doc_id``); otherwise they are computed here.
    ``labels=False`` hides the small speaker-type tags after each source. ``cues=`` chooses the
    attribution engine's cue decisions when the sources are computed here, exactly as
    ``find_sources(text, cues=...)`` does ("hybrid", the default, "rules" or "learned"); the marks are
    then the rows of that table, one for one.

    >>> import mediakit as mk
    >>> mk.highlight("Prices could rise sharply, analysts said.", layers=["hedges"])  # doctest: +ELLIPSIS
    <Highlighted article: ... characters of HTML; displays in a notebook, or .save('article.html')>
    """
    layers = _check_layers(layers)
    text, meta = _document(article)
    if title is not None:
        meta["title"] = title
    marks: list[Mark] = []
    counts: dict[str, int] = {}
    notes: list[str] = []
    cue_layers = [lay for lay in layers if lay in _LAYER_CATEGORIES]
    if cue_layers:
        table = hedges
        if table is None:
            table, note = _compute("hedging", "find_hedges", text)
            if note:
                notes.append(note)
        else:
            table, note = _one_document(table, meta.get("doc_id"), "hedges")
            if note:
                notes.append(note)
        if table is not None:
            wanted = set().union(*(_LAYER_CATEGORIES[lay] for lay in cue_layers))
            marks += _cue_marks(table, text, wanted, counts)
    if "sources" in layers:
        table = sources
        if table is None:
            table, note = _compute("sources", "find_sources", text, cues=cues)
            if note:
                notes.append(note)
        else:
            table, note = _one_document(table, meta.get("doc_id"), "sources")
            if note:
                notes.append(note)
        if table is not None:
            marks += _source_marks(table, text, counts, labels)
    body = _render_body(text, marks)
    out = Highlighted(
        "<div class=\"mk-hl\">" + _STYLE + _render_header(meta) + body
        + _render_legend(layers, counts, marks, notes) + "</div>"
    )
    out.title = meta.get("title")
    return out


# ---------------------------------------------------------------- inputs


def _check_layers(layers: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(layers, str):
        layers = (layers,)
    layers = tuple(layers)
    unknown = [lay for lay in layers if lay not in LAYERS]
    if unknown:
        raise InputError(f"unknown layer(s) {unknown}; choose from {list(LAYERS)}")
    return layers


def _document(obj: Any) -> tuple[str, dict[str, Any]]:
    """The text and display metadata of an Article, a str, a corpus row or a one-row table."""
    fields = ("title", "outlet", "author", "published", "doc_id", "url")
    if isinstance(obj, str):
        return obj, {}
    if isinstance(obj, pd.DataFrame):
        if len(obj) != 1:
            raise InputError(
                f"highlight() shows one article but got a table of {len(obj)} rows; "
                "pass one row, e.g. df.iloc[0], or use mk.explore(df) to browse a corpus"
            )
        obj = obj.iloc[0]
    if isinstance(obj, (pd.Series, dict)):
        get = obj.get
        if "text" not in obj:
            raise SchemaError("highlight() needs a 'text' field in the row or dict it is given")
    elif hasattr(obj, "text"):
        def get(key: str, default: Any = None) -> Any:
            return getattr(obj, key, default)
    else:
        raise InputError(
            f"highlight() needs an Article, a text or one corpus row, got {type(obj).__name__}"
        )
    text = get("text")
    if text is None or (isinstance(text, float) and text != text):
        text = ""
    if not isinstance(text, str):
        raise InputError(f"the article text must be a str, got {type(text).__name__}")
    meta = {}
    for key in fields:
        value = get(key, None)
        if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
            continue
        meta[key] = value
    return text, meta


def _compute(module: str, name: str, text: str, **options: Any) -> tuple[pd.DataFrame | None, str | None]:
    """Run a feature finder; say so in the legend when it is not installed rather than fail."""
    import importlib

    try:
        fn = getattr(importlib.import_module(f"mediakit.features.{module}"), name)
    except (ImportError, AttributeError):
        return None, f"{name} is not available in this version of mediakit, so this layer is empty"
    return fn(text, **options), None


def _one_document(table: pd.DataFrame, doc_id: Any, name: str) -> tuple[pd.DataFrame, str | None]:
    """This article's rows of a corpus table, and a note when none matched its doc_id."""
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"{name}= must be a DataFrame (from find_{name}), got {type(table).__name__}")
    if "doc_id" not in table.columns or table.empty:
        return table, None
    ids = table["doc_id"].unique()
    if doc_id is not None:
        rows = table[table["doc_id"] == doc_id]
        note = None
        if rows.empty and len(ids) > 1:
            # Either the article has no marks or the table is from another corpus: say so.
            note = (f"the {name}= table has no rows for doc_id {doc_id!r} "
                    f"(it covers {len(ids)} other articles): either this article has no "
                    f"{name}, or the table was computed from another corpus")
        return rows, note
    if len(ids) > 1:
        raise InputError(
            f"the {name}= table covers {len(ids)} articles (doc_id column) and this article has "
            "no doc_id; pass the article as a corpus row (df.iloc[i]) or only its rows"
        )
    return table, None


def _offset(value: Any) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(f"span offsets must be whole numbers, found {value!r}") from None


def _check_span(start: int | None, end: int | None, text: str, name: str, row: int) -> bool:
    """True when the span can be drawn; raise when it cannot belong to this text."""
    if start is None or end is None:
        return False
    if not 0 <= start <= end <= len(text):
        raise InputError(
            f"the {name} table does not fit this text: row {row} spans {start}-{end} but the text "
            f"has {len(text)} characters; pass the table computed from this article"
        )
    return end > start


# ---------------------------------------------------------------- marks


def _cue_marks(table: pd.DataFrame, text: str, wanted: set[str], counts: dict[str, int]) -> list[Mark]:
    missing = [c for c in ("start", "end", "category") if c not in table.columns]
    if missing:
        raise SchemaError(f"the hedges table lacks {missing}; it should come from find_hedges")
    marks = []
    for i, row in enumerate(table.to_dict("records")):
        category = str(row["category"])
        if category not in _CATEGORY_CLASS:
            raise InputError(f"unknown hedge category {category!r} in row {i}; "
                             f"expected one of {list(_CATEGORY_CLASS)}")
        start, end = _offset(row["start"]), _offset(row["end"])
        if not _check_span(start, end, text, "hedges", i):
            continue
        cue = row.get("cue")
        if isinstance(cue, str) and cue != text[start:end]:
            raise InputError(
                f"the hedges table does not fit this text: row {i} says {cue!r} but the text "
                f"there reads {text[start:end]!r}; pass the table computed from this article"
            )
        if category not in wanted:
            continue
        counts[category] = counts.get(category, 0) + 1
        marks.append(Mark(start, end, (_CATEGORY_CLASS[category],), _cue_title(row, text[start:end])))
    return marks


def _cue_title(row: dict[str, Any], surface: str) -> str:
    bits = [f"{row['category']}: “{surface}”"]
    kind = row.get("kind")
    if isinstance(kind, str) and kind != row["category"]:
        bits[0] += f" ({kind.replace('_', ' ')})"
    if row.get("negated") is True:
        bits.append("negated")
    voice = row.get("voice")
    speaker = row.get("speaker")
    if isinstance(voice, str):
        who = f" ({speaker})" if isinstance(speaker, str) and speaker else ""
        bits.append({"author": "journalist's own voice", "quoted": f"in a quote{who}",
                     "reported": f"reported speech{who}"}.get(voice, voice))
    return " · ".join(bits)


def _source_marks(table: pd.DataFrame, text: str, counts: dict[str, int], labels: bool) -> list[Mark]:
    offsets = ("speaker_start", "speaker_end", "cue_start", "cue_end", "content_start", "content_end")
    missing = [c for c in offsets if c not in table.columns]
    if missing:
        raise SchemaError(f"the sources table lacks {missing}; it should come from find_sources")
    marks = []
    tagged: set[tuple[int, int]] = set()  # one type badge per speaker mention, however many cues
    for i, row in enumerate(table.to_dict("records")):
        speaker = row.get("speaker") if isinstance(row.get("speaker"), str) else None
        stype = row.get("speaker_type") if isinstance(row.get("speaker_type"), str) else "other"
        css_type = stype if stype in SPEAKER_TYPES else "other"
        kind = row.get("kind") if isinstance(row.get("kind"), str) else "attribution"
        who = f"{speaker or 'unnamed source'} ({stype})"
        via = row.get("outlet")
        via = f" · via {via}" if isinstance(via, str) and via else ""
        counts["sources"] = counts.get("sources", 0) + 1
        counts[f"type:{css_type}"] = counts.get(f"type:{css_type}", 0) + 1
        t = f"mk-t-{css_type}"
        spans = {
            "speaker": (row["speaker_start"], row["speaker_end"]),
            "cue": (row["cue_start"], row["cue_end"]),
            "content": (row["content_start"], row["content_end"]),
        }
        for part, (s, e) in spans.items():
            s, e = _offset(s), _offset(e)
            if not _check_span(s, e, text, "sources", i):
                continue
            if part == "speaker":
                badge = stype if labels and (s, e) not in tagged else None
                tagged.add((s, e))
                marks.append(Mark(s, e, ("mk-speaker", t),
                                  f"source: {who} · {kind} attribution{via}",
                                  tag=badge, tag_class=t))
            elif part == "cue":
                marks.append(Mark(s, e, ("mk-cue",), f"attribution cue “{text[s:e]}” → {who}"))
            else:
                marks.append(Mark(s, e, ("mk-content", t), f"attributed to {who} · {kind}{via}"))
    return marks


# ---------------------------------------------------------------- rendering


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the paragraphs (separated by blank lines), blank ones left out."""
    spans, start = [], 0
    for m in _PARA_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def segments(start: int, end: int, marks: Iterable[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """Cut ``[start, end)`` at every mark boundary; each piece lists the marks covering it."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = {start, end}
    for m in inside:
        cuts.update((max(m.start, start), min(m.end, end)))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        out.append((a, b, [m for m in inside if m.start <= a and m.end >= b]))
    return out


def _render_body(text: str, marks: list[Mark]) -> str:
    marks = sorted(marks, key=lambda m: (m.start, -m.end))
    if not text.strip():
        return "<p class=\"mk-empty\">(this article has no text)</p>"
    parts = []
    for ps, pe in paragraphs(text):
        pieces = []
        for a, b, active in segments(ps, pe, marks):
            chunk = _escape(text[a:b])
            if active:
                classes = " ".join(dict.fromkeys(c for m in active for c in m.classes))
                tip = "\n".join(dict.fromkeys(m.title for m in active))
                chunk = f"<span class=\"{classes}\" title=\"{htmllib.escape(tip)}\">{chunk}</span>"
            pieces.append(chunk)
            for m in active:
                if m.tag and m.end == b:
                    pieces.append(f"<span class=\"mk-tag {m.tag_class}\" aria-hidden=\"true\">"
                                  f"{htmllib.escape(m.tag)}</span>")
        parts.append("<p>" + "".join(pieces) + "</p>")
    return "<div class=\"mk-body\">" + "\n".join(parts) + "</div>"


def _escape(s: str) -> str:
    return htmllib.escape(s, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def _render_header(meta: dict[str, Any]) -> str:
    out = []
    if meta.get("title"):
        out.append(f"<h2 class=\"mk-title\">{htmllib.escape(str(meta['title']))}</h2>")
    bits = []
    for key in ("outlet", "author"):
        if meta.get(key):
            bits.append(htmllib.escape(str(meta[key])))
    published = meta.get("published")
    if published is not None:
        when = published.strftime("%d %b %Y") if hasattr(published, "strftime") else str(published)
        bits.append(htmllib.escape(when))
    if bits:
        out.append("<div class=\"mk-meta\">" + " · ".join(bits) + "</div>")
    return "".join(out)


def _render_legend(layers: tuple[str, ...], counts: dict[str, int], marks: list[Mark],
                   notes: list[str]) -> str:
    items = []
    shown = []
    if "hedges" in layers:
        shown += ["hedge", "approximator"]
    if "approximators" in layers and "approximator" not in shown:
        shown.append("approximator")
    if "boosters" in layers:
        shown.append("booster")
    for cat in ("hedge", "approximator", "booster"):
        if cat in shown:
            items.append(f"<span class=\"mk-item\"><span class=\"{_CATEGORY_CLASS[cat]}\">"
                         f"{cat}</span> {counts.get(cat, 0)}</span>")
    if "sources" in layers:
        items.append(f"<span class=\"mk-item\"><span class=\"mk-speaker mk-t-other\">speaker</span>"
                     f" <span class=\"mk-cue\">cue</span> <span class=\"mk-content mk-t-other\">"
                     f"what was attributed</span> {counts.get('sources', 0)}</span>")
        types = [t for t in SPEAKER_TYPES if counts.get(f"type:{t}")]
        for t in types:
            items.append(f"<span class=\"mk-item\"><span class=\"mk-swatch mk-t-{t}\"></span>{t} "
                         f"{counts[f'type:{t}']}</span>")
    html = "<div class=\"mk-legend\">" + "".join(items)
    html += "<span class=\"mk-hint\">hover over a mark for details</span></div>"
    for note in notes:
        html += f"<div class=\"mk-note\">{htmllib.escape(note)}</div>"
    return html


def _style() -> str:
    type_rules = []
    for t, col in SPEAKER_COLORS.items():
        type_rules.append(f".mk-hl .mk-t-{t}{{--mk-t:{col};--mk-tc:{text_color_on(col)}}}")
    hedge, booster, approx = (CATEGORY_COLORS[c] for c in ("hedge", "booster", "approximator"))
    return (
        "<style>"
        ".mk-hl{font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.8;"
        "color:#1b1b1b;background:#ffffff;max-width:48em;padding:1em 1.4em;"
        "border:1px solid #dddddd;border-radius:6px;text-align:left}"
        ".mk-hl .mk-title{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
        "font-size:1.35em;line-height:1.3;margin:0.2em 0 0.2em;color:#111111}"
        ".mk-hl .mk-meta{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
        "font-size:0.85em;color:#555555;margin-bottom:0.9em}"
        ".mk-hl .mk-body p{margin:0 0 0.9em}"
        f".mk-hl .mk-hedge{{background:{tint(OKABE_ITO['sky_blue'], 0.38)};"
        f"box-shadow:inset 0 -2px 0 {hedge};border-radius:2px}}"
        f".mk-hl .mk-booster{{background:{tint(booster, 0.24)};"
        f"box-shadow:inset 0 -2px 0 {booster},inset 0 2px 0 {booster};border-radius:2px}}"
        f".mk-hl .mk-approx{{background:{tint(OKABE_ITO['yellow'], 0.55)};"
        f"box-shadow:inset 0 -2px 0 {approx};border-radius:2px}}"
        ".mk-hl .mk-speaker{font-weight:700;border-bottom:3px solid var(--mk-t,#999999)}"
        ".mk-hl .mk-cue{outline:1.5px solid #777777;outline-offset:0;border-radius:3px}"
        ".mk-hl .mk-content{text-decoration-line:underline;text-decoration-style:dotted;"
        "text-decoration-color:var(--mk-t,#777777);text-decoration-thickness:2px;"
        "text-underline-offset:5px}"
        ".mk-hl .mk-tag{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:0.6em;"
        "font-weight:600;letter-spacing:0.04em;text-transform:uppercase;color:var(--mk-tc,#fff);"
        "background:var(--mk-t,#999999);border-radius:3px;padding:1px 4px;margin:0 2px 0 3px;"
        "vertical-align:0.2em;user-select:none;font-style:normal}"
        ".mk-hl .mk-legend{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
        "font-size:0.8em;line-height:2;color:#333333;border-top:1px solid #e5e5e5;"
        "margin-top:0.6em;padding-top:0.5em;display:flex;flex-wrap:wrap;gap:0 1.1em;"
        "align-items:center}"
        ".mk-hl .mk-item{white-space:nowrap}"
        ".mk-hl .mk-swatch{display:inline-block;width:0.9em;height:0.9em;border-radius:2px;"
        "background:var(--mk-t);margin-right:0.3em;vertical-align:-0.1em}"
        ".mk-hl .mk-hint{color:#777777;font-style:italic}"
        ".mk-hl .mk-note{font-family:system-ui,sans-serif;font-size:0.8em;color:#8a4b00;"
        "margin-top:0.3em}"
        ".mk-hl .mk-empty{color:#777777;font-style:italic}"
        + "".join(type_rules)
        + "</style>"
    )


_STYLE = _style()
