"""Student versions of the lessons: a repository that can be served, and an instructors' folder.

``make student`` (or ``python -m tools.student``) writes two folders:

``_build/student/`` (``--out``): a ready git repository for students (one commit on the branch
``--branch``), laid out like this one, so that nbgitpuller, Binder and Colab links work with the
same ``notebooks/`` paths:

- ``notebooks/NN_topic.ipynb`` for every lesson: cells tagged ``solution`` removed, outputs and
  execution counts cleared, saved widget state dropped, and the markdown made plain Jupyter
  Markdown by :mod:`tools.plain` (citations as author-year text with a reference list, glossary
  terms as text, {fact} values filled in, exercises as headed sections, admonitions as
  blockquotes), so that it reads well in JupyterLab; the Colab install cell
  (:func:`itband.course.colab.install_cell`) as the first code cell when the repository is on https;
- the ``itband`` package, ``pyproject.toml``, ``requirements.txt`` (the runtime set, which
  installs the package) and ``LICENSE``, so that Binder or a hub image built from it works;
- ``README.md`` with each lesson's launch links for this repository (``tools/launch.py``).

``_build/instructor/`` (``--instructor-out``): ``answer-key.md``, per lesson every exercise with
its solution (text and code) and the correct answers of the lesson's quiz. It is never inside the
student repository.

A solution block (```` ```{solution} ````, ``{solution-start}``,
``{solution-end}``) in a cell without the ``solution`` tag, or an untagged
cell between ``{solution-start}`` and ``{solution-end}``, is an error naming
the notebook and the cell: nothing is written, so no answer can leak.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tools import launch as LAUNCH
from tools import lessons as L
from tools import myst
from tools import plain

#: Where ``make student`` writes the student repository and the instructors' folder.
DEFAULT_OUT = L.ROOT / "_build" / "student"
DEFAULT_INSTRUCTOR_OUT = L.ROOT / "_build" / "instructor"
ANSWER_KEY = "answer-key.md"
#: A file that marks a folder as written by this tool (only such a folder is ever emptied).
MARKER = ".itband-student"
#: What the student repository takes from this one, as it is.
COPIED = ("itband", "pyproject.toml", "requirements.txt", "LICENSE")

_SOLUTIONS = ("solution", "solution-start", "solution-end")


def _outside(src: str, found: list) -> str:
    """The text of a markdown cell outside its directive fences."""
    lines = src.splitlines()
    covered = set()
    for d in found:
        covered.update(range(*d.lines))
    return "\n".join(line for i, line in enumerate(lines) if i not in covered).strip()


def check_solution_tags(nb: dict, where: str) -> None:
    """Raise ``ValueError`` if any solution content sits in a cell without the ``solution`` tag."""
    inside = None  # index of the open {solution-start} cell
    for i, cell in enumerate(nb["cells"]):
        tagged = L.is_solution_cell(cell)
        found = myst.named(L.cell_source(cell), *_SOLUTIONS) if cell.get("cell_type") == "markdown" else []
        if found and not tagged:
            raise ValueError(f"{where}: cell {i} holds a solution block but lacks the "
                             f"'{L.SOLUTION_TAG}' cell tag; tag it so student versions leave it out")
        if inside is not None and not tagged:
            raise ValueError(f"{where}: cell {i} lies between {{solution-start}} (cell {inside}) and "
                             f"{{solution-end}} but lacks the '{L.SOLUTION_TAG}' cell tag")
        for d in found:
            if d.name == "solution-start":
                inside = i
            elif d.name == "solution-end":
                inside = None
    if inside is not None:
        raise ValueError(f"{where}: {{solution-start}} in cell {inside} has no {{solution-end}}")


def student_notebook(nb: dict, where: str = "notebook") -> dict:
    """A copy of ``nb`` without solution cells, with outputs cleared (checks tags first).

    nbconvert's ``TagRemovePreprocessor`` removes the cells tagged ``solution`` and its
    ``ClearOutputPreprocessor`` clears outputs, execution counts and timing metadata.
    """
    import nbformat
    from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor

    check_solution_tags(nb, where)
    node = nbformat.from_dict(copy.deepcopy(nb))
    node, _ = TagRemovePreprocessor(remove_cell_tags={L.SOLUTION_TAG}, enabled=True).preprocess(node, {})
    node, _ = ClearOutputPreprocessor(remove_metadata_fields={"collapsed", "scrolled", "execution"}
                                      ).preprocess(node, {})
    node.get("metadata", {}).pop("widgets", None)
    return json.loads(json.dumps(node))


def solutions(nb: dict) -> dict[str, list[tuple[str, str]]]:
    """Solution parts by exercise label: a list of ``('markdown' | 'code' | 'output', text)``."""
    out: dict[str, list[tuple[str, str]]] = {}
    current = None
    for cell in nb["cells"]:
        if not L.is_solution_cell(cell):
            continue
        src = L.cell_source(cell)
        if cell.get("cell_type") == "code":
            part = out.setdefault(current or "(unlabelled)", [])
            part.append(("code", src.strip()))
            printed = _text_output(cell)
            if printed:
                part.append(("output", printed))
            continue
        found = myst.named(src, *_SOLUTIONS)
        rest = _outside(src, found)
        for d in found:
            label = d.label or "(unlabelled)"
            if d.name == "solution":
                out.setdefault(label, []).append(("markdown", d.body))
            elif d.name == "solution-start":
                current = label
                out.setdefault(current, [])
                if d.body:
                    out[current].append(("markdown", d.body))
        if rest:
            out.setdefault(current or "(unlabelled)", []).append(("markdown", rest))
        if any(d.name == "solution-end" for d in found):
            current = None
    return out


def _text_output(cell: dict) -> str:
    """The printed text of a code cell's saved outputs (streams and plain-text results)."""
    texts = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            t = o.get("text", "")
        elif o.get("output_type") in ("execute_result", "display_data"):
            t = o.get("data", {}).get("text/plain", "") if "text/html" not in o.get("data", {}) else ""
        else:
            continue
        texts.append("".join(t) if isinstance(t, list) else str(t))
    return "".join(texts).strip()


