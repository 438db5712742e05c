"""The HTML report: self-contained, escaped, complete, and rendered by a real browser."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from browser import external_references, find_chromium, render
from click.testing import CliRunner

import mediakit as mk
from mediakit.cli import main
from mediakit.errors import InputError, SchemaError
from mediakit.report import build_report, write_report

HOSTILE = "<script>document.body.dataset.pwned='1'</script> Storm & <b>flood</b>"


def _hostile_article() -> dict:
    return {
        "doc_id": "x1", "outlet": "Meridian Wire", "title": HOSTILE, "author": "A <i>Writer</i>",
        "published": pd.Timestamp("2026-03-01T10:00:00Z"), "url": "https://example.org/a",
        "event_id": "e99", "source_path": "workshop/extra.jsonl",
        "text": ("Officials said the dam may fail. <script>alert(1)</script>\n\n"
                 "<img src=x onerror=\"document.body.dataset.pwned='2'\"> Levels rose.\n\n"
                 "\"It is clearly safe,\" the mayor said. Water reportedly rose about 2 metres."),
    }


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    # Two events of the workshop corpus (10 articles, 5 outlets) plus one hostile article.
    ws = mk.load_workshop()
    small = ws[ws["event_id"] == "e01"]
    extra = pd.DataFrame([_hostile_article()])
    extra["words"] = extra["text"].str.split().str.len()
    return pd.concat([small, extra], ignore_index=True)


@pytest.fixture(scope="module")
def page(corpus) -> str:
    return build_report(corpus, title="Test report")


class _Dom(HTMLParser):
    """Tags, ids and visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.body_attrs: dict[str, str | None] = {}
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.ids |= {v for k, v in attrs if k == "id" and v}
        if tag == "body":
            self.body_attrs = dict(attrs)
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _dom(page: str) -> _Dom:
    d = _Dom()
    d.feed(page)
    d.close()
    return d


# ---------------------------------------------------------------- the page itself


def test_page_is_one_document_with_every_section(page, corpus):
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    d = _dom(page)
    assert {"summary", "figures", "articles", "highlighted"} <= d.ids
    # every article is listed in the table and has a <details> block
    assert d.tags.count("details") == len(corpus)
    assert len(re.findall(r'<td class="title"><a href="#article-\d+-text">', page)) == len(corpus)
    # in-page links all point at something
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in d.ids
    text = " ".join(d.text)
    for outlet in corpus["outlet"].unique():
        assert outlet in text
    assert "mediakit " + mk.__version__ in text and "6 articles from 5 outlets" in text


def test_figures_are_embedded_pngs(page):
    imgs = re.findall(r'<img src="([^"]+)"', page)
    assert len(imgs) == 3  # rates, source composition, frame heatmap
    assert all(src.startswith("data:image/png;base64,") for src in imgs)


def test_nothing_is_loaded_from_outside_the_page(page):
    assert external_references(page) == []
    assert "<script" not in page.lower().replace("&lt;script", "")


def test_static_check_flags_outside_references():
    # negative controls: each of these must be caught
    bad = {
        '<img src="http://example.org/x.png">': "http://example.org/x.png",
        '<link rel="stylesheet" href="https://cdn.example/x.css">': "https://cdn.example/x.css",
        "<script src='//cdn.example/x.js'></script>": "//cdn.example/x.js",
        '<img srcset="a.png 1x, data:image/png;base64,AA 2x">': "a.png",
        '<div style="background:url(http://t.example/p.gif)"></div>': "http://t.example/p.gif",
        "<style>@import 'https://fonts.example/f.css';</style>": "https://fonts.example/f.css",
        "<style>p{background:url('img/x.png')}</style>": "img/x.png",
    }
    for snippet, url in bad.items():
        assert url in external_references(f"<html><body>{snippet}</body></html>"), snippet
    ok = '<a href="#s">x</a><img src="data:image/png;base64,AAAA"><p>http://plain.text/</p>'
    assert external_references(ok) == []


def test_hostile_text_is_escaped(page):
    assert HOSTILE not in page and "<script>alert(1)" not in page
    assert html.escape(HOSTILE) in page
    d = _dom(page)
    assert "script" not in d.tags and d.tags.count("img") == 3  # the figures only
    text = "".join(d.text)
    assert HOSTILE in text  # shown to the reader as text
    assert "A <i>Writer</i>" in text and "A &lt;i&gt;Writer&lt;/i&gt;" in page


def test_workshop_corpus_is_called_fictional(page):
    assert "Fictional corpus" in page


