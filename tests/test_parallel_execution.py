"""book/_ext/parallel_execution.py: the notebooks the execution cache lacks are executed side by side
and cached where myst-nb finds them; a notebook that fails is left for myst-nb to execute and report."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from jupyter_cache import get_cache

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import parallel_execution  # noqa: E402


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def test_the_missing_notebooks_are_executed_in_parallel_and_cached_as_myst_nb_matches_them(tmp_path):
    sums = _notebook(tmp_path / "sums.ipynb", "print(6 * 7)", "import os; print(os.path.basename(os.getcwd()))")
    fails = _notebook(tmp_path / "fails.ipynb", "1 / 0")
    cache_path = str(tmp_path / ".jupyter_cache")
    said = []

    done = parallel_execution.run(cache_path, [sums, fails], timeout=60, allow_errors=False, in_temp=False,
                                  workers=2, log=said.append)

    assert done == [sums], said
    assert "executing 2 notebooks in 2 processes" in said and any("fails.ipynb failed here" in m for m in said)
    cache = get_cache(cache_path)
    # what myst-nb's cache mode does with the notebook it reads: match it and merge the outputs in
    _, merged = cache.merge_match_into_notebook(nbformat.read(str(sums), as_version=4))
    outputs = ["".join(o.get("text", "") for o in cell.outputs) for cell in merged.cells]
    assert outputs == ["42\n", f"{tmp_path.name}\n"], "run in the notebook's own folder, as myst-nb does"
    assert parallel_execution.missing(cache, [sums, fails]) == [fails]


def test_nothing_runs_when_at_most_one_notebook_is_missing_or_one_worker_is_allowed(tmp_path):
    one = _notebook(tmp_path / "one.ipynb", "x = 1")
    two = _notebook(tmp_path / "two.ipynb", "y = 2")
    cache_path = str(tmp_path / ".jupyter_cache")
    assert parallel_execution.run(cache_path, [one], 60, False, False, workers=4) == []
    assert parallel_execution.run(cache_path, [one, two], 60, False, False, workers=1) == []
    assert parallel_execution.missing(get_cache(cache_path), [one, two]) == [one, two], "nothing was cached"
