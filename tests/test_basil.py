"""load_basil / fetch_basil on a team-written BASIL-shaped fixture, on damaged copies of it, and
on the real release in ../shared (skipped when absent). fetch_basil is tested offline: the
"download" is a file:// URL to a zip the test builds from the fixture."""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
import zipfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.datasets import basil, remote
from mediakit.errors import InputError, MediakitError

FIXTURE = Path(__file__).parent / "fixtures" / "basil"
E1 = "5f0c1a2e-0000-4000-8000-00000000e001"
E2 = "5f0c1a2e-0000-4000-8000-00000000e002"


def copy_fixture(tmp_path: Path) -> Path:
    dest = tmp_path / "BASIL"
    shutil.copytree(FIXTURE, dest)
    return dest


def edit_annotation(root: Path, stem: str, change) -> None:
    year = "2016" if stem.startswith(E1) else "2017"
    path = root / "annotations" / year / f"{stem}_ann.json"
    obj = json.loads(path.read_text(encoding="utf-8"))
    change(obj)
    path.write_text(json.dumps(obj), encoding="utf-8")


def span_source(articles: pd.DataFrame, row) -> str:
    art = articles.set_index("doc_id").loc[row.doc_id]
    return art["title"] if row.field == "title" else art["text"]


# ---- the fixture: quirks normalised -----------------------------------------------------------

def test_unpacks_as_articles_and_spans():
    corpus = mk.load_basil(FIXTURE)
    articles, spans = corpus
    assert corpus.articles is articles and corpus.spans is spans
    assert "articles=6 rows" in repr(corpus)


def test_articles_follow_the_corpus_schema_with_events():
    articles, _ = mk.load_basil(FIXTURE)
    assert list(articles.columns[:11]) == ["doc_id", "outlet", "title", "author", "published", "url",
                                           "text", "section", "language", "source_path", "words"]
    assert len(articles) == 6 and articles["doc_id"].is_unique
    assert articles["event_id"].value_counts().to_dict() == {E1: 3, E2: 3}
    # fox/FOX, NYT/nyt, hpo/HPO: one name per outlet, every event covered by all three
    assert articles.groupby("event_id")["outlet"].apply(set).map(sorted).tolist() == [
        ["Fox News", "HuffPost", "The New York Times"]] * 2
    assert set(articles["outlet_code"]) == {"fox", "nyt", "hpo"}
    assert str(articles["published"].dt.tz) == "UTC"
    assert articles.set_index("doc_id").loc[f"{E1}_3", "published"] == pd.Timestamp("2016-03-09", tz="UTC")
    assert articles["author"].isna().all() and (articles["language"] == "en").all()


def test_stance_vocabularies_are_unified():
    articles, _ = mk.load_basil(FIXTURE)
    stance = articles.set_index("doc_id")["relative_stance"]
    # the fixture uses conservative/center/liberal for one event and left/right/center for the other
    assert stance.to_dict() == {f"{E1}_1": "right", f"{E1}_2": "center", f"{E1}_3": "left",
                                f"{E2}_1": "left", f"{E2}_2": "right", f"{E2}_3": "center"}


def test_pair_uuid_annotations_and_empty_uuids_are_read():
    articles, spans = mk.load_basil(FIXTURE)
    a = articles.set_index("doc_id")
    assert a.loc[f"{E1}_2", "n_spans"] == 2 and a.loc[f"{E2}_2", "n_spans"] == 2  # files with pair-uuid
    assert a["annotated"].all()
    assert pd.isna(a.loc[f"{E2}_3", "uuid"]) and a.loc[f"{E1}_1", "uuid"].endswith("0a0101")
    assert a["n_spans"].sum() == len(spans) == 16
    assert (a["n_lexical"] + a["n_informational"]).equals(a["n_spans"])
    assert articles.attrs["errors"] == [] and spans.attrs["errors"] == []


def test_text_is_built_from_paragraphs_of_sentences():
    articles, _ = mk.load_basil(FIXTURE)
    a = articles.set_index("doc_id")
    text = a.loc[f"{E1}_2", "text"]
    paras = text.split("\n\n")
    assert len(paras) == 3  # the empty sentence adds no paragraph and no double space
    assert paras[1] == ("Mayor Dana Pell said the bridge would cut commutes by twenty minutes. "
                        "Council members who opposed it questioned the cost estimates.")
    for t in articles["text"]:
        assert "  " not in t and t == t.strip() and "\n\n\n" not in t
        assert all(p == p.strip() for p in t.split("\n\n"))
    assert a.loc[f"{E2}_3", "text"].startswith("Governor Lena Marsh vetoed")  # leading space of the release