def exercises(nb: dict) -> dict[str, str]:
    """Exercise statements by label, in order (``{exercise}`` and the gated ``{exercise-start}`` form)."""
    out: dict[str, str] = {}
    gated = None  # label of an open {exercise-start}
    for cell in nb["cells"]:
        if L.is_solution_cell(cell):
            continue
        src = L.cell_source(cell)
        if cell.get("cell_type") == "code":
            if gated is not None:
                out[gated] += "\n\n````python\n" + src.strip() + "\n````"
            continue
        if cell.get("cell_type") != "markdown":
            continue
        found = myst.named(src, "exercise", "exercise-start", "exercise-end")
        rest = _outside(src, found)
        for d in found:
            if d.name == "exercise-end":
                if gated is not None and rest:
                    out[gated] = (out[gated] + "\n\n" + rest).strip()
                    rest = ""
                gated = None
                continue
            label = d.options.get("label") or f"(exercise {len(out) + 1})"
            out[label] = d.body
            if d.name == "exercise-start":
                gated = label
        if gated is not None and rest and not found:
            out[gated] = (out[gated] + "\n\n" + rest).strip()
    return out


def readable(markdown: str) -> str:
    """MyST roles made plain for the answer key: citations as [key], terms and links as their text."""
    markdown = re.sub(r"\{foot(?:cite|cite:[pt])\}`([^`]+)`", lambda m: f"[{m.group(1)}]", markdown)
    markdown = re.sub(r"\{cite(?::[pt])?\}`([^`]+)`", lambda m: f"[{m.group(1)}]", markdown)
    return re.sub(r"\{(?:term|doc|ref|numref)\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", markdown)


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines())


