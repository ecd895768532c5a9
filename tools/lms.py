"""Every lesson's quiz bank as QTI packages for a learning platform (``make lms``).

The banks (``itband/data/quizzes/NN_topic.json``, read through :func:`itband.course.quiz.load`, so
every ``{fact}`` is filled in) are written with qti-package-maker (pinned in requirements-dev.txt):

- ``_build/lms/canvas/qti12-itband_NN_topic.zip``: QTI 1.2 as Canvas imports it
  (Settings > Import course content > QTI .zip file); D2L Brightspace reads it too;
- ``_build/lms/qti21/qti21-itband_NN_topic.zip``: QTI 2.1, as Blackboard Learn imports it
  (Question banks > Import), and any QTI 2.1 importer (Moodle with a QTI import plugin).

Question types: one correct choice -> multiple choice; several -> multiple answers; a numeric
question -> a numeric item whose answer is the middle of its correct range, with half the range as
its tolerance (so the LMS accepts exactly the range the notebook accepts).

Feedback: every option's feedback from the bank goes into the packages too. qti-package-maker's
Canvas and QTI 2.1 engines write no per-answer feedback (their items carry only correct/incorrect
slots, which these two engines never fill), so :func:`add_feedback` adds it to the XML the engine
wrote, in the standard forms, after checking that each item is the bank's question with the bank's
options in the bank's order:

- QTI 1.2 (Canvas): per option a ``<respcondition continue="Yes">`` on that option with a
  ``<displayfeedback linkrefid="OPTION_fb">``, and an ``<itemfeedback ident="OPTION_fb">`` with the
  text (the form Canvas itself exports, shown as each answer's comment). A numeric question gets its
  correct range's feedback as ``correct_fb`` on the scoring condition, each wrong range's feedback on
  a condition of its own after it, and the bank's default feedback as ``general_incorrect_fb`` (on
  ``<other/>``). Canvas shows a numerical question's correct and general feedback; the wrong ranges'
  feedback is there for QTI 1.2 players that read it.
- QTI 2.1: an outcome ``FEEDBACK`` (cardinality as the response's), set from ``RESPONSE`` in the
  response processing (for a numeric question, to the identifier of the bank range the answer falls
  in, or ``default``), and a ``<modalFeedback>`` per option or range, shown when ``FEEDBACK`` holds it.
"""
from __future__ import annotations

import argparse
import math
import shutil
import sys
import zipfile
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


# ------------------------------------------------------------------------- feedback

QTI12 = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI21 = "http://www.imsglobal.org/xsd/imsqti_v2p1"


