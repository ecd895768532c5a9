"""nbgrader steps for tests/test_assignments.py, in a module of their own so that the worker
processes that grade lessons in parallel import only this (nothing here reads the lessons)."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

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



def _api(root: Path):
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    config.ExecutePreprocessor.timeout = 300
    return NbGraderAPI(config=config)


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


def released(root: Path, name: str) -> dict:
    return json.loads((root / "release" / name / f"{name}.ipynb").read_text("utf-8"))


def _answered(root: Path, name: str, answers: dict[str, list[str]] | None = None) -> dict:
    """The released notebook with each answer cell filled in from the source's solution; with
    ``answers`` (exercise label -> its answer variables), every answer is then made wrong."""
    source = json.loads((root / "source" / name / f"{name}.ipynb").read_text("utf-8"))
    solutions = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in source["cells"]
                 if c["metadata"].get("nbgrader", {}).get("solution")}
    nb = released(root, name)
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id not in solutions:
            continue
        code = re.sub(r"^### (BEGIN|END) SOLUTION\n?", "", solutions[grade_id], flags=re.M)
        if answers is not None:
            names = answers[grade_id.removesuffix("-answer")]
            code += "\n" + WRONG + "\n".join(f"{n} = _wrong({n})" for n in names)
        cell["source"] = code
    return nb


def grade_lesson(root: Path, name: str, answers: dict[str, list[str]], blank: bool) -> dict:
    """In the course folder ``root``: generate the lesson's assignment, then autograde a correct, a
    wrong and (if ``blank``) an untouched submission. Returns the scores by student. (It runs in a
    worker process and reads nothing from the lessons: ``answers`` are the exercises' variables.)"""
    started = time.monotonic()
    api = _api(root)
    result = api.generate_assignment(name)
    assert result["success"], f"{name}: generate_assignment failed:\n{result['error']}\n{result['log']}"
    submissions = {"correct": _answered(root, name), "wrong": _answered(root, name, answers)}
    if blank:
        submissions["blank"] = released(root, name)
    scores = {}
    for student, nb in submissions.items():
        _submit(root, student, name, nb)
        scores[student] = _score(root, api, student, name)
    return {"scores": scores, "seconds": time.monotonic() - started}
