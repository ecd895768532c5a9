"""``make assignments``: every lesson's autograded exercises as nbgrader assignments (tools/assignments.py).

The assignments are generated into a temporary nbgrader course (its own ``nbgrader_config`` and a
temporary SQLite gradebook), released with nbgrader's ``generate_assignment`` and graded with its
``autograde``, through nbgrader's Python API, exactly as an instructor's course would run them:

- a correct submission (the lesson's own solutions, as the source notebook holds them) gets full marks;
- a wrong one (the same code, then every answer changed) gets zero, so the tolerances reject it;
- an unanswered one (the released notebook as a student receives it) gets zero;
- the released notebook holds no solution and no hidden test.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tools import assignments as A
from tools import lessons as L

pytest.importorskip("nbgrader")

ROOT = L.ROOT
SPEC = A.load_spec()
LESSONS = sorted(SPEC["lessons"])

#: Appended to a correct solution: every answer made wrong (numbers far outside any tolerance).
WRONG = '''
def _wrong(x):
    import numpy as np
    if isinstance(x, (bool, np.bool_)):
        return not x
    if isinstance(x, str):
        return x + " (not this)"
    if isinstance(x, (list, tuple, np.ndarray)):
        return [_wrong(v) for v in x]
    if isinstance(x, int):
        return 2 * x + 1
    if x is None:
        return 1.0
    return 1.5 * x + 1.0
'''


def _sources(nb: dict, source: str) -> list[str]:
    return [c["source"] if isinstance(c["source"], str) else "".join(c["source"])
            for c in nb["cells"] if source in json.dumps(c.get("metadata", {}))]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A temporary nbgrader course: the assignments (``make assignments``'s command) written into it, then ``generate_assignment`` of every lesson."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    root = tmp_path_factory.mktemp("nbgrader")
    # nbgrader runs the `alembic` command to set up its gradebook: the one beside this Python
    mp = pytest.MonkeyPatch()
    mp.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    assert A.main(["--out", str(root)]) == 0  # what `make assignments` runs, in this process
    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    config.ExecutePreprocessor.timeout = 300
    api = NbGraderAPI(config=config)
    for name in LESSONS:
        result = api.generate_assignment(name)
        assert result["success"], f"{name}: generate_assignment failed:\n{result['error']}\n{result['log']}"
    yield root, api
    mp.undo()


def _submit(root: Path, student: str, name: str, nb: dict) -> None:
    folder = root / "submitted" / student / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.ipynb").write_text(json.dumps(nb), "utf-8")


def _score(root: Path, api, student: str, name: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    result = api.autograde(name, student, force=True, create=True)
    assert result["success"], f"{name}/{student}: autograde failed:\n{result['error']}\n{result['log']}"
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        sub = gb.find_submission(name, student)
        return sub.score, sub.max_score


def _released(root: Path, name: str) -> dict:
    return json.loads((root / "release" / name / f"{name}.ipynb").read_text("utf-8"))


def _answered(root: Path, name: str, wrong: bool) -> dict:
    """The released notebook with each answer cell filled in from the source's solution."""
    source = json.loads((root / "source" / name / f"{name}.ipynb").read_text("utf-8"))
    solutions = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in source["cells"]
                 if c["metadata"].get("nbgrader", {}).get("solution")}
    exercises = {ex.label: ex for p in L.lesson_paths() if p.stem == name for ex in A.exercises_of(p, SPEC)}
    nb = _released(root, name)
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id not in solutions:
            continue
        code = re.sub(r"^### (BEGIN|END) SOLUTION\n?", "", solutions[grade_id], flags=re.M)
        if wrong:
            ex = exercises[grade_id.removesuffix("-answer")]
            code += "\n" + WRONG + "\n".join(f"{a.name} = _wrong({a.name})" for a in ex.answers)
        cell["source"] = code
    return nb


def test_every_listed_lesson_has_an_assignment_and_every_lesson_is_listed(course):
    root, _ = course
    assert sorted(p.name for p in (root / "source").iterdir()) == LESSONS
    assert LESSONS == [p.stem for p in L.lesson_paths()], "a lesson without autograded exercises"
    assert (root / "nbgrader_config.py").exists()


@pytest.mark.parametrize("name", LESSONS)
def test_correct_submission_gets_full_marks_and_a_wrong_one_zero(course, name):
    root, api = course
    _submit(root, "correct", name, _answered(root, name, wrong=False))
    score, max_score = _score(root, api, "correct", name)
    want = sum(a.points for p in L.lesson_paths() if p.stem == name for ex in A.exercises_of(p, SPEC)
               for a in ex.answers)
    assert max_score == want > 0
    assert score == max_score, f"{name}: the lesson's own solutions scored {score} of {max_score}"
    _submit(root, "wrong", name, _answered(root, name, wrong=True))
    assert _score(root, api, "wrong", name) == (0, max_score), f"{name}: wrong answers scored marks"


def test_unanswered_submission_gets_zero(course):
    root, api = course
    name = LESSONS[0]
    _submit(root, "blank", name, _released(root, name))
    score, max_score = _score(root, api, "blank", name)
    assert (score, max_score > 0) == (0, True)


@pytest.mark.parametrize("name", LESSONS)
def test_released_notebook_hides_solutions_and_hidden_tests(course, name):
    root, _ = course
    released = json.dumps(_released(root, name))
    source = json.loads((root / "source" / name / f"{name}.ipynb").read_text("utf-8"))
    assert "BEGIN HIDDEN TESTS" in json.dumps(source) and "BEGIN HIDDEN TESTS" not in released
    assert "BEGIN SOLUTION" not in released and "run_reference(" not in released.split("def run_reference")[-1]
    blanks = [c for c in json.loads(released)["cells"]
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
