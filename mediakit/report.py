"""One self-contained HTML page about a corpus, for readers who do not use Jupyter.

The page holds a summary per outlet (mean rates with 95% intervals), the figures (PNG images
embedded as ``data:`` URIs), a table of every article and each article highlighted inside a
``<details>`` block. It has no JavaScript and loads nothing from the network, so it opens
offline, can be sent by e-mail, and prints (closed articles print open in Chromium-based
browsers; pass ``expand=True`` to write them open for every browser). All text from the
corpus is HTML-escaped.

>>> import mediakit as mk
>>> from mediakit.report import write_report
>>> write_report("workshop", "/tmp/report.html")  # doctest: +SKIP
PosixPath('/tmp/report.html')
"""

from __future__ import annotations

import base64
import html
import importlib
import importlib.util
import io
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from .errors import InputError, MediakitError, SchemaError

#: Columns of the per-outlet summary table, in order (only those the profile has are shown).
#: Hedges and boosters are counted in the outlet's own voice (quotes and reported speech left
#: out), as in the notebooks and figures: a cautious source quoted at length does not make a
#: cautious newspaper. The table of articles shows all voices beside it.
SUMMARY_MEASURES = ("author_hedges_per_1k", "author_boosters_per_1k", "n_sources", "share_official",
                    "share_anonymous")
RATE_MEASURES = ("author_hedges_per_1k", "author_boosters_per_1k")
#: Articles highlighted in full by default; the table of articles always lists every article.
MAX_HIGHLIGHTED = 200
WORKSHOP_NAMES = ("workshop", "workshop-pages")
# feature name -> (module under mediakit.features, function) that mk.profile needs for it
_FEATURES = {"hedges": ("hedging", "hedge_rates"), "sources": ("sources", "source_profile"),
             "frames": ("framing", "score_frames")}
_TABLE_NAME = "a corpus table"
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)
_BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.S | re.I)


def build_report(
    source: Any = "workshop",
    by: str = "outlet",
    title: str | None = None,
    max_articles: int | None = MAX_HIGHLIGHTED,
    expand: bool = False,
    text_column: str | None = None,
) -> str:
    """The report as one HTML document (a ``str``).

    ``source`` is anything ``mk.load_dataset`` accepts: a bundled dataset name ("workshop"), a
    folder, file, glob or list of paths, or a corpus DataFrame. ``by`` is the column to compare
    (``"outlet"``, or e.g. ``"event_id"``). Only the first ``max_articles`` articles are
    highlighted in full (``None`` = all), so the page stays small on a big corpus; the table
    lists every article either way. ``expand=True`` writes the articles open. ``text_column``
    names the text column of a table file (as in ``mk.load_corpus``).

    >>> from mediakit.report import build_report
    >>> page = build_report("workshop", title="Workshop corpus")  # doctest: +SKIP
    """
    if max_articles is not None and (not isinstance(max_articles, int) or max_articles < 0):
        raise InputError(f"max_articles must be a whole number of 0 or more (or None), got {max_articles!r}")
    corpus, name = _load(source, text_column)
    corpus = _prepare(corpus, by)
    measures, missing = _available_features()
    from .features.profile import profile

    prof = profile(corpus, measures=measures) if measures else corpus[["doc_id", by]].copy()
    if by not in prof.columns:
        prof = prof.merge(corpus[["doc_id", by]], on="doc_id", how="left")
    summary, summary_note = _summary(prof, by)

    notes = [f"The {f} measures are not available in this version of mediakit, so they are "
             "left out of this report." for f in missing]
    parts = [
        _header(corpus, name, by, title, notes),
        _contents(),
        _summary_section(summary, summary_note, corpus, by),
        _figures_section(prof, summary, by, corpus),
        _articles_table(corpus, prof, by),
        _articles_section(corpus, by, max_articles, expand, measures),
    ]
    body = "\n".join(p for p in parts if p)
    # Highlighted articles bring their own stylesheet; keep one copy of each in <head>.
    styles = list(dict.fromkeys(_STYLE_BLOCK.findall(body)))
    body = _STYLE_BLOCK.sub("", body)
    page_title = html.escape(title or _default_title(name))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"mediakit {html.escape(__version__)}\">\n"
        f"<title>{page_title}</title>\n<style>{_CSS}</style>\n" + "\n".join(styles)
        + "\n</head>\n<body>\n<main>\n" + body + "\n</main>\n</body>\n</html>\n"
    )


