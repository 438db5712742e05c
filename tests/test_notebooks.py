"""Every curated notebook runs top to bottom on the bundled data and writes its figures; each
script has its paired .ipynb (in sync), and executed copies are plain notebooks."""

import json
import shutil
import subprocess
import sys
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
    executed = json.loads((tmp_path / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    # no pairing left: JupyterLab with jupytext refuses a .ipynb whose formats omit ipynb
    assert "jupytext" not in executed["metadata"], executed["metadata"]["jupytext"]


def test_rerun_reports_its_figures_again_and_the_kernel_is_quiet(tmp_path, capfd):
    pytest.importorskip("papermill")
    from mediakit.reproduce import run_notebooks

    first = run_notebooks(ROOT / "notebooks", tmp_path, only=["00_"])[0]
    capfd.readouterr()
    again = run_notebooks(ROOT / "notebooks", tmp_path, only=["00_"])[0]
    assert again.error is None and again.figures == first.figures  # rewritten, so listed again
    assert "without encryption" not in capfd.readouterr().err  # ipykernel 7.3+ warns otherwise


SYNC = ROOT / "scripts" / "sync_notebooks.py"


def test_every_script_has_its_paired_notebook_in_sync():
    pytest.importorskip("jupytext")
    res = subprocess.run([sys.executable, str(SYNC), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, (
        f"{res.stdout}{res.stderr}\nthe .ipynb files are generated from the .py scripts; "
        "run: python scripts/sync_notebooks.py")
    for name in NOTEBOOKS:
        nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        assert nb["metadata"]["jupytext"]["formats"] == "ipynb,py:percent", name
        assert all(not c.get("outputs") for c in nb["cells"]), f"{name}.ipynb has outputs"


def test_sync_is_idempotent_and_the_check_names_the_command(tmp_path):
    pytest.importorskip("jupytext")
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in NOTEBOOKS[:2]:
        shutil.copy(ROOT / "notebooks" / f"{name}.py", folder)
    script = folder / f"{NOTEBOOKS[0]}.py"
    # a new notebook written as a plain percent script gets its header fixed and its .ipynb
    script.write_text(script.read_text(encoding="utf-8").replace("ipynb,py:percent", "py:percent"),
                      encoding="utf-8")
    (folder / "99_gone.ipynb").write_text("{}")  # its script was renamed or removed
    saved = folder / f"{NOTEBOOKS[1]}.py"  # as jupytext writes it when JupyterLab saves the pair
    saved.write_text(saved.read_text(encoding="utf-8").replace(
        "#     formats: ipynb,py:percent\n",
        "#     formats: ipynb,py:percent\n#     text_representation:\n#       extension: .py\n"
        "#       format_name: percent\n#       jupytext_version: 1.19.6\n"), encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, str(SYNC), *args, str(folder)], capture_output=True,
                              text=True)

    check = run("--check")
    assert check.returncode == 1 and "python scripts/sync_notebooks.py" in check.stdout
    assert f"{NOTEBOOKS[0]}.py" in check.stdout and "99_gone.ipynb" in check.stdout
    assert run().returncode == 0
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert "99_gone.ipynb" not in first and "formats: ipynb,py:percent" in script.read_text()
    again = run()
    assert again.returncode == 0 and again.stdout == "", again.stdout  # nothing left to write
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    for name in NOTEBOOKS[:2]:  # same bytes as the committed pair
        assert first[f"{name}.ipynb"] == (ROOT / "notebooks" / f"{name}.ipynb").read_bytes()
    assert first[f"{NOTEBOOKS[1]}.py"] == (ROOT / "notebooks" / f"{NOTEBOOKS[1]}.py").read_bytes()

    script.write_text(script.read_text(encoding="utf-8") + "\n# %%\nprint('one more cell')\n",
                      encoding="utf-8")
    assert run("--check").returncode == 1


def test_the_wheel_ships_the_paired_notebooks(tmp_path):
    hatchling = pytest.importorskip("hatchling.build", reason="hatchling builds the wheel")
    import os
    import zipfile

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        wheel = tmp_path / hatchling.build_wheel(str(tmp_path))
    finally:
        os.chdir(cwd)
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in NOTEBOOKS:
        assert f"mediakit/_notebooks/{name}.py" in names, name
        assert f"mediakit/_notebooks/{name}.ipynb" in names, name
    with zipfile.ZipFile(wheel) as z:
        shipped = z.read(f"mediakit/_notebooks/{NOTEBOOKS[0]}.ipynb")
    assert shipped == (ROOT / "notebooks" / f"{NOTEBOOKS[0]}.ipynb").read_bytes()


def test_shutting_a_kernel_down_sends_no_interrupt():
    """jupyter_client interrupts every kernel before shutting it down; a kernel that gets the
    SIGINT between two messages logs "KeyboardInterrupt caught in kernel" into the output of
    ``mediakit figures``. The batch runner's kernel manager asks the kernel to stop instead."""
    pytest.importorskip("jupyter_client")
    import asyncio

    from mediakit.reproduce import QuietKernelManager

    async def signals_sent_at_shutdown():
        km = QuietKernelManager(kernel_name="python3")
        await km.start_kernel()
        sent = []
        send = km.provisioner.send_signal

        async def record(signum):
            sent.append(signum)
            await send(signum)

        km.provisioner.send_signal = record
        await km.shutdown_kernel()
        return sent

    import signal

    assert signal.SIGINT not in asyncio.run(signals_sent_at_shutdown())
