"""The lessons' front matter as the instructor guide reads it, and each lesson standing alone.

- ``itband.lessons`` reads title, objectives, prerequisites and time from the
  "## Learning objectives" cell and finds explorers and quizzes; a malformed
  cell is a ``ValueError`` naming the notebook (unit tests on small notebooks
  written here, then every real lesson).
- The instructor guide's table is built from the notebooks when the book is
  built (checked in the built page), and every lesson has activities and
  assignments in ``itband/data/instructor_notes.json``.
- Each lesson stands alone: it runs in a fresh kernel by itself (strict nbval
  already does exactly that, one kernel per notebook: checked here, not
  re-run) and links every glossary term it uses to a defined entry.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from itband.course import colab
from tools import lessons as L

ROOT = L.ROOT
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lesson_table  # noqa: E402  (the Sphinx extension that builds the guide's table)

LESSONS = L.lesson_paths()
NOTES = json.loads((ROOT / "itband" / "data" / "instructor_notes.json").read_text("utf-8"))
GOOD_OBJECTIVES = """## Learning objectives
By the end of this lesson you can:
- **Explain** why the {term}`IT band` hurts
  near 30° of knee flexion.
- **Calculate** strides per week.
- **Choose** a safe plan.

**Prerequisites:** Lesson 1 (anatomy) and Lesson 2, or none.
**Estimated time:** 45 minutes
"""


def write_lesson(folder: Path, name: str = "03_demo", objectives: str = GOOD_OBJECTIVES,
                 extra: list | None = None, title: str = "# A demo lesson\n\nA runner's story.") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(title), nbformat.v4.new_markdown_cell(objectives)]
    nb.cells += extra or []
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


# ----------------------------------------------------------------- unit tests of the reader

def test_reads_title_objectives_prerequisites_and_time(tmp_path):
    lesson = L.read_lesson(write_lesson(tmp_path))
    assert lesson.name == "03_demo" and lesson.number == 3
    assert lesson.title == "A demo lesson"
    assert lesson.objectives == ("**Explain** why the {term}`IT band` hurts near 30° of knee flexion.",
                                 "**Calculate** strides per week.", "**Choose** a safe plan.")
    assert lesson.prerequisites == "Lesson 1 (anatomy) and Lesson 2, or none."
    assert lesson.prerequisite_lessons == (1, 2)
    assert lesson.minutes == 45
    assert lesson.terms == ("IT band",)


def test_finds_explorers_quiz_and_exercises_but_not_figures_or_solutions(tmp_path):
    cells = [
        nbformat.v4.new_markdown_cell("## The knee bends"),
        nbformat.v4.new_code_cell("%matplotlib inline\nexplore(anatomy.draw_knee, alt='{knee_flexion_deg}',\n"
                                  "        caption='The band crosses the epicondyle',\n"
                                  "        knee_flexion_deg=Slider(0, 90, 5, static_step=10))"),
        nbformat.v4.new_markdown_cell("### Mileage"),
        nbformat.v4.new_code_cell("import itband\nex = itband.explore(gait.draw, alt=f, gait=['walk', 'run'], downhill=True)"),
        nbformat.v4.new_code_cell("show(anatomy.draw_lateral_view, alt='a figure, not an explorer')"),
        nbformat.v4.new_markdown_cell("## Check yourself"),
        nbformat.v4.new_code_cell("itband.quiz.show(\"03_demo\")"),
        nbformat.v4.new_markdown_cell("## Exercises\n```{exercise}\n:label: ex-demo-1\nPredict first.\n```"),
        nbformat.v4.new_markdown_cell("```{exercise-start}\n:label: ex-demo-2\n```\nWrite a loop.\n```{exercise-end}\n```"),
        nbformat.v4.new_code_cell("explore(secret.draw, alt='x', k=(0, 1, 1))", metadata={"tags": ["solution"]}),
    ]
    lesson = L.read_lesson(write_lesson(tmp_path, extra=cells))
    assert [(e.function, e.controls, e.section) for e in lesson.explorers] == [
        ("draw_knee", ("knee_flexion_deg",), "The knee bends"),
        ("draw", ("gait", "downhill"), "Mileage")]
    assert lesson.explorers[0].describe() == "The knee bends (controls: knee flexion)"
    assert lesson.explorers[0].caption == "The band crosses the epicondyle"
    assert lesson.explorers[1].describe() == "Mileage (controls: gait, downhill)"
    assert lesson.quizzes == ("03_demo",)
    assert lesson.exercises == ("ex-demo-1", "ex-demo-2")


@pytest.mark.parametrize("objectives, problem", [
    ("## Key points\n- nothing", "no markdown cell starting with '## Learning objectives'"),
    ("## Learning objectives\nBy the end you can:\n\n**Prerequisites:** none\n**Estimated time:** 30 minutes",
     "lists no objectives"),
    ("## Learning objectives\n- **Explain** x\n\n**Estimated time:** 30 minutes", "no '\\*\\*Prerequisites:\\*\\*"),
    ("## Learning objectives\n- **Explain** x\n\n**Prerequisites:** none", "no '\\*\\*Estimated time:\\*\\*"),
    ("## Learning objectives\n- **Explain** x\n\n**Prerequisites:** none\n**Estimated time:** a while",
     "'a while' is not of the form 'N minutes'"),
    ("## Learning objectives\n- **Explain** x\n\n**Prerequisites:** none\n**Estimated time:** 0 minutes",
     "outside 1 to 600 minutes"),
    ("## Learning objectives\n- **Explain** x\n\n**Prerequisites:** none\n**Prerequisites:** none\n"
     "**Estimated time:** 5 minutes", "two '\\*\\*Prerequisites:\\*\\*' lines"),
])
def test_malformed_objectives_cell_names_the_notebook(tmp_path, objectives, problem):
    path = write_lesson(tmp_path, name="07_broken", objectives=objectives)
    with pytest.raises(ValueError, match=r"^07_broken\.ipynb: .*" + problem):
        L.read_lesson(path)


def test_two_objectives_cells_no_title_and_bad_names_are_refused(tmp_path):
    extra = [nbformat.v4.new_markdown_cell(GOOD_OBJECTIVES)]
    with pytest.raises(ValueError, match=r"08_twice\.ipynb: 2 '## Learning objectives' cells"):
        L.read_lesson(write_lesson(tmp_path, name="08_twice", extra=extra))
    with pytest.raises(ValueError, match=r"09_untitled\.ipynb: no '# Title'"):
        L.read_lesson(write_lesson(tmp_path, name="09_untitled", title="Just a hook, no heading."))
    with pytest.raises(ValueError, match=r"notes\.ipynb: a lesson notebook must be named NN_topic"):
        L.read_lesson(write_lesson(tmp_path, name="notes"))
    with pytest.raises(ValueError, match="path='missing.ipynb' does not exist"):
        L.read_lesson("missing.ipynb")
    with pytest.raises(ValueError, match="is not a notebook"):
        L.read_lesson(tmp_path / "lesson.md")


def test_glossary_terms_are_matched_case_insensitively_like_sphinx(tmp_path):
    glossary = tmp_path / "glossary.md"
    glossary.write_text("# Glossary\n\n:::{glossary}\nIT band\n  The band.\n\nFlexion (knee)\n  Bending.\n"
                        "ITBS : syndrome\n  The syndrome.\n:::\n", "utf-8")
    terms = L.glossary_terms(glossary)
    assert terms == {"it band": "IT band", "flexion (knee)": "Flexion (knee)", "itbs": "ITBS"}
    lesson = L.read_lesson(write_lesson(tmp_path, extra=[nbformat.v4.new_markdown_cell(
        "The {term}`it Band` and {term}`knee bending <Flexion (knee)>` and {term}`the ITB <ITB>`.")]))
    assert L.undefined_terms(lesson, terms) == ["ITB"]


def test_unlinked_first_use_is_flagged_but_a_linked_first_use_is_not(tmp_path):
    terms = {"it band": "IT band", "bursa": "Bursa", "flexion (knee)": "Flexion (knee)", "itbs": "ITBS"}
    cells = [nbformat.v4.new_markdown_cell(
        "## Where\nThe {term}`IT band` runs down the thigh; the IT band is tight.\n\n"
        "Older books drew a bursa under it; a {term}`bursa` is rare.\n\n"
        "```python\nitbs = 1  # code is not prose\n```\n"
        "Knee flexion of 30° matters.")]
    path = write_lesson(tmp_path, extra=cells)
    assert L.unlinked_first_uses(path, terms) == ["Bursa", "Flexion (knee)"]


# ------------------------------------------------------------------------ the real lessons

def lesson_ids():
    return [p.stem for p in LESSONS]


@pytest.fixture(scope="module")
def glossary():
    return L.glossary_terms()


def _toc_lesson_docs() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text("utf-8"))
    files = [ch["file"] for part in toc.get("parts", []) for ch in part.get("chapters", [])]
    return [f for f in files if re.match(r"^notebooks/\d\d_", f)]


@pytest.fixture(scope="module")
def toc_lessons():
    return _toc_lesson_docs()


@pytest.mark.parametrize("path", LESSONS, ids=lesson_ids())
def test_lesson_front_matter_is_complete(path):
    lesson = L.read_lesson(path)
    assert 3 <= len(lesson.objectives) <= 5, f"{path.name}: 3-5 learning objectives (COURSE-STYLE.md)"
    for objective in lesson.objectives:
        assert re.match(r"^\*\*[A-Z][a-z]+\*\*\s", objective), \
            f"{path.name}: objective should start with a bold verb: {objective!r}"
    assert 10 <= lesson.minutes <= 120, f"{path.name}: estimated time {lesson.minutes} min"
    assert all(n < lesson.number for n in lesson.prerequisite_lessons), \
        f"{path.name}: prerequisites must be earlier lessons, got {lesson.prerequisite_lessons}"
    assert lesson.explorers, f"{path.name}: no explore(...) call"
    assert lesson.quizzes == (lesson.name,), f"{path.name}: expected one quiz, itband.quiz.show({lesson.name!r})"
    assert (ROOT / "itband" / "data" / "quizzes" / f"{lesson.name}.json").exists()
    assert lesson.exercises, f"{path.name}: no exercises"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_ids())
def test_every_glossary_term_a_lesson_uses_is_defined(path, glossary):
    lesson = L.read_lesson(path)
    assert lesson.terms, f"{path.name} links no glossary term"
    missing = L.undefined_terms(lesson, glossary)
    assert not missing, f"{path.name} links {missing}, which book/glossary.md does not define"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_ids())
def test_glossary_words_at_first_use_are_linked(path, glossary):
    """A reader meets every glossary term as a link the first time the lesson's prose uses it."""
    unlinked = L.unlinked_first_uses(path, glossary)
    assert not unlinked, (f"{path.name}: link the first use of {', '.join(unlinked)} to the glossary "
                          "with {term}`...`")


