"""pyproject.toml and environment.yml must install the same packages."""

import re
import tomllib

import yaml
from conftest import ROOT

# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"dask": "dask"}


def _name(req: str) -> str:
    return re.split(r"[\s<>=!\[;~]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pypi = {_name(r) for r in project["dependencies"]}
    for _extra, reqs in project["optional-dependencies"].items():
        pypi |= {_name(r) for r in reqs if not r.startswith("mediakit")}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(CONDA_TO_PYPI.get(d, d)) for d in env["dependencies"] if isinstance(d, str)}
    conda -= {"python", "pip"}
    assert pypi == conda, f"only in pyproject: {pypi - conda}; only in environment.yml: {conda - pypi}"


def test_ci_runs_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    cmd = next(line for line in ci.splitlines() if "pytest" in line)
    assert cmd.strip() in readme