def quiz_answers(name: str) -> list[str]:
    """Markdown lines: each question of bank ``name`` with its correct answer(s)."""
    from itband.course import quiz

    try:
        bank = quiz.load(name)
    except ValueError as err:
        return [f"*Quiz bank `{name}` could not be read: {err}*"]
    lines = []
    for i, q in enumerate(bank, 1):
        text = " ".join(str(q.get("question", "")).split())
        if q.get("type") == "numeric":
            right = []
            for a in q["answers"]:
                if not a.get("correct"):
                    continue
                if a.get("type") == "range":
                    lo, hi = a["range"]
                    right.append(f"{lo} to {hi}")
                else:
                    right.append(str(a.get("value")))
        else:
            right = [" ".join(str(a.get("answer", "")).split()) for a in q["answers"] if a.get("correct")]
        lines.append(f"{i}. {text}  \n   **Answer:** {'; '.join(right)}")
    return lines


def answer_key(paths: list[Path]) -> str:
    """The instructors' answer key (markdown) for the lesson notebooks ``paths``."""
    md = ["# Answer key", "",
          "For instructors; do not hand out. Generated from the lesson notebooks by `make student`:",
          "each exercise with its solution, and the correct answers of each quiz.", ""]
    for path in paths:
        nb = L.load_notebook(path)
        try:
            lesson = L.read_lesson(path)
            title, quizzes = f"Lesson {lesson.number}: {lesson.title}", lesson.quizzes
        except ValueError:
            title, quizzes = path.stem, ()
        md += [f"## {title} (`{path.name}`)", ""]
        exs, sols = exercises(nb), solutions(nb)
        for label in list(exs) + [s for s in sols if s not in exs]:
            md += [f"### Exercise `{label}`", ""]
            if label in exs:
                md += [_quote(readable(exs[label])), ""]
            parts = sols.get(label)
            if not parts:
                md += ["*No solution in the lesson.*", ""]
                continue
            md += ["**Solution**", ""]
            for kind, text in parts:
                if kind == "markdown":
                    md += [readable(text), ""]
                elif kind == "code":
                    md += ["````python", text, "````", ""]
                else:
                    md += ["Output:", "", "````text", text, "````", ""]
        for q in quizzes:
            md += [f"### Quiz `{q}`", ""] + quiz_answers(q) + [""]
    return "\n".join(md).rstrip() + "\n"


def _config() -> dict:
    return yaml.safe_load((L.ROOT / "_config.yml").read_text("utf-8"))


def default_repository() -> tuple[str, str]:
    """The student repository's address and branch by default: this one's, with ``-student``."""
    repo = _config()["repository"]
    return repo["url"].rstrip("/").removesuffix(".git") + "-student", repo.get("branch", "main")


def _prepare(folder: Path, what: str) -> None:
    """An empty ``folder``: create it, or empty it if this tool wrote it; refuse any other folder."""
    if folder.exists() and any(folder.iterdir()):
        if not (folder / MARKER).exists():
            raise ValueError(f"{what}={str(folder)!r} exists and was not written by make student; "
                             "give an empty or new folder")
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("written by make student (tools/student.py); emptied on every run\n", "utf-8")


def with_colab_cell(nb: dict, repo_url: str, branch: str, in_book: bool = False) -> dict:
    """``nb`` with the Colab install cell for ``repo_url`` at ``branch`` as its first code cell.

    A lesson already carries the cell for the course's own repository (tagged ``remove-cell``, so
    the book does not show it): a cell with other source is replaced by one for ``repo_url``; one
    that already matches is kept as it is (with its execution count). Where ``repo_url`` is not
    https (Colab cannot clone it), the cell is dropped. ``in_book``: tag the cell so the book hides
    it (a lesson's own cell).
    """
    import nbformat
    from itband.course import colab

    nb = copy.deepcopy(nb)
    source = colab.install_cell(repo_url, branch) if repo_url.startswith("https://") else None
    tags = [colab.BOOK_TAG] if in_book else []
    kept = [c for c in nb["cells"] if colab.is_install_cell(c)
            and L.cell_source(c) == source and L.cell_tags(c) == tags]
    nb["cells"] = [c for c in nb["cells"] if not colab.is_install_cell(c)]
    if source is None:
        return nb
    cell = kept[0] if kept else dict(nbformat.v4.new_code_cell(source))
    cell["id"] = colab.CELL_ID  # fixed, so the student repository is the same on every run
    if tags:
        cell["metadata"]["tags"] = tags
    first_code = next((i for i, c in enumerate(nb["cells"]) if c.get("cell_type") == "code"), len(nb["cells"]))
    nb["cells"].insert(first_code, cell)
    return nb


