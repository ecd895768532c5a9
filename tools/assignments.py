"""Autograded exercises: an nbgrader assignment per lesson (``make assignments``).

``python -m tools.assignments`` writes an nbgrader course folder, ``_build/nbgrader/``
(``--out``), with one assignment per lesson, ``source/NN_topic/NN_topic.ipynb``, and a starting
``nbgrader_config.py`` (written only when there is none, so a course's own settings, its
gradebook, releases and submissions in that folder are left alone).

Which exercises, and what is graded, is listed once in ``tools/assignments.yaml``: the exercises
with a numeric or code answer, and per exercise the variables a student stores. Everything else
comes from the lesson notebook, read with the course's own lesson parsers:

- the statement is the lesson's ``{exercise}`` text (:func:`tools.student.exercises`), made plain
  Jupyter Markdown by :func:`tools.plain.plain_roles` (citations as author-year, ``{fact}`` values
  filled in), with a reference list of the works it cites;
- the solution is the lesson's solution code (:func:`tools.student.solutions`, the cells tagged
  ``solution``), followed by one line per answer that stores it (``name = value``); an exercise the
  lesson answers in prose takes its reference code from the list (the model call it names);
- the set-up cell holds what that code needs from the lesson: the lesson's own imports and
  statements (e.g. ``plan = ...``) that bind the names it uses, found by reading the lesson's code;
  a second read-only cell holds the answer checks (:func:`run_reference`, :func:`check_answer`).

Each exercise becomes, in nbgrader's cell metadata (schema 3): a read-only statement, an
"autograded answer" cell whose lesson solution sits between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` (nbgrader replaces it with ``raise NotImplementedError()`` on release), and
one locked "autograder tests" cell per answer (``points`` each). A test checks, visibly, that the
variable exists and, in ``### BEGIN HIDDEN TESTS``, that it matches the value the course's code
computes when it runs (:func:`run_reference`), within the listed tolerance (:func:`check_answer`).
No result is typed into a notebook: the expected values are computed by the models when the
submission is graded.
"""
from __future__ import annotations

import argparse
import ast
import builtins
import inspect
import json
import keyword
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tools import lessons as L
from tools import plain
from tools import student

SPEC = Path(__file__).with_name("assignments.yaml")
DEFAULT_OUT = L.ROOT / "_build" / "nbgrader"
SCHEMA_VERSION = 3
CONFIG = '''# nbgrader settings for the IT band course's assignments (written by `make assignments`).
# Run nbgrader from this folder: `nbgrader generate_assignment 01_anatomy`, `nbgrader release_assignment ...`,
# `nbgrader collect ...`, `nbgrader autograde ...`. See the instructor guide, "Autograded assignments".
c = get_config()  # noqa: F821 (nbgrader's config loader defines it)
c.CourseDirectory.course_id = "itband"
# A course on a JupyterHub sets its exchange folder too, e.g.:
# c.Exchange.root = "/srv/nbgrader/exchange"
'''


# ------------------------------------------------------------------ run inside the notebooks
# The two functions below are copied, as source, into every assignment's "checks" cell, so the
# assignments need nothing from this repository at grading time (only the course's runtime set).

def run_reference(code, setup):
    """The variables of the course's reference ``code`` after running ``setup`` and it, quietly,
    in a namespace of their own (cached, so each exercise's code runs once per kernel)."""
    import contextlib
    import io

    cache = run_reference.__dict__.setdefault("cache", {})
    if (code, setup) not in cache:
        namespace = {}
        with contextlib.redirect_stdout(io.StringIO()):
            exec(setup, namespace)
            exec(code, namespace)
        cache[(code, setup)] = namespace
    return cache[(code, setup)]


def check_answer(name, got, expected, rtol=0.01, atol=0.0, exact=False):
    """Raise ``AssertionError`` unless ``got`` matches ``expected``: numbers (and lists or arrays of
    numbers, element by element) within ``rtol`` (relative) or ``atol`` (absolute); text, flags and,
    when ``exact``, everything else equal. Lists, tuples and arrays count as the same kind."""
    import numbers

    import numpy as np

    def plain_value(x):
        if isinstance(x, np.ndarray):
            return plain_value(x.tolist())
        if isinstance(x, np.generic):
            return x.item()
        if isinstance(x, (list, tuple)):
            return [plain_value(v) for v in x]
        return x

    def numeric(x):
        if isinstance(x, list):
            return all(numeric(v) for v in x)
        return isinstance(x, numbers.Real) and not isinstance(x, bool)

    got, expected = plain_value(got), plain_value(expected)
    if exact or not numeric(expected):
        if got != expected:
            raise AssertionError(f"`{name}` is {got!r}: that is not the course's answer")
        return
    if not numeric(got):
        raise AssertionError(f"`{name}` is {got!r}: store a number" +
                             (" or a list of numbers" if isinstance(expected, list) else ""))
    got_a, want_a = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if got_a.shape != want_a.shape:
        raise AssertionError(f"`{name}` holds {got_a.size} number(s); the answer has {want_a.size}")
    if not np.allclose(got_a, want_a, rtol=rtol, atol=atol, equal_nan=False):
        raise AssertionError(f"`{name}` is {got!r}: that is not the course's answer "
                             f"(numbers are accepted within {rtol:.0%}" + (f" or {atol:g}" if atol else "") + ")")


