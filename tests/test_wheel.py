"""The package as a student's `pip install` gets it: the built wheel, installed in a fresh virtual
environment, imports, finds its data and draws every figure of every lesson.

The fresh environment borrows the third-party packages of the test environment through a path
file (nothing is downloaded), but none of this checkout: `itband` comes from the wheel alone, and
the check runs from an empty folder.
"""
from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CHECK = r'''
import importlib, inspect, pkgutil, sys
import itband, itband.figures
from itband.course import evidence, quiz
assert "site-packages" in itband.__file__ and "{root}" not in itband.__file__, itband.__file__
assert len(evidence.registry().facts) > 100
assert quiz.bank_names() and all(quiz.load(n) for n in quiz.bank_names())
from itband.models import measured_gait, leg_model
assert len(measured_gait.knee_curves()) == 23 and leg_model.tables()["sweeps"]
from importlib import resources
assert resources.files("itband.course").joinpath("static", "explorer.js").read_text().strip()
drawn = 0
for info in pkgutil.iter_modules(itband.figures.__path__, "itband.figures."):
    module = importlib.import_module(info.name)
    for name, fn in vars(module).items():
        if name.startswith("draw_") and inspect.isfunction(fn) and fn.__module__ == module.__name__:
            params = inspect.signature(fn).parameters.values()
            if all(p.default is not p.empty for p in params):
                fig = fn()
                assert fig.axes or fig.patches or fig.texts, name
                drawn += 1
print("drew", drawn)
assert drawn >= 20, drawn
'''


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                           "-w", str(out), "-q"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return next(out.glob("itband-*.whl"))


def test_the_wheel_ships_its_data_and_no_checkout_tooling(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("itband/data/quizzes/01_anatomy.json", "itband/data/evidence/anatomy.yaml",
                   "itband/data/fukuchi2017/README.md", "itband/data/leg_model_tables.json",
                   "itband/course/static/explorer.js", "itband/data/instructor_notes.json"):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("tools/", "tests/", "book/", "notebooks/"))]


def test_the_installed_wheel_imports_and_draws_every_lesson_figure(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                           text=True).strip())
    # the test environment's third-party packages, not its (editable) itband
    (purelib / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    empty = tmp_path / "empty"
    empty.mkdir()
    run = subprocess.run([str(python), "-c", CHECK.replace("{root}", str(ROOT))], cwd=empty,
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"})
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    assert "drew" in run.stdout
