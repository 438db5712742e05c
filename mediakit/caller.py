"""Point a warning at the user's line, however deep inside mediakit it is raised.

A fixed ``stacklevel`` is right for one call path only: the same loader warning reached through
``mk.load_dataset`` (one frame more than ``mk.load_corpus``) would name mediakit's own file.
Counting the frames up to the first one outside the package is right on every path.

>>> import warnings
>>> from mediakit.caller import user_stacklevel
>>> def load():  # inside mediakit, this names the line that called mediakit
...     warnings.warn("2 file(s) could not be loaded", stacklevel=user_stacklevel())
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = (str(Path(__file__).parent) + "/", str(Path(__file__).resolve().parent) + "/")


def user_stacklevel() -> int:
    """The ``stacklevel`` for a ``warnings.warn`` in the calling function that makes the warning
    name the first frame outside mediakit (the user's notebook cell or script)."""
    frame = sys._getframe(1)  # the function about to warn: stacklevel 1
    level = 1
    while frame is not None and _inside(frame.f_code.co_filename):
        frame = frame.f_back
        level += 1
    return level


def _inside(filename: str) -> bool:
    name = filename.replace("\\", "/")
    return any(name.startswith(p.replace("\\", "/")) for p in _PACKAGE)
