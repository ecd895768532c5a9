"""``make assignments``: every lesson's autograded exercises as nbgrader assignments (tools/assignments.py).

The assignments are generated as ``make assignments`` writes them, then each lesson's goes into a
temporary nbgrader course of its own (the written ``nbgrader_config.py`` and a temporary SQLite
gradebook), is released with nbgrader's ``generate_assignment`` and graded with its ``autograde``,
through nbgrader's Python API, as an instructor's course runs them (two lessons at a time, in worker
processes: each grading starts a kernel; the steps are in ``tests/nbgrader_worker.py``):

- a correct submission (the lesson's own solutions, as the source notebook holds them) gets full marks;
- a wrong one (the same code, then every answer changed) gets zero, so the tolerances reject it;
- an unanswered one (the released notebook as a student receives it) gets zero;
- the released notebook holds no solution and no hidden test.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from nbgrader_worker import grade_lesson, released
from tools import assignments as A
from tools import lessons as L

pytest.importorskip("nbgrader")
# nbgrader's own gradebook code trips SQLAlchemy 2's autoflush warnings; they say nothing about the course
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

ROOT = L.ROOT
SPEC = A.load_spec()
LESSONS = sorted(SPEC["lessons"])
#: lesson -> exercise label -> the variables its answers are stored in (read once, here)
ANSWERS = {p.stem: {ex.label: [a.name for a in ex.answers] for ex in A.exercises_of(p, SPEC)}
           for p in L.lesson_paths() if p.stem in SPEC["lessons"]}

def _sources(nb: dict, source: str) -> list[str]:
    return [c["source"] if isinstance(c["source"], str) else "".join(c["source"])
            for c in nb["cells"] if source in json.dumps(c.get("metadata", {}))]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The assignments written as ``make assignments`` writes them, then, per lesson in a course folder
    of its own (its own config and SQLite gradebook), nbgrader's ``generate_assignment`` and
    ``autograde`` of the sample submissions, two lessons at a time (each grading runs a kernel)."""
    root = tmp_path_factory.mktemp("nbgrader")
    # nbgrader runs the `alembic` command to set up its gradebook: the one beside this Python
    mp = pytest.MonkeyPatch()
    mp.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    assert A.main(["--out", str(root)]) == 0  # what `make assignments` runs, in this process
    courses = {}
    for name in LESSONS:
        courses[name] = root.parent / f"{root.name}-{name}"
        shutil.copytree(root / "source" / name, courses[name] / "source" / name)
        shutil.copy(root / "nbgrader_config.py", courses[name])
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            jobs = {name: pool.submit(grade_lesson, folder, name, ANSWERS[name], name == LESSONS[0])
                    for name, folder in courses.items()}
            graded = {name: job.result() for name, job in jobs.items()}
    finally:
        mp.undo()
    for name, g in graded.items():
        print(f"{name}: {g['scores']} in {g['seconds']:.1f} s")
    yield root, courses, graded


def test_every_listed_lesson_has_an_assignment_and_every_lesson_is_listed(course):
    root, _, _ = course
    assert sorted(p.name for p in (root / "source").iterdir()) == LESSONS
    assert LESSONS == [p.stem for p in L.lesson_paths()], "a lesson without autograded exercises"
    assert (root / "nbgrader_config.py").exists()


@pytest.mark.parametrize("name", LESSONS)
def test_correct_submission_gets_full_marks_and_a_wrong_one_zero(course, name):
    _, _, graded = course
    scores = graded[name]["scores"]
    want = sum(a.points for p in L.lesson_paths() if p.stem == name for ex in A.exercises_of(p, SPEC)
               for a in ex.answers)
    assert want == sum(len(v) for v in ANSWERS[name].values())
    score, max_score = scores["correct"]
    assert max_score == want > 0
    assert score == max_score, f"{name}: the lesson's own solutions scored {score} of {max_score}"
    assert scores["wrong"] == (0, max_score), f"{name}: wrong answers scored marks"


