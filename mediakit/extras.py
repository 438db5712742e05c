"""Optional dependencies, and the one line that says which extra installs a missing one.

The student install (``pip install "mediakit[notebooks]"``) leaves out what only research
formats and scale need (docs/workshop_install.md); a command that needs one of those packages
says so instead of ending in an ImportError traceback.

>>> from mediakit.extras import require
>>> pq = require("pyarrow.parquet", "writing Parquet")   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MediakitError

# top-level module -> (name on PyPI, extra that installs it)
EXTRA_OF = {
    "pyarrow": ("pyarrow", "research"),
    "docx": ("python-docx", "research"),
    "striprtf": ("striprtf", "research"),
    "pypdf": ("pypdf", "research"),
    "warcio": ("warcio", "research"),
    "pooch": ("pooch", "research"),
    "dask": ("dask[dataframe]", "scale"),
    "papermill": ("papermill", "notebooks"),
    "jupytext": ("jupytext", "notebooks"),
    "nbclient": ("nbclient", "notebooks"),
    "nbconvert": ("nbconvert", "notebooks"),
    "nbformat": ("nbformat", "notebooks"),
    "jupyter_client": ("ipykernel", "notebooks"),
}


class MissingExtraError(MediakitError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming the pip command."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        top = module.split(".")[0]
        package, extra = EXTRA_OF.get(top, (top, "all"))
        raise MissingExtraError(f"{purpose} needs {package}, which this installation lacks; "
                                f'install it with: python -m pip install "mediakit[{extra}]"') from e
