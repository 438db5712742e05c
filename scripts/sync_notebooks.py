"""Write the paired notebooks ``notebooks/NN_*.ipynb`` from the reviewed scripts ``NN_*.py``.

The jupytext percent scripts are the source that reviewers read and diff; the ``.ipynb`` beside
each one is generated (outputs stripped) so that a double-click in JupyterLab or Notebook 7 opens
a notebook without any plug-in or setting. Run this after editing or adding a notebook script:

    python scripts/sync_notebooks.py            # rewrite every .ipynb that differs
    python scripts/sync_notebooks.py --check    # only list the pairs that are out of sync

The output depends only on the scripts (cell ids are hashes of the cells, JSON is written with
fixed indentation and "\\n" line ends), so a second run changes nothing.

Both files of a pair say ``formats: ipynb,py:percent``. With jupytext installed, JupyterLab then
reads the cells from the ``.py`` and saves every edit to both files; without it the ``.ipynb``
is an ordinary notebook. A ``.ipynb`` that names only ``py:percent`` is what JupyterLab refuses
("Unable to read paired notebook ... matches none of the export formats").
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PAIRED = "ipynb,py:percent"
# The formats line of the script's YAML header, written "# ---\n# jupyter:\n#   jupytext:\n..."
_HEADER_FORMATS = re.compile(r"^(#\s+formats:\s*)(\S+)[ \t]*$", re.M)


def paired_script(text: str) -> str:
    """The script text with its header naming both formats (only the header changes)."""
    header_end = text.find("\n# ---", text.find("# ---") + 1)
    if not text.startswith("# ---") or header_end < 0:
        raise SystemExit("a notebook script must start with a jupytext YAML header (# --- ... # ---)")
    header = _without_version_stamp(text[:header_end])
    m = _HEADER_FORMATS.search(header)
    if m is None:
        raise SystemExit("the jupytext header has no 'formats:' line")
    return header[:m.start(2)] + PAIRED + header[m.end(2):] + text[header_end:]


def _without_version_stamp(header: str) -> str:
    """The header without the ``text_representation`` block that jupytext adds when JupyterLab
    saves the pair (it names jupytext's version, so each save by another version is a diff)."""
    lines = header.split("\n")
    out, depth = [], None
    for line in lines:
        indent = len(line) - len(line.lstrip("# "))
        if depth is not None and indent > depth and line.strip("# "):
            continue
        depth = None
        if re.match(r"^#\s+text_representation:\s*$", line):
            depth = indent
            continue
        out.append(line)
    return "\n".join(out)


def notebook_json(script_text: str) -> str:
    """The .ipynb text for a percent script: no outputs, stable cell ids, stable JSON."""
    import jupytext

    nb = jupytext.reads(script_text, fmt="py:percent")
    nb.metadata.setdefault("jupytext", {})["formats"] = PAIRED
    nb.metadata["jupytext"].pop("text_representation", None)
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha1(f"{cell.cell_type}\0{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell["id"] = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        if cell.cell_type == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    text = jupytext.writes(nb, fmt="ipynb")
    return text if text.endswith("\n") else text + "\n"


def out_of_sync(folder: Path = NOTEBOOKS) -> list[str]:
    """Names of the files that ``sync`` would change (scripts, notebooks, orphan notebooks)."""
    return [str(path.relative_to(folder.parent)) for path, _ in _changes(folder)]


def sync(folder: Path = NOTEBOOKS) -> list[Path]:
    """Rewrite what is out of sync; returns the paths written or removed."""
    changed = []
    for path, text in _changes(folder):
        if text is None:
            path.unlink()
        else:
            path.write_bytes(text.encode("utf-8"))
        changed.append(path)
    return changed


def _changes(folder: Path) -> list[tuple[Path, str | None]]:
    """(path, new text) for every file that differs; new text None = remove the orphan."""
    scripts = sorted(folder.glob("[0-9][0-9]_*.py"))
    out: list[tuple[Path, str | None]] = []
    for script in scripts:
        text = _read(script)
        paired = paired_script(text)
        if paired != text:
            out.append((script, paired))
        ipynb = script.with_suffix(".ipynb")
        expected = notebook_json(paired)
        if not ipynb.exists() or _read(ipynb) != expected:
            out.append((ipynb, expected))
    stems = {s.stem for s in scripts}
    out += [(nb, None) for nb in sorted(folder.glob("[0-9][0-9]_*.ipynb")) if nb.stem not in stems]
    return out


def _read(path: Path) -> str:
    # a Windows checkout may turn "\n" into "\r\n"; that is not a difference in content
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list what is out of sync; exit 1 if any")
    parser.add_argument("folder", nargs="?", type=Path, default=NOTEBOOKS, help="notebooks folder")
    args = parser.parse_args(argv)
    if args.check:
        stale = out_of_sync(args.folder)
        for name in stale:
            print(f"out of sync: {name}")
        if stale:
            print("run: python scripts/sync_notebooks.py")
        return 1 if stale else 0
    for path in sync(args.folder):
        print(f"{'removed' if not path.exists() else 'wrote'} {path.relative_to(args.folder.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
