"""``make lms``: every lesson's quiz bank as QTI packages (tools/lms.py, qti-package-maker) and as
Moodle XML (tools/lms.py's own writer).

The files are read back with the standard library alone (zipfile, ElementTree), not with the
code that wrote them: each zip opens, every XML file parses, the manifest lists the files, and
every question of every bank is there with all its options and exactly its correct answers
(a numeric question's accepted range is the bank's correct range), and every option's feedback
is there and is shown for that option: in QTI 1.2 by the condition on that option (for a numeric
question, on that range, or ``<other/>`` for the bank's default), in QTI 2.1 by the modal
feedback whose identifier the response processing sets for it, in Moodle XML as that answer's
feedback. Every QTI 2.1 item's response processing is run (a small interpreter of the rules it
uses) to see that it sets ``SCORE`` 1 for the correct response and 0 for the others; every Moodle
answer's grade is one Moodle accepts, and a several-answer question's grades add up to 100 over
its correct options and to -100 over its wrong ones.
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
        else:  # the range of the condition that sets SCORE to 1
            scoring = _find(t, "responseProcessing")[0][0]
            assert [v.text for s in _find(scoring, "setOutcomeValue") if s.get("identifier") == "SCORE"
                    for v in _find(s, "baseValue")] == ["1", "0"], name
            (lo,), (hi,) = ([float(_find(op, "baseValue")[0].text)] for op in
                            (_find(scoring, "gte")[0], _find(scoring, "lte")[0]))
            right = (lo, hi)
            assert lo <= float(values[0]) <= hi, name
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


def _rp_run(item, response) -> dict:
    """Run a QTI 2.1 item's response processing on ``response`` (an identifier, a frozenset of them
    for a several-answer item, or a number): the outcomes it leaves. Only the rules the course's items
    use are known (conditions, match, and, or, gte, lte); any other fails the test, so a rule a player
    might read otherwise (the package maker's float ``equal`` with tolerance) cannot stay hidden."""
    decl = [d for d in _find(item, "responseDeclaration") if d.get("identifier") == "RESPONSE"][0]
    correct = [v.text for v in _find(_find(decl, "correctResponse")[0], "value")]
    correct = frozenset(correct) if decl.get("cardinality") == "multiple" else correct[0]
    if decl.get("baseType") == "float":
        correct = float(correct)
    outcomes = {}
    for d in _find(item, "outcomeDeclaration"):
        default = [v.text for v in _find(d, "value")]
        outcomes[d.get("identifier")] = float(default[0]) if default and d.get("baseType") == "float" else None

    def value(expr):
        tag, args = _local(expr.tag), list(expr)
        if tag == "variable":
            return response if expr.get("identifier") == "RESPONSE" else outcomes[expr.get("identifier")]
        if tag == "correct":
            return correct
        if tag == "baseValue":
            return float(expr.text) if expr.get("baseType") == "float" else expr.text
        if tag == "match":
            return value(args[0]) == value(args[1])
        if tag in ("and", "or"):
            return (all if tag == "and" else any)(value(a) for a in args)
        if tag in ("gte", "lte"):
            a, b = value(args[0]), value(args[1])
            return a >= b if tag == "gte" else a <= b
        raise AssertionError(f"response processing uses {tag!r}, which this test does not know")

    def run(rules):
        for rule in rules:
            if _local(rule.tag) == "setOutcomeValue":
                outcomes[rule.get("identifier")] = value(rule[0])
            elif _local(rule.tag) == "responseCondition":
                for branch in rule:
                    if _local(branch.tag) == "responseElse":
                        run(list(branch))
                        break
                    if value(branch[0]):
                        run(list(branch)[1:])
                        break
            else:
                raise AssertionError(f"unknown rule {rule.tag}")

    run(list(_find(item, "responseProcessing")[0]))
    return outcomes


@pytest.mark.parametrize("name", BANKS)
def test_qti21_items_score_the_correct_response_1_and_any_other_0(packages, name):
    trees = _open(packages / "qti21" / f"qti21-itband_{name}.zip")
    items = [t for _n, t in sorted(trees.items()) if _local(t.tag) == "assessmentItem"]
    bank = quiz.load(name)
    assert len(items) == len(bank)
    for item, q in zip(items, bank):
        where = f"{name}: {q['question'][:60]}"
        (score,) = [d for d in _find(item, "outcomeDeclaration") if d.get("identifier") == "SCORE"]
        assert [v.text for v in _find(score, "value")] == ["0"], where
        if q["type"] == "numeric":
            ranges = [(float(a["range"][0]), float(a["range"][1]), bool(a.get("correct")))
                      for a in q["answers"] if a.get("type") == "range"]
            inside = lambda x: any(lo <= x <= hi for lo, hi, ok in ranges if ok)  # noqa: E731
            for lo, hi, ok in ranges:
                width = max(hi - lo, abs(hi), 1.0) * 1e-6
                for x in (lo, (lo + hi) / 2, hi, lo - width, hi + width):
                    got = _rp_run(item, x)
                    assert got["SCORE"] == (1.0 if inside(x) else 0.0), (where, x)
                    first = next(i for i, (a, b, _ok) in enumerate(ranges, 1) if a <= x <= b) \
                        if any(a <= x <= b for a, b, _ok in ranges) else None
                    assert got["FEEDBACK"] == (f"range_{first}" if first else "default"), (where, x)
            continue
        idents = [c.get("identifier") for c in _find(item, "simpleChoice")]
        right = frozenset(i for i, a in zip(idents, q["answers"]) if a.get("correct"))
        if q["type"] == "multiple_choice":
            for ident in idents:
                got = _rp_run(item, ident)
                assert got["SCORE"] == (1.0 if ident in right else 0.0) and got["FEEDBACK"] == ident, where
        else:
            tries = [right, frozenset(idents)] + [frozenset([i]) for i in idents] + [right - {i} for i in right]
            for response in tries:
                got = _rp_run(item, response)
                assert got["SCORE"] == (1.0 if response == right else 0.0), (where, sorted(response))
                assert got["FEEDBACK"] == response, where


def test_qti21_score_is_refused_for_an_item_without_a_correct_response_test():
    from lxml import etree

    item = etree.fromstring(f'<assessmentItem xmlns="{lms.QTI21}"><responseProcessing/></assessmentItem>')
    with pytest.raises(ValueError, match="score cannot be set"):
        lms._qti21_score(item, quiz.load("01_anatomy")[0], "item.xml")


# ------------------------------------------------------------------------- Moodle XML

#: The grades Moodle's question bank offers, in per cent (its import stops on any other).
MOODLE_GRADES = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5, 0}


