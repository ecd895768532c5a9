"""Lesson 8's three cases (itband/data/cases.yaml through itband.course.cases), as a live kernel
meets them: every branch of every case is walked here, option by option.

- every case has the six steps in order, exactly one best option per step, and every option
  has feedback that says why and names the lesson that teaches it;
- every unsafe option is called unsafe in plain words, and every case teaches at least one;
- the numbers the feedback states come from the course's models (the Lesson 6 planner set up
  for that runner, Lesson 4's strength gate) and from the evidence registry;
- ``cases.show`` emits a jupyterquiz quiz holding every option with its feedback, through the
  jupyterquiz adapter that creates every feedback line a live region (in a kernel and the book).
The built book is walked in a browser by tests/test_browser_cases.py.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from itband.course import cases, quiz
from itband.models import return_to_run
from itband.models.progression import STRENGTH_MILESTONES
from test_evidence import misquoted

ROOT = Path(__file__).resolve().parents[1]
RAW = yaml.safe_load((ROOT / "itband" / "data" / "cases.yaml").read_text("utf-8"))
NAMES = cases.case_names()
LESSON = ROOT / "notebooks" / "08_clinical_reasoning.ipynb"


def every_option():
    return [(n, s, o) for n in NAMES for s, o in cases.load(n).options()]


def test_there_are_the_three_cases_the_lesson_shows():
    assert NAMES == ["downhill_novice", "meniscus_lookalike", "fast_return"]
    source = LESSON.read_text("utf-8")
    for name in NAMES:
        assert f'cases.show(\\"{name}\\")' in source


@pytest.mark.parametrize("name", NAMES)
def test_every_case_has_six_steps_in_order_with_one_best_choice_each(name):
    case = cases.load(name)
    assert [s.step for s in case.steps] == list(cases.STEPS)
    for s in case.steps:
        assert len(s.options) >= 3
        assert [o.verdict for o in s.options].count("best") == 1


@pytest.mark.parametrize("name, step, option", every_option(),
                         ids=[f"{n}-{s.step}-{i}" for i, (n, s, _) in enumerate(every_option())])
def test_every_branch_gives_feedback_that_says_why_and_names_its_lesson(name, step, option):
    fb = option.full_feedback
    assert fb.startswith(cases.VERDICTS[option.verdict] + " ")
    reason = option.feedback
    assert len(reason.split()) >= 12, f"{name}/{step.step}: feedback too short to say why: {reason!r}"
    lessons = [int(n) for n in re.findall(r"\bLesson (\d)\b", reason)]
    assert lessons and all(1 <= n <= 7 for n in lessons)
    assert ("Unsafe" in fb.split(".")[0]) == (option.verdict == "unsafe")
    assert "{" not in fb and "}" not in fb, "a placeholder or fact role was not filled in"


@pytest.mark.parametrize("name", NAMES)
def test_every_case_teaches_at_least_one_unsafe_choice(name):
    assert any(o.verdict == "unsafe" for _, o in cases.load(name).options())


def test_red_flag_steps_call_delay_unsafe():
    """Ben's red flags: the option that waits two weeks is unsafe, and the best one refers promptly."""
    referral = next(s for s in cases.load("meniscus_lookalike").steps if s.step == "referral")
    verdicts = {o.text: o.verdict for o in referral.options}
    assert verdicts[next(t for t in verdicts if "two weeks" in t)] == "unsafe"
    assert "promptly" in next(t for t, v in verdicts.items() if v == "best")


def test_return_steps_state_the_planner_numbers_for_this_runner():
    for name in NAMES:
        case = cases.load(name)
        best = next(o for o in case.steps[-1].options if o.verdict == "best")
        if case.planner is None:
            assert "clinician" in best.feedback
            continue
        plan = return_to_run.plan_return(**case.planner)
        assert plan.ready and plan.complete
        assert f"{plan.n_weeks} weeks" in best.feedback
        assert f"{plan.weeks[-1].run_min_per_session:g} minutes of" in best.feedback
        assert f"{plan.max_weekly_increase_pct:g} %" in best.feedback
        assert cases.plan_for(name).n_weeks == plan.n_weeks


def test_the_strength_gate_in_chloes_case_is_lesson_4s():
    gate = next(m.target for m in STRENGTH_MILESTONES if m.key == "abductor_strength_symmetry_pct")
    exam = cases.load("fast_return").steps[1]
    best = next(o for o in exam.options if o.verdict == "best")
    assert f"below the {gate:g} % strength gate" in best.feedback
    measured = int(re.search(r"(\d+) % of the\s+other side", best.feedback).group(1))
    assert measured < gate  # the finding really is below the gate
    assert cases.load("fast_return").planner["strength_results"]["abductor_strength_symmetry_pct"] >= gate


