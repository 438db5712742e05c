"""Highlighted HTML: escaped, self-contained, faithful to the text, overlapping spans handled."""

from __future__ import annotations

import html
import re
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.errors import InputError, SchemaError
from mediakit.viz.highlight import Highlighted, Mark, highlight, paragraphs, segments

TEXT = (
    "The dam may fail, governor Anna Berg said.\n\n"
    "\"We are clearly in danger <script>alert(1)</script>,\" she told reporters. "
    "About 4,000 people could leave."
)
HEDGE_COLUMNS = ["start", "end", "cue", "category", "kind", "in_quote", "speaker", "voice",
                 "sentence_id", "negated", "source"]
SOURCE_COLUMNS = ["speaker", "speaker_type", "kind", "cue", "cue_start", "cue_end",
                  "speaker_start", "speaker_end", "content_start", "content_end", "outlet",
                  "mention", "sentence_id"]


def _at(text: str, s: str) -> tuple[int, int]:
    i = text.index(s)
    return i, i + len(s)


def hedge_rows(text: str = TEXT) -> pd.DataFrame:
    rows = []
    for cue, cat, kind in (("may", "hedge", "modal"), ("clearly", "booster", "booster"),
                           ("About", "approximator", "approximator"), ("could", "hedge", "modal")):
        s, e = _at(text, cue)
        rows.append(dict(start=s, end=e, cue=cue, category=cat, kind=kind, in_quote=False,
                         speaker=None, voice="author", sentence_id=0, negated=False, source="team"))
    return pd.DataFrame(rows, columns=HEDGE_COLUMNS)


def source_rows(text: str = TEXT) -> pd.DataFrame:
    def row(speaker, stype, kind, mention, cue, content):
        ss, se = _at(text, mention)
        cs, ce = _at(text, cue)
        ks, ke = _at(text, content)
        return dict(speaker=speaker, speaker_type=stype, kind=kind, cue=cue, cue_start=cs,
                    cue_end=ce, speaker_start=ss, speaker_end=se, content_start=ks,
                    content_end=ke, outlet=None, mention=mention, sentence_id=0)

    return pd.DataFrame([
        row("Anna Berg", "official", "indirect", "governor Anna Berg", "said", "The dam may fail"),
        row("Anna Berg", "official", "direct", "she", "told",
            "\"We are clearly in danger <script>alert(1)</script>,\""),
    ], columns=SOURCE_COLUMNS)


def body_of(out: str) -> str:
    return out[out.index("<div class=\"mk-body\">"):out.index("<div class=\"mk-legend\">")]


def visible_text(out: str) -> str:
    """What a reader sees in the body: tags and speaker-type labels removed, entities decoded."""
    body = body_of(out)
    body = re.sub(r"<span class=\"mk-tag[^\"]*\"[^>]*>.*?</span>", "", body)
    body = body.replace("<br>", "\n").replace("</p>\n<p>", "\n\n")
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_all_text_is_escaped_and_page_is_self_contained():
    out = highlight({"text": TEXT, "title": "<script>alert('t')</script> Dam"},
                    hedges=hedge_rows(), sources=source_rows())
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; Dam" in out
    page = out.page()
    assert page.startswith("<!DOCTYPE html>") and "<meta charset=\"utf-8\">" in page
    for remote in ("src=", "href=", "@import", "url(", "<script", "<link"):
        assert remote not in page.lower()


def test_text_and_paragraphs_survive_exactly():
    out = highlight(TEXT, hedges=hedge_rows(), sources=source_rows())
    assert visible_text(out) == TEXT
    assert body_of(out).count("<p>") == 2


def test_marks_carry_classes_and_hover_details():
    out = highlight(TEXT, hedges=hedge_rows(), sources=source_rows())
    assert re.search(r"<span class=\"[^\"]*mk-hedge[^\"]*\" title=\"[^\"]*hedge: “may” \(modal\)", out)
    assert re.search(r"class=\"[^\"]*mk-booster[^>]*>clearly</span>", out)
    assert re.search(r"class=\"mk-approx[^>]*>About</span>", out)
    speaker = re.search(r"<span class=\"mk-speaker mk-t-official\" title=\"([^\"]*)\">"
                        r"governor Anna Berg</span>", out)
    assert speaker and "Anna Berg (official)" in speaker.group(1)
    assert re.search(r"class=\"mk-cue\"[^>]*>said</span>", out)
    assert "<span class=\"mk-tag mk-t-official\" aria-hidden=\"true\">official</span>" in out
    legend = out[out.index("mk-legend"):]
    assert "hedge</span> 2" in legend and "booster</span> 1" in legend and "official 2" in legend