def test_span_offsets_index_the_article_text():
    articles, spans = mk.load_basil(FIXTURE)
    for row in spans.itertuples():
        source = span_source(articles, row)
        assert 0 <= row.start <= row.end <= len(source)
        assert source[row.start:row.end] == row.text
    assert set(spans["located"]) == {"exact"}
    assert set(spans["field"]) == {"text", "title"}
    title = spans[spans["field"] == "title"]
    assert sorted(title["text"]) == ["Guts", "Rams Through"]
    assert title["sentence_id"].isna().all()


def test_span_labels_are_spelled_out():
    _, spans = mk.load_basil(FIXTURE)
    s = spans.set_index("text")
    assert s.loc["reckless", "bias_type"] == "lexical" and s.loc["reckless", "polarity"] == "negative"
    assert bool(s.loc["reckless", "in_quote"]) is False and pd.isna(s.loc["reckless", "speaker"])
    q = s.loc["\u201cThis is a bridge to nowhere,\u201d"]
    assert (q["bias_type"], bool(q["in_quote"]), q["speaker"], q["target"]) == (
        "informational", True, "Rob_Ferris", "Dana_Pell")
    ind = s.loc["backed by a developer lobby"]
    assert (ind["aim"], ind["indirect_target"], ind["indirect_sentiment"]) == ("indirect_pro", "Dana_Pell", "positive")
    assert set(spans["bias_type"]) == {"lexical", "informational"}
    assert set(spans["aim"]) == {"direct", "indirect_pro", "indirect_anti"}
    assert spans.groupby("outlet").size().to_dict() == {"Fox News": 6, "HuffPost": 7, "The New York Times": 3}


def test_sentence_ids_count_empty_sentences():
    _, spans = mk.load_basil(FIXTURE)
    row = spans[spans["text"] == "questioned the cost estimates"].iloc[0]
    # paragraph 1 is [sentence 1, "" (sentence 2), sentence 3]: BASIL's p3
    assert (row["span_id"], row["sentence_id"], row["paragraph_id"]) == ("p3", 3, 1)
    assert (row["sentence_start"], row["sentence_end"]) == (31, 60)


def test_feelings_table():
    corpus = mk.load_basil(FIXTURE)
    f = corpus.feelings
    assert list(f.columns) == ["doc_id", "event_id", "outlet", "entity", "author_feeling", "annotator_feeling"]
    row = f[(f["doc_id"] == f"{E1}_1") & (f["entity"] == "Dana Pell")].iloc[0]
    assert (row["author_feeling"], row["annotator_feeling"]) == ("negative", "slightly negative")
    assert len(f) == 7
    a = corpus.articles.set_index("doc_id")
    assert a.loc[f"{E2}_1", "author_feeling_main_event"] == "negative"


def test_accepts_the_folder_github_archives_add(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "BASIL-4fdbc4f")
    articles, spans = mk.load_basil(tmp_path)
    assert len(articles) == 6 and len(spans) == 16


# ---- problem records are reported, never dropped silently -----------------------------------

def test_wrong_offsets_are_repaired_within_the_sentence(tmp_path):
    root = copy_fixture(tmp_path)

    def shift(obj):
        for p in obj["phrase-level-annotations"]:
            if p["txt"] == "saddle taxpayers with debt for decades":
                p["start"] += 4
                p["end"] += 4
    edit_annotation(root, f"{E1}_1", shift)
    articles, spans = mk.load_basil(root)
    row = spans[spans["text"] == "saddle taxpayers with debt for decades"].iloc[0]
    assert row["located"] == "moved"
    assert span_source(articles, row)[row["start"]:row["end"]] == row["text"]
    assert spans.attrs["errors"] == []


def test_unplaceable_span_is_listed_and_warned(tmp_path):
    root = copy_fixture(tmp_path)

    def break_one(obj):
        obj["phrase-level-annotations"][0]["txt"] = "words that are nowhere in the article"
    edit_annotation(root, f"{E1}_1", break_one)
    with pytest.warns(UserWarning, match="could not be placed"):
        articles, spans = mk.load_basil(root)
    assert len(spans) == 15
    (err,) = spans.attrs["errors"]
    assert err["doc_id"] == f"{E1}_1" and err["span_id"] == "p0" and "not in sentence 0" in err["error"]
    assert err["text"] == "words that are nowhere in the article"