@pytest.mark.parametrize("path", LESSONS, ids=lesson_ids())
def test_lesson_depends_on_no_other_lesson_state(path):
    """Nothing carries state between lessons: no %run/%store, no reading another lesson's files."""
    nb = L.load_notebook(path)
    code = "\n".join(L.cell_source(c) for c in nb["cells"] if c.get("cell_type") == "code")
    for pattern in (r"%run\b", r"%store\b", r"import_ipynb", r"\.ipynb\b", r"\bpickle\.load", r"np\.load\("):
        assert not re.search(pattern, code), f"{path.name}: {pattern} could tie this lesson to another's state"


def test_every_lesson_is_in_the_toc_and_the_toc_lists_no_missing_lesson(toc_lessons):
    names = [f"notebooks/{p.stem}" for p in LESSONS]
    assert sorted(toc_lessons) == sorted(names)


# ------------------------------------------------------------- instructor notes and the guide

@pytest.mark.parametrize("path", LESSONS, ids=lesson_ids())
def test_every_lesson_has_an_activity_and_two_assignments_with_criteria(path):
    note = NOTES.get(path.stem)
    assert note, f"add activities for {path.stem} to itband/data/instructor_notes.json"
    assert note["activity"]["text"].strip() and note["activity"]["minutes"] > 0
    for key in ("short", "long"):
        a = note[key]
        assert a["title"].strip() and a["task"].strip() and a["minutes"] > 0
        assert len(a["criteria"]) >= 2 and all(c.strip() and p > 0 for c, p in a["criteria"])
    assert note["short"]["minutes"] < note["long"]["minutes"]