@pytest.fixture(scope="module")
def own_page(corpus) -> str:
    # A user's corpus: not bundled, one article without an outlet, only 2 of 4 highlighted, open.
    own = corpus.head(4).assign(source_path="/data/mine.jsonl")
    own.loc[own.index[0], "outlet"] = None
    return build_report(own, max_articles=2, expand=True)


def test_user_corpus_is_not_called_fictional(own_page):
    assert "Fictional corpus" not in own_page


def test_articles_without_outlet_are_kept(own_page):
    assert "(no outlet)" in own_page and own_page.count('<td class="title">') == 4


def test_max_articles_says_what_is_left_out(own_page):
    assert own_page.count("<details") == 2
    assert "Only the first 2 of 4 articles" in own_page


def test_expand_writes_articles_open(own_page, page):
    assert own_page.count("<details id=") == own_page.count(" open>") == 2
    assert " open>" not in page


def test_one_outlet_gets_intervals_without_tests(corpus):
    page = build_report(corpus[corpus["outlet"] == "Meridian Wire"])
    assert "2 articles from 1 outlet" in page and page.count('<span class="ci">') >= 2
    assert "▲" not in page and "permutation" not in page


def test_highlight_stylesheet_included_once(page):
    assert page.count(".mk-hl .mk-hedge{") == 1


def test_bad_input_gives_clear_errors(corpus, tmp_path):
    with pytest.raises(SchemaError, match="no 'text' column"):
        build_report(pd.DataFrame({"outlet": ["A"]}))
    with pytest.raises(InputError, match="no articles"):
        build_report(corpus.iloc[:0])
    with pytest.raises(SchemaError, match="'desk'"):
        build_report(corpus.head(2), by="desk")
    with pytest.raises(InputError, match="neither a bundled dataset"):
        build_report("no-such-corpus")
    with pytest.raises(InputError, match=r"\*.html"):
        write_report(corpus.head(1), tmp_path / "report.pdf")
    with pytest.raises(InputError, match="doc_id"):
        build_report(pd.concat([corpus.head(1), corpus.head(1)]))


def test_cli_writes_report(corpus, tmp_path):
    src = tmp_path / "corpus.jsonl"
    table = corpus.head(3).drop(columns=["published"]).rename(columns={"text": "body"})
    table.to_json(src, orient="records", lines=True)
    out = tmp_path / "out" / "report.html"
    res = CliRunner().invoke(main, ["report", str(src), "-o", str(out), "--title", "Mine",
                                    "--text-column", "body"])
    assert res.exit_code == 0, res.output
    assert f"wrote {out}" in res.output
    page = out.read_text(encoding="utf-8")
    assert "<title>Mine</title>" in page and page.count("<details") == 3


def test_cli_reports_bad_corpus_in_one_line(tmp_path):
    res = CliRunner().invoke(main, ["report", str(tmp_path / "missing"), "-o", str(tmp_path / "r.html")])
    assert res.exit_code != 0
    assert "Error:" in res.output and "Traceback" not in res.output


# ---------------------------------------------------------------- in a real browser

needs_browser = pytest.mark.skipif(find_chromium() is None,
                                   reason="no chromium binary; .ci/run installs it")


@needs_browser
def test_browser_renders_report_offline_without_running_scripts(page, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    shot = tmp_path / "report.png"
    result = render(path, screenshot=shot, height=3000)
    assert result.page_requests == []
    d = _dom(result.dom)
    assert "pwned" not in d.body_attrs.get("data-pwned", "") and "data-pwned" not in result.dom
    assert "script" not in d.tags and d.tags.count("img") == 3
    assert HOSTILE in "".join(d.text)
    assert {"summary", "figures", "articles", "highlighted"} <= d.ids
    assert shot.stat().st_size > 50_000  # a blank page compresses to a few kB


@needs_browser
def test_browser_checks_can_fail(tmp_path):
    # negative control: a page that loads a remote image and runs a script is caught
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><p>x</p><img src=\"http://example.invalid/p.png\">"
                   "<script>document.body.dataset.pwned='1'</script></body></html>")
    result = render(bad)
    assert "http://example.invalid/p.png" in result.page_requests
    assert 'data-pwned="1"' in result.dom


def test_small_corpus_report_says_its_voice_and_too_few_articles():
    from conftest import ROOT

    page = build_report(str(ROOT / "tests" / "fixtures" / "small_corpus"))
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    # one vocabulary: the summary and Figure 1 count the outlet's own voice, and say so
    assert "hedges / 1k words (outlet's own voice)" in text
    assert "hedges /1k (all voices)" in text
    # one article per outlet (or two): a mean, but no interval
    assert "too few articles" in text
    assert not re.search(r"(\d+\.\d)–\1\b", text)  # no "20.7–20.7" pseudo-interval
