"""fetch_*: cache folder, download from a (local) pinned URL, verification, safe extraction.

The network here reaches only package registries, so every download is a file:// URL to an
archive the test builds; the real corpora's structure is imitated (or read from ../shared).
"""

from __future__ import annotations

import csv
import io
import json
import tarfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.datasets import remote
from mediakit.errors import FormatError, MediakitError


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIAKIT_DATA", str(tmp_path / "cache"))
    return tmp_path / "cache"


def pin(monkeypatch, name: str, source: Path, **changes) -> None:
    ds = replace(remote.DATASETS[name], url=source.resolve().as_uri(), **changes)
    monkeypatch.setitem(remote.DATASETS, name, ds)


def allsides_csv(path: Path) -> Path:
    rows = [
        ("Council approves flood barrier", "2022-11-01", "['Floods', 'Local']", "Barrier plan passes", "Left Daily", "The council may finally build it.", "left", "https://left.example/a"),
        ("Council approves flood barrier", "2022-11-01", "['Floods']", "Council backs barrier", "Centre Wire", "Councillors voted 7-2.", "center", "https://wire.example/b"),
        ("Council approves flood barrier", "2022-11-01", "['Floods']", "Costly barrier approved", "Right Post", "Critics say costs will soar.", "right", "https://right.example/c"),
        ("Bridge closed", "November 2, 2022", "[]", "Footbridge shut", "Centre Wire", "Inspectors found cracks.", "Center", ""),
    ]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["", "title", "date", "tags", "heading", "source", "text", "bias_rating", "url"])
        for i, r in enumerate(rows):
            w.writerow([i, *r])
    return path


def test_get_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIAKIT_DATA", str(tmp_path / "env"))
    assert mk.get_data_home() == tmp_path / "env" and (tmp_path / "env").is_dir()
    assert mk.get_data_home(tmp_path / "given") == tmp_path / "given"
    monkeypatch.delenv("MEDIAKIT_DATA")
    assert "mediakit" in str(mk.get_data_home())


def test_fetch_allsides_downloads_caches_and_verifies(home, tmp_path, monkeypatch):
    pin(monkeypatch, "allsides", allsides_csv(tmp_path / "as.csv"), min_records=4)
    with pytest.raises(MediakitError, match="download_if_missing=True"):
        mk.fetch_allsides(download_if_missing=False)
    df = mk.fetch_allsides()
    assert len(df) == 4
    assert list(df.columns[:10]) == ["doc_id", "outlet", "title", "author", "published", "url", "text",
                                     "section", "language", "source_path"]
    assert df["leaning"].tolist() == ["left", "center", "right", "center"]
    assert df["outlet"].tolist() == ["Left Daily", "Centre Wire", "Right Post", "Centre Wire"]
    assert df["title"].tolist()[0] == "Barrier plan passes"
    assert df["event_title"].tolist()[0] == "Council approves flood barrier"
    assert df["event_id"].nunique() == 2 and df["event_id"].iloc[0] == df["event_id"].iloc[2]
    assert df["published"].iloc[3] == pd.Timestamp("2022-11-02", tz="UTC")
    assert pd.isna(df["url"].iloc[3]) and df["text"].iloc[1] == "Councillors voted 7-2."
    assert df["doc_id"].is_unique and df.attrs["citation"].startswith("Haak")
    cached = home / "allsides" / remote.DATASETS["allsides"].filename
    assert cached.is_file() and cached.with_name(cached.name + ".sha256").is_file()
    # second call: from the cache, no download needed
    (tmp_path / "as.csv").unlink()
    assert len(mk.fetch_allsides(download_if_missing=False)) == 4
    # a corrupted cache file is caught by the recorded checksum
    cached.write_text(cached.read_text() + "tampered\n")
    with pytest.raises(MediakitError, match="checksum"):
        mk.fetch_allsides()