def moodle_questions(path: Path) -> tuple[str, list[dict]]:
    """The category and the questions of a Moodle XML file, in the form :func:`_same` compares, each
    with its Moodle ``type``, ``single`` and answer ``fractions`` too."""
    root = ET.parse(path).getroot()
    assert root.tag == "quiz", path
    head, *questions = root.findall("question")
    assert head.get("type") == "category", path
    out, names = [], []
    for q in questions:
        assert q.find("questiontext").get("format") == "html"
        names.append(q.findtext("name/text"))
        answers = q.findall("answer")
        assert answers, names[-1]
        for a in answers:
            assert a.find("feedback").get("format") == "html", names[-1]
        got = {"type": q.get("type"), "question": _plain(q.findtext("questiontext/text")),
               "single": q.findtext("single"), "fractions": [float(a.get("fraction")) for a in answers]}
        if q.get("type") == "numerical":
            feedback, right = {}, None
            for a in answers:
                text = _plain(a.findtext("feedback/text"))
                if a.findtext("text") == "*":
                    feedback["default"] = text
                    assert float(a.get("fraction")) == 0
                    continue
                mid, tol = float(a.findtext("text")), float(a.findtext("tolerance"))
                feedback[_bounds(mid - tol, mid + tol)] = text
                if float(a.get("fraction")) == 100 and right is None:
                    right = (mid - tol, mid + tol)
            got.update(options=[], right=right, feedback=feedback)
        else:
            options = [(_plain(a.findtext("text")), float(a.get("fraction")), _plain(a.findtext("feedback/text")))
                       for a in answers]
            got.update(options=sorted(o for o, _f, _fb in options),
                       right=sorted(o for o, f, _fb in options if f > 0),
                       feedback={o: fb for o, _f, fb in options})
        out.append(got)
    assert all(names) and len(set(names)) == len(names) and max(map(len, names)) <= 255, names
    return head.findtext("category/text"), out


