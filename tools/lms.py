"""Every lesson's quiz bank as QTI packages for a learning platform (``make lms``).

The banks (``itband/data/quizzes/NN_topic.json``, read through :func:`itband.course.quiz.load`, so
every ``{fact}`` is filled in) are written with qti-package-maker (pinned in requirements-dev.txt):

- ``_build/lms/canvas/qti12-itband_NN_topic.zip``: QTI 1.2 as Canvas imports it
  (Settings > Import course content > QTI .zip file); D2L Brightspace reads it too;
- ``_build/lms/qti21/qti21-itband_NN_topic.zip``: QTI 2.1, as Blackboard Learn imports it
  (Question banks > Import), and any QTI 2.1 importer;
- ``_build/lms/moodle/itband_NN_topic.xml``: Moodle XML, written by this module (see below).

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

Score (QTI 2.1): the package maker's choice items test the response against the correct one but set
no ``SCORE``, and its numeric items set ``SCORE`` 100 (not 1) from the middle and half-width written
as binary floats (1.1099999999999999 within 0.019999999999999907 for 1.09-1.13, so the accepted
bounds are the bank's only up to rounding). :func:`add_feedback` therefore replaces that
first condition by explicit rules, the standard ``match_correct`` template written out: ``SCORE`` 1
when the response matches the correct response (all of them for a several-answer question; for a
numeric question, when it lies in a correct range of the bank, bounds included), else 0.

Range bounds: every platform here, like Moodle's nominal tolerance, includes both ends of a range;
the lesson's quiz (jupyterquiz) takes a range as [low, high), so an answer exactly on a range's
upper bound is graded by the range after it in the lesson and by that range on a platform.

Moodle: core Moodle imports no QTI, and the package maker's Moodle engine writes Aiken (single-answer
multiple choice, no feedback). No maintained PyPI package writes Moodle XML for these question types
(moodle-tools 1.1's choice template is single-answer only and it writes names into its templates
unescaped; moodlexport has no numerical questions), so :func:`moodle_xml` writes Moodle XML with the standard
library, as https://docs.moodle.org/en/Moodle_XML_format documents it:
``_build/lms/moodle/itband_NN_topic.xml`` (Question bank > Import > Moodle XML format), one per
lesson, a ``category`` question naming the lesson first; see :func:`moodle_question`.
"""
from __future__ import annotations

import argparse
import math
import shutil
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

from markdown_it import MarkdownIt

from tools import lessons as L

DEFAULT_OUT = L.ROOT / "_build" / "lms"
#: output folder -> qti-package-maker engine
ENGINES = {"canvas": "canvas_qti_v1_2", "qti21": "blackboard_qti_v2_1"}
_MD = MarkdownIt("commonmark")


def html(text: str, ascii: bool = True) -> str:
    """Quiz markdown (emphasis, code, $maths$ left for the LMS's MathJax) as HTML, in ASCII by
    default: qti-package-maker refuses other characters, so "°" is written as the entity "&#176;"
    (``ascii=False``: as the character itself, for the UTF-8 Moodle XML)."""
    out = _MD.render(" ".join(str(text).split())).strip()
    return out.encode("ascii", "xmlcharrefreplace").decode("ascii") if ascii else out


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


def _decimal(x) -> str:
    """A number as the shortest decimal text that reads back as it (``1.09``, not ``1.0900000000000001``)."""
    d = x if isinstance(x, Decimal) else Decimal(repr(float(x)))
    return format(d.normalize(), "f")


def _mid_half(lo: float, hi: float) -> tuple[Decimal, Decimal]:
    """The middle and half-width of the range [lo, hi], in exact decimals (1.09-1.13 -> 1.11, 0.02)."""
    a, b = Decimal(repr(float(lo))), Decimal(repr(float(hi)))
    return (a + b) / 2, (b - a) / 2


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


