"""The package and the notebooks stay in step (itband/course/version.py).

A course folder is made the way nbgitpuller leaves it (notebooks beside a copy of ``itband/``):
- a kernel whose package is that copy, or an identical one, says nothing;
- a kernel whose package differs (a course update the hub's image has not got) warns, naming both
  copies, the files that differ, and the exact command to run;
- outside a course folder nothing is checked.
Each case runs ``import itband`` in a fresh interpreter, as a kernel does, with the working folder
set to the lesson's folder.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from itband.course import version as V
from tools import lessons as L

ROOT = L.ROOT
INSTALLED = (ROOT / "itband").resolve()


def course_folder(tmp_path: Path, edit: str | None = None) -> Path:
    """A pulled course folder: notebooks/, itband/ (a copy of this one) and pyproject.toml."""
    folder = tmp_path / "itband-course"
    (folder / "notebooks").mkdir(parents=True)
    shutil.copytree(INSTALLED, folder / "itband", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", folder / "pyproject.toml")
    if edit:
        target = folder / "itband" / edit
        target.write_text(target.read_text("utf-8") + "\n# a course update\n", "utf-8")
    return folder


def _import_in(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-W", "default", "-c", "import itband"], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_matching_package_is_silent(tmp_path):
    folder = course_folder(tmp_path)
    result = V.check(folder / "notebooks")
    assert result.status == "match" and result.changed == () and result.message == ""
    proc = _import_in(folder / "notebooks")
    assert proc.returncode == 0 and "StalePackageWarning" not in proc.stderr, proc.stderr


def test_stale_package_says_what_to_update(tmp_path):
    folder = course_folder(tmp_path, edit="course/quiz.py")
    result = V.check(folder / "notebooks")
    assert result.status == "stale" and result.changed == ("course/quiz.py",)
    assert str(INSTALLED) in result.message and str(folder / "itband") in result.message
    assert f"%pip install --no-deps -e {folder}" in result.message
    assert "restart the kernel" in result.message and "rebuild the hub's image" in result.message
    proc = _import_in(folder / "notebooks")
    assert proc.returncode == 0
    assert "StalePackageWarning" in proc.stderr and "course/quiz.py" in proc.stderr


def test_a_new_or_removed_data_file_is_a_difference(tmp_path):
    folder = course_folder(tmp_path)
    (folder / "itband" / "data" / "quizzes" / "99_new.json").write_text("[]", "utf-8")
    assert V.check(folder / "notebooks").changed == ("data/quizzes/99_new.json",)


def test_the_checkout_itself_is_in_use_and_elsewhere_nothing_is_checked(tmp_path):
    assert V.check(ROOT / "notebooks").status == "in-use"
    assert V.check(tmp_path) is None
    proc = _import_in(tmp_path)
    assert proc.returncode == 0 and "StalePackageWarning" not in proc.stderr


def test_warn_if_stale_warns_once_with_the_message(tmp_path):
    folder = course_folder(tmp_path, edit="__init__.py")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = V.warn_if_stale(folder / "notebooks")
    assert [w.category for w in caught] == [V.StalePackageWarning]
    assert str(caught[0].message) == result.message


def test_a_folder_that_only_looks_like_the_course_is_not_it(tmp_path):
    folder = course_folder(tmp_path)
    (folder / "pyproject.toml").write_text('[project]\nname = "something-else"\n', "utf-8")
    assert V.check(folder / "notebooks") is None
