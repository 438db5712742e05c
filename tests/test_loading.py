"""Loading tables, HTML, folders and mixed inputs (the text-page cleaner has its own tests)."""

import json
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk

HTML_PAGE = """<!doctype html><html><head><title>Dam repairs delayed | The Valley Post</title>
<meta property="og:title" content="Dam repairs delayed again">
<meta property="og:site_name" content="The Valley Post">
<meta name="author" content="Rosa Kemp">
<meta property="article:published_time" content="2025-03-04T08:15:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Dam repairs delayed again</h1>
<p>Repairs to the Hollin dam will not be finished before the spring floods, the regional water
board said on Tuesday, the third delay since the cracks were found last year.</p>
<p>"We would rather be late than wrong," said board chair Ilse Marten, adding that engineers had
found more corroded steel than the first survey suggested.</p>
<p>Residents downstream said they had been told little. "We read about it in the paper," said
Tomas Reyes, who runs a bakery near the spillway.</p>
<p>The board estimates the work will cost about 12 million, roughly twice the original budget,
and expects to publish a revised timetable within weeks.</p>
</article><aside><h3>Most read</h3><ul><li><a href="/a">Council votes on bus lanes</a></li></ul></aside>
<footer>Copyright 2025 The Valley Post. All rights reserved. Privacy policy.</footer></body></html>"""


def test_parse_html_gets_body_and_metadata():
    art = mk.parse_article(HTML_PAGE)
    assert art.format == "html"
    assert art.text.startswith("Repairs to the Hollin dam")
    assert "Most read" not in art.text and "Copyright" not in art.text
    assert art.title == "Dam repairs delayed again"
    assert art.author == "Rosa Kemp"
    assert art.outlet == "The Valley Post"
    assert art.published is not None and art.published.year == 2025 and art.published.month == 3
    assert "\n\n" in art.text  # paragraphs kept
    assert art.boilerplate == ["Dam repairs delayed again"]  # the <h1> headline left the body


def test_parse_html_trims_template_lines_left_inside_the_article_element():
    page = HTML_PAGE.replace(
        "within weeks.</p>\n</article>",
        "within weeks.</p>\n<p>By Friday the board hopes to name a contractor.</p>\n"
        "<p class='trust'>Our standards: The Valley Post editorial principles.</p>\n</article>")
    art = mk.parse_article(page)
    assert art.text.endswith("By Friday the board hopes to name a contractor.")  # prose stays
    assert "Our standards: The Valley Post editorial principles." in art.boilerplate


def test_parse_html_falls_back_when_trafilatura_finds_nothing():
    art = mk.parse_article("<html><body></body></html>", format="html")
    assert isinstance(art, mk.Article) and art.text == ""
    assert any(r.get("kind") == "fallback" for r in art.repairs)


def test_parse_article_rejects_bad_format_and_type():
    with pytest.raises(mk.InputError):
        mk.parse_article("x", format="pdf")
    with pytest.raises(mk.InputError):
        mk.parse_article(12)  # type: ignore[arg-type]


def test_parse_article_accepts_bytes_in_other_encodings():
    page = "Протест в столице\n\nТысячи людей вышли на улицы, сообщили местные власти в понедельник вечером.\n"
    art = mk.parse_article(page.encode("cp1251"), format="text")
    assert "Тысячи людей" in art.text
    assert art.extra["encoding"] == "cp1251"


def test_csv_text_column_found_by_name_and_extras_kept(tmp_path):
    p = tmp_path / "a.csv"
    pd.DataFrame({
        "headline": ["One", "Two"], "body": ["It may rain.", "It will not."],
        "media_outlet_id": [1, 2], "Publisher": ["A Post", "B Times"],
        "date": ["2024-01-02", "2024-01-03"],
    }).to_csv(p, index=False)
    df = mk.load_corpus(p)
    assert list(df.columns[:7]) == ["doc_id", "outlet", "title", "author", "published", "url", "text"]
    assert df["text"].tolist() == ["It may rain.", "It will not."]
    assert df["title"].tolist() == ["One", "Two"]
    assert df["outlet"].tolist() == ["A Post", "B Times"]
    assert "media_outlet_id" in df.columns
    assert df["published"].dt.year.tolist() == [2024, 2024]
    assert df["doc_id"].is_unique


def test_text_column_can_be_given(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"story_html_free": "Words here.", "text": "not this"}) + "\n")
    df = mk.load_corpus(p, text_column="story_html_free")
    assert df["text"].tolist() == ["Words here."]