def test_the_lesson_builds_each_plan_from_the_case_itself():
    source = LESSON.read_text("utf-8")
    for name in NAMES:
        if cases.load(name).planner is not None:
            assert f'cases.load(\\"{name}\\").planner' in source
    with pytest.raises(ValueError, match="case 'meniscus_lookalike' has no return-to-running plan"):
        cases.plan_for("meniscus_lookalike")


def test_no_case_text_types_a_cited_number_its_source_does_not_give():
    texts = [s.prompt for n in NAMES for s in cases.load(n).steps]
    texts += [t for _, _, o in every_option() for t in (o.text, o.feedback)]
    problems = [p for t in texts for p in misquoted(t)]
    assert not problems, problems


def test_the_cases_agree_with_the_course_facts_they_rest_on():
    ana = cases.load("downhill_novice")
    exam = next(o for o in ana.steps[1].options if o.verdict == "best").feedback
    assert "30°" in exam and "above the joint line" in exam  # the Noble zone and the tender spot (Lesson 5)
    ben = cases.load("meniscus_lookalike")
    history = next(o for o in ben.steps[0].options if o.verdict == "best").feedback
    from itband.models.triage import RED_FLAGS

    assert {"fall_or_twist", "swelling", "locking_or_giving_way"} <= set(RED_FLAGS)
    for clue in ("twist", "puffy", "locked"):
        assert clue in history


# ----------------------------------------------------------------------------- shown in a kernel

@pytest.mark.parametrize("name", NAMES)
def test_each_case_is_a_valid_quiz_bank_with_every_feedback(name):
    bank = cases.questions(name)
    quiz.validate_bank(bank, name)
    case = cases.load(name)
    assert len(bank) == len(case.steps)
    for q, s in zip(bank, case.steps):
        assert q["question"].startswith(f"Step {case.steps.index(s) + 1} of 6: ")
        assert q["question"].endswith(s.prompt)
        assert [a["feedback"] for a in q["answers"]] == [o.full_feedback for o in s.options]
        assert [a["correct"] for a in q["answers"]] == [o.verdict == "best" for o in s.options]


@pytest.mark.parametrize("name", NAMES)
def test_show_emits_the_quiz_with_every_branch_and_live_feedback(name):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()  # an IPython shell, as in a kernel, so display() publishes
    with capture_output() as captured:
        cases.show(name)
    data = [o.data for o in captured.outputs]
    html = next(d["text/html"] for d in data if "text/html" in d)
    script = next(d["application/javascript"] for d in data if "application/javascript" in d)
    div_id = re.search(r'<div id="(\w+)"', html).group(1)
    assert f"show_questions(questions{div_id}, {div_id});" in script
    assert "this.fbDiv.setAttribute('aria-live', 'polite');" in script  # the adapter's edit, as for lessons
    bank = json.loads(re.search(r"var questions\w+=(\[.*?\]);", script, re.DOTALL).group(1))
    assert bank == cases.questions(name)
    assert "cdn.jsdelivr.net" not in script


# ----------------------------------------------------------------------------- the file's checks

def _broken(edit):
    data = copy.deepcopy(RAW)
    edit(data["cases"]["downhill_novice"])
    return data


@pytest.mark.parametrize("edit, message", [
    (lambda c: c["steps"].pop(), r"case 'downhill_novice': steps must be \['history'"),
    (lambda c: c["steps"][0]["options"][1].update(verdict="best"), r"step 'history': needs exactly one 'best' option, has 2"),
    (lambda c: c["steps"][0]["options"][0].update(feedback="Because it is right."),
     r"step 'history', option 1: feedback must name the lesson"),
    (lambda c: c["steps"][0]["options"][0].update(feedback="See Lesson 9 for this."), r"names Lesson 9"),
    (lambda c: c["steps"][0]["options"][3].update(feedback="Unsafe. Red flags are missed (Lesson 5)."),
     r"option 4: feedback starts with a verdict's words"),
    (lambda c: c["steps"][0]["options"][0].update(verdict="fine"), r"verdict='fine' is not one of"),
    (lambda c: c["steps"][5]["options"][0].update(feedback="In {weks} weeks (Lesson 6)."), r"\{weks\} is not a value"),
    (lambda c: c.update(planner={"pain_free_walk_min": 30, "speed": 3}), r"planner takes only"),
    (lambda c: c.update(planner={"pain_free_walk_min": 30, "max_weekly_increase_pct": 90}),
     r"max_weekly_increase_pct=90 is outside"),
    (lambda c: c["steps"][1].update(options=c["steps"][1]["options"][:2]), r"needs at least 3 options, has 2"),
])
def test_a_malformed_case_is_named_with_its_step(edit, message):
    with pytest.raises(ValueError, match=message):
        cases.parse(_broken(edit))


def test_unknown_case_names_are_refused():
    with pytest.raises(ValueError, match=r"name='ana' is not one of the allowed values"):
        cases.load("ana")