def test_nested_spans_are_split_into_segments_with_all_marks():
    # "may" is a hedge inside the content "The dam may fail" attributed to the governor.
    out = highlight(TEXT, hedges=hedge_rows(), sources=source_rows())
    inner = re.search(r"<span class=\"([^\"]*)\" title=\"([^\"]*)\">may</span>", out)
    assert inner is not None
    classes = inner.group(1).split()
    assert {"mk-hedge", "mk-content", "mk-t-official"} <= set(classes)
    assert "hedge" in inner.group(2) and "attributed to Anna Berg" in inner.group(2)
    assert re.search(r"class=\"mk-content mk-t-official\"[^>]*>The dam </span>", out)


def test_overlapping_not_nested_spans():
    text = "one two three four"
    marks = [Mark(0, 7, ("a",), "A"), Mark(4, 13, ("b",), "B")]
    got = [(text[a:b], [m.title for m in ms]) for a, b, ms in segments(0, len(text), marks)]
    assert got == [("one ", ["A"]), ("two", ["A", "B"]), (" three", ["B"]), (" four", [])]


def test_spans_crossing_a_paragraph_break_are_split_per_paragraph():
    text = "First part of a quote\n\ncontinues here."
    sources = pd.DataFrame([dict(speaker="X", speaker_type="expert", kind="direct", cue=None,
                                 cue_start=None, cue_end=None, speaker_start=None,
                                 speaker_end=None, content_start=6, content_end=31,
                                 outlet=None, mention=None, sentence_id=0)])
    out = highlight(text, layers=["sources"], sources=sources)
    assert visible_text(out) == text
    assert body_of(out).count("mk-content") == 2


def test_layers_switch_marks_off():
    out = highlight(TEXT, layers=["boosters"], hedges=hedge_rows(), sources=source_rows())
    body = body_of(out)
    assert "mk-booster" in body
    assert "mk-hedge" not in body and "mk-speaker" not in body and "mk-approx" not in body
    only_approx = highlight(TEXT, layers="approximators", hedges=hedge_rows())
    assert "mk-approx" in body_of(only_approx) and "mk-hedge" not in body_of(only_approx)
    with pytest.raises(InputError, match="unknown layer"):
        highlight(TEXT, layers=["colours"])


def test_result_is_a_str_that_jupyter_displays(tmp_path):
    out = highlight(TEXT, hedges=hedge_rows(), sources=source_rows())
    assert isinstance(out, str) and isinstance(out, Highlighted)
    assert out._repr_html_() == str(out)
    assert "Highlighted article" in repr(out)
    path = out.save(tmp_path / "a.html")
    assert path.read_text(encoding="utf-8") == out.page()


def test_article_repr_html_uses_highlight():
    art = mk.parse_article("Dam <b>fails</b>\n\nThe dam may fail, officials said.")
    out = art._repr_html_()
    assert isinstance(out, str) and "mk-hl" in out
    assert "<b>" not in out and "&lt;b&gt;" in out


def test_corpus_row_and_corpus_tables_are_matched_by_doc_id():
    other = "Nothing to see."
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [TEXT, other], "title": ["A", "B"],
                           "outlet": ["Wire", "Flash"],
                           "published": pd.to_datetime(["2024-03-05", None], utc=True)})
    hedges = pd.concat([hedge_rows().assign(doc_id="a"),
                        pd.DataFrame([dict(start=0, end=7, cue="Nothing", category="hedge",
                                           doc_id="b")])], ignore_index=True)
    out_a = highlight(corpus.iloc[0], layers=["hedges"], hedges=hedges)
    assert "Wire" in out_a and "05 Mar 2024" in out_a and body_of(out_a).count("mk-hedge") == 2
    out_b = highlight(corpus.iloc[[1]], layers=["hedges"], hedges=hedges)
    assert body_of(out_b).count("mk-hedge") == 1
    with pytest.raises(InputError, match="covers 2 articles"):
        highlight(TEXT, layers=["hedges"], hedges=hedges)
    with pytest.raises(InputError, match="one row"):
        highlight(corpus)


