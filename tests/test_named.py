import pytest

import mediakit as mk


def test_load_dataset_by_name_and_path(tmp_path):
    assert len(mk.load_dataset("workshop")) >= 40
    pages = mk.load_dataset("workshop-pages")
    assert len(pages) == len(mk.load_sample_pages())
    (tmp_path / "a.jsonl").write_text('{"text": "One line of text."}\n')
    assert mk.load_dataset(str(tmp_path / "a.jsonl"))["text"].tolist() == ["One line of text."]


def test_load_dataset_unknown_name_is_clear():
    with pytest.raises(mk.InputError, match="bundled dataset"):
        mk.load_dataset("no-such-corpus")


def test_load_dataset_basil_without_download_is_clear(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIAKIT_DATA", str(tmp_path))
    with pytest.raises(mk.MediakitError):
        mk.load_dataset("basil", download_if_missing=False)
