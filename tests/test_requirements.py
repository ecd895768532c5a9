"""The two requirement files: the runtime set a student's kernel needs, and the build-and-test set.

- ``requirements.txt`` (Binder, a hub image, Colab) holds exactly what ``itband`` and the lessons
  import and what those need, every line pinned, and ends with the package itself;
- its first block is the same as ``pyproject.toml``'s dependencies, pin for pin;
- ``requirements-dev.txt`` starts from ``-r requirements.txt`` and pins the rest; no package is in both;
- the Makefile installs the dev set and rebuilds the venv when either file changes;
- the Colab cell installs the runtime set on Colab only, and is valid IPython that does nothing elsewhere.
"""
from __future__ import annotations

import ast
import re
import tomllib
from importlib import metadata

from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from itband.course import colab
from tools import lessons as L

ROOT = L.ROOT


def _pins(path):
    lines = [ln.strip() for ln in (ROOT / path).read_text("utf-8").splitlines()]
    return [ln for ln in lines if ln and not ln.startswith("#")]


def _names(lines):
    return {canonicalize_name(Requirement(ln).name) for ln in lines if "==" in ln}


RUNTIME, DEV = _pins("requirements.txt"), _pins("requirements-dev.txt")


def test_every_line_is_pinned_and_no_package_is_in_both():
    for ln in RUNTIME[:-1] + DEV[1:]:
        req = Requirement(ln)
        assert len(req.specifier) == 1 and next(iter(req.specifier)).operator == "==", ln
    assert RUNTIME[-1] == "-e ." and DEV[0] == "-r requirements.txt"
    assert not _names(RUNTIME) & _names(DEV)
    for heavy in ("jupyter-book", "playwright", "pytest", "nbval", "sphinx", "jupyterlab"):
        assert heavy in _names(DEV) and heavy not in _names(RUNTIME), heavy


def test_runtime_set_is_closed_under_dependencies():
    """Every installed dependency of a runtime package is pinned in the runtime file too."""
    names = _names(RUNTIME)
    for name in names:
        for spec in metadata.distribution(name).requires or []:
            req = Requirement(spec)
            if req.marker and not req.marker.evaluate({"extra": ""}):
                continue
            assert canonicalize_name(req.name) in names, f"{name} needs {req.name}: pin it in requirements.txt"


def test_runtime_covers_what_the_package_imports():
    imported = set()
    for py in (ROOT / "itband").rglob("*.py"):
        for node in ast.walk(ast.parse(py.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    dists = metadata.packages_distributions()
    third_party = {canonicalize_name(d) for m in imported for d in dists.get(m, []) if m != "itband"}
    assert third_party and third_party <= _names(RUNTIME), third_party - _names(RUNTIME)


def test_pyproject_dependencies_are_the_first_block_of_requirements():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    text = (ROOT / "requirements.txt").read_text("utf-8")
    first_block = re.search(r"\n((?:[^#\n][^\n]*\n)+)", text).group(1).split()
    assert deps == first_block


def test_pins_match_the_installed_environment():
    for ln in RUNTIME[:-1] + DEV[1:]:
        req = Requirement(ln)
        assert metadata.version(req.name) == next(iter(req.specifier)).version, ln


def test_makefile_installs_the_dev_set_and_watches_both_files():
    make = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^\$\(STAMP\): requirements\.txt requirements-dev\.txt pyproject\.toml$", make, re.M)
    assert "pip install --quiet -r requirements-dev.txt" in make
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "requirements-dev.txt" in readme and "requirements.txt" in readme


def test_colab_cell_is_ipython_that_acts_only_on_colab():
    cell = colab.install_cell("https://github.com/itband-course/itband-course", "main")
    python = TransformerManager().transform_cell(cell)
    tree = ast.parse(python)
    (test,) = [n for n in tree.body if isinstance(n, ast.If)]
    assert ast.unparse(test.test) == "'google.colab' in sys.modules"
    assert all("get_ipython().system" in ast.unparse(n) for n in test.body) and len(test.body) == 2
    assert "git clone -q --depth 1 --branch main https://github.com/itband-course/itband-course" in cell
    assert "pip install -q -r requirements.txt" in cell
    assert not colab.on_colab()
    ns: dict = {}
    exec(compile(python, "<cell>", "exec"), ns)  # off Colab: nothing runs, nothing fails


def test_colab_cell_rejects_bad_addresses():
    import pytest
    for bad in ("http://github.com/a/b", "git@github.com:a/b", "https://", "https://x/a b"):
        with pytest.raises(ValueError, match="repo_url"):
            colab.install_cell(bad)
    with pytest.raises(ValueError, match="branch"):
        colab.install_cell("https://github.com/a/b", "")
    with pytest.raises(TypeError, match="repo_url"):
        colab.install_cell(None)
