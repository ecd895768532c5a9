import copy

import pytest

from itband.course import quiz


def test_every_bank_loads_and_every_answer_has_feedback():
    names = quiz.bank_names()
    assert "01_anatomy" in names
    for name in names:
        questions = quiz.load(name)
        assert len(questions) >= 5, f"{name} needs at least 5 questions"
        for q in questions:
            assert all(a["feedback"].strip() for a in q["answers"])


def _cued(bank) -> tuple[int, int, float]:
    """Of a bank's one-answer multiple-choice questions, as a student reads them (facts filled in):
    how many have the right option as the longest of all, how many there are, and the mean length
    of the right option over the mean length of the others."""
    cued = total = 0
    ratios = []
    for q in bank:
        right = [a for a in q["answers"] if a.get("correct")]
        if q["type"] != "multiple_choice" or len(right) != 1:
            continue
        total += 1
        lengths = [len(a["answer"]) for a in q["answers"]]
        others = [n for a, n in zip(q["answers"], lengths) if a is not right[0]]
        cued += len(right[0]["answer"]) == max(lengths) and lengths.count(max(lengths)) == 1
        ratios.append(len(right[0]["answer"]) / (sum(others) / len(others)))
    return cued, total, sum(ratios) / len(ratios)


def test_the_right_option_is_not_given_away_by_being_the_longest():
    # an item-writing rule: options alike in length and form, or a test-wise student picks the
    # longest (in 43 of the 54 questions it was the right one). A bank may have the right option
    # longest about as often as chance would (one in four), not most of the time.
    cued = total = 0
    for name in quiz.bank_names():
        c, t, ratio = _cued(quiz.load(name))
        assert c <= max(2, round(0.4 * t)), f"{name}: the right option is the longest in {c} of {t} questions"
        assert ratio <= 1.3, f"{name}: the right options are {ratio:.2f} times as long as the others"
        cued, total = cued + c, total + t
    assert total >= 50 and cued <= 0.3 * total, f"the right option is the longest in {cued} of {total} questions"


def test_the_length_check_sees_a_bank_that_cues_its_answer():
    bank = copy.deepcopy(quiz.load("01_anatomy"))
    for q in bank:
        for a in q["answers"] if q["type"] == "multiple_choice" else []:
            if a.get("correct"):
                a["answer"] += " (a long clarification that only the right option carries)"
    c, t, ratio = _cued(bank)
    assert c == t and ratio > 1.3


def test_unknown_bank_is_refused_with_the_list():
    with pytest.raises(ValueError, match="name='nope'.*01_anatomy"):
        quiz.load("nope")


def test_validation_catches_missing_feedback_and_two_correct_answers():
    bank = quiz.load("01_anatomy")
    broken = copy.deepcopy(bank)
    broken[0]["answers"][1]["feedback"] = ""
    with pytest.raises(ValueError, match="no feedback"):
        quiz.validate_bank(broken)
    broken = copy.deepcopy(bank)
    broken[0]["answers"][1]["correct"] = True
    with pytest.raises(ValueError, match="exactly one correct"):
        quiz.validate_bank(broken)


def test_quiz_output_waits_for_the_pages_own_mathjax_and_never_loads_a_cdn():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    with capture_output() as captured:
        quiz.show("03_hip_drop")
    kinds = [sorted(o.data) for o in captured.outputs]
    scripts = [o.data["application/javascript"] for o in captured.outputs if "application/javascript" in o.data]
    assert len(scripts) == 1, kinds
    js = scripts[0]
    assert "cdn.jsdelivr.net" not in js
    assert "MathJax.hasOwnProperty('typeset')" not in js  # the branch that replaced MathJax cannot run
    assert "MathJax.typeset([container])" not in js and "MathJax.startup.promise.then" in js
    assert "window.MathJax && MathJax.startup" in js  # JupyterLab's MathJax has no typeset(): no error