def test_instructor_notes_are_only_for_lessons_that_exist():
    stale = sorted(set(NOTES) - {p.stem for p in LESSONS})
    assert not stale, f"notes for lessons not in notebooks/: {stale} (renamed or not written yet?)"


def test_the_guide_uses_the_generated_table_and_is_in_the_toc():
    guide = (ROOT / "book" / "instructor-guide.md").read_text("utf-8")
    assert "```{lesson-table}" in guide and "```{lesson-plans}" in guide
    assert "jupyterhub_url" in guide and "make student" in guide
    assert "book/instructor-guide" in (ROOT / "_toc.yml").read_text("utf-8")
    config = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))
    assert config["sphinx"]["local_extensions"]["lesson_table"] == "book/_ext"


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _text(fragment: str) -> str:
    """Visible text of an HTML fragment, with Sphinx's curly quotes made straight."""
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment)).translate(_QUOTES)
    return " ".join(text.split())


def _plain_markdown(text: str) -> str:
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", text)
    text = re.sub(r"\$([^$]+)\$", r"\1", text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def test_built_guide_lists_every_lesson_with_objectives_read_from_the_lesson(built_book):
    """The table in the built page matches the notebooks, objective by objective."""
    page = (built_book / "book" / "instructor-guide.html").read_text("utf-8")
    table = re.search(r'<table class="lesson-table[^"]*".*?</table>', page, re.DOTALL)
    assert table, "no lesson table in the built instructor guide"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), re.DOTALL)[1:]
    in_toc = set(_toc_lesson_docs())
    lessons = [les for les in L.read_lessons() if les.docname in in_toc]  # the book shows toc lessons
    assert len(rows) == len(lessons)
    for row, lesson in zip(rows, lessons):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
        assert f'href="../notebooks/{lesson.name}.html"' in cells[0]
        first = _text(re.search(r"<p>(.*?)</p>", cells[0], re.DOTALL).group(1))
        assert first == _text(f"{lesson.number}. {lesson.title}")
        assert f"Before: {_plain_markdown(lesson.prerequisites)}" in _text(cells[0])
        assert _text(cells[0]).endswith(f"Time: {lesson_table._duration(lesson.minutes)}")
        items = [_text(li) for li in re.findall(r"<li>(.*?)</li>", cells[1], re.DOTALL)]
        assert items == [_plain_markdown(o) for o in lesson.objectives]
        assert len(re.findall(r"<li>", cells[2])) == len(lesson.explorers) + len(lesson.quizzes)
    headings = [_text(h) for h in re.findall(r"<h3>(.*?)</h3>", page, re.DOTALL)]
    assert headings == [f"Lesson {les.number}: {_plain_markdown(les.title)}#" for les in lessons]