def test_fetch_with_pinned_sha256(home, tmp_path, monkeypatch):
    src = allsides_csv(tmp_path / "as.csv")
    pin(monkeypatch, "allsides", src, min_records=1, sha256="0" * 64)
    with pytest.raises(MediakitError, match="could not download"):
        mk.fetch_allsides()
    assert not (home / "allsides" / remote.DATASETS["allsides"].filename).exists()
    pin(monkeypatch, "allsides", src, min_records=1, sha256=remote.sha256_of(src))
    assert len(mk.fetch_allsides()) == 4


def test_structural_verification_rejects_wrong_files(home, tmp_path, monkeypatch):
    pin(monkeypatch, "allsides", allsides_csv(tmp_path / "as.csv"))  # min_records 20,000
    with pytest.raises(MediakitError, match="expected at least"):
        mk.fetch_allsides()
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")
    pin(monkeypatch, "allsides", wrong, min_records=1, filename="wrong.csv")
    with pytest.raises(MediakitError, match="expected columns"):
        mk.fetch_allsides()
    lfs = tmp_path / "lfs.csv"
    lfs.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n")
    pin(monkeypatch, "allsides", lfs, min_records=1, filename="lfs.csv")
    with pytest.raises(MediakitError, match="Git LFS"):
        mk.fetch_allsides()


def abp_zip(path: Path) -> Path:
    top = "Article-Bias-Prediction-e9353def1b6599f8a16bccb6ac5fe682185d728e/data"
    arts = [
        {"topic": "floods", "source": "Left Daily", "bias": 0, "url": "https://left.example/1",
         "title": "Barrier plan passes", "date": "2021-03-05", "authors": "Maren Holt",
         "content": "tokenized text", "content_original": "First paragraph.\n\nSecond paragraph.",
         "source_url": "www.left.example", "bias_text": "left", "ID": "aaaaaaaaaaaaaaa1"},
        {"topic": "bridges", "source": "Right Post", "bias": 2, "url": "https://right.example/2",
         "title": "Bridge shut", "date": "2021-03-08", "authors": "",
         "content": "x", "content_original": "Engineers closed the bridge.",
         "source_url": "www.right.example", "bias_text": "right", "ID": "bbbbbbbbbbbbbbb2"},
    ]
    with zipfile.ZipFile(path, "w") as zf:
        for a in arts:
            zf.writestr(f"{top}/jsons/{a['ID']}.json", json.dumps(a))
        zf.writestr(f"{top}/splits/random/train.tsv", "ID\tbias\naaaaaaaaaaaaaaa1\t0\n")
        zf.writestr(f"{top}/splits/random/test.tsv", "ID\tbias\nbbbbbbbbbbbbbbb2\t2\n")
        zf.writestr(f"{top}/splits/media/valid.tsv", "ID\tbias\naaaaaaaaaaaaaaa1\t0\nbbbbbbbbbbbbbbb2\t2\n")
    return path


