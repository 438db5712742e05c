"""A folder from which a room of laptops installs mediakit with no internet (``mediakit workshop-pack``).

Twenty-five students downloading ~160 MB each over shared Wi-Fi wait half an hour before the
first cell. The teacher instead runs this once, at home, with internet: it builds mediakit's own
wheel, downloads every wheel the student install needs (for each platform and Python version
asked for), copies the notebooks and writes ``INSTALL.txt``. On the laptops pip then installs
from the folder (a USB stick or a shared drive) with ``--no-index``: nothing is fetched, nothing
is compiled.

>>> from mediakit.workshop_pack import build_pack
>>> build_pack("usb/mediakit-workshop", platforms=["win_amd64"])   # doctest: +SKIP
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError


@dataclass
class Pack:
    folder: Path
    wheels: int
    megabytes: float


def build_pack(folder: str | Path, extras: list[str] | None = None, platforms: list[str] | None = None,
               python_versions: list[str] | None = None,
               echo: Callable[[str], object] = print) -> Pack:
    """Fill ``folder`` with mediakit's wheel, its dependencies' wheels, the notebooks and
    INSTALL.txt. ``platforms`` are pip platform tags (``win_amd64``, ``macosx_11_0_arm64``...);
    none means this machine's."""
    root = _source_tree()
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    extras = list(extras) if extras is not None else ["notebooks"]
    echo(f"building mediakit's wheel from {root} ...")
    _pip("wheel", "--no-deps", "--wheel-dir", str(folder), str(root))
    wheel = max(folder.glob("mediakit-*.whl"), key=lambda p: p.stat().st_mtime)
    requirement = f"{wheel}[{','.join(extras)}]" if extras else str(wheel)
    targets = [(p, v) for p in (platforms or [None]) for v in (python_versions or [None])]
    for platform, version in targets:
        where = ", ".join(x for x in (platform, version and f"Python {version}") if x) or "this machine"
        echo(f"downloading wheels for {where} ...")
        target = []
        if platform:
            target += ["--platform", platform]
        if version:
            target += ["--python-version", version]
        if target:
            target += ["--implementation", "cp"]
        # pip itself too: a laptop's old pip may not know the newest wheel tags
        _pip("download", "--only-binary=:all:", "--dest", str(folder), *target, requirement, "pip")
    notebooks = _notebooks_source(root)
    (folder / "notebooks").mkdir(exist_ok=True)
    for nb in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        shutil.copy2(nb, folder / "notebooks" / nb.name)
    (folder / "INSTALL.txt").write_text(install_text(folder.name, extras), encoding="utf-8")
    wheels = sorted(folder.glob("*.whl"))
    return Pack(folder, len(wheels), sum(w.stat().st_size for w in wheels) / 1e6)


def install_text(name: str, extras: list[str]) -> str:
    """The instructions written beside the wheels, for macOS/Linux and Windows PowerShell."""
    spec = f"mediakit[{','.join(extras)}]" if extras else "mediakit"
    return f"""mediakit workshop pack: install with no internet
================================================

Copy the folder "{name}" to the laptop (or plug in the USB stick) and open a terminal in the
folder that CONTAINS "{name}". Nothing below uses the network.

macOS / Linux (Terminal):

    python3 -m venv mediakit-env
    . mediakit-env/bin/activate
    python -m pip install --no-index --find-links {name} -U pip
    python -m pip install --no-index --find-links {name} "{spec}"
    mediakit demo
    jupyter lab {name}/notebooks

Windows (PowerShell):

    py -m venv mediakit-env
    .\\mediakit-env\\Scripts\\Activate.ps1
    python -m pip install --no-index --find-links {name} -U pip
    python -m pip install --no-index --find-links {name} "{spec}"
    mediakit demo
    jupyter lab {name}\\notebooks

If PowerShell refuses to run Activate.ps1, first run:
    Set-ExecutionPolicy -Scope Process -ExecutionPolicy Bypass

"No matching distribution found" means the pack has no wheel for this laptop's system or
Python version: the teacher re-runs `mediakit workshop-pack` with --platform and
--python-version for it (see docs/workshop_install.md).
"""


def _source_tree() -> Path:
    """The repository mediakit runs from; the pack is built from it."""
    import mediakit

    root = Path(mediakit.__file__).resolve().parents[1]
    if not (root / "pyproject.toml").is_file():
        raise InputError("mediakit workshop-pack builds the pack from a clone of the repository; "
                         "run it from a clone (pip install -e '.[notebooks]')")
    return root


def _notebooks_source(root: Path) -> Path:
    from .reproduce import notebooks_dir

    repo = root / "notebooks"
    return repo if repo.is_dir() else notebooks_dir()


def _pip(*args: str) -> None:
    run = subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check"],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise InputError(f"pip {args[0]} failed:\n{(run.stdout + run.stderr).strip()[-3000:]}")
