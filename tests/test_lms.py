"""``make lms``: every lesson's quiz bank as QTI packages (tools/lms.py, qti-package-maker).

The packages are read back with the standard library alone (zipfile, ElementTree), not with the
package that wrote them: each zip opens, every XML file parses, the manifest lists the files, and
every question of every bank is there with all its options and exactly its correct answers
(a numeric question's accepted range is the bank's correct range), and every option's feedback
is there and is shown for that option: in QTI 1.2 by the condition on that option (for a numeric
question, on that range, or ``<other/>`` for the bank's default), in QTI 2.1 by the modal
feedback whose identifier the response processing sets for it.
"""
from __future__ import annotations

import html
import re
import subprocess
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from itband.course import quiz
from tools import lessons as L
from tools import lms

ROOT = L.ROOT
BANKS = quiz.bank_names()


def _plain(fragment: str) -> str:
    """HTML of a question or option as the words a student reads (tags dropped, entities decoded)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", html.unescape(fragment)))
    return " ".join(text.split())


def _words(markdown: str) -> str:
    return _plain(lms.html(markdown))


def _bounds(*values) -> tuple[float, ...]:
    """A numeric range as a key: rounded, since a package may write the correct range as middle ± half."""
    return tuple(round(float(v), 9) for v in values)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(node, name):
    return [n for n in node.iter() if _local(n.tag) == name]


def _open(zip_path: Path) -> dict[str, ET.Element]:
    with zipfile.ZipFile(zip_path) as z:
        assert z.testzip() is None
        trees = {n: ET.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml")}
    manifest = trees["imsmanifest.xml"]
    listed = {f.get("href") for f in _find(manifest, "file")} | {r.get("href") for r in _find(manifest, "resource")}
    assert set(trees) - {"imsmanifest.xml"} <= listed, "files missing from the manifest"
    return trees


def canvas_questions(zip_path: Path) -> list[dict]:
    trees = _open(zip_path)
    (bank,) = [t for n, t in trees.items() if _find(t, "item") and _local(t.tag) == "questestinterop"]
    out = []
    for it in _find(bank, "item"):
        kind = next(f for f in _find(it, "qtimetadatafield") if _find(f, "fieldlabel")[0].text == "question_type")
        kind = _find(kind, "fieldentry")[0].text
        question = _plain(_find(_find(it, "presentation")[0], "mattext")[0].text)
        options = {lab.get("ident"): _plain(_find(lab, "mattext")[0].text) for lab in _find(it, "response_label")
               if _find(lab, "mattext")}
        scoring = [c for c in _find(it, "respcondition") if _find(c, "setvar")]
        cond = _find(scoring[0], "conditionvar")[0]
        if kind == "numerical_question":
            right = (float(_find(cond, "vargte")[0].text), float(_find(cond, "varlte")[0].text))
        else:
            negated = {v.text for n in _find(cond, "not") for v in _find(n, "varequal")}
            right = sorted(options[v.text] for v in _find(cond, "varequal") if v.text not in negated)
        texts = {f.get("ident"): _plain(_find(f, "mattext")[0].text) for f in _find(it, "itemfeedback")}
        feedback = {}
        for c in _find(it, "respcondition"):
            for shown in _find(c, "displayfeedback"):
                if kind == "numerical_question":
                    key = ("default" if _find(c, "other") else
                           _bounds(_find(c, "vargte")[0].text, _find(c, "varlte")[0].text))
                else:
                    (key,) = [options[v.text] for v in _find(c, "varequal")] if c not in scoring else [None]
                if key is not None:
                    feedback[key] = texts[shown.get("linkrefid")]
        out.append({"type": kind, "question": question, "options": sorted(options.values()), "right": right,
                    "feedback": feedback})
    return out


def qti21_questions(zip_path: Path) -> list[dict]:
    trees = _open(zip_path)
    out = []
    for name, t in sorted(trees.items()):
        if _local(t.tag) != "assessmentItem":
            continue
        body = _find(t, "itemBody")[0]
        choices = {c.get("identifier"): _plain(ET.tostring(c, encoding="unicode")) for c in _find(body, "simpleChoice")}
        prompt = _find(body, "prompt") or _find(body, "div")
        question = _plain(ET.tostring(prompt[0], encoding="unicode"))
        values = [v.text for v in _find(_find(t, "correctResponse")[0], "value")]
        if choices:
            right = sorted(choices[v] for v in values)
        else:
            tol = float(_find(t, "equal")[0].get("tolerance").split()[0])
            right = (float(values[0]) - tol, float(values[0]) + tol)
        shown = {m.get("identifier"): _plain(ET.tostring(m, encoding="unicode")) for m in _find(t, "modalFeedback")
                 if m.get("outcomeIdentifier") == "FEEDBACK" and m.get("showHide") == "show"}
        assert [d for d in _find(t, "outcomeDeclaration") if d.get("identifier") == "FEEDBACK"], name
        sets = [s for s in _find(_find(t, "responseProcessing")[0], "setOutcomeValue")
                if s.get("identifier") == "FEEDBACK"]
        feedback = {}
        if choices:
            assert [_find(s, "variable")[0].get("identifier") for s in sets] == ["RESPONSE"], name
            feedback = {text: shown[ident] for ident, text in choices.items() if ident in shown}
        else:
            for branch in [b for b in _find(t, "responseCondition")[-1]]:
                (ident,) = [v.text for v in _find(branch, "baseValue") if v.get("baseType") == "identifier"]
                bounds = _bounds(*(v.text for v in _find(branch, "baseValue") if v.get("baseType") == "float"))
                feedback["default" if _local(branch.tag) == "responseElse" else bounds] = shown[ident]
        out.append({"question": question, "options": sorted(choices.values()), "right": right, "feedback": feedback})
    return out


def expected(name: str) -> list[dict]:
    out = []
    for q in quiz.load(name):
        if q["type"] == "numeric":
            lo, hi = next(a["range"] for a in q["answers"] if a.get("correct"))
            feedback = {("default" if a["type"] == "default" else
                         _bounds(*a.get("range", [a.get("value")] * 2))): _words(a["feedback"])
                        for a in q["answers"]}
            out.append({"question": _words(q["question"]), "options": [], "right": (float(lo), float(hi)),
                        "feedback": feedback})
        else:
            out.append({"question": _words(q["question"]),
                        "options": sorted(_words(a["answer"]) for a in q["answers"]),
                        "right": sorted(_words(a["answer"]) for a in q["answers"] if a.get("correct")),
                        "feedback": {_words(a["answer"]): _words(a["feedback"]) for a in q["answers"]}})
    return out


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lms")
    proc = subprocess.run(["make", "-s", "lms", f"LMS_OUT={out}"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def _same(got: list[dict], want: list[dict], name: str):
    assert len(got) == len(want), f"{name}: {len(got)} questions in the package, {len(want)} in the bank"
    by_question = {g["question"]: g for g in got}
    for w in want:
        assert w["question"] in by_question, f"{name}: question missing: {w['question'][:80]}"
        g = by_question[w["question"]]
        if isinstance(w["right"], tuple):
            assert g["right"] == pytest.approx(w["right"], abs=1e-9), w["question"]
        else:
            assert g["options"] == w["options"], w["question"]
            assert g["right"] == w["right"], w["question"]
        assert g["feedback"] == w["feedback"], f"{name}: feedback differs for {w['question'][:80]}"
        assert all(w["feedback"].values()), f"{name}: an empty feedback in the bank"


@pytest.mark.parametrize("name", BANKS)
def test_canvas_package_has_every_question_option_and_answer(packages, name):
    got = canvas_questions(packages / "canvas" / f"qti12-itband_{name}.zip")
    _same([{k: v for k, v in g.items() if k != "type"} for g in got], expected(name), name)
    kinds = {q["type"] for q in quiz.load(name)}
    assert ("numerical_question" in {g["type"] for g in got}) == ("numeric" in kinds)


@pytest.mark.parametrize("name", BANKS)
def test_qti21_package_has_every_question_option_and_answer(packages, name):
    _same(qti21_questions(packages / "qti21" / f"qti21-itband_{name}.zip"), expected(name), name)


def test_every_bank_and_only_the_banks_are_exported(packages):
    for folder, prefix in (("canvas", "qti12"), ("qti21", "qti21")):
        assert sorted(p.name for p in (packages / folder).iterdir()) == [f"{prefix}-itband_{n}.zip" for n in BANKS]


def test_numeric_answers_and_bad_questions():
    q = {"question": "x?", "type": "numeric", "answers": [
        {"type": "range", "range": [1, 2], "correct": False}, {"type": "range", "range": [9.5, 10.5], "correct": True}]}
    assert lms.numeric_answer(q) == (10.0, 0.5)
    assert lms.numeric_answer({"question": "y?", "precision": 3, "answers": [
        {"type": "value", "value": 343, "correct": True}]}) == (343.0, 0.5)
    with pytest.raises(ValueError, match="no correct answer"):
        lms.numeric_answer({"question": "z?", "answers": [{"type": "value", "value": 1, "correct": False}]})
    with pytest.raises(ValueError, match="two identical options"):
        lms.item({"question": "w?", "type": "multiple_choice",
                  "answers": [{"answer": "a", "correct": True}, {"answer": "a", "correct": False}]})
    assert lms.html("20–30°") == "<p>20&#8211;30&#176;</p>"


def test_feedback_is_refused_for_a_package_that_does_not_match_its_bank(tmp_path):
    (canvas, qti21) = sorted(lms.export(tmp_path, ["01_anatomy"]))
    bank = quiz.load("01_anatomy")
    for path, folder in ((canvas, "canvas"), (qti21, "qti21")):
        with pytest.raises(ValueError, match=f"{len(bank)} items for {len(bank) - 1} questions"):
            lms.add_feedback(path, folder, bank[:-1])
    fewer = [dict(q, answers=q["answers"][:-1]) if q["type"] != "numeric" else q for q in bank]
    with pytest.raises(ValueError, match="options for"):
        lms.add_feedback(canvas, "canvas", fewer)
    with pytest.raises(ValueError, match=r"folder='moodle' is not one of \['canvas', 'qti21'\]"):
        lms.add_feedback(canvas, "moodle", bank)