# ------------------------------------------------------------------------------ the list

@dataclass(frozen=True)
class Answer:
    """One variable a student stores, and how it is checked."""

    name: str          #: the variable
    what: str          #: what it holds, with its unit
    value: str         #: a Python expression over the reference code's variables
    rtol: float
    atol: float
    exact: bool
    points: float


@dataclass(frozen=True)
class Exercise:
    """One autograded exercise of a lesson."""

    label: str                 #: its ``:label:`` in the lesson
    number: int                #: its place among the lesson's exercises (as the book numbers it)
    statement: str             #: plain Jupyter Markdown
    code: str                  #: the reference code (the lesson's solution code, or the list's)
    answers: tuple[Answer, ...]

    def solution(self) -> str:
        """The reference code, then one line per answer that stores it."""
        lines = [self.code.rstrip()]
        lines += [f"{a.name} = {a.value}" for a in self.answers if a.value != a.name]
        return "\n".join(line for line in lines if line)


def _number(where: str, value, low: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= low:
        raise ValueError(f"{where}={value!r} must be a number of at least {low:g}")
    return float(value)


def load_spec(path: str | Path = SPEC) -> dict:
    """The list of autogradable exercises, checked: ``{lesson: {label: entry}}`` plus the defaults."""
    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ValueError(f"path={str(path)!r} does not exist") from None
    except yaml.YAMLError as err:
        raise ValueError(f"{path.name}: not valid YAML ({err})") from None
    if not isinstance(spec, dict) or not isinstance(spec.get("lessons"), dict):
        raise ValueError(f"{path.name}: expected a mapping with 'lessons'")
    for key in ("rtol", "atol", "points"):
        _number(f"{path.name}: {key}", spec.get(key, 0.0))
    for lesson, entries in spec["lessons"].items():
        if not isinstance(entries, dict) or not entries:
            raise ValueError(f"{path.name}: lesson {lesson!r} lists no exercises")
        for label, entry in entries.items():
            where = f"{path.name}: {lesson}: {label}"
            if not isinstance(entry, dict) or set(entry) - {"code", "answers"}:
                raise ValueError(f"{where}: allowed keys are 'code' and 'answers', got {entry!r}")
            answers = entry.get("answers")
            if not isinstance(answers, list) or not answers:
                raise ValueError(f"{where}: 'answers' must be a non-empty list")
            names = [a.get("name") if isinstance(a, dict) else None for a in answers]
            for a, name in zip(answers, names):
                if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
                    raise ValueError(f"{where}: answer name={name!r} is not a Python variable name")
                if set(a) - {"name", "what", "value", "rtol", "atol", "exact", "points"}:
                    raise ValueError(f"{where}: answer {name!r} has unknown keys {sorted(set(a) - {'name', 'what', 'value', 'rtol', 'atol', 'exact', 'points'})}")
                if not str(a.get("what", "")).strip():
                    raise ValueError(f"{where}: answer {name!r} needs a 'what' (what it holds, with its unit)")
                for key in ("rtol", "atol", "points"):
                    if key in a:
                        _number(f"{where}: answer {name!r}: {key}", a[key])
            if len(set(names)) != len(names):
                raise ValueError(f"{where}: answer names repeat: {names}")
    return spec


def _answers(spec: dict, entry: dict) -> tuple[Answer, ...]:
    return tuple(Answer(name=a["name"], what=" ".join(str(a["what"]).split()), value=str(a.get("value", a["name"])),
                        rtol=float(a.get("rtol", spec.get("rtol", 0.01))), atol=float(a.get("atol", spec.get("atol", 0.0))),
                        exact=bool(a.get("exact", False)), points=float(a.get("points", spec.get("points", 1))))
                 for a in entry["answers"])


def exercises_of(path: str | Path, spec: dict | None = None) -> list[Exercise]:
    """The autograded exercises of the lesson notebook ``path``, in lesson order."""
    path = Path(path)
    spec = spec if spec is not None else load_spec()
    entries = spec["lessons"].get(path.stem, {})
    nb = L.load_notebook(path)
    statements = student.exercises(nb)
    solutions = student.solutions(nb)
    unknown = [label for label in entries if label not in statements]
    if unknown:
        raise ValueError(f"{path.name}: {SPEC.name} lists exercises the lesson does not have: {unknown} "
                         f"(its exercises: {list(statements)})")
    out = []
    for number, (label, text) in enumerate(statements.items(), 1):
        if label not in entries:
            continue
        entry = entries[label]
        lesson_code = "\n\n".join(t for kind, t in solutions.get(label, []) if kind == "code")
        if lesson_code and entry.get("code"):
            raise ValueError(f"{path.name}: exercise {label} has solution code in the lesson; "
                             f"{SPEC.name} must not give it 'code' too")
        code = lesson_code or str(entry.get("code") or "")
        out.append(Exercise(label=label, number=number, statement=text, code=code, answers=_answers(spec, entry)))
    return out


# ----------------------------------------------------------------- what the code needs

def _parse(code: str, where: str) -> ast.Module:
    try:
        return ast.parse(code)
    except SyntaxError as err:
        raise ValueError(f"{where}: the code does not parse as Python ({err.msg}, line {err.lineno})") from None


def free_names(code: str, where: str = "code") -> list[str]:
    """Names ``code`` reads but never binds itself (not builtins), in order of first use."""
    tree = _parse(code, where)
    bound = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
    used = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    return [n for n in dict.fromkeys(used) if n not in bound]


def _bindings(nb: dict) -> dict[str, tuple[int, str]]:
    """What each name is bound to by the lesson's own code (not its solutions): the last
    top-level import or assignment of it, as (order, Python source of that one binding)."""
    found: dict[str, tuple[int, str]] = {}
    order = 0
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code" or L.is_solution_cell(cell):
            continue
        src = L._python_only(L.cell_source(cell))
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in tree.body:
            order += 1
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    one = (ast.ImportFrom(module=node.module, names=[alias], level=node.level)
                           if isinstance(node, ast.ImportFrom) else ast.Import(names=[alias]))
                    found[(alias.asname or alias.name).split(".")[0]] = (order, ast.unparse(one))
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name):
                            found[n.id] = (order, ast.get_source_segment(src, node))
    return found


