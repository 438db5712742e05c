"""The bundled workshop corpus: shape, lengths, coverage, and that it loads like user data."""

import html
import json
import re

import pandas as pd
import pytest

import mediakit as mk
from mediakit.errors import InputError
from mediakit.text.tokens import count_words

OUTLETS = {"Meridian Wire", "Valdoria Today", "The Daily Flare", "The Policy Ledger",
           "Millbrook Courier"}
FIELDS = {"doc_id", "event_id", "event", "outlet", "author", "published", "title", "section",
          "url", "text"}


@pytest.fixture(scope="module")
def workshop():
    return mk.load_workshop()


def _files():
    return sorted(mk.bundled_path("workshop").glob("events_*.jsonl"))


def _second_half_exists():
    return any(p.name == "events_05-08.jsonl" for p in _files())


def test_records_have_every_field_and_a_timezone():
    for path in _files():
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert set(rec) >= FIELDS, (path.name, rec.get("doc_id"))
            stamp = pd.Timestamp(rec["published"])
            assert stamp.tzinfo is not None, rec["doc_id"]
            assert ".example/" in rec["url"], rec["doc_id"]
            assert rec["doc_id"].startswith(rec["event_id"] + "-")


def test_corpus_columns_follow_the_schema(workshop):
    head = ["doc_id", "outlet", "title", "author", "published", "url", "text", "section",
            "language", "source_path"]
    assert list(workshop.columns[: len(head)]) == head
    assert {"words", "event_id", "event"} <= set(workshop.columns)
    assert isinstance(workshop["published"].dtype, pd.DatetimeTZDtype)
    assert workshop["published"].notna().all()
    assert workshop[["title", "author", "outlet", "text"]].notna().all().all()


def test_my_events_are_complete(workshop):
    mine = workshop[workshop["event_id"].isin(["e01", "e02", "e03", "e04"])]
    assert len(mine) >= 5  # grows to 20 as events are written
    for _, group in mine.groupby("event_id"):
        assert set(group["outlet"]) == OUTLETS
        assert len(group) == 5


def test_every_article_is_200_to_600_words(workshop):
    words = workshop["text"].map(count_words)
    short_or_long = workshop.loc[(words < 200) | (words > 600), "doc_id"].tolist()
    assert not short_or_long
    assert (workshop["words"] == words).all()


def test_paragraphs_are_separated_by_one_blank_line(workshop):
    for doc_id, text in zip(workshop["doc_id"], workshop["text"]):
        assert "\n\n\n" not in text, doc_id
        assert text.count("\n\n") >= 4, doc_id  # real articles, not one block


def test_doc_ids_are_unique(workshop):
    assert workshop["doc_id"].is_unique


def test_no_paragraph_is_copied_between_articles(workshop):
    seen = {}
    for doc_id, text in zip(workshop["doc_id"], workshop["text"]):
        for para in text.split("\n\n"):
            if count_words(para) >= 12:
                assert para not in seen, (doc_id, seen.get(para))
                seen[para] = doc_id


def test_both_halves_give_eight_events_by_five_outlets(workshop):
    if not _second_half_exists():
        pytest.skip("events_05-08.jsonl is not written yet")
    assert len(workshop) >= 40
    counts = workshop.groupby(["event_id", "outlet"]).size()
    assert workshop["event_id"].nunique() >= 8
    assert set(workshop["outlet"]) == OUTLETS
    assert (counts == 1).all()
    assert len(counts) == 5 * workshop["event_id"].nunique()


def test_bundled_path_names_a_missing_file():
    with pytest.raises(InputError, match="not found"):
        mk.bundled_path("workshop", "no-such-file.jsonl")


def test_sample_pages_are_bundled_and_load_without_errors():
    pages = mk.load_sample_pages()
    suffixes = sorted(p.suffix for p in pages)
    assert suffixes.count(".txt") >= 3 and suffixes.count(".html") >= 2
    df = mk.load_corpus(pages)
    assert df.attrs["errors"] == []
    assert len(df) == len(pages)
    assert (df["words"] >= 150).all()


def test_sample_pages_are_messy_copies_of_workshop_articles(workshop):
    by_title = dict(zip(workshop["title"], workshop["text"]))
    for page in mk.load_sample_pages():
        raw = html.unescape(page.read_text(encoding="utf-8"))
        # the page's own article, not a headline in its "Most read" list
        own = [t for t, text in by_title.items() if t in raw and text.split("\n\n")[0] in raw]
        assert len(own) == 1, page.name
    dumps = [p.read_text(encoding="utf-8") for p in mk.load_sample_pages() if p.suffix == ".txt"]
    # the same site template on every dump, so cross-page template detection has work to do
    assert all("© 2026 The Daily Flare" in d and "Read also" in d for d in dumps)


def _per_1k(workshop, pattern):
    rx = re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)
    hits = workshop["text"].map(lambda t: len(rx.findall(t)))
    return (1000 * hits.groupby(workshop["outlet"]).sum() / workshop.groupby("outlet")["words"].sum())


def test_built_in_contrasts_are_there(workshop):
    """The differences the data card promises, checked so that edits cannot erase them."""
    regime = _per_1k(workshop, "regime")
    assert regime.idxmax() == "Valdoria Today" and regime.drop("Valdoria Today").max() < 0.5
    assert _per_1k(workshop, "illegal migrants?").idxmax() == "Valdoria Today"
    assert _per_1k(workshop, "undocumented migrants?").idxmax() == "The Policy Ledger"
    assert _per_1k(workshop, "tax relief")["Valdoria Today"] > 0
    assert _per_1k(workshop, "tax relief")["The Policy Ledger"] == 0
    boosters = _per_1k(workshop, "clearly|undoubtedly|it is obvious|no doubt|definitely|in fact")
    assert set(boosters.nlargest(2).index) == {"Valdoria Today", "The Daily Flare"}
    hedges = _per_1k(workshop, "may|might|could|likely|probably|appears?|seems?|suggests?")
    assert hedges.idxmax() == "The Policy Ledger"
    anonymous = _per_1k(workshop, "who asked not to be named|insiders?|a source close")
    assert anonymous.idxmax() == "The Daily Flare"
    assert anonymous.drop("The Daily Flare").max() == 0


def test_installed_copy_is_preferred_over_the_checkout(tmp_path, monkeypatch):
    from mediakit.datasets import bundled

    fake_pkg = tmp_path / "mediakit"
    (fake_pkg / "_bundled" / "workshop").mkdir(parents=True)
    (fake_pkg / "_bundled" / "workshop" / "only-installed.txt").write_text("x")
    monkeypatch.setattr(bundled.resources, "files", lambda name: fake_pkg)
    assert mk.bundled_path("workshop", "only-installed.txt").parent.parent == fake_pkg / "_bundled"
    # files missing from the installed copy are still found in a checkout
    assert mk.bundled_path("workshop", "events_01-04.jsonl").is_file()