def test_unanswered_submission_gets_zero(course):
    _, _, graded = course
    score, max_score = graded[LESSONS[0]]["scores"]["blank"]
    assert score == 0 and max_score > 0


@pytest.mark.parametrize("name", LESSONS)
def test_released_notebook_hides_solutions_and_hidden_tests(course, name):
    _, courses, _ = course
    root = courses[name]
    student = json.dumps(released(root, name))
    source = json.loads((root / "source" / name / f"{name}.ipynb").read_text("utf-8"))
    assert "BEGIN HIDDEN TESTS" in json.dumps(source) and "BEGIN HIDDEN TESTS" not in student
    assert "BEGIN SOLUTION" not in student and "run_reference(" not in student.split("def run_reference")[-1]
    blanks = [c for c in json.loads(student)["cells"]
              if c["cell_type"] == "code" and "raise NotImplementedError()" in "".join(c["source"])]
    assert len(blanks) == len(_sources(source, '"solution": true')) > 0


def test_check_answer_tolerances():
    A.check_answer("x", 100.5, 100, rtol=0.01)
    A.check_answer("x", [1, 2.01], (1, 2), rtol=0.01)
    A.check_answer("s", "RBDS18", "RBDS18")
    A.check_answer("n", [3, 6], (3, 6), exact=True)
    for got, want, kw in [(102, 100, {"rtol": 0.01}), ([1, 2], [1, 2, 3], {}), ("a", "b", {}),
                          (True, False, {}), (None, 1.0, {}), (46, 45, {"exact": True}), (0.02, 0.0, {"atol": 0.01})]:
        with pytest.raises(AssertionError, match="`x`"):
            A.check_answer("x", got, want, **kw)


def test_bad_lists_are_refused_by_name(tmp_path):
    bad = tmp_path / "assignments.yaml"
    bad.write_text("rtol: -1\nlessons: {}\n", "utf-8")
    with pytest.raises(ValueError, match=r"rtol=-1 must be a number of at least 0"):
        A.load_spec(bad)
    bad.write_text("lessons:\n  01_anatomy:\n    ex-anatomy-10mm:\n      answers:\n        - name: 1st\n          what: x\n",
                   "utf-8")
    with pytest.raises(ValueError, match="'1st' is not a Python variable name"):
        A.load_spec(bad)
    spec = {"rtol": 0.01, "atol": 0, "points": 1,
            "lessons": {"01_anatomy": {"ex-no-such": {"answers": [{"name": "x", "what": "x"}]}}}}
    with pytest.raises(ValueError, match="does not have: \\['ex-no-such'\\]"):
        A.exercises_of(ROOT / "notebooks" / "01_anatomy.ipynb", spec)
    spec["lessons"] = {"01_anatomy": {"ex-anatomy-10mm": {"code": "x = 1", "answers": [{"name": "x", "what": "x"}]}}}
    with pytest.raises(ValueError, match="must not give it 'code' too"):
        A.exercises_of(ROOT / "notebooks" / "01_anatomy.ipynb", spec)
    with pytest.raises(ValueError, match="'nowhere' is used by an exercise's code but bound nowhere"):
        A.setup_code(L.load_notebook(ROOT / "notebooks" / "01_anatomy.ipynb"), ["y = nowhere + 1"], "01_anatomy")


def test_setup_takes_the_lessons_own_bindings():
    nb = L.load_notebook(ROOT / "notebooks" / "06_self_care_and_return.ipynb")
    setup = A.setup_code(nb, ["x = return_to_run.adapt_plan(plan, 2, 1, 5)"], "06")
    assert setup.splitlines()[0] == "from itband.models import return_to_run"
    assert any(line.startswith("plan = return_to_run.plan_return(") for line in setup.splitlines())
    assert A.free_names("import numpy as np\nf = lambda g: g + np.pi + q\n[k for k in range(3)]") == ["q"]