def setup_code(nb: dict, codes: list[str], where: str) -> str:
    """The lesson statements that bind what ``codes`` need, imports first, in lesson order."""
    bindings = _bindings(nb)
    needed: dict[str, tuple[int, str]] = {}
    todo = [n for code in codes for n in free_names(code, where)]
    while todo:
        name = todo.pop(0)
        if name in needed:
            continue
        if name not in bindings:
            raise ValueError(f"{where}: the name {name!r} is used by an exercise's code but bound nowhere in "
                             "the lesson's code; bind it in the code or import it there")
        needed[name] = bindings[name]
        todo += free_names(bindings[name][1], where)
    chosen = sorted(set(needed.values()))
    imports = [s for _, s in chosen if s.startswith(("import ", "from "))]
    rest = [s for _, s in chosen if not s.startswith(("import ", "from "))]
    return "\n".join(list(dict.fromkeys(imports)) + list(dict.fromkeys(rest)))


# ------------------------------------------------------------------------ the notebook

def _meta(cell: dict, grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = True,
          points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    cell.setdefault("metadata", {})["nbgrader"] = meta
    cell["id"] = grade_id
    return cell


def _statement(ex: Exercise, where: str, cited: list[str]) -> str:
    text = plain.plain_roles(ex.statement, f"{where}: exercise {ex.label}", cited)
    left = plain.leftover_myst(text)
    if left:
        raise ValueError(f"{where}: exercise {ex.label}: MyST left in the statement: {left}")
    store = "\n".join(f"- `{a.name}`: {a.what}" for a in ex.answers)
    return (f"## Exercise {ex.number}\n\n{text}\n\n**For the autograder**, store your answers in these "
            f"variables:\n\n{store}")


def _test(ex: Exercise, a: Answer, setup: str) -> str:
    rule = "exactly" if a.exact else f"to within {a.rtol:.0%}" + (f" or {a.atol:g}" if a.atol else "")
    return "\n".join([
        f"# Checks `{a.name}` against the course's answer ({rule}).",
        f'assert "{a.name}" in globals(), "Store your answer in the variable `{a.name}` (run your cell first)."',
        "### BEGIN HIDDEN TESTS",
        f"_expected = run_reference({ex.solution()!r},\n                          {setup!r})[{a.name!r}]",
        f"check_answer({a.name!r}, {a.name}, _expected, rtol={a.rtol!r}, atol={a.atol!r}, exact={a.exact!r})",
        "### END HIDDEN TESTS",
    ])


def assignment_notebook(path: str | Path, spec: dict | None = None) -> dict | None:
    """The nbgrader source notebook of the lesson ``path``, or ``None`` when none of its exercises
    is autogradable."""
    import nbformat

    path = Path(path)
    exercises = exercises_of(path, spec)
    if not exercises:
        return None
    nb = L.load_notebook(path)
    student.check_solution_tags(nb, path.name)
    lesson = L.read_lesson(path)
    setup = setup_code(nb, [ex.solution() for ex in exercises], path.name)
    points = sum(a.points for ex in exercises for a in ex.answers)
    v4 = nbformat.v4
    cells = [_meta(v4.new_markdown_cell(
        f"# Lesson {lesson.number}: {lesson.title}: autograded exercises\n\n"
        f"The exercises of Lesson {lesson.number} with a numeric or code answer ({len(exercises)} exercises, "
        f"{points:g} points), numbered and worded as in the lesson: where one names a table, figure or "
        f"explorer, open Lesson {lesson.number} beside this notebook. Run the two set-up cells first. "
        "In each cell that says `# YOUR CODE HERE`, delete "
        "the line `raise NotImplementedError()`, write your code and store each answer in the variable "
        "the exercise names; the cell after it checks that variable. Numbers are accepted within the "
        "tolerance the check names (a rounded hand calculation passes). Before you submit, restart the "
        "kernel and run all cells (or press **Validate**)."), "header")]
    helpers = "\n\n\n".join(inspect.getsource(f) for f in (run_reference, check_answer))
    cells.append(_meta(v4.new_code_cell(f"# Set-up (read-only): what the exercises use from the lesson.\n{setup}"),
                       "setup"))
    cells.append(_meta(v4.new_code_cell(f"# The answer checks (read-only) that the test cells call.\n\n{helpers}"),
                       "checks"))
    cited: list[str] = []
    for ex in exercises:
        cells.append(_meta(v4.new_markdown_cell(_statement(ex, path.name, cited)), f"{ex.label}-statement"))
        cells.append(_meta(v4.new_code_cell(f"### BEGIN SOLUTION\n{ex.solution()}\n### END SOLUTION"),
                           f"{ex.label}-answer", solution=True, locked=False))
        for a in ex.answers:
            cells.append(_meta(v4.new_code_cell(_test(ex, a, setup)), f"{ex.label}-{a.name}",
                               grade=True, points=a.points))
    if cited:
        keys = sorted(dict.fromkeys(cited), key=lambda k: plain.author_year(k))
        cells.append(_meta(v4.new_markdown_cell("## References\n\n" + "\n".join(f"- {plain.reference(k)}"
                                                                                 for k in keys)), "references"))
    out = v4.new_notebook(cells=cells, metadata={"kernelspec": nb.get("metadata", {}).get("kernelspec", {
        "name": "python3", "display_name": "Python 3", "language": "python"}),
        "language_info": {"name": "python"}})
    nbformat.validate(out)
    return json.loads(json.dumps(out))


def write_assignments(out_dir: str | Path = DEFAULT_OUT, paths: list[Path] | None = None,
                      spec: dict | None = None) -> list[Path]:
    """Write ``source/NN_topic/NN_topic.ipynb`` for every lesson with autograded exercises (all are
    built and checked before anything is written) and, if missing, ``nbgrader_config.py``."""
    paths = [Path(p) for p in (paths if paths is not None else L.lesson_paths())]
    spec = spec if spec is not None else load_spec()
    stems = {p.stem for p in L.lesson_paths()} | {p.stem for p in paths}
    stray = [name for name in spec["lessons"] if name not in stems]
    if stray:
        raise ValueError(f"{SPEC.name} lists lessons that do not exist: {stray}")
    books = {p: assignment_notebook(p, spec) for p in paths}
    out_dir = Path(out_dir)
    written = []
    for p, nb in books.items():
        if nb is None:
            continue
        target = out_dir / "source" / p.stem / f"{p.stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    config = out_dir / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG, "utf-8")
        written.append(config)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.assignments", description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the nbgrader course folder (default: _build/nbgrader)")
    parser.add_argument("notebooks", nargs="*", help="lesson notebooks (default: notebooks/NN_*.ipynb)")
    args = parser.parse_args(argv)
    try:
        written = write_assignments(args.out, [Path(n) for n in args.notebooks] or None)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    n = sum(1 for w in written if w.suffix == ".ipynb")
    print(f"Wrote {n} nbgrader assignment{'' if n == 1 else 's'} to {Path(args.out).resolve() / 'source'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