@pytest.mark.parametrize("name", BANKS)
def test_moodle_file_has_every_question_option_answer_and_feedback(packages, name):
    path = packages / "moodle" / f"itband_{name}.xml"
    category, got = moodle_questions(path)
    lesson = next(lesson for lesson in L.read_lessons() if name in lesson.quizzes)
    assert category == f"$course$/top/IT band course/Lesson {lesson.number}: {lesson.title}"
    keys = ("question", "options", "right", "feedback")
    _same([{k: g[k] for k in keys} for g in got], expected(name), name)
    for g, q in zip(got, quiz.load(name)):
        where = f"{name}: {q['question'][:60]}"
        fractions = g["fractions"]
        assert all(abs(f) in MOODLE_GRADES for f in fractions), where
        if q["type"] == "numeric":
            assert g["type"] == "numerical" and g["single"] is None, where
            assert fractions == [100.0 if a.get("correct") else 0.0 for a in q["answers"]], where
        elif q["type"] == "multiple_choice":
            assert (g["type"], g["single"]) == ("multichoice", "true"), where
            assert sorted(fractions) == [0.0] * (len(fractions) - 1) + [100.0], where
        else:
            assert (g["type"], g["single"]) == ("multichoice", "false"), where
            right = [f for f in fractions if f > 0]
            wrong = [f for f in fractions if f <= 0]
            assert len(right) == sum(bool(a.get("correct")) for a in q["answers"]), where
            assert sum(right) == pytest.approx(100, abs=1e-3), where
            assert not wrong or sum(wrong) == pytest.approx(-100, abs=1e-3), where


def test_moodle_text_is_html_in_cdata_with_the_characters_themselves(packages):
    raw = (packages / "moodle" / "itband_03_hip_drop.xml").read_text("utf-8")
    assert raw.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "<![CDATA[<p>A 60 kg runner" in raw
    assert "×" in raw and "°" in raw and "&#" not in raw
    # a name holding "&", "<" and quotes is escaped by the writer and reads back as it was
    bank = [{"question": 'Is 1 < 2 & "x" > \'y\'?', "type": "multiple_choice", "answers": [
        {"answer": "Yes", "correct": True, "feedback": "Right: 1 < 2."},
        {"answer": "No", "correct": False, "feedback": "No: <br> 2 > 1 & so on."}]}]
    root = ET.fromstring(lms.moodle_xml(["A/B", "C"], bank))
    assert root.findtext("question/category/text") == "$course$/top/A//B/C"
    assert root.findall("question")[1].findtext("name/text") == 'Q01 Is 1 < 2 & "x" > \'y\'?'
    assert "<br>" in root.findall("question")[1].findall("answer")[1].findtext("feedback/text")


