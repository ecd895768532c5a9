"""Student versions of the lessons, without solutions, and an answer key for instructors.

``make student`` (or ``python -m tools.student``) writes to ``_build/student/``:

- ``NN_topic.ipynb`` for every lesson: cells tagged ``solution`` removed,
  outputs and execution counts cleared, saved widget state dropped;
- ``answer-key.md``: per lesson, every exercise with its solution (text and
  code) and the correct answers of the lesson's quiz.

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
import sys
from pathlib import Path

from tools import lessons as L
from tools import myst

#: Where ``make student`` writes.
DEFAULT_OUT = L.ROOT / "_build" / "student"
ANSWER_KEY = "answer-key.md"

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


def write_student_versions(out_dir: str | Path = DEFAULT_OUT, paths: list[Path] | None = None) -> list[Path]:
    """Write the student notebooks and ``answer-key.md`` to ``out_dir``; return the files written.

    Every notebook is checked before anything is written.
    """
    paths = [Path(p) for p in (paths if paths is not None else L.lesson_paths())]
    students = {p: student_notebook(L.load_notebook(p), p.name) for p in paths}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(L.LESSON_GLOB):
        stale.unlink()
    written = []
    for p, nb in students.items():
        target = out_dir / p.name
        target.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    key = out_dir / ANSWER_KEY
    key.write_text(answer_key(paths), encoding="utf-8")
    written.append(key)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.student", description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: _build/student)")
    parser.add_argument("notebooks", nargs="*", help="lesson notebooks (default: notebooks/NN_*.ipynb)")
    args = parser.parse_args(argv)
    try:
        written = write_student_versions(args.out, [Path(n) for n in args.notebooks] or None)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    n = sum(1 for w in written if w.suffix == ".ipynb")
    print(f"Wrote {n} student notebook{'' if n == 1 else 's'} and {ANSWER_KEY} to {Path(args.out).resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