def test_every_feedback_line_is_created_a_polite_live_region_in_the_book_and_a_kernel():
    """The adapter's edit, not a page script: a lesson quiz and a case carry it, wherever they run."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from itband.course import cases
    from itband.course.adapters import jupyterquiz as adapter

    InteractiveShell.instance()
    for show in (lambda: quiz.show("01_anatomy"), lambda: cases.show(cases.case_names()[0])):
        with capture_output() as captured:
            show()
        js = next(o.data["application/javascript"] for o in captured.outputs if "application/javascript" in o.data)
        created = js.index("this.fbDiv.className = 'Feedback';")
        assert js[created:].startswith("this.fbDiv.className = 'Feedback'; this.fbDiv.setAttribute('aria-live', "
                                       "'polite'); this.fbDiv.setAttribute('role', 'status');")
        assert adapter.LIBRARY_GUARD + adapter.library() in js  # what the book build writes once per site


def test_the_library_is_jupyterquizs_files_with_the_edits():
    from importlib import resources

    from itband.course.adapters import jupyterquiz as adapter

    lib = adapter.library()
    for f in resources.files("jupyterquiz").joinpath("js").iterdir():
        if f.name.endswith(".js"):
            first = f.read_text("utf-8").splitlines()[0]
            assert first in lib, f.name
    for old, new in adapter.EDITS:
        assert new in lib and (old not in lib or old in new)


def test_a_changed_jupyterquiz_script_fails_the_book_build_loudly():
    from itband.course.adapters import jupyterquiz as adapter

    with pytest.raises(adapter.AdapterMismatch, match="jupyterquiz's script has changed"):
        adapter.patch_script("console.log('a different script');", strict=True)


def test_in_a_students_kernel_a_changed_script_falls_back_with_a_warning():
    from itband.course.adapters import jupyterquiz as adapter

    script = "console.log('a different script');"
    with pytest.warns(UserWarning, match="script has changed"):
        assert adapter.patch_script(script, strict=False) == script


def test_another_jupyterquiz_release_is_named(monkeypatch):
    from itband.course.adapters import jupyterquiz as adapter

    monkeypatch.setattr(adapter, "installed_version", lambda: "9.9")
    with pytest.raises(adapter.AdapterMismatch, match=r"written for jupyterquiz 2\.9\.6\.4, but 9\.9"):
        adapter.patch_script("x", strict=True)
    with pytest.warns(UserWarning) as caught:
        assert adapter.patch_script("x", strict=False) == "x"  # left as it was, with both problems named
    messages = [str(w.message) for w in caught]
    assert any("but 9.9 is installed" in m for m in messages)
    assert any("script has changed" in m for m in messages)


def test_the_adapter_is_written_for_the_pinned_release():
    import tomllib
    from pathlib import Path

    from itband.course.adapters import jupyterquiz as adapter

    deps = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]["dependencies"]
    assert f"jupyterquiz=={adapter.WRITTEN_FOR}" in [d.lower() for d in deps]
    assert adapter.installed_version() == adapter.WRITTEN_FOR


@pytest.mark.parametrize("name", quiz.bank_names())
def test_the_static_quiz_has_every_question_option_and_answer_collapsed(name):
    import html as h
    import re

    text = h.unescape(quiz.static_html(name))
    bank = quiz.load(name)
    assert text.count("<details>") == len(bank) and "<details open" not in text
    for q in bank:
        assert q["question"] in text
        if q["type"] != "numeric":
            for a in q["answers"]:
                assert f"<li>{a['answer']}</li>" in text
    assert len(re.findall(r"<summary>Answer to question \d+</summary>", text)) == len(bank)


def test_the_book_build_adds_the_static_quiz_and_a_students_kernel_does_not(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from itband.course.explorer import BOOK_FRAMES_ENV

    InteractiveShell.instance()
    for env, expected in (("1", True), (None, False)):
        if env:
            monkeypatch.setenv(BOOK_FRAMES_ENV, env)
        else:
            monkeypatch.delenv(BOOK_FRAMES_ENV, raising=False)
        with capture_output() as captured:
            quiz.show("01_anatomy")
        htmls = [o.data.get("text/html", "") for o in captured.outputs]
        assert any("itb-quiz-static" in x for x in htmls) is expected