def test_missing_text_column_is_a_clear_error(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("foo,bar\n1,2\n")
    with pytest.raises(mk.SchemaError, match="text_column"):
        mk.load_corpus(p, errors="raise")


def test_mediacloud_export_is_recognised(tmp_path):
    p = tmp_path / "mc.csv"
    p.write_text("stories_id,publish_date,title,url,language,ap_syndicated,media_id,media_name,media_url\n"
                 "1,2023-06-06 10:00:00,Port reopens,https://x.example/1,en,False,7,Harbour News,https://x.example\n")
    with pytest.warns(UserWarning, match="no article text"):
        df = mk.load_corpus(p)
    assert df.loc[0, "outlet"] == "Harbour News"
    assert df.loc[0, "format"] == "mediacloud"
    assert df.loc[0, "stories_id"] == "1"


def test_newsapi_json_is_recognised(tmp_path):
    p = tmp_path / "newsapi.json"
    p.write_text(json.dumps({"status": "ok", "totalResults": 1, "articles": [{
        "source": {"id": None, "name": "Coast Daily"}, "author": "Lee Park", "title": "Ferry strike ends",
        "description": "Unions agreed.", "url": "https://c.example/f", "publishedAt": "2024-05-01T12:00:00Z",
        "content": "The ferry strike ended on Wednesday after unions agreed to a deal… [+1830 chars]"}]}))
    with pytest.warns(UserWarning, match="200 characters"):
        df = mk.load_corpus(p)
    assert df.loc[0, "outlet"] == "Coast Daily" and df.loc[0, "author"] == "Lee Park"
    assert df.loc[0, "format"] == "newsapi"


def test_parquet_roundtrip(tmp_path):
    p = tmp_path / "a.parquet"
    pd.DataFrame({"text": ["Alpha beta."], "outlet": ["X"], "extra": [3]}).to_parquet(p)
    df = mk.load_corpus(p)
    assert df.loc[0, "extra"] == 3 and df.loc[0, "words"] == 2


def test_folder_with_broken_files_loads_the_rest_and_reports(tmp_path):
    good = "Bridge closes for repairs\n\nThe old bridge will close for six weeks from Monday, the council said on Friday.\n"
    for i in range(5):
        (tmp_path / f"page{i}.txt").write_text(good.replace("six", str(i + 2)))
    (tmp_path / "broken.html").write_bytes(b"")
    (tmp_path / "bad.csv").write_text("foo,bar\n1,2\n")
    (tmp_path / "weird.xyz").write_text("?")
    with pytest.warns(UserWarning, match="3 file\\(s\\) could not be loaded"):
        df = mk.load_corpus(tmp_path)
    assert len(df) == 5
    failed = {e["path"].split("/")[-1] for e in df.attrs["errors"]}
    assert failed == {"broken.html", "bad.csv", "weird.xyz"}
    assert all(e["error"] for e in df.attrs["errors"])


def test_glob_list_and_missing_paths(tmp_path):
    (tmp_path / "a.txt").write_text("Title one\n\nA sentence that is long enough to be kept as body text.\n")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        df = mk.load_corpus([str(tmp_path / "*.txt"), tmp_path / "nope.txt"])
    assert len(df) == 1
    assert df.attrs["errors"][0]["path"].endswith("nope.txt")


def test_dataframe_input_is_not_mutated():
    src = pd.DataFrame({"content": ["One two three."], "source": ["Y"]})
    before = src.copy()
    df = mk.load_corpus(src)
    pd.testing.assert_frame_equal(src, before)
    assert df.loc[0, "text"] == "One two three." and df.loc[0, "outlet"] == "Y"


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=3000), st.binary(max_size=3000)),
       st.sampled_from(["auto", "text", "html"]))
def test_any_input_gives_article_or_mediakit_error(raw, fmt):
    try:
        art = mk.parse_article(raw, format=fmt)
    except mk.MediakitError:
        return
    assert isinstance(art, mk.Article)
    assert isinstance(art.text, str)
    art.text.encode("utf-8")  # valid Unicode (no lone surrogates)
    assert all(isinstance(line, str) for line in art.boilerplate)


def test_clean_summary_marks_every_missing_value_the_same_way(capsys):
    import pandas as pd

    from mediakit.cli import print_summary

    df = pd.DataFrame([{"doc_id": "a", "title": float("nan"), "author": None, "editor": "",
                        "outlet": "Valley Courier", "section": None, "published": pd.NaT,
                        "words": 12, "boilerplate_lines": 3}])
    print_summary(df)
    out = capsys.readouterr().out
    assert "nan" not in out.lower() and "None" not in out
    assert "title:   -" in out and "author:  -    editor: -" in out and "date:    -" in out
    assert "outlet:  Valley Courier" in out


def test_html_outlet_prefers_site_name_over_a_news_service_publisher():
    from mediakit.load.html import page_outlet

    page = '<head><meta property="og:site_name" content="Deccan Herald"></head>'
    assert page_outlet(page, "DH News Service", "deccanherald.com") == "Deccan Herald"
    # no og:site_name: a publisher naming a news service loses to the copyright line
    page = "<body><p>Text</p><footer>© 2026 Valley Courier. All rights reserved.</footer></body>"
    assert page_outlet(page, "DH News Service", "valleycourier.com") == "Valley Courier"
    assert page_outlet("<p>x</p>", "Valley Courier", "valleycourier.com") == "Valley Courier"
    assert page_outlet("<p>x</p>", None, "valleycourier.com") == "valleycourier.com"


def test_titles_lose_the_site_suffix_and_authors_their_job_title():
    from mediakit.load.html import strip_job_title, strip_site_suffix

    assert strip_site_suffix("Talks stall in Cairo | Al Bawaba", "Al Bawaba", None) == "Talks stall in Cairo"
    assert strip_site_suffix("Talks stall - Valley Courier", None, "www.valleycourier.com") == "Talks stall"
    # a dash inside the headline stays when what follows is not the site
    assert strip_site_suffix("Rain - and more rain", "Valley Courier", None) == "Rain - and more rain"
    assert strip_job_title("Tom Gillespie News reporter") == "Tom Gillespie"
    assert strip_job_title("Ann Lee") == "Ann Lee"
    assert strip_job_title(None) is None
