"""Run the curated notebooks top to bottom and collect the figures they write.

``mediakit figures`` calls :func:`run_notebooks`: every ``notebooks/NN_*.py`` (jupytext percent
script) is converted to a notebook, its parameters cell is filled (papermill), it is executed in a
fresh kernel, and the executed copy is saved next to the figures (``.ipynb`` and a static
``.html``), so each figure can be traced to the cell that drew it. Figures are written by
``mediakit.viz.save`` without version or date stamps, so a re-run gives byte-identical PNGs.

>>> from mediakit.reproduce import run_notebooks
>>> run_notebooks(output_dir="figures")          # doctest: +SKIP
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError


@dataclass
class NotebookRun:
    name: str
    seconds: float
    figures: list[Path]
    error: str | None = None


def notebooks_dir() -> Path:
    """The curated notebooks: the repository's ``notebooks/`` or the copy inside the package."""
    import mediakit

    repo = Path(mediakit.__file__).resolve().parents[1] / "notebooks"
    if repo.is_dir() and any(repo.glob("[0-9][0-9]_*.py")):
        return repo
    from importlib.resources import files

    bundled = Path(str(files("mediakit") / "_notebooks"))
    if bundled.is_dir():
        return bundled
    raise InputError("cannot find the notebooks folder; pass --notebooks PATH")


def run_notebooks(notebooks: str | Path | None = None, output_dir: str | Path = "figures",
                  parameters: dict[str, Any] | None = None, only: list[str] | None = None,
                  timeout: int = 600, progress: bool = False) -> list[NotebookRun]:
    """Execute each notebook script with ``output_dir`` (and ``parameters``) injected."""
    import jupytext
    import papermill as pm

    src = Path(notebooks) if notebooks else notebooks_dir()
    out = Path(output_dir).resolve()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    scripts = sorted(src.glob("[0-9][0-9]_*.py"))
    if only:
        scripts = [s for s in scripts if any(s.stem.startswith(o) or o in s.stem for o in only)]
    if not scripts:
        raise InputError(f"no notebook scripts (NN_name.py) in {src}")
    runs = []
    if progress:
        from tqdm.auto import tqdm

        scripts = tqdm(scripts, desc="notebooks", unit=" notebook")
    for script in scripts:
        nb = jupytext.read(script)
        nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
        ipynb = out / "notebooks" / f"{script.stem}.ipynb"
        jupytext.write(nb, ipynb)
        before = {p: p.stat().st_mtime_ns for p in out.glob("*.png")}  # a re-run rewrites them
        t0 = time.perf_counter()
        error = None
        try:
            pm.execute_notebook(str(ipynb), str(ipynb), parameters={"output_dir": str(out), **(parameters or {})},
                                cwd=str(src), kernel_name="python3", progress_bar=False,
                                execution_timeout=timeout, **_kernel_manager())
        except Exception as e:  # noqa: BLE001 - report which notebook failed and go on
            error = f"{type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}"
        _export_html(ipynb)
        runs.append(NotebookRun(script.stem, time.perf_counter() - t0,
                                sorted(p for p in out.glob("*.png") if before.get(p) != p.stat().st_mtime_ns), error))
    return runs


def _kernel_manager() -> dict[str, str]:
    """Where jupyter_client can encrypt kernel traffic (CurveZMQ, "auto": only if the kernel
    declares support), use it: ipykernel 7.3+ otherwise prints a warning about unencrypted TCP
    for every notebook, which workshop participants read as an error."""
    from jupyter_client.manager import AsyncKernelManager

    if not AsyncKernelManager.class_traits().get("transport_encryption"):
        return {}
    return {"kernel_manager_class": "mediakit.reproduce.EncryptedKernelManager"}


def __getattr__(name: str) -> Any:
    if name == "EncryptedKernelManager":  # built on first use: jupyter_client is an optional extra
        from jupyter_client.manager import AsyncKernelManager
        from traitlets import default

        class EncryptedKernelManager(AsyncKernelManager):
            @default("transport_encryption")
            def _default_transport_encryption(self) -> str:
                return "auto"

        globals()[name] = EncryptedKernelManager
        return EncryptedKernelManager
    raise AttributeError(name)


def _export_html(ipynb: Path) -> None:
    """A static HTML copy of the executed notebook, for readers without Jupyter."""
    import nbformat
    from nbconvert import HTMLExporter

    try:
        body, _ = HTMLExporter(embed_images=True).from_notebook_node(nbformat.read(ipynb, as_version=4))
    except Exception:  # noqa: BLE001 - the .ipynb copy is still there; HTML is a convenience
        return
    ipynb.with_suffix(".html").write_text(body, encoding="utf-8")
