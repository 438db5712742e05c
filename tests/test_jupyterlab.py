"""The notebooks open as notebooks in a real JupyterLab: the curated ones and an executed copy
written by ``mediakit figures``, through the server's REST contents API (with and without
jupytext's contents manager) and rendered by headless Chromium.

Set MEDIAKIT_SCREENSHOTS=/some/folder to keep the screenshots (they go to a temp folder).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser import FLAGS, require_chromium
from conftest import ROOT

pytest.importorskip("jupyterlab", reason="JupyterLab comes with the [notebooks] extra")
pytest.importorskip("papermill", reason="the executed copy is written by mediakit figures")

TOKEN = "mediakit-test-token"
CURATED = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def lab_root(tmp_path_factory) -> Path:
    """A folder as a workshop participant has it: the notebooks, and figures/ from a run."""
    from mediakit.reproduce import run_notebooks

    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    for p in (ROOT / "notebooks").glob("[0-9][0-9]_*"):
        if p.suffix in (".py", ".ipynb"):
            shutil.copy2(p, root / "notebooks")
    (run,) = run_notebooks(ROOT / "notebooks", root / "figures", only=["00_"])
    assert run.error is None, run.error
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyter_lab(root: Path, jupytext: bool):
    """A JupyterLab server on a free port with a token; its settings and runtime files in temp."""
    port = _free_port()
    state = root.parent / f"{root.name}-state-{port}"
    settings = state / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # no news pop-up over the notebook in the screenshot, and no request to the news feed
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(state / "config"),
           "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces")}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
           "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
           f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           f"--ServerApp.jpserver_extensions=jupyterlab_jupytext={jupytext}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # CI containers run as root
    log = (state / "server.log").open("w")
    server = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(base, "/api/status")
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n"
                                       + (state / "server.log").read_text()[-3000:]) from None
                time.sleep(0.5)
        yield base, state / "server.log"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _get(base: str, path: str) -> dict:
    req = urllib.request.Request(f"{base}{path}", headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read().decode("utf-8"))


def _open(base: str, path: str) -> dict:
    """What JupyterLab asks for on a double-click: the file's model with its content."""
    try:
        return _get(base, f"/api/contents/{path}?content=1")
    except urllib.error.HTTPError as e:
        raise AssertionError(f"{path}: HTTP {e.code} {e.read().decode('utf-8', 'replace')[:1000]}") from e


def _notebooks(root: Path) -> list[str]:
    names = [f"notebooks/{n}" for n in CURATED] + ["figures/notebooks/00_quickstart.ipynb"]
    assert all((root / n).exists() for n in names)
    return names


@pytest.mark.parametrize("jupytext", [True, False], ids=["with-jupytext", "without-jupytext"])
def test_every_notebook_opens_through_the_contents_api(lab_root, jupytext):
    if jupytext:
        pytest.importorskip("jupytext")
    with jupyter_lab(lab_root, jupytext) as (base, log):
        loaded = "jupyterlab_jupytext | extension was successfully loaded" in log.read_text()
        assert loaded == jupytext, "the server did not run with the contents manager asked for"
        for name in _notebooks(lab_root):
            model = _open(base, name)
            assert model["type"] == "notebook", (name, model["type"])
            on_disk = json.loads((lab_root / name).read_text(encoding="utf-8"))
            assert len(model["content"]["cells"]) == len(on_disk["cells"]), name
        executed = _open(base, "figures/notebooks/00_quickstart.ipynb")["content"]
        assert any(o.get("data", {}).get("image/png") for c in executed["cells"]
                   for o in c.get("outputs", [])), "the executed copy shows no figure"
        if jupytext:
            # After `python scripts/sync_notebooks.py` the .ipynb is newer than its script;
            # jupytext compares the two and must still open it.
            nb = lab_root / "notebooks" / CURATED[0]
            later = nb.with_suffix(".py").stat().st_mtime + 60
            os.utime(nb, (later, later))
            assert _open(base, f"notebooks/{CURATED[0]}")["type"] == "notebook"
        assert "Unable to read paired notebook" not in log.read_text()


def _chromium(args: list[str], timeout: float = 180) -> subprocess.CompletedProcess:
    binary = require_chromium()
    # the page is served on 127.0.0.1; every other host still resolves to nothing
    flags = [f for f in FLAGS if not f.startswith("--host-resolver-rules")]
    flags.append("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_jupyterlab_renders_a_curated_notebook_and_an_executed_copy(lab_root, tmp_path):
    require_chromium()
    jupytext = _importable("jupytext")
    keep = os.environ.get("MEDIAKIT_SCREENSHOTS")
    with jupyter_lab(lab_root, jupytext) as (base, log):
        pages = [
            ("lab/tree", f"notebooks/{CURATED[0]}", "jupyterlab_curated_notebook.png", "Quickstart"),
            ("lab/tree", "figures/notebooks/00_quickstart.ipynb", "jupyterlab_executed_copy.png",
             "data:image/png"),
        ]
        if _importable("notebook"):  # Notebook 7 serves its own page for the same file
            pages.append(("notebooks", f"notebooks/{CURATED[0]}", "notebook7_curated_notebook.png",
                          "Quickstart"))
        for route, name, shot, expect in pages:
            url = f"{base}/{route}/{name}?token={TOKEN}"
            common = [f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000",
                      "--virtual-time-budget=30000"]
            dump = _chromium([*common, "--dump-dom", url])
            dom = dump.stdout
            assert "jp-Notebook" in dom and "jp-Cell" in dom, f"{name}: no notebook in the page\n{dump.stderr[-2000:]}"
            assert expect in dom, f"{route}/{name}: {expect!r} not rendered"
            assert "File Load Error" not in dom and "Unable to read" not in dom, name
            png = tmp_path / shot
            run = _chromium([*common, f"--screenshot={png}", url])
            assert png.exists() and png.stat().st_size > 20_000, run.stderr[-2000:]
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(png, Path(keep) / shot)
        assert "Unable to read paired notebook" not in log.read_text()


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
