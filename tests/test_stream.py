"""Streaming loads give the same rows as a whole load, in bounded chunks."""

import json

import pandas as pd
import pytest

import mediakit as mk


def _rows(n):
    return [{"text": f"Report {i}: the council may vote on the plan, officials said.", "outlet": f"O{i % 3}",
             "title": f"Item {i}"} for i in range(n)]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_chunks_match_whole_load(tmp_path, suffix):
    p = tmp_path / f"c{suffix}"
    df = pd.DataFrame(_rows(23))
    if suffix == ".jsonl":
        p.write_text("".join(json.dumps(r) + "\n" for r in _rows(23)))
    elif suffix == ".csv":
        df.to_csv(p, index=False)
    else:
        df.to_parquet(p)
    chunks = list(mk.iter_corpus(p, chunksize=10))
    assert [len(c) for c in chunks] == [10, 10, 3]
    whole = mk.load_corpus(p)
    streamed = pd.concat(chunks, ignore_index=True)
    assert streamed["doc_id"].tolist() == whole["doc_id"].tolist()
    assert streamed["text"].tolist() == whole["text"].tolist()
    assert list(streamed.columns[:7]) == list(whole.columns[:7])


def test_bad_jsonl_lines_are_reported_not_dropped_silently(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps(_rows(1)[0]) + "\n{broken\n[1, 2]\n")
    chunks = list(mk.iter_corpus(p, chunksize=5))
    errors = [e for c in chunks for e in c.attrs["errors"]]
    assert sum(len(c) for c in chunks) == 1
    assert [e["path"].rsplit(":", 1)[1] for e in errors] == ["2", "3"]


def test_folder_of_pages_streams_in_chunks(tmp_path):
    for i in range(7):
        (tmp_path / f"p{i}.txt").write_text(f"Headline {i}\n\nThe river rose {i} metres overnight, the agency said.\n")
    sizes = [len(c) for c in mk.iter_corpus(tmp_path, chunksize=3)]
    assert sizes == [3, 3, 1]


def test_chunksize_must_be_positive(tmp_path):
    with pytest.raises(mk.InputError):
        next(mk.iter_corpus(tmp_path, chunksize=0))


def test_warc_streams_record_by_record():
    import warnings
    from pathlib import Path

    warc = Path(__file__).parent / "fixtures" / "exports" / "crawl.warc.gz"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = mk.load_corpus(warc)
    chunks = list(mk.iter_corpus(warc, chunksize=1))
    assert sum(len(c) for c in chunks) == len(whole) > 1
    assert [d for c in chunks for d in c["doc_id"]] == whole["doc_id"].tolist()
    assert any("skipped" in e["error"] for c in chunks for e in c.attrs["errors"])