def _el(parent, tag: str, ns: str, text: str | None = None, **attrs):
    from lxml import etree

    node = etree.SubElement(parent, f"{{{ns}}}{tag}", {k.rstrip("_"): str(v) for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _all(node, tag: str, ns: str) -> list:
    return list(node.iter(f"{{{ns}}}{tag}"))


def _ranges(question: dict) -> tuple[list[tuple[float, float, bool, str]], str | None]:
    """A numeric question's ranges as (low, high, correct, feedback HTML), and its default feedback."""
    ranges, default = [], None
    for a in question["answers"]:
        if a.get("type") == "default":
            default = html(a["feedback"]) if a.get("feedback") else None
        elif a.get("type") == "range":
            lo, hi = (float(x) for x in a["range"])
            ranges.append((lo, hi, bool(a.get("correct")), html(a.get("feedback", ""))))
        else:
            value = float(a["value"])
            ranges.append((value, value, bool(a.get("correct")), html(a.get("feedback", ""))))
    return ranges, default


def _check_options(found: int, question: dict, where: str) -> None:
    if found != len(question["answers"]):
        raise ValueError(f"{where}: the package has {found} options for {question['question'][:60]!r}, "
                         f"the bank {len(question['answers'])}; feedback cannot be matched to them")


def _canvas_feedback(item, question: dict, where: str) -> None:
    rp = _all(item, "resprocessing", QTI12)[0]
    outcomes = _all(rp, "outcomes", QTI12)[0]
    scoring = [c for c in rp if c.tag == f"{{{QTI12}}}respcondition"]
    fb = []  # (ident, HTML)
    if question["type"] == "numeric":
        ranges, default = _ranges(question)
        # after the scoring condition, which ends processing on a correct answer: as in the
        # notebook, the first range an answer falls in gives its feedback
        for i, (lo, hi, correct, text) in enumerate(ranges, 1):
            if correct:
                if text and scoring:
                    _el(scoring[0], "displayfeedback", QTI12, feedbacktype="Response", linkrefid="correct_fb")
                    fb.append(("correct_fb", text))
                continue
            cond = _el(rp, "respcondition", QTI12, continue_="Yes")
            var = _el(cond, "conditionvar", QTI12)
            _el(var, "vargte", QTI12, repr(lo), respident="response1")
            _el(var, "varlte", QTI12, repr(hi), respident="response1")
            _el(cond, "displayfeedback", QTI12, feedbacktype="Response", linkrefid=f"range_{i}_fb")
            fb.append((f"range_{i}_fb", text))
        if default:
            cond = _el(rp, "respcondition", QTI12, continue_="Yes")
            _el(_el(cond, "conditionvar", QTI12), "other", QTI12)
            _el(cond, "displayfeedback", QTI12, feedbacktype="Response", linkrefid="general_incorrect_fb")
            fb.append(("general_incorrect_fb", default))
    else:
        idents = [r.get("ident") for r in _all(item, "response_label", QTI12)]
        _check_options(len(idents), question, where)
        for ident, answer in reversed(list(zip(idents, question["answers"]))):
            cond = _el(rp, "respcondition", QTI12, continue_="Yes")
            _el(_el(cond, "conditionvar", QTI12), "varequal", QTI12, ident, respident="response1")
            _el(cond, "displayfeedback", QTI12, feedbacktype="Response", linkrefid=f"{ident}_fb")
            outcomes.addnext(cond)
        fb = [(f"{ident}_fb", html(a["feedback"])) for ident, a in zip(idents, question["answers"])]
    for ident, text in fb:
        _el(_el(_el(_el(item, "itemfeedback", QTI12, ident=ident), "flow_mat", QTI12), "material", QTI12),
            "mattext", QTI12, text, texttype="text/html")


def _xhtml(parent, fragment: str) -> None:
    """The HTML ``fragment`` (as :func:`html` writes it) as XHTML children of ``parent`` in QTI 2.1's namespace."""
    from lxml import etree

    holder = etree.fromstring(f'<div xmlns="{QTI21}">{fragment}</div>')
    for child in holder:
        parent.append(child)


def _qti21_feedback(tree, question: dict, where: str) -> None:
    decl = [d for d in _all(tree, "responseDeclaration", QTI21) if d.get("identifier") == "RESPONSE"][0]
    last_outcome = _all(tree, "outcomeDeclaration", QTI21)[-1]
    single = question["type"] == "numeric" or decl.get("cardinality") == "single"
    outcome = _el(tree, "outcomeDeclaration", QTI21, identifier="FEEDBACK", baseType="identifier",
                  cardinality="single" if single else "multiple")
    last_outcome.addnext(outcome)
    rp = _all(tree, "responseProcessing", QTI21)[0]
    fb = []  # (identifier, HTML)
    if question["type"] == "numeric":
        ranges, default = _ranges(question)
        cond = _el(rp, "responseCondition", QTI21)
        for i, (lo, hi, _correct, text) in enumerate(ranges, 1):
            branch = _el(cond, "responseIf" if i == 1 else "responseElseIf", QTI21)
            both = _el(branch, "and", QTI21)
            for op, bound in (("gte", lo), ("lte", hi)):
                test = _el(both, op, QTI21)
                _el(test, "variable", QTI21, identifier="RESPONSE")
                _el(test, "baseValue", QTI21, repr(bound), baseType="float")
            _el(_el(branch, "setOutcomeValue", QTI21, identifier="FEEDBACK"), "baseValue", QTI21, f"range_{i}",
                baseType="identifier")
            fb.append((f"range_{i}", text))
        if default:
            other = _el(cond, "responseElse", QTI21)
            _el(_el(other, "setOutcomeValue", QTI21, identifier="FEEDBACK"), "baseValue", QTI21, "default",
                baseType="identifier")
            fb.append(("default", default))
    else:
        idents = [c.get("identifier") for c in _all(tree, "simpleChoice", QTI21)]
        _check_options(len(idents), question, where)
        _el(_el(rp, "setOutcomeValue", QTI21, identifier="FEEDBACK"), "variable", QTI21, identifier="RESPONSE")
        fb = [(ident, html(a["feedback"])) for ident, a in zip(idents, question["answers"])]
    for ident, text in fb:
        _xhtml(_el(tree, "modalFeedback", QTI21, outcomeIdentifier="FEEDBACK", identifier=ident, showHide="show"),
               text)


def add_feedback(zip_path: str | Path, folder: str, questions: list[dict]) -> None:
    """Write every option's feedback of the bank ``questions`` into the package ``zip_path``
    (``folder`` ``canvas`` for QTI 1.2, ``qti21`` for QTI 2.1; see the module docstring)."""
    from lxml import etree

    zip_path = Path(zip_path)
    with zipfile.ZipFile(zip_path) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    where = zip_path.name
    changed = {}
    if folder == "canvas":
        (name, root), = [(i.filename, t) for i, d in members if i.filename.endswith(".xml")
                         for t in [etree.fromstring(d)] if t.tag == f"{{{QTI12}}}questestinterop"
                         and _all(t, "item", QTI12)]
        items = _all(root, "item", QTI12)
        if len(items) != len(questions):
            raise ValueError(f"{where}: {len(items)} items for {len(questions)} questions")
        for it, q in zip(items, questions):
            _canvas_feedback(it, q, where)
        changed[name] = root
    elif folder == "qti21":
        trees = {i.filename: etree.fromstring(d) for i, d in members if i.filename.endswith(".xml")}
        items = sorted((n, t) for n, t in trees.items() if t.tag == f"{{{QTI21}}}assessmentItem")
        if len(items) != len(questions):
            raise ValueError(f"{where}: {len(items)} items for {len(questions)} questions")
        for (name, root), q in zip(items, questions):
            _qti21_feedback(root, q, where)
            changed[name] = root
    else:
        raise ValueError(f"folder={folder!r} is not one of {sorted(ENGINES)}")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename in changed:
                data = etree.tostring(changed[info.filename], xml_declaration=True, encoding="UTF-8")
            z.writestr(info, data)


def export(out_dir: str | Path = DEFAULT_OUT, names: list[str] | None = None) -> list[Path]:
    """Write one package per quiz bank and engine; return the files written."""
    from qti_package_maker.package_interface import QTIPackageInterface

    from itband.course import quiz

    names = names if names is not None else quiz.bank_names()
    out_dir = Path(out_dir)
    questions = {name: quiz.load(name) for name in names}
    banks = {name: [item(q) for q in qs] for name, qs in questions.items()}  # everything checked first
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
            add_feedback(outfile, folder, questions[name])
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
