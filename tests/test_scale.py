"""The same profile on pandas, on Dask with worker processes, and through `mediakit analyze`."""

import pandas as pd
import pytest
from click.testing import CliRunner

import mediakit as mk
from mediakit.cli import main


@pytest.fixture(scope="module")
def corpus():
    return mk.load_workshop().head(15)


def test_profile_has_one_row_per_article_and_all_measures(corpus):
    prof = mk.profile(corpus)
    assert prof["doc_id"].tolist() == corpus["doc_id"].tolist()
    for col in ("words", "hedges_per_1k", "author_boosters_per_1k", "n_attributions", "share_anonymous",
                "frame_economic", "frame_security_defense", "outlet", "event_id"):
        assert col in prof.columns, col
    assert (prof["words"] == corpus["words"]).all()


def test_profile_of_one_string_and_of_empty_corpus(corpus):
    one = mk.profile(corpus["text"].iloc[0])
    assert len(one) == 1
    empty = mk.profile(corpus.iloc[:0])
    assert len(empty) == 0 and list(empty.columns) == list(mk.profile(corpus.iloc[:1]).columns)


def test_profile_on_dask_with_processes_matches_pandas(corpus):
    dd = pytest.importorskip("dask.dataframe")
    import dask

    expected = mk.profile(corpus)
    ddf = dd.from_pandas(corpus, npartitions=3)
    with dask.config.set(scheduler="processes", num_workers=2):
        got = mk.profile(ddf).compute()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)


def test_analyze_cli_writes_parquet_parts_equal_to_profile(corpus, tmp_path):
    src = tmp_path / "c.jsonl"
    corpus.to_json(src, orient="records", lines=True, date_format="iso")
    out = tmp_path / "features.parquet"
    res = CliRunner().invoke(main, ["analyze", str(src), "-o", str(out), "--chunksize", "4",
                                    "--jobs", "2", "--quiet"])
    assert res.exit_code == 0, res.output
    parts = sorted(out.glob("part-*.parquet"))
    assert len(parts) == 4
    got = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    expected = mk.profile(mk.load_corpus(src))
    assert got["doc_id"].tolist() == expected["doc_id"].tolist()
    pd.testing.assert_series_equal(got["hedges_per_1k"], expected["hedges_per_1k"])


def test_analyze_refuses_to_overwrite(tmp_path):
    out = tmp_path / "x.parquet"
    out.mkdir()
    (tmp_path / "c.jsonl").write_text('{"text": "A short text."}\n')
    res = CliRunner().invoke(main, ["analyze", str(tmp_path / "c.jsonl"), "-o", str(out), "--quiet"])
    assert res.exit_code != 0 and "overwrite" in res.output
