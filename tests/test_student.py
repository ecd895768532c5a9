"""Student versions (``make student``): no solution survives, every student notebook still runs,
and the answer key has every solution and quiz answer."""
from __future__ import annotations

import json
import subprocess
import re
from pathlib import Path

import nbformat
import pytest

from tools import lessons as L
from tools import student as S

ROOT = L.ROOT
LESSONS = L.lesson_paths()


def _md(text, solution=False):
    return nbformat.v4.new_markdown_cell(text, metadata={"tags": ["solution"]} if solution else {})


def _code(text, solution=False, output=None):
    cell = nbformat.v4.new_code_cell(text, metadata={"tags": ["solution"]} if solution else {})
    if output:
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=output)]
        cell.execution_count = 3
    return cell


def demo_notebook() -> dict:
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.cells = [
        _md("# Demo\n\n## Learning objectives\n- **Explain** x\n\n**Prerequisites:** none\n"
            "**Estimated time:** 20 minutes"),
        _code("x = 2\nprint(x)", output="2\n"),
        _md("```{exercise}\n:label: ex-demo-1\nPredict **x squared** first.\n```"),
        _md("```{solution} ex-demo-1\n:class: dropdown\nIt is four, PINEAPPLE-ANSWER.\n```", solution=True),
        _md("```{exercise-start}\n:label: ex-demo-2\n```\nLoop over 0 to 9.\n```{exercise-end}\n```"),
        _md("```{solution-start} ex-demo-2\n:class: dropdown\n```\nUse a generator:", solution=True),
        _code("secret_total = sum(range(10))\nprint(secret_total)", solution=True, output="45\n"),
        _md("```{solution-end}\n```", solution=True),
        _code("print('after the exercises')", output="after the exercises\n"),
    ]
    return json.loads(nbformat.writes(nb))


# ------------------------------------------------------------------------------ unit tests

def test_student_notebook_drops_solution_cells_and_clears_outputs():
    nb = demo_notebook()
    out = S.student_notebook(nb, "demo.ipynb")
    assert len(out["cells"]) == len(nb["cells"]) - 4
    assert not any(L.is_solution_cell(c) for c in out["cells"])
    text = json.dumps(out)
    for secret in ("PINEAPPLE-ANSWER", "secret_total", "{solution", "45\\n"):
        assert secret not in text
    code = [c for c in out["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert "widgets" not in out["metadata"]
    assert nb["cells"][1]["outputs"], "the input notebook must not be changed"
    nbformat.validate(nbformat.from_dict(out))


def test_untagged_solution_content_is_refused_naming_notebook_and_cell():
    nb = demo_notebook()
    nb["cells"][3]["metadata"] = {}
    with pytest.raises(ValueError, match=r"demo\.ipynb: cell 3 holds a solution block but lacks the 'solution'"):
        S.student_notebook(nb, "demo.ipynb")
    nb = demo_notebook()
    nb["cells"][6]["metadata"] = {}
    with pytest.raises(ValueError, match=r"demo\.ipynb: cell 6 lies between \{solution-start\} \(cell 5\)"):
        S.student_notebook(nb, "demo.ipynb")
    nb = demo_notebook()
    del nb["cells"][7:]
    with pytest.raises(ValueError, match=r"\{solution-start\} in cell 5 has no \{solution-end\}"):
        S.student_notebook(nb, "demo.ipynb")


def test_answer_key_has_each_exercise_its_solution_and_output(tmp_path):
    path = tmp_path / "05_demo.ipynb"
    path.write_text(json.dumps(demo_notebook()), "utf-8")
    key = S.answer_key([path])
    assert "### Exercise `ex-demo-1`" in key and "> Predict **x squared** first." in key
    assert "It is four, PINEAPPLE-ANSWER." in key
    assert "### Exercise `ex-demo-2`" in key and "> Loop over 0 to 9." in key
    assert "Use a generator:" in key and "secret_total = sum(range(10))" in key and "45" in key
    assert key.index("ex-demo-1") < key.index("ex-demo-2")


def test_write_student_versions_checks_everything_before_writing(tmp_path):
    good, bad = tmp_path / "01_good.ipynb", tmp_path / "02_bad.ipynb"
    good.write_text(json.dumps(demo_notebook()), "utf-8")
    broken = demo_notebook()
    broken["cells"][3]["metadata"] = {}
    bad.write_text(json.dumps(broken), "utf-8")
    out = tmp_path / "student"
    with pytest.raises(ValueError, match="02_bad.ipynb"):
        S.write_student_versions(out, [good, bad])
    assert not out.exists()
    assert S.main(["--out", str(out), str(bad)]) == 1
    assert S.main(["--out", str(out), str(good)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["01_good.ipynb", "answer-key.md"]


def test_make_student_writes_every_lesson_and_the_answer_key(tmp_path):
    out = tmp_path / "student"
    proc = subprocess.run(["make", "-s", "student", f"STUDENT_OUT={out}"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([p.name for p in L.lesson_paths()] + [S.ANSWER_KEY])


# --------------------------------------------------------------------------- the real lessons

@pytest.fixture(scope="module")
def student_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student")
    S.write_student_versions(out)
    return out


def _solution_lines(nb: dict) -> set[str]:
    """Distinctive lines of solution cells: long enough to be specific, absent from other cells."""
    elsewhere = {line.strip() for c in nb["cells"] if not L.is_solution_cell(c)
                 for line in L.cell_source(c).splitlines()}
    return {line.strip() for c in nb["cells"] if L.is_solution_cell(c)
            for line in L.cell_source(c).splitlines()
            if len(line.strip()) >= 12 and line.strip() not in elsewhere}


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_no_solution_text_survives_in_the_student_version(path, student_dir):
    original = L.load_notebook(path)
    student = L.load_notebook(student_dir / path.name)
    assert any(L.is_solution_cell(c) for c in original["cells"]), f"{path.name} has no solution cells"
    text = "\n".join(L.cell_source(c) for c in student["cells"])
    assert not re.search(r"\{solution(-start|-end)?\}", text)
    leaked = [line for line in _solution_lines(original) if line in text]
    assert not leaked, f"solution text left in the student {path.name}: {leaked[:3]}"
    assert all(c.get("outputs", []) == [] for c in student["cells"])
    kept = [L.cell_source(c) for c in original["cells"] if not L.is_solution_cell(c)]
    assert [L.cell_source(c) for c in student["cells"]] == kept


def test_answer_key_covers_every_exercise_and_quiz(student_dir):
    key = (student_dir / "answer-key.md").read_text("utf-8")
    for path in LESSONS:
        lesson = L.read_lesson(path)
        assert f"## Lesson {lesson.number}: {lesson.title}" in key
        for label in lesson.exercises:
            section = key.split(f"### Exercise `{label}`", 1)
            assert len(section) == 2, f"{label} missing from the answer key"
            assert "**Solution**" in section[1].split("### ", 1)[0], f"{label} has no solution in the key"
        for quiz in lesson.quizzes:
            assert f"### Quiz `{quiz}`" in key
    assert "**Answer:**" in key


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_student_notebook_runs_top_to_bottom(path, student_dir, student_env):
    from nbclient import NotebookClient

    nb = nbformat.read(student_dir / path.name, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(student_dir)}})
    client.execute(env=student_env)  # raises CellExecutionError naming the failing cell
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    # a student's kernel draws only the starting frame of each explorer, not the book's frames
    html = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert html and all('class="itb-explorer itb-live"' in h and h.count("<img") == 1 for h in html)
