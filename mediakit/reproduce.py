"""Run the curated notebooks top to bottom and collect the figures they write.

``mediakit figures`` calls :func:`run_notebooks`: every ``notebooks/NN_*.py`` (jupytext percent
script) is converted to a notebook, its parameters cell is filled (papermill), it is executed in a
fresh kernel, and the executed copy is saved next to the figures (``.ipynb`` and a static
``.html``), so each figure can be traced to the cell that drew it. Figures are written by
``mediakit.viz.save`` without version or date stamps, so a re-run gives byte-identical PNGs.

The executed copies are plain notebooks (no jupytext pairing), so JupyterLab opens them with or
without jupytext. A section that cannot run on the corpus (one outlet, no shared stories ...)
prints (or displays as Markdown) a line starting with "Skipped" (or "Not run", "Cannot run") or
saying "... is skipped"; those lines are collected in :attr:`NotebookRun.skipped_sections` for the summary of ``mediakit figures``.

>>> from mediakit.reproduce import run_notebooks
>>> run_notebooks(output_dir="figures")          # doctest: +SKIP
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

# A line a notebook prints (or displays as Markdown) to say a section did not run on this corpus:
# "Skipped: ...", "Not run: ...", or "... so the figure is skipped."
_SKIP_NOTE = re.compile(r"^[\W_]*(?:section\s+)?(?:skipped|not\s+run|cannot\s+run|can't\s+run|"
                        r"could\s+not\s+run)\b|\b(?:is|are)\s+skipped\b", re.I)


@dataclass
class NotebookRun:
    name: str
    seconds: float
    figures: list[Path]
    error: str | None = None
    skipped_sections: list[str] = field(default_factory=list)
    executed: Path | None = None


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
    from .extras import require

    for module in ("jupytext", "papermill", "nbconvert"):
        require(module, "running the notebooks (mediakit figures)")
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
        # An executed copy is not paired with any script: with "formats" left in, jupytext in
        # JupyterLab refuses to open it ("Unable to read paired notebook").
        nb.metadata.pop("jupytext", None)
        ipynb = out / "notebooks" / f"{script.stem}.ipynb"
        jupytext.write(nb, ipynb, fmt="ipynb")
        before = {p: p.stat().st_mtime_ns for p in out.glob("*.png")}  # a re-run rewrites them
        t0 = time.perf_counter()
        error = None
        try:
            pm.execute_notebook(str(ipynb), str(ipynb), parameters={"output_dir": str(out), **(parameters or {})},
                                cwd=str(src), kernel_name="python3", progress_bar=False,
                                execution_timeout=timeout,
                                kernel_manager_class="mediakit.reproduce.QuietKernelManager")
        except Exception as e:  # noqa: BLE001 - report which notebook failed and go on
            error = f"{type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}"
        _export_html(ipynb)
        runs.append(NotebookRun(script.stem, time.perf_counter() - t0,
                                sorted(p for p in out.glob("*.png") if before.get(p) != p.stat().st_mtime_ns),
                                error, skipped_sections(ipynb), ipynb))
    return runs


def skipped_sections(ipynb: str | Path) -> list[str]:
    """The notes an executed notebook displayed for sections that could not run on its corpus.

    >>> skipped_sections("figures/notebooks/05_same_story_across_outlets.ipynb")  # doctest: +SKIP
    ['Skipped: no story is covered by two outlets in this corpus.']
    """
    import nbformat

    try:
        nb = nbformat.read(str(ipynb), as_version=4)
    except Exception:  # noqa: BLE001 - a notebook that never ran has no notes to report
        return []
    notes = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown")
            if text is None and output.get("output_type") == "stream" and output.get("name") == "stdout":
                text = output.get("text")
            if not text:
                continue
            text = "".join(text) if isinstance(text, list) else text
            notes += [line.strip() for line in text.splitlines() if _SKIP_NOTE.search(line.strip())]
    return notes


def corpus_problems(corpus: Any) -> list[dict[str, str]]:
    """The input files of ``corpus`` that the loaders skip (path and reason), as the notebooks
    will see them; ``[]`` for a bundled dataset or a corpus where every file loads."""
    from .datasets.named import load_dataset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the caller lists them; the warning would repeat it
        df = load_dataset(corpus)
    return list(df.attrs.get("errors", []))


def __getattr__(name: str) -> Any:
    if name == "QuietKernelManager":  # built on first use: jupyter_client is an optional extra
        from jupyter_client.manager import AsyncKernelManager
        from traitlets import default

        class QuietKernelManager(AsyncKernelManager):
            """A kernel manager for batch runs whose messages a workshop participant can trust.

            - Kernel traffic is encrypted (CurveZMQ, "auto": only where the kernel declares
              support), else ipykernel 7.3+ prints a warning about unencrypted TCP for every
              notebook, which participants read as an error.
            - Shutting a kernel down asks it to stop without first sending SIGINT: jupyter_client
              interrupts before every shutdown, and a kernel that is between two messages
              logs "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel" although
              nothing went wrong.
            """

            if AsyncKernelManager.class_traits().get("transport_encryption"):
                @default("transport_encryption")
                def _default_transport_encryption(self) -> str:
                    return "auto"

            async def _async_interrupt_kernel(self) -> None:
                if getattr(self, "shutting_down", False):
                    return
                await super()._async_interrupt_kernel()

            interrupt_kernel = _async_interrupt_kernel

        globals()[name] = QuietKernelManager
        return QuietKernelManager
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