def test_span_naming_a_missing_sentence_is_found_by_search_or_reported(tmp_path):
    root = copy_fixture(tmp_path)

    def bad_ids(obj):
        obj["phrase-level-annotations"][0]["id"] = "p99"   # "cheered": once in the article
        obj["phrase-level-annotations"][1]["id"] = "p77"
        obj["phrase-level-annotations"][1]["txt"] = "the"  # many times: ambiguous
    edit_annotation(root, f"{E1}_3", bad_ids)
    with pytest.warns(UserWarning):
        articles, spans = mk.load_basil(root)
    row = spans[spans["text"] == "cheered"].iloc[0]
    assert row["located"] == "searched" and pd.isna(row["sentence_id"])
    assert span_source(articles, row)[row["start"]:row["end"]] == "cheered"
    (err,) = spans.attrs["errors"]
    assert err["span_id"] == "p77" and "names no sentence" in err["error"]


def test_file_problems_are_listed(tmp_path):
    root = copy_fixture(tmp_path)
    (root / "annotations" / "2016" / f"{E1}_2_ann.json").unlink()          # article without annotation
    (root / "articles" / "2017" / f"{E2}_3.json").write_text("{not json", encoding="utf-8")
    art = root / "articles" / "2017" / f"{E2}_1.json"
    obj = json.loads(art.read_text(encoding="utf-8"))
    obj["source"] = "cnn"
    art.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.warns(UserWarning, match="BASIL file problem"):
        articles, spans = mk.load_basil(root)
    errors = " | ".join(e["error"] for e in articles.attrs["errors"])
    assert "no annotation file" in errors and "not readable JSON" in errors
    assert "annotation file without an article" in errors and "unknown outlet code 'cnn'" in errors
    a = articles.set_index("doc_id")
    assert len(a) == 5 and not a.loc[f"{E1}_2", "annotated"] and a.loc[f"{E1}_2", "n_spans"] == 0
    assert a.loc[f"{E2}_1", "outlet"] == "cnn"


def test_annotation_for_another_article_is_not_attached(tmp_path):
    root = copy_fixture(tmp_path)
    edit_annotation(root, f"{E1}_1", lambda obj: obj.update(uuid="someone-else"))
    with pytest.warns(UserWarning):
        articles, spans = mk.load_basil(root)
    assert not (spans["doc_id"] == f"{E1}_1").any()
    assert any("not loaded" in e["error"] for e in articles.attrs["errors"])


@pytest.mark.parametrize("make", ["missing", "file", "no_articles", "no_annotations", "empty"])
def test_bad_paths_are_clear_errors(tmp_path, make):
    target = tmp_path / "x"
    if make == "file":
        target.write_text("hello")
    elif make == "no_articles":
        target.mkdir()
    elif make == "no_annotations":
        (target / "articles" / "2016").mkdir(parents=True)
    elif make == "empty":
        (target / "articles" / "2016").mkdir(parents=True)
        (target / "annotations").mkdir()
    with pytest.raises(InputError):
        mk.load_basil(target)


# ---- robustness: any sentences, any substring spans -------------------------------------------

sentences = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(st.lists(sentences, min_size=0, max_size=3), min_size=0, max_size=3),
       picks=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 40), st.integers(0, 40)), max_size=5),
       title=sentences)