def test_fetch_article_bias_extracts_and_reads(home, tmp_path, monkeypatch):
    pin(monkeypatch, "article_bias", abp_zip(tmp_path / "abp.zip"), min_records=2)
    df = mk.fetch_article_bias()
    assert df["doc_id"].tolist() == ["aaaaaaaaaaaaaaa1", "bbbbbbbbbbbbbbb2"]
    row = df.iloc[0]
    assert (row["outlet"], row["title"], row["author"], row["url"], row["topic"], row["leaning"]) == (
        "Left Daily", "Barrier plan passes", "Maren Holt", "https://left.example/1", "floods", "left")
    assert row["text"] == "First paragraph.\n\nSecond paragraph."
    assert row["published"] == pd.Timestamp("2021-03-05", tz="UTC")
    assert df["bias"].tolist() == [0, 2] and df["source_url"].tolist()[1] == "www.right.example"
    assert df["split_random"].tolist() == ["train", "test"]
    assert df["split_media"].tolist() == ["valid", "valid"]
    assert pd.isna(df["author"].iloc[1])
    # the Parquet cache gives the same table
    again = mk.fetch_article_bias(download_if_missing=False)
    pd.testing.assert_frame_equal(df.reset_index(drop=True), again.reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("name", ["../evil.txt", "data/../../evil.txt", "/abs/evil.txt", "C:/evil.txt",
                                  "data\\..\\..\\evil.txt"])
def test_zip_with_escaping_paths_is_refused(home, tmp_path, monkeypatch, name):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("data/jsons/ok.json", "{}")
        zf.writestr(name, "gotcha")
    pin(monkeypatch, "article_bias", bad, min_records=1)
    with pytest.raises(FormatError, match="leaves the target folder"):
        mk.fetch_article_bias()
    assert not list(tmp_path.rglob("evil.txt"))
    assert not [p for p in (home / "article_bias").iterdir() if p.is_dir()]  # nothing half-extracted


def test_tar_with_links_or_traversal_is_refused(tmp_path):
    for kind in ("symlink", "traversal"):
        bad = tmp_path / f"{kind}.tar.gz"
        with tarfile.open(bad, "w:gz") as tf:
            if kind == "symlink":
                info = tarfile.TarInfo("data/link")
                info.type = tarfile.SYMTYPE
                info.linkname = "/etc/passwd"
                tf.addfile(info)
            else:
                data = b"gotcha"
                info = tarfile.TarInfo("../../evil.txt")
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
        with pytest.raises(FormatError, match="not allowed|leaves the target"):
            remote.safe_extract(bad, tmp_path / f"out-{kind}", max_bytes=10_000, max_files=10)
        assert not (tmp_path / f"out-{kind}").exists()
    assert not list(tmp_path.parent.rglob("evil.txt"))


def test_zip_bomb_and_member_count_limits(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/zeros.bin", b"\0" * 2_000_000)
    assert bomb.stat().st_size < 20_000
    with pytest.raises(FormatError, match="size limit"):
        remote.safe_extract(bomb, tmp_path / "out", max_bytes=1_000_000, max_files=10)
    assert not (tmp_path / "out").exists()
    with pytest.raises(FormatError, match="members"):
        remote.safe_extract(bomb, tmp_path / "out", max_bytes=10_000_000, max_files=0)
    out = remote.safe_extract(bomb, tmp_path / "ok", max_bytes=10_000_000, max_files=10)
    assert (out / "data" / "zeros.bin").stat().st_size == 2_000_000


def test_download_failure_is_a_clear_error(home, tmp_path, monkeypatch):
    pin(monkeypatch, "allsides", tmp_path / "does-not-exist.csv")
    with pytest.raises(MediakitError, match="could not download allsides"):
        mk.fetch_allsides()
    monkeypatch.setitem(remote.DATASETS, "allsides",
                        replace(remote.DATASETS["allsides"], url="https://127.0.0.1:9/none.csv"))
    with pytest.raises(MediakitError, match="download the file by hand"):
        mk.fetch_allsides()


def test_pinned_urls_are_commits():
    for ds in remote.DATASETS.values():
        assert ds.url.startswith("https://"), ds.name
        assert any(len(part) >= 7 and all(c in "0123456789abcdef" for c in part)
                   for part in ds.url.replace(".zip", "").split("/")), ds.name
        assert ds.max_bytes > 0 and ds.min_records > 0 and ds.citation


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="ab./\\:C", min_size=1, max_size=12), min_size=1, max_size=4, unique=True))
def test_any_member_names_extract_inside_or_are_refused(tmp_path_factory, names):
    base = tmp_path_factory.mktemp("x")
    archive = base / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for n in names:
            zf.writestr(n, "data")
    dest = base / "sub" / "out"
    dest.parent.mkdir()
    try:
        remote.safe_extract(archive, dest, max_bytes=10_000, max_files=10)
    except FormatError:
        assert not dest.exists()
    else:
        root = dest.resolve()
        for p in base.rglob("*"):
            if p.is_file() and p != archive:
                assert p.resolve().is_relative_to(root), p