def _qti21_score(tree, question: dict, where: str) -> None:
    """Make the item set ``SCORE`` (1 for the correct response, else 0; see the module docstring),
    in place of the package maker's first response condition."""
    rp = _all(tree, "responseProcessing", QTI21)[0]
    first = rp[0] if len(rp) else None
    if first is None or first.tag != f"{{{QTI21}}}responseCondition" or not _all(first, "correct", QTI21):
        raise ValueError(f"{where}: the item for {question['question'][:60]!r} does not start its response "
                         "processing with a test against the correct response; its score cannot be set")
    rp.remove(first)
    cond = _el(rp, "responseCondition", QTI21)
    rp.remove(cond)
    rp.insert(0, cond)
    branch = _el(cond, "responseIf", QTI21)
    if question["type"] == "numeric":
        right = [(lo, hi) for lo, hi, correct, _text in _ranges(question)[0] if correct]
        test = _el(branch, "or", QTI21) if len(right) > 1 else branch
        for lo, hi in right:
            both = _el(test, "and", QTI21)
            for op, bound in (("gte", lo), ("lte", hi)):
                node = _el(both, op, QTI21)
                _el(node, "variable", QTI21, identifier="RESPONSE")
                _el(node, "baseValue", QTI21, _decimal(bound), baseType="float")
        value = _all(_all(tree, "correctResponse", QTI21)[0], "value", QTI21)[0]
        value.text = _decimal(_mid_half(*right[0])[0])
    else:
        match = _el(branch, "match", QTI21)
        _el(match, "variable", QTI21, identifier="RESPONSE")
        _el(match, "correct", QTI21, identifier="RESPONSE")
    _el(_el(branch, "setOutcomeValue", QTI21, identifier="SCORE"), "baseValue", QTI21, "1", baseType="float")
    _el(_el(_el(cond, "responseElse", QTI21), "setOutcomeValue", QTI21, identifier="SCORE"), "baseValue", QTI21,
        "0", baseType="float")
    (decl,) = [d for d in _all(tree, "outcomeDeclaration", QTI21) if d.get("identifier") == "SCORE"]
    if not _all(decl, "defaultValue", QTI21):
        _el(_el(decl, "defaultValue", QTI21), "value", QTI21, "0")


def add_feedback(zip_path: str | Path, folder: str, questions: list[dict]) -> None:
    """Write every option's feedback of the bank ``questions`` into the package ``zip_path``
    (``folder`` ``canvas`` for QTI 1.2, ``qti21`` for QTI 2.1, where every item's ``SCORE`` is set
    too; see the module docstring)."""
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
            _qti21_score(root, q, where)
            _qti21_feedback(root, q, where)
            changed[name] = root
    else:
        raise ValueError(f"folder={folder!r} is not one of {sorted(ENGINES)}")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename in changed:
                data = etree.tostring(changed[info.filename], xml_declaration=True, encoding="UTF-8")
            z.writestr(info, data)


# ------------------------------------------------------------------------- Moodle XML

#: The grades Moodle accepts for an answer, in per cent (question_bank::fraction_options): its import
#: stops with an error on any other ("Error if grade not listed", the import form's default).
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5, 0)


def moodle_grade(share: int, question: str = "?") -> str:
    """The grade "100 / share" per cent as Moodle writes it ("50", "33.33333"), or ``ValueError``
    when Moodle has no such grade (``share`` correct or wrong options of a several-answer question)."""
    for grade in MOODLE_GRADES:
        if share >= 1 and abs(grade - 100 / share) < 1e-4:
            return f"{grade:.5f}".rstrip("0").rstrip(".")
    shares = [n for n in range(1, 11) if any(abs(g - 100 / n) < 1e-4 for g in MOODLE_GRADES)]
    raise ValueError(f"question {question[:60]!r}: {share} options would each need a grade of 100/{share} %, "
                     f"which Moodle does not offer; Moodle's grades split evenly over {shares} options")