def write_report(source: Any, path: str | Path, **kwargs: Any) -> Path:
    """Build the report of ``source`` and write it to ``path`` (UTF-8); returns the path.

    >>> from mediakit.report import write_report
    >>> write_report("workshop", "report.html", title="Workshop corpus")  # doctest: +SKIP
    PosixPath('report.html')
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"the report is an HTML page; name the output file *.html, not {path.name!r}")
    page = build_report(source, **kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


# ---------------------------------------------------------------- data


def _load(source: Any, text_column: str | None = None) -> tuple[pd.DataFrame, str]:
    from .datasets.named import load_dataset

    if isinstance(source, pd.DataFrame):
        name = str(source.attrs.get("name") or _TABLE_NAME)
        corpus = source
    else:
        if isinstance(source, (list, tuple)):
            name = ", ".join(str(s) for s in source[:3]) + (" ..." if len(source) > 3 else "")
        else:
            name = str(source)
        corpus = load_dataset(source, **({"text_column": text_column} if text_column else {}))
    if not isinstance(corpus, pd.DataFrame):
        raise InputError(f"could not read a corpus from {name!r}")
    return corpus, name


def _prepare(corpus: pd.DataFrame, by: str) -> pd.DataFrame:
    if "text" not in corpus.columns:
        raise SchemaError("the corpus has no 'text' column; load it with mk.load_corpus or name "
                          "the text column when loading a table (text_column=...)")
    if corpus.empty:
        errors = corpus.attrs.get("errors") or []
        why = f" ({len(errors)} file(s) failed to load)" if errors else ""
        raise InputError(f"the corpus has no articles to report on{why}")
    if by not in corpus.columns:
        raise SchemaError(f"the corpus has no {by!r} column to compare by; "
                          f"columns: {', '.join(map(str, corpus.columns))}")
    out = corpus.copy()
    out.attrs = dict(corpus.attrs)
    if "doc_id" not in out.columns:
        out["doc_id"] = [f"doc{i}" for i in range(len(out))]
    if out["doc_id"].duplicated().any():
        dup = out.loc[out["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise InputError(f"doc_id values must be unique; {dup!r} appears more than once")
    out["text"] = out["text"].map(lambda t: t if isinstance(t, str) else "")
    # Articles without a group label stay in the report under a visible name, not dropped.
    label = out[by].map(lambda v: None if _missing(v) else str(v))
    out[by] = label.fillna(f"(no {by})")
    return out.reset_index(drop=True)


def _available_features() -> tuple[list[str], list[str]]:
    """Which of hedges, sources, frames this installation can measure."""
    have, missing = [], []
    for feature, (module, _fn) in _FEATURES.items():
        if importlib.util.find_spec(f"mediakit.features.{module}") is None:
            missing.append(feature)
        else:
            have.append(feature)
    return have, missing


def _summary(prof: pd.DataFrame, by: str) -> tuple[pd.DataFrame, str]:
    """Tidy per-group means with 95% intervals: group, measure, n, mean, ci_low, ci_high."""
    measures = [m for m in SUMMARY_MEASURES if m in prof.columns]
    if not measures:
        return pd.DataFrame(columns=["group", "measure", "n", "mean", "ci_low", "ci_high"]), ""
    table = None
    compare = _public("compare")
    # Within-event shuffles compare outlets on the same stories (the workshop's design).
    strata = "event_id" if "event_id" in prof.columns and by != "event_id" else None
    # mk.compare tests each group against the rest, which needs a rest.
    if compare is not None and prof[by].nunique() > 1:
        cols = ["doc_id", by, *measures, *([strata] if strata else [])]
        table = compare(prof[cols], by=by, measures=measures, strata=strata, adjust="holm")
    if table is not None and {"group", "measure", "mean", "ci_low", "ci_high"} <= set(table.columns):
        note = ("Mean per article with its 95% bootstrap confidence interval (mk.compare, 2,000 "
                "resamples of articles); no interval from fewer than 3 articles (\"too few "
                "articles\"), and intervals from fewer than 10 articles are rough.")
        if {"diff", "p_adjusted"} <= set(table.columns):
            within = " within each event" if strata else ""
            others = "outlets" if by == "outlet" else f"{by} values"
            note += (f" ▲ / ▼: higher / lower than the articles of all other {others}, where "
                     f"two permutation tests{within} agree at p < 0.05: the {others} differ on "
                     "this measure at all (one test per column, Holm-adjusted across the "
                     f"columns), and this one differs from the rest (Holm-adjusted across the {others}).")
        return table, note
    return _bootstrap_summary(prof, by, measures), (
        "Mean per article with a 95% percentile-bootstrap interval over articles "
        "(2,000 resamples, fixed seed).")


def _public(name: str) -> Any:
    """``mk.<name>`` when this installation has it (the measures land one by one), else None."""
    from . import _API

    module = _API.get(name)
    if module is None or importlib.util.find_spec(module) is None:
        return None
    return getattr(importlib.import_module(module), name, None)


def _bootstrap_summary(prof: pd.DataFrame, by: str, measures: Sequence[str]) -> pd.DataFrame:
    import numpy as np

    from .comparison.stats import bootstrap_mean_ci

    rng = np.random.default_rng(0)
    rows = []
    for group, part in prof.groupby(prof[by].astype(str), sort=True):
        for m in measures:
            values = pd.to_numeric(part[m], errors="coerce").to_numpy(dtype=float)
            finite = values[~np.isnan(values)]
            lo, hi = bootstrap_mean_ci(finite, 2000, rng) if len(finite) >= 3 else (math.nan, math.nan)
            rows.append({"group": group, "measure": m, "n": len(finite),
                         "mean": float(finite.mean()) if len(finite) else math.nan,
                         "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- sections


def _header(corpus: pd.DataFrame, name: str, by: str, title: str | None, notes: list[str]) -> str:
    n_groups = corpus[by].nunique()
    group_word = "outlet" if by == "outlet" else by
    dates = pd.to_datetime(corpus["published"], errors="coerce", utc=True) \
        if "published" in corpus.columns else pd.Series(dtype="datetime64[ns, UTC]")
    span = ""
    if dates.notna().any():
        lo, hi = dates.min(), dates.max()
        span = f", published {lo:%d %b %Y}" + (f" to {hi:%d %b %Y}" if hi.date() != lo.date() else "")
    words = pd.to_numeric(corpus["words"], errors="coerce").sum() if "words" in corpus.columns else None
    words_txt = f", {int(words):,} words" if words else ""
    lines = [
        f"<h1>{html.escape(title or _default_title(name))}</h1>",
        "<p class=\"note\">Generated by mediakit " + html.escape(__version__) + " from <b>"
        + html.escape(name) + f"</b>: {_n(len(corpus), 'article')} "
        f"from {html.escape(_n(n_groups, group_word))}"
        + html.escape(words_txt + span) + ".</p>",
    ]
    if _is_workshop(corpus, name):
        lines.append(
            "<p class=\"warn\"><b>Fictional corpus.</b> The workshop corpus was written by the "
            "mediakit team for teaching: its outlets, people and events are invented, and the "
            "differences between outlets were built in on purpose. It is not evidence about any "
            "real news outlet.</p>")
    errors = corpus.attrs.get("errors") or []
    if errors:
        items = "".join(f"<li><code>{html.escape(str(e.get('path', '?')))}</code>: "
                        f"{html.escape(str(e.get('error', '')))}</li>" for e in errors[:50])
        more = f"<li>... and {len(errors) - 50} more</li>" if len(errors) > 50 else ""
        lines.append(f"<div class=\"warn\"><b>{len(errors)} file(s) could not be loaded</b> and "
                     f"are not in this report:<ul>{items}{more}</ul></div>")
    for note in notes:
        lines.append(f"<p class=\"warn\">{html.escape(note)}</p>")
    lines.append(
        "<p><b>How to read it.</b> <i>Hedges</i> are words that soften a claim (<q>may</q>, "
        "<q>reportedly</q>, <q>appears to</q>); <i>boosters</i> harden it (<q>clearly</q>, "
        "<q>proves</q>); rates are per 1,000 words and count the <i>outlet's own voice</i> "
        "(quotes and reported speech left out) unless a column says <i>all voices</i> or "
        "<i>quoted</i>. <i>Sources</i> are the people and bodies an "
        "article attributes statements to, by type (official, expert, anonymous ...), found by "
        "patterns that a small model trained on annotated news checks. "
        "<i>Frames</i> are detected per article (which of the Media Frames Corpus frames it uses, "
        "from weighted cue words and a small calibrated model). All measures come from "
        "word lists, patterns and small models: they miss some cases and mark some wrongly, so read the "
        "highlighted articles before trusting a difference. Measured accuracy is in "
        "docs/accuracy.md of the mediakit repository.</p>")
    return "<header>\n" + "\n".join(lines) + "\n</header>"


def _default_title(name: str) -> str:
    if name == _TABLE_NAME:
        return "Hedging, sources and framing"
    if name in WORKSHOP_NAMES:
        return "Hedging, sources and framing in the workshop corpus"
    return f"Hedging, sources and framing: {name}"


def _contents() -> str:
    items = [("summary", "Summary"), ("figures", "Figures"), ("articles", "Table of articles"),
             ("highlighted", "Articles, highlighted")]
    links = "".join(f"<li><a href=\"#{a}\">{t}</a></li>" for a, t in items)
    return f"<nav aria-label=\"Contents\"><ol>{links}</ol></nav>"


def _summary_section(summary: pd.DataFrame, note: str, corpus: pd.DataFrame, by: str) -> str:
    head = f"<section id=\"summary\">\n<h2>Summary by {html.escape(by)}</h2>\n"
    if summary.empty:
        return head + "<p class=\"warn\">No rate measures are available for a summary.</p></section>"
    measures = [m for m in SUMMARY_MEASURES if m in set(summary["measure"])]
    groups = sorted(corpus[by].unique(), key=str)
    counts = corpus[by].value_counts()
    cells = summary.set_index(["group", "measure"])
    rows = []
    for g in groups:
        tds = [f"<th scope=\"row\">{html.escape(str(g))}</th>", f"<td>{int(counts.get(g, 0))}</td>"]
        for m in measures:
            if (str(g), m) in cells.index:
                r = cells.loc[(str(g), m)]
                interval = (f"{_fmt(r['ci_low'], m)}–{_fmt(r['ci_high'], m)}"
                            if _enough(r.get("n")) else "too few articles")
                tds.append(f"<td>{_fmt(r['mean'], m)}{_marker(r)}<span class=\"ci\">"
                           f"{interval}</span></td>")
            else:
                tds.append("<td>–</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    ths = "".join(f"<th scope=\"col\">{html.escape(_column_label(m))}</th>" for m in measures)
    table = (f"<div class=\"wide\"><table class=\"num\"><thead><tr><th scope=\"col\">{html.escape(by)}</th>"
             f"<th scope=\"col\">articles</th>{ths}</tr></thead>\n<tbody>\n"
             + "\n".join(rows) + "\n</tbody></table></div>")
    explain = (" Shares are per article (attributions of that type ÷ all attributions) and then "
               "averaged; articles with no attribution are left out of the shares."
               if any(m.startswith("share_") for m in measures) else "")
    return head + table + f"\n<p class=\"note\">{html.escape(note + explain)} The small numbers " \
        "under each mean are its interval.</p>\n</section>"


def _figures_section(prof: pd.DataFrame, summary: pd.DataFrame, by: str,
                     corpus: pd.DataFrame | None = None) -> str:
    from . import viz

    specs = []
    rates = summary[summary["measure"].isin(RATE_MEASURES)] if not summary.empty else summary
    if not rates.empty:
        specs.append(("Hedges and boosters", lambda: viz.rates_by_outlet(rates, by=by),
                      f"Mean hedges and boosters per 1,000 words in the outlet's own voice "
                      f"(quotes and reported speech left out) in the articles of each {by}, "
                      "with 95% confidence intervals (the numbers of the summary table); n = "
                      "articles."))
    if any(c.startswith("share_") for c in prof.columns):
        specs.append(("Who is cited", lambda: viz.source_composition(prof, by=by),
                      f"Share of each source type among all attributions in the articles of each "
                      f"{by}; beside each bar the number of articles that cite someone and their "
                      "attributions. Attributions are pooled, so an article with many "
                      "attributions weighs more here than in the summary table."))
    if corpus is not None and any(c.startswith("frame_") for c in prof.columns):
        # frames as labels per article (share of articles using a frame), not raw cue rates:
        # a rate scale lets one frame drown the rest, and the residual "other" is all zeros
        def frame_figure():
            from .features.frames import detect_frames

            detected = detect_frames(corpus, evidence=False)
            return viz.frame_share_plot(viz.frame_shares(detected, corpus, by=by))

        specs.append(("Frames used", frame_figure,
                      f"Share of the articles of each {by} that use each Media Frames Corpus frame, "
                      "as detected by mk.detect_frames (calibrated yes/no labels, one vote per article), "
                      "with 95% Wilson intervals. Frames that no article uses are left out."))
    out = ["<section id=\"figures\">", "<h2>Figures</h2>"]
    if not specs:
        out.append("<p class=\"warn\">No measures are available to draw.</p>")
    number = 0
    for name, draw, text in specs:
        try:
            fig = draw()
        except MediakitError as e:
            out.append(f"<p class=\"warn\">{html.escape(name)}: not drawn ({html.escape(str(e))})</p>")
            continue
        number += 1
        out.append(f"<figure><img src=\"{_png_data_uri(fig)}\" alt=\"{html.escape(name)}: "
                   f"{html.escape(text)}\"><figcaption><b>Figure {number}.</b> "
                   f"{html.escape(text)}</figcaption></figure>")
    out.append("</section>")
    return "\n".join(out)


def _articles_table(corpus: pd.DataFrame, prof: pd.DataFrame, by: str) -> str:
    cols = ["doc_id", *[c for c in ("author_hedges_per_1k", "hedges_per_1k", "author_boosters_per_1k",
                                    "share_anonymous") if c in prof.columns]]
    if "words" not in corpus.columns and "words" in prof.columns:
        cols.append("words")
    merged = corpus.merge(prof[cols], on="doc_id", how="left")
    merged = _ordered(merged, by)
    show_event = "event_id" in merged.columns and by != "event_id"
    heads = [by, *(["event"] if show_event else []), "date", "title", "words",
             "hedges /1k (own voice)", "hedges /1k (all voices)", "boosters /1k (own voice)",
             "anon. sources"]
    rows = []
    for i, r in merged.iterrows():
        tds = [f"<td>{_esc(r[by])}</td>"]
        if show_event:
            tds.append(f"<td>{_esc(r.get('event_id'))}</td>")
        tds += [
            f"<td class=\"date\">{_date(r.get('published'))}</td>",
            f"<td class=\"title\"><a href=\"#{_anchor(i)}-text\">{_esc(_title(r))}</a></td>",
            f"<td class=\"n\">{_fmt(r.get('words'), 'words')}</td>",
            f"<td class=\"n\">{_fmt(r.get('author_hedges_per_1k'), 'hedges_per_1k')}</td>",
            f"<td class=\"n\">{_fmt(r.get('hedges_per_1k'), 'hedges_per_1k')}</td>",
            f"<td class=\"n\">{_fmt(r.get('author_boosters_per_1k'), 'boosters_per_1k')}</td>",
            f"<td class=\"n\">{_fmt(r.get('share_anonymous'), 'share_anonymous')}</td>",
        ]
        rows.append("<tr>" + "".join(tds) + "</tr>")
    ths = "".join(f"<th scope=\"col\">{html.escape(h)}</th>" for h in heads)
    return (f"<section id=\"articles\">\n<h2>Table of articles</h2>\n"
            f"<p class=\"note\">{_n(len(merged), 'article')}, ordered by {html.escape(by)} and date. "
            "A dash means the measure could not be computed (for example, no attributions, so "
            "no share of anonymous sources). Click a title to jump to the article.</p>\n"
            f"<div class=\"wide\"><table class=\"articles\"><thead><tr>{ths}</tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody></table></div>\n</section>")


def _articles_section(corpus: pd.DataFrame, by: str, max_articles: int | None, expand: bool,
                      measures: list[str]) -> str:
    from .viz import highlight

    layers = [lay for lay, need in (("hedges", "hedges"), ("boosters", "hedges"),
                                     ("sources", "sources")) if need in measures]
    ordered = _ordered(corpus, by)
    shown = ordered if max_articles is None else ordered.iloc[:max_articles]
    out = ["<section id=\"highlighted\">", "<h2>Articles, highlighted</h2>"]
    if layers:
        out.append("<p class=\"note\">Each article with its hedges, boosters and cited sources "
                   "marked; the legend under each article explains the colours and counts. Hover "
                   "over a mark for details. Open an article by clicking its title.</p>")
    else:
        out.append("<p class=\"warn\">Hedges and sources cannot be measured in this version of "
                   "mediakit, so the articles are shown without marks.</p>")
    if len(shown) < len(ordered):
        out.append(f"<p class=\"warn\">Only the first {len(shown):,} of {len(ordered):,} articles "
                   "are shown here, to keep the page small; the table above lists all of them. "
                   "Use <code>--max-articles</code> (or <code>max_articles=</code>) to show more.</p>")
    current = None
    for i, row in shown.iterrows():
        group = row[by]
        if group != current:
            out.append(f"<h3>{_esc(group)}</h3>")
            current = group
        meta = " · ".join(x for x in (_esc(row.get("author")) if not _missing(row.get("author")) else "",
                                      _date(row.get("published"))) if x and x != "–")
        # The <summary> already names the article; the highlight shows only the marked text.
        bare = row.drop(labels=[c for c in ("outlet", "author", "published") if c in row.index])
        fragment = _highlight_fragment(highlight(bare, layers=layers, title="")) if layers \
            else _plain_article(row["text"])
        url = row.get("url")
        link = (f"<p class=\"url\">Source: {_esc(url)}</p>" if isinstance(url, str) and url else "")
        out.append(
            f"<details id=\"{_anchor(i)}\"{' open' if expand else ''}>"
            f"<summary><span class=\"t\">{_esc(_title(row))}</span> "
            f"<span class=\"m\">{meta}</span></summary>\n"
            # The table links to the inside of <details>: browsers open it to show the target.
            f"<div id=\"{_anchor(i)}-text\">{fragment}{link}</div></details>")
    out.append("</section>")
    return "\n".join(out)


# ---------------------------------------------------------------- pieces


def _highlight_fragment(obj: Any) -> str:
    """The embeddable part of ``mk.highlight``'s output, whether a fragment or a whole page."""
    text = str(obj)
    match = _BODY.search(text)
    if match:  # a whole document: keep its stylesheets and the inside of <body>
        return "".join(_STYLE_BLOCK.findall(text)) + match.group(1)
    return text