def test_any_sentences_and_spans_give_valid_offsets(paragraphs, picks, title):
    flat = [s for p in paragraphs for s in p]
    phrases = []
    for i, a, b in picks:
        if not flat:
            break
        sid = i % len(flat)
        a, b = sorted((a % (len(flat[sid]) + 1), b % (len(flat[sid]) + 1)))
        phrases.append({"id": f"p{sid}", "start": a, "end": b, "txt": flat[sid][a:b], "bias": "lex",
                        "polarity": "neg", "aim": "dir", "quote": "no", "target": "x"})
    phrases.append({"id": "title", "start": 0, "end": len(title), "txt": title, "bias": "inf"})
    art = {"uuid": "u", "triplet-uuid": "t", "source": "fox", "title": title, "date": "2019-01-01",
           "body-paragraphs": paragraphs}
    ann = {"uuid": "u", "triplet-uuid": "t", "article-level-annotations": {"relative_stance": "left"},
           "phrase-level-annotations": phrases}
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        (root / "articles" / "2019").mkdir(parents=True)
        (root / "annotations" / "2019").mkdir(parents=True)
        (root / "articles" / "2019" / "t_1.json").write_text(json.dumps(art), encoding="utf-8")
        (root / "annotations" / "2019" / "t_1_ann.json").write_text(json.dumps(ann), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles, spans = mk.load_basil(root)
    text, ttl = articles.loc[0, "text"], articles.loc[0, "title"]
    for row in spans.itertuples():
        source = (ttl or "") if row.field == "title" else text
        assert 0 <= row.start <= row.end <= len(source)
        assert source[row.start:row.end] == row.text and row.text.strip()
    # every annotation is either a span or an error: nothing vanishes
    assert len(spans) + len(spans.attrs["errors"]) == len(phrases)


# ---- fetch_basil, offline ---------------------------------------------------------------------

def fixture_zip(path: Path, *, drop: str | None = None, extra: dict[str, str] | None = None) -> Path:
    top = f"BASIL-{basil.COMMIT}"
    with zipfile.ZipFile(path, "w") as zf:
        for f in sorted(FIXTURE.rglob("*.json")):
            rel = f.relative_to(FIXTURE).as_posix()
            if drop and rel.endswith(drop):
                continue
            zf.writestr(f"{top}/{rel}", f.read_bytes())
        zf.writestr(f"{top}/README.md", "fixture")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


@pytest.fixture
def pinned(tmp_path, monkeypatch):
    """fetch_basil pointed at a local zip of the fixture, with the fixture's counts expected."""
    monkeypatch.setenv("MEDIAKIT_DATA", str(tmp_path / "cache"))
    monkeypatch.setattr(basil, "EXPECTED_ARTICLES", 6)
    monkeypatch.setattr(basil, "EXPECTED_EVENTS", 2)

    def pin(archive: Path) -> None:
        ds = replace(basil.BASIL_DATASET, url=archive.resolve().as_uri(), min_records=6)
        monkeypatch.setattr(basil, "BASIL_DATASET", ds)
    return pin


def test_fetch_downloads_verifies_caches_and_loads(tmp_path, pinned):
    pinned(fixture_zip(tmp_path / "dl.zip"))
    articles, spans = basil.fetch_basil()
    cache = tmp_path / "cache" / "basil"
    assert (cache / basil.BASIL_DATASET.filename).is_file()
    assert (cache / (basil.BASIL_DATASET.filename + ".sha256")).is_file()   # recorded on first use
    local_articles, local_spans = mk.load_basil(FIXTURE)
    cols = [c for c in articles.columns if c != "source_path"]
    pd.testing.assert_frame_equal(articles[cols], local_articles[cols])
    pd.testing.assert_frame_equal(spans, local_spans)
    assert articles.attrs["citation"].startswith("Fan, L.")
    # second call: from the cache, no download needed
    (tmp_path / "dl.zip").unlink()
    again, _ = basil.fetch_basil(download_if_missing=False)
    assert len(again) == 6


def test_fetch_refuses_a_changed_cached_archive(tmp_path, pinned):
    pinned(fixture_zip(tmp_path / "dl.zip"))
    basil.fetch_basil()
    archive = tmp_path / "cache" / "basil" / basil.BASIL_DATASET.filename
    with open(archive, "ab") as f:
        f.write(b"tampered")
    with pytest.raises(MediakitError, match="checksum"):
        basil.fetch_basil()


def test_fetch_refuses_an_incomplete_release_and_clears_the_cache(tmp_path, pinned):
    pinned(fixture_zip(tmp_path / "dl.zip", drop=f"{E2}_3_ann.json"))
    with pytest.raises(remote.DatasetError, match="5 annotation files instead of 6"):
        basil.fetch_basil()
    assert not list((tmp_path / "cache" / "basil").glob("BASIL-*"))
    # a good archive at the same URL is then downloaded afresh
    fixture_zip(tmp_path / "dl.zip")
    articles, _ = basil.fetch_basil()
    assert len(articles) == 6


def test_fetch_refuses_path_traversal(tmp_path, pinned):
    pinned(fixture_zip(tmp_path / "dl.zip", extra={"../../evil.txt": "x"}))
    with pytest.raises(remote.DatasetError, match="leaves the target folder"):
        basil.fetch_basil()
    assert not (tmp_path / "evil.txt").exists()
    assert not (tmp_path / "cache" / "basil" / basil.BASIL_DATASET.filename).exists()


def test_fetch_without_download_and_empty_cache(tmp_path, pinned):
    pinned(fixture_zip(tmp_path / "dl.zip"))
    with pytest.raises(remote.DatasetError, match="not in the cache"):
        basil.fetch_basil(download_if_missing=False)


def test_pinned_url_is_a_full_commit():
    assert len(basil.COMMIT) == 40 and all(c in "0123456789abcdef" for c in basil.COMMIT)
    assert basil.BASIL_DATASET.url == f"https://github.com/launchnlp/BASIL/archive/{basil.COMMIT}.zip"


# ---- the real release (../shared, tests only) -------------------------------------------------

@pytest.fixture(scope="module")
def real():
    root = shared_path("datasets", "basil")
    basil._check_structure(root)   # the counts fetch_basil demands are the release's
    return mk.load_basil(root)


def test_real_release_counts(real):
    articles, spans = real
    assert len(articles) == 300 and articles["event_id"].nunique() == 100
    assert articles["doc_id"].is_unique
    assert articles.groupby("event_id")["outlet"].nunique().eq(3).all()
    assert articles["outlet"].value_counts().to_dict() == {
        "Fox News": 100, "The New York Times": 100, "HuffPost": 100}
    assert set(articles["relative_stance"]) == {"left", "center", "right"}
    assert articles["uuid"].isna().sum() == 4   # the release's "empty" uuids
    assert spans["bias_type"].value_counts().to_dict() == {"informational": 1246, "lexical": 480}
    assert articles.attrs["errors"] == [] and spans.attrs["errors"] == []


def test_real_release_spans_are_exact(real):
    articles, spans = real
    assert (spans["located"] == "exact").all()
    texts = articles.set_index("doc_id")
    for row in spans.itertuples():
        source = texts.at[row.doc_id, "title" if row.field == "title" else "text"]
        assert source[row.start:row.end] == row.text


# ---- robustness: whatever the JSON holds, a clear result or a reported problem ----------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 50) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)
ARTICLE_KEYS = ["uuid", "triplet-uuid", "source", "body-paragraphs", "title", "date", "url",
                "main-entities", "word-count", "keywords", "main-event"]
PHRASE_KEYS = ["id", "start", "end", "txt", "bias", "polarity", "aim", "quote", "speaker", "target",
               "indirect-target-name", "indirect-ally-opponent-sentiment", "notes"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(art=st.fixed_dictionaries({k: json_values for k in ARTICLE_KEYS}),
       article_level=json_values,
       phrases=json_values | st.lists(st.fixed_dictionaries({k: json_values for k in PHRASE_KEYS}), max_size=3),
       ann_uuid=st.sampled_from(["same", "other"]))
def test_any_json_content_never_crashes(art, article_level, phrases, ann_uuid):
    ann = {"uuid": art["uuid"] if ann_uuid == "same" else "other", "triplet-uuid": art["triplet-uuid"],
           "article-level-annotations": article_level, "phrase-level-annotations": phrases}
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        (root / "articles" / "2019").mkdir(parents=True)
        (root / "annotations" / "2019").mkdir(parents=True)
        (root / "articles" / "2019" / "t_1.json").write_text(json.dumps(art), encoding="utf-8")
        (root / "annotations" / "2019" / "t_1_ann.json").write_text(json.dumps(ann), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles, spans = mk.load_basil(root)
    assert len(articles) == 1 and isinstance(articles.loc[0, "text"], str)
    for col in ("outlet", "title", "url", "relative_stance", "keywords"):
        v = articles.loc[0, col]
        assert v is None or pd.isna(v) or isinstance(v, str)
    for row in spans.itertuples():
        source = articles.loc[0, "title"] if row.field == "title" else articles.loc[0, "text"]
        assert 0 <= row.start <= row.end <= len(source) and source[row.start:row.end] == row.text
    n_phrases = len(phrases) if isinstance(phrases, list) and ann_uuid == "same" else 0
    if isinstance(article_level, dict) or article_level in (None, {}, []):
        assert len(spans) + len(spans.attrs["errors"]) == n_phrases


def test_same_file_name_in_two_year_folders_keeps_both(tmp_path):
    root = copy_fixture(tmp_path)
    for sub, suffix in (("articles", ".json"), ("annotations", "_ann.json")):
        (root / sub / "2018").mkdir()
        shutil.copy(root / sub / "2016" / f"{E1}_1{suffix}", root / sub / "2018" / f"{E1}_1{suffix}")
    with pytest.warns(UserWarning):
        articles, spans = mk.load_basil(root)
    assert len(articles) == 7 and articles["doc_id"].is_unique
    assert f"2018/{E1}_1" in set(articles["doc_id"]) and (spans["doc_id"] == f"2018/{E1}_1").sum() == 4


def test_fetch_discards_a_download_that_is_not_an_archive(tmp_path, pinned):
    (tmp_path / "dl.zip").write_bytes(b"<html>rate limited</html>")
    pinned(tmp_path / "dl.zip")
    with pytest.raises(remote.DatasetError, match="could not be extracted"):
        basil.fetch_basil()
    assert not (tmp_path / "cache" / "basil" / basil.BASIL_DATASET.filename).exists()
