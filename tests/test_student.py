"""Student versions (``make student``): a repository that can be served (same ``notebooks/`` paths,
the package, its own launch links, no answer key), no solution survives, the markdown a student sees
in JupyterLab has no MyST left, every student notebook still runs, and the answer key (in the
instructors' folder) has every solution and quiz answer."""
from __future__ import annotations

import json
import shutil
import subprocess
import re
from pathlib import Path

import nbformat
import pytest

from itband.course import colab
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
    out, key = tmp_path / "student", tmp_path / "instructor"
    with pytest.raises(ValueError, match="02_bad.ipynb"):
        S.write_student_versions(out, [good, bad], instructor_dir=key, git=False)
    assert not out.exists() and not key.exists()
    args = ["--out", str(out), "--instructor-out", str(key), "--no-git"]
    assert S.main(args + [str(bad)]) == 1
    assert S.main(args + [str(good)]) == 0
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == ["01_good.ipynb"]
    assert not list(out.rglob(S.ANSWER_KEY)) and (key / S.ANSWER_KEY).exists()


def test_only_a_folder_written_by_make_student_is_emptied(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious", "utf-8")
    with pytest.raises(ValueError, match="out_dir=.*was not written by make student"):
        S.write_student_versions(mine, [], instructor_dir=tmp_path / "key", git=False)
    assert (mine / "thesis.tex").read_text("utf-8") == "precious"
    with pytest.raises(ValueError, match="instructor_dir.*must not be inside"):
        S.write_student_versions(tmp_path / "s", [], instructor_dir=tmp_path / "s" / "key", git=False)


def test_make_student_writes_a_repository_and_a_separate_answer_key(tmp_path):
    out, key = tmp_path / "student", tmp_path / "instructor"
    proc = subprocess.run(["make", "-s", "student", f"STUDENT_OUT={out}", f"INSTRUCTOR_OUT={key}"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tracked = subprocess.run(["git", "ls-files"], cwd=out, capture_output=True, text=True, check=True).stdout.split()
    lessons = sorted(f"notebooks/{p.name}" for p in L.lesson_paths())
    assert sorted(t for t in tracked if t.startswith("notebooks/")) == lessons
    for needed in ("README.md", "requirements.txt", "pyproject.toml", "LICENSE", "itband/__init__.py",
                   "itband/course/quiz.py"):
        assert needed in tracked, needed
    assert not any("answer" in t.lower() for t in tracked)
    assert sorted(p.name for p in key.iterdir() if not p.name.startswith(".")) == [S.ANSWER_KEY]


# --------------------------------------------------------------------------- the real lessons

STUDENT_REPO = "https://git.physio.example.edu/courses/itband-student.git"
STUDENT_HUB = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def student_repo(tmp_path_factory) -> Path:
    """The student repository as make student writes it, for a self-hosted address and an http hub."""
    base = tmp_path_factory.mktemp("student")
    S.write_student_versions(base / "repo", instructor_dir=base / "instructor", repo_url=STUDENT_REPO,
                             branch="spring", jupyterhub_url=STUDENT_HUB)
    return base / "repo"


@pytest.fixture(scope="module")
def student_dir(student_repo) -> Path:
    return student_repo / "notebooks"


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
    # the lesson's Colab cell (for this repository) is replaced by one for the student repository
    kept = [c for c in original["cells"] if not L.is_solution_cell(c) and not colab.is_install_cell(c)]
    colab_cell = [c for c in student["cells"] if colab.is_install_cell(c)]
    assert len(colab_cell) == 1
    assert STUDENT_REPO in L.cell_source(colab_cell[0])
    student_cells = [c for c in student["cells"] if c not in colab_cell]
    assert [c["cell_type"] for c in student_cells] == [c["cell_type"] for c in kept]
    assert ([L.cell_source(c) for c in student_cells if c["cell_type"] == "code"]
            == [L.cell_source(c) for c in kept if c["cell_type"] == "code"])


def test_answer_key_covers_every_exercise_and_quiz(student_repo):
    key = (student_repo.parent / "instructor" / S.ANSWER_KEY).read_text("utf-8")
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


# ------------------------------------------------------------------ a repository that can be served

def test_the_served_repository_opens_where_its_links_point(student_repo, tmp_path):
    """Clone the repository as nbgitpuller does (into a folder named after it, on its branch) and
    follow every lesson's JupyterHub link from its README to a notebook that exists."""
    from urllib.parse import parse_qs, urlsplit

    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(["git", "clone", "-q", "--branch", "spring", str(student_repo), str(home / "itband-student")],
                   check=True, capture_output=True)
    readme = (student_repo / "README.md").read_text("utf-8")
    hub_links = re.findall(r"\[JupyterHub\]\(([^)]+)\)", readme)
    assert len(hub_links) == len(LESSONS)
    for link, path in zip(hub_links, LESSONS):
        parts = urlsplit(link)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{STUDENT_HUB}/hub/user-redirect/git-pull"
        query = parse_qs(parts.query, strict_parsing=True)
        assert query["repo"] == [STUDENT_REPO] and query["branch"] == ["spring"]
        opened = home / query["urlpath"][0].removeprefix("lab/tree/")
        assert opened == home / "itband-student" / "notebooks" / path.name and opened.exists()
    # Binder and Colab cannot open a self-hosted repository: the README says so instead of linking
    assert "[Binder]" not in readme and "[Colab]" not in readme and "not available for this host" in readme
    assert not list((home / "itband-student").rglob(S.ANSWER_KEY))


def test_the_package_in_the_repository_is_the_course_package(student_repo):
    import filecmp

    def differences(c):
        return c.left_only + c.right_only + c.diff_files + [d for sub in c.subdirs.values() for d in differences(sub)]

    assert not differences(filecmp.dircmp(ROOT / "itband", student_repo / "itband", ignore=["__pycache__"]))
    assert (student_repo / "requirements.txt").read_text("utf-8") == (ROOT / "requirements.txt").read_text("utf-8")


def test_colab_cell_first_for_an_https_repository(student_dir):
    for path in LESSONS:
        nb = L.load_notebook(student_dir / path.name)
        first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
        assert L.cell_source(first_code) == colab.install_cell(STUDENT_REPO, "spring")


# ------------------------------------------------------------------ what JupyterLab shows a student

def _rendered_markdown(path: Path) -> list[str]:
    """The HTML of each markdown cell, rendered by nbconvert's Markdown renderer (mistune, as
    JupyterLab renders CommonMark with maths), without the cell's source text around it."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    nb = L.load_notebook(path)
    return [markdown2html_mistune(L.cell_source(c)) for c in nb["cells"] if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_student_sees_plain_markdown_not_myst(path, student_dir):
    from html import unescape

    from tools import plain

    html = _rendered_markdown(student_dir / path.name)
    text = unescape(re.sub(r"<[^>]+>", " ", "\n".join(html)))
    assert not plain.leftover_myst(text), plain.leftover_myst(text)[:5]
    for raw in ("{footcite", "{term}", "{fact}", "{doc}", "{exercise", "{solution", "{admonition",
                "{important}", "{footbibliography}", ":class: dropdown", ":label:"):
        assert raw not in text, f"{path.name}: {raw!r} is shown to students"
    exercises = re.findall(r"<h3[^>]*>Exercise (\d+)", "\n".join(html))
    lesson = L.read_lesson(path)
    assert [int(n) for n in exercises] == list(range(1, len(lesson.exercises) + 1))
    # the References heading is followed by a list with one entry per cited work, author-year
    refs = re.split(r"<h2[^>]*>References.*?</h2>", next(h for h in html if re.search(r"<h2[^>]*>References", h)))[1]
    items = re.findall(r"<li>(.*?)</li>", refs, re.S)
    assert items and all(re.search(r"\(\d{4}\)", i) for i in items)
    assert re.search(r"\([A-Z][^()]* (?:et al\. )?\d{4}[a-z]?(?:; [^()]+)?\)", text), "no author-year citation"


def test_plain_forms_by_hand():
    from tools import plain

    cited = []
    out = plain.plain_roles("Sites differ {footcite:p}`fairclough2006,falvey2010`; {footcite:t}`fairclough2006` "
                            "saw it. The {term}`IT band <IT band>` and {term}`bursa`.", "t", cited)
    assert out == ("Sites differ (Fairclough et al. 2006; Falvey et al. 2010); Fairclough et al. (2006) "
                   "saw it. The IT band and bursa.")
    assert cited == ["fairclough2006", "falvey2010", "fairclough2006"]
    with pytest.raises(ValueError, match="t: citation key 'nobody1999'"):
        plain.plain_roles("{footcite:p}`nobody1999`", "t", [])
    with pytest.raises(ValueError, match=r"the role \{kbd\} has no plain form"):
        plain.plain_roles("{kbd}`Ctrl`", "t", [])
    nb = demo_notebook()
    nb["cells"].append(_md(":::{admonition} Safety first\nSee a clinician if it **swells**.\n:::\n\n"
                           "```{important}\nRest it.\n```\n\n"
                           "```{footbibliography}\n```"))
    out = plain.plain_notebook(S.student_notebook(nb, "demo"), "demo")
    md = [L.cell_source(c) for c in out["cells"] if c["cell_type"] == "markdown"]
    assert md[1] == "### Exercise 1\n\nPredict **x squared** first."
    assert md[2] == "### Exercise 2\n\nLoop over 0 to 9."
    assert md[-1] == ("> **Safety first**\n>\n> See a clinician if it **swells**.\n\n"
                      "> **Important**\n>\n> Rest it.\n\n*This lesson cites no sources.*")


def test_lesson_colab_cells_follow_a_new_repository_and_nothing_else_changes(tmp_path):
    lesson = tmp_path / LESSONS[0].name
    shutil.copy(LESSONS[0], lesson)
    before = L.load_notebook(lesson)
    assert S.main(["--lesson-colab-cells", "--repo-url", "https://git.example.org/fork/itband",
                   "--branch", "spring", str(lesson)]) == 0
    after = L.load_notebook(lesson)
    cells = [c for c in after["cells"] if colab.is_install_cell(c)]
    assert len(cells) == 1 and L.cell_source(cells[0]) == colab.install_cell("https://git.example.org/fork/itband", "spring")
    assert L.cell_tags(cells[0]) == [colab.BOOK_TAG]
    assert [c for c in after["cells"] if not colab.is_install_cell(c)] == \
        [c for c in before["cells"] if not colab.is_install_cell(c)]
    # the lessons in the repository are already written for _config.yml: nothing to change
    repository = S._config()["repository"]
    assert S.write_lesson_colab_cells(LESSONS, repository["url"], repository["branch"]) == []