def test_directive_warns_naming_a_malformed_lesson_and_tables_the_good_one(tmp_path):
    """The Sphinx extension on a two-lesson mini book: one good row, and a build warning
    (an error under -W) that names the malformed notebook."""
    import subprocess

    src = tmp_path / "src"
    (src / "notebooks").mkdir(parents=True)
    write_lesson(src / "notebooks", name="01_good")
    write_lesson(src / "notebooks", name="02_bad", objectives="## Learning objectives\n- **Explain** x\n")
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['myst_nb', 'lesson_table']\n"
        "nb_execution_mode = 'off'\n"
        "suppress_warnings = ['myst.xref_missing', 'ref.term']\n", "utf-8")
    (src / "index.md").write_text("# Guide\n\n```{toctree}\nnotebooks/01_good\nnotebooks/02_bad\n```\n\n"
                                  "```{lesson-table}\n```\n\n```{lesson-plans}\n```\n", "utf-8")
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
                           str(src), str(tmp_path / "html")], capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "lesson table: 02_bad.ipynb: the learning objectives cell has no '**Prerequisites:** ...' line" \
        in proc.stderr
    page = (tmp_path / "html" / "index.html").read_text("utf-8")
    table = re.search(r'<table class="lesson-table.*?</table>', page, re.DOTALL).group(0)
    assert 'href="notebooks/01_good.html"' in table and "02_bad" not in table
    assert "No activities are written for" in page  # 01_good has no instructor notes


# ------------------------------------------------------------------ the Colab install cell


@pytest.mark.parametrize("path", LESSONS, ids=lesson_ids())
def test_first_code_cell_installs_the_course_on_colab_and_the_book_hides_it(path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["repository"]
    first_code = next(c for c in L.load_notebook(path)["cells"] if c["cell_type"] == "code")
    assert L.cell_source(first_code) == colab.install_cell(config["url"], config["branch"]), \
        f"{path.name}: the first code cell is not the Colab install cell for {config['url']}"
    assert first_code.get("id") == colab.CELL_ID
    assert L.cell_tags(first_code) == [colab.BOOK_TAG]
    assert first_code.get("outputs") == [], f"{path.name}: the install cell printed something outside Colab"


def test_the_book_does_not_show_the_colab_install_cell(built_book):
    for path in LESSONS:
        page = (built_book / "notebooks" / f"{path.stem}.html").read_text("utf-8")
        assert "google.colab" not in page and "/content/itband-course" not in page, path.name
