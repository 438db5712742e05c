import json

from click.testing import CliRunner

from mediakit.cli import main


def test_clean_prints_summary_and_writes_jsonl(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Ferry service resumes\n\nThe ferry between the islands will run again from Monday, "
                    "the operator said in a statement on Friday.\n\nTickets bought for cancelled trips "
                    "will be refunded, the company added.\n")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["clean", str(page), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "p.txt" in res.output and "words kept" in res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1 and rows[0]["text"].startswith("The ferry between")


def test_clean_reports_failures(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    res = CliRunner().invoke(main, ["clean", str(tmp_path / "empty.html")])
    assert res.exit_code == 1
    assert "FAILED" in res.output


def test_demo_cleans_the_bundled_pages():
    res = CliRunner().invoke(main, ["demo"])
    assert res.exit_code == 0, res.output
    assert "0 file(s) failed" in res.output


def test_help_is_complete_and_has_examples():
    res = CliRunner().invoke(main, ["--help"], terminal_width=80)
    assert res.exit_code == 0, res.output
    assert "Examples:" in res.output
    for name, cmd in main.commands.items():
        assert cmd.short_help and cmd.short_help in res.output, name  # not cut with "..."
        sub = CliRunner().invoke(main, [name, "--help"], terminal_width=80)
        assert sub.exit_code == 0, sub.output
        assert "Example" in sub.output and f"mediakit {name}" in sub.output, name
        first_sentence = cmd.help.split(".")[0].split()
        assert " ".join(first_sentence) in " ".join(sub.output.split()), name
    listed = [line for line in res.output.splitlines() if not line.startswith("Usage:")]
    assert not any(line.rstrip().endswith(("...", "…")) for line in listed)


def test_clean_show_prints_the_cleaned_text(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Home | World | Sport\n\nFerry service resumes\n\nThe ferry between the islands "
                    "will run again from Monday, the operator said in a statement on Friday.\n\n"
                    "Tickets bought for cancelled trips will be refunded, the company added.\n\n"
                    "Share this article\n")
    res = CliRunner().invoke(main, ["clean", str(page), "--show"])
    assert res.exit_code == 0, res.output
    assert "The ferry between the islands will run again from Monday" in res.output
    assert "Tickets bought for cancelled trips will be refunded" in res.output
    plain = CliRunner().invoke(main, ["clean", str(page)])
    assert "Tickets bought" not in plain.output  # only with --show


def test_clean_show_boilerplate_lists_removed_lines(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Home | World | Sport | Business | Opinion\n\nFerry service resumes\n\n"
                    "The ferry between the islands will run again from Monday, the operator said in "
                    "a statement on Friday.\n\nTickets bought for cancelled trips will be refunded, "
                    "the company added.\n")
    res = CliRunner().invoke(main, ["clean", str(page), "--show-boilerplate"])
    assert res.exit_code == 0, res.output
    assert "- Home | World | Sport | Business | Opinion" in res.output


def test_loader_warnings_point_at_the_callers_line(tmp_path):
    import warnings

    import mediakit as mk

    (tmp_path / "good.txt").write_text("Ferry service resumes\n\nThe ferry between the islands will "
                                       "run again from Monday, the operator said on Friday.\n")
    (tmp_path / "empty.html").write_bytes(b"")
    bad_lines = tmp_path / "t.jsonl"
    bad_lines.write_text('{"text": "The council said on Monday that the bridge would reopen."}\n'
                         "not json\n")
    for call in (lambda: mk.load_dataset(str(tmp_path)), lambda: mk.load_corpus(str(tmp_path)),
                 lambda: mk.load_dataset(str(bad_lines))):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        assert caught, "expected a warning about the skipped file or line"
        for w in caught:
            assert w.filename == __file__, f"{w.message} points at {w.filename}:{w.lineno}"


def _notebook(folder, name, body):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(
        '# %% tags=["parameters"]\ncorpus = "workshop"\noutput_dir = "figures"\n\n' + body)


def test_figures_summary_lists_skipped_files_sections_and_failures(tmp_path):
    import pytest

    pytest.importorskip("papermill")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Ferry service resumes\n\nThe ferry between the islands will run "
                                 "again from Monday, the operator said on Friday.\n")
    (pages / "broken.html").write_bytes(b"")
    nbs = tmp_path / "nbs"
    _notebook(nbs, "00_fine", "# %%\nfrom IPython.display import Markdown, display\n"
                              "display(Markdown('**Skipped:** one outlet only, nothing to compare.'))\n"
                              "print('3 articles loaded')\n"
                              "print('No attribution in this corpus: the source figure is skipped.')\n")
    res = CliRunner().invoke(main, ["figures", "--notebooks", str(nbs), "--corpus", str(pages),
                                    "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "broken.html" in res.output and "1 input file(s) skipped" in res.output
    assert "00_fine: **Skipped:** one outlet only" in res.output
    assert "00_fine: No attribution in this corpus: the source figure is skipped." in res.output
    assert "2 section(s) could not run" in res.output and "articles loaded" not in res.output
    assert "1/1 notebooks ran" in res.output

    _notebook(nbs, "01_fails", "# %%\nraise ValueError('no such column')\n")
    res = CliRunner().invoke(main, ["figures", "--notebooks", str(nbs), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert "1 notebook(s) failed" in res.output and "01_fails" in res.output
    assert "no such column" in res.output and "1/2 notebooks ran" in res.output


def test_a_missing_optional_package_names_the_extra(tmp_path, monkeypatch):
    import sys

    page = tmp_path / "p.txt"
    page.write_text("Ferry service resumes\n\nThe ferry between the islands will run again from "
                    "Monday, the operator said in a statement on Friday.\n")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as in the student install
    res = CliRunner().invoke(main, ["clean", str(page), "-o", str(tmp_path / "out.parquet")])
    assert res.exit_code == 1 and not isinstance(res.exception, ImportError)
    assert 'python -m pip install "mediakit[research]"' in res.output
    res = CliRunner().invoke(main, ["clean", str(page), "-o", str(tmp_path / "out.jsonl")])
    assert res.exit_code == 0, res.output  # JSON Lines need no extra


def test_workshop_pack_downloads_wheels_per_platform_and_writes_instructions(tmp_path, monkeypatch):
    from mediakit import workshop_pack

    calls = []

    def fake_pip(*args):
        calls.append(args)
        dest = args[args.index("--wheel-dir" if args[0] == "wheel" else "--dest") + 1]
        name = "mediakit-0.1.0-py3-none-any.whl" if args[0] == "wheel" else f"dep{len(calls)}.whl"
        (tmp_path / "pack" / name).write_bytes(b"x" * 1000)
        assert dest == str(tmp_path / "pack")

    monkeypatch.setattr(workshop_pack, "_pip", fake_pip)
    res = CliRunner().invoke(main, ["workshop-pack", str(tmp_path / "pack"), "--platform", "win_amd64",
                                    "--platform", "macosx_11_0_arm64", "--python-version", "3.12"])
    assert res.exit_code == 0, res.output
    assert calls[0][:2] == ("wheel", "--no-deps")
    downloads = calls[1:]
    assert [d[d.index("--platform") + 1] for d in downloads] == ["win_amd64", "macosx_11_0_arm64"]
    for d in downloads:
        assert "--only-binary=:all:" in d and d[d.index("--python-version") + 1] == "3.12"
        assert any(a.endswith("mediakit-0.1.0-py3-none-any.whl[notebooks]") for a in d)
    assert "3 wheel(s)" in res.output
    notebooks = sorted(p.name for p in (tmp_path / "pack" / "notebooks").iterdir())
    assert "00_quickstart.ipynb" in notebooks and all(n.endswith(".ipynb") for n in notebooks)
    text = (tmp_path / "pack" / "INSTALL.txt").read_text()
    assert text.count('--no-index --find-links pack "mediakit[notebooks]"') == 2  # both systems
    assert r".\mediakit-env\Scripts\Activate.ps1" in text and ". mediakit-env/bin/activate" in text


def test_fetching_a_research_corpus_without_pooch_names_the_extra(tmp_path, monkeypatch):
    import sys

    import pytest

    import mediakit as mk
    from mediakit.errors import MediakitError

    monkeypatch.setitem(sys.modules, "pooch", None)
    monkeypatch.delenv("MEDIAKIT_DATA", raising=False)
    with pytest.raises(MediakitError, match=r'pip install "mediakit\[research\]"'):
        mk.fetch_basil()
    monkeypatch.setenv("MEDIAKIT_DATA", str(tmp_path))  # a cache folder given: pooch downloads
    with pytest.raises(MediakitError, match=r'pip install "mediakit\[research\]"'):
        mk.fetch_basil()
