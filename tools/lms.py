"""Every lesson's quiz bank as QTI packages for a learning platform (``make lms``).

The banks (``itband/data/quizzes/NN_topic.json``, read through :func:`itband.course.quiz.load`, so
every ``{fact}`` is filled in) are written with qti-package-maker (pinned in requirements-dev.txt):

- ``_build/lms/canvas/qti12-itband_NN_topic.zip``: QTI 1.2 as Canvas imports it
  (Settings > Import course content > QTI .zip file); D2L Brightspace reads it too;
- ``_build/lms/qti21/qti21-itband_NN_topic.zip``: QTI 2.1, as Blackboard Learn imports it
  (Question banks > Import), and any QTI 2.1 importer (Moodle with a QTI import plugin).

Question types: one correct choice -> multiple choice; several -> multiple answers; a numeric
question -> a numeric item whose answer is the middle of its correct range, with half the range as
its tolerance (so the LMS accepts exactly the range the notebook accepts). The packages carry
questions, options and correct answers; the notebook's per-answer feedback is not carried over
(qti-package-maker writes no per-choice feedback).
"""
from __future__ import annotations

import argparse
import math
import shutil
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from tools import lessons as L

DEFAULT_OUT = L.ROOT / "_build" / "lms"
#: output folder -> qti-package-maker engine
ENGINES = {"canvas": "canvas_qti_v1_2", "qti21": "blackboard_qti_v2_1"}
_MD = MarkdownIt("commonmark")


def html(text: str) -> str:
    """Quiz markdown (emphasis, code, $maths$ left for the LMS's MathJax) as HTML, in ASCII:
    qti-package-maker refuses other characters, so "°" is written as the entity "&#176;"."""
    return _MD.render(" ".join(str(text).split())).strip().encode("ascii", "xmlcharrefreplace").decode("ascii")


def numeric_answer(question: dict) -> tuple[float, float]:
    """(answer, tolerance) of a numeric question: its first correct range or value."""
    for a in question["answers"]:
        if not a.get("correct"):
            continue
        if a.get("type") == "range":
            lo, hi = (float(x) for x in a["range"])
            return (lo + hi) / 2, (hi - lo) / 2
        value = float(a["value"])
        digits = int(question.get("precision", 3))
        tol = 0.0 if value == 0 else 0.5 * 10 ** (math.floor(math.log10(abs(value))) - digits + 1)
        return value, tol
    raise ValueError(f"numeric question {question['question']!r} has no correct answer")


def item(question: dict) -> tuple[str, tuple]:
    """(qti-package-maker item type, its arguments) for one quiz question."""
    text = html(question["question"])
    if question["type"] == "numeric":
        return "NUM", (text, *numeric_answer(question))
    choices = [html(a["answer"]) for a in question["answers"]]
    right = [html(a["answer"]) for a in question["answers"] if a.get("correct")]
    if len(set(choices)) != len(choices):
        raise ValueError(f"question {question['question']!r} has two identical options")
    if question["type"] == "multiple_choice" and len(right) == 1:
        return "MC", (text, choices, right[0])
    return "MA", (text, choices, right)


def export(out_dir: str | Path = DEFAULT_OUT, names: list[str] | None = None) -> list[Path]:
    """Write one package per quiz bank and engine; return the files written."""
    from qti_package_maker.package_interface import QTIPackageInterface

    from itband.course import quiz

    names = names if names is not None else quiz.bank_names()
    out_dir = Path(out_dir)
    banks = {name: [item(q) for q in quiz.load(name)] for name in names}  # everything checked first
    written = []
    for folder, engine in ENGINES.items():
        target = out_dir / folder
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name, items in banks.items():
            package = QTIPackageInterface(f"itband_{name}", allow_mixed=True)
            for kind, args in items:
                package.add_item(kind, args)
            prefix = {"canvas": "qti12", "qti21": "qti21"}[folder]
            outfile = target / f"{prefix}-itband_{name}.zip"
            package.save_package(engine, str(outfile))
            written.append(outfile)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.lms", description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: _build/lms)")
    args = parser.parse_args(argv)
    try:
        written = export(args.out)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} QTI packages to {Path(args.out).resolve()}: "
          + ", ".join(sorted({p.parent.name for p in written})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
