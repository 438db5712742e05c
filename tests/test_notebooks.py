"""Every curated notebook runs top to bottom on the bundled data and writes its figures."""

from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.py"))


def test_the_curated_set_is_complete():
    expected = {"00_quickstart", "01_loading_and_cleaning", "02_hedging", "03_sources",
                "04_framing_and_word_choice", "05_same_story_across_outlets", "06_workshop"}
    assert expected <= set(NOTEBOOKS)


def test_every_notebook_starts_with_a_parameters_cell():
    import jupytext

    for name in NOTEBOOKS:
        nb = jupytext.read(ROOT / "notebooks" / f"{name}.py")
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), name
        assert "corpus =" in code[0].source and "output_dir =" in code[0].source, name


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name, tmp_path):
    pytest.importorskip("papermill")
    from mediakit.reproduce import run_notebooks

    (run,) = run_notebooks(ROOT / "notebooks", tmp_path, only=[name])
    assert run.error is None, f"{name}: {run.error} (executed copy: {tmp_path}/notebooks/{name}.ipynb)"
    assert run.figures, f"{name} wrote no figure"
    for fig in run.figures:
        assert Path(fig).stat().st_size > 5_000


def test_rerun_reports_its_figures_again_and_the_kernel_is_quiet(tmp_path, capfd):
    pytest.importorskip("papermill")
    from mediakit.reproduce import run_notebooks

    first = run_notebooks(ROOT / "notebooks", tmp_path, only=["00_"])[0]
    capfd.readouterr()
    again = run_notebooks(ROOT / "notebooks", tmp_path, only=["00_"])[0]
    assert again.error is None and again.figures == first.figures  # rewritten, so listed again
    assert "without encryption" not in capfd.readouterr().err  # ipykernel 7.3+ warns otherwise