def readme(paths: list[Path], repo_url: str, branch: str, launch_buttons: dict) -> str:
    """The student repository's README: what it is, and each lesson's launch links."""
    md = ["# The IT band in runners: student notebooks", "",
          "The lessons of the course, ready to run in JupyterLab: the exercises are here, their",
          "solutions are not. Open a lesson with one of the links below, or clone this repository",
          "and run `pip install -r requirements.txt` (the course's runtime set, which installs the",
          "`itband` package from this folder).", "",
          f"Repository: <{repo_url}> (branch `{branch}`).", ""]
    header = ["Lesson"] + [n for n in ("JupyterHub", "Binder", "Colab")
                           if launch_buttons.get({"JupyterHub": "jupyterhub_url", "Binder": "binderhub_url",
                                                  "Colab": "colab_url"}[n])]
    rows = []
    for p in paths:
        links = LAUNCH.launch_links(launch_buttons, repo_url, branch, f"notebooks/{p.name}")
        cells = [f"[{name}]({links[name]})" if name in links else "not available for this host"
                 for name in header[1:]]
        rows.append("| " + " | ".join([f"`notebooks/{p.name}`"] + cells) + " |")
    md += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + rows + [""]
    md += ["Your own edits stay yours: opening a JupyterHub link again pulls the course's updates",
           "with nbgitpuller and keeps your changes. Where you and the course changed the same line,",
           "your line is kept and the course's change to it is not applied.", ""]
    return "\n".join(md)