def _plain_article(text: str) -> str:
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "<div class=\"plain\">" + "".join(f"<p>{html.escape(p)}</p>" for p in paras) + "</div>"


def _png_data_uri(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    # No "Software" stamp, so the same data gives the same bytes (as mk.viz.save does).
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", facecolor="white",
                metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _ordered(df: pd.DataFrame, by: str) -> pd.DataFrame:
    keys = [by]
    if "published" in df.columns:
        df = df.assign(_when=pd.to_datetime(df["published"], errors="coerce", utc=True))
        keys.append("_when")
    out = df.assign(_by=df[by].astype(str)).sort_values(
        ["_by", *keys[1:]], kind="stable", na_position="last")
    return out.drop(columns=[c for c in ("_when", "_by") if c in out.columns])


def _is_workshop(corpus: pd.DataFrame, name: str) -> bool:
    if name in WORKSHOP_NAMES:
        return True
    paths = corpus["source_path"] if "source_path" in corpus.columns else None
    if paths is None or paths.isna().any():
        return False
    from .datasets.bundled import bundled_path

    try:
        bundled = str(bundled_path("workshop"))
    except InputError:  # an install without the bundled data
        bundled = "workshop/"
    # load_workshop() records paths relative to the data folder; load_corpus full paths.
    return bool(paths.map(lambda p: str(p).startswith(("workshop/", bundled))).all())


def _anchor(i: Any) -> str:
    return f"article-{int(i) + 1}"


def _title(row: Any) -> str:
    t = row.get("title")
    return "(untitled)" if _missing(t) or not str(t).strip() else str(t)


def _missing(v: Any) -> bool:
    if v is None or v is pd.NaT or v is pd.NA:
        return True
    return isinstance(v, float) and math.isnan(v)


def _esc(v: Any) -> str:
    return "–" if _missing(v) else html.escape(str(v))


def _date(v: Any) -> str:
    if _missing(v):
        return "–"
    ts = pd.to_datetime(v, errors="coerce")
    if _missing(ts):
        return html.escape(str(v))
    return f"{ts:%Y-%m-%d}"


def _fmt(v: Any, measure: str) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(f):
        return "–"
    if measure.startswith("share_"):
        return f"{f:.0%}"
    if measure == "words":
        return f"{int(round(f)):,}"
    return f"{f:.1f}"


def _marker(row: Any) -> str:
    p, diff = row.get("p_adjusted"), row.get("diff")
    try:
        p, diff = float(p), float(diff)
    except (TypeError, ValueError):
        return "<span class=\"sig\"></span>"
    if math.isnan(p) or math.isnan(diff) or p >= 0.05 or diff == 0:
        return "<span class=\"sig\"></span>"  # keeps the numbers of a column aligned
    up = diff > 0
    return (f"<span class=\"sig\" title=\"{'higher' if up else 'lower'} than the rest, "
            f"adjusted p = {p:.3f}\">{'▲' if up else '▼'}</span>")


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _enough(n: Any) -> bool:
    """At least 3 articles behind a mean: the fewest that get an interval."""
    try:
        return float(n) >= 3
    except (TypeError, ValueError):
        return True


def _column_label(measure: str) -> str:
    return {"author_hedges_per_1k": "hedges / 1k words (outlet's own voice)",
            "author_boosters_per_1k": "boosters / 1k words (outlet's own voice)",
            "hedges_per_1k": "hedges / 1k words (all voices)",
            "boosters_per_1k": "boosters / 1k words (all voices)",
            "n_sources": "distinct sources per article", "share_official": "official sources",
            "share_anonymous": "anonymous sources"}.get(measure, measure)


_CSS = """
:root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#dcdcdc;--band:#f4f6f8;--warn:#8a4b00}
*{box-sizing:border-box}
body{margin:0;background:#ffffff;color:var(--ink);
 font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
main{max-width:62em;margin:0 auto;padding:1.5em 1.5em 4em}
h1{font-size:1.75em;line-height:1.25;margin:0.4em 0 0.3em}
h2{font-size:1.35em;margin:2em 0 0.6em;padding-bottom:0.2em;border-bottom:2px solid var(--ink)}
h3{font-size:1.05em;margin:1.6em 0 0.4em;color:var(--muted);text-transform:uppercase;
 letter-spacing:0.05em}
p{margin:0.5em 0 0.8em}
.note{color:var(--muted);font-size:0.92em}
.warn{color:var(--warn);background:#fff7ec;border-left:4px solid #e69f00;padding:0.5em 0.8em}
.warn ul{margin:0.3em 0}
nav ol{display:flex;flex-wrap:wrap;gap:0.3em 1.6em;padding:0.6em 1em;margin:1em 0;
 list-style:none;background:var(--band);border-radius:6px}
a{color:#0061a0}
table{border-collapse:collapse;width:100%;font-size:0.9em;margin:0.6em 0}
th,td{padding:0.35em 0.55em;border-bottom:1px solid var(--line);vertical-align:top;text-align:left}
thead th{border-bottom:2px solid #999999;font-weight:600;vertical-align:bottom}
tbody tr:nth-child(even){background:var(--band)}
table.num td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.num thead th:not(:first-child){text-align:right}
.ci{display:block;font-size:0.78em;color:var(--muted)}
.sig{display:inline-block;width:1.1em;font-size:0.75em;text-align:right;color:#0061a0}
.ci{padding-right:1.06em}
table.num th[scope=row]{white-space:nowrap}
table.articles td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.articles td.date{white-space:nowrap;font-variant-numeric:tabular-nums}
table.articles thead th:nth-last-child(-n+5){text-align:right}
table.articles td.title{width:46%;min-width:12em}
.wide{overflow-x:auto}
figure{margin:1.2em 0 2em;break-inside:avoid;page-break-inside:avoid}
figure img{display:block;max-width:100%;height:auto;margin:0 auto}
figcaption{font-size:0.88em;color:var(--muted);margin:0.5em auto 0;max-width:44em}
details{border:1px solid var(--line);border-radius:6px;margin:0.5em 0;background:#ffffff}
details[open]{padding-bottom:0.6em}
summary{cursor:pointer;padding:0.55em 0.8em;background:var(--band);border-radius:6px}
summary .t{font-weight:600}
summary .m{color:var(--muted);font-size:0.85em;margin-left:0.4em;white-space:nowrap}
details .mk-hl, details .plain{margin:0.8em auto 0.2em}
.plain{max-width:48em;font-family:Georgia,'Times New Roman',serif;line-height:1.7;padding:0 1.4em}
.url{font-size:0.8em;color:var(--muted);margin:0.3em 1.4em;word-break:break-all}
code{font-size:0.92em}
@media print{
 @page{margin:1.6cm}
 body{font-size:11pt}
 main{max-width:none;padding:0}
 nav{display:none}
 a{color:inherit;text-decoration:none}
 h2{break-after:avoid}
 tr,summary{break-inside:avoid}
 table{font-size:8.5pt}
 th,td{padding:0.25em 0.35em}
 .wide{overflow:visible}
 figure img{max-height:10cm;width:auto}
 thead{display:table-header-group}
 details{border:none;break-before:auto}
 summary{background:none;padding-left:0;list-style:none}
 details::details-content{content-visibility:visible;display:block}
 .mk-hl{border:none!important;padding:0!important;max-width:none!important}
 .mk-hint{display:none}
}
"""