def test_moodle_numeric_ranges_grades_and_bad_questions():
    q = {"question": "Step?", "type": "numeric", "answers": [
        {"type": "range", "range": [1.09, 1.13], "correct": True, "feedback": "Right."},
        {"type": "range", "range": [2.15, 2.3], "correct": False, "feedback": "A stride."},
        {"type": "default", "feedback": "Convert."}]}
    answers = lms.moodle_question(q, "02.01")["answers"]
    assert [(a["text"], a["tolerance"], a["fraction"]) for a in answers] == [
        ("1.11", "0.02", "100"), ("2.225", "0.075", "0"), ("*", "0", "0")]
    values = {"question": "Force?", "type": "numeric", "precision": 3, "answers": [
        {"type": "value", "value": 343, "correct": True, "feedback": "Right."},
        {"type": "value", "value": 35, "correct": False, "feedback": "That is kilograms."}]}
    assert [(a["text"], a["tolerance"], a["fraction"]) for a in lms.moodle_question(values, "06.01")["answers"]] == [
        ("343", "0.5", "100"), ("35", "0", "0")]
    assert [lms.moodle_grade(n) for n in (1, 2, 3, 4, 6, 7)] == ["100", "50", "33.33333", "25", "16.66667",
                                                                  "14.28571"]
    with pytest.raises(ValueError, match=r"12 options would each need a grade of 100/12 %"):
        lms.moodle_grade(12, "q")
    many = {"question": "Pick", "type": "many_choice",
            "answers": [{"answer": f"o{i}", "correct": True, "feedback": "ok"} for i in range(12)]}
    with pytest.raises(ValueError, match="which Moodle does not offer"):
        lms.moodle_question(many, "01.01")
    with pytest.raises(ValueError, match=r"type='essay' is not one of \['multiple_choice', 'many_choice', 'numeric'\]"):
        lms.moodle_question({"question": "Why?", "type": "essay", "answers": []}, "01.01")
    with pytest.raises(ValueError, match="has no correct numeric answer"):
        lms.moodle_question(dict(q, answers=q["answers"][1:]), "01.01")
    with pytest.raises(ValueError, match="an answer has no feedback"):
        lms.moodle_question(dict(q, answers=[dict(q["answers"][0], feedback="")]), "01.01")
    with pytest.raises(ValueError, match=r"range=\[3, 1\] must be \[low, high\]"):
        lms.moodle_question(dict(q, answers=[dict(q["answers"][0], range=[3, 1])]), "01.01")
    with pytest.raises(ValueError, match="must be a non-empty list of category names"):
        lms.moodle_xml("IT band course", [q])
    assert "]]&gt;" in lms.moodle_question(dict(q, question="a ]]> b"), "01.01")["text"]  # escaped in text
    with pytest.raises(ValueError, match="cannot go into CDATA"):  # but kept in raw HTML
        lms.moodle_xml(["c"], [dict(q, question="a <!-- ]]> --> b")])


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
    assert sorted(p.name for p in (packages / "moodle").iterdir()) == [f"itband_{n}.xml" for n in BANKS]
    assert sorted(p.name for p in packages.iterdir()) == ["canvas", "moodle", "qti21"]


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
    written = lms.export(tmp_path, ["01_anatomy"])
    (canvas, qti21) = sorted(p for p in written if p.suffix == ".zip")
    assert [p.relative_to(tmp_path).as_posix() for p in written if p.suffix == ".xml"] == ["moodle/itband_01_anatomy.xml"]
    bank = quiz.load("01_anatomy")
    for path, folder in ((canvas, "canvas"), (qti21, "qti21")):
        with pytest.raises(ValueError, match=f"{len(bank)} items for {len(bank) - 1} questions"):
            lms.add_feedback(path, folder, bank[:-1])
    fewer = [dict(q, answers=q["answers"][:-1]) if q["type"] != "numeric" else q for q in bank]
    with pytest.raises(ValueError, match="options for"):
        lms.add_feedback(canvas, "canvas", fewer)
    with pytest.raises(ValueError, match=r"folder='moodle' is not one of \['canvas', 'qti21'\]"):
        lms.add_feedback(canvas, "moodle", bank)