def _plain_text(fragment: str) -> str:
    """An HTML fragment as plain text (tags dropped, entities decoded), for a question's name."""
    import html as _h
    import re

    return " ".join(_h.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def moodle_question(question: dict, number: str) -> dict:
    """One quiz question as a Moodle question (a plain dict that :func:`moodle_xml` writes):

    - one correct option -> ``multichoice`` with ``single`` true, grade 100 for the correct option and
      0 for the others;
    - several -> ``multichoice`` with ``single`` false, each correct option 100/k % (k correct, so
      they add up to 100) and each wrong one -100/w % (w wrong), so that ticking every box scores 0;
    - ``numeric`` -> ``numerical``: each range [a, b] of the bank, in the bank's order (Moodle, like
      the lesson, takes the first answer a response falls in), as the answer (a + b) / 2 with the
      tolerance (b - a) / 2 (Moodle's nominal tolerance, bounds included), grade 100 if correct
      else 0, with that range's feedback; a single value as itself (tolerance 0 if wrong, half a unit
      of the question's ``precision``-th significant digit if correct, as :func:`numeric_answer`);
      the bank's default feedback as the answer ``*`` (any other number), grade 0.

    Every option keeps its feedback. Texts are HTML (UTF-8, "×" and "°" as themselves); the name is
    ``number`` and the question's first words as plain text. ``ValueError`` for a question of another
    type, without answers, or whose options Moodle cannot grade."""
    from itband.course.quiz import validate_bank

    kinds = ["multiple_choice", "many_choice", "numeric"]
    if question.get("type") not in kinds:
        raise ValueError(f"question {str(question.get('question'))[:60]!r}: type={question.get('type')!r} "
                         f"is not one of {kinds}")
    validate_bank([question], f"question {number}")
    text = html(question["question"], ascii=False)
    words = _plain_text(text)
    name = f"{number} {words if len(words) <= 80 else words[:79].rstrip() + '…'}"
    out = {"name": name, "text": text, "answers": []}
    if question["type"] == "numeric":
        out["type"] = "numerical"
        for a in question["answers"]:
            feedback = html(a["feedback"], ascii=False)
            if a.get("type") == "default":
                out["answers"].append({"text": "*", "fraction": "0", "tolerance": "0", "feedback": feedback})
                continue
            if a.get("type") == "range":
                mid, half = _mid_half(*a["range"])
                if half < 0:
                    raise ValueError(f"question {words[:60]!r}: range={a['range']!r} must be [low, high]")
            elif a.get("correct"):
                mid, half = (Decimal(repr(x)) for x in numeric_answer({**question, "answers": [a]}))
            else:
                mid, half = Decimal(repr(float(a["value"]))), Decimal(0)
            out["answers"].append({"text": _decimal(mid), "tolerance": _decimal(half),
                                   "fraction": "100" if a.get("correct") else "0", "feedback": feedback})
        return out
    options = [html(a["answer"], ascii=False) for a in question["answers"]]
    if len(set(options)) != len(options):
        raise ValueError(f"question {words[:60]!r} has two identical options")
    right = sum(bool(a.get("correct")) for a in question["answers"])
    wrong = len(options) - right
    single = question["type"] == "multiple_choice" and right == 1
    out.update(type="multichoice", single=single)
    for option, a in zip(options, question["answers"]):
        if single:
            fraction = "100" if a.get("correct") else "0"
        else:
            fraction = moodle_grade(right, words) if a.get("correct") else "-" + moodle_grade(wrong, words)
        out["answers"].append({"text": option, "fraction": fraction, "feedback": html(a["feedback"], ascii=False)})
    return out


def moodle_xml(category: list[str], questions: list[dict], numbers: list[str] | None = None) -> bytes:
    """The bank ``questions`` as a Moodle XML file (UTF-8 bytes): a ``category`` question
    ``$course$/top/<category[0]>/<category[1]>...`` first (the path of nested categories, a "/" in a
    name written "//"; Moodle makes them when the import's "Get category from file" is ticked, as it
    is by default), then one question per :func:`moodle_question`, with the lesson's
    answer order shuffled by Moodle as the lesson does. HTML goes into CDATA sections with
    ``format="html"``; names are plain text, escaped by the XML writer."""
    from xml.dom import minidom

    numbers = numbers or [f"Q{i:02d}" for i in range(1, len(questions) + 1)]
    converted = [moodle_question(q, n) for q, n in zip(questions, numbers)]
    doc = minidom.Document()
    quiz = doc.appendChild(doc.createElement("quiz"))

    def el(parent, tag, text=None, cdata=False, **attrs):
        node = parent.appendChild(doc.createElement(tag))
        for key, value in attrs.items():
            node.setAttribute(key, str(value))
        if text is not None:
            if cdata and "]]>" in text:
                raise ValueError(f"the text {text[:60]!r} contains ']]>', which cannot go into CDATA")
            node.appendChild(doc.createCDATASection(text) if cdata else doc.createTextNode(text))
        return node

    def rich(parent, tag, text, **attrs):
        el(el(parent, tag, format="html", **attrs), "text", text, cdata=True)

    head = el(quiz, "question", type="category")
    if isinstance(category, str) or not category or not all(str(c).strip() for c in category):
        raise ValueError(f"category={category!r} must be a non-empty list of category names")
    el(el(head, "category"), "text", "/".join(["$course$", "top"] + [c.replace("/", "//") for c in category]))
    rich(head, "info", "")
    for q in converted:
        node = el(quiz, "question", type=q["type"])
        el(el(node, "name"), "text", q["name"])
        rich(node, "questiontext", q["text"])
        rich(node, "generalfeedback", "")
        el(node, "defaultgrade", "1")
        el(node, "penalty", "0.3333333")
        el(node, "hidden", "0")
        if q["type"] == "multichoice":
            el(node, "single", "true" if q["single"] else "false")
            el(node, "shuffleanswers", "true")
            el(node, "answernumbering", "abc")
            el(node, "showstandardinstruction", "0")
            for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
                rich(node, tag, "")
            el(node, "shownumcorrect")
        for a in q["answers"]:
            answer = el(node, "answer", fraction=a["fraction"], format="html" if q["type"] == "multichoice"
                        else "moodle_auto_format")
            el(answer, "text", a["text"], cdata=q["type"] == "multichoice")
            rich(answer, "feedback", a["feedback"])
            if "tolerance" in a:
                el(answer, "tolerance", a["tolerance"])
        if q["type"] == "numerical":
            el(node, "unitgradingtype", "0")
            el(node, "unitpenalty", "0.1000000")
            el(node, "showunits", "3")
            el(node, "unitsleft", "0")
    return doc.toprettyxml(indent="  ", encoding="UTF-8")


def export(out_dir: str | Path = DEFAULT_OUT, names: list[str] | None = None) -> list[Path]:
    """Write one package per quiz bank and engine, and one Moodle XML file per bank; return the files written."""
    from qti_package_maker.package_interface import QTIPackageInterface

    from itband.course import quiz

    names = names if names is not None else quiz.bank_names()
    out_dir = Path(out_dir)
    questions = {name: quiz.load(name) for name in names}
    banks = {name: [item(q) for q in qs] for name, qs in questions.items()}  # everything checked first
    titles = {b: f"Lesson {lesson.number}: {lesson.title}" for lesson in L.read_lessons() for b in lesson.quizzes}
    number = {b: b.split("_")[0] for b in names}
    moodle = {name: moodle_xml(["IT band course", titles.get(name, name)], qs,
                               [f"{number[name]}.{i:02d}" for i in range(1, len(qs) + 1)])
              for name, qs in questions.items()}
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
    target = out_dir / "moodle"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name, data in moodle.items():
        outfile = target / f"itband_{name}.xml"
        outfile.write_bytes(data)
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
    print(f"Wrote {len(written)} quiz files to {Path(args.out).resolve()}: "
          + ", ".join(sorted({p.parent.name for p in written})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
