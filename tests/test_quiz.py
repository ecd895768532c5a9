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


def test_an_upgraded_jupyterquiz_script_is_refused_loudly():
    with pytest.raises(RuntimeError, match="jupyterquiz's script has changed"):
        quiz.offline_script("console.log('a different script');")