def test_tables_from_another_text_are_refused():
    with pytest.raises(InputError, match="does not fit this text"):
        highlight("Short.", layers=["hedges"], hedges=hedge_rows())
    wrong_cue = hedge_rows().assign(cue="xyz")
    with pytest.raises(InputError, match="does not fit"):
        highlight(TEXT, layers=["hedges"], hedges=wrong_cue)
    with pytest.raises(SchemaError):
        highlight(TEXT, layers=["sources"], sources=pd.DataFrame({"speaker": ["x"]}))
    with pytest.raises(InputError):
        highlight(42)


def test_missing_feature_is_reported_in_the_legend(monkeypatch):
    monkeypatch.setitem(sys.modules, "mediakit.features.hedging", None)
    out = highlight("It may rain.", layers=["hedges"])
    assert "find_hedges is not available" in out
    assert visible_text(out) == "It may rain."


def test_empty_text():
    out = highlight("", hedges=pd.DataFrame(columns=HEDGE_COLUMNS),
                    sources=pd.DataFrame(columns=SOURCE_COLUMNS))
    assert "no text" in out


def test_real_finders_when_available():
    hedging = pytest.importorskip("mediakit.features.hedging")
    if not hasattr(hedging, "find_hedges"):
        pytest.skip("find_hedges not written yet")
    out = highlight("The storm may perhaps reach the coast.", layers=["hedges"])
    assert body_of(out).count("mk-hedge") >= 1


_marks = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                            st.sampled_from(["hedge", "booster", "approximator"])), max_size=8)


_attributions = st.lists(st.tuples(*[st.one_of(st.none(), st.integers(0, 60))] * 6,
                                   st.sampled_from(["official", "citizen", "weird"])), max_size=4)


def _clip(text: str, a: int | None, b: int | None) -> tuple[int | None, int | None]:
    if a is None or b is None:
        return None, None
    return tuple(sorted((min(a, len(text)), min(b, len(text)))))


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n é")), max_size=60), spans=_marks,
       attributions=_attributions)
def test_any_text_and_spans_render_faithfully(text, spans, attributions):
    rows = []
    for a, b, cat in spans:
        s, e = sorted((min(a, len(text)), min(b, len(text))))
        rows.append(dict(start=s, end=e, cue=text[s:e], category=cat))
    hedges = pd.DataFrame(rows, columns=["start", "end", "cue", "category"])
    srows = []
    for *offsets, stype in attributions:
        ss, se = _clip(text, *offsets[0:2])
        cs, ce = _clip(text, *offsets[2:4])
        ks, ke = _clip(text, *offsets[4:6])
        srows.append(dict(speaker="<b>X</b>", speaker_type=stype, kind="direct", speaker_start=ss,
                          speaker_end=se, cue_start=cs, cue_end=ce, content_start=ks,
                          content_end=ke, outlet=None))
    sources = pd.DataFrame(srows, columns=SOURCE_COLUMNS)
    out = highlight(text, hedges=hedges, sources=sources)
    assert "<b>" not in out
    assert "<script" not in out
    if text.strip():
        expected = "\n\n".join(text[s:e] for s, e in paragraphs(text))
        assert visible_text(out) == expected.replace("\r\n", "\n")


def test_no_matching_doc_id_in_a_corpus_table_is_said_not_silent():
    hedges = pd.concat([hedge_rows().assign(doc_id="a"), hedge_rows().assign(doc_id="b")])
    out = highlight({"text": TEXT, "doc_id": "zzz"}, layers=["hedges"], hedges=hedges)
    assert "no rows for doc_id &#x27;zzz&#x27;" in out
    assert "mk-hedge" not in body_of(out)


def test_headless_browser_shows_script_as_text(tmp_path):
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed")
    text = "Before.\n\n<script>document.title = 'pwned'</script><img src=x onerror=alert(1)> after."
    page = highlight({"text": text, "title": "Safe title"}, hedges=pd.DataFrame(
        columns=HEDGE_COLUMNS), sources=pd.DataFrame(columns=SOURCE_COLUMNS)).save(tmp_path / "a.html")
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    dom = done.stdout
    assert "<title>Safe title</title>" in dom
    assert "&lt;script&gt;document.title = 'pwned'&lt;/script&gt;" in dom
    assert "<img" not in dom