def _git_commit(folder: Path, branch: str) -> None:
    env = {"GIT_AUTHOR_NAME": "IT band course", "GIT_AUTHOR_EMAIL": "course@example.invalid",
           "GIT_COMMITTER_NAME": "IT band course", "GIT_COMMITTER_EMAIL": "course@example.invalid",
           "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(folder)}
    for cmd in (["git", "init", "-q", "-b", branch], ["git", "add", "-A"],
                ["git", "commit", "-q", "-m", "Student notebooks of the IT band course"]):
        subprocess.run(cmd, cwd=folder, env=env, check=True, capture_output=True, text=True)


def write_student_versions(out_dir: str | Path = DEFAULT_OUT, paths: list[Path] | None = None, *,
                           instructor_dir: str | Path | None = None, repo_url: str | None = None,
                           branch: str | None = None, jupyterhub_url: str | None = None,
                           git: bool = True) -> list[Path]:
    """Write the student repository to ``out_dir`` and the answer key to ``instructor_dir``.

    Every notebook is checked and converted before anything is written. Returns the files
    written (notebooks, then the README, then the answer key).
    """
    paths = [Path(p) for p in (paths if paths is not None else L.lesson_paths())]
    default_url, default_branch = default_repository()
    repo_url, branch = (repo_url or default_url).rstrip("/"), branch or default_branch
    LAUNCH.parse_repository(repo_url)
    launch = dict(_config().get("launch_buttons") or {})
    if jupyterhub_url is not None:
        launch["jupyterhub_url"] = jupyterhub_url
    students = {}
    for p in paths:
        nb = plain.plain_notebook(student_notebook(L.load_notebook(p), p.name), p.name)
        students[p] = with_colab_cell(nb, repo_url, branch)
    notes = readme(paths, repo_url, branch, launch)
    key_text = answer_key(paths)
    out_dir = Path(out_dir).resolve()
    instructor_dir = Path(instructor_dir).resolve() if instructor_dir else out_dir.parent / "instructor"
    if instructor_dir == out_dir or out_dir in instructor_dir.parents:
        raise ValueError(f"instructor_dir={str(instructor_dir)!r} must not be inside the student repository")
    _prepare(out_dir, "out_dir")
    _prepare(instructor_dir, "instructor_dir")
    (out_dir / "notebooks").mkdir()
    written = []
    for p, nb in students.items():
        target = out_dir / "notebooks" / p.name
        target.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    for name in COPIED:
        src = L.ROOT / name
        if src.is_dir():
            shutil.copytree(src, out_dir / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, out_dir / name)
    (out_dir / ".gitignore").write_text(".ipynb_checkpoints/\n__pycache__/\n*.egg-info/\n" + MARKER + "\n",
                                        "utf-8")
    (out_dir / "README.md").write_text(notes, "utf-8")
    written.append(out_dir / "README.md")
    key = instructor_dir / ANSWER_KEY
    key.write_text(key_text, encoding="utf-8")
    written.append(key)
    if git:
        _git_commit(out_dir, branch)
    return written


def write_lesson_colab_cells(paths: list[Path], repo_url: str, branch: str) -> list[Path]:
    """Give each lesson notebook in ``paths`` the Colab install cell for ``repo_url`` at ``branch``
    (in place; every other cell, output included, is left as it is). Returns the notebooks changed."""
    import nbformat

    changed = []
    for path in paths:
        nb = L.load_notebook(path)
        text = nbformat.writes(nbformat.from_dict(with_colab_cell(nb, repo_url, branch, in_book=True)))
        if text != nbformat.writes(nbformat.from_dict(nb)):
            path.write_text(text + "\n", encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.student", description=__doc__.split("\n")[0])
    default_url, default_branch = default_repository()
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the student repository (default: _build/student)")
    parser.add_argument("--instructor-out", default=str(DEFAULT_INSTRUCTOR_OUT),
                        help="the answer key's folder (default: _build/instructor)")
    parser.add_argument("--repo-url", default=None,
                        help=f"where the student repository will be served (default: {default_url})")
    parser.add_argument("--branch", default=default_branch, help=f"its branch (default: {default_branch})")
    parser.add_argument("--hub", default=None, help="JupyterHub address for the links "
                        "(default: launch_buttons.jupyterhub_url in _config.yml)")
    parser.add_argument("--no-git", action="store_true", help="do not make the folder a git repository")
    parser.add_argument("--lesson-colab-cells", action="store_true",
                        help="instead: rewrite the lessons' own Colab install cells for --repo-url/--branch "
                             "(default: repository.url and .branch of _config.yml), in place")
    parser.add_argument("notebooks", nargs="*", help="lesson notebooks (default: notebooks/NN_*.ipynb)")
    args = parser.parse_args(argv)
    if args.lesson_colab_cells:
        paths = [Path(n) for n in args.notebooks] or L.lesson_paths()
        args.repo_url = args.repo_url or _config()["repository"]["url"]
        try:
            changed = write_lesson_colab_cells(paths, args.repo_url, args.branch)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(f"Colab install cells for {args.repo_url} ({args.branch}): {len(changed)} of {len(paths)} lessons changed")
        return 0
    args.repo_url = args.repo_url or default_url
    try:
        written = write_student_versions(args.out, [Path(n) for n in args.notebooks] or None,
                                         instructor_dir=args.instructor_out, repo_url=args.repo_url,
                                         branch=args.branch, jupyterhub_url=args.hub, git=not args.no_git)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    n = sum(1 for w in written if w.suffix == ".ipynb")
    print(f"Wrote a student repository with {n} notebook{'' if n == 1 else 's'} to {Path(args.out).resolve()}"
          f" (for {args.repo_url}, branch {args.branch})")
    print(f"Wrote {ANSWER_KEY} for instructors to {Path(args.instructor_out).resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
